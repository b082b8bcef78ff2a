/**
 * Definition rules whose AWS texts are not recorded (messages follow AWS's style; see
 * src/engines/statemachine/definition/messages.ts). The table pins code + location + message.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition, validateDefinition } from '../../../src/engines/statemachine/definition/index.js';
import { SfnDomainError } from '../../../src/engines/statemachine/errors.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const pass = (extra: Record<string, unknown> = {}) => ({ Type: 'Pass', End: true, ...extra });
const one = (state: Record<string, unknown>, top: Record<string, unknown> = {}) => ({ StartAt: 'S', States: { S: state }, ...top });
const task = (extra: Record<string, unknown> = {}) => ({ Type: 'Task', Resource: LAMBDA, End: true, ...extra });
const jsonata = (state: Record<string, unknown>) => one(state, { QueryLanguage: 'JSONata' });
const map = (extra: Record<string, unknown> = {}, config: Record<string, unknown> = {}) =>
  one({ Type: 'Map', ItemProcessor: { ProcessorConfig: config, StartAt: 'P', States: { P: pass() } }, End: true, ...extra });
const DIST = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };

/** [name, definition, expected "CODE: message at location" lines (empty = OK), type?] */
type Row = [string, Record<string, unknown> | string, string[], ('STANDARD' | 'EXPRESS')?];
const S = 'SCHEMA_VALIDATION_FAILED: ';

const rows: Row[] = [
  // top level
  ['unknown top-level field', { ...one(pass()), Foo: 1 }, [`${S}Field 'Foo' is not supported at /`]],
  ['bad top-level QueryLanguage', one(pass(), { QueryLanguage: 'XPath' }), [`${S}The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata] at /QueryLanguage`]],
  ['TimeoutSeconds 0', one(pass(), { TimeoutSeconds: 0 }), [`${S}The value for the field 'TimeoutSeconds' must be between 1 and 99999999 at /TimeoutSeconds`]],
  ['empty States', { StartAt: 'S', States: {} }, [`${S}Value cannot be empty at /States`]],
  ['StartAt missing target', { StartAt: 'X', States: { S: pass() } }, ["MISSING_TRANSITION_TARGET: Missing 'StartAt' target: X at /StartAt"]],
  ['missing Type', one({ End: true }), [`${S}These fields are required: [Type] at /States/S`]],
  // graph
  ['missing Next target', one({ Type: 'Pass', Next: 'X' }), ["MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/S/Next"]],
  ['unreachable state', { StartAt: 'S', States: { S: pass(), T: pass() } }, ["UNREACHABLE_STATE: State 'T' is not reachable at /States/T"]],
  [
    'cycle reachable is fine',
    { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'B' }], Default: 'C' }, B: { Type: 'Wait', Seconds: 1, Next: 'A' }, C: { Type: 'Succeed' } } },
    [],
  ],
  [
    'transition out of a Parallel branch',
    { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Done' } } }], Next: 'Done' }, Done: { Type: 'Succeed' } } },
    ["MISSING_TRANSITION_TARGET: Missing 'Next' target: Done at /States/P/Branches/0/States/B/Next"],
  ],
  [
    'transition into a Map processor from outside',
    { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'In', States: { In: pass() } }, Next: 'In' } } },
    ["MISSING_TRANSITION_TARGET: Missing 'Next' target: In at /States/M/Next"],
  ],
  [
    'duplicate state name across scopes',
    { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: pass() } }], End: true } } },
    ['DUPLICATE_STATE_NAME: Duplicate State name: P at /States/P/Branches/0/States/P'],
  ],
  [
    'several problems are joined',
    { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'X' }, B: { Type: 'Pass', Next: 'Y' } } },
    ["MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/A/Next", "MISSING_TRANSITION_TARGET: Missing 'Next' target: Y at /States/B/Next"],
  ],
  // Next / End
  ['neither Next nor End', one({ Type: 'Pass' }), [`${S}Exactly one of these fields is required: [Next, End] at /States/S`]],
  ['both Next and End', { StartAt: 'S', States: { S: { Type: 'Pass', Next: 'T', End: true }, T: pass() } }, [`${S}Exactly one of these fields is required: [Next, End] at /States/S`]],
  ['End false', one({ Type: 'Pass', End: false }), [`${S}The value for the field 'End' must be true at /States/S/End`]],
  ['Next on Succeed', { StartAt: 'S', States: { S: { Type: 'Succeed', Next: 'T' }, T: pass() } }, [`${S}Field 'Next' is not supported at /States/S`, "UNREACHABLE_STATE: State 'T' is not reachable at /States/T"]],
  // Retry / Catch placement
  ['Catch on Pass', one(pass({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }] })), [`${S}Field 'Catch' is not supported at /States/S`]],
  ['Retry on Wait', one({ Type: 'Wait', Seconds: 1, End: true, Retry: [] }), [`${S}Field 'Retry' is not supported at /States/S`]],
  ['Retry on Map is fine', map({ Retry: [{ ErrorEquals: ['States.ALL'] }] }), []],
  // Retrier
  ['MaxAttempts -1', one(task({ Retry: [{ ErrorEquals: ['E'], MaxAttempts: -1 }] })), [`${S}The value for the field 'MaxAttempts' must be between 0 and 99999999 at /States/S/Retry/0/MaxAttempts`]],
  ['MaxAttempts 0 is fine', one(task({ Retry: [{ ErrorEquals: ['E'], MaxAttempts: 0 }] })), []],
  ['BackoffRate 0.5', one(task({ Retry: [{ ErrorEquals: ['E'], BackoffRate: 0.5 }] })), [`${S}The value for the field 'BackoffRate' must be greater than or equal to 1 at /States/S/Retry/0/BackoffRate`]],
  ['IntervalSeconds 0', one(task({ Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 0 }] })), [`${S}The value for the field 'IntervalSeconds' must be between 1 and 99999999 at /States/S/Retry/0/IntervalSeconds`]],
  ['MaxDelaySeconds too big', one(task({ Retry: [{ ErrorEquals: ['E'], MaxDelaySeconds: 31622401 }] })), [`${S}The value for the field 'MaxDelaySeconds' must be between 1 and 31622400 at /States/S/Retry/0/MaxDelaySeconds`]],
  ['JitterStrategy bad', one(task({ Retry: [{ ErrorEquals: ['E'], JitterStrategy: 'HALF' }] })), [`${S}The field 'JitterStrategy' should have one of these values: [FULL, NONE] at /States/S/Retry/0/JitterStrategy`]],
  ['retrier without ErrorEquals', one(task({ Retry: [{ MaxAttempts: 1 }] })), [`${S}These fields are required: [ErrorEquals] at /States/S/Retry/0`]],
  ['unknown retrier field', one(task({ Retry: [{ ErrorEquals: ['E'], Foo: 1 }] })), [`${S}Field 'Foo' is not supported at /States/S/Retry/0`]],
  ['empty ErrorEquals', one(task({ Retry: [{ ErrorEquals: [] }] })), [`${S}Value cannot be empty at /States/S/Retry/0/ErrorEquals`]],
  ['States.ALL not alone', one(task({ Retry: [{ ErrorEquals: ['States.ALL', 'E'] }] })), [`${S}'States.ALL' must appear alone in 'ErrorEquals' and in the last element of the array at /States/S/Retry/0/ErrorEquals`]],
  ['States.ALL not last', one(task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['E'] }] })), [`${S}'States.ALL' must appear alone in 'ErrorEquals' and in the last element of the array at /States/S/Retry/0/ErrorEquals`]],
  ['catcher without Next', one(task({ Catch: [{ ErrorEquals: ['E'] }] })), [`${S}These fields are required: [Next] at /States/S/Catch/0`]],
  ['catcher bad ResultPath', { StartAt: 'S', States: { S: task({ Catch: [{ ErrorEquals: ['E'], Next: 'F', ResultPath: '$.a[*]' }] }), F: { Type: 'Fail' } } }, [`${S}The value for the field 'ResultPath' must be a valid Reference Path at /States/S/Catch/0/ResultPath`]],
  // Task
  ['Task without Resource', one({ Type: 'Task', End: true }), [`${S}These fields are required: [Resource] at /States/S`]],
  ['garbage Resource', one(task({ Resource: 'not-an-arn' })), [`${S}The resource provided not-an-arn is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/S/Resource`]],
  ['Lambda function ARN', one(task({ Resource: 'arn:aws:lambda:us-east-1:111111111111:function:fn' })), []],
  ['Lambda function ARN with alias', one(task({ Resource: 'arn:aws:lambda:us-east-1:111111111111:function:fn:live' })), []],
  ['aws-sdk integration', one(task({ Resource: 'arn:aws:states:::aws-sdk:dynamodb:query' })), []],
  ['aws-sdk waitForTaskToken', one(task({ Resource: 'arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken' })), []],
  ['states:startExecution.sync:2', one(task({ Resource: 'arn:aws:states:::states:startExecution.sync:2' })), []],
  ['express .sync:2', one(task({ Resource: 'arn:aws:states:::states:startExecution.sync:2' })), [`${S}Express state machine does not support '.sync' service integration at /States/S/Resource`], 'EXPRESS'],
  ['express request-response is fine', one(task({ Resource: 'arn:aws:states:::sqs:sendMessage' })), [], 'EXPRESS'],
  ['TimeoutSeconds and TimeoutSecondsPath', one(task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' })), [`${S}Only one of these fields is allowed: [TimeoutSeconds, TimeoutSecondsPath] at /States/S`]],
  ['TimeoutSeconds 0', one(task({ TimeoutSeconds: 0 })), [`${S}The value for the field 'TimeoutSeconds' must be between 1 and 99999999 at /States/S/TimeoutSeconds`]],
  ['HeartbeatSeconds >= TimeoutSeconds', one(task({ TimeoutSeconds: 5, HeartbeatSeconds: 5 })), [`${S}The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds' at /States/S/HeartbeatSeconds`]],
  ['HeartbeatSeconds < TimeoutSeconds', one(task({ TimeoutSeconds: 5, HeartbeatSeconds: 4, Credentials: { RoleArn: 'arn:aws:iam::111111111111:role/r' } })), []],
  ['Credentials RoleArn.$', one(task({ Credentials: { 'RoleArn.$': '$.role' } })), []],
  ['TimeoutSecondsPath bad path', one(task({ TimeoutSecondsPath: 'abc' })), [`${S}The value for the field 'TimeoutSecondsPath' must be a valid JSONPath at /States/S/TimeoutSecondsPath`]],
  // Paths and payload templates
  ['InputPath null and ResultPath null', one(task({ InputPath: null, ResultPath: null, OutputPath: '$.Payload' })), []],
  ['bad InputPath', one(pass({ InputPath: 'x' })), [`${S}The value for the field 'InputPath' must be a valid JSONPath at /States/S/InputPath`]],
  ['ResultPath with wildcard', one(pass({ ResultPath: '$.a.*' })), [`${S}The value for the field 'ResultPath' must be a valid Reference Path at /States/S/ResultPath`]],
  ['unknown intrinsic', one(pass({ Parameters: { 'a.$': 'States.Foo(1)' } })), [`${S}The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters`]],
  ['.$ with a plain string', one(pass({ Parameters: { nested: [{ 'a.$': 'hello' }] } })), [`${S}The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters`]],
  [
    'valid intrinsics, context and variables',
    one(pass({ Parameters: { 'a.$': "States.Format('{} {}', $.x, States.ArrayLength($.arr))", 'b.$': '$$.Execution.Id', 'c.$': '$myVar.field', 'd.$': "States.Hash($.x, 'SHA-256')", 'e.$': 'States.UUID()', 'f.$': "$.items[?(@.price > 10)]" }, Assign: { 'v.$': '$.x' } })),
    [],
  ],
  ['ResultSelector must be an object', one(task({ ResultSelector: 'x' })), [`${S}The value for the field 'ResultSelector' must be an OBJECT at /States/S/ResultSelector`]],
  // Query language by state
  ['JSONPath state rejects Arguments', one(task({ Arguments: {} })), [`${S}Field 'Arguments' is not supported at /States/S`]],
  ['JSONPath state rejects Output', one(pass({ Output: {} })), [`${S}Field 'Output' is not supported at /States/S`]],
  ['JSONata state rejects Parameters', jsonata(task({ Parameters: {} })), [`${S}Field 'Parameters' is not supported at /States/S`]],
  ['JSONata state rejects InputPath/ResultPath', jsonata(task({ InputPath: '$', ResultPath: '$.r' })), [`${S}Field 'InputPath' is not supported at /States/S`, `${S}Field 'ResultPath' is not supported at /States/S`]],
  ['JSONata state in a JSONPath machine', one(pass({ QueryLanguage: 'JSONata', Output: '{% $states.input %}' })), []],
  ['JSONata syntax error', jsonata(pass({ Output: '{% $states.input. %}' })), [`${S}The value for the field 'Output' must be a valid JSONata expression: Unexpected end of expression at /States/S/Output`]],
  ['JSONata nested template', jsonata(task({ Arguments: { a: ['{% 1 + %}'] } })), [`${S}The value for the field 'Arguments' must be a valid JSONata expression: Unexpected end of expression at /States/S/Arguments`]],
  ['JSONata Timeout/Heartbeat templates', jsonata(task({ TimeoutSeconds: '{% $states.input.t %}', HeartbeatSeconds: '{% 10 %}', Assign: { x: '{% $states.result %}' } })), []],
  ['JSONata Wait template', jsonata({ Type: 'Wait', Seconds: '{% $states.input.s %}', End: true }), []],
  ['JSONata Fail template', jsonata({ Type: 'Fail', Error: '{% "E" %}', Cause: 'plain' }), []],
  ['JSONata Map Items', jsonata({ Type: 'Map', Items: '{% $states.input.items %}', ItemSelector: { v: '{% $states.context.Map.Item.Value %}' }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true }), []],
  // Wait
  ['Wait without duration', one({ Type: 'Wait', End: true }), [`${S}Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath] at /States/S`]],
  ['Wait with two durations', one({ Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true }), [`${S}Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath] at /States/S`]],
  ['Wait negative Seconds', one({ Type: 'Wait', Seconds: -1, End: true }), [`${S}The value for the field 'Seconds' must be between 0 and 99999999 at /States/S/Seconds`]],
  ['Wait TimestampPath', one({ Type: 'Wait', TimestampPath: '$.ts', End: true }), []],
  ['Wait timestamp with offset', one({ Type: 'Wait', Timestamp: '2024-02-29T10:00:00+02:00', End: true }), []],
  // Fail
  ['Fail Error and ErrorPath', one({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }), [`${S}Only one of these fields is allowed: [Error, ErrorPath] at /States/S`]],
  ['Fail bad CausePath', one({ Type: 'Fail', CausePath: 'cause' }), [`${S}The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call at /States/S/CausePath`]],
  // Choice
  ['Choice without Choices', one({ Type: 'Choice', Default: 'S' }), [`${S}These fields are required: [Choices] at /States/S`]],
  ['Choice empty Choices', one({ Type: 'Choice', Choices: [] }), [`${S}Value cannot be empty at /States/S/Choices`]],
  ['Choice rule with two operators', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', StringEquals: 'a', IsPresent: true, Next: 'D' }] }, D: { Type: 'Succeed' } } }, [`${S}A Choice Rule must have exactly one comparison operator, or one of And, Or, Not at /States/C/Choices/0`]],
  ['Choice rule without Variable', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ NumericEquals: 1, Next: 'D' }] }, D: { Type: 'Succeed' } } }, [`${S}A comparison rule must have the field 'Variable' at /States/C/Choices/0`]],
  ['Choice rule wrong operand type', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: '1', Next: 'D' }] }, D: { Type: 'Succeed' } } }, [`${S}The value for the field 'NumericEquals' must be a NUMBER at /States/C/Choices/0/NumericEquals`]],
  ['Choice rule without Next', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true }], Default: 'D' }, D: { Type: 'Succeed' } } }, [`${S}These fields are required: [Next] at /States/C/Choices/0`]],
  ['nested rule with Next', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Not: { Variable: '$.x', IsNull: true, Next: 'D' }, Next: 'D' }] }, D: { Type: 'Succeed' } } }, [`${S}Nested Choice Rules can not have the field 'Next' at /States/C/Choices/0/Not`]],
  [
    'And/Or/Not nesting and *Path operators',
    {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.a', StringMatches: 'x*' }, { Or: [{ Variable: '$.b', NumericGreaterThanPath: '$.c' }, { Not: { Variable: '$.d', TimestampEquals: '2020-01-01T00:00:00Z' } }] }], Next: 'D', Comment: 'c' },
            { Variable: '$$.Execution.Name', BooleanEquals: true, Next: 'D', Assign: { 'x.$': '$.a' } },
          ],
          Default: 'D',
        },
        D: { Type: 'Succeed' },
      },
    },
    [],
  ],
  ['Choice Default missing target', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'D' }], Default: 'Nope' }, D: { Type: 'Succeed' } } }, ["MISSING_TRANSITION_TARGET: Missing 'Default' target: Nope at /States/C/Default"]],
  ['JSONata Choice rule with Variable', { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'D' }] }, D: { Type: 'Succeed' } } }, [`${S}Field 'Variable' is not supported at /States/C/Choices/0`, `${S}Field 'IsNull' is not supported at /States/C/Choices/0`, `${S}These fields are required: [Condition] at /States/C/Choices/0`]],
  ['JSONata Condition not a template', { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: 'yes', Next: 'D' }] }, D: { Type: 'Succeed' } } }, [`${S}The value for the field 'Condition' must be a BOOLEAN or a JSONata expression enclosed in '{%' and '%}' at /States/C/Choices/0/Condition`]],
  // Map
  ['Map without processor', one({ Type: 'Map', End: true }), [`${S}These fields are required: [ItemProcessor] at /States/S`]],
  ['Map with legacy Iterator and Parameters', one({ Type: 'Map', Iterator: { StartAt: 'P', States: { P: pass() } }, Parameters: { 'v.$': '$$.Map.Item.Value' }, End: true }), []],
  ['Map bad Mode', map({}, { Mode: 'PARALLEL' }), [`${S}The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED] at /States/S/ItemProcessor/ProcessorConfig/Mode`]],
  ['Map bad ExecutionType', map({}, { Mode: 'DISTRIBUTED', ExecutionType: 'FAST' }), [`${S}The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS] at /States/S/ItemProcessor/ProcessorConfig/ExecutionType`]],
  ['Map MaxConcurrency -1', map({ MaxConcurrency: -1 }), [`${S}The value for the field 'MaxConcurrency' must be between 0 and 99999999 at /States/S/MaxConcurrency`]],
  ['Map ItemReader in INLINE mode', map({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject' } }), [`${S}Field 'ItemReader' is only supported in DISTRIBUTED mode at /States/S/ItemReader`]],
  [
    'Distributed Map with reader, batcher, writer, tolerance, label',
    map(
      {
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'b', 'Key.$': '$.key' } },
        ItemBatcher: { MaxItemsPerBatch: 10 },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
        ToleratedFailurePercentage: 5,
        ToleratedFailureCountPath: '$.count',
        Label: 'my-label',
      },
      DIST,
    ),
    [],
  ],
  ['ToleratedFailurePercentage 101', map({ ToleratedFailurePercentage: 101 }, DIST), [`${S}The value for the field 'ToleratedFailurePercentage' must be between 0 and 100 at /States/S/ToleratedFailurePercentage`]],
  ['ToleratedFailureCount negative', map({ ToleratedFailureCount: -1 }, DIST), [`${S}The value for the field 'ToleratedFailureCount' must be between 0 and 99999999 at /States/S/ToleratedFailureCount`]],
  ['processor missing StartAt', one({ Type: 'Map', ItemProcessor: { States: { P: pass() } }, End: true }), [`${S}These fields are required: [StartAt] at /States/S/ItemProcessor`]],
  // Parallel
  ['Parallel without Branches', one({ Type: 'Parallel', End: true }), [`${S}These fields are required: [Branches] at /States/S`]],
  ['Parallel branch with unknown field', one({ Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: pass() }, Version: '1.0' }], End: true }), [`${S}Field 'Version' is not supported at /States/S/Branches/0`]],
  ['Parallel with Retry/Catch/ResultSelector', { StartAt: 'S', States: { S: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: pass() } }], ResultSelector: { 'first.$': '$[0]' }, Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }], End: true }, F: { Type: 'Fail' } } }, []],
];

function lines(e: unknown): string[] {
  assert.ok(e instanceof SfnDomainError);
  assert.equal(e.code, 'InvalidDefinition');
  const m = /^Invalid State Machine Definition: '(.*)'$/s.exec(e.message);
  assert.ok(m, e.message);
  const body = m[1]!;
  // several problems: ''A', 'B''
  if (body.startsWith("'") && body.endsWith("'") && body.includes("', '")) return body.slice(1, -1).split("', '");
  return [body];
}

describe('definition rules', () => {
  for (const [name, def, expected, type] of rows) {
    it(name, () => {
      const t = typeof def === 'string' ? def : JSON.stringify(def);
      const opts = type ? { type } : {};
      if (expected.length === 0) {
        assert.doesNotThrow(() => parseDefinition(t, opts));
        assert.deepEqual(validateDefinition(t, opts), { result: 'OK', diagnostics: [], truncated: false });
        return;
      }
      let err: unknown;
      try {
        parseDefinition(t, opts);
      } catch (e) {
        err = e;
      }
      assert.deepEqual(lines(err), expected);
      const v = validateDefinition(t, opts);
      assert.equal(v.result, 'FAIL');
      assert.deepEqual(
        v.diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location}`),
        expected,
      );
    });
  }
});

describe('message joining and ValidateStateMachineDefinition options', () => {
  const twoErrors = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'X' }, B: { Type: 'Pass', Next: 'Y' } } });
  it('joins several problems as AWS does', () => {
    assert.throws(
      () => parseDefinition(twoErrors),
      (e: unknown) =>
        e instanceof SfnDomainError &&
        e.message ===
          "Invalid State Machine Definition: ''MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/A/Next', 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Y at /States/B/Next''",
    );
  });
  it('maxResults truncates', () => {
    const r = validateDefinition(twoErrors, { maxResults: 1 });
    assert.equal(r.result, 'FAIL');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.truncated, true);
  });
  it('severity WARNING includes errors', () => {
    const r = validateDefinition(twoErrors, { severity: 'WARNING' });
    assert.equal(r.diagnostics.length, 2);
  });
  it('returns the parsed definition', () => {
    const d = parseDefinition(JSON.stringify(one(pass({ Result: 0 }))));
    assert.deepEqual(d.States.S, { Type: 'Pass', End: true, Result: 0 });
  });
});
