/**
 * Helpers for the Step Functions flow tests: a real Signalbox on port 0 with SFN, SQS, SNS and
 * EventBridge SDK clients, plus machine/execution helpers (poll until not RUNNING, history types).
 */
import assert from 'node:assert/strict';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
  type StateMachineType,
} from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { createSignalbox, type Signalbox, type SignalboxOptions } from '../../../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/sfn-flows`;

export interface Flows {
  sb: Signalbox;
  url: string;
  sfn: SFNClient;
  sqs: SQSClient;
  sns: SNSClient;
  eb: EventBridgeClient;
  /** Creates a queue; returns its URL and ARN. */
  queue(name: string, attributes?: Record<string, string>): Promise<{ url: string; arn: string }>;
  /** Long-polls until at least `count` messages arrived (deadline 5 s); deletes them. */
  receive(queueUrl: string, count?: number): Promise<Message[]>;
  /** Creates a state machine from an object definition; returns its ARN. */
  machine(name: string, definition: object, type?: StateMachineType): Promise<string>;
  /** StartExecution + wait until it is no longer RUNNING. */
  run(stateMachineArn: string, input?: unknown, name?: string): Promise<DescribeExecutionCommandOutput>;
  close(): Promise<void>;
}

export async function startFlows(options: SignalboxOptions = {}): Promise<Flows> {
  const sb = await createSignalbox({ logLevel: 'silent', ...options });
  const url = await sb.listen(0);
  const common = { endpoint: url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 };
  const sfn = new SFNClient({ ...common, disableHostPrefix: true });
  const sqs = new SQSClient(common);
  const sns = new SNSClient(common);
  const eb = new EventBridgeClient(common);
  const flows: Flows = {
    sb,
    url,
    sfn,
    sqs,
    sns,
    eb,
    async queue(name, attributes) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
      const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      return { url: QueueUrl!, arn: a.Attributes!['QueueArn']! };
    },
    async receive(queueUrl, count = 1) {
      const out: Message[] = [];
      const deadline = Date.now() + 5000;
      while (out.length < count && Date.now() < deadline) {
        const r = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], VisibilityTimeout: 30 }),
        );
        if (!r.Messages?.length) continue;
        out.push(...r.Messages);
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: r.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
      return out;
    },
    async machine(name, definition, type) {
      const r = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE, ...(type ? { type } : {}) }));
      return r.stateMachineArn!;
    },
    async run(stateMachineArn, input = {}, name) {
      const r = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) }));
      return waitForEnd(sfn, r.executionArn!);
    },
    async close() {
      for (const c of [sfn, sqs, sns, eb]) c.destroy();
      await sb.close();
    },
  };
  return flows;
}

/** Polls DescribeExecution until the status is not RUNNING (deadline in ms). */
export async function waitForEnd(sfn: SFNClient, executionArn: string, deadlineMs = 10_000): Promise<DescribeExecutionCommandOutput> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    if (Date.now() > until) assert.fail(`execution ${executionArn} still RUNNING after ${deadlineMs} ms`);
    await sleep(20);
  }
}

/** Polls until `check` returns a value that is not undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, deadlineMs = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const r = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
    events.push(...(r.events ?? []));
    nextToken = r.nextToken;
  } while (nextToken);
  return events;
}

export async function historyTypes(sfn: SFNClient, executionArn: string): Promise<string[]> {
  return (await history(sfn, executionArn)).map((e) => e.type!);
}

export const json = (s: string | undefined): unknown => (s === undefined ? undefined : JSON.parse(s));

export const md5 = async (s: string): Promise<string> => (await import('node:crypto')).createHash('md5').update(s).digest('hex');

let counter = 0;
export const uniqueName = (prefix: string) => `${prefix}-${++counter}`;
