/**
 * Execution history: events with AWS's ids and previousEventId links. A `Thread` is one line of
 * control (the execution, a Parallel branch, a Map iteration): each event links to the thread's
 * previous event. AWS quirk kept: a state's `*StateEntered` links to the previous state's exit
 * (0 for the first state), not to ExecutionStarted.
 */
import type { Clock } from '../../../core/clock.js';
import type { Json } from '../asl.js';
import type { HistoryEvent } from './types.js';

/** AWS's history detail payloads are JSON text; a value is serialized once when recorded. */
export function jsonText(value: Json): string {
  return JSON.stringify(value);
}

export const NOT_TRUNCATED = Object.freeze({ truncated: false });

export class HistoryLog {
  constructor(
    readonly events: HistoryEvent[],
    private readonly clock: Clock,
  ) {}

  get lastId(): number {
    return this.events.length;
  }

  add(type: string, previousEventId: number, detailsKey?: string, details?: Record<string, unknown>): number {
    const id = this.events.length + 1;
    const event: HistoryEvent = { timestamp: this.clock.now(), type, id, previousEventId };
    if (detailsKey !== undefined) event[detailsKey] = details ?? {};
    this.events.push(event);
    return id;
  }
}

/** A line of control; `last` is the id of its latest event (0 before any). */
export class Thread {
  /** previousEventId for the next `*StateEntered` (the previous state's exit). */
  stateLink: number;
  constructor(
    readonly log: HistoryLog,
    public last: number,
  ) {
    this.stateLink = last;
  }

  add(type: string, detailsKey?: string, details?: Record<string, unknown>): number {
    this.last = this.log.add(type, this.last, detailsKey, details);
    return this.last;
  }

  /** Record with an explicit link, without moving the thread. */
  addLinked(type: string, previousEventId: number, detailsKey?: string, details?: Record<string, unknown>): number {
    return this.log.add(type, previousEventId, detailsKey, details);
  }

  fork(): Thread {
    return new Thread(this.log, this.last);
  }
}
