/**
 * HTTP/2 cleartext (prior knowledge) on the HTTP/1.1 port: real SDK clients over h2, HTTP/1.1
 * clients at the same time, the front door over h2, developer endpoints relayed to express,
 * long polls that stop on a stream reset, and close() with open h2 sessions.
 */
import assert from 'node:assert/strict';
import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import { describe, it } from 'node:test';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { KinesisClient, ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { CREDENTIALS, REGION, unique } from '../harness.js';
import { createSignalbox } from '../../../src/index.js';
import { raw, sqsJson, serveForSuite } from './raw.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const sdk = { region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };

let url: string;
serveForSuite((u) => (url = u));

interface H2Response {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One h2 request on `session` (or a new session to `url`). */
function h2(headers: OutgoingHttpHeaders, body?: string, session?: ClientHttp2Session): Promise<H2Response> {
  const own = session ?? connect(url);
  return new Promise((resolve, reject) => {
    own.on('error', reject);
    const req = own.request({ ':method': 'GET', ':path': '/', ...headers });
    let status = 0;
    let got: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    req.on('response', (h) => {
      status = Number(h[':status']);
      got = h;
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!session) own.close();
      resolve({ status, headers: got, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('h2c on the HTTP/1.1 port', () => {
  it('@aws-sdk/client-sqs over NodeHttp2Handler: create, send, receive, delete', async () => {
    const client = new SQSClient({ ...sdk, endpoint: url, requestHandler: new NodeHttp2Handler() });
    try {
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: unique('h2') }));
      assert.ok(QueueUrl);
      assert.ok(QueueUrl.startsWith(url), `${QueueUrl} is built from :authority`);
      const sent = await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'over h2' }));
      assert.ok(sent.MessageId);
      const got = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
      assert.equal(got.Messages?.[0]?.Body, 'over h2');
      await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages[0]!.ReceiptHandle }));
      const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
      assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '0');
      assert.equal(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
    } finally {
      client.destroy();
    }
  });

  it('a long poll over h2 is answered by a send over HTTP/1.1, both on the same port', async () => {
    const h2client = new SQSClient({ ...sdk, endpoint: url, requestHandler: new NodeHttp2Handler() });
    const h1client = new SQSClient({ ...sdk, endpoint: url });
    try {
      const { QueueUrl } = await h1client.send(new CreateQueueCommand({ QueueName: unique('h2poll') }));
      const started = Date.now();
      const poll = h2client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
      await new Promise((r) => setTimeout(r, 200));
      await h1client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'woke you' }));
      const got = await poll;
      assert.equal(got.Messages?.[0]?.Body, 'woke you');
      assert.ok(Date.now() - started < 3000);
    } finally {
      h2client.destroy();
      h1client.destroy();
    }
  });

  it('a long poll whose h2 stream is reset stops waiting and hands nothing out', async () => {
    const client = new SQSClient({ ...sdk, endpoint: url });
    try {
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: unique('h2reset') }));
      const session = connect(url);
      const req = session.request({ ':method': 'POST', ':path': '/', ...sqsJson('ReceiveMessage', new URL(url).host) });
      req.on('error', () => {});
      req.end(JSON.stringify({ QueueUrl, WaitTimeSeconds: 10 }));
      await new Promise((r) => setTimeout(r, 200));
      req.close(constants.NGHTTP2_CANCEL);
      await new Promise((r) => setTimeout(r, 100));
      // Had the reset poll kept waiting, it would take this message.
      await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'not for the gone poll' }));
      await new Promise((r) => setTimeout(r, 100));
      const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '1');
      assert.equal(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
      session.close();
    } finally {
      client.destroy();
    }
  });

  it('HTTP/1.1 and h2 requests interleave on the same port', async () => {
    const session = connect(url);
    try {
      const results = await Promise.all([
        raw(url, { method: 'POST', headers: sqsJson('ListQueues', new URL(url).host), body: '{}' }),
        h2({ ':method': 'POST', ...sqsJson('ListQueues', new URL(url).host) }, '{}', session),
        raw(url, { method: 'POST', headers: sqsJson('ListQueues', new URL(url).host), body: '{}' }),
        h2({ ':method': 'POST', ...sqsJson('ListQueues', new URL(url).host) }, '{}', session),
      ]);
      for (const r of results) assert.equal(r.status, 200, r.text);
    } finally {
      session.close();
    }
  });

  it('a bad :authority gets the front door 403, AWS-shaped', async () => {
    const headers = sqsJson('ListQueues');
    delete headers.host;
    const r = await h2({ ':method': 'POST', ':authority': 'evil.example:4566', ...headers }, '{}');
    assert.equal(r.status, 403);
    assert.equal(JSON.parse(r.text).__type, 'com.amazon.coral.service#AccessDeniedException');
    assert.match(JSON.parse(r.text).message, /host "evil\.example:4566"/);
  });

  it('developer endpoints answer over h2 (relayed to express over loopback HTTP/1.1)', async () => {
    const health = await h2({ ':path': '/_signalbox/health' });
    assert.equal(health.status, 200);
    assert.match(String(health.headers['content-type']), /application\/json/);
    assert.equal(JSON.parse(health.text).status, 'ok');
    const missing = await h2({ ':path': '/_signalbox/no-such-endpoint' });
    assert.equal(missing.status, 404);
    const refused = await h2({ ':path': '/_signalbox/health', ':authority': 'evil.example' });
    assert.equal(refused.status, 403);
    assert.equal(JSON.parse(refused.text).error, 'AccessDeniedException');
  });

  it('@aws-sdk/client-kinesis with its default (h2) handler gets the clean NotImplemented error', async () => {
    const client = new KinesisClient({ ...sdk, endpoint: url });
    try {
      await assert.rejects(client.send(new PutRecordCommand({ StreamName: 's1', PartitionKey: 'pk', Data: new Uint8Array([1]) })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'NotImplemented');
        assert.equal(e.$metadata?.httpStatusCode, 501);
        assert.match(e.message, /Signalbox does not serve Kinesis \("kinesis"\), so PutRecord was not run/);
        return true;
      });
      await assert.rejects(client.send(new ListStreamsCommand({})), { name: 'NotImplemented', message: /ListStreams/ });
    } finally {
      client.destroy();
    }
  });

  it('an oversized h2 body gets the 413 in the service protocol', async () => {
    const r = await h2({ ':method': 'POST', ...sqsJson('SendMessage', new URL(url).host) }, JSON.stringify({ QueueUrl: 'x', MessageBody: 'a'.repeat(4 * 1024 * 1024) }));
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.text).__type, 'com.amazon.coral.service#RequestEntityTooLarge');
  });
});

describe('limits over h2', () => {
  it('beyond maxConnections an h2 client gets a 503 it can read (and retry)', async () => {
    const own = await createSignalbox({ logLevel: 'silent', maxConnections: 1 });
    const endpoint = await own.listen(0);
    const held = connect(endpoint);
    held.on('error', () => {});
    try {
      await new Promise<void>((resolve) => held.once('remoteSettings', () => resolve()));
      const session = connect(endpoint);
      session.on('error', () => {});
      const r = await new Promise<H2Response>((resolve, reject) => {
        const req = session.request({ ':path': '/_signalbox/health' });
        let status = 0;
        let text = '';
        req.on('response', (h) => (status = Number(h[':status'])));
        req.on('data', (c: Buffer) => (text += c.toString()));
        req.on('end', () => resolve({ status, headers: {}, text }));
        req.on('error', reject);
        req.end();
      });
      assert.equal(r.status, 503);
      assert.match(JSON.parse(r.text).message, /--max-connections/);
      session.destroy();
    } finally {
      held.destroy();
      await own.close();
    }
  });

  it('an h2 stream that does not finish its request within requestTimeoutMs gets a 408', async () => {
    const own = await createSignalbox({ logLevel: 'silent', headersTimeoutMs: 200, requestTimeoutMs: 300 });
    const endpoint = await own.listen(0);
    const session = connect(endpoint);
    session.on('error', () => {});
    try {
      const started = Date.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = session.request({ ':method': 'POST', ':path': '/', ...sqsJson('ListQueues', new URL(endpoint).host) });
        req.on('response', (h) => resolve(Number(h[':status'])));
        req.on('error', reject);
        req.write('{');
      });
      assert.equal(status, 408);
      assert.ok(Date.now() - started < 2000);
    } finally {
      session.destroy();
      await own.close();
    }
  });
});

describe('signatures over h2', () => {
  // Over h2 the JS SDK signs `:authority` instead of `host` (SignedHeaders=:authority;...);
  // protocols/sigv4/verify.ts still requires `host` among the signed headers.
  it('verifySignatures accepts an SDK request signed over h2', async () => {
    const credentials = { accessKeyId: 'AKIAH2TEST', secretAccessKey: 'secret' };
    const own = await createSignalbox({ logLevel: 'silent', verifySignatures: { credentials: [credentials] } });
    const endpoint = await own.listen(0);
    const client = new SQSClient({ ...sdk, credentials, endpoint, requestHandler: new NodeHttp2Handler() });
    try {
      await client.send(new CreateQueueCommand({ QueueName: unique('h2sig') }));
    } finally {
      client.destroy();
      await own.close();
    }
  });
});

describe('close() with open h2 sessions', () => {
  it('ends promptly, including a waiting long poll and an idle session', async () => {
    const own = await createSignalbox({ logLevel: 'silent' });
    const endpoint = await own.listen(0);
    const client = new SQSClient({ ...sdk, endpoint, requestHandler: new NodeHttp2Handler() });
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: unique('h2close') }));
    const idle = connect(endpoint);
    await new Promise<void>((resolve) => idle.once('remoteSettings', () => resolve()));
    idle.on('error', () => {});
    const poll = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await own.close();
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
    assert.ok(['answered', 'failed'].includes(await poll));
    await new Promise<void>((resolve) => (idle.closed ? resolve() : idle.once('close', () => resolve())));
    client.destroy();
  });
});
