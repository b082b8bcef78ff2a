/** The Step Functions developer endpoints: list executions with the failing/current state, read one history. */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ROLE, startSfn, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

it('GET /_signalbox/sfn/executions names the state that failed; /execution returns a readable history', async () => {
  const { stateMachineArn } = await h.sfn.send(
    new CreateStateMachineCommand({
      name: 'dev-routes',
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: 'Prepare',
        States: { Prepare: { Type: 'Pass', Result: { n: 1 }, Next: 'Charge' }, Charge: { Type: 'Fail', Error: 'CardDeclined', Cause: 'insufficient funds' } },
      }),
    }),
  );
  const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order":7}' }));
  const deadline = Date.now() + 5000;
  let list: { executions: Array<Record<string, unknown>> };
  do {
    list = (await (await fetch(`${h.url}/_signalbox/sfn/executions?stateMachineArn=${encodeURIComponent(stateMachineArn!)}`)).json()) as typeof list;
  } while (list.executions[0]?.status === 'RUNNING' && Date.now() < deadline);
  assert.equal(list.executions.length, 1);
  assert.deepEqual(
    { ...list.executions[0], startDate: undefined, stopDate: undefined },
    {
      executionArn,
      stateMachineArn,
      type: 'STANDARD',
      name: executionArn!.split(':').pop(),
      status: 'FAILED',
      startDate: undefined,
      stopDate: undefined,
      failedState: 'Charge',
      error: 'CardDeclined',
      cause: 'insufficient funds',
    },
  );
  const one = (await (await fetch(`${h.url}/_signalbox/sfn/execution?executionArn=${encodeURIComponent(executionArn!)}`)).json()) as { history: Array<Record<string, unknown>> };
  assert.deepEqual(one.history.map((e) => e.type), ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'FailStateEntered', 'ExecutionFailed']);
  assert.deepEqual((one.history[0]!.executionStartedEventDetails as { input: unknown }).input, { order: 7 });
  const bad = await fetch(`${h.url}/_signalbox/sfn/executions?status=NOPE`);
  assert.equal(bad.status, 400);
  const missing = await fetch(`${h.url}/_signalbox/sfn/execution?executionArn=arn:aws:states:us-east-1:000000000000:execution:x:y`);
  assert.equal(missing.status, 404);
});
