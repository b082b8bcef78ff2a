/**
 * FIFO ReceiveRequestAttemptId: for 5 minutes a retried receive with the same id gets the same
 * messages and handles back, provided every one is still in flight under that receive and was
 * not changed since. Entries expire in insertion order, pruned lazily when the cache is used.
 */
import type { StoredMessage } from './message.js';
import type { ReceivedMessage } from './types.js';

export const ATTEMPT_WINDOW_MS = 5 * 60 * 1000;

interface Held {
  m: StoredMessage;
  nonce: number;
  changes: number;
}

interface Attempt {
  expiresAt: number;
  held: Held[];
  result: ReceivedMessage[];
}

export class AttemptCache {
  private readonly attempts = new Map<string, Attempt>();

  /** The earlier result, as a fresh copy, if it can still be replayed exactly. */
  replay(id: string, now: number): ReceivedMessage[] | undefined {
    this.prune(now);
    const a = this.attempts.get(id);
    if (!a) return undefined;
    const intact = a.held.every((h) => h.m.state === 'inflight' && h.m.nonce === h.nonce && h.m.changes === h.changes);
    if (!intact) {
      this.attempts.delete(id);
      return undefined;
    }
    return structuredClone(a.result);
  }

  remember(id: string, now: number, messages: StoredMessage[], result: ReceivedMessage[]): void {
    // An empty answer is not worth replaying: a retry should look for messages again.
    if (result.length === 0) return;
    this.attempts.delete(id);
    this.attempts.set(id, {
      expiresAt: now + ATTEMPT_WINDOW_MS,
      held: messages.map((m) => ({ m, nonce: m.nonce, changes: m.changes })),
      result: structuredClone(result),
    });
  }

  clear(): void {
    this.attempts.clear();
  }

  private prune(now: number): void {
    for (const [id, a] of this.attempts) {
      if (a.expiresAt > now) break;
      this.attempts.delete(id);
    }
  }
}
