/**
 * The queue engine of one Signalbox instance: every queue of every account and region, the
 * 60-second recreate rule, dead-letter lookups and move tasks. No module state: two engines
 * never share anything, and `close()` ends one.
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler } from '../../core/scheduler.js';
import { cryptoRandomness, type Randomness } from '../../core/ids.js';
import { QueueDeletedRecently, QueueNotFound } from './errors.js';
import { MoveTasks } from './move-tasks.js';
import { Queue, queueArn, type QueueHost } from './queue.js';
import type { MoveTask, QueueSettings, Scope } from './types.js';

export interface QueueEngineDeps {
  clock: Clock;
  scheduler: Scheduler;
  /** Where ids come from (default node:crypto). */
  random?: Randomness;
  /** Message ids and task ids; default `random.uuid()`. */
  newId?: () => string;
  /** In-flight messages per queue before a standard receive fails with OverLimit (AWS: 120,000). */
  inflightLimit?: number;
}

const RECREATE_WAIT_MS = 60_000;

export class QueueEngine {
  /** scope key → name → queue. */
  private readonly scopes = new Map<string, Map<string, Queue>>();
  private readonly byArn = new Map<string, Queue>();
  /** arn → deletion time, oldest first (so pruning stops at the first recent one). */
  private readonly deletedAt = new Map<string, number>();
  private readonly host: QueueHost;
  private readonly moves: MoveTasks;

  constructor(deps: QueueEngineDeps) {
    // node:crypto's randomUUID() builds its string from ~20 concatenated pieces (a 480-byte rope while it
    // lives); toLowerCase() of a lowercase UUID is the same text as one flat 56-byte string.
    // Ids live as long as their message, so this is most of a queued message's overhead.
    const random = deps.random ?? cryptoRandomness;
    const newId = deps.newId ?? (() => random.uuid().toLowerCase());
    this.host = {
      clock: deps.clock,
      scheduler: deps.scheduler,
      newId,
      inflightLimit: deps.inflightLimit ?? 120_000,
      queueByArn: (arn) => this.byArn.get(arn),
    };
    this.moves = new MoveTasks({
      scheduler: deps.scheduler,
      now: () => deps.clock.now(),
      newId,
      queueByArn: (arn) => this.byArn.get(arn),
      isDeadLetterQueue: (arn) => this.deadLetterSourceQueues(arn).length > 0,
    });
  }

  /** The caller has checked that no queue of that name exists (CreateQueue is idempotent there). */
  createQueue(scope: Scope, name: string, settings: QueueSettings, tags?: Record<string, string>): Queue {
    const arn = queueArn(scope, name);
    this.pruneDeleted();
    if (this.deletedAt.has(arn)) throw new QueueDeletedRecently(name);
    const existing = this.byArn.get(arn);
    if (existing) return existing;
    const queue = new Queue(this.host, { account: scope.account, region: scope.region }, name, settings, tags);
    let names = this.scopes.get(scopeKey(scope));
    if (!names) this.scopes.set(scopeKey(scope), (names = new Map()));
    names.set(name, queue);
    this.byArn.set(arn, queue);
    return queue;
  }

  getQueue(scope: Scope, name: string): Queue | undefined {
    return this.scopes.get(scopeKey(scope))?.get(name);
  }

  requireQueue(scope: Scope, name: string): Queue {
    const q = this.getQueue(scope, name);
    if (!q) throw new QueueNotFound(name);
    return q;
  }

  getQueueByArn(arn: string): Queue | undefined {
    return this.byArn.get(arn);
  }

  listQueues(scope: Scope, prefix?: string): Queue[] {
    const out: Queue[] = [];
    for (const q of this.scopes.get(scopeKey(scope))?.values() ?? []) {
      if (prefix === undefined || q.name.startsWith(prefix)) out.push(q);
    }
    return out.sort(byName);
  }

  deleteQueue(scope: Scope, name: string): void {
    const q = this.requireQueue(scope, name);
    q.destroy();
    this.scopes.get(scopeKey(scope))?.delete(name);
    this.byArn.delete(q.arn);
    this.deletedAt.delete(q.arn); // re-insert at the end: the map stays in deletion order
    this.deletedAt.set(q.arn, this.host.clock.now());
  }

  /** Queues whose RedrivePolicy targets `dlqArn` (a DLQ is in the same account and region). */
  deadLetterSourceQueues(dlqArn: string): Queue[] {
    const parts = dlqArn.split(':');
    if (parts.length !== 6) return [];
    const scope = { region: parts[3]!, account: parts[4]! };
    const out: Queue[] = [];
    for (const q of this.scopes.get(scopeKey(scope))?.values() ?? []) {
      if (q.settings.redrivePolicy?.deadLetterTargetArn === dlqArn) out.push(q);
    }
    return out.sort(byName);
  }

  startMoveTask(sourceArn: string, destinationArn?: string, maxPerSecond?: number): MoveTask {
    return this.moves.start(sourceArn, destinationArn, maxPerSecond);
  }

  listMoveTasks(sourceArn: string, maxResults: number): MoveTask[] {
    return this.moves.list(sourceArn, maxResults);
  }

  cancelMoveTask(taskHandle: string): MoveTask {
    return this.moves.cancel(taskHandle);
  }

  /** Resolves every waiting long poll with [] and drops all state. */
  close(): void {
    this.moves.close();
    for (const q of this.byArn.values()) q.destroy();
    this.byArn.clear();
    this.scopes.clear();
    this.deletedAt.clear();
  }

  private pruneDeleted(): void {
    const now = this.host.clock.now();
    for (const [arn, at] of this.deletedAt) {
      if (now - at < RECREATE_WAIT_MS) break;
      this.deletedAt.delete(arn);
    }
  }
}

function scopeKey(scope: Scope): string {
  return `${scope.region}:${scope.account}`;
}

function byName(a: Queue, b: Queue): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
