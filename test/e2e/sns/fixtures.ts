/**
 * Shared pieces of the SNS end-to-end tests: topics and queues made through the real clients,
 * reading what SNS delivered to a queue, an HTTP listener standing in for an `http` subscriber,
 * and an independent check of SNS message signatures (AWS's documented algorithm, written here
 * from the docs, not taken from the service).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { ACCOUNT, REGION, unique, type SnsE2e } from './harness.js';

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const UUID_RE = new RegExp(`^${UUID}$`);
/** ISO-8601 with milliseconds and Z, as SNS writes Timestamp. */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export async function createTopic(e2e: SnsE2e, attributes?: Record<string, string>, name = unique('topic')): Promise<string> {
  const fifo = attributes?.FifoTopic === 'true';
  const out = await e2e.sns.send(new CreateTopicCommand({ Name: fifo && !name.endsWith('.fifo') ? `${name}.fifo` : name, Attributes: attributes }));
  assert.ok(out.TopicArn);
  return out.TopicArn;
}

export interface TestQueue {
  url: string;
  arn: string;
  name: string;
}

export async function createQueue(e2e: SnsE2e, attributes?: Record<string, string>, name = unique('queue')): Promise<TestQueue> {
  const fifo = attributes?.FifoQueue === 'true';
  const queueName = fifo && !name.endsWith('.fifo') ? `${name}.fifo` : name;
  const out = await e2e.sqs.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }));
  assert.ok(out.QueueUrl);
  return { url: out.QueueUrl, arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}`, name: queueName };
}

/** Subscribes a queue (confirmed at once) and returns the subscription ARN. */
export async function subscribeQueue(e2e: SnsE2e, topicArn: string, queueArn: string, attributes?: Record<string, string>): Promise<string> {
  const out = await e2e.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: attributes }));
  assert.ok(out.SubscriptionArn);
  assert.match(out.SubscriptionArn, new RegExp(`^${escapeRe(topicArn)}:${UUID}$`));
  return out.SubscriptionArn;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Everything in the queue now (SNS → SQS delivery is in-process: once Publish has answered, the
 * message is there). Messages are received with all attributes and stay invisible afterwards.
 */
export async function drain(e2e: SnsE2e, queueUrl: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const r = await e2e.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    const batch = r.Messages ?? [];
    out.push(...batch);
    if (batch.length === 0) return out;
  }
}

/** Polls until `count` messages arrived (for deliveries that go through the network first). */
export async function waitForMessages(e2e: SnsE2e, queueUrl: string, count: number, timeoutMs = 5000): Promise<Message[]> {
  const out: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    if (Date.now() > deadline) assert.fail(`expected ${count} message(s) in ${queueUrl} within ${timeoutMs} ms, got ${out.length}`);
    const r = await e2e.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    out.push(...(r.Messages ?? []));
  }
  return out;
}

/** The one message of a queue, its body parsed as the SNS envelope. */
export async function onlyEnvelope(e2e: SnsE2e, queueUrl: string): Promise<{ message: Message; envelope: Record<string, unknown>; raw: string }> {
  const messages = await drain(e2e, queueUrl);
  assert.equal(messages.length, 1, `exactly one message in ${queueUrl}`);
  const message = messages[0]!;
  const raw = message.Body ?? '';
  return { message, envelope: JSON.parse(raw) as Record<string, unknown>, raw };
}

// ---------------------------------------------------------------------------------------------
// An HTTP subscriber.

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Listener {
  /** http://127.0.0.1:<port>/<path> */
  url: string;
  readonly requests: CapturedRequest[];
  /** What to answer (default 200). */
  status: (req: CapturedRequest, index: number) => number;
  /** Resolves once `count` requests arrived (all of them, in arrival order). */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedRequest[]>;
  close(): Promise<void>;
}

export async function startListener(path = '/sns-endpoint'): Promise<Listener> {
  const requests: CapturedRequest[] = [];
  let wake: (() => void) | undefined;
  const listener: Listener = {
    url: '',
    requests,
    status: () => 200,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) assert.fail(`expected ${count} request(s) at ${listener.url} within ${timeoutMs} ms, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
      return requests.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured: CapturedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(captured);
      res.statusCode = listener.status(captured, requests.length - 1);
      res.end();
      wake?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  listener.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return listener;
}

// ---------------------------------------------------------------------------------------------
// Signatures, as the AWS docs tell subscribers to verify them ("Verifying the signatures of
// Amazon SNS messages"): fixed keys by Type, in this order, each as "Key\nValue\n"; Subject only
// when the message has one; RSA with SHA1 (SignatureVersion 1) or SHA256 (2).

const SIGNED_KEYS: Record<string, string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

export function awsStringToSign(doc: Record<string, unknown>): string {
  const keys = SIGNED_KEYS[String(doc.Type)];
  assert.ok(keys, `no signing rule for Type ${String(doc.Type)}`);
  let out = '';
  for (const k of keys) if (doc[k] !== undefined) out += `${k}\n${String(doc[k])}\n`;
  return out;
}

/** Fetches SigningCertURL as a subscriber would and verifies Signature; returns the certificate. */
export async function verifySignature(doc: Record<string, unknown>): Promise<crypto.X509Certificate> {
  const certUrl = String(doc.SigningCertURL);
  const res = await fetch(certUrl);
  assert.equal(res.status, 200, `GET ${certUrl}`);
  const cert = new crypto.X509Certificate(await res.text());
  const algorithm = doc.SignatureVersion === '2' ? 'sha256' : doc.SignatureVersion === '1' ? 'sha1' : undefined;
  assert.ok(algorithm, `SignatureVersion ${String(doc.SignatureVersion)}`);
  const ok = crypto.verify(algorithm, Buffer.from(awsStringToSign(doc), 'utf8'), cert.publicKey, Buffer.from(String(doc.Signature), 'base64'));
  assert.ok(ok, `signature of ${String(doc.Type)} ${String(doc.MessageId)} verifies (SignatureVersion ${String(doc.SignatureVersion)})`);
  // A tampered message must not verify: the check above is not vacuous.
  const tampered = crypto.verify(algorithm, Buffer.from(awsStringToSign({ ...doc, Message: `${String(doc.Message)}!` }), 'utf8'), cert.publicKey, Buffer.from(String(doc.Signature), 'base64'));
  assert.equal(tampered, false, 'a changed Message fails verification');
  return cert;
}
