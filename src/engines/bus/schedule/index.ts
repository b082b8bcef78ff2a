/**
 * EventBridge rule schedule expressions: `rate(value unit)` and `cron(min hour dom month dow year)`.
 * AWS: "Schedule expressions for rules" (eb-scheduled-rule-pattern, eb-cron-expressions,
 * eb-rate-expressions); UTC, one-minute granularity.
 */
import { parseCron } from './cron.js';
import { ScheduleExpressionError } from './errors.js';
import { parseRate } from './rate.js';
import type { Schedule } from './schedule.js';

export { ScheduleExpressionError, INVALID_SCHEDULE_EXPRESSION_MESSAGE } from './errors.js';
export type { Schedule } from './schedule.js';
export { MIN_YEAR, MAX_YEAR } from './cron.js';

/**
 * Parse and validate. `anchorMs` is when the rule was created or enabled: a rate schedule fires at
 * `anchorMs + k·period`, k ≥ 1 (AWS: a rate expression "starts when you create the scheduled event
 * rule"). Cron schedules ignore it. Throws ScheduleExpressionError for anything AWS would refuse.
 */
export function parseScheduleExpression(expression: string, anchorMs: number): Schedule {
  if (!Number.isFinite(anchorMs)) throw new TypeError(`anchorMs must be a finite number, got ${anchorMs}`);
  const schedule = parseRate(expression, anchorMs) ?? parseCron(expression);
  if (schedule === undefined) throw new ScheduleExpressionError('neither rate(...) nor cron(...)');
  return schedule;
}
