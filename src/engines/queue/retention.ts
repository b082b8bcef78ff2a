/**
 * Message retention with one scheduler timer per queue, armed for the earliest expiry.
 * Messages sit in a position-aware heap keyed by `retentionBase`: arrival order is not expiry
 * order once dead-lettered messages (which keep their original timestamp) arrive.
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler, Timer } from '../../core/scheduler.js';
import { IndexedHeap } from './indexed-heap.js';
import type { StoredMessage } from './message.js';

export class RetentionTracker {
  private readonly heap = new IndexedHeap<StoredMessage>((a, b) => a.retentionBase < b.retentionBase);
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    /** Read on every check, so a changed retention period applies to existing messages. */
    private readonly periodMs: () => number,
    /** Must remove the message from the queue (and so from this tracker). */
    private readonly expire: (m: StoredMessage) => void,
  ) {}

  add(m: StoredMessage): void {
    this.heap.push(m);
    // Only a new earliest expiry moves the timer; otherwise the armed one is still right.
    if (this.heap.peek() === m) this.arm();
  }

  /** O(log n). The timer stays armed; when it fires early it just re-arms for the new top. */
  remove(m: StoredMessage): void {
    this.heap.remove(m);
  }

  /** Drops what is due now and re-arms; also the reaction to a changed retention period. */
  check(): void {
    const now = this.clock.now();
    const period = this.periodMs();
    for (let top = this.heap.peek(); top && top.retentionBase + period <= now; top = this.heap.peek()) {
      this.heap.remove(top);
      this.expire(top);
    }
    this.arm();
  }

  clear(): void {
    this.heap.clear();
    this.timer?.cancel();
    this.timer = undefined;
  }

  private arm(): void {
    const top = this.heap.peek();
    const due = top ? top.retentionBase + this.periodMs() : undefined;
    if (this.timer && this.timer.due === due) return;
    this.timer?.cancel();
    this.timer = due === undefined ? undefined : this.scheduler.at(due, () => this.check());
  }
}
