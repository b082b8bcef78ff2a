/**
 * End-to-end harness: a real Signalbox on port 0 and real SQS clients talking to it over HTTP.
 *
 * - `json`: `@aws-sdk/client-sqs` 3.1169 (AWS JSON 1.0, awsQueryCompatible).
 * - `query`: `client-sqs-query` = `@aws-sdk/client-sqs@3.445.0`, the last awsQuery release.
 *
 * Tests are written once against `SqsClient.send(op, input)` (typed with the current SDK's
 * input/output types) and run for both transports.
 */
import assert from 'node:assert/strict';
import type * as S from '@aws-sdk/client-sqs';
import * as jsonSdk from '@aws-sdk/client-sqs';
import * as querySdk from 'client-sqs-query';
import { createSignalbox, type Signalbox, type SignalboxOptions } from '../../src/index.js';

// Node 20 is supported by this project; the SDK's "node >=22 from 2027" notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type Transport = 'json' | 'query';
export const TRANSPORTS: readonly Transport[] = ['json', 'query'];

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };

/** Every SQS operation with its (current SDK) input and output types. */
export interface Ops {
  AddPermission: [S.AddPermissionCommandInput, S.AddPermissionCommandOutput];
  CancelMessageMoveTask: [S.CancelMessageMoveTaskCommandInput, S.CancelMessageMoveTaskCommandOutput];
  ChangeMessageVisibility: [S.ChangeMessageVisibilityCommandInput, S.ChangeMessageVisibilityCommandOutput];
  ChangeMessageVisibilityBatch: [S.ChangeMessageVisibilityBatchCommandInput, S.ChangeMessageVisibilityBatchCommandOutput];
  CreateQueue: [S.CreateQueueCommandInput, S.CreateQueueCommandOutput];
  DeleteMessage: [S.DeleteMessageCommandInput, S.DeleteMessageCommandOutput];
  DeleteMessageBatch: [S.DeleteMessageBatchCommandInput, S.DeleteMessageBatchCommandOutput];
  DeleteQueue: [S.DeleteQueueCommandInput, S.DeleteQueueCommandOutput];
  GetQueueAttributes: [S.GetQueueAttributesCommandInput, S.GetQueueAttributesCommandOutput];
  GetQueueUrl: [S.GetQueueUrlCommandInput, S.GetQueueUrlCommandOutput];
  ListDeadLetterSourceQueues: [S.ListDeadLetterSourceQueuesCommandInput, S.ListDeadLetterSourceQueuesCommandOutput];
  ListMessageMoveTasks: [S.ListMessageMoveTasksCommandInput, S.ListMessageMoveTasksCommandOutput];
  ListQueueTags: [S.ListQueueTagsCommandInput, S.ListQueueTagsCommandOutput];
  ListQueues: [S.ListQueuesCommandInput, S.ListQueuesCommandOutput];
  PurgeQueue: [S.PurgeQueueCommandInput, S.PurgeQueueCommandOutput];
  ReceiveMessage: [S.ReceiveMessageCommandInput, S.ReceiveMessageCommandOutput];
  RemovePermission: [S.RemovePermissionCommandInput, S.RemovePermissionCommandOutput];
  SendMessage: [S.SendMessageCommandInput, S.SendMessageCommandOutput];
  SendMessageBatch: [S.SendMessageBatchCommandInput, S.SendMessageBatchCommandOutput];
  SetQueueAttributes: [S.SetQueueAttributesCommandInput, S.SetQueueAttributesCommandOutput];
  StartMessageMoveTask: [S.StartMessageMoveTaskCommandInput, S.StartMessageMoveTaskCommandOutput];
  TagQueue: [S.TagQueueCommandInput, S.TagQueueCommandOutput];
  UntagQueue: [S.UntagQueueCommandInput, S.UntagQueueCommandOutput];
}
export type OpName = keyof Ops;

type CommandCtor = new (input: unknown) => unknown;
interface AnyClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

/** One SQS client of either transport, with the current SDK's types for every operation. */
export class SqsClient {
  private readonly client: AnyClient;
  private readonly module: Record<string, unknown>;

  constructor(
    readonly transport: Transport,
    readonly endpoint: string,
  ) {
    const config = { endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
    if (transport === 'json') {
      this.client = new jsonSdk.SQSClient(config) as unknown as AnyClient;
      this.module = jsonSdk as unknown as Record<string, unknown>;
    } else {
      this.client = new querySdk.SQSClient(config) as unknown as AnyClient;
      this.module = querySdk as unknown as Record<string, unknown>;
    }
  }

  async send<K extends OpName>(op: K, input: Ops[K][0], options?: { abortSignal?: AbortSignal }): Promise<Ops[K][1]> {
    const Ctor = this.module[`${op}Command`] as CommandCtor | undefined;
    if (typeof Ctor !== 'function') throw new Error(`${this.transport} client has no ${op}Command`);
    return (await this.client.send(new Ctor(input), options)) as Ops[K][1];
  }

  /** CreateQueue under a fresh unique name; returns url, name and arn. */
  async createQueue(prefix: string, attributes?: Record<string, string>, tags?: Record<string, string>): Promise<QueueRef> {
    const fifo = attributes?.FifoQueue === 'true';
    const name = unique(prefix) + (fifo ? '.fifo' : '');
    const input: S.CreateQueueCommandInput = { QueueName: name };
    if (attributes) input.Attributes = attributes;
    if (tags) input.tags = tags;
    const out = await this.send('CreateQueue', input);
    assert.ok(out.QueueUrl, 'CreateQueue returned no QueueUrl');
    return { url: out.QueueUrl, name, arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}` };
  }

  async attributes(url: string, names: string[] = ['All']): Promise<Record<string, string>> {
    const out = await this.send('GetQueueAttributes', { QueueUrl: url, AttributeNames: names as S.QueueAttributeName[] });
    return out.Attributes ?? {};
  }

  /** Receive (no wait unless given) and return the messages, `[]` when the response had no `Messages`. */
  async receive(url: string, extra: ReceiveOptions = {}): Promise<S.Message[]> {
    const input = { QueueUrl: url, WaitTimeSeconds: 0, ...extra } as S.ReceiveMessageCommandInput;
    const out = await this.send('ReceiveMessage', input);
    return out.Messages ?? [];
  }

  /** Send `op` and assert it fails with exactly `expected` (see `assertAwsError`). */
  async expectError<K extends OpName>(op: K, input: Ops[K][0], expected: ExpectedError): Promise<SdkError> {
    let caught: unknown;
    try {
      await this.send(op, input);
    } catch (e) {
      caught = e;
    }
    return assertAwsError(caught, expected, this.transport, op);
  }

  destroy(): void {
    this.client.destroy();
  }
}

/**
 * ReceiveMessage input where `AttributeNames` takes message system attribute names: that is
 * what SQS reads from it (the current SDK types it as queue attribute names, a model quirk), and
 * the only member the 3.445 query client has for them.
 */
export type ReceiveOptions = Omit<Partial<S.ReceiveMessageCommandInput>, 'AttributeNames'> & {
  AttributeNames?: S.MessageSystemAttributeName[];
};

export interface QueueRef {
  url: string;
  name: string;
  arn: string;
}

let counter = 0;
/** A queue name no other test (in any file, any run) uses: ≤ 80 chars, [A-Za-z0-9_-]. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`.slice(0, 75);
}

/** One server for a whole test file, plus one client per transport. */
export interface E2e {
  sb: Signalbox;
  url: string;
  clients: Record<Transport, SqsClient>;
  close(): Promise<void>;
}

export async function startServer(options: SignalboxOptions = {}): Promise<E2e> {
  const sb = await createSignalbox({ logLevel: 'silent', ...options });
  const url = await sb.listen(0);
  const clients = { json: new SqsClient('json', url), query: new SqsClient('query', url) };
  return {
    sb,
    url,
    clients,
    async close() {
      clients.json.destroy();
      clients.query.destroy();
      await sb.close();
    },
  };
}

/** What an AWS error must look like to a client. */
export interface ExpectedError {
  /** The SDK exception's `name` (the modeled class name, or the legacy code when unmodeled). */
  name: string;
  /** Exact text, or a pattern for messages that embed generated values. */
  message: string | RegExp;
  status: number;
  /** The legacy query code: `x-amzn-query-error` over JSON (`e.Code`), `<Code>` over query. */
  code: string;
}

export interface SdkError {
  name: string;
  message: string;
  Code?: string;
  Error?: { Code?: string; Message?: string };
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * The message the server put on the wire. The 3.445 query client models SQS's modeled errors
 * without a message member, so it reports `UnknownError` and keeps the text in `e.Error.Message`.
 */
export function wireMessage(e: unknown): string {
  const err = e as SdkError;
  return err.Error?.Message ?? err.message;
}

/**
 * The legacy codes each operation of the 3.445 query client maps to an exception class (its
 * per-operation error switch). Any other code surfaces with `name` = the legacy code itself: the
 * old model listed fewer errors per operation (e.g. DeleteQueue listed none).
 */
const QUERY_CLIENT_MODELED: Partial<Record<OpName, readonly string[]>> = {
  AddPermission: ['OverLimit'],
  CancelMessageMoveTask: ['AWS.SimpleQueueService.UnsupportedOperation', 'ResourceNotFoundException'],
  ChangeMessageVisibility: ['AWS.SimpleQueueService.MessageNotInflight', 'ReceiptHandleIsInvalid'],
  ChangeMessageVisibilityBatch: BATCH_CODES(),
  CreateQueue: ['AWS.SimpleQueueService.QueueDeletedRecently', 'QueueAlreadyExists'],
  DeleteMessage: ['InvalidIdFormat', 'ReceiptHandleIsInvalid'],
  DeleteMessageBatch: BATCH_CODES(),
  GetQueueAttributes: ['InvalidAttributeName'],
  GetQueueUrl: ['AWS.SimpleQueueService.NonExistentQueue'],
  ListDeadLetterSourceQueues: ['AWS.SimpleQueueService.NonExistentQueue'],
  ListMessageMoveTasks: ['AWS.SimpleQueueService.UnsupportedOperation', 'ResourceNotFoundException'],
  PurgeQueue: ['AWS.SimpleQueueService.NonExistentQueue', 'AWS.SimpleQueueService.PurgeQueueInProgress'],
  ReceiveMessage: ['OverLimit'],
  SendMessage: ['AWS.SimpleQueueService.UnsupportedOperation', 'InvalidMessageContents'],
  SendMessageBatch: [...BATCH_CODES(), 'AWS.SimpleQueueService.BatchRequestTooLong', 'AWS.SimpleQueueService.UnsupportedOperation'],
  SetQueueAttributes: ['InvalidAttributeName'],
  StartMessageMoveTask: ['AWS.SimpleQueueService.UnsupportedOperation', 'ResourceNotFoundException'],
};
function BATCH_CODES(): string[] {
  return [
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    'AWS.SimpleQueueService.EmptyBatchRequest',
    'AWS.SimpleQueueService.InvalidBatchEntryId',
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  ];
}

/** The exception `name` a client of `transport` reports for `expected` raised by `op`. */
export function expectedName(transport: Transport, op: OpName, expected: ExpectedError): string {
  if (transport === 'json') return expected.name;
  return QUERY_CLIENT_MODELED[op]?.includes(expected.code) ? expected.name : expected.code;
}

/** Assert a rejection is exactly this AWS error (class, text, status, legacy code, request id). */
export function assertAwsError(caught: unknown, expected: ExpectedError, transport: Transport, op: OpName): SdkError {
  assert.ok(caught, `expected ${expected.name} but ${op} succeeded`);
  const err = caught as SdkError;
  assert.equal(err.name, expectedName(transport, op, expected), `error name (message: ${wireMessage(err)})`);
  if (typeof expected.message === 'string') assert.equal(wireMessage(err), expected.message);
  else assert.match(wireMessage(err), expected.message);
  assert.equal(err.$metadata?.httpStatusCode, expected.status, 'HTTP status');
  if (transport === 'json') {
    assert.equal(err.Code, expected.code, 'legacy code from x-amzn-query-error');
    // The JSON client reads the message member itself: it must be the wire text too.
    if (typeof expected.message === 'string') assert.equal(err.message, expected.message);
  } else {
    assert.equal(err.Error?.Code ?? err.Code, expected.code, '<Code> of the XML error');
  }
  assert.match(err.$metadata?.requestId ?? '', /^[0-9a-f-]{36}$/, 'x-amzn-requestid reaches the client');
  return err;
}

/** AWS's QueueDoesNotExist, worded per protocol (research/sqs.md §3, [SNAP] test_non_existent_queue). */
export function queueDoesNotExist(transport: Transport): ExpectedError {
  return {
    name: 'QueueDoesNotExist',
    message: transport === 'json' ? 'The specified queue does not exist.' : 'The specified queue does not exist for this wsdl version.',
    status: 400,
    code: 'AWS.SimpleQueueService.NonExistentQueue',
  };
}

export function invalidParameterValue(message: string | RegExp): ExpectedError {
  return { name: 'InvalidParameterValue', message, status: 400, code: 'InvalidParameterValue' };
}

export function missingParameter(member: string): ExpectedError {
  return { name: 'MissingParameter', message: `The request must contain the parameter ${member}.`, status: 400, code: 'MissingParameter' };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 3000, stepMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}
