/**
 * SQS message operations: send (single and batch), receive (long poll), delete and
 * visibility changes (single and batch), with AWS's checks and MD5s.
 */
import { createHash } from 'node:crypto';
import type { MessageAttributes, Queue, QueueEngine, ReceivedMessage } from '../../engines/queue/index.js';
import type { Handlers, RequestContext } from '../context.js';
import { checkBatch, runEntry, type BatchEntry, type BatchFailure } from './batch.js';
import { invalidParam, mapEngineError, sqsError } from './errors.js';
import { md5Hex, md5OfAttributes } from './md5.js';
import { checkFifoIds, checkSendEntry, type SendEntry } from './message-validation.js';
import { queueFor } from './queue-operations.js';

type Input = Record<string, unknown>;

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

function send(queue: Queue, e: SendEntry, ctx: RequestContext) {
  const r = queue.send({
    body: e.MessageBody!,
    delaySeconds: e.DelaySeconds,
    attributes: e.MessageAttributes,
    systemAttributes: e.MessageSystemAttributes,
    groupId: e.MessageGroupId,
    deduplicationId:
      e.MessageDeduplicationId ??
      (queue.settings.fifo && queue.settings.contentBasedDeduplication ? createHash('sha256').update(e.MessageBody!).digest('hex') : undefined),
    senderId: ctx.accessKey,
  });
  return {
    MD5OfMessageBody: md5Hex(e.MessageBody!),
    MD5OfMessageAttributes: md5OfAttributes(e.MessageAttributes),
    MD5OfMessageSystemAttributes: md5OfAttributes(e.MessageSystemAttributes),
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

function shapeMessage(m: ReceivedMessage, systemNames: Set<string>, userFilter: ((n: string) => boolean) | undefined) {
  const out: Input = { MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: md5Hex(m.body), Body: m.body };
  if (systemNames.size) {
    const all = systemNames.has('All');
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.systemAttributes)) if (all || systemNames.has(k)) attrs[k] = v;
    if (Object.keys(attrs).length) out.Attributes = attrs;
  }
  if (userFilter) {
    const picked = Object.create(null) as MessageAttributes; // user names: `__proto__` is one
    for (const [k, v] of Object.entries(m.attributes)) if (userFilter(k)) picked[k] = v;
    if (Object.keys(picked).length) {
      out.MessageAttributes = picked;
      out.MD5OfMessageAttributes = md5OfAttributes(picked);
    }
  }
  return out;
}

function checkRange(param: string, v: unknown, min: number, max: number, reason: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) throw invalidParam(param, v, reason);
  return v as number;
}

export function messageOperations(engine: QueueEngine): Handlers {
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
      checkSendEntry(q, input as SendEntry, false);
      if (q.waitingReceivers > 0) ctx.respondAfterWaiters = true;
      return withQueue(ctx, () => send(q, input as SendEntry, ctx));
    },

    SendMessageBatch(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const entries = checkBatch(input.Entries as BatchEntry[] | undefined, 'SendMessageBatchRequestEntry') as Array<SendEntry & BatchEntry>;
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
      const ok: Input[] = [];
      const failed: BatchFailure[] = [];
      for (const e of entries) {
        runEntry(e.Id, () => {
          checkSendEntry(q, e, true);
          return { Id: e.Id, ...withQueue(ctx, () => send(q, e, ctx)) };
        }, ok, failed);
      }
      return { Successful: ok, Failed: failed };
    },

    async ReceiveMessage(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const max = checkRange('MaxNumberOfMessages', input.MaxNumberOfMessages, 1, 10, 'Must be between 1 and 10, if provided.');
      const wait = checkRange('WaitTimeSeconds', input.WaitTimeSeconds, 0, 20, 'Must be >= 0 and <= 20, if provided.');
      const vis = checkRange('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
      const attemptId = input.ReceiveRequestAttemptId as string | undefined;
      if (attemptId !== undefined && !/^[\x21-\x7E]{1,128}$/.test(attemptId))
        throw invalidParam('ReceiveRequestAttemptId', attemptId, 'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
      const systemNames = new Set([...((input.AttributeNames as string[]) ?? []), ...((input.MessageSystemAttributeNames as string[]) ?? [])]);
      for (const n of systemNames) if (!SYSTEM_ATTRIBUTE_NAMES.has(n)) throw sqsError('InvalidAttributeName', `Unknown Attribute ${n}.`);
      const userFilter = attributeFilter(input.MessageAttributeNames as string[] | undefined);
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
      withQueue(ctx, () => q.deleteMessage(String(input.ReceiptHandle)));
      return {};
    },

    DeleteMessageBatch(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const entries = checkBatch(input.Entries as BatchEntry[] | undefined, 'DeleteMessageBatchRequestEntry') as Array<BatchEntry & { ReceiptHandle: string }>;
      const ok: Input[] = [];
      const failed: BatchFailure[] = [];
      for (const e of entries)
        runEntry(e.Id, () => {
          withQueue(ctx, () => q.deleteMessage(e.ReceiptHandle));
          return { Id: e.Id };
        }, ok, failed);
      return { Successful: ok, Failed: failed };
    },

    ChangeMessageVisibility(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const vis = checkRange('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.')!;
      withQueue(ctx, () => q.changeVisibility(String(input.ReceiptHandle), vis));
      return {};
    },

    ChangeMessageVisibilityBatch(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const entries = checkBatch(input.Entries as BatchEntry[] | undefined, 'ChangeMessageVisibilityBatchRequestEntry') as Array<
        BatchEntry & { ReceiptHandle: string; VisibilityTimeout?: number }
      >;
      const ok: Input[] = [];
      const failed: BatchFailure[] = [];
      for (const e of entries)
        runEntry(e.Id, () => {
          const vis = checkRange('VisibilityTimeout', e.VisibilityTimeout ?? 0, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.')!;
          withQueue(ctx, () => q.changeVisibility(e.ReceiptHandle, vis));
          return { Id: e.Id };
        }, ok, failed);
      return { Successful: ok, Failed: failed };
    },
  };
}
