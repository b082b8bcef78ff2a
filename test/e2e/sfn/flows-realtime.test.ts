/**
 * Step Functions timing on the real clock: a 1 s Wait, a Retry with IntervalSeconds 1, and
 * `sfnWaitTimeScale` (Step Functions Local's -waitTimeScale) shortening a 100 s Wait.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ACCOUNT, history, json, sleep, startFlows, uniqueName, waitForEnd, type Flows } from './flow-helpers.js';

let f: Flows;
before(async () => {
  f = await startFlows();
});
after(() => f.close());

describe('real-time waits and retries', () => {
  it('a Wait of 1 s takes about 1 s', async () => {
    const arn = await f.machine(uniqueName('Wait1'), {
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Pass', Result: { waited: true }, End: true } },
    });
    const t0 = performance.now();
    const d = await f.run(arn, {});
    const elapsed = performance.now() - t0;
    assert.equal(d.status, 'SUCCEEDED');
    assert.deepEqual(json(d.output), { waited: true });
    assert.ok(elapsed >= 950, `elapsed ${elapsed} ms`);
    assert.ok(elapsed < 5000, `elapsed ${elapsed} ms`);
    const events = await history(f.sfn, d.executionArn!);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'],
    );
    const entered = events[1]!.timestamp!.getTime();
    const exited = events[2]!.timestamp!.getTime();
    assert.ok(exited - entered >= 990, `Wait recorded ${exited - entered} ms`);
  });

  it('a Retry with IntervalSeconds 1 waits about 1 s before the second attempt', async () => {
    const arn = await f.machine(uniqueName('Retry1'), {
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: `${f.url}/${ACCOUNT}/never-created`, MessageBody: 'x' },
          Retry: [{ ErrorEquals: ['SQS.QueueDoesNotExistException'], IntervalSeconds: 1, MaxAttempts: 1 }],
          End: true,
        },
      },
    });
    const t0 = performance.now();
    const d = await f.run(arn, {});
    const elapsed = performance.now() - t0;
    assert.equal(d.status, 'FAILED');
    assert.equal(d.error, 'SQS.QueueDoesNotExistException');
    assert.ok(elapsed >= 950, `elapsed ${elapsed} ms`);
    assert.ok(elapsed < 5000, `elapsed ${elapsed} ms`);
    const events = await history(f.sfn, d.executionArn!);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed'],
    );
    const firstFailed = events[4]!.timestamp!.getTime();
    const retried = events[5]!.timestamp!.getTime();
    assert.ok(retried - firstFailed >= 990, `retry after ${retried - firstFailed} ms`);
  });
});

describe('callback heartbeats on the real clock', () => {
  async function heartbeatMachine(): Promise<{ arn: string; queueUrl: string }> {
    const q = await f.queue(uniqueName('beats'));
    const arn = await f.machine(uniqueName('Heartbeat'), {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl: q.url, MessageBody: { 'token.$': '$$.Task.Token' } },
          HeartbeatSeconds: 1,
          End: true,
        },
      },
    });
    return { arn, queueUrl: q.url };
  }

  it('SendTaskHeartbeat keeps a task with HeartbeatSeconds 1 alive past 1 s', async () => {
    const { arn, queueUrl } = await heartbeatMachine();
    const { executionArn } = await f.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    const [m] = await f.receive(queueUrl);
    const { token } = json(m!.Body) as { token: string };
    for (let i = 0; i < 4; i++) {
      await sleep(400);
      await f.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    await f.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"alive"' }));
    const d = await waitForEnd(f.sfn, executionArn!);
    assert.equal(d.status, 'SUCCEEDED');
    assert.equal(d.output, '"alive"');
  });

  it('without heartbeats the task times out with States.Timeout', async () => {
    const { arn, queueUrl } = await heartbeatMachine();
    const t0 = performance.now();
    const { executionArn } = await f.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    await f.receive(queueUrl);
    const d = await waitForEnd(f.sfn, executionArn!);
    const elapsed = performance.now() - t0;
    assert.equal(d.status, 'FAILED');
    assert.equal(d.error, 'States.Timeout');
    assert.ok(elapsed >= 950 && elapsed < 5000, `elapsed ${elapsed} ms`);
    const events = await history(f.sfn, executionArn!);
    const types = events.map((e) => e.type);
    assert.deepEqual(types, ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskTimedOut', 'ExecutionFailed']);
    const timedOut = events[5]!.taskTimedOutEventDetails!;
    assert.deepEqual(
      { resourceType: timedOut.resourceType, resource: timedOut.resource, error: timedOut.error, cause: timedOut.cause },
      { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'States.Timeout', cause: undefined },
    );
  });
});

describe('sfnWaitTimeScale', () => {
  let fast: Flows;
  before(async () => {
    fast = await startFlows({ sfnWaitTimeScale: 0.01 });
  });
  after(() => fast.close());

  it('0.01 makes a 100 s Wait finish in about 1 s', async () => {
    const arn = await fast.machine(uniqueName('Wait100'), { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 100, End: true } } });
    const t0 = performance.now();
    const d = await fast.run(arn, { kept: 1 });
    const elapsed = performance.now() - t0;
    assert.equal(d.status, 'SUCCEEDED');
    assert.deepEqual(json(d.output), { kept: 1 });
    assert.ok(elapsed >= 900, `elapsed ${elapsed} ms`);
    assert.ok(elapsed < 3000, `elapsed ${elapsed} ms`);
  });
});
