/**
 * `verifySignatures` end to end: a real server on port 0 and real clients of every served
 * protocol (SQS JSON 1.0 and query, SNS query, EventBridge JSON 1.1, Step Functions JSON 1.0).
 * Right keys pass; wrong secrets, unknown keys, skewed clocks and unsigned requests get the AWS
 * error of each service's family; presigned SQS query URLs work until they expire; with the
 * option off, anything goes as before; developer endpoints and bridged clients are never checked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as sqsJson from '@aws-sdk/client-sqs';
import * as sqsQuery from 'client-sqs-query';
import { SNSClient, ListTopicsCommand, CreateTopicCommand } from '@aws-sdk/client-sns';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { HttpRequest, buildQueryString } from '@smithy/core/protocols';
import { createSignalbox, type Signalbox } from '../../../src/index.js';
import { credentialsFromSpec, parseCredentialList } from '../../../src/server/signature-check.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TEAM = { accessKeyId: 'AKIDTEAM', secretAccessKey: 'team/secret+key' };
const OTHER = { accessKeyId: '111122223333', secretAccessKey: 'second-secret' };
const REGION = 'us-east-1';
const MIN = 60_000;

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
}
interface Failure {
  name?: string;
  message?: string;
  Code?: string;
  Error?: { Code?: string; Message?: string };
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const SIG_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const BAD_TOKEN = 'The security token included in the request is invalid.';

type Call = (creds: Creds, extra?: { systemClockOffset?: number; maxAttempts?: number }) => Promise<unknown>;

let sb: Signalbox;
let url: string;
const clients: { destroy(): void }[] = [];
function track<C extends { destroy(): void }>(c: C): C {
  clients.push(c);
  return c;
}
const config = (creds: Creds, extra: { systemClockOffset?: number; maxAttempts?: number } = {}) => ({
  endpoint: url,
  region: REGION,
  credentials: creds,
  maxAttempts: 1,
  ...extra,
});

/** One cheap call per client and protocol. */
const CALLS: Record<string, Call> = {
  'SQS JSON': (c, x) => track(new sqsJson.SQSClient(config(c, x))).send(new sqsJson.ListQueuesCommand({})),
  'SQS query': (c, x) => track(new sqsQuery.SQSClient(config(c, x))).send(new sqsQuery.ListQueuesCommand({})),
  SNS: (c, x) => track(new SNSClient(config(c, x))).send(new ListTopicsCommand({})),
  EventBridge: (c, x) => track(new EventBridgeClient(config(c, x))).send(new ListEventBusesCommand({})),
  'Step Functions': (c, x) => track(new SFNClient(config(c, x))).send(new ListStateMachinesCommand({})),
};

/** The code each client reports and the status, per failure family (see protocols/sigv4/errors.ts). */
const EXPECTED: Record<string, { mismatch: [string, number]; unknown: [string, number] }> = {
  'SQS JSON': { mismatch: ['SignatureDoesNotMatch', 403], unknown: ['InvalidClientTokenId', 403] },
  'SQS query': { mismatch: ['SignatureDoesNotMatch', 403], unknown: ['InvalidClientTokenId', 403] },
  SNS: { mismatch: ['SignatureDoesNotMatch', 403], unknown: ['InvalidClientTokenId', 403] },
  EventBridge: { mismatch: ['InvalidSignatureException', 400], unknown: ['UnrecognizedClientException', 400] },
  'Step Functions': { mismatch: ['InvalidSignatureException', 400], unknown: ['UnrecognizedClientException', 400] },
};

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    return e as Failure;
  }
  assert.fail('expected the call to fail');
}
const wireText = (e: Failure): string => e.Error?.Message ?? e.message ?? '';

before(async () => {
  sb = await createSignalbox({ logLevel: 'silent', verifySignatures: { credentials: [TEAM, OTHER] } });
  url = await sb.listen(0);
});
after(async () => {
  for (const c of clients) c.destroy();
  await sb.close();
});

describe('signed with a configured key', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(`${name} succeeds`, async () => {
      await call(TEAM);
      await call(OTHER);
    });
  }

  it('writes work and the 12-digit key still picks the account', async () => {
    const sns = track(new SNSClient(config(OTHER)));
    const out = await sns.send(new CreateTopicCommand({ Name: 'auth-topic' }));
    assert.equal(out.TopicArn, 'arn:aws:sns:us-east-1:111122223333:auth-topic');
    const sqs = track(new sqsJson.SQSClient(config(TEAM)));
    const q = await sqs.send(new sqsJson.CreateQueueCommand({ QueueName: 'auth-q' }));
    await sqs.send(new sqsJson.SendMessageCommand({ QueueUrl: q.QueueUrl, MessageBody: 'héllo wörld ✓' }));
    const got = await sqs.send(new sqsJson.ReceiveMessageCommand({ QueueUrl: q.QueueUrl, WaitTimeSeconds: 0 }));
    assert.equal(got.Messages?.[0]?.Body, 'héllo wörld ✓');
  });
});

describe('rejected', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(`${name}: wrong secret, unknown key, skewed clock`, async () => {
      const exp = EXPECTED[name]!;
      const wrong = await failure(call({ ...TEAM, secretAccessKey: 'not-the-secret' }));
      assert.equal(wrong.name, exp.mismatch[0]);
      assert.equal(wireText(wrong), SIG_MISMATCH);
      assert.equal(wrong.$metadata?.httpStatusCode, exp.mismatch[1]);
      assert.match(wrong.$metadata?.requestId ?? '', /^[0-9a-f-]{36}$/);

      const unknown = await failure(call({ accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' }));
      assert.equal(unknown.name, exp.unknown[0]);
      assert.equal(wireText(unknown), BAD_TOKEN);
      assert.equal(unknown.$metadata?.httpStatusCode, exp.unknown[1]);

      const skewed = await failure(call(TEAM, { systemClockOffset: -20 * MIN }));
      assert.equal(skewed.name, exp.mismatch[0]);
      const window = name.startsWith('SQS') || name === 'SNS' ? 15 : 5;
      assert.match(wireText(skewed), new RegExp(`^Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - ${window} min\\.\\)$`));
      const future = await failure(call(TEAM, { systemClockOffset: 20 * MIN }));
      assert.match(wireText(future), new RegExp(`^Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ ${window} min\\.\\)$`));
    });
  }

  it('unsigned requests: the missing-token error in each protocol shape', async () => {
    const sqs = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues', 'x-amzn-query-mode': 'true' },
      body: '{}',
    });
    assert.equal(sqs.status, 403);
    assert.equal(sqs.headers.get('x-amzn-query-error'), 'MissingAuthenticationToken;Sender');
    assert.deepEqual(await sqs.json(), { __type: 'com.amazon.coral.service#MissingAuthenticationToken', message: 'Request is missing Authentication Token' });

    const sns = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListTopics&Version=2010-03-31',
    });
    assert.equal(sns.status, 403);
    assert.match(
      await sns.text(),
      /^<\?xml version="1.0"\?><ErrorResponse xmlns="http:\/\/sns.amazonaws.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><Detail\/><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );

    const sfn = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    assert.equal(sfn.status, 400);
    assert.deepEqual(await sfn.json(), { __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });

    const events = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListEventBuses' },
      body: '{}',
    });
    assert.equal(events.status, 400);
    assert.deepEqual(await events.json(), { __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
  });

  it('the developer endpoints and health stay open', async () => {
    const health = await fetch(`${url}/_signalbox/health`);
    assert.equal(health.status, 200);
  });

  it('in-process bridged clients are not signed and not checked', async () => {
    const bridge = sb.bridge(sqsJson.SQSClient);
    try {
      const c = new sqsJson.SQSClient({ region: REGION, credentials: { accessKeyId: 'anything', secretAccessKey: 'x' } });
      await c.send(new sqsJson.ListQueuesCommand({}));
      c.destroy();
    } finally {
      bridge.restore();
    }
  });
});

describe('presigned SQS query URLs', () => {
  async function presigned(params: Record<string, string>, expiresIn: number, signingDate = new Date(), creds: Creds = TEAM): Promise<string> {
    const { host, hostname, port } = new URL(url);
    const signer = new SignatureV4({ service: 'sqs', region: REGION, credentials: creds, sha256: Hash.bind(null, 'sha256') });
    const req = new HttpRequest({ method: 'GET', protocol: 'http:', hostname, port: Number(port), path: '/', query: params, headers: { host } });
    const p = (await signer.presign(req, { signingDate, expiresIn })) as HttpRequest;
    return `${url}/?${buildQueryString(p.query)}`;
  }
  const LIST = { Action: 'ListQueues', Version: '2012-11-05' };

  it('a GET works', async () => {
    const res = await fetch(await presigned({ ...LIST, QueueNamePrefix: 'auth' }, 300));
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /<ListQueuesResponse[^>]*><ListQueuesResult><QueueUrl>http:\/\/[^<]+\/000000000000\/auth-q<\/QueueUrl>/);
  });

  it('an expired one fails; a tampered one does not match', async () => {
    const old = await fetch(await presigned(LIST, 60, new Date(Date.now() - 2 * MIN)));
    assert.equal(old.status, 403);
    assert.match(await old.text(), /<Code>SignatureDoesNotMatch<\/Code><Message>Request has expired\.<\/Message>/);
    const tampered = (await presigned(LIST, 60)).replace('ListQueues', 'ListQueues&QueueNamePrefix=x');
    const bad = await fetch(tampered);
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const unknown = await fetch(await presigned(LIST, 60, new Date(), { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' }));
    assert.equal(unknown.status, 403);
    assert.match(await unknown.text(), /<Code>InvalidClientTokenId<\/Code>/);
  });
});

describe('verifySignatures off (the default)', () => {
  it('accepts unsigned requests and any key, as before', async () => {
    const open = await createSignalbox({ logLevel: 'silent' });
    const openUrl = await open.listen(0);
    try {
      const res = await fetch(openUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
        body: '{}',
      });
      assert.equal(res.status, 200);
      const c = new SNSClient({ endpoint: openUrl, region: REGION, credentials: { accessKeyId: 'whatever', secretAccessKey: 'wrong' }, maxAttempts: 1 });
      await c.send(new ListTopicsCommand({}));
      c.destroy();
    } finally {
      await open.close();
    }
  });

  it('bad options fail at creation', async () => {
    await assert.rejects(createSignalbox({ verifySignatures: { credentials: [] } }), /at least one/);
    await assert.rejects(createSignalbox({ verifySignatures: { credentials: [{ accessKeyId: 'a', secretAccessKey: '' }] } }), /credentials\[0\]/);
  });
});

describe('credential lists (--credentials, SIGNALBOX_CREDENTIALS, files)', () => {
  it('AKID:SECRET[:TOKEN], comma or newline separated, # comments', () => {
    assert.deepEqual(parseCredentialList('A1:s/1+x, A2:s2:tok\n# team b\n\nA3:s3\n', 'x'), [
      { accessKeyId: 'A1', secretAccessKey: 's/1+x' },
      { accessKeyId: 'A2', secretAccessKey: 's2', sessionToken: 'tok' },
      { accessKeyId: 'A3', secretAccessKey: 's3' },
    ]);
    assert.throws(() => parseCredentialList('A1', '--credentials'), /^Error: --credentials: expected AKID:SECRET or AKID:SECRET:SESSION_TOKEN, got 'A1'$/);
    assert.throws(() => parseCredentialList('A1:', '--credentials'), /got 'A1:…'/, 'the secret is never echoed');
    assert.throws(() => parseCredentialList(' \n# none\n', 'creds.txt'), /creds.txt: no credentials/);
    const files: Record<string, string> = { 'team.txt': '# team\nA1:s1\n' };
    const read = (f: string) => {
      const t = files[f];
      if (t === undefined) throw new Error('ENOENT');
      return t;
    };
    assert.deepEqual(credentialsFromSpec('@team.txt', '--credentials', read), [{ accessKeyId: 'A1', secretAccessKey: 's1' }]);
    assert.deepEqual(credentialsFromSpec('A2:s2', '--credentials', read), [{ accessKeyId: 'A2', secretAccessKey: 's2' }]);
    assert.throws(() => credentialsFromSpec('@nope.txt', 'SIGNALBOX_CREDENTIALS', read), /^Error: SIGNALBOX_CREDENTIALS: cannot read 'nope.txt'$/);
  });
});
