/**
 * Malformed and hostile input over raw HTTP (what SDKs never send): bodies nested past the
 * JSON depth limit, null batch entries, list items without a value, and `__proto__` as an
 * ordinary user key (message attribute name, tag key), in both SQS protocols.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT, startServer, unique, type E2e } from '../harness.js';

let e2e: E2e;
before(async () => {
  e2e = await startServer();
});
after(async () => {
  await e2e.close();
});

async function json(op: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; queryError: string | null }> {
  const res = await fetch(e2e.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${op}`, 'x-amzn-query-mode': 'true' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(await res.text()) as Record<string, unknown>, queryError: res.headers.get('x-amzn-query-error') };
}

async function query(params: Array<[string, string]>): Promise<{ status: number; text: string }> {
  const res = await fetch(e2e.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams([['Version', '2012-11-05'], ...params]).toString(),
  });
  return { status: res.status, text: await res.text() };
}

async function newQueue(): Promise<string> {
  const r = await json('CreateQueue', { QueueName: unique('mal') });
  assert.equal(r.status, 200);
  return r.body.QueueUrl as string;
}

describe('SQS: deep, null and valueless input', () => {
  it('a 16 MB body of nested arrays is refused at once: 413 before it is buffered', async () => {
    const n = 8 * 1024 * 1024;
    const started = performance.now();
    const r = await json('SendMessage', '['.repeat(n) + ']'.repeat(n));
    const ms = performance.now() - started;
    assert.equal(r.status, 413);
    assert.equal(r.body.__type, 'com.amazon.coral.service#RequestEntityTooLarge');
    assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms`);
  });

  it('a body of nested arrays within the size limit is refused at once with SerializationException', async () => {
    const n = 2 * 1024 * 1024 - 16; // just under SQS's 4 MiB body limit
    const started = performance.now();
    const r = await json('SendMessage', '['.repeat(n) + ']'.repeat(n));
    const ms = performance.now() - started;
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, 'com.amazon.coral.service#SerializationException');
    assert.equal(r.queryError, 'SerializationException;Sender');
    assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms`);
  });

  it('a member nested 10,000 deep is a SerializationException; 999 deep the member type error, text cut short', async () => {
    const url = await newQueue();
    const deep = (d: number) => `{"QueueUrl":${JSON.stringify(url)},"MessageBody":${'['.repeat(d)}${']'.repeat(d)}}`;
    const r = await json('SendMessage', deep(10_000));
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, 'com.amazon.coral.service#SerializationException');
    const shallow = await json('SendMessage', deep(998));
    assert.equal(shallow.status, 400);
    assert.equal(shallow.body.__type, 'com.amazon.coral.service#InvalidParameterValueException');
    assert.ok((shallow.body.message as string).length < 400, shallow.body.message as string);
    assert.match(shallow.body.message as string, /^Value \[\[\[.*\.\.\. for parameter MessageBody is invalid\. Reason: Must be of the expected type\.$/);
  });

  for (const op of ['SendMessageBatch', 'DeleteMessageBatch', 'ChangeMessageVisibilityBatch']) {
    it(`${op} with Entries [null] is a SerializationException`, async () => {
      const r = await json(op, { QueueUrl: await newQueue(), Entries: [null] });
      assert.equal(r.status, 400);
      assert.equal(r.body.__type, 'com.amazon.coral.service#SerializationException');
      assert.equal(r.queryError, 'SerializationException;Sender');
    });
  }

  it('query: a list item with sub-keys but no value is a missing parameter', async () => {
    const url = await newQueue();
    const r = await query([['Action', 'ReceiveMessage'], ['QueueUrl', url], ['MessageAttributeName.1.x', 'z']]);
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /<Code>MissingParameter<\/Code><Message>The request must contain the parameter MessageAttributeName\.1\.<\/Message>/);
  });

  it('query: a timestamp-free number out of range is refused (MaxNumberOfMessages=1e400)', async () => {
    const r = await query([['Action', 'ReceiveMessage'], ['QueueUrl', await newQueue()], ['MaxNumberOfMessages', '1e400']]);
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /<Code>InvalidParameterValue<\/Code>/);
  });
});

describe('SQS: `__proto__` is an ordinary name', () => {
  it('json: a message attribute named __proto__ is kept and returned, with the MD5 AWS computes', async () => {
    const url = await newQueue();
    const attrs = JSON.parse('{"__proto__":{"DataType":"String","StringValue":"p"},"a":{"DataType":"String","StringValue":"x"}}') as unknown;
    const sent = await json('SendMessage', { QueueUrl: url, MessageBody: 'b', MessageAttributes: attrs });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const onlyA = await json('SendMessage', { QueueUrl: url, MessageBody: 'b', MessageAttributes: { a: { DataType: 'String', StringValue: 'x' } } });
    assert.notEqual(sent.body.MD5OfMessageAttributes, onlyA.body.MD5OfMessageAttributes);
    const got = await json('ReceiveMessage', { QueueUrl: url, MessageAttributeNames: ['All'], MaxNumberOfMessages: 1 });
    const m = (got.body.Messages as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual(Object.keys(m.MessageAttributes as object).sort(), ['__proto__', 'a']);
    assert.equal(m.MD5OfMessageAttributes, sent.body.MD5OfMessageAttributes);
  });

  it('query: a message attribute named __proto__ is kept and returned', async () => {
    const url = await newQueue();
    const sent = await query([
      ['Action', 'SendMessage'], ['QueueUrl', url], ['MessageBody', 'b'],
      ['MessageAttribute.1.Name', '__proto__'], ['MessageAttribute.1.Value.DataType', 'String'], ['MessageAttribute.1.Value.StringValue', 'p'],
    ]);
    assert.equal(sent.status, 200, sent.text);
    const got = await query([['Action', 'ReceiveMessage'], ['QueueUrl', url], ['MessageAttributeName.1', '__proto__']]);
    assert.match(got.text, /<MessageAttribute><Name>__proto__<\/Name><Value><DataType>String<\/DataType><StringValue>p<\/StringValue><\/Value><\/MessageAttribute>/);
  });

  it('a tag key __proto__ is kept (TagQueue, CreateQueue tags, ListQueueTags)', async () => {
    const url = await newQueue();
    assert.equal((await json('TagQueue', { QueueUrl: url, Tags: JSON.parse('{"__proto__":"v"}') as unknown })).status, 200);
    const tags = await json('ListQueueTags', { QueueUrl: url });
    assert.equal(JSON.stringify(tags.body.Tags), '{"__proto__":"v"}');
    const name = unique('tagged');
    const created = await query([['Action', 'CreateQueue'], ['QueueName', name], ['Tag.1.Key', '__proto__'], ['Tag.1.Value', 'w']]);
    assert.equal(created.status, 200, created.text);
    const listed = await query([['Action', 'ListQueueTags'], ['QueueUrl', `${e2e.url}/${ACCOUNT}/${name}`]]);
    assert.match(listed.text, /<Tag><Key>__proto__<\/Key><Value>w<\/Value><\/Tag>/);
  });

  for (const name of ['__proto__', 'toString', 'constructor']) {
    it(`a queue attribute named ${name} is an invalid attribute name`, async () => {
      const r = await json('SetQueueAttributes', { QueueUrl: await newQueue(), Attributes: JSON.parse(`{"${name}":"1"}`) as unknown });
      assert.equal(r.status, 400);
      assert.equal(r.body.__type, 'com.amazonaws.sqs#InvalidAttributeName');
      assert.equal(r.body.message, `Unknown Attribute ${name}.`);
    });
  }
});
