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
  it('validates its input, then answers NotImplemented (501) until the interpreter is wired', async () => {
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
    await rejects(h.sfn.send(new TestStateCommand({ definition: state, roleArn: ROLE, input: '{}' })), 'NotImplemented', 'Signalbox does not implement Step Functions.TestState yet.', 501);
  });
});
