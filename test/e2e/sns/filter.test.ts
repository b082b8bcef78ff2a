/**
 * Fan-out through filter policies end to end: one topic, several SQS subscriptions, each with its
 * own policy (MessageAttributes scope and MessageBody scope, several operators), and the set of
 * messages each queue ends up with. Cases are AWS's documented semantics and the deliveries
 * LocalStack recorded against AWS (test_sns_filter_policy.py / its snapshot).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PublishBatchCommand, PublishCommand, SetSubscriptionAttributesCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import { startSns, type SnsE2e } from './harness.js';
import { createQueue, createTopic, drain, subscribeQueue, type TestQueue } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
after(() => e2e.close());

interface Fanout {
  topic: string;
  queues: Record<string, TestQueue & { subscription: string }>;
}

/** A topic with one raw-delivery queue per policy (null: no filter policy). */
async function fanout(scope: 'MessageAttributes' | 'MessageBody', policies: Record<string, unknown>): Promise<Fanout> {
  const topic = await createTopic(e2e);
  const queues: Fanout['queues'] = {};
  for (const [name, policy] of Object.entries(policies)) {
    const queue = await createQueue(e2e);
    const attributes: Record<string, string> = { RawMessageDelivery: 'true' };
    if (policy !== null) {
      attributes.FilterPolicyScope = scope;
      attributes.FilterPolicy = JSON.stringify(policy);
    }
    queues[name] = { ...queue, subscription: await subscribeQueue(e2e, topic, queue.arn, attributes) };
  }
  return { topic, queues };
}

/** Bodies each queue received, sorted. */
async function received(f: Fanout): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, q] of Object.entries(f.queues)) out[name] = (await drain(e2e, q.url)).map((m) => m.Body ?? '').sort();
  return out;
}

const str = (StringValue: string): MessageAttributeValue => ({ DataType: 'String', StringValue });
const num = (StringValue: string): MessageAttributeValue => ({ DataType: 'Number', StringValue });
const arr = (values: unknown[]): MessageAttributeValue => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) });

describe('MessageAttributes scope', () => {
  it('routes each message to the queues whose policy it satisfies', async () => {
    const f = await fanout('MessageAttributes', {
      all: null,
      exact: { store: ['example_corp'] },
      prefixOrSuffix: { customer_interests: [{ prefix: 'bas' }, { suffix: 'ball' }] },
      anythingBut: { store: [{ 'anything-but': ['example_corp'] }] },
      anythingButPrefix: { store: [{ 'anything-but': { prefix: 'example' } }] },
      numericRange: { price_usd: [{ numeric: ['>=', 100, '<', 200] }] },
      numericEquals: { price_usd: [{ numeric: ['=', 50] }] },
      existsTrue: { store: [{ exists: true }] },
      existsFalse: { store: [{ exists: false }] },
      ignoreCase: { store: [{ 'equals-ignore-case': 'EXAMPLE_CORP' }] },
      and: { store: ['example_corp', 'other_corp'], event: ['order_placed'] },
      or: { $or: [{ store: ['other_corp'] }, { price_usd: [{ numeric: ['>', 500] }] }] },
      arrayValue: { customer_interests: ['rugby'] },
      binaryIgnored: { blob: [{ exists: true }] },
      cidr: { ip: [{ cidr: '10.0.0.0/24' }] },
    });
    const messages: Array<[string, Record<string, MessageAttributeValue>]> = [
      ['m1', { store: str('example_corp'), event: str('order_placed'), price_usd: num('150'), customer_interests: arr(['rugby', 'football']) }],
      ['m2', { store: str('other_corp'), event: str('order_cancelled'), price_usd: num('600'), customer_interests: arr(['basketball']) }],
      ['m3', { store: str('EXAMPLE_CORP'), price_usd: num('50') }],
      ['m4', { customer_interests: str('baseball'), blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) }, ip: str('10.0.0.255') }],
      ['m5', { event: str('order_placed'), ip: str('10.0.1.1') }],
      ['m6', { store: str('example_shop'), price_usd: num('199.99999') }],
    ];
    for (const [body, MessageAttributes] of messages) await sns.send(new PublishCommand({ TopicArn: f.topic, Message: body, MessageAttributes }));
    // A message without attributes reaches only the subscription without a policy.
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'm7' }));

    assert.deepEqual(await received(f), {
      all: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'],
      exact: ['m1'],
      prefixOrSuffix: ['m1', 'm2', 'm4'],
      anythingBut: ['m2', 'm3', 'm6'],
      anythingButPrefix: ['m2', 'm3'],
      numericRange: ['m1', 'm6'],
      numericEquals: ['m3'],
      existsTrue: ['m1', 'm2', 'm3', 'm6'],
      existsFalse: ['m4', 'm5'],
      ignoreCase: ['m1', 'm3'],
      and: ['m1'],
      or: ['m2'],
      arrayValue: ['m1'],
      binaryIgnored: [],
      cidr: ['m4'],
    });
  });

  it('recorded: {"attr1":[{"numeric":[">",0,"<=",100]}]} takes 99, not 111; [null, anything-but] takes nothing without attributes', async () => {
    const f = await fanout('MessageAttributes', { q: { attr1: [{ numeric: ['>', 0, '<=', 100] }] } });
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'This is a test message', MessageAttributes: { attr1: num('99') } }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'This is another test message', MessageAttributes: { attr1: num('111') } }));
    assert.deepEqual((await received(f)).q, ['This is a test message']);

    const sub = f.queues.q!.subscription;
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify({ attr1: [null, { 'anything-but': 'whatever' }] }) }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'This the test message for null' }));
    assert.deepEqual((await received(f)).q, []);
    // Removing the policy lets everything through again.
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub, AttributeName: 'FilterPolicy', AttributeValue: '' }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'This the test message for null' }));
    assert.deepEqual((await received(f)).q, ['This the test message for null']);
  });

  it('recorded: exists true/false on "store"; a String.Array value matches when one element does', async () => {
    const f = await fanout('MessageAttributes', { exists: { store: [{ exists: true }] }, notExists: { store: [{ exists: false }] }, value1: { store: ['value1'] } });
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'message-1', MessageAttributes: { store: num('99'), def: num('99') } }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'message-2', MessageAttributes: { attr1: num('111') } }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'message-3', MessageAttributes: { def: num('99') } }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'value-1', MessageAttributes: { store: str('value1') } }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'value-2', MessageAttributes: { store: arr(['value1', 'value2']) } }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: 'value-3', MessageAttributes: { store: arr(['value2', 'value3']) } }));
    assert.deepEqual(await received(f), {
      exists: ['message-1', 'value-1', 'value-2', 'value-3'],
      notExists: ['message-2', 'message-3'],
      value1: ['value-1', 'value-2'],
    });
  });

  it('PublishBatch entries are filtered one by one', async () => {
    const f = await fanout('MessageAttributes', { red: { color: ['red'] }, blue: { color: ['blue'] } });
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn: f.topic,
        PublishBatchRequestEntries: [
          { Id: '1', Message: 'b1', MessageAttributes: { color: str('red') } },
          { Id: '2', Message: 'b2', MessageAttributes: { color: str('blue') } },
          { Id: '3', Message: 'b3', MessageAttributes: { color: str('green') } },
          { Id: '4', Message: 'b4' },
        ],
      }),
    );
    assert.equal(out.Successful?.length, 4);
    assert.deepEqual(await received(f), { red: ['b1'], blue: ['b2'] });
  });
});

describe('MessageBody scope', () => {
  it('nested policies, arrays in the payload, cidr inside $or; text that is not a JSON object never matches', async () => {
    const f = await fanout('MessageBody', {
      all: null,
      nested: { object: { key: [{ prefix: 'auto-' }, 'hardcodedvalue'], nested_key: [{ exists: false }] }, test: [{ exists: false }] },
      route1: { headers: { 'route-to': ['queue1'] } },
      route2: { headers: { 'route-to': ['queue2'] } },
      ip: { detail: { $or: [{ sourceIPAddress: [{ cidr: '10.0.0.0/24' }] }, { sourceIPAddressV6: [{ cidr: '2001:db8:1234:1a00::/64' }] }] } },
    });
    const bodies: unknown[] = [
      { object: { key: 'auto-test' } },
      { object: { key: 'hardcodedvalue' } },
      { object: { key: 'test-auto' } },
      { object: { key: 'auto-test' }, test: 'just-exists' },
      { object: { key: 'auto-test', nested_key: 'just-exists' } },
      { object: { test: 'auto-test' } },
      { test: 'auto-test' },
      { headers: { 'route-to': ['queue3'] } },
      { headers: { 'route-to': ['queue1'] } },
      { headers: { 'route-to': ['queue2'] } },
      { headers: { 'route-to': ['queue1', 'queue2'] } },
      { id: '1', detail: { sourceIPAddress: '10.0.0.255' } },
      { id: '2', detail: { sourceIPAddress: '10.0.0.256' } },
      { id: '3', detail: { sourceIPAddressV6: '2001:0db8:1234:1a00:0000:0000:0000:0000' } },
      { id: '4', detail: { sourceIPAddressV6: '2001:0db8:123f:1a01:0000:0000:0000:0000' } },
    ];
    const texts = bodies.map((b) => JSON.stringify(b));
    for (const Message of texts) await sns.send(new PublishCommand({ TopicArn: f.topic, Message }));
    for (const Message of ['Regular string message', JSON.stringify('Regular string message'), '[1,2]']) await sns.send(new PublishCommand({ TopicArn: f.topic, Message }));
    const t = (i: number) => texts[i]!;
    const got = await received(f);
    assert.equal(got.all?.length, texts.length + 3);
    delete got.all;
    assert.deepEqual(got, {
      nested: [t(0), t(1)].sort(),
      route1: [t(8), t(10)].sort(),
      route2: [t(9), t(10)].sort(),
      ip: [t(11), t(13)].sort(),
    });
  });

  it('recorded: $or at the top and inside a nested object', async () => {
    const f = await fanout('MessageBody', {
      q: {
        $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
        detail: { scope: ['Service'], $or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }] },
      },
    });
    const failing = [
      { metricName: 'CPUUtilization', detail: { scope: 'aws.cloudwatch', type: 'CloudWatch Alarm State Change' } },
      { metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CPUUtilization' } },
      { metricName: 'CPUUtilization', detail: { type: 'CloudWatch Alarm State Change' } },
      { metricName: 'CPUUtilization', detail: { scope: 'Service' } },
      { metricName: 'CPUUtilization', scope: 'Service' },
      { metricName: 'AWS/EC2', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } },
      { namespace: 'CPUUtilization', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } },
    ];
    const passing = [
      { metricName: 'CPUUtilization', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
      { metricName: 'ReadLatency', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
      { namespace: 'AWS/EC2', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
      { namespace: 'AWS/ES', detail: { scope: 'Service', source: 'aws.cloudwatch' } },
      { metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } },
    ];
    for (const m of [...failing, ...passing]) await sns.send(new PublishCommand({ TopicArn: f.topic, Message: JSON.stringify(m) }));
    assert.deepEqual((await received(f)).q, passing.map((m) => JSON.stringify(m)).sort());
  });

  it('a body-scope policy ignores message attributes, and an attribute-scope policy ignores the body', async () => {
    const f = await fanout('MessageBody', { body: { store: ['example_corp'] } });
    const attrsQueue = await createQueue(e2e);
    await subscribeQueue(e2e, f.topic, attrsQueue.arn, { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ store: ['example_corp'] }) });
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: JSON.stringify({ store: 'example_corp' }) }));
    await sns.send(new PublishCommand({ TopicArn: f.topic, Message: JSON.stringify({ store: 'other' }), MessageAttributes: { store: str('example_corp') } }));
    assert.deepEqual((await received(f)).body, [JSON.stringify({ store: 'example_corp' })]);
    assert.deepEqual((await drain(e2e, attrsQueue.url)).map((m) => m.Body), [JSON.stringify({ store: 'other' })]);
  });
});
