/**
 * One SQS queue: send, receive (with long polling), delete, visibility changes, purge, and the
 * dead-letter move at receive time. State and timers live in the MessageTable; FIFO vs standard
 * differs only in the delivery order, deduplication and how stale receipt handles are treated.
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler } from '../../core/scheduler.js';
import { AttemptCache } from './attempt-cache.js';
import { DedupCache, dedupIdentity } from './dedup-cache.js';
import { StandardOrder } from './delivery-order.js';
import {
  MessageNotAvailable,
  OverLimit,
  PurgeInProgress,
  QueueNotFound,
  ReceiptHandleExpired,
  ReceiptHandleInvalid,
  VisibilityTooLong,
} from './errors.js';
import { FifoOrder } from './fifo-order.js';
import { MessageTable } from './message-table.js';
import {
  fitsEpoch,
  messageMeta,
  NO_ATTRIBUTES,
  MessageRecord,
  type MessageMeta,
  peekSnapshot,
  receivedSnapshot,
  storedAttributes,
  type MessageState,
  type StoredMessage,
} from './message.js';
import { decodeReceiptHandle, encodeReceiptHandle, receiptHandlePrefix } from './receipt-handle.js';
import { deadLetterCopy, redrivenCopy, type Destination } from './redrive.js';
import type {
  PeekedMessage,
  QueueCounts,
  QueueSettings,
  ReceiveInput,
  ReceivedMessage,
  Scope,
  SendInput,
  SendResult,
} from './types.js';
import { WaitList } from './wait-list.js';
import { buildArn } from '../../core/arn.js';

/** What a queue needs from its engine: time, ids, limits, and other queues (for dead letters). */
export interface QueueHost {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly newId: () => string;
  readonly inflightLimit: number;
  queueByArn(arn: string): Queue | undefined;
}

/** Visibility may not end later than 12 h after the receive that produced the handle. */
const MAX_VISIBILITY_MS = 43_200 * 1000;
const PURGE_INTERVAL_MS = 60_000;

export function queueArn(scope: Scope, name: string): string {
  return buildArn({ service: 'sqs', region: scope.region, account: scope.account, resource: name });
}

export class Queue {
  readonly arn: string;
  readonly createdTimestamp: number;
  lastModifiedTimestamp: number;
  settings: QueueSettings;
  readonly tags: Map<string, string>;
  readonly extraAttributes = new Map<string, string>();

  private readonly table: MessageTable;
  private readonly waiters: WaitList;
  private readonly dedup: DedupCache;
  private readonly attempts = new AttemptCache();
  /** Every receipt handle of this queue starts with it (see receipt-handle.ts). */
  private readonly handlePrefix: string;
  /** The meta of the latest plain send, shared by the next ones from the same sender. */
  private plainMeta: MessageMeta | undefined;
  /** 20 decimal digits from the start, strictly increasing per queue. */
  private nextSequence: bigint;
  private receiveNonce = 0;
  private lastPurge: number | undefined;
  private deleted = false;

  constructor(
    private readonly host: QueueHost,
    readonly scope: Scope,
    readonly name: string,
    settings: QueueSettings,
    tags: Record<string, string> = {},
  ) {
    const now = host.clock.now();
    this.arn = queueArn(scope, name);
    this.handlePrefix = receiptHandlePrefix(this.arn);
    this.createdTimestamp = this.lastModifiedTimestamp = now;
    this.settings = { ...settings };
    this.tags = new Map(Object.entries(tags));
    this.nextSequence = 10n ** 19n + BigInt(now) * 1000n;
    this.table = new MessageTable(
      host.clock,
      host.scheduler,
      settings.fifo ? new FifoOrder() : new StandardOrder(),
      () => this.settings.messageRetentionPeriod * 1000,
      () => this.waiters.wake(),
    );
    this.waiters = new WaitList(host.scheduler, {
      // Standard queues at the in-flight limit serve nobody until a slot frees up.
      canServe: () => this.table.order.hasDeliverable() && (this.settings.fifo || this.table.inflight < this.host.inflightLimit),
      deliver: (w) => this.deliver(w.maxMessages, w.visibilityTimeoutMs, w.attemptId),
    });
    this.dedup = new DedupCache(host.clock, host.scheduler);
  }

  updateSettings(patch: Partial<QueueSettings>): void {
    const retentionBefore = this.settings.messageRetentionPeriod;
    this.settings = { ...this.settings, ...patch };
    this.lastModifiedTimestamp = this.host.clock.now();
    if (this.settings.messageRetentionPeriod !== retentionBefore) this.table.retentionChanged();
  }

  counts(): QueueCounts {
    return this.table.counts();
  }

  send(input: SendInput): SendResult {
    this.assertLive();
    const now = this.host.clock.now();
    const fifo = this.settings.fifo;
    const dedup = fifo ? dedupIdentity(this.settings, input) : undefined;
    const seen = dedup && this.dedup.get(dedup.key);
    // A duplicate is accepted but not enqueued: the caller sees the original's identity.
    if (seen) {
      return seen.sequenceNumber === undefined
        ? { messageId: seen.messageId }
        : { messageId: seen.messageId, sequenceNumber: seen.sequenceNumber };
    }
    const sequenceNumber = fifo ? this.takeSequence() : undefined;
    const attributes = storedAttributes(input.attributes);
    const systemAttributes = storedAttributes(input.systemAttributes);
    const plain = attributes === NO_ATTRIBUTES && systemAttributes === NO_ATTRIBUTES && input.groupId === undefined && !dedup && !fifo;
    const meta =
      plain && this.plainMeta?.senderId === input.senderId && fitsEpoch(this.plainMeta, now)
        ? this.plainMeta
        : messageMeta({
            senderId: input.senderId,
            attributes,
            systemAttributes,
            sentTimestamp: now,
            retentionBase: now,
            groupId: input.groupId,
            deduplicationId: dedup?.id,
            sequenceNumber,
            deadLetterSourceArn: undefined,
          });
    if (plain) this.plainMeta = meta;
    const m = new MessageRecord(this.host.newId(), input.body, now, meta, 0, undefined);
    if (dedup) this.dedup.add(dedup.key, m.id, sequenceNumber);
    this.table.add(m, (input.delaySeconds ?? this.settings.delaySeconds) * 1000);
    return sequenceNumber === undefined ? { messageId: m.id } : { messageId: m.id, sequenceNumber };
  }

  async receive(input: ReceiveInput): Promise<ReceivedMessage[]> {
    if (this.deleted) return [];
    const now = this.host.clock.now();
    const attemptId = this.settings.fifo ? input.receiveRequestAttemptId : undefined;
    if (attemptId !== undefined) {
      const replay = this.attempts.replay(attemptId, now);
      if (replay) return replay;
    }
    // Standard queues refuse; FIFO queues just return what fits (AWS quotas).
    if (!this.settings.fifo && this.table.inflight >= this.host.inflightLimit) {
      throw new OverLimit(this.host.inflightLimit);
    }
    if (input.signal?.aborted) return [];
    const visibilityTimeoutMs = (input.visibilityTimeout ?? this.settings.visibilityTimeout) * 1000;
    let taken: ReceivedMessage[] = [];
    this.waiters.exclusive(() => {
      taken = this.deliver(input.maxMessages, visibilityTimeoutMs, attemptId);
    });
    const waitSeconds = input.waitTimeSeconds ?? this.settings.receiveMessageWaitTimeSeconds;
    if (taken.length > 0 || waitSeconds <= 0) return taken;
    const waiter = { maxMessages: input.maxMessages, visibilityTimeoutMs, signal: input.signal, attemptId };
    return this.waiters.wait(waiter, now + waitSeconds * 1000);
  }

  deleteMessage(receiptHandle: string): void {
    this.assertLive();
    const decoded = decodeReceiptHandle(this.handlePrefix, receiptHandle);
    if (!decoded) throw new ReceiptHandleInvalid(receiptHandle);
    const m = this.table.find(decoded.slot, decoded.messageId);
    if (!m) return; // already deleted (or expired): not an error
    // Standard queues delete with any handle of the message; FIFO insists on the live one.
    if (this.settings.fifo && !(m.state === 'inflight' && m.nonce === decoded.nonce)) {
      throw new ReceiptHandleExpired(receiptHandle);
    }
    this.table.remove(m);
  }

  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    this.assertLive();
    const { m, nonce } = this.resolveHandle(receiptHandle);
    if (!m) throw new MessageNotAvailable(receiptHandle);
    // FIFO insists on the live handle, as DeleteMessage does (that text is recorded for
    // DeleteMessage only; unverified for ChangeMessageVisibility).
    if (this.settings.fifo && !(m.state === 'inflight' && m.nonce === nonce)) throw new ReceiptHandleExpired(receiptHandle);
    // Standard: any handle of the message acts on it, as with DeleteMessage. Not in flight (its
    // visibility is over, no newer receive): AWS answers 200 and nothing changes [SNAP
    // test_change_message_visibility_after_visibility_timeout_expiration]. In flight again under
    // a newer receive: the change applies to that visibility (LocalStack's provider does the
    // same, keeping every handle of a message; the case itself is not in the recordings).
    if (m.state !== 'inflight') return;
    const now = this.host.clock.now();
    const ceiling = m.receivedAt + MAX_VISIBILITY_MS;
    const visibleAt = now + visibilityTimeoutSeconds * 1000;
    if (visibleAt > ceiling) {
      throw new VisibilityTooLong(visibilityTimeoutSeconds, Math.max(0, Math.floor((ceiling - now) / 1000)));
    }
    m.changes++;
    this.table.reschedule(m, visibleAt);
  }

  /**
   * Undoes a receive whose answer never reached its caller (the client hung up before the
   * response was written): as AWS never counts a receive the client did not get, each message
   * is as if that receive had not happened. It is visible again at once, ahead of the other
   * available messages in the order the receive handed them out; its ApproximateReceiveCount and
   * ApproximateFirstReceiveTimestamp are what they were before (so maxReceiveCount is not
   * brought closer); its FIFO group is unlocked; the handles given out are stale. A message
   * since deleted, received again, or whose receive was already undone is left alone. Returns
   * how many messages were returned.
   */
  returnUnreceived(receiptHandles: readonly string[]): number {
    if (this.deleted) return 0;
    let returned = 0;
    // Waiters are served once every message is back, so they see the original order.
    this.waiters.exclusive(() => {
      // Last first, each to the front: they end up in front in the order they were handed out.
      for (let i = receiptHandles.length - 1; i >= 0; i--) {
        const decoded = decodeReceiptHandle(this.handlePrefix, receiptHandles[i]!);
        const m = decoded && this.table.find(decoded.slot, decoded.messageId);
        // Visibility 0 leaves the message available after its receive: only the count is undone.
        if (!m || m.nonce !== decoded.nonce || (m.state !== 'inflight' && m.state !== 'available')) continue;
        m.receiveCount--;
        // The receive that is undone was the first one when it left the count at 1.
        if (m.receiveCount === 0) m.firstReceiveTimestamp = undefined;
        // The handle given out becomes stale: it can neither be undone twice nor be replayed
        // by a ReceiveRequestAttemptId retry.
        m.nonce = ++this.receiveNonce;
        this.table.release(m, true);
        returned++;
      }
    });
    return returned;
  }

  purge(): void {
    this.assertLive();
    const now = this.host.clock.now();
    if (this.lastPurge !== undefined && now - this.lastPurge < PURGE_INTERVAL_MS) {
      throw new PurgeInProgress(this.name);
    }
    this.lastPurge = now;
    this.table.clear();
    this.dedup.clear();
    this.attempts.clear();
  }

  peek(): PeekedMessage[] {
    const out: PeekedMessage[] = [];
    for (const m of this.table.values()) out.push(peekSnapshot(m as StoredMessage & { state: MessageState }));
    return out;
  }

  /** @internal A message dead-lettered from `sourceArn`: same identity and count, available at once. */
  acceptDeadLetter(m: StoredMessage, sourceArn: string): void {
    const rec = deadLetterCopy(m, sourceArn, this.asDestination());
    // Already past this queue's retention: it would only flash into view until the timer ran.
    if (rec.retentionBase + this.settings.messageRetentionPeriod * 1000 <= this.host.clock.now()) return;
    this.table.add(rec, 0);
  }

  /** @internal The message a move task would take next. */
  firstMovable(): StoredMessage | undefined {
    return this.table.order.firstDeliverable();
  }

  /**
   * @internal Move task: redrive `m` to `dest` as a new message. This bypasses `dest`'s
   * deduplication, which would otherwise silently drop redrives within 5 minutes of the send.
   */
  moveOut(m: StoredMessage, dest: Queue): void {
    this.table.remove(m);
    dest.table.add(redrivenCopy(m, this.host.newId(), dest.asDestination()), dest.settings.delaySeconds * 1000);
  }

  /** How many long polls are waiting on this queue right now. */
  get waitingReceivers(): number {
    return this.waiters.size;
  }

  /** @internal Queue deleted or engine closed: drop everything, release every waiter with []. */
  destroy(): void {
    this.deleted = true;
    this.table.clear();
    this.dedup.clear();
    this.attempts.clear();
    this.waiters.settleAll();
  }

  /** Hands out up to `max` messages now; moves those past maxReceiveCount to the DLQ instead. */
  private deliver(max: number, visibilityTimeoutMs: number, attemptId: string | undefined): ReceivedMessage[] {
    const room = this.host.inflightLimit - this.table.inflight;
    const limit = Math.min(max, room);
    const out: ReceivedMessage[] = [];
    const held: StoredMessage[] = [];
    if (limit <= 0) return out;
    const now = this.host.clock.now();
    this.table.order.select(limit, (m) => {
      if (this.deadLetter(m)) return false;
      m.receiveCount++;
      m.firstReceiveTimestamp ??= now;
      m.nonce = ++this.receiveNonce;
      m.receivedAt = now;
      this.table.hold(m, now + visibilityTimeoutMs);
      held.push(m);
      out.push(receivedSnapshot(m, encodeReceiptHandle(this.handlePrefix, m.id, m.slot, m.nonce)));
      return true;
    });
    // Visibility 0: visible again at once, but only after this receive (it must not repeat one).
    if (visibilityTimeoutMs <= 0) for (const m of held) this.table.release(m);
    if (attemptId !== undefined) this.attempts.remember(attemptId, now, held, out);
    return out;
  }

  /** True when `m` went to the dead-letter queue instead of being handed out. */
  private deadLetter(m: StoredMessage): boolean {
    const policy = this.settings.redrivePolicy;
    if (!policy || m.receiveCount < policy.maxReceiveCount) return false;
    const dlq = this.host.queueByArn(policy.deadLetterTargetArn);
    // A missing (or unusable) DLQ means normal delivery, as AWS does.
    if (!dlq || dlq === this || dlq.settings.fifo !== this.settings.fifo) return false;
    this.table.remove(m);
    dlq.acceptDeadLetter(m, this.arn);
    return true;
  }

  private resolveHandle(handle: string): { m: StoredMessage | undefined; nonce: number } {
    const decoded = decodeReceiptHandle(this.handlePrefix, handle);
    if (!decoded) throw new ReceiptHandleInvalid(handle);
    return { m: this.table.find(decoded.slot, decoded.messageId), nonce: decoded.nonce };
  }

  private asDestination(): Destination {
    return { fifo: this.settings.fifo, now: this.host.clock.now(), takeSequence: () => this.takeSequence() };
  }

  private takeSequence(): string {
    return (this.nextSequence++).toString();
  }

  private assertLive(): void {
    if (this.deleted) throw new QueueNotFound(this.name);
  }
}
