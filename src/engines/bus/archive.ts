/** Archives (events recorded from a bus) and replays (archived events sent back to it). */
import type { Timer } from '../../core/scheduler.js';
import type { BusEvent, Scope } from './types.js';

export interface ArchivedEvent {
  event: BusEvent;
  /** Ingestion time, ms since epoch (what EventStartTime/EventEndTime select on). */
  at: number;
  size: number;
  traceHeader?: string;
}

export class Archive {
  description: string | undefined;
  /** The archive's own EventPattern, as given (DescribeArchive). */
  eventPattern: string | undefined;
  /** 0 = keep forever. */
  retentionDays = 0;
  state: 'ENABLED' | 'DISABLED' = 'ENABLED';
  stateReason: string | undefined;
  /** The managed rule that feeds it (`Events-Archive-<name>` on the source bus). */
  ruleName = '';
  readonly events: ArchivedEvent[] = [];
  sizeBytes = 0;

  constructor(
    readonly scope: Scope,
    readonly name: string,
    readonly arn: string,
    /** ARN of the bus it records. */
    readonly sourceArn: string,
    readonly created: number,
    /** AWS's archive incarnation id (in the managed rule's target input). */
    readonly incarnation: string,
  ) {}

  /** Called for the events its managed rule matched (the archive's pattern, never a replay). */
  record(e: ArchivedEvent): void {
    if (this.state !== 'ENABLED') return;
    this.events.push(e);
    this.sizeBytes += e.size;
  }

  /** Drops events older than the retention period. */
  expire(now: number): void {
    if (!this.retentionDays) return;
    const cutoff = now - this.retentionDays * 86_400_000;
    let n = 0;
    while (n < this.events.length && this.events[n]!.at < cutoff) this.sizeBytes -= this.events[n++]!.size;
    if (n) this.events.splice(0, n);
  }
}

export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export class Replay {
  state: ReplayState = 'STARTING';
  stateReason: string | undefined;
  replayEndTime: number | undefined;
  eventLastReplayedTime: number | undefined;
  description: string | undefined;
  /** Index of the next event of `events` to replay. */
  position = 0;
  timer: Timer | undefined;

  constructor(
    readonly scope: Scope,
    readonly name: string,
    readonly arn: string,
    readonly archiveArn: string,
    readonly eventStartTime: number,
    readonly eventEndTime: number,
    readonly destinationArn: string,
    readonly filterArns: string[] | undefined,
    readonly replayStartTime: number,
    /** The archived events in the window, taken when the replay started. */
    readonly events: ArchivedEvent[],
  ) {}

  get active(): boolean {
    return this.state === 'STARTING' || this.state === 'RUNNING' || this.state === 'CANCELLING';
  }
}
