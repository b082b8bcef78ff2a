/**
 * Long-poll waiters of one queue, first come first served, and the hand-out to them when
 * something becomes deliverable. Each waiter has a deadline timer on the shared scheduler and
 * may carry an AbortSignal (the client hung up): an aborted waiter is dropped at once and can
 * never be handed a message.
 */
import type { Scheduler, Timer } from '../../core/scheduler.js';
import { LinkedMap } from '../../core/linked-map.js';
import type { ReceivedMessage } from './types.js';

export interface Waiter {
  readonly maxMessages: number;
  readonly visibilityTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** FIFO ReceiveRequestAttemptId to remember the answer under. */
  readonly attemptId: string | undefined;
}

/** How the queue serves a waiter. */
export interface WaiterSource {
  /** Whether a receive now could find something. */
  canServe(): boolean;
  /** Takes messages for `w` (possibly none, if all were dead-lettered). */
  deliver(w: Waiter): ReceivedMessage[];
}

interface Entry extends Waiter {
  resolve: (messages: ReceivedMessage[]) => void;
  timer: Timer;
  onAbort: (() => void) | undefined;
}

export class WaitList {
  // Insertion order with O(1) removal anywhere: a FIFO queue with cancellation.
  private readonly entries = new LinkedMap<Entry, Entry>();
  /** Set while the queue hands out messages; a wake-up meanwhile (e.g. caused by a
   * dead-letter move that loops back to this queue) is served once the hand-out is done. */
  private busy = false;
  private wakePending = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly source: WaiterSource,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Waits until served, or resolves [] at `deadline` or on abort. */
  wait(w: Waiter, deadline: number): Promise<ReceivedMessage[]> {
    return new Promise((resolve) => {
      const entry: Entry = {
        ...w,
        resolve,
        timer: this.scheduler.at(deadline, () => this.settle(entry, [])),
        onAbort: undefined,
      };
      if (w.signal) {
        entry.onAbort = () => this.settle(entry, []);
        w.signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.entries.set(entry, entry);
    });
  }

  /** Something may be deliverable: serve waiters now, or after the current hand-out. */
  wake(): void {
    if (this.entries.size === 0) return;
    if (this.busy) {
      this.wakePending = true;
      return;
    }
    this.exclusive(() => this.serve());
  }

  /** Runs a hand-out with wake-ups deferred until it is over. */
  exclusive(fn: () => void): void {
    this.busy = true;
    try {
      fn();
    } finally {
      this.busy = false;
    }
    if (this.wakePending) {
      this.wakePending = false;
      this.wake();
    }
  }

  /** Resolves every waiter with [] (queue deleted, engine closed). */
  settleAll(): void {
    for (const e of [...this.entries.values()]) this.settle(e, []);
  }

  private serve(): void {
    while (this.source.canServe()) {
      const e = this.first();
      if (!e) return;
      const messages = this.source.deliver(e);
      if (messages.length === 0) return; // everything deliverable was dead-lettered
      this.settle(e, messages);
    }
  }

  /** The longest-waiting waiter, after dropping any whose signal was aborted (checked right
   * before messages are taken for it). */
  private first(): Entry | undefined {
    for (const e of this.entries.values()) {
      if (!e.signal?.aborted) return e;
      this.settle(e, []);
    }
    return undefined;
  }

  private settle(e: Entry, messages: ReceivedMessage[]): void {
    if (!this.entries.delete(e)) return;
    e.timer.cancel();
    if (e.onAbort) e.signal?.removeEventListener('abort', e.onAbort);
    e.resolve(messages);
  }
}
