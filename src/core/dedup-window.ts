/**
 * FIFO deduplication (SQS queues and SNS topics): ids seen in the last 5 minutes map to the
 * message they first produced.
 * Entries expire in insertion order (the window counts from the first send and a duplicate does
 * not extend it), so a Map plus one scheduler timer for the oldest entry is enough.
 */
import type { Clock } from './clock.js';
import type { Scheduler, Timer } from './scheduler.js';

export const DEDUP_WINDOW_MS = 5 * 60 * 1000;

export interface DedupEntry {
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

export class DedupCache {
  private readonly entries = new Map<string, DedupEntry>();
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The live entry for `key`; an entry past its window counts as absent even if not yet pruned. */
  get(key: string): DedupEntry | undefined {
    const e = this.entries.get(key);
    return e && e.expiresAt > this.clock.now() ? e : undefined;
  }

  add(key: string, messageId: string, sequenceNumber: string | undefined): void {
    // A stale entry under the same key must not keep its old place in the expiry order.
    this.entries.delete(key);
    const entry: DedupEntry = { messageId, expiresAt: this.clock.now() + DEDUP_WINDOW_MS };
    if (sequenceNumber !== undefined) entry.sequenceNumber = sequenceNumber;
    this.entries.set(key, entry);
    if (!this.timer) this.arm();
  }

  clear(): void {
    this.entries.clear();
    this.timer?.cancel();
    this.timer = undefined;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, e] of this.entries) {
      if (e.expiresAt > now) break;
      this.entries.delete(key);
    }
    this.arm();
  }

  private arm(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const first = this.entries.values().next();
    if (!first.done) this.timer = this.scheduler.at(first.value.expiresAt, () => this.prune());
  }
}

