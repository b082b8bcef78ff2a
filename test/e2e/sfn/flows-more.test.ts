/**
 * More Step Functions flows through the real SDK clients: aws-sdk:* integrations (output and
 * SDK v2 error naming), an activity worker reporting failure, Express executions started
 * asynchronously, and an EventBridge event put by a state machine reaching a queue.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateActivityCommand, GetActivityTaskCommand, SendTaskFailureCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { historyTypes, startFlows, uniqueName, waitForEnd, type Flows } from './flow-helpers.js';

let f: Flows;
before(async () => {
  f = await startFlows();
});
after(() => f.close());

describe('aws-sdk integrations', () => {
  it('aws-sdk:sqs:getQueueUrl returns the SDK output; a missing queue is Sqs.QueueDoesNotExistException', async () => {
    const q = await f.queue(uniqueName('sdk-q'));
    const arn = await f.machine(uniqueName('sdk'), {
      StartAt: 'Get',
      States: {
        Get: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:getQueueUrl', Parameters: { 'QueueName.$': '$.name' }, End: true },
      },
    });
    const ok = await f.run(arn, { name: q.url.split('/').pop() });
    assert.equal(ok.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(ok.output!), { QueueUrl: q.url });
    const missing = await f.run(arn, { name: 'no-such-queue' });
    assert.equal(missing.status, 'FAILED');
    assert.equal(missing.error, 'Sqs.QueueDoesNotExistException');
    assert.match(missing.cause!, /\(Service: Sqs, Status Code: 400, Request ID: [0-9a-f-]+\)/);
  });
});

describe('activities', () => {
  it('a worker reporting SendTaskFailure fails the state with its error and cause (ActivityFailed)', async () => {
    const { activityArn } = await f.sfn.send(new CreateActivityCommand({ name: uniqueName('act') }));
    const arn = await f.machine(uniqueName('act-m'), { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn!, End: true } } });
    const { executionArn } = await f.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"job":7}' }));
    const task = await f.sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w-1' }));
    assert.equal(task.input, '{"job":7}');
    await f.sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken!, error: 'JobBroken', cause: 'disk full' }));
    const end = await waitForEnd(f.sfn, executionArn!);
    assert.equal(end.status, 'FAILED');
    assert.equal(end.error, 'JobBroken');
    assert.equal(end.cause, 'disk full');
    assert.deepEqual(await historyTypes(f.sfn, executionArn!), [
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivityFailed',
      'ExecutionFailed',
    ]);
  });
});

describe('Express executions started asynchronously', () => {
  it('StartExecution on an EXPRESS machine returns an express ARN and runs; its history is not served', async () => {
    const q = await f.queue(uniqueName('express-q'));
    const arn = await f.machine(
      uniqueName('express'),
      {
        StartAt: 'Send',
        States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: q.url, 'MessageBody.$': '$' }, End: true } },
      },
      'EXPRESS',
    );
    const { executionArn } = await f.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"hello":"express"}' }));
    assert.match(executionArn!, /^arn:aws:states:us-east-1:000000000000:express:[^:]+:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    const [m] = await f.receive(q.url);
    assert.equal(m?.Body, '{"hello":"express"}');
    await assert.rejects(historyTypes(f.sfn, executionArn!), (e: Error) => e.name === 'InvalidArn' && e.message === "Invalid Arn: 'Resource type not valid in this context: express'");
  });
});
