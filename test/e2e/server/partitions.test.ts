/**
 * ARNs carry the partition of the client's region (cn-* → aws-cn, us-gov-* → aws-us-gov), in
 * every service, and ARNs of those partitions are accepted back as input.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as jsonSqs from '@aws-sdk/client-sqs';
import * as querySqs from 'client-sqs-query';
import { CreateTopicCommand, GetTopicAttributesCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateEventBusCommand, DescribeEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createSignalbox, type Signalbox } from '../../../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ACCOUNT = '000000000000';
const CASES = [
  { region: 'cn-north-1', partition: 'aws-cn' },
  { region: 'us-gov-west-1', partition: 'aws-us-gov' },
  { region: 'us-east-1', partition: 'aws' },
] as const;

let sb: Signalbox;
let url: string;
const destroyers: Array<() => void> = [];

function config(region: string) {
  return { endpoint: url, region, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 };
}

function track<T extends { destroy(): void }>(c: T): T {
  destroyers.push(() => c.destroy());
  return c;
}

before(async () => {
  sb = await createSignalbox({ logLevel: 'silent' });
  url = await sb.listen(0);
});

after(async () => {
  for (const d of destroyers) d();
  await sb.close();
});

for (const { region, partition } of CASES) {
  describe(`${region}: arn:${partition}:`, () => {
    const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${ACCOUNT}:${resource}`;

    it('SQS (JSON and query): QueueArn, and a RedrivePolicy naming a queue of that partition', async () => {
      const json = track(new jsonSqs.SQSClient(config(region)));
      const query = track(new querySqs.SQSClient(config(region)));
      const dlqUrl = (await json.send(new jsonSqs.CreateQueueCommand({ QueueName: `dlq-${partition}` }))).QueueUrl!;
      const dlq = await json.send(new jsonSqs.GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
      assert.equal(dlq.Attributes?.QueueArn, arn('sqs', `dlq-${partition}`));
      const redrive = JSON.stringify({ deadLetterTargetArn: arn('sqs', `dlq-${partition}`), maxReceiveCount: 2 });
      const qUrl = (await query.send(new querySqs.CreateQueueCommand({ QueueName: `q-${partition}`, Attributes: { RedrivePolicy: redrive } }))).QueueUrl!;
      const q = await query.send(new querySqs.GetQueueAttributesCommand({ QueueUrl: qUrl, AttributeNames: ['QueueArn', 'RedrivePolicy'] }));
      assert.equal(q.Attributes?.QueueArn, arn('sqs', `q-${partition}`));
      assert.equal(JSON.parse(q.Attributes?.RedrivePolicy ?? '{}').deadLetterTargetArn, arn('sqs', `dlq-${partition}`));
      const sources = await json.send(new jsonSqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
      assert.deepEqual(sources.queueUrls, [qUrl]);
    });

    it('SNS: TopicArn, an SQS subscription by a queue ARN of that partition, delivery', async () => {
      const sns = track(new SNSClient(config(region)));
      const sqs = track(new jsonSqs.SQSClient(config(region)));
      const topicArn = (await sns.send(new CreateTopicCommand({ Name: `t-${partition}` }))).TopicArn;
      assert.equal(topicArn, arn('sns', `t-${partition}`));
      const attrs = (await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes ?? {};
      assert.equal(attrs.TopicArn, topicArn);
      assert.match(attrs.Policy ?? '', new RegExp(`"arn:${partition}:sns:${region}:${ACCOUNT}:t-${partition}"`));
      const qUrl = (await sqs.send(new jsonSqs.CreateQueueCommand({ QueueName: `sub-${partition}` }))).QueueUrl!;
      const sub = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn('sqs', `sub-${partition}`), ReturnSubscriptionArn: true }));
      assert.ok(sub.SubscriptionArn?.startsWith(`${topicArn}:`), sub.SubscriptionArn);
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'hi' }));
      const got = await sqs.send(new jsonSqs.ReceiveMessageCommand({ QueueUrl: qUrl, WaitTimeSeconds: 2 }));
      const body = JSON.parse(got.Messages?.[0]?.Body ?? '{}') as Record<string, string>;
      assert.equal(body.TopicArn, topicArn);
      assert.match(body.UnsubscribeURL ?? '', new RegExp(`SubscriptionArn=arn:${partition}:sns:`));
    });

    it('EventBridge: bus and rule ARNs, a target of that partition', async () => {
      const events = track(new EventBridgeClient(config(region)));
      const bus = await events.send(new CreateEventBusCommand({ Name: `bus-${partition}` }));
      assert.equal(bus.EventBusArn, arn('events', `event-bus/bus-${partition}`));
      const def = await events.send(new DescribeEventBusCommand({}));
      assert.equal(def.Arn, arn('events', 'event-bus/default'));
      const rule = await events.send(new PutRuleCommand({ Name: 'r', EventBusName: bus.EventBusArn, EventPattern: '{"source":["x"]}' }));
      assert.equal(rule.RuleArn, arn('events', `rule/bus-${partition}/r`));
      const targets = await events.send(new PutTargetsCommand({ Rule: 'r', EventBusName: `bus-${partition}`, Targets: [{ Id: '1', Arn: arn('sqs', `q-${partition}`) }] }));
      assert.equal(targets.FailedEntryCount, 0);
    });

    it('Step Functions: state machine and execution ARNs', async () => {
      const sfn = track(new SFNClient({ ...config(region), disableHostPrefix: true }));
      const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
      const roleArn = `arn:${partition}:iam::${ACCOUNT}:role/r`;
      const sm = await sfn.send(new CreateStateMachineCommand({ name: `sm-${partition}`, definition, roleArn }));
      assert.equal(sm.stateMachineArn, arn('states', `stateMachine:sm-${partition}`));
      const ex = await sfn.send(new StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'e1' }));
      assert.equal(ex.executionArn, arn('states', `execution:sm-${partition}:e1`));
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: ex.executionArn }));
      assert.equal(d.stateMachineArn, sm.stateMachineArn);
    });
  });
}
