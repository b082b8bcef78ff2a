/**
 * Step Functions execution API through @aws-sdk/client-sfn: Start/StartSync/Stop/Describe/List
 * executions, GetExecutionHistory, DescribeStateMachineForExecution, RedriveExecution. Expected
 * texts and shapes are AWS's, as recorded in LocalStack's test_sfn_api and _express snapshots.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { ACCOUNT, PASS_DEFINITION, REGION, ROLE, WAIT_DEFINITION, machineArn, rejects, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

const create = async (definition = PASS_DEFINITION, extra: Record<string, unknown> = {}) =>
  (await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('exec'), definition, roleArn: ROLE, ...extra }))).stateMachineArn!;

async function settled(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (let i = 0; i < 200; i++) {
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`execution ${executionArn} did not finish`);
}

describe('StartExecution: input and ARN checks (no engine needed)', () => {
  it('InvalidArn and StateMachineDoesNotExist', async () => {
    await rejects(h.sfn.send(new StartExecutionCommand({ stateMachineArn: 'nope' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: nope'");
    const missing = machineArn('statemachine_invalid_x');
    await rejects(h.sfn.send(new StartExecutionCommand({ stateMachineArn: missing })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${missing}'`);
  });

  it('InvalidExecutionInput with the parser message AWS quotes', async () => {
    const arn = await create();
    await rejects(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: 'not some json' })),
      'InvalidExecutionInput',
      "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'",
    );
    await rejects(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{'not': 'json'" })),
      'InvalidExecutionInput',
      "Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting double-quote to start field name'",
    );
    await rejects(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '' })),
      'InvalidExecutionInput',
      "Invalid State Machine Execution Input: 'Invalid execution input.'",
    );
  });

  it('InvalidName for a bad execution name', async () => {
    const arn = await create();
    await rejects(h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a b' })), 'InvalidName', "Invalid Name: 'a b'");
  });

  it('StartSyncExecution on a Standard machine: StateMachineTypeNotSupported', async () => {
    const arn = await create();
    await rejects(h.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn })), 'StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  });

  it('ListExecutions: Express refused, enum and ARN checks', async () => {
    const express = await create(PASS_DEFINITION, { type: 'EXPRESS' });
    await rejects(h.sfn.send(new ListExecutionsCommand({ stateMachineArn: express })), 'StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    const arn = await create();
    await rejects(
      h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'succeeded' as never })),
      'ValidationException',
      "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    );
    await rejects(h.sfn.send(new ListExecutionsCommand({ stateMachineArn: 'invalid_state_machine_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'");
    const missing = machineArn('ssm_nonexistent');
    await rejects(h.sfn.send(new ListExecutionsCommand({ stateMachineArn: missing })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${missing}'`);
    const long = 'x'.repeat(3097);
    await rejects(
      h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, nextToken: long })),
      'ValidationException',
      `1 validation error detected: Value '${long}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096`,
    );
  });

  it('Describe/History/Stop/Redrive/DescribeStateMachineForExecution: InvalidArn, ExecutionDoesNotExist, express ARNs', async () => {
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:execution:sm:missing`;
    const express = `arn:aws:states:${REGION}:${ACCOUNT}:express:sm:e:7d8a5b1c-0000-0000-0000-000000000000`;
    for (const send of [
      (executionArn: string) => h.sfn.send(new DescribeExecutionCommand({ executionArn })),
      (executionArn: string) => h.sfn.send(new GetExecutionHistoryCommand({ executionArn })),
      (executionArn: string) => h.sfn.send(new StopExecutionCommand({ executionArn })),
      (executionArn: string) => h.sfn.send(new RedriveExecutionCommand({ executionArn })),
      (executionArn: string) => h.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn })),
    ]) {
      await rejects(send('invalid_state_machine_arn'), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'");
      await rejects(send(missing), 'ExecutionDoesNotExist', `Execution Does Not Exist: '${missing}'`);
      await rejects(send(express), 'InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
    }
  });
});

describe('executions (need the execution engine)', () => {
  it('runs a Pass machine: Start, Describe, List, History, DescribeStateMachineForExecution', async () => {
    const arn = await create();
    const s = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'run-1' }));
    assert.equal(s.executionArn, arn.replace(':stateMachine:', ':execution:') + ':run-1');
    assert.ok(s.startDate instanceof Date);
    const d = await settled(s.executionArn!);
    assert.equal(d.status, 'SUCCEEDED');
    assert.equal(d.input, '{}');
    assert.deepEqual(JSON.parse(d.output!), { Arg1: 'argument1' });
    assert.deepEqual(d.inputDetails, { included: true });
    assert.deepEqual(d.outputDetails, { included: true });
    assert.equal(d.redriveCount, 0);
    assert.equal(d.redriveStatus, 'NOT_REDRIVABLE');
    assert.equal(d.redriveStatusReason, 'Execution is SUCCEEDED and cannot be redriven');
    assert.equal(d.stateMachineArn, arn);
    assert.ok(d.stopDate instanceof Date);

    const list = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    assert.equal(list.executions!.length, 1);
    assert.equal(list.executions![0]!.name, 'run-1');
    assert.equal(list.executions![0]!.status, 'SUCCEEDED');
    assert.equal(list.executions![0]!.redriveCount, 0);
    assert.equal((await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }))).executions!.length, 0);

    const hist = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn }));
    assert.deepEqual(
      hist.events!.map((e) => [e.id, e.previousEventId, e.type]),
      [
        [1, 0, 'ExecutionStarted'],
        [2, 0, 'PassStateEntered'],
        [3, 2, 'PassStateExited'],
        [4, 3, 'ExecutionSucceeded'],
      ],
    );
    assert.ok(hist.events![0]!.timestamp instanceof Date);
    assert.deepEqual(hist.events![0]!.executionStartedEventDetails, { input: '{}', inputDetails: { truncated: false }, roleArn: ROLE });
    const rev = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn, reverseOrder: true, maxResults: 2 }));
    assert.deepEqual(
      rev.events!.map((e) => e.id),
      [4, 3],
    );
    assert.ok(rev.nextToken);
    const noData = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn, includeExecutionData: false }));
    assert.equal(noData.events![0]!.executionStartedEventDetails!.input, undefined);

    const forExec = await h.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: s.executionArn }));
    assert.equal(forExec.stateMachineArn, arn);
    assert.equal(forExec.definition, PASS_DEFINITION);
    assert.equal(forExec.roleArn, ROLE);
    assert.ok(forExec.updateDate instanceof Date);

    await rejects(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'run-1', input: '{"other":1}' })),
      'ExecutionAlreadyExists',
      `Execution Already Exists: '${s.executionArn}'`,
    );
  });

  it('stops a running execution (ABORTED)', async () => {
    const arn = await create(WAIT_DEFINITION);
    const s = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const stop = await h.sfn.send(new StopExecutionCommand({ executionArn: s.executionArn, error: 'E', cause: 'C' }));
    assert.ok(stop.stopDate instanceof Date);
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: s.executionArn }));
    assert.equal(d.status, 'ABORTED');
    const types = (await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn }))).events!.map((e) => e.type);
    assert.deepEqual(types, ['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
  });

  it('StartSyncExecution runs an Express machine to completion', async () => {
    const arn = await create(PASS_DEFINITION, { type: 'EXPRESS' });
    const r = await h.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"a":1}' }));
    assert.equal(r.status, 'SUCCEEDED');
    assert.match(r.executionArn!, /:express:/);
    assert.equal(r.stateMachineArn, arn);
    assert.deepEqual(JSON.parse(r.output!), { Arg1: 'argument1' });
    assert.equal(r.input, '{"a":1}');
    assert.deepEqual(r.inputDetails, { included: true });
    assert.equal(r.billingDetails?.billedMemoryUsedInMB, 64);
    assert.ok((r.billingDetails?.billedDurationInMilliseconds ?? 0) >= 100);
    await rejects(h.sfn.send(new DescribeExecutionCommand({ executionArn: r.executionArn })), 'InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
  });

  it('StartExecution on an Express machine returns an express ARN that Describe/History refuse', async () => {
    const arn = await create(PASS_DEFINITION, { type: 'EXPRESS' });
    const s = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    assert.match(s.executionArn!, new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:express:`));
    await rejects(h.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn })), 'InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
    await rejects(h.sfn.send(new StopExecutionCommand({ executionArn: s.executionArn })), 'InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
  });

  it('starts through a version and an alias; lists by version and alias ARN', async () => {
    const c = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('va'), definition: PASS_DEFINITION, roleArn: ROLE, publish: true }));
    const alias = await h.sfn.send(new CreateStateMachineAliasCommand({ name: 'prod', routingConfiguration: [{ stateMachineVersionArn: c.stateMachineVersionArn!, weight: 100 }] }));
    const viaVersion = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: c.stateMachineVersionArn }));
    const viaAlias = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: alias.stateMachineAliasArn }));
    const dv = await settled(viaVersion.executionArn!);
    assert.equal(dv.stateMachineVersionArn, c.stateMachineVersionArn);
    const da = await settled(viaAlias.executionArn!);
    assert.equal(da.stateMachineAliasArn, alias.stateMachineAliasArn);
    assert.equal(da.stateMachineVersionArn, c.stateMachineVersionArn);
    const byAlias = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: alias.stateMachineAliasArn }));
    assert.deepEqual(
      byAlias.executions!.map((e) => e.executionArn),
      [viaAlias.executionArn],
    );
    const byVersion = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: c.stateMachineVersionArn }));
    assert.equal(byVersion.executions!.length, 2);
  });

  it('RedriveExecution refuses a succeeded execution', async () => {
    const arn = await create();
    const s = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    await settled(s.executionArn!);
    await assert.rejects(h.sfn.send(new RedriveExecutionCommand({ executionArn: s.executionArn })), (e: Error) => e.name === 'ExecutionNotRedrivable');
  });
});
