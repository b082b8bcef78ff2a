/**
 * FIFO topics end to end: FIFO topic → FIFO queue ordering per message group, deduplication
 * (explicit ids and content-based: the queue message's MessageDeduplicationId is the SHA-256 hex
 * of the message), SequenceNumber in the Publish output and in the envelope (which carries no
 * signature fields), FIFO topic → standard queue, FIFO dead-letter queues, and the FIFO checks.
 * Expected values are AWS's, as recorded in LocalStack's AWS-validated test_sns.snapshot.json.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PublishBatchCommand, PublishCommand, SetSubscriptionAttributesCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { expectSnsError, invalidParameter, startSns, type SnsE2e } from './harness.js';
import { ISO_MS, UUID_RE, createQueue, createTopic, drain, subscribeQueue } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
after(() => e2e.close());

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function fifoTopicWithQueue(topicAttributes: Record<string, string> = {}, subscriptionAttributes?: Record<string, string>) {
  const topic = await createTopic(e2e, { FifoTopic: 'true', ...topicAttributes });
  const queue = await createQueue(e2e, { FifoQueue: 'true' });
  const subscription = await subscribeQueue(e2e, topic, queue.arn, subscriptionAttributes);
  return { topic, queue, subscription };
}

describe('FIFO topic → FIFO queue', () => {
  it('keeps the order within each group; SequenceNumbers increase; the envelope adds SequenceNumber and has no signature', async () => {
    const { topic, queue, subscription } = await fifoTopicWithQueue();
    const published: Array<{ group: string; body: string; messageId: string; sequence: string }> = [];
    for (let i = 0; i < 6; i++) {
      const group = i % 2 === 0 ? 'group-a' : 'group-b';
      const body = `${group} message ${i}`;
      const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: body, MessageGroupId: group, MessageDeduplicationId: `dedup-${i}` }));
      assert.match(out.MessageId ?? '', UUID_RE);
      assert.match(out.SequenceNumber ?? '', /^\d+$/);
      published.push({ group, body, messageId: out.MessageId!, sequence: out.SequenceNumber! });
    }
    for (let i = 1; i < published.length; i++) assert.ok(BigInt(published[i]!.sequence) > BigInt(published[i - 1]!.sequence), 'sequence numbers increase');

    const messages = await drain(e2e, queue.url);
    assert.equal(messages.length, 6);
    for (const group of ['group-a', 'group-b']) {
      const got = messages.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => (JSON.parse(m.Body!) as { Message: string }).Message);
      assert.deepEqual(got, published.filter((p) => p.group === group).map((p) => p.body), `order of ${group}`);
    }
    const first = messages.find((m) => (JSON.parse(m.Body!) as { Message: string }).Message === published[0]!.body)!;
    assert.equal(first.Attributes?.MessageDeduplicationId, 'dedup-0');
    assert.equal(first.Attributes?.MessageGroupId, 'group-a');
    const envelope = JSON.parse(first.Body!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Message', 'Timestamp', 'UnsubscribeURL']);
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.MessageId, published[0]!.messageId);
    assert.equal(envelope.SequenceNumber, published[0]!.sequence);
    assert.equal(envelope.TopicArn, topic);
    assert.match(String(envelope.Timestamp), ISO_MS);
    assert.equal(envelope.UnsubscribeURL, `${e2e.url}/?Action=Unsubscribe&SubscriptionArn=${subscription}`);
  });

  it('explicit deduplication: a repeated MessageDeduplicationId answers the first MessageId and SequenceNumber and delivers once', async () => {
    const { topic, queue } = await fifoTopicWithQueue();
    const send = () => sns.send(new PublishCommand({ TopicArn: topic, Message: 'Test', MessageGroupId: 'message-group-id-1', MessageDeduplicationId: 'message-deduplication-id-1' }));
    const first = await send();
    const again = await send();
    assert.equal(again.MessageId, first.MessageId);
    assert.equal(again.SequenceNumber, first.SequenceNumber);
    const messages = await drain(e2e, queue.url);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.Attributes?.MessageDeduplicationId, 'message-deduplication-id-1');
    assert.equal(messages[0]?.Attributes?.MessageGroupId, 'message-group-id-1');
  });

  it('content-based deduplication: the queue gets sha256(message) as MessageDeduplicationId, duplicates are dropped (Publish and PublishBatch)', async () => {
    const { topic, queue } = await fifoTopicWithQueue({ ContentBasedDeduplication: 'true' }, { RawMessageDelivery: 'true' });
    for (let round = 0; round < 2; round++) {
      await sns.send(new PublishCommand({ TopicArn: topic, Message: 'Test single', MessageGroupId: 'message-group-id-1' }));
      await sns.send(new PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: [{ Id: '1', MessageGroupId: 'message-group-id-1', Message: 'Test batched' }] }));
    }
    const messages = await drain(e2e, queue.url);
    assert.deepEqual(
      messages.map((m) => [m.Body, m.Attributes?.MessageDeduplicationId, m.Attributes?.MessageGroupId]),
      [
        ['Test single', '2591186cff6c740cb9e0cfce1653a7e6998d57da12e1da13d85344b1c08be4cb', 'message-group-id-1'],
        ['Test batched', '32a45f72fe3d20fb5d4f1647421d1c5f9d20ef207c8ab713443cc9f9b76c468c', 'message-group-id-1'],
      ],
    );
    assert.equal(sha256('Test single'), messages[0]?.Attributes?.MessageDeduplicationId);
  });

  it('PublishBatch returns a SequenceNumber per entry; republishing the batch returns the same ids and delivers nothing new', async () => {
    const { topic, queue } = await fifoTopicWithQueue({ ContentBasedDeduplication: 'true' }, { RawMessageDelivery: 'true' });
    const entries: PublishBatchRequestEntry[] = [
      { Id: '1', MessageGroupId: 'complexMessageGroupId', Message: 'Test Message with two attributes', Subject: 'Subject', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' }, attr2: { DataType: 'Number', StringValue: '109.12' } } },
      { Id: '2', MessageGroupId: 'complexMessageGroupId', Message: 'Test Message with one attribute', Subject: 'Subject', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '19.12' } } },
      { Id: '3', MessageGroupId: 'complexMessageGroupId', Message: 'Test Message without attribute', Subject: 'Subject' },
    ];
    const out = await sns.send(new PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: entries }));
    assert.deepEqual(out.Failed, []);
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['1', '2', '3']);
    for (const s of out.Successful ?? []) assert.match(s.SequenceNumber ?? '', /^\d+$/);
    const again = await sns.send(new PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: entries }));
    assert.deepEqual(again.Successful, out.Successful);
    const messages = await drain(e2e, queue.url);
    assert.deepEqual(
      messages.map((m) => [m.Body, m.Attributes?.MessageDeduplicationId, m.MD5OfMessageAttributes]),
      [
        ['Test Message with two attributes', '47f6d7e2c477469ad670ae3bfee60ed3e79080bb0105fc01a2805a50f8b21358', '9b720b3af309c1c4b0d395c53b08c502'],
        ['Test Message with one attribute', '2186166772ec2fb49b7ba9efbda53c6eabf8e785cb00420db531c8eb9287d8e1', '1f07082409022a373fa2a2601f82b3cb'],
        ['Test Message without attribute', 'a579d4ebff398c5ad4d5037534a1c1bfab36410100c80d8c7c1029b57c7898fe', undefined],
      ],
    );
  });

  it('a subscription whose queue is gone redrives to its FIFO dead-letter queue with the group and deduplication ids', async () => {
    const { topic, queue, subscription } = await fifoTopicWithQueue();
    const dlq = await createQueue(e2e, { FifoQueue: 'true' });
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'RedrivePolicy', AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }));
    await e2e.sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'test-message', MessageGroupId: 'message-group-id-1', MessageDeduplicationId: 'message-deduplication-id-1' }));
    const [m, ...rest] = await drain(e2e, dlq.url);
    assert.equal(rest.length, 0);
    assert.equal(m?.Attributes?.MessageGroupId, 'message-group-id-1');
    assert.equal(m?.Attributes?.MessageDeduplicationId, 'message-deduplication-id-1');
    const envelope = JSON.parse(m!.Body!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Message', 'Timestamp', 'UnsubscribeURL']);
    assert.equal(envelope.MessageId, out.MessageId);
    assert.equal(envelope.SequenceNumber, out.SequenceNumber);
    assert.equal(envelope.Message, 'test-message');
  });
});

describe('FIFO topic → standard queue, and group ids on standard topics', () => {
  it('a standard queue gets the FIFO envelope (SequenceNumber, no signature), deduplicated, without MessageGroupId', async () => {
    const topic = await createTopic(e2e, { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const queue = await createQueue(e2e);
    await subscribeQueue(e2e, topic, queue.arn);
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'Test', MessageGroupId: 'message-group-id-1' }));
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'Test', MessageGroupId: 'message-group-id-1' }));
    const messages = await drain(e2e, queue.url);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.Attributes?.MessageGroupId, undefined);
    assert.equal(messages[0]?.Attributes?.MessageDeduplicationId, undefined);
    const envelope = JSON.parse(messages[0]!.Body!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Message', 'Timestamp', 'UnsubscribeURL']);
    assert.equal(envelope.SequenceNumber, out.SequenceNumber);
  });

  it('a standard topic forwards MessageGroupId to a standard queue ("fair queues") and answers no SequenceNumber', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    await subscribeQueue(e2e, topic, queue.arn);
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'grouped', MessageGroupId: 'my-group-id-1' }));
    assert.equal(out.SequenceNumber, undefined);
    const [m] = await drain(e2e, queue.url);
    assert.equal(m?.Attributes?.MessageGroupId, 'my-group-id-1');
    const envelope = JSON.parse(m!.Body!) as Record<string, unknown>;
    assert.equal(envelope.SignatureVersion, '1');
    assert.equal(envelope.SequenceNumber, undefined);
  });
});

describe('FIFO checks', () => {
  it('group id required, dedup id or content-based deduplication required, no dedup id on standard topics', async () => {
    const fifo = await createTopic(e2e, { FifoTopic: 'true' });
    const standard = await createTopic(e2e);
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: fifo, Message: 'test' })), invalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics'));
    await expectSnsError(
      sns.send(new PublishCommand({ TopicArn: fifo, Message: 'test', MessageGroupId: 'g' })),
      invalidParameter('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'),
    );
    await expectSnsError(
      sns.send(new PublishCommand({ TopicArn: standard, Message: 'test', MessageDeduplicationId: 'd' })),
      invalidParameter('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type'),
    );
  });
});
