import { MINUTE_MS } from './calendar.js';
import { ScheduleExpressionError } from './errors.js';
import type { Schedule } from './schedule.js';

const UNIT_MS = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
} as const;

/**
 * `rate(value unit)`: exactly one space, nothing else inside or around the parentheses, lower-case units.
 * AWS refuses `rate( 10 minutes )`, ` rate(10 minutes)` and `rate(10 MINUTES)` (LocalStack, AWS-validated).
 */
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

/**
 * A fixed-period schedule. AWS: "A rate expression starts when you create the scheduled event rule, and
 * then it runs on a defined schedule", so fire times are `anchor + k·period` for k ≥ 1: the first one a
 * whole period after the anchor, never at the anchor itself. The anchor keeps its seconds (AWS fires
 * somewhere within the minute; an emulator keeps the exact phase).
 */
export class RateSchedule implements Schedule {
  readonly kind = 'rate';

  constructor(
    readonly expression: string,
    readonly anchorMs: number,
    readonly periodMs: number,
  ) {}

  next(afterMs: number): number | undefined {
    if (!Number.isFinite(afterMs)) throw new TypeError(`afterMs must be a finite number, got ${afterMs}`);
    const k = Math.max(1, Math.floor((afterMs - this.anchorMs) / this.periodMs) + 1);
    return this.anchorMs + k * this.periodMs;
  }
}

/** Returns undefined when `expression` is not a rate expression at all; throws when it is a bad one. */
export function parseRate(expression: string, anchorMs: number): RateSchedule | undefined {
  if (!expression.startsWith('rate(')) return undefined;
  const m = RATE.exec(expression);
  if (!m) throw new ScheduleExpressionError('not of the form rate(value unit) with unit minute(s), hour(s) or day(s)');
  const value = Number(m[1]);
  const unit = m[2] as string;
  if (value === 0) throw new ScheduleExpressionError('the value must be positive');
  const plural = unit.endsWith('s');
  if (value === 1 && plural) throw new ScheduleExpressionError('a value of 1 takes a singular unit');
  if (value > 1 && !plural) throw new ScheduleExpressionError('a value over 1 takes a plural unit');
  const periodMs = value * UNIT_MS[(plural ? unit.slice(0, -1) : unit) as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(periodMs)) throw new ScheduleExpressionError('the period is too large');
  return new RateSchedule(expression, anchorMs, periodMs);
}
