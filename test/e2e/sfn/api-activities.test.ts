/**
 * Step Functions activities and callbacks through @aws-sdk/client-sfn: Create/Describe/Delete/
 * ListActivities, GetActivityTask, SendTaskSuccess/Failure/Heartbeat, activity tags. Expected
 * texts are AWS's, as recorded in LocalStack's test_sfn_api_activities snapshot.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  ListActivitiesCommand,
  ListTagsForResourceCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-sfn';
import { ROLE, activityArn, rejects, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

async function waitStatus(executionArn: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status === status) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`execution did not reach ${status}`);
}

describe('activities', () => {
  it('CreateActivity checks encryptionConfiguration as CreateStateMachine does', async () => {
    await rejects(
      h.sfn.send(new CreateActivityCommand({ name: uniqueName('act-kms'), encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY' } })),
      'InvalidEncryptionConfiguration',
      "Invalid Encryption Configuration: 'kmsKeyId' is required when type is CUSTOMER_MANAGED_KMS_KEY.",
    );
    const kms = { type: 'CUSTOMER_MANAGED_KMS_KEY' as const, kmsKeyId: 'alias/mine', kmsDataKeyReusePeriodSeconds: 120 };
    const c = await h.sfn.send(new CreateActivityCommand({ name: uniqueName('act-kms'), encryptionConfiguration: kms }));
    assert.deepEqual((await h.sfn.send(new DescribeActivityCommand({ activityArn: c.activityArn }))).encryptionConfiguration, kms);
  });

  it('creates (idempotently), describes, lists and deletes (idempotently)', async () => {
    const client = h.client({ account: '333333333333' });
    const names = ['Activity1', 'activity-name_123', 'activity.name.v2', 'a'.repeat(80)];
    for (const name of names) {
      const c = await client.send(new CreateActivityCommand({ name }));
      assert.equal(c.activityArn, activityArn(name, undefined, '333333333333'));
      assert.ok(c.creationDate instanceof Date);
      const again = await client.send(new CreateActivityCommand({ name }));
      assert.equal(again.activityArn, c.activityArn);
      assert.equal(again.creationDate?.getTime(), c.creationDate?.getTime());
      const d = await client.send(new DescribeActivityCommand({ activityArn: c.activityArn }));
      assert.equal(d.name, name);
      assert.deepEqual(d.encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
    }
    const list = await client.send(new ListActivitiesCommand({}));
    assert.deepEqual(
      list.activities!.map((a) => a.name),
      names,
    );
    const p1 = await client.send(new ListActivitiesCommand({ maxResults: 3 }));
    assert.equal(p1.activities!.length, 3);
    const p2 = await client.send(new ListActivitiesCommand({ maxResults: 3, nextToken: p1.nextToken }));
    assert.equal(p2.activities!.length, 1);
    const arn = activityArn(names[0]!, undefined, '333333333333');
    await client.send(new DeleteActivityCommand({ activityArn: arn }));
    await client.send(new DeleteActivityCommand({ activityArn: arn }));
    await rejects(client.send(new DescribeActivityCommand({ activityArn: arn })), 'ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
    await rejects(client.send(new GetActivityTaskCommand({ activityArn: arn })), 'ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
  });

  it('refuses invalid names with InvalidName', async () => {
    for (const bad of ['activity name', 'activity<name', 'activity>name', 'activity{name', 'activity}name', 'activity[name', 'activity]name', 'activity?name', 'activity*name', 'activity"name', 'activity#name', 'activity%name', 'activity\\name', 'activity^name', 'activity|name', 'activity~name', 'activity`name', 'activity$name', 'activity&name', 'activity,name', 'activity;name', 'activity:name', 'activity/name', '\u0000activity', 'activity\u001f', 'activity\u007f'])
      await rejects(h.sfn.send(new CreateActivityCommand({ name: bad })), 'InvalidName', `Invalid Name: '${bad}'`);
  });

  it('InvalidArn for non-ARNs', async () => {
    await rejects(h.sfn.send(new DescribeActivityCommand({ activityArn: 'no_an_activity_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
    await rejects(h.sfn.send(new GetActivityTaskCommand({ activityArn: 'no_an_activity_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
    await rejects(h.sfn.send(new DeleteActivityCommand({ activityArn: 'no_an_activity_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
  });

  it('tags activities', async () => {
    const c = await h.sfn.send(new CreateActivityCommand({ name: uniqueName('tagged'), tags: [{ key: 'a', value: '1' }] }));
    await h.sfn.send(new TagResourceCommand({ resourceArn: c.activityArn, tags: [{ key: 'b', value: '2' }] }));
    assert.deepEqual((await h.sfn.send(new ListTagsForResourceCommand({ resourceArn: c.activityArn }))).tags, [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });
});

describe('activity tasks and callbacks (need the execution engine)', () => {
  const machineFor = async (arn: string) =>
    (
      await h.sfn.send(
        new CreateStateMachineCommand({
          name: uniqueName('act-sm'),
          roleArn: ROLE,
          definition: JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: arn, HeartbeatSeconds: 60, End: true } } }),
        }),
      )
    ).stateMachineArn!;

  it('a worker polls a task and succeeds it', async () => {
    const act = await h.sfn.send(new CreateActivityCommand({ name: uniqueName('worker') }));
    const sm = await machineFor(act.activityArn!);
    const exec = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: sm, input: '{"job":1}' }));
    const task = await h.sfn.send(new GetActivityTaskCommand({ activityArn: act.activityArn, workerName: 'w1' }));
    assert.ok(task.taskToken);
    assert.deepEqual(JSON.parse(task.input!), { job: 1 });
    await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    await rejects(h.sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: 'not json' })), 'InvalidOutput', "Invalid Output: 'not json'");
    await h.sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"done":true}' }));
    await waitStatus(exec.executionArn!, 'SUCCEEDED');
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec.executionArn }));
    assert.deepEqual(JSON.parse(d.output!), { done: true });
  });

  it('a worker fails a task', async () => {
    const act = await h.sfn.send(new CreateActivityCommand({ name: uniqueName('failer') }));
    const sm = await machineFor(act.activityArn!);
    const exec = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: sm }));
    const task = await h.sfn.send(new GetActivityTaskCommand({ activityArn: act.activityArn }));
    await h.sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'Boom', cause: 'because' }));
    await waitStatus(exec.executionArn!, 'FAILED');
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec.executionArn }));
    assert.equal(d.error, 'Boom');
    assert.equal(d.cause, 'because');
  });

  it('an unknown token: InvalidToken', async () => {
    await assert.rejects(h.sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })), (e: Error) => e.name === 'InvalidToken');
    await assert.rejects(h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'not-a-token' })), (e: Error) => e.name === 'InvalidToken');
    await assert.rejects(h.sfn.send(new SendTaskFailureCommand({ taskToken: 'not-a-token' })), (e: Error) => e.name === 'InvalidToken');
  });

  it('an empty long poll ends when the client goes away', async () => {
    const act = await h.sfn.send(new CreateActivityCommand({ name: uniqueName('idle') }));
    const ac = new AbortController();
    const p = h.sfn.send(new GetActivityTaskCommand({ activityArn: act.activityArn }), { abortSignal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    const r = await p.then(
      (out) => out,
      (e: Error) => e,
    );
    // Either the poll answered {} (no task) or the client abort ended it: it must not hang.
    if (!(r instanceof Error)) assert.equal(r.taskToken, undefined);
  });
});
