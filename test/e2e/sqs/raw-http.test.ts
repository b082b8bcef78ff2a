/**
 * What SDKs cannot send, checked with plain `fetch`: malformed JSON, unknown operations and
 * actions, query requests posted to the queue URL path, request ids on every AWS response,
 * and the developer endpoints (health, peeking at messages).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT, TRANSPORTS, startServer, unique, type E2e } from '../harness.js';

let e2e: E2e;
before(async () => {
  e2e = await startServer();
});
after(async () => {
  await e2e.close();
});

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Raw {
  status: number;
  headers: Headers;
  text: string;
}

/** Every AWS protocol response carries `x-amzn-requestid` (JS v3 reads it only from there). */
async function aws(path: string, init: RequestInit): Promise<Raw> {
  const res = await fetch(`${e2e.url}${path}`, { method: 'POST', ...init });
  const text = await res.text();
  assert.match(res.headers.get('x-amzn-requestid') ?? '', REQUEST_ID, `x-amzn-requestid on ${res.status} ${text.slice(0, 100)}`);
  return { status: res.status, headers: res.headers, text };
}

const json = (target: string, body: string) =>
  aws('/', { headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, 'x-amzn-query-mode': 'true' }, body });
const query = (path: string, params: Record<string, string>) =>
  aws(path, {
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
  });

/** Text of the first `<tag>` in an XML document. */
function xmlText(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

describe('AWS JSON 1.0 over raw HTTP', () => {
  it('answers a malformed body with 400 SerializationException', async () => {
    const r = await json('AmazonSQS.ListQueues', '{not json');
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
    const body = JSON.parse(r.text) as { __type: string; message: string };
    assert.match(body.__type, /SerializationException$/);
    assert.ok(body.message);
    assert.match(r.headers.get('x-amzn-query-error') ?? '', /^SerializationException;Sender$/);
  });

  it('answers an unknown X-Amz-Target operation with 400 UnknownOperationException', async () => {
    const r = await json('AmazonSQS.Nope', '{}');
    assert.equal(r.status, 400);
    const body = JSON.parse(r.text) as { __type: string };
    assert.match(body.__type, /#UnknownOperationException$/);
  });

  it('answers a missing required member with MissingParameter', async () => {
    const r = await json('AmazonSQS.CreateQueue', '{}');
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('x-amzn-query-error'), 'MissingParameter;Sender');
    assert.deepEqual(JSON.parse(r.text), {
      __type: 'com.amazon.coral.service#MissingRequiredParameterException',
      message: 'The request must contain the parameter QueueName.',
    });
  });

  it('writes the AWS error shape with the legacy code header', async () => {
    const r = await json('AmazonSQS.GetQueueUrl', JSON.stringify({ QueueName: unique('raw-missing') }));
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('x-amzn-query-error'), 'AWS.SimpleQueueService.NonExistentQueue;Sender');
    assert.deepEqual(JSON.parse(r.text), { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
  });

  it('answers success with a JSON body and a request id', async () => {
    const name = unique('raw-json');
    const r = await json('AmazonSQS.CreateQueue', JSON.stringify({ QueueName: name }));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.deepEqual(JSON.parse(r.text), { QueueUrl: `${e2e.url}/${ACCOUNT}/${name}` });
  });
});

describe('AWS query over raw HTTP', () => {
  it('answers an unknown Action with 400 InvalidAction', async () => {
    const r = await query('/', { Action: 'Nope' });
    assert.equal(r.status, 400);
    assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
    assert.equal(xmlText(r.text, 'Code'), 'InvalidAction');
    assert.equal(xmlText(r.text, 'Type'), 'Sender');
    assert.equal(xmlText(r.text, 'Message'), 'The action Nope is not valid for this web service.');
    assert.equal(xmlText(r.text, 'RequestId'), r.headers.get('x-amzn-requestid'));
  });

  it('serves a request posted to /<account>/<queue> without QueueUrl', async () => {
    const name = unique('raw-path');
    const created = await query('/', { Action: 'CreateQueue', QueueName: name });
    assert.equal(created.status, 200);
    assert.equal(xmlText(created.text, 'QueueUrl'), `${e2e.url}/${ACCOUNT}/${name}`);

    const sent = await query(`/${ACCOUNT}/${name}`, { Action: 'SendMessage', MessageBody: 'via the path' });
    assert.equal(sent.status, 200, sent.text);
    assert.equal(xmlText(sent.text, 'MD5OfMessageBody'), md5('via the path'));
    assert.equal(xmlText(sent.text, 'RequestId'), sent.headers.get('x-amzn-requestid'));

    const received = await query(`/${ACCOUNT}/${name}`, { Action: 'ReceiveMessage', 'AttributeName.1': 'All' });
    assert.equal(received.status, 200);
    assert.equal(xmlText(received.text, 'Body'), 'via the path');
    assert.equal(xmlText(received.text, 'MessageId'), xmlText(sent.text, 'MessageId'));

    const missing = await query(`/${ACCOUNT}/${unique('raw-path-missing')}`, { Action: 'GetQueueAttributes', 'AttributeName.1': 'All' });
    assert.equal(missing.status, 400);
    assert.equal(xmlText(missing.text, 'Code'), 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(xmlText(missing.text, 'Message'), 'The specified queue does not exist for this wsdl version.');
  });

  it('escapes message bodies in XML', async () => {
    const name = unique('raw-escape');
    await query('/', { Action: 'CreateQueue', QueueName: name });
    const body = 'a < b & "c" \r\n';
    await query(`/${ACCOUNT}/${name}`, { Action: 'SendMessage', MessageBody: body });
    const received = await query(`/${ACCOUNT}/${name}`, { Action: 'ReceiveMessage' });
    assert.equal(xmlText(received.text, 'Body'), 'a &lt; b &amp; &quot;c&quot; &#xD;\n');
  });
});

describe('request ids through the SDKs', () => {
  for (const transport of TRANSPORTS) {
    it(`${transport}: every response has a distinct request id`, async () => {
      const sqs = e2e.clients[transport];
      const a = await sqs.send('ListQueues', {});
      const b = await sqs.send('ListQueues', {});
      assert.match(a.$metadata.requestId ?? '', REQUEST_ID);
      assert.match(b.$metadata.requestId ?? '', REQUEST_ID);
      assert.notEqual(a.$metadata.requestId, b.$metadata.requestId);
    });
  }
});

describe('developer endpoints', () => {
  it('GET /_signalbox/health reports the version and a running SQS', async () => {
    const res = await fetch(`${e2e.url}/_signalbox/health`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as { status: string; version: string; uptimeSeconds: number; services: Record<string, { status: string }> };
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.equal(body.services.sqs?.status, 'running');
    assert.equal(typeof body.uptimeSeconds, 'number');
  });

  it('GET /_signalbox/sqs/messages shows available, in-flight and delayed messages without changing them', async () => {
    const sqs = e2e.clients.json;
    const q = await sqs.createQueue('peek');
    const inflight = await sqs.send('SendMessage', { QueueUrl: q.url, MessageBody: 'inflight' });
    await sqs.receive(q.url, { VisibilityTimeout: 60 });
    const available = await sqs.send('SendMessage', {
      QueueUrl: q.url,
      MessageBody: 'available',
      MessageAttributes: { bin: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } },
    });
    const delayed = await sqs.send('SendMessage', { QueueUrl: q.url, MessageBody: 'delayed', DelaySeconds: 60 });

    interface Peeked {
      messageId: string;
      body: string;
      state: string;
      attributes: Record<string, { DataType: string; BinaryValue?: string }>;
      systemAttributes: Record<string, string>;
      visibleAt?: number;
    }
    interface Peek {
      queue: { name: string; arn: string; counts: { visible: number; inflight: number; delayed: number } };
      messages: Peeked[];
    }
    const peek = async (): Promise<Peek> => {
      const res = await fetch(`${e2e.url}/_signalbox/sqs/messages?QueueUrl=${encodeURIComponent(q.url)}`);
      assert.equal(res.status, 200);
      return (await res.json()) as Peek;
    };
    const first = await peek();
    assert.equal(first.queue.name, q.name);
    assert.equal(first.queue.arn, q.arn);
    assert.deepEqual(first.queue.counts, { visible: 1, inflight: 1, delayed: 1 });
    const byBody = new Map(first.messages.map((m) => [m.body, m]));
    assert.equal(byBody.get('inflight')?.state, 'inflight');
    assert.equal(byBody.get('inflight')?.messageId, inflight.MessageId);
    assert.equal(byBody.get('available')?.state, 'available');
    assert.equal(byBody.get('available')?.messageId, available.MessageId);
    assert.deepEqual(byBody.get('available')?.attributes, { bin: { DataType: 'Binary', BinaryValue: 'AQID' } });
    assert.equal(byBody.get('delayed')?.state, 'delayed');
    assert.equal(byBody.get('delayed')?.messageId, delayed.MessageId);
    assert.ok((byBody.get('delayed')?.visibleAt ?? 0) > Date.now() + 50_000);

    // Peeking again changes nothing, and the queue still serves the available message first-hand.
    assert.deepEqual(await peek(), first);
    const counts = await sqs.attributes(q.url, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);
    assert.deepEqual(counts, { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '1' });
    const [got] = await sqs.receive(q.url, { AttributeNames: ['ApproximateReceiveCount'] });
    assert.equal(got?.MessageId, available.MessageId);
    assert.equal(got?.Attributes?.ApproximateReceiveCount, '1');
  });

  it('GET /_signalbox/sqs/messages answers 404 for an unknown queue', async () => {
    const res = await fetch(`${e2e.url}/_signalbox/sqs/messages?QueueUrl=${encodeURIComponent(`${e2e.url}/${ACCOUNT}/${unique('nopeek')}`)}`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: string }).error, 'QueueDoesNotExist');
  });
});

describe('requests the server cannot serve', () => {
  it('a JSON API that is not served yet answers 501 naming it, in JSON', async () => {
    const r = await aws('/', {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Kinesis_20131202.PutRecord',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: '{"StreamName":"s","Data":"aGk=","PartitionKey":"p"}',
    });
    assert.equal(r.status, 501);
    const body = JSON.parse(r.text) as { __type: string; message: string };
    // In Kinesis's own protocol (JSON 1.1: the bare shape name); more in test/e2e/server/unserved.test.ts.
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.equal(body.__type, 'NotImplemented');
    assert.match(body.message, /does not serve Kinesis \("kinesis"\), so PutRecord was not run\. Signalbox serves SQS, SNS, EventBridge and Step Functions/);
  });

  it('a query API that is not served (STS) answers 501 in XML', async () => {
    const r = await aws('/', {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(r.status, 501);
    assert.equal(xmlText(r.text, 'Code'), 'NotImplemented');
    assert.match(xmlText(r.text, 'Message') ?? '', /does not serve STS \("sts"\), so GetCallerIdentity was not run/);
  });

  it('a body over 16 MiB gets an AWS-shaped 413, not a dropped connection', async () => {
    const r = await json('AmazonSQS.SendMessage', 'x'.repeat(17 * 1024 * 1024));
    assert.equal(r.status, 413);
    const body = JSON.parse(r.text) as { __type: string; message: string };
    assert.equal(body.__type, 'com.amazon.coral.service#RequestEntityTooLarge');
    // The SQS limit (4 MiB, src/server/limits.ts), in AWS's words; 16 MiB is the absolute cap.
    assert.equal(body.message, 'HTTP content length exceeded 4194304 bytes.');
  });
});

describe('accounts', () => {
  it('a 12-digit access key is the account; any other key uses the default account', async () => {
    const name = unique('acct');
    const sign = (key: string) =>
      `AWS4-HMAC-SHA256 Credential=${key}/20261122/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x`;
    const call = (key: string, target: string, body: object) =>
      aws('/', {
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, authorization: sign(key) },
        body: JSON.stringify(body),
      });
    const created = await call('111122223333', 'AmazonSQS.CreateQueue', { QueueName: name });
    assert.equal(created.status, 200);
    const url = (JSON.parse(created.text) as { QueueUrl: string }).QueueUrl;
    assert.match(url, new RegExp(`/111122223333/${name}$`));
    // The default account does not see it by name...
    const other = await call('AKIDEXAMPLE', 'AmazonSQS.GetQueueUrl', { QueueName: name });
    assert.equal(other.status, 400);
    // ...but can name the owner, as with cross-account queues on AWS.
    const owned = await call('AKIDEXAMPLE', 'AmazonSQS.GetQueueUrl', { QueueName: name, QueueOwnerAWSAccountId: '111122223333' });
    assert.equal(owned.status, 200);
    assert.equal((JSON.parse(owned.text) as { QueueUrl: string }).QueueUrl, url);
    assert.equal(ACCOUNT, '000000000000');
  });
});
