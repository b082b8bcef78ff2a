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

/** AWS's hard quota on a Standard execution's history (docs: bp-history-limit). */
export const MAX_HISTORY_EVENTS = 25_000;

/** Recorded in user reports of AWS output (`{"error": "States.Runtime", "cause": ...}`). */
export const HISTORY_LIMIT_ERROR = 'States.Runtime';
export const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;

const CLOSING = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/**
 * What happens at the quota: `fail` (Standard) records AWS's ExecutionFailed as the last event
 * and calls `onLimit`; `drop` (Express: no history API, but memory must stay bounded) keeps
 * counting ids without storing more events.
 */
export type HistoryLimitMode = 'fail' | 'drop';

export class HistoryLog {
  private count: number;
  /** True once the quota was reached: later events are not stored. */
  full = false;
  /** Called once when a Standard execution reaches the quota (its ExecutionFailed is recorded). */
  onLimit: (() => void) | undefined;

  constructor(
    readonly events: HistoryEvent[],
    private readonly clock: Clock,
    private readonly mode: HistoryLimitMode = 'fail',
    private readonly limit: number = MAX_HISTORY_EVENTS,
  ) {
    this.count = events.length;
  }

  get lastId(): number {
    return this.count;
  }

  add(type: string, previousEventId: number, detailsKey?: string, details?: Record<string, unknown>): number {
    const id = this.count + 1;
    if (this.full || id > this.limit) {
      // Express keeps numbering; a failed Standard execution records nothing more.
      if (this.mode === 'drop') this.count = id;
      return this.mode === 'drop' ? id : this.count;
    }
    if (id === this.limit && this.mode === 'fail' && !CLOSING.has(type)) {
      // AWS: "When an execution reaches 24,999 events, it waits for the next event. If event
      // number 25,000 isn't ExecutionSucceeded, the ExecutionFailed event is logged."
      // Its previousEventId (the event that would have been recorded links there) is unverified.
      this.push('ExecutionFailed', id, previousEventId, 'executionFailedEventDetails', { error: HISTORY_LIMIT_ERROR, cause: HISTORY_LIMIT_CAUSE });
      this.full = true;
      this.onLimit?.();
      return id;
    }
    this.push(type, id, previousEventId, detailsKey, details);
    if (id === this.limit) this.full = true;
    return id;
  }

  private push(type: string, id: number, previousEventId: number, detailsKey?: string, details?: Record<string, unknown>): void {
    const event: HistoryEvent = { timestamp: this.clock.now(), type, id, previousEventId };
    if (detailsKey !== undefined) event[detailsKey] = details ?? {};
    this.events.push(event);
    this.count = id;
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
