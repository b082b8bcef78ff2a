/**
 * End-to-end harness for EventBridge: a real Signalbox on port 0, `@aws-sdk/client-eventbridge`
 * (AWS JSON 1.1) and `@aws-sdk/client-sqs` clients, and helpers for queues and AWS errors.
 */
import assert from 'node:assert/strict';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { createSignalbox, type Signalbox, type SignalboxOptions } from '../../../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export interface EventsE2e {
  sb: Signalbox;
  url: string;
  eb: EventBridgeClient;
  sqs: SQSClient;
  client(o: { account?: string; region?: string }): EventBridgeClient;
  /** Creates a queue; returns its URL and ARN. */
  queue(name: string, attributes?: Record<string, string>): Promise<{ url: string; arn: string }>;
  /** Receives and deletes everything currently visible (several receives). */
  drain(url: string): Promise<Message[]>;
  close(): Promise<void>;
}

export async function startEvents(options: SignalboxOptions = {}): Promise<EventsE2e> {
  const sb = await createSignalbox({ logLevel: 'silent', ...options });
  const url = await sb.listen(0);
  const clients: EventBridgeClient[] = [];
  const client = (o: { account?: string; region?: string }) => {
    const c = new EventBridgeClient({ endpoint: url, region: o.region ?? REGION, credentials: { accessKeyId: o.account ?? 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  const eb = client({});
  const sqs = new SQSClient({ endpoint: url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
  return {
    sb,
    url,
    eb,
    sqs,
    client,
    async queue(name, attributes) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
      const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      return { url: QueueUrl!, arn: a.Attributes!['QueueArn']! };
    },
    async drain(queueUrl) {
      const out: Message[] = [];
      for (;;) {
        const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], VisibilityTimeout: 30 }));
        if (!r.Messages?.length) return out;
        out.push(...r.Messages);
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: r.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    },
    async close() {
      for (const c of clients) c.destroy();
      sqs.destroy();
      await sb.close();
    },
  };
}

/** Asserts an AWS error: name, message, HTTP status. */
export async function rejects(p: Promise<unknown>, name: string, message: string, status = 400): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}

export const bodies = (ms: Message[]): unknown[] => ms.map((m) => JSON.parse(m.Body!));
