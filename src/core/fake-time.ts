import { ManualClock } from './clock.js';
import { Scheduler } from './scheduler.js';

/**
 * A fake clock plus its scheduler for tests (and, one day, for users who want to move time).
 * `advance` steps through timers in due order so each fires seeing its own due time.
 */
export class FakeTime {
  readonly clock: ManualClock;
  readonly scheduler: Scheduler;

  constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.clock = new ManualClock(start);
    this.scheduler = new Scheduler(this.clock, null);
  }

  now(): number {
    return this.clock.now();
  }

  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      const next = this.scheduler.nextDue();
      if (next === undefined || next > target) break;
      if (next > this.clock.now()) this.clock.set(next);
      this.scheduler.runDue();
    }
    this.clock.set(target);
    this.scheduler.runDue();
  }
}
