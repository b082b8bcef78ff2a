/**
 * The engine's own record of a message, and the snapshots it hands out. Records are mutable and
 * private to the engine; everything that leaves it (receives, peeks) is a copy.
 */
import type { Timer } from '../../core/scheduler.js';
import type { MessageAttributes, PeekedMessage, ReceivedMessage } from './types.js';

export type MessageState = 'available' | 'inflight' | 'delayed';

/**
 * The scheduler entry shared by every in-flight or delayed message of one queue that becomes
 * available at the same millisecond (see MessageTable): one timer per due time, not per message.
 * Its members form a doubly-linked list through the records' `prev`/`next`.
 */
export interface TimerBucket {
  readonly due: number;
  head: StoredMessage | undefined;
  tail: StoredMessage | undefined;
  size: number;
  timer: Timer | undefined;
}

export interface StoredMessage {
  readonly id: string;
  readonly body: string;
  /** Never mutated once stored (records may share it), so messages without any share one. */
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
  /** The timer bucket it waits in, while in flight or delayed. */
  bucket: TimerBucket | undefined;
  /**
   * Links of the one intrusive list the message is on, owned by whoever put it there: the
   * standard delivery order's available list while available, its timer bucket while in flight
   * or delayed (a message is never on both, so the two share the fields).
   */
  prev: StoredMessage | undefined;
  next: StoredMessage | undefined;
  /** Index in its queue's message table (receipt handles carry it), -1 once gone. */
  slot: number;
  /** Links of the retention tracker's in-order list (see RetentionTracker). */
  rPrev: StoredMessage | undefined;
  rNext: StoredMessage | undefined;
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

/** Receive and timer state: only messages that were received or delayed need it. */
class FlightFields {
  receiveCount = 0;
  firstReceiveTimestamp: number | undefined = undefined;
  visibleAt = 0;
  bucket: TimerBucket | undefined = undefined;
  nonce = 0;
  receivedAt = 0;
  changes = 0;
}

/**
 * What a message was sent with besides its id, body and time. Immutable, so messages sent alike
 * share one: a queue reuses one for consecutive plain sends (same sender, no attributes, no
 * FIFO fields), and a plain message's record then holds just a pointer to it.
 */
export interface MessageMeta {
  readonly senderId: string;
  readonly attributes: MessageAttributes;
  readonly systemAttributes: MessageAttributes;
  /** Undefined when it is the SentTimestamp (always, but for FIFO dead letters). */
  readonly retentionBase: number | undefined;
  /**
   * The SentTimestamp of the first message with this meta. Records store their SentTimestamp
   * as the difference from it: a small integer, which V8 keeps in the record itself (a Smi)
   * where a timestamp would take a separate 16-byte heap number per message.
   */
  readonly epoch: number;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  readonly deadLetterSourceArn: string | undefined;
}

export function messageMeta(f: Omit<NewMessage, 'id' | 'body' | 'receiveCount' | 'firstReceiveTimestamp'>): MessageMeta {
  return {
    senderId: f.senderId,
    attributes: f.attributes,
    systemAttributes: f.systemAttributes,
    retentionBase: f.retentionBase === f.sentTimestamp ? undefined : f.retentionBase,
    epoch: f.sentTimestamp,
    groupId: f.groupId,
    deduplicationId: f.deduplicationId,
    sequenceNumber: f.sequenceNumber,
    deadLetterSourceArn: f.deadLetterSourceArn,
  };
}

/** Whether `meta` can hold the SentTimestamp `t` exactly (always, for realistic clocks). */
export function fitsEpoch(meta: MessageMeta, t: number): boolean {
  return t - meta.epoch + meta.epoch === t;
}

/**
 * A class rather than object literals: every record has one hidden class with its fields in
 * object (fast property access, no slack), and a send allocates little beyond the record.
 * A queued message's memory is mostly this record, so it stays small: what it was sent with is
 * a shared MessageMeta, and receive/timer state lives in a `flight` object, allocated at the
 * first receive or delay.
 */
export class MessageRecord implements StoredMessage {
  state: MessageState | 'gone' = 'available';
  prev: StoredMessage | undefined = undefined;
  next: StoredMessage | undefined = undefined;
  rPrev: StoredMessage | undefined = undefined;
  rNext: StoredMessage | undefined = undefined;
  slot = -1;
  /** Created at the first receive or delay, then kept (see the accessors below). */
  private flight: FlightFields | undefined = undefined;

  /** SentTimestamp − meta.epoch. */
  private readonly sent: number;

  /** `meta` must fit `sentTimestamp` (see fitsEpoch). */
  constructor(
    readonly id: string,
    readonly body: string,
    sentTimestamp: number,
    readonly meta: MessageMeta,
    receiveCount: number,
    firstReceiveTimestamp: number | undefined,
  ) {
    this.sent = sentTimestamp - meta.epoch;
    if (receiveCount !== 0 || firstReceiveTimestamp !== undefined) {
      const f = this.inFlight();
      f.receiveCount = receiveCount;
      f.firstReceiveTimestamp = firstReceiveTimestamp;
    }
  }

  // Receive and timer state. A message never received nor delayed has none: reads give the
  // initial values, and writing an initial value is a no-op until the state exists.

  get receiveCount(): number {
    return this.flight ? this.flight.receiveCount : 0;
  }

  set receiveCount(v: number) {
    if (this.flight || v !== 0) this.inFlight().receiveCount = v;
  }

  get firstReceiveTimestamp(): number | undefined {
    return this.flight?.firstReceiveTimestamp;
  }

  set firstReceiveTimestamp(v: number | undefined) {
    if (this.flight || v !== undefined) this.inFlight().firstReceiveTimestamp = v;
  }

  get visibleAt(): number {
    return this.flight ? this.flight.visibleAt : 0;
  }

  set visibleAt(v: number) {
    if (this.flight || v !== 0) this.inFlight().visibleAt = v;
  }

  get bucket(): TimerBucket | undefined {
    return this.flight?.bucket;
  }

  set bucket(v: TimerBucket | undefined) {
    if (this.flight || v !== undefined) this.inFlight().bucket = v;
  }

  get nonce(): number {
    return this.flight ? this.flight.nonce : 0;
  }

  set nonce(v: number) {
    if (this.flight || v !== 0) this.inFlight().nonce = v;
  }

  get receivedAt(): number {
    return this.flight ? this.flight.receivedAt : 0;
  }

  set receivedAt(v: number) {
    if (this.flight || v !== 0) this.inFlight().receivedAt = v;
  }

  get changes(): number {
    return this.flight ? this.flight.changes : 0;
  }

  set changes(v: number) {
    if (this.flight || v !== 0) this.inFlight().changes = v;
  }

  private inFlight(): FlightFields {
    return (this.flight ??= new FlightFields());
  }

  get sentTimestamp(): number {
    return this.sent + this.meta.epoch;
  }

  get senderId(): string {
    return this.meta.senderId;
  }

  get attributes(): MessageAttributes {
    return this.meta.attributes;
  }

  get systemAttributes(): MessageAttributes {
    return this.meta.systemAttributes;
  }

  get retentionBase(): number {
    const base = this.meta.retentionBase;
    return base === undefined ? this.sentTimestamp : base;
  }

  get groupId(): string | undefined {
    return this.meta.groupId;
  }

  get deduplicationId(): string | undefined {
    return this.meta.deduplicationId;
  }

  get sequenceNumber(): string | undefined {
    return this.meta.sequenceNumber;
  }

  get deadLetterSourceArn(): string | undefined {
    return this.meta.deadLetterSourceArn;
  }
}

export function newRecord(f: NewMessage): StoredMessage {
  return new MessageRecord(f.id, f.body, f.sentTimestamp, messageMeta(f), f.receiveCount, f.firstReceiveTimestamp);
}

/** The attributes of every stored message that has none (frozen: records never mutate theirs). */
export const NO_ATTRIBUTES: MessageAttributes = Object.freeze({}) as MessageAttributes;

/** What a record stores for attributes as sent: a deep copy, or the shared empty set. */
export function storedAttributes(attrs: MessageAttributes | undefined): MessageAttributes {
  if (attrs === undefined) return NO_ATTRIBUTES;
  for (const name in attrs) if (Object.hasOwn(attrs, name)) return copyAttributes(attrs);
  return NO_ATTRIBUTES;
}

/** Deep copy, so no caller can reach into a stored record (binary values included). */
export function copyAttributes(attrs: MessageAttributes | undefined): MessageAttributes {
  if (!attrs || attrs === NO_ATTRIBUTES) return {};
  // fromEntries defines own properties: a user name `__proto__` stays an ordinary key.
  return Object.fromEntries(
    Object.entries(attrs).map(([name, v]) => {
      const c: MessageAttributes[string] = { DataType: v.DataType };
      if (v.StringValue !== undefined) c.StringValue = v.StringValue;
      if (v.BinaryValue !== undefined) c.BinaryValue = new Uint8Array(v.BinaryValue);
      return [name, c];
    }),
  ) as MessageAttributes;
}

/** System attributes with their AWS names; only those that apply are present. */
export function systemAttributesOf(m: StoredMessage): Record<string, string> {
  // One literal per case (rather than adding the key later): the object gets its final shape at once.
  const out: Record<string, string> =
    m.firstReceiveTimestamp === undefined
      ? { SenderId: m.senderId, SentTimestamp: String(m.sentTimestamp), ApproximateReceiveCount: String(m.receiveCount) }
      : {
          SenderId: m.senderId,
          SentTimestamp: String(m.sentTimestamp),
          ApproximateReceiveCount: String(m.receiveCount),
          ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp),
        };
  if (m.sequenceNumber !== undefined) out.SequenceNumber = m.sequenceNumber;
  if (m.deduplicationId !== undefined) out.MessageDeduplicationId = m.deduplicationId;
  if (m.groupId !== undefined) out.MessageGroupId = m.groupId;
  const trace = m.systemAttributes === NO_ATTRIBUTES ? undefined : m.systemAttributes.AWSTraceHeader?.StringValue;
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
