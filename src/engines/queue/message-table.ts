/**
 * All messages of one queue and their states: available, in flight (visibility timer) or
 * delayed (delay timer). Every state change goes through here, so the O(1) counts, the
 * delivery order and retention never disagree. Timers are scheduler entries, never host timers.
 *
 * Visibility and delay timers are bucketed by due time: every message of the queue that becomes
 * available at the same millisecond (typically a whole receive batch) waits in one TimerBucket,
 * an intrusive list with one scheduler entry. Holding, releasing or deleting a message is O(1)
 * and allocates nothing per message; an emptied bucket cancels its entry at once, so deleted
 * messages are never kept alive by a timer. A bucket releases its messages in the order they
 * entered it, each as it would have on its own timer.
 *
 * Messages are found again by slot, not by id: each record has an index in `slots` (a free
 * slot is reused), and a receipt handle carries it along with the id. A lookup is an array
 * read and an id comparison; no hash table is kept per message.
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { DeliveryOrder, From } from './delivery-order.js';
import type { MessageState, StoredMessage, TimerBucket } from './message.js';
import { RetentionTracker } from './retention.js';
import type { QueueCounts } from './types.js';

export class MessageTable {
  private readonly slots: (StoredMessage | undefined)[] = [];
  /** Indexes of the free entries of `slots`. */
  private readonly freeSlots: number[] = [];
  private available = 0;
  private inflightCount = 0;
  private delayed = 0;
  private readonly retention: RetentionTracker;
  /** Due time → the bucket of messages that become available then. */
  private readonly buckets = new Map<number, TimerBucket>();

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    readonly order: DeliveryOrder,
    retentionMs: () => number,
    /** Called when a receive might now find something (waiters should look). */
    private readonly onDeliverable: () => void,
  ) {
    this.retention = new RetentionTracker(clock, scheduler, retentionMs, (m) => this.remove(m));
  }

  counts(): QueueCounts {
    return { visible: this.available, inflight: this.inflightCount, delayed: this.delayed };
  }

  get inflight(): number {
    return this.inflightCount;
  }

  /** The message with this id in this slot, if it is still here. */
  find(slot: number, id: string): StoredMessage | undefined {
    const m = slot < this.slots.length ? this.slots[slot] : undefined;
    return m !== undefined && m.id === id ? m : undefined;
  }

  /** Every message, in arrival order (except those dead-lettered in out of retention order,
   * which come last, by age). */
  values(): StoredMessage[] {
    return this.retention.all();
  }

  /** A new message; hidden for `delayMs` first when positive. */
  add(m: StoredMessage, delayMs: number): void {
    const free = this.freeSlots.pop();
    if (free === undefined) {
      m.slot = this.slots.length;
      this.slots.push(m);
    } else {
      m.slot = free;
      this.slots[free] = m;
    }
    this.retention.add(m);
    if (delayMs > 0) {
      this.enter(m, 'new', 'delayed', this.clock.now() + delayMs);
    } else {
      this.enter(m, 'new', 'available', 0);
      this.notify();
    }
  }

  /** available → in flight until `visibleAt`. */
  hold(m: StoredMessage, visibleAt: number): void {
    this.leave(m);
    this.enter(m, 'available', 'inflight', visibleAt);
  }

  /** Moves the end of an in-flight message's visibility (ChangeMessageVisibility). */
  reschedule(m: StoredMessage, visibleAt: number): void {
    if (m.state !== 'inflight') return;
    if (visibleAt <= this.clock.now()) {
      this.release(m);
      return;
    }
    this.unschedule(m);
    m.visibleAt = visibleAt;
    this.schedule(m, visibleAt);
  }

  /** in flight or delayed → available (visibility ended, delay ended, visibility set to 0).
   * `front`: ahead of the other available messages (a receive undone, see Queue.returnUnreceived). */
  release(m: StoredMessage, front = false): void {
    if (m.state !== 'inflight' && m.state !== 'delayed') return;
    const from = this.leave(m);
    this.enter(m, from, 'available', 0, front);
    this.notify();
  }

  /** Deleted, expired, dead-lettered or moved: gone from this queue. No-op if already gone. */
  remove(m: StoredMessage): void {
    // A record belongs to one table for life, and only `clear` marks it gone otherwise.
    if (m.state === 'gone') return;
    this.slots[m.slot] = undefined;
    this.freeSlots.push(m.slot);
    m.slot = -1;
    this.retention.remove(m);
    const from = this.leave(m);
    m.state = 'gone';
    this.order.transition(m, from, 'gone');
    // Deleting an in-flight FIFO message can unblock its group.
    if (from === 'inflight') this.notify();
  }

  /** Drops every message (purge, queue deletion). */
  clear(): void {
    for (const b of this.buckets.values()) b.timer?.cancel();
    this.buckets.clear();
    for (const m of this.slots) {
      if (!m) continue;
      m.state = 'gone';
      m.slot = -1;
      m.bucket = m.prev = m.next = undefined;
    }
    this.slots.length = 0;
    this.freeSlots.length = 0;
    this.order.clear();
    this.retention.clear();
    this.available = this.inflightCount = this.delayed = 0;
  }

  /** Applies a changed retention period to the messages already here. */
  retentionChanged(): void {
    this.retention.check();
  }

  private notify(): void {
    if (this.order.hasDeliverable()) this.onDeliverable();
  }

  /** Takes `m` out of its current state: leaves its timer bucket, fixes the counts. */
  private leave(m: StoredMessage): MessageState {
    const from = m.state as MessageState;
    if (from === 'available') this.available--;
    else {
      this.unschedule(m);
      if (from === 'inflight') this.inflightCount--;
      else this.delayed--;
    }
    return from;
  }

  private enter(m: StoredMessage, from: From, to: MessageState, visibleAt: number, front = false): void {
    m.state = to;
    m.visibleAt = visibleAt;
    if (to === 'available') this.available++;
    else if (to === 'inflight') this.inflightCount++;
    else this.delayed++;
    // The order reads m.state, so it is told after the record is updated; and it must let go of
    // the shared list links (leaving 'available') before a bucket takes them.
    this.order.transition(m, from, to, front);
    if (to !== 'available') this.schedule(m, visibleAt);
  }

  /** Appends `m` to the bucket due at `due`, creating (and arming) it if needed. */
  private schedule(m: StoredMessage, due: number): void {
    let b = this.buckets.get(due);
    if (!b) {
      const bucket: TimerBucket = { due, head: undefined, tail: undefined, size: 0, timer: undefined };
      bucket.timer = this.scheduler.at(due, () => this.fire(bucket));
      this.buckets.set(due, (b = bucket));
    }
    m.bucket = b;
    m.next = undefined;
    m.prev = b.tail;
    if (b.tail) b.tail.next = m;
    else b.head = m;
    b.tail = m;
    b.size++;
  }

  /** Takes `m` out of its bucket; an emptied bucket goes away with its scheduler entry. */
  private unschedule(m: StoredMessage): void {
    const b = m.bucket;
    if (!b) return;
    const { prev, next } = m;
    if (prev) prev.next = next;
    else b.head = next;
    if (next) next.prev = prev;
    else b.tail = prev;
    m.bucket = m.prev = m.next = undefined;
    if (--b.size === 0) {
      b.timer?.cancel();
      b.timer = undefined;
      if (this.buckets.get(b.due) === b) this.buckets.delete(b.due);
    }
  }

  /** A bucket's time has come: release its messages one by one, in the order they entered. */
  private fire(b: TimerBucket): void {
    b.timer = undefined;
    // Detached first: anything scheduled meanwhile (always for later) gets a bucket of its own.
    if (this.buckets.get(b.due) === b) this.buckets.delete(b.due);
    for (let m = b.head; m; m = b.head) this.release(m);
  }
}
