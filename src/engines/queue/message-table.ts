/**
 * All messages of one queue and their states: available, in flight (visibility timer) or
 * delayed (delay timer). Every state change goes through here, so the O(1) counts, the
 * delivery order and retention never disagree. Timers are scheduler entries, never host timers.
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { DeliveryOrder, From } from './delivery-order.js';
import type { MessageState, StoredMessage } from './message.js';
import { RetentionTracker } from './retention.js';
import type { QueueCounts } from './types.js';

export class MessageTable {
  readonly byId = new Map<string, StoredMessage>();
  private readonly n: Record<MessageState, number> = { available: 0, inflight: 0, delayed: 0 };
  private readonly retention: RetentionTracker;

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
    return { visible: this.n.available, inflight: this.n.inflight, delayed: this.n.delayed };
  }

  get inflight(): number {
    return this.n.inflight;
  }

  /** A new message; hidden for `delayMs` first when positive. */
  add(m: StoredMessage, delayMs: number): void {
    this.byId.set(m.id, m);
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
    m.timer?.cancel();
    m.visibleAt = visibleAt;
    m.timer = this.scheduler.at(visibleAt, () => this.release(m));
  }

  /** in flight or delayed → available (visibility ended, delay ended, visibility set to 0). */
  release(m: StoredMessage): void {
    if (m.state !== 'inflight' && m.state !== 'delayed') return;
    const from = this.leave(m);
    this.enter(m, from, 'available', 0);
    this.notify();
  }

  /** Deleted, expired, dead-lettered or moved: gone from this queue. No-op if already gone. */
  remove(m: StoredMessage): void {
    if (this.byId.get(m.id) !== m) return;
    this.byId.delete(m.id);
    this.retention.remove(m);
    const from = this.leave(m);
    m.state = 'gone';
    this.order.transition(m, from, 'gone');
    // Deleting an in-flight FIFO message can unblock its group.
    if (from === 'inflight') this.notify();
  }

  /** Drops every message (purge, queue deletion). */
  clear(): void {
    for (const m of this.byId.values()) {
      m.timer?.cancel();
      m.timer = undefined;
      m.state = 'gone';
    }
    this.byId.clear();
    this.order.clear();
    this.retention.clear();
    this.n.available = this.n.inflight = this.n.delayed = 0;
  }

  /** Applies a changed retention period to the messages already here. */
  retentionChanged(): void {
    this.retention.check();
  }

  private notify(): void {
    if (this.order.hasDeliverable()) this.onDeliverable();
  }

  /** Takes `m` out of its current state: cancels its timer, fixes the counts. */
  private leave(m: StoredMessage): MessageState {
    const from = m.state as MessageState;
    m.timer?.cancel();
    m.timer = undefined;
    this.n[from]--;
    return from;
  }

  private enter(m: StoredMessage, from: From, to: MessageState, visibleAt: number): void {
    m.state = to;
    m.visibleAt = visibleAt;
    this.n[to]++;
    if (to !== 'available') m.timer = this.scheduler.at(visibleAt, () => this.release(m));
    // The order reads m.state, so it is told after the record is updated.
    this.order.transition(m, from, to);
  }
}
