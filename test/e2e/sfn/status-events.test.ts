/**
 * Step Functions → EventBridge: "Step Functions Execution Status Change" events on the default
 * bus of the execution's account and region (AWS docs cw-events; shape as recorded in
 * LocalStack's test_base::test_event_bridge_events_base snapshot), for Standard executions only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ACCOUNT, PASS_DEFINITION, REGION, ROLE, WAIT_DEFINITION, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
const clients: Array<{ destroy(): void }> = [];
before(async () => {
  h = await startSfn();
});
after(async () => {
  for (const c of clients) c.destroy();
  await h.close();
});

const creds = (account: string) => ({ accessKeyId: account === ACCOUNT ? 'AKIDEXAMPLE' : account, secretAccessKey: 'x' });
function eb(account = ACCOUNT, region = REGION): EventBridgeClient {
  const c = new EventBridgeClient({ endpoint: h.url, region, credentials: creds(account), maxAttempts: 1 });
  clients.push(c);
  return c;
}
function sqs(): SQSClient {
  const c = new SQSClient({ endpoint: h.url, region: REGION, credentials: creds(ACCOUNT), maxAttempts: 1 });
  clients.push(c);
  return c;
}

/** A rule on the default bus of (account, region) sending matching events to a new queue. */
async function ruleToQueue(pattern: object, account = ACCOUNT, region = REGION): Promise<{ url: string; client: SQSClient }> {
  const q = sqs();
  const { QueueUrl } = await q.send(new CreateQueueCommand({ QueueName: uniqueName('sfn-events') }));
  const { Attributes } = await q.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const events = eb(account, region);
  const name = uniqueName('sfn-rule');
  await events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(pattern) }));
  await events.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'q', Arn: Attributes!['QueueArn']! }] }));
  return { url: QueueUrl!, client: q };
}

async function receive(q: { url: string; client: SQSClient }, n: number): Promise<Array<Record<string, any>>> {
  const out: Array<Record<string, any>> = [];
  for (let i = 0; i < 100 && out.length < n; i++) {
    const r = await q.client.send(new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
    for (const m of r.Messages ?? []) out.push(JSON.parse(m.Body!) as Record<string, any>);
    if (out.length < n) await new Promise((res) => setTimeout(res, 10));
  }
  return out;
}

async function waitStatus(client: SFNClient, executionArn: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await client.send(new DescribeExecutionCommand({ executionArn }))).status === status) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`execution did not reach ${status}`);
}

const machine = async (definition: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD', client: SFNClient = h.sfn) =>
  (await client.send(new CreateStateMachineCommand({ name: uniqueName('sm-events'), definition, roleArn: ROLE, type }))).stateMachineArn!;

describe('Step Functions Execution Status Change events', () => {
  it('RUNNING then SUCCEEDED, with the recorded envelope and detail', async () => {
    const smArn = await machine(PASS_DEFINITION);
    const q = await ruleToQueue({ source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: { stateMachineArn: [smArn] } });
    const { executionArn, startDate } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, name: 'run-1', input: '{"a":1}' }));
    await waitStatus(h.sfn, executionArn!, 'SUCCEEDED');
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const [running, succeeded, extra] = await receive(q, 2);
    assert.equal(extra, undefined);
    for (const e of [running!, succeeded!]) {
      assert.deepEqual(Object.keys(e), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
      assert.deepEqual([e['version'], e['detail-type'], e['source'], e['account'], e['region'], e['resources']], ['0', 'Step Functions Execution Status Change', 'aws.states', ACCOUNT, REGION, [executionArn]]);
      assert.match(e['time'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    assert.deepEqual(running!['detail'], {
      executionArn, stateMachineArn: smArn, name: 'run-1', status: 'RUNNING', startDate: startDate!.getTime(), stopDate: null,
      input: '{"a":1}', output: null, stateMachineVersionArn: null, stateMachineAliasArn: null,
      redriveCount: 0, redriveDate: null, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
      inputDetails: { included: true }, outputDetails: null, error: null, cause: null,
    });
    assert.deepEqual(Object.keys(running!['detail']), [
      'executionArn', 'stateMachineArn', 'name', 'status', 'startDate', 'stopDate', 'input', 'output', 'stateMachineVersionArn', 'stateMachineAliasArn',
      'redriveCount', 'redriveDate', 'redriveStatus', 'redriveStatusReason', 'inputDetails', 'outputDetails', 'error', 'cause',
    ]);
    assert.deepEqual(succeeded!['detail'], {
      executionArn, stateMachineArn: smArn, name: 'run-1', status: 'SUCCEEDED', startDate: startDate!.getTime(), stopDate: d.stopDate!.getTime(),
      input: '{"a":1}', output: '{"Arg1":"argument1"}', stateMachineVersionArn: null, stateMachineAliasArn: null,
      redriveCount: 0, redriveDate: null, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      inputDetails: { included: true }, outputDetails: { included: true }, error: null, cause: null,
    });
  });

  it('a rule on failed executions gets FAILED with error and cause; StopExecution sends ABORTED', async () => {
    const failing = await machine(JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'it broke' } } }));
    const waiting = await machine(WAIT_DEFINITION);
    const failed = await ruleToQueue({ source: ['aws.states'], detail: { status: ['FAILED', 'ABORTED', 'TIMED_OUT'], stateMachineArn: [failing, waiting] } });
    const f = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: failing }));
    await waitStatus(h.sfn, f.executionArn!, 'FAILED');
    const [e] = await receive(failed, 1);
    assert.deepEqual(
      [e!['detail'].status, e!['detail'].error, e!['detail'].cause, e!['detail'].output, e!['detail'].outputDetails, e!['detail'].redriveStatus, typeof e!['detail'].stopDate],
      ['FAILED', 'Oops', 'it broke', null, null, 'REDRIVABLE', 'number'],
    );
    const w = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: waiting }));
    await h.sfn.send(new StopExecutionCommand({ executionArn: w.executionArn, error: 'Stopped', cause: 'by the test' }));
    const [a] = await receive(failed, 1);
    assert.deepEqual([a!['resources'], a!['detail'].status, a!['detail'].error, a!['detail'].cause], [[w.executionArn], 'ABORTED', 'Stopped', 'by the test']);
  });

  it('goes to the default bus of the execution account and region; Express executions send none', async () => {
    const account = '111111111111';
    const region = 'eu-west-1';
    const other = h.client({ account, region });
    const smArn = await machine(PASS_DEFINITION, 'STANDARD', other);
    const q = await ruleToQueue({ source: ['aws.states'] }, account, region);
    const here = await ruleToQueue({ source: ['aws.states'], detail: { stateMachineArn: [smArn] } });
    const { executionArn } = await other.send(new StartExecutionCommand({ stateMachineArn: smArn }));
    await waitStatus(other, executionArn!, 'SUCCEEDED');
    const got = await receive(q, 2);
    assert.deepEqual(got.map((e) => [e['account'], e['region'], e['detail'].status]), [[account, region, 'RUNNING'], [account, region, 'SUCCEEDED']]);
    const elsewhere = await here.client.send(new ReceiveMessageCommand({ QueueUrl: here.url }));
    assert.equal(elsewhere.Messages, undefined, 'nothing on the default bus of another account');

    const express = await machine(PASS_DEFINITION, 'EXPRESS');
    const ex = await ruleToQueue({ source: ['aws.states'], detail: { stateMachineArn: [express] } });
    await h.sfn.send(new StartExecutionCommand({ stateMachineArn: express }));
    await new Promise((r) => setTimeout(r, 100));
    const r = await ex.client.send(new ReceiveMessageCommand({ QueueUrl: ex.url }));
    assert.equal(r.Messages, undefined);
  });
});
