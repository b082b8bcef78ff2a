/**
 * Long-poll waiters of one queue, first come first served. Each waiter has a deadline timer on
 * the shared scheduler and may carry an AbortSignal (the client hung up): an aborted waiter is
 * dropped at once and can never be handed a message.
 */
import type { Scheduler, Timer } from '../../core/scheduler.js';
import type { ReceivedMessage } from './types.js';

export interface Waiter {
  readonly maxMessages: number;
  readonly visibilityTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** FIFO ReceiveRequestAttemptId to remember the answer under. */
  readonly attemptId: string | undefined;
}

interface Entry extends Waiter {
  resolve: (messages: ReceivedMessage[]) => void;
  timer: Timer;
  onAbort: (() => void) | undefined;
}

export class WaitList {
  // A Set iterates in insertion order and removes in O(1): a FIFO queue with cancellation.
  private readonly entries = new Set<Entry>();

  constructor(private readonly scheduler: Scheduler) {}

  get size(): number {
    return this.entries.size;
  }

  /** Waits until `settle` hands it messages, or resolves [] at `deadline` or on abort. */
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
      this.entries.add(entry);
    });
  }

  /** The longest-waiting waiter, after dropping any whose signal was aborted. */
  first(): Waiter | undefined {
    for (const e of this.entries) {
      if (!e.signal?.aborted) return e;
      this.settle(e, []);
    }
    return undefined;
  }

  /** Hands `messages` to a waiter returned by `first()` and forgets it. */
  settle(w: Waiter, messages: ReceivedMessage[]): void {
    const e = w as Entry;
    if (!this.entries.delete(e)) return;
    e.timer.cancel();
    if (e.onAbort) e.signal?.removeEventListener('abort', e.onAbort);
    e.resolve(messages);
  }

  /** Resolves every waiter with [] (queue deleted, engine closed). */
  settleAll(): void {
    for (const e of [...this.entries]) this.settle(e, []);
  }
}
