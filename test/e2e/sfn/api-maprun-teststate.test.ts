/**
 * Step Functions map runs (Describe/List/UpdateMapRun, ListExecutions by mapRunArn) and TestState
 * input validation through @aws-sdk/client-sfn. Shapes follow LocalStack's test_sfn_api_map_run
 * snapshot (AWS-recorded).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  TestStateCommand,
  UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import { ACCOUNT, REGION, ROLE, rejects, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

const MISSING_MAP_RUN = `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:sm/label:00000000-0000-0000-0000-000000000000`;

describe('map runs: errors (no engine needed)', () => {
  it('DescribeMapRun / UpdateMapRun: InvalidArn and ResourceNotFound', async () => {
    await rejects(h.sfn.send(new DescribeMapRunCommand({ mapRunArn: 'nope' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: nope'");
    await rejects(h.sfn.send(new DescribeMapRunCommand({ mapRunArn: MISSING_MAP_RUN })), 'ResourceNotFound', `Resource not found: '${MISSING_MAP_RUN}'`, 404);
    await rejects(h.sfn.send(new UpdateMapRunCommand({ mapRunArn: MISSING_MAP_RUN, maxConcurrency: 2 })), 'ResourceNotFound', `Resource not found: '${MISSING_MAP_RUN}'`, 404);
    await rejects(
      h.sfn.send(new UpdateMapRunCommand({ mapRunArn: MISSING_MAP_RUN, toleratedFailurePercentage: 101 })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('ListMapRuns: ExecutionDoesNotExist', async () => {
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:execution:sm:none`;
    await rejects(h.sfn.send(new ListMapRunsCommand({ executionArn: missing })), 'ExecutionDoesNotExist', `Execution Does Not Exist: '${missing}'`);
  });
});

describe('map runs (need the engine with Distributed Map)', () => {
  it('lists, describes and updates the map run of a Distributed Map', async () => {
    const definition = JSON.stringify({
      StartAt: 'MapState',
      States: {
        MapState: {
          Type: 'Map',
          Label: 'label',
          MaxConcurrency: 1,
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    const sm = (await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('dmap'), definition, roleArn: ROLE }))).stateMachineArn!;
    const exec = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: sm, input: '[1, 2]' }));
    for (let i = 0; i < 200; i++) {
      if ((await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec.executionArn }))).status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const runs = await h.sfn.send(new ListMapRunsCommand({ executionArn: exec.executionArn }));
    assert.equal(runs.mapRuns!.length, 1);
    const run = runs.mapRuns![0]!;
    assert.equal(run.executionArn, exec.executionArn);
    assert.equal(run.stateMachineArn, `${sm}/label`);
    assert.match(run.mapRunArn!, new RegExp(`:mapRun:${sm.split(':').pop()}/label:`));
    const d = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn: run.mapRunArn }));
    assert.equal(d.status, 'SUCCEEDED');
    assert.equal(d.maxConcurrency, 1);
    assert.equal(d.itemCounts?.succeeded, 2);
    assert.equal(d.itemCounts?.total, 2);
    assert.equal(d.executionCounts?.succeeded, 2);
    await h.sfn.send(new UpdateMapRunCommand({ mapRunArn: run.mapRunArn, toleratedFailureCount: 1 }));
    const children = await h.sfn.send(new ListExecutionsCommand({ mapRunArn: run.mapRunArn }));
    assert.equal(children.executions!.length, 2);
  });
});

describe('TestState', () => {
  it('validates its input as AWS does', async () => {
    const state = JSON.stringify({ Type: 'Pass', End: true });
    await rejects(
      h.sfn.send(new TestStateCommand({ definition: state, roleArn: ROLE, input: 'not json' })),
      'InvalidExecutionInput',
      "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'",
    );
    await rejects(h.sfn.send(new TestStateCommand({ definition: state, roleArn: 'bad' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: bad'");
    await rejects(
      h.sfn.send(new TestStateCommand({ definition: state, inspectionLevel: 'ALL' as never })),
      'ValidationException',
      "1 validation error detected: Value 'ALL' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]",
    );
  });

  // Cases recorded against AWS (test_test_state_scenarios: IO_PASS_STATE, BASE_FAIL_STATE, BASE_CHOICE_STATE).
  it('runs a Pass state with DEBUG inspection data', async () => {
    const definition = JSON.stringify({
      Type: 'Pass',
      InputPath: '$.initialData',
      Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' },
      ResultPath: '$.modifiedData',
      End: true,
    });
    const input = { initialData: { fieldFromInput: 'value from input', otherField: 'other' }, unrelatedData: { someOtherField: 1234 } };
    const r = await h.sfn.send(new TestStateCommand({ definition, roleArn: ROLE, input: JSON.stringify(input), inspectionLevel: 'DEBUG' }));
    assert.equal(r.status, 'SUCCEEDED');
    const expected = { ...input, modifiedData: { staticValue: 'some value', inputValue: 'value from input' } };
    assert.deepEqual(JSON.parse(r.output!), expected);
    const d = r.inspectionData!;
    assert.deepEqual(JSON.parse(d.input!), input);
    assert.deepEqual(JSON.parse(d.afterInputPath!), input.initialData);
    assert.deepEqual(JSON.parse(d.afterParameters!), expected.modifiedData);
    assert.deepEqual(JSON.parse(d.afterResultSelector!), expected.modifiedData);
    assert.deepEqual(JSON.parse(d.afterResultPath!), expected);
    assert.equal(d.result, undefined);
    const info = await h.sfn.send(new TestStateCommand({ definition, roleArn: ROLE, input: JSON.stringify(input) }));
    assert.equal(info.inspectionData, undefined);
  });

  it('a Fail state answers FAILED with its error and cause; a Choice state names nextState', async () => {
    const fail = await h.sfn.send(
      new TestStateCommand({ definition: JSON.stringify({ Type: 'Fail', Error: 'SomeFailure', Cause: "This state machines raises a 'SomeFailure' failure." }), roleArn: ROLE, input: '{}' }),
    );
    assert.equal(fail.status, 'FAILED');
    assert.equal(fail.error, 'SomeFailure');
    assert.equal(fail.cause, "This state machines raises a 'SomeFailure' failure.");
    const choice = await h.sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({
          Type: 'Choice',
          Choices: [{ And: [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, { Variable: '$.value', NumericLessThan: 30 }], Next: 'ValueInTwenties' }],
          Default: 'DefaultState',
        }),
        roleArn: ROLE,
        input: '{"type":"Private","value":22}',
      }),
    );
    assert.equal(choice.status, 'SUCCEEDED');
    assert.equal(choice.nextState, 'ValueInTwenties');
    assert.equal(choice.output, '{"type":"Private","value":22}');
  });

  it('a mocked Task: result, RETRIABLE with retry details, CAUGHT_ERROR with the catcher', async () => {
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handle' }],
      Next: 'Done',
    };
    const ok = await h.sfn.send(new TestStateCommand({ definition: JSON.stringify(task), roleArn: ROLE, input: '{"a":1}', mock: { result: '{"StatusCode":200,"Payload":{"b":2}}' }, inspectionLevel: 'DEBUG' }));
    assert.equal(ok.status, 'SUCCEEDED');
    assert.equal(ok.nextState, 'Done');
    assert.equal(ok.output, '{"StatusCode":200,"Payload":{"b":2}}');
    assert.equal(ok.inspectionData!.result, '{"StatusCode":200,"Payload":{"b":2}}');
    const retry = await h.sfn.send(
      new TestStateCommand({ definition: JSON.stringify(task), roleArn: ROLE, input: '{}', mock: { errorOutput: { error: 'Lambda.TooManyRequestsException', cause: 'slow down' } }, stateConfiguration: { retrierRetryCount: 1 }, inspectionLevel: 'DEBUG' }),
    );
    assert.equal(retry.status, 'RETRIABLE');
    assert.deepEqual(retry.inspectionData!.errorDetails, { retryIndex: 0, retryBackoffIntervalSeconds: 4 });
    const caught = await h.sfn.send(
      new TestStateCommand({ definition: JSON.stringify(task), roleArn: ROLE, input: '{"a":1}', mock: { errorOutput: { error: 'Other', cause: 'bad' } } }),
    );
    assert.equal(caught.status, 'CAUGHT_ERROR');
    assert.equal(caught.nextState, 'Handle');
    assert.deepEqual(JSON.parse(caught.output!), { a: 1, error: { Error: 'Other', Cause: 'bad' } });
  });
});
