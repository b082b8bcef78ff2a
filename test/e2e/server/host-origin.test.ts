/**
 * The front door against DNS rebinding and cross-site requests: which Host headers are
 * answered (and so can end up in queue URLs, SubscribeURLs and SigningCertURLs), which browser
 * requests are refused, and CORS for the allowed ones, with real SDK clients still working.
 */
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { SQSClient, ListQueuesCommand, GetQueueUrlCommand, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { SNSClient, ListTopicsCommand } from '@aws-sdk/client-sns';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { CREDENTIALS, REGION, unique } from '../harness.js';
import { createSignalbox } from '../../../src/index.js';
import { FORM, form, hostOf, portOf, raw, rawSocket, sqsJson, serveForSuite } from './raw.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let url: string;
serveForSuite((u) => (url = u));

const sdk = { region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };

async function createQueue(name: string, host?: string): Promise<string> {
  const r = await raw(url, { method: 'POST', headers: sqsJson('CreateQueue', host), body: JSON.stringify({ QueueName: name }) });
  assert.equal(r.status, 200, r.text);
  return (JSON.parse(r.text) as { QueueUrl: string }).QueueUrl;
}

async function queueExists(name: string): Promise<boolean> {
  const r = await raw(url, { method: 'POST', headers: sqsJson('GetQueueUrl'), body: JSON.stringify({ QueueName: name }) });
  return r.status === 200;
}

describe('Host header', () => {
  it('real SDK clients with default settings work (Host: 127.0.0.1:<port>)', async () => {
    const sqs = new SQSClient({ ...sdk, endpoint: url });
    const sns = new SNSClient({ ...sdk, endpoint: url });
    const eb = new EventBridgeClient({ ...sdk, endpoint: url });
    const sfn = new SFNClient({ ...sdk, endpoint: url });
    try {
      await sqs.send(new ListQueuesCommand({}));
      await sns.send(new ListTopicsCommand({}));
      await eb.send(new ListEventBusesCommand({}));
      await sfn.send(new ListStateMachinesCommand({}));
    } finally {
      for (const c of [sqs, sns, eb, sfn]) c.destroy();
    }
  });

  it('an SDK pointed at http://localhost:<port> works and gets localhost queue URLs', async () => {
    const sqs = new SQSClient({ ...sdk, endpoint: `http://localhost:${portOf(url)}` });
    try {
      const name = unique('host-localhost');
      const out = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      assert.equal(out.QueueUrl, `http://localhost:${portOf(url)}/000000000000/${name}`);
    } finally {
      sqs.destroy();
    }
  });

  for (const host of ['localhost', 'LOCALHOST:1', 'app.localhost:4566', '127.0.0.1', '127.0.0.2:4566', '[::1]:4566', '[::1]', 'localhost.:9']) {
    it(`answers Host: ${host}`, async () => {
      const r = await raw(url, { path: '/_signalbox/health', headers: { host } });
      assert.equal(r.status, 200, r.text);
    });
  }

  it('answers a request without Host (HTTP/1.0)', async () => {
    const r = await rawSocket(url, 'GET /_signalbox/health HTTP/1.0\r\n\r\n');
    assert.match(r.text, /^HTTP\/1\.1 200 /);
  });

  it('refuses Host: evil.example with 403 in the protocol asked, naming the flag', async () => {
    const name = unique('rebind');
    const r = await raw(url, { method: 'POST', headers: sqsJson('CreateQueue', 'evil.example:4566'), body: JSON.stringify({ QueueName: name }) });
    assert.equal(r.status, 403);
    assert.equal(r.headers['x-amzn-query-error'], 'AccessDenied;Sender');
    assert.match(String(r.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    const body = JSON.parse(r.text) as { __type: string; message: string };
    assert.equal(body.__type, 'com.amazon.coral.service#AccessDeniedException');
    assert.match(body.message, /host "evil\.example:4566"/);
    assert.match(body.message, /--allowed-hosts evil\.example /);
    assert.equal(await queueExists(name), false, 'the refused request did nothing');

    const q = await raw(url, { method: 'POST', headers: { host: 'evil.example', 'content-type': FORM }, body: form({ Action: 'ListTopics', Version: '2010-03-31' }) });
    assert.equal(q.status, 403);
    assert.match(q.text, /<Code>AccessDenied<\/Code>/);
  });

  it('refuses rebinding names on the developer endpoints too, as JSON', async () => {
    for (const host of ['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', 'bad host', '::1', '[::1']) {
      const r = await raw(url, { path: '/_signalbox/health', headers: { host } });
      assert.equal(r.status, 403, `${host}: ${r.text}`);
      assert.equal((JSON.parse(r.text) as { error: string }).error, 'AccessDeniedException');
    }
  });

  it('queue URLs carry the (allowed) Host of the request', async () => {
    const name = unique('host-url');
    assert.equal(await createQueue(name, 'sqs.localhost:1234'), `http://sqs.localhost:1234/000000000000/${name}`);
  });

  it('SubscribeURL and SigningCertURL carry only an allowed host', async () => {
    const topic = `host-topic-${Date.now()}`;
    const call = (params: Record<string, string>, host: string) =>
      raw(url, { method: 'POST', headers: { host, 'content-type': FORM }, body: form({ Version: '2010-03-31', ...params }) });
    const created = await call({ Action: 'CreateTopic', Name: topic }, hostOf(url));
    const arn = /<TopicArn>([^<]+)<\/TopicArn>/.exec(created.text)?.[1];
    assert.ok(arn, created.text);
    const refused = await call({ Action: 'Subscribe', TopicArn: arn, Protocol: 'email', Endpoint: 'evil@example.com' }, 'evil.example');
    assert.equal(refused.status, 403);
    const ok = await call({ Action: 'Subscribe', TopicArn: arn, Protocol: 'email', Endpoint: 'dev@example.com' }, 'console.localhost:7777');
    assert.equal(ok.status, 200, ok.text);
    const mail = await raw(url, { path: '/_signalbox/sns/email-messages' });
    const all = JSON.stringify(JSON.parse(mail.text));
    assert.doesNotMatch(all, /evil/);
    const records = (JSON.parse(mail.text) as { messages: Record<string, { message: string }[]> }).messages['dev@example.com'] ?? [];
    assert.equal(records.length, 1);
    const envelope = JSON.parse(records[0]!.message) as { SubscribeURL: string; SigningCertURL: string };
    assert.match(envelope.SubscribeURL, /^http:\/\/console\.localhost:7777\/\?Action=ConfirmSubscription/);
    assert.match(envelope.SigningCertURL, /^http:\/\/console\.localhost:7777\//);
  });
});

describe('allowedHosts', () => {
  it('adds exact names and *.suffix wildcards; other names stay refused', async () => {
    const s = await createSignalbox({ logLevel: 'silent', allowedHosts: 'signalbox.internal, *.localstack.cloud' });
    const u = await s.listen(0);
    try {
      const name = unique('lsc');
      const r = await raw(u, { method: 'POST', headers: sqsJson('CreateQueue', 'sqs.us-east-1.localhost.localstack.cloud:4566'), body: JSON.stringify({ QueueName: name }) });
      assert.equal(r.status, 200, r.text);
      assert.equal((JSON.parse(r.text) as { QueueUrl: string }).QueueUrl, `http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/${name}`);
      assert.equal((await raw(u, { path: '/_signalbox/health', headers: { host: 'signalbox.internal:4566' } })).status, 200);
      assert.equal((await raw(u, { path: '/_signalbox/health', headers: { host: 'localstack.cloud' } })).status, 403, 'the wildcard is for subdomains');
      const evil = await raw(u, { path: '/_signalbox/health', headers: { host: 'evil.example' } });
      assert.equal(evil.status, 403);
      assert.match(evil.text, /and signalbox\.internal, \*\.localstack\.cloud/);
    } finally {
      await s.close();
    }
  });

  it("'*' turns the check off", async () => {
    const s = await createSignalbox({ logLevel: 'silent', allowedHosts: ['*'] });
    const u = await s.listen(0);
    try {
      assert.equal((await raw(u, { path: '/_signalbox/health', headers: { host: 'anything.example' } })).status, 200);
    } finally {
      await s.close();
    }
  });

  it('bound to 0.0.0.0: IP literals, the machine name and single-label names pass; public names do not', async () => {
    const s = await createSignalbox({ logLevel: 'silent' });
    const u = await s.listen(0, '0.0.0.0');
    const local = `http://127.0.0.1:${portOf(u)}`;
    try {
      for (const host of ['10.1.2.3:4566', '0.0.0.0:4566', '[fd00::1]:4566', 'signalbox:4566', `${hostname()}:4566`]) {
        assert.equal((await raw(local, { path: '/_signalbox/health', headers: { host } })).status, 200, host);
      }
      assert.equal((await raw(local, { path: '/_signalbox/health', headers: { host: 'evil.example' } })).status, 403);
    } finally {
      await s.close();
    }
  });

  it('bound to 127.0.0.1: other IP literals are refused', async () => {
    assert.equal((await raw(url, { path: '/_signalbox/health', headers: { host: '10.1.2.3:4566' } })).status, 403);
  });
});

describe('browser requests', () => {
  it('refuses GET /?Action=DeleteQueue sent cross-site (an <img> or link on another site)', async () => {
    const name = unique('csrf-get');
    const queueUrl = await createQueue(name);
    const path = `/?Action=DeleteQueue&Version=2012-11-05&QueueUrl=${encodeURIComponent(queueUrl)}`;
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', referer: 'https://evil.example/page' },
      { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
      { referer: 'http://evil.example/' }, // a browser without Fetch Metadata
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]) {
      const r = await raw(url, { path, headers });
      assert.equal(r.status, 403, `${JSON.stringify(headers)}: ${r.text}`);
      assert.match(r.text, /<Code>AccessDenied<\/Code>/);
      assert.match(r.text, /--cors-origins/);
    }
    assert.equal(await queueExists(name), true, 'the queue survived');
    // Typed into the address bar (Sec-Fetch-Site: none) or from the server's own pages, it runs.
    const typed = await raw(url, { path, headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' } });
    assert.equal(typed.status, 200, typed.text);
    assert.equal(await queueExists(name), false);
  });

  it('refuses a text/plain POST from another origin (no preflight needed for it)', async () => {
    const name = unique('csrf-post');
    const r = await raw(url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
      body: form({ Action: 'CreateQueue', Version: '2012-11-05', QueueName: name }),
    });
    assert.equal(r.status, 403);
    assert.equal(r.headers['access-control-allow-origin'], undefined);
    assert.equal(await queueExists(name), false);
  });

  it('same-origin requests pass', async () => {
    const r = await raw(url, {
      method: 'POST',
      headers: sqsJson('ListQueues', undefined, { origin: url, 'sec-fetch-site': 'same-origin' }),
      body: '{}',
    });
    assert.equal(r.status, 200, r.text);
  });

  it('a preflight and the call, as a browser page on a Vite dev server makes them', async () => {
    const origin = 'http://localhost:5173';
    const requested = 'amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-content-sha256,x-amz-date,x-amz-target,x-amz-user-agent,x-amzn-query-mode';
    const pre = await raw(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requested, 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-site' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-origin'], origin);
    assert.match(String(pre.headers['access-control-allow-methods']), /POST/);
    assert.equal(pre.headers['access-control-allow-headers'], requested);
    assert.equal(pre.headers['access-control-max-age'], '7200');
    assert.match(String(pre.headers.vary), /Origin/);

    const name = unique('cors');
    const ok = await raw(url, {
      method: 'POST',
      headers: sqsJson('CreateQueue', undefined, { origin, 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-site' }),
      body: JSON.stringify({ QueueName: name }),
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.headers['access-control-allow-origin'], origin);
    const exposed = String(ok.headers['access-control-expose-headers']);
    for (const h of ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-query-error', 'etag']) assert.match(exposed, new RegExp(h));

    // Errors carry the CORS headers too, or the page could not read them.
    const err = await raw(url, {
      method: 'POST',
      headers: sqsJson('GetQueueUrl', undefined, { origin }),
      body: JSON.stringify({ QueueName: unique('missing') }),
    });
    assert.equal(err.status, 400);
    assert.equal(err.headers['access-control-allow-origin'], origin);
    assert.equal(err.headers['x-amzn-query-error'], 'AWS.SimpleQueueService.NonExistentQueue;Sender');
  });

  it('answers Chrome private-network preflights for allowed origins only', async () => {
    const headers = { 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' };
    const ok = await raw(url, { method: 'OPTIONS', headers: { ...headers, origin: 'https://127.0.0.1:8443' } });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-private-network'], 'true');
    const no = await raw(url, { method: 'OPTIONS', headers: { ...headers, origin: 'https://evil.example' } });
    assert.equal(no.status, 403);
    assert.equal(no.headers['access-control-allow-origin'], undefined);
    assert.equal(no.headers['access-control-allow-private-network'], undefined);
  });

  it('default origins: local dev servers on any port, http and https', async () => {
    for (const origin of ['http://localhost', 'http://localhost:3000', 'https://localhost:8443', 'http://127.0.0.1:8080', 'http://[::1]:5173', 'http://app.localhost:3000']) {
      const r = await raw(url, { method: 'POST', headers: sqsJson('ListQueues', undefined, { origin }), body: '{}' });
      assert.equal(r.status, 200, origin);
      assert.equal(r.headers['access-control-allow-origin'], origin);
    }
    for (const origin of ['http://localhost.evil.example', 'http://evil.example:3000', 'ftp://localhost', 'http://127.0.0.1.evil.example']) {
      const r = await raw(url, { method: 'POST', headers: sqsJson('ListQueues', undefined, { origin }), body: '{}' });
      assert.equal(r.status, 403, origin);
    }
  });

  it('an SDK call carrying a foreign Origin fails with AccessDenied; an allowed one succeeds', async () => {
    const withOrigin = (origin: string) => {
      const c = new SQSClient({ ...sdk, endpoint: url });
      c.middlewareStack.add(
        (next) => (args) => {
          (args.request as { headers: Record<string, string> }).headers.origin = origin;
          return next(args);
        },
        { step: 'build' },
      );
      return c;
    };
    const bad = withOrigin('https://evil.example');
    const good = withOrigin('http://localhost:3000');
    try {
      await assert.rejects(bad.send(new GetQueueUrlCommand({ QueueName: 'x' })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.$metadata?.httpStatusCode, 403);
        assert.equal(e.name, 'AccessDenied');
        return true;
      });
      await good.send(new ListQueuesCommand({}));
    } finally {
      bad.destroy();
      good.destroy();
    }
  });

  it('developer endpoints: reads open from anywhere, writes need an allowed origin', async () => {
    // A link to the health page clicked on another site is a harmless read.
    const nav = await raw(url, { path: '/_signalbox/health', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', referer: 'https://github.com/' } });
    assert.equal(nav.status, 200);
    const del = await raw(url, { method: 'DELETE', path: '/_signalbox/sns/sms-messages', headers: { origin: 'https://evil.example' } });
    assert.equal(del.status, 403);
    assert.equal((JSON.parse(del.text) as { error: string }).error, 'AccessDeniedException');
    const post = await raw(url, {
      method: 'POST',
      path: '/_signalbox/sns/phone-opt-outs',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ phoneNumber: '+15555550100' }),
    });
    assert.equal(post.status, 403);
    const pre = await raw(url, { method: 'OPTIONS', path: '/_signalbox/sns/sms-messages', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'DELETE' } });
    assert.equal(pre.status, 204);
    const ok = await raw(url, { method: 'DELETE', path: '/_signalbox/sns/sms-messages', headers: { origin: 'http://localhost:3000' } });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-origin'], 'http://localhost:3000');
  });
});

describe('corsOrigins', () => {
  it('adds exact origins and wildcards; * allows all', async () => {
    const s = await createSignalbox({ logLevel: 'silent', corsOrigins: 'https://app.example.com, http://devbox:*, https://*.preview.example' });
    const u = await s.listen(0);
    const all = await createSignalbox({ logLevel: 'silent', corsOrigins: '*' });
    const ua = await all.listen(0);
    try {
      const call = (endpoint: string, origin: string) => raw(endpoint, { method: 'POST', headers: sqsJson('ListQueues', undefined, { origin }), body: '{}' });
      for (const o of ['https://app.example.com', 'http://devbox:8080', 'https://pr-1.preview.example', 'http://localhost:3000']) assert.equal((await call(u, o)).status, 200, o);
      for (const o of ['http://app.example.com', 'https://app.example.com:8443', 'https://preview.example', 'https://evil.example']) assert.equal((await call(u, o)).status, 403, o);
      const any = await call(ua, 'https://evil.example');
      assert.equal(any.status, 200);
      assert.equal(any.headers['access-control-allow-origin'], 'https://evil.example');
    } finally {
      await s.close();
      await all.close();
    }
  });
});
