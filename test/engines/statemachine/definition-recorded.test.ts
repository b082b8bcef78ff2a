/**
 * Definition validation against AWS responses recorded in LocalStack's parity snapshots
 * (tests/aws/services/stepfunctions/v2/**.snapshot.json), plus definitions AWS must accept.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseDefinition,
  parseStateDefinition,
  validateDefinition,
} from '../../../src/engines/statemachine/definition/index.js';
import { SfnDomainError } from '../../../src/engines/statemachine/errors.js';

type Def = string | Record<string, unknown>;
interface Case {
  name: string;
  def: Def;
  type?: 'STANDARD' | 'EXPRESS';
  /** CreateStateMachine message, or 'OK'. */
  expect: string;
}

const text = (d: Def): string => (typeof d === 'string' ? d : JSON.stringify(d));
const IDS = 'Invalid State Machine Definition: ';
const pass = (extra: Record<string, unknown> = {}) => ({ Type: 'Pass', End: true, ...extra });
const one = (state: Record<string, unknown>, top: Record<string, unknown> = {}) => ({ StartAt: 'S', States: { S: state }, ...top });

function createMessage(def: Def, type?: 'STANDARD' | 'EXPRESS'): string {
  try {
    parseDefinition(text(def), type ? { type } : {});
    return 'OK';
  } catch (e) {
    assert.ok(e instanceof SfnDomainError, String(e));
    assert.equal(e.code, 'InvalidDefinition');
    return e.message;
  }
}

function runTable(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(createMessage(c.def, c.type), c.expect);
      const v = validateDefinition(text(c.def), c.type ? { type: c.type } : {});
      assert.equal(v.result, c.expect === 'OK' ? 'OK' : 'FAIL');
    });
  }
}

const SQS_WFTT = {
  StartAt: 'SendMessageWithWait',
  States: {
    SendMessageWithWait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { 'QueueUrl.$': '$.QueueUrl', MessageBody: { 'Message.$': '$.Message', 'TaskToken.$': '$$.Task.Token' } },
      End: true,
    },
  },
};
const WAIT_TS = (ts: string) => ({ StartAt: 'WaitUntil', States: { WaitUntil: { Type: 'Wait', Timestamp: ts, End: true } } });
const RFC = `${IDS}'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'`;
const ESCAPE = `${IDS}'SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/IntrinsicEscape/Parameters'`;
const escapeDef = (expr: string) => ({
  StartAt: 'IntrinsicEscape',
  States: { IntrinsicEscape: { Type: 'Pass', Parameters: { 'parsed.$': expr }, End: true } },
});

describe('recorded AWS CreateStateMachine errors', () => {
  runTable([
    // test_sfn_api::test_create_delete_invalid_sm (invalid_der.json5)
    { name: 'no States', def: { Comment: 'BASE_INVALID_DER', StartAt: 'State_1' }, expect: `${IDS}'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'` },
    // test_sfn_api_express::test_illegal_callbacks / test_illegal_activity_task
    {
      name: 'express .waitForTaskToken (double space as recorded)',
      type: 'EXPRESS',
      def: { StartAt: 'Publish', States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:111111111111:t', 'Message.$': '$$.Task.Token' }, End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/Publish/Resource'`,
    },
    {
      name: 'express .sync',
      type: 'EXPRESS',
      def: { StartAt: 'StartExecution', States: { StartExecution: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { 'StateMachineArn.$': '$.StateMachineArn' }, End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/StartExecution/Resource'`,
    },
    {
      name: 'express activity',
      type: 'EXPRESS',
      def: { StartAt: 'ActivityTask', States: { ActivityTask: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:111111111111:activity:a1', End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/ActivityTask/Resource'`,
    },
    { name: 'standard .waitForTaskToken is fine', def: SQS_WFTT, expect: 'OK' },
    {
      name: 'standard activity is fine',
      def: { StartAt: 'ActivityTask', States: { ActivityTask: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:111111111111:activity:a1', End: true } } },
      expect: 'OK',
    },
    // test_credentials_base::test_invalid_credentials_field
    ...[{}, { InvalidField: 'invalid' }].map((creds, i) => ({
      name: `credentials without RoleArn #${i}`,
      def: { StartAt: 'State0', QueryLanguage: 'JSONata', States: { State0: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: '{% $states.input %}', Credentials: creds, End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials'`,
    })),
    // test_dynamodb_task_service::test_invalid_integration
    {
      name: 'unsupported optimized integration',
      def: { StartAt: 'Query', States: { Query: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:query', End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/Query/Resource'`,
    },
    // test_lambda_task_service::test_list_functions (AWS rejects it; needs aws-sdk:lambda:listFunctions)
    {
      name: 'lambda:listFunctions is not an optimized integration',
      def: { StartAt: 'Start', States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::lambda:listFunctions', End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::lambda:listFunctions is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/Start/Resource'`,
    },
    // test_base_scenarios::test_wait_timestamp_invalid
    { name: 'timestamp NO_T', def: WAIT_TS('2016-12-05 21:29:29Z'), expect: RFC },
    { name: 'timestamp NO_Z', def: WAIT_TS('2016-12-05T21:29:29'), expect: RFC },
    { name: 'timestamp INVALID_DATE', def: WAIT_TS('2016-13-05T21:29:29Z'), expect: RFC },
    { name: 'timestamp INVALID_TIME', def: WAIT_TS('2016-12-05T25:29:29Z'), expect: RFC },
    { name: 'timestamp INVALID_ISO', def: WAIT_TS('05-12-2016T21:29:29Z'), expect: RFC },
    { name: 'timestamp JSONATA in a JSONPath machine', def: WAIT_TS("{% '2016-03-14T01:59:00Z' %}"), expect: RFC },
    { name: 'timestamp SECONDS ok', def: WAIT_TS('2016-03-14T01:59:00Z'), expect: 'OK' },
    { name: 'timestamp NANOSECONDS ok', def: WAIT_TS('2016-03-05T21:29:29.243167252Z'), expect: 'OK' },
    // test_base_scenarios::test_illegal_escapes
    { name: 'illegal escape in intrinsic #1', def: escapeDef('States.StringToJson(\'{"text":"An \\"escaped double quote\\" here"}\')'), expect: ESCAPE },
    { name: 'illegal escape in intrinsic #2', def: escapeDef("States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')"), expect: ESCAPE },
    { name: 'legal JSONPath escape', def: escapeDef('$[\'Test\\""Name"\']'), expect: 'OK' },
    {
      name: '.$ key inside Result is a literal',
      def: { StartAt: 'R', States: { R: { Type: 'Pass', Result: { 'x.$': 'States.StringToJson(\'{"a":"\\"b\\""}\')' }, End: true } } },
      expect: 'OK',
    },
    // test_test_state_machine_scenarios::test_state_name_invalid_state_definition
    {
      name: 'unknown Type',
      def: { StartAt: 'ExistingButInvalidState', States: { ExistingButInvalidState: { Type: 'TypeThatDoesNotExist', End: true } } },
      expect: `${IDS}'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/ExistingButInvalidState/Type'`,
    },
  ]);
});

describe('recorded ValidateStateMachineDefinition responses', () => {
  const cases: { name: string; def: string; type?: 'STANDARD' | 'EXPRESS'; diagnostics: object[] }[] = [
    { name: 'EMPTY_STRING', def: ' ', diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'Definition must be a valid JSON object' }] },
    {
      name: 'NOT_A_DEF',
      def: 'not a definition',
      diagnostics: [
        {
          severity: 'ERROR',
          code: 'INVALID_JSON_DESCRIPTION',
          location: '[Source: (String)"not a definition"; line: 1, column: 4]',
          message:
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]",
        },
      ],
    },
    { name: 'EMPTY_DICT', def: '{}', diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/', message: 'These fields are required: [States, StartAt]' }] },
    { name: 'VALID_BASE_PASS', def: text(one(pass())), diagnostics: [] },
    { name: 'VALID_BASE_PASS express', type: 'EXPRESS', def: text(one(pass())), diagnostics: [] },
    {
      name: 'INVALID_BASE_NO_STARTAT',
      def: text({ States: { StartState: pass() } }),
      diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/', message: 'These fields are required: [StartAt]' }],
    },
    {
      name: 'ILLEGAL_WFTT express',
      type: 'EXPRESS',
      def: text(SQS_WFTT),
      diagnostics: [
        {
          severity: 'ERROR',
          code: 'SCHEMA_VALIDATION_FAILED',
          location: '/States/SendMessageWithWait/Resource',
          message: "Express state machine does not support '.waitForTaskToken' service integration ",
        },
      ],
    },
    {
      name: 'INVALID_DOWNGRADE_QUERY_LANGUAGE',
      def: text({ StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true, QueryLanguage: 'JSONPath' } }, QueryLanguage: 'JSONata' }),
      diagnostics: [
        { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/States/Pass', message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine" },
      ],
    },
    {
      name: 'VALID_QUERY_LANGUAGE_PASS (JSONPath inside a JSONata Map of a JSONPath machine)',
      def: text({
        StartAt: 'Map',
        QueryLanguage: 'JSONPath',
        States: {
          Map: {
            Type: 'Map',
            QueryLanguage: 'JSONata',
            ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Pass', States: { Pass: { QueryLanguage: 'JSONPath', Type: 'Pass', End: true } } },
            End: true,
          },
        },
      }),
      diagnostics: [],
    },
  ];
  for (const c of cases) {
    for (const type of c.type ? [c.type] : (['STANDARD', 'EXPRESS'] as const)) {
      it(`${c.name} (${type})`, () => {
        const r = validateDefinition(c.def, { type });
        assert.deepEqual(r, { result: c.diagnostics.length ? 'FAIL' : 'OK', diagnostics: c.diagnostics, truncated: false });
      });
    }
  }
});

describe('recorded TestState definition errors', () => {
  it('empty Parallel Branches (state wrapped as StateName)', () => {
    assert.throws(
      () => parseStateDefinition(JSON.stringify({ Type: 'Parallel', Branches: [], End: true }), { mock: true }),
      (e: unknown) =>
        e instanceof SfnDomainError &&
        e.code === 'InvalidDefinition' &&
        e.message === `${IDS}'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'`,
    );
  });
  for (const type of ['Map', 'Parallel']) {
    it(`${type} without a mock`, () => {
      const def = type === 'Map' ? { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: pass() } }, End: true } : { Type: 'Parallel', Branches: [one(pass())], End: true };
      assert.throws(
        () => parseStateDefinition(JSON.stringify(def), { mock: false }),
        (e: unknown) =>
          e instanceof SfnDomainError &&
          e.message === 'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
      );
      assert.doesNotThrow(() => parseStateDefinition(JSON.stringify(def), { mock: true }));
    });
  }
  it('a single state may point at a state outside the definition', () => {
    const s = parseStateDefinition(JSON.stringify({ Type: 'Pass', Next: 'Elsewhere' }));
    assert.equal(s.Next, 'Elsewhere');
  });
});

describe('recorded Map Label errors (AWS reports them in a Python-ish form)', () => {
  const labelDef = (label: string) =>
    JSON.stringify({
      Comment: 'MAP_STATE_LABEL_JSON',
      StartAt: 'MapState',
      States: {
        MapState: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'IteratorInner', States: { IteratorInner: { Type: 'Pass', End: true } } },
          Label: label,
          End: true,
        },
      },
    });
  const cases: [string, string][] = [
    ['', "Args=['Label cannot be empty']"],
    ['12345678901234567890123456789012345678901', "Args=['Label cannot exceed 40 characters']"],
    ['label_ ', `Args=["Label contains invalid character: ' '"]`],
    ['label_?', `Args=["Label contains invalid character: '?'"]`],
    ['label_{', `Args=["Label contains invalid character: '{'"]`],
    ['label_|', `Args=["Label contains invalid character: '|'"]`],
  ];
  for (const [label, args] of cases) {
    it(JSON.stringify(label), () => {
      const def = labelDef(label);
      assert.throws(
        () => parseDefinition(def),
        (e: unknown) => e instanceof SfnDomainError && e.code === 'InvalidDefinition' && e.message === `Error=ValueError Args=${args.slice(5)} in definition '${def}'.`,
      );
    });
  }
  it('a 40-character label of safe characters is fine', () => {
    assert.doesNotThrow(() => parseDefinition(labelDef('a'.repeat(40))));
  });
});

describe('definitions AWS accepts (research §5 complaint #5)', () => {
  runTable([
    {
      name: 'Comment inside Retry and Catch',
      def: one({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], Comment: 'c', JitterStrategy: 'FULL', MaxDelaySeconds: 10 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F', Comment: 'c' }], End: true }, {}),
      expect: `${IDS}'MISSING_TRANSITION_TARGET: Missing 'Next' target: F at /States/S/Catch/0/Next'`,
    },
    {
      name: 'Comment inside Retry (complete)',
      def: { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], Comment: 'c' }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F', Comment: 'c' }], End: true }, F: { Type: 'Fail' } } },
      expect: 'OK',
    },
    { name: 'Version', def: one(pass(), { Version: '1.0', Comment: 'x', TimeoutSeconds: 30 }), expect: 'OK' },
    {
      name: 'MaxConcurrencyPath',
      def: one({ Type: 'Map', ItemsPath: '$.items', MaxConcurrencyPath: '$.max', ItemProcessor: { StartAt: 'P', States: { P: pass() } }, End: true }),
      expect: 'OK',
    },
    {
      name: 'JSONata Choice with Output',
      def: {
        QueryLanguage: 'JSONata',
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.x = 1 %}', Next: 'A', Output: { y: '{% $states.input.x %}' }, Assign: { v: 1 } }], Default: 'A', Output: '{% $states.input %}' },
          A: { Type: 'Succeed' },
        },
      },
      expect: 'OK',
    },
    { name: '$$.State.Name in ErrorPath', def: one({ Type: 'Fail', ErrorPath: '$$.State.Name', CausePath: "States.Format('failed in {}', $$.State.Name)" }), expect: 'OK' },
  ]);
});
