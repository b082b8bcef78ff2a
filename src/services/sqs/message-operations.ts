/**
 * SQS message operations: send (single and batch), receive (long poll), delete and
 * visibility changes (single and batch), with AWS's checks and MD5s.
 */
import { createHash } from 'node:crypto';
import type { MessageAttributes, Queue, QueueEngine, ReceivedMessage } from '../../engines/queue/index.js';
import type { RequestContext } from '../context.js';
import { checkBatch, runEntry, type BatchFailure } from './batch.js';
import { invalidParam, mapEngineError, required, sqsError } from './errors.js';
import { md5Hex, md5OfAttributes } from './md5.js';
import { checkFifoIds, checkSendEntry, type CheckedSend } from './message-validation.js';
import { queueFor } from './queue-operations.js';
import type { SdkMessage, SqsHandlers, SqsOutput } from './types.js';

const SYSTEM_ATTRIBUTE_NAMES = new Set([
  'All',
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
]);

/** What SendMessage answers and a SendMessageBatch entry holds besides its Id (declared: a misspelt member is an error). */
type SendAnswer = Omit<NonNullable<SqsOutput<'SendMessageBatch'>['Successful']>[number], 'Id'>;

function send(queue: Queue, e: CheckedSend, ctx: RequestContext): SendAnswer {
  const r = queue.send({
    body: e.body,
    delaySeconds: e.delaySeconds,
    attributes: e.attributes,
    systemAttributes: e.systemAttributes,
    groupId: e.groupId,
    deduplicationId:
      e.deduplicationId ??
      (queue.settings.fifo && queue.settings.contentBasedDeduplication ? createHash('sha256').update(e.body).digest('hex') : undefined),
    senderId: ctx.accessKey,
  });
  return {
    MD5OfMessageBody: md5Hex(e.body),
    MD5OfMessageAttributes: md5OfAttributes(e.attributes),
    MD5OfMessageSystemAttributes: md5OfAttributes(e.systemAttributes),
    MessageId: r.messageId,
    SequenceNumber: r.sequenceNumber,
  };
}

/** Which user attributes a receive asked for: All, `.*`, `prefix.*` or exact names. */
function attributeFilter(names: string[] | undefined): ((name: string) => boolean) | undefined {
  if (!names?.length) return undefined;
  // `*` means all too ([SNAP] test_receive_message_message_attribute_names_filters).
  if (names.some((n) => n === 'All' || n === '.*' || n === '*')) return () => true;
  const exact = new Set(names.filter((n) => !n.endsWith('.*')));
  // `Hel.*` matches Hello and Help.Me: the prefix is what precedes `.*` ([SNAP] prefix_filter).
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -2));
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

function shapeMessage(m: ReceivedMessage, systemNames: Set<string>, userFilter: ((n: string) => boolean) | undefined): SdkMessage {
  const out: SdkMessage = { MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: md5Hex(m.body), Body: m.body };
  if (systemNames.size) {
    const all = systemNames.has('All');
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.systemAttributes)) if (all || systemNames.has(k)) attrs[k] = v;
    if (Object.keys(attrs).length) out.Attributes = attrs;
  }
  if (userFilter) {
    const picked: MessageAttributes = Object.create(null); // user names: `__proto__` is one
    for (const [k, v] of Object.entries(m.attributes)) if (userFilter(k)) picked[k] = v;
    if (Object.keys(picked).length) {
      out.MessageAttributes = picked;
      out.MD5OfMessageAttributes = md5OfAttributes(picked);
    }
  }
  return out;
}

function checkRange(param: string, v: number | undefined, min: number, max: number, reason: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw invalidParam(param, v, reason);
  return v;
}

type MessageOperationName =
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'ReceiveMessage'
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch';

export function messageOperations(engine: QueueEngine): Pick<SqsHandlers, MessageOperationName> {
  const withQueue = <T>(ctx: RequestContext, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw mapEngineError(e, ctx);
    }
  };

  return {
    SendMessage(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const checked = checkSendEntry(q, input, false);
      if (q.waitingReceivers > 0) ctx.respondAfterWaiters = true;
      return withQueue(ctx, () => send(q, checked, ctx));
    },

    SendMessageBatch(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const entries = checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
      let total = 0;
      for (const e of entries) {
        total += Buffer.byteLength(e.MessageBody ?? '');
        for (const [k, a] of Object.entries(e.MessageAttributes ?? {}))
          total += Buffer.byteLength(k) + Buffer.byteLength(a.DataType ?? '') + (a.BinaryValue?.length ?? Buffer.byteLength(a.StringValue ?? ''));
      }
      if (total > 1_048_576)
        throw sqsError('BatchRequestTooLong', `Batch requests cannot be longer than 1048576 bytes. You have sent ${total} bytes.`);
      for (const e of entries) checkFifoIds(q, e, true);
      if (q.waitingReceivers > 0) ctx.respondAfterWaiters = true;
      const ok: NonNullable<SqsOutput<'SendMessageBatch'>['Successful']> = [];
      const failed: BatchFailure[] = [];
      for (const e of entries) {
        runEntry(e.Id, () => {
          const checked = checkSendEntry(q, e, true);
          return { Id: e.Id, ...withQueue(ctx, () => send(q, checked, ctx)) };
        }, ok, failed);
      }
      return { Successful: ok, Failed: failed };
    },

    async ReceiveMessage(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const max = checkRange('MaxNumberOfMessages', input.MaxNumberOfMessages, 1, 10, 'Must be between 1 and 10, if provided.');
      const wait = checkRange('WaitTimeSeconds', input.WaitTimeSeconds, 0, 20, 'Must be >= 0 and <= 20, if provided.');
      const vis = checkRange('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
      const attemptId = input.ReceiveRequestAttemptId;
      if (attemptId !== undefined && !/^[\x21-\x7E]{1,128}$/.test(attemptId))
        throw invalidParam('ReceiveRequestAttemptId', attemptId, 'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
      // Typed as the model's name unions; the parsers deliver any string, checked here.
      const systemNames = new Set<string>([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
      for (const n of systemNames) if (!SYSTEM_ATTRIBUTE_NAMES.has(n)) throw sqsError('InvalidAttributeName', `Unknown Attribute ${n}.`);
      const userFilter = attributeFilter(input.MessageAttributeNames);
      let messages: ReceivedMessage[];
      try {
        messages = await q.receive({
          maxMessages: max ?? 1,
          visibilityTimeout: vis,
          waitTimeSeconds: wait,
          receiveRequestAttemptId: q.settings.fifo ? attemptId : undefined,
          // Only a long poll watches for the client hanging up (the signal costs a listener).
          signal: (wait ?? q.settings.receiveMessageWaitTimeSeconds) > 0 ? ctx.signal : undefined,
        });
      } catch (e) {
        throw mapEngineError(e, ctx);
      }
      // A receive the client never hears of did not happen (AWS counts only receives it got).
      if (messages.length && ctx.onUndelivered) ctx.onUndelivered(() => q.returnUnreceived(messages.map((m) => m.receiptHandle)));
      return messages.length ? { Messages: messages.map((m) => shapeMessage(m, systemNames, userFilter)) } : {};
    },

    DeleteMessage(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const receiptHandle = required(input.ReceiptHandle, 'ReceiptHandle');
      withQueue(ctx, () => q.deleteMessage(receiptHandle));
      return {};
    },

    DeleteMessageBatch(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const entries = checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry');
      const ok: Array<{ Id: string }> = [];
      const failed: BatchFailure[] = [];
      for (const e of entries)
        runEntry(e.Id, () => {
          const receiptHandle = required(e.ReceiptHandle, 'ReceiptHandle');
          withQueue(ctx, () => q.deleteMessage(receiptHandle));
          return { Id: e.Id };
        }, ok, failed);
      return { Successful: ok, Failed: failed };
    },

    ChangeMessageVisibility(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const receiptHandle = required(input.ReceiptHandle, 'ReceiptHandle');
      const given = required(input.VisibilityTimeout, 'VisibilityTimeout');
      const vis = checkRange('VisibilityTimeout', given, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.')!;
      withQueue(ctx, () => q.changeVisibility(receiptHandle, vis));
      return {};
    },

    ChangeMessageVisibilityBatch(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const entries = checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
      const ok: Array<{ Id: string }> = [];
      const failed: BatchFailure[] = [];
      for (const e of entries)
        runEntry(e.Id, () => {
          const receiptHandle = required(e.ReceiptHandle, 'ReceiptHandle');
          const vis = checkRange('VisibilityTimeout', e.VisibilityTimeout ?? 0, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.')!;
          withQueue(ctx, () => q.changeVisibility(receiptHandle, vis));
          return { Id: e.Id };
        }, ok, failed);
      return { Successful: ok, Failed: failed };
    },
  };
}
