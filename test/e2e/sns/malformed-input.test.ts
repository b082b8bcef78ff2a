/**
 * Hostile input over raw query requests: `__proto__` (and `toString`) as ordinary user names in
 * message attributes, filter policies and tags; filter policies nested past Jackson's depth
 * limit; a String.Array attribute nested deeper than any recursion could follow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ACCOUNT, REGION, startSns, unique, type SnsE2e } from './harness.js';

let e2e: SnsE2e;
before(async () => {
  e2e = await startSns();
});
after(async () => {
  await e2e.close();
});

async function sns(params: Array<[string, string]>): Promise<{ status: number; text: string }> {
  const res = await fetch(e2e.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams([['Version', '2010-03-31'], ...params]).toString(),
  });
  return { status: res.status, text: await res.text() };
}

async function topic(): Promise<string> {
  const name = unique('mal');
  assert.equal((await sns([['Action', 'CreateTopic'], ['Name', name]])).status, 200);
  return `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
}

async function subscribedQueue(topicArn: string, attributes: Array<[string, string]>): Promise<string> {
  const q = await e2e.sqs.send(new CreateQueueCommand({ QueueName: unique('malq') }));
  const arn = (await e2e.sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const params: Array<[string, string]> = [['Action', 'Subscribe'], ['TopicArn', topicArn], ['Protocol', 'sqs'], ['Endpoint', arn]];
  attributes.forEach(([k, v], i) => params.push([`Attributes.entry.${i + 1}.key`, k], [`Attributes.entry.${i + 1}.value`, v]));
  const r = await sns(params);
  assert.equal(r.status, 200, r.text);
  return q.QueueUrl!;
}

const attribute = (i: number, name: string, type: string, value: string): Array<[string, string]> => [
  [`MessageAttributes.entry.${i}.Name`, name],
  [`MessageAttributes.entry.${i}.Value.DataType`, type],
  [`MessageAttributes.entry.${i}.Value.StringValue`, value],
];

describe('SNS: `__proto__` is an ordinary name', () => {
  it('a message attribute __proto__ is delivered (raw: as an SQS attribute; else in the envelope) and filterable', async () => {
    const t = await topic();
    const raw = await subscribedQueue(t, [['RawMessageDelivery', 'true'], ['FilterPolicy', '{"__proto__":["p"]}']]);
    const wrapped = await subscribedQueue(t, []);
    const none = await subscribedQueue(t, [['FilterPolicy', '{"toString":[{"exists":true}]}']]);
    const r = await sns([['Action', 'Publish'], ['TopicArn', t], ['Message', 'm'], ...attribute(1, '__proto__', 'String', 'p')]);
    assert.equal(r.status, 200, r.text);
    // Over raw JSON: the SDK's own deserializer drops a `__proto__` key.
    const res = await fetch(e2e.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: raw, MessageAttributeNames: ['All'], WaitTimeSeconds: 2 }),
    });
    const got = JSON.parse(await res.text()) as { Messages?: Array<{ MessageAttributes?: unknown }> };
    assert.equal(JSON.stringify(got.Messages?.[0]?.MessageAttributes), '{"__proto__":{"DataType":"String","StringValue":"p"}}');
    const env = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: wrapped, WaitTimeSeconds: 2 }));
    const body = JSON.parse(env.Messages![0]!.Body!) as { MessageAttributes: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.MessageAttributes), ['__proto__']);
    const nothing = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: none, WaitTimeSeconds: 0 }));
    assert.equal(nothing.Messages, undefined, 'toString is not found on a prototype');
  });

  it('a tag key __proto__ is kept', async () => {
    const t = await topic();
    const r = await sns([['Action', 'TagResource'], ['ResourceArn', t], ['Tags.member.1.Key', '__proto__'], ['Tags.member.1.Value', 'v']]);
    assert.equal(r.status, 200, r.text);
    const tags = await sns([['Action', 'ListTagsForResource'], ['ResourceArn', t]]);
    assert.match(tags.text, /<Key>__proto__<\/Key><Value>v<\/Value>/);
  });

  it('a topic or subscription attribute named __proto__ is an invalid parameter', async () => {
    const t = await topic();
    const r = await sns([['Action', 'SetTopicAttributes'], ['TopicArn', t], ['AttributeName', '__proto__'], ['AttributeValue', 'x']]);
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /<Code>InvalidParameter<\/Code>/);
    const c = await sns([['Action', 'CreateTopic'], ['Name', unique('malc')], ['Attributes.entry.1.key', '__proto__'], ['Attributes.entry.1.value', 'x']]);
    assert.equal(c.status, 400, c.text);
    assert.match(c.text, /<Code>InvalidParameter<\/Code>/);
  });
});

describe('SNS: deep filter policies and attribute values', () => {
  const deep = (n: number) => '{"a":'.repeat(n) + '["x"]' + '}'.repeat(n);
  it('a filter policy nested 5,000 deep is InvalidParameter with Jackson\'s depth message', async () => {
    const t = await topic();
    const q = await e2e.sqs.send(new CreateQueueCommand({ QueueName: unique('malq') }));
    const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${q.QueueUrl!.split('/').pop()!}`;
    for (const scope of ['MessageAttributes', 'MessageBody']) {
      const r = await sns([
        ['Action', 'Subscribe'], ['TopicArn', t], ['Protocol', 'sqs'], ['Endpoint', arn],
        ['Attributes.entry.1.key', 'FilterPolicy'], ['Attributes.entry.1.value', deep(5000)],
        ['Attributes.entry.2.key', 'FilterPolicyScope'], ['Attributes.entry.2.value', scope],
      ]);
      assert.equal(r.status, 400, r.text);
      assert.match(r.text, /<Code>InvalidParameter<\/Code><Message>Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON\. Document nesting depth \(1001\) exceeds the maximum allowed \(1000, from `StreamReadConstraints.getMaxNestingDepth\(\)`\)/);
    }
  });

  it('a String.Array attribute nested 100,000 deep is matched without recursion', async () => {
    const t = await topic();
    const q = await subscribedQueue(t, [['FilterPolicy', '{"a":["x"]}']]);
    const value = '['.repeat(100_000) + '"x"' + ']'.repeat(100_000);
    const r = await sns([['Action', 'Publish'], ['TopicArn', t], ['Message', 'm'], ...attribute(1, 'a', 'String.Array', value)]);
    assert.equal(r.status, 200, r.text);
    const got = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: q, WaitTimeSeconds: 2 }));
    assert.equal(got.Messages?.length, 1);
  });
});
