/**
 * What one client can hold: body size per service (answered in the service's protocol), URL and
 * header size, open connections, and slow clients, while long polls (response waits) still work.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SQSClient, CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SFNClient, CreateActivityCommand, CreateStateMachineCommand, GetActivityTaskCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CREDENTIALS, REGION, unique } from '../harness.js';
import { createSignalbox, type Signalbox } from '../../../src/index.js';
import { FORM, form, raw, rawSocket, sqsJson, serveForSuite } from './raw.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const MiB = 1024 * 1024;
const sdk = { region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };

let url: string;
serveForSuite((u) => (url = u));

describe('request body limits per service', () => {
  it('SQS JSON over 4 MiB: 413 RequestEntityTooLarge in JSON 1.0 with the legacy code header', async () => {
    const r = await raw(url, { method: 'POST', headers: sqsJson('SendMessage'), body: JSON.stringify({ QueueUrl: 'x', MessageBody: 'a'.repeat(4 * MiB) }) });
    assert.equal(r.status, 413);
    assert.equal(r.headers['content-type'], 'application/x-amz-json-1.0');
    assert.equal(r.headers['x-amzn-query-error'], 'RequestEntityTooLarge;Sender');
    assert.match(String(r.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    assert.deepEqual(JSON.parse(r.text), { __type: 'com.amazon.coral.service#RequestEntityTooLarge', message: 'HTTP content length exceeded 4194304 bytes.' });
  });

  it('SQS query: a 1 MiB message percent-encoded (3 MiB on the wire) still reaches the service', async () => {
    const name = unique('big-query');
    const created = await raw(url, { method: 'POST', headers: { 'content-type': FORM }, body: form({ Action: 'CreateQueue', Version: '2012-11-05', QueueName: name }) });
    const queueUrl = /<QueueUrl>([^<]+)<\/QueueUrl>/.exec(created.text)![1]!;
    const body = form({ Action: 'SendMessage', Version: '2012-11-05', QueueUrl: queueUrl, MessageBody: '"'.repeat(MiB) });
    assert.ok(body.length > 3 * MiB);
    const r = await raw(url, { method: 'POST', headers: { 'content-type': FORM }, body });
    assert.equal(r.status, 200, r.text.slice(0, 300));
  });

  it('SNS (query) over 1 MiB, unsigned: the limit applies once the body names the service', async () => {
    const body = form({ Action: 'Publish', Version: '2010-03-31', TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'a'.repeat(MiB) });
    const r = await raw(url, { method: 'POST', headers: { 'content-type': FORM }, body });
    assert.equal(r.status, 413);
    assert.equal(r.headers['content-type'], 'text/xml');
    assert.match(r.text, /xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"/);
    assert.match(r.text, /<Code>RequestEntityTooLarge<\/Code><Message>HTTP content length exceeded 1048576 bytes\.<\/Message>/);
  });

  it('Step Functions over 4 MiB (room for a 1,048,576-character definition, escaped): 413 in JSON 1.0', async () => {
    const r = await raw(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
      body: JSON.stringify({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m', input: 'a'.repeat(4 * MiB) }),
    });
    assert.equal(r.status, 413);
    assert.equal(r.headers['x-amzn-query-error'], undefined);
    assert.deepEqual(JSON.parse(r.text), { __type: 'com.amazon.coral.service#RequestEntityTooLarge', message: 'HTTP content length exceeded 4194304 bytes.' });
  });

  it('EventBridge over 4 MiB: 413 in JSON 1.1 (bare __type)', async () => {
    const r = await raw(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({ Entries: [{ Source: 's', DetailType: 'd', Detail: JSON.stringify({ a: 'x'.repeat(4 * MiB) }) }] }),
    });
    assert.equal(r.status, 413);
    assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
    assert.deepEqual(JSON.parse(r.text), { __type: 'RequestEntityTooLarge', message: 'HTTP content length exceeded 4194304 bytes.' });
  });

  it('after a 413 the kept-alive connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const u = new URL(url);
    const send = (body: string) =>
      new Promise<{ status: number; port: number }>((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, method: 'POST', agent, headers: sqsJson('ListQueues') }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, port: req.socket?.localPort ?? 0 }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await send(JSON.stringify({ x: 'a'.repeat(5 * MiB) }));
      assert.equal(big.status, 413);
      const next = await send('{}');
      assert.equal(next.status, 200);
      assert.equal(next.port, big.port, 'same socket');
    } finally {
      agent.destroy();
    }
  });

  it('a declared Content-Length over 16 MiB is answered at once, without waiting for the body', async () => {
    const r = await rawSocket(
      url,
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: AmazonSQS.SendMessage\r\ncontent-length: 20000000\r\n\r\n{',
    );
    assert.match(r.text, /^HTTP\/1\.1 413 /);
    assert.match(r.text, /RequestEntityTooLarge/);
  });
});

describe('URL and header limits', () => {
  it('a URL over 8 KiB gets 414 in the protocol of the request', async () => {
    const r = await raw(url, { path: `/?Action=ListQueues&Version=2012-11-05&QueueNamePrefix=${'a'.repeat(9000)}` });
    assert.equal(r.status, 414);
    assert.match(r.text, /<Code>RequestURITooLong<\/Code>/);
    const dev = await raw(url, { path: `/_signalbox/sqs/messages?QueueUrl=${'a'.repeat(9000)}` });
    assert.equal(dev.status, 414);
    assert.equal((JSON.parse(dev.text) as { error: string }).error, 'RequestURITooLong');
  });

  it('headers over 16 KiB get 431 with a JSON error, and the connection is closed', async () => {
    const r = await rawSocket(url, `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'a'.repeat(17 * 1024)}\r\n\r\n`);
    assert.match(r.text, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    assert.match(r.text, /x-amzn-errortype: RequestHeaderFieldsTooLarge/);
    assert.match(r.text, /\{"__type":"RequestHeaderFieldsTooLarge","message":"The request line and headers are larger than 16384 bytes\."\}$/);
  });

  it('malformed HTTP gets 400', async () => {
    const r = await rawSocket(url, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(r.text, /^HTTP\/1\.1 400 Bad Request\r\n/);
  });
});

describe('connections', () => {
  it('beyond maxConnections a new connection gets 503 and is closed; others keep working', async () => {
    const s = await createSignalbox({ logLevel: 'silent', maxConnections: 2 });
    const u = await s.listen(0);
    const port = Number(new URL(u).port);
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const c = connect(port, '127.0.0.1', () => resolve(c));
      });
    const held = [await open(), await open()];
    try {
      await new Promise((r) => setTimeout(r, 50));
      const third = await rawSocket(u, 'GET /_signalbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      assert.match(third.text, /^HTTP\/1\.1 503 Service Unavailable\r\n/);
      assert.match(third.text, /--max-connections/);
      // A held connection is still served.
      const served = await new Promise<string>((resolve) => {
        let text = '';
        held[0]!.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('"status":"ok"')) resolve(text);
        });
        held[0]!.write('GET /_signalbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      });
      assert.match(served, /^HTTP\/1\.1 200 /);
      // Once one closes, new connections are accepted again.
      held[1]!.destroy();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await raw(u, { path: '/_signalbox/health' })).status, 200);
    } finally {
      for (const c of held) c.destroy();
      await s.close();
    }
  });
});

describe('slow clients', () => {
  let slow: Signalbox;
  let slowUrl: string;
  before(async () => {
    slow = await createSignalbox({ logLevel: 'silent', headersTimeoutMs: 300, requestTimeoutMs: 600 });
    slowUrl = await slow.listen(0);
  });
  after(async () => {
    await slow.close();
  });

  it('a client that never finishes its headers is answered 408 and dropped', async () => {
    const r = await rawSocket(slowUrl, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-slow: 1\r\n');
    assert.match(r.text, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.ok(r.closedAfterMs < 3000, `closed after ${r.closedAfterMs} ms`);
  });

  it('a client that never finishes its body is dropped', async () => {
    const r = await rawSocket(slowUrl, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-length: 100\r\n\r\n{"a"');
    assert.ok(r.closedAfterMs < 3000, `closed after ${r.closedAfterMs} ms`);
  });

  it('an SQS long poll outlasts the request timeouts (it is a response wait) while a slow client is dropped', async () => {
    const sqs = new SQSClient({ ...sdk, endpoint: slowUrl });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('poll') }));
      const started = Date.now();
      const poll = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
      const dropped = rawSocket(slowUrl, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await new Promise((r) => setTimeout(r, 1500));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
      const out = await poll;
      assert.equal(out.Messages?.[0]?.Body, 'late');
      assert.ok(Date.now() - started >= 1400);
      assert.match((await dropped).text, /^HTTP\/1\.1 408 /);
    } finally {
      sqs.destroy();
    }
  });

  it('a Step Functions activity long poll outlasts them too', async () => {
    const sfn = new SFNClient({ ...sdk, endpoint: slowUrl });
    try {
      const { activityArn } = await sfn.send(new CreateActivityCommand({ name: unique('act').slice(0, 80) }));
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({
          name: unique('act-sm').slice(0, 80),
          roleArn: 'arn:aws:iam::000000000000:role/sfn-role',
          definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: activityArn, End: true } } }),
        }),
      );
      const poll = sfn.send(new GetActivityTaskCommand({ activityArn }));
      await new Promise((r) => setTimeout(r, 1200));
      await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
      const task = await poll;
      assert.ok(task.taskToken);
      assert.equal(task.input, '{"n":1}');
    } finally {
      sfn.destroy();
    }
  });
});
