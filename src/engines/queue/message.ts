/**
 * The engine's own record of a message, and the snapshots it hands out. Records are mutable and
 * private to the engine; everything that leaves it (receives, peeks) is a copy.
 */
import type { Timer } from '../../core/scheduler.js';
import type { HeapItem } from './indexed-heap.js';
import type { MessageAttributes, PeekedMessage, ReceivedMessage } from './types.js';

export type MessageState = 'available' | 'inflight' | 'delayed';

export interface StoredMessage extends HeapItem {
  readonly id: string;
  readonly body: string;
  readonly attributes: MessageAttributes;
  /** As sent (only AWSTraceHeader today). */
  readonly systemAttributes: MessageAttributes;
  readonly senderId: string;
  /** Reported as SentTimestamp, ms. */
  readonly sentTimestamp: number;
  /** Retention counts from here (SentTimestamp, or the DLQ arrival for FIFO queues). */
  readonly retentionBase: number;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sequenceNumber?: string;
  readonly deadLetterSourceArn?: string;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  state: MessageState | 'gone';
  /** When an in-flight or delayed message becomes available, ms. */
  visibleAt: number;
  /** The visibility or delay timer, while in flight or delayed. */
  timer?: Timer;
  /** Identifies the latest receive; a handle carrying another nonce is stale. */
  nonce: number;
  /** Time of the latest receive; the 12 h visibility ceiling counts from it. */
  receivedAt: number;
  /** Bumped by ChangeMessageVisibility, so a ReceiveRequestAttemptId retry sees the change. */
  changes: number;
}

/** Fields a new record needs; the rest start empty. */
export type NewMessage = Pick<
  StoredMessage,
  | 'id'
  | 'body'
  | 'attributes'
  | 'systemAttributes'
  | 'senderId'
  | 'sentTimestamp'
  | 'retentionBase'
  | 'groupId'
  | 'deduplicationId'
  | 'sequenceNumber'
  | 'deadLetterSourceArn'
  | 'receiveCount'
  | 'firstReceiveTimestamp'
>;

export function newRecord(fields: NewMessage): StoredMessage {
  // Every field written in one fixed order: records share one hidden class (fast property access).
  return {
    id: fields.id,
    body: fields.body,
    attributes: fields.attributes,
    systemAttributes: fields.systemAttributes,
    senderId: fields.senderId,
    sentTimestamp: fields.sentTimestamp,
    retentionBase: fields.retentionBase,
    groupId: fields.groupId,
    deduplicationId: fields.deduplicationId,
    sequenceNumber: fields.sequenceNumber,
    deadLetterSourceArn: fields.deadLetterSourceArn,
    receiveCount: fields.receiveCount,
    firstReceiveTimestamp: fields.firstReceiveTimestamp,
    timer: undefined,
    state: 'available',
    visibleAt: 0,
    nonce: 0,
    receivedAt: 0,
    changes: 0,
    heapIndex: -1,
  };
}

/** Deep copy, so no caller can reach into a stored record (binary values included). */
export function copyAttributes(attrs: MessageAttributes | undefined): MessageAttributes {
  const out: MessageAttributes = {};
  if (!attrs) return out;
  for (const [name, v] of Object.entries(attrs)) {
    const c: MessageAttributes[string] = { DataType: v.DataType };
    if (v.StringValue !== undefined) c.StringValue = v.StringValue;
    if (v.BinaryValue !== undefined) c.BinaryValue = new Uint8Array(v.BinaryValue);
    out[name] = c;
  }
  return out;
}

/** System attributes with their AWS names; only those that apply are present. */
export function systemAttributesOf(m: StoredMessage): Record<string, string> {
  const out: Record<string, string> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentTimestamp),
    ApproximateReceiveCount: String(m.receiveCount),
  };
  if (m.firstReceiveTimestamp !== undefined) {
    out.ApproximateFirstReceiveTimestamp = String(m.firstReceiveTimestamp);
  }
  if (m.sequenceNumber !== undefined) out.SequenceNumber = m.sequenceNumber;
  if (m.deduplicationId !== undefined) out.MessageDeduplicationId = m.deduplicationId;
  if (m.groupId !== undefined) out.MessageGroupId = m.groupId;
  const trace = m.systemAttributes.AWSTraceHeader?.StringValue;
  if (trace !== undefined) out.AWSTraceHeader = trace;
  if (m.deadLetterSourceArn !== undefined) out.DeadLetterQueueSourceArn = m.deadLetterSourceArn;
  return out;
}

export function receivedSnapshot(m: StoredMessage, receiptHandle: string): ReceivedMessage {
  return {
    messageId: m.id,
    receiptHandle,
    body: m.body,
    attributes: copyAttributes(m.attributes),
    systemAttributes: systemAttributesOf(m),
    messageSystemAttributes: copyAttributes(m.systemAttributes),
  };
}

export function peekSnapshot(m: StoredMessage & { state: MessageState }): PeekedMessage {
  const p: PeekedMessage = {
    messageId: m.id,
    body: m.body,
    state: m.state,
    attributes: copyAttributes(m.attributes),
    systemAttributes: systemAttributesOf(m),
  };
  if (m.state !== 'available') p.visibleAt = m.visibleAt;
  return p;
}
