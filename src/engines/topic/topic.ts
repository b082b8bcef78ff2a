/**
 * One SNS topic: its subscriptions in subscription order, stored attributes and tags, and for
 * FIFO topics the sequence numbers and the 5-minute deduplication window.
 */
import type { Clock } from '../../core/clock.js';
import { DedupCache } from '../../core/dedup-window.js';
import { LinkedMap } from '../../core/linked-map.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { Subscription } from './subscription.js';
import type { Scope } from './types.js';

export class Topic {
  /** Stored as given (DisplayName, Policy, DeliveryPolicy, SignatureVersion, KMS, feedback, ...). */
  readonly attributes = new Map<string, string>();
  readonly tags = new Map<string, string>();
  readonly subscriptions = new LinkedMap<string, Subscription>();
  dataProtectionPolicy: string | undefined;
  subscriptionsDeleted = 0;
  readonly dedup: DedupCache | undefined;
  private nextSequence: bigint;

  constructor(
    readonly scope: Scope,
    readonly name: string,
    readonly arn: string,
    readonly fifo: boolean,
    clock: Clock,
    scheduler: Scheduler,
  ) {
    this.dedup = fifo ? new DedupCache(clock, scheduler) : undefined;
    this.nextSequence = 10n ** 19n + BigInt(clock.now()) * 1000n;
  }

  takeSequence(): string {
    return (this.nextSequence++).toString();
  }

  counts(): { confirmed: number; pending: number; deleted: number } {
    let confirmed = 0;
    let pending = 0;
    for (const s of this.subscriptions.values()) {
      if (s.pendingConfirmation) pending++;
      else confirmed++;
    }
    return { confirmed, pending, deleted: this.subscriptionsDeleted };
  }
}
