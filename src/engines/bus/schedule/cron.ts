import { MINUTE_MS, SATURDAY, SUNDAY, dayOfWeek, daysInMonth } from './calendar.js';
import { ScheduleExpressionError } from './errors.js';
import type { Schedule } from './schedule.js';

/*
 * cron(Minutes Hours Day-of-month Month Day-of-week Year), all UTC (AWS "Cron expressions reference"):
 *
 *   Minutes       0-59                , - * /
 *   Hours         0-23                , - * /
 *   Day-of-month  1-31                , - * ? / L W
 *   Month         1-12 or JAN-DEC     , - * /
 *   Day-of-week   1-7 or SUN-SAT      , - * ? L #      (1=SUN … 7=SAT)
 *   Year          1970-2199           , - * /
 *
 * Exactly one of Day-of-month and Day-of-week is `?`.
 *
 * Where the docs are silent we follow Quartz, whose syntax AWS's matches:
 *   - `a-b` with a > b wraps round in the cyclic fields (hours `20-2` is 20…23,0…2; an older revision of
 *     the AWS page used `20-2`); in Year it is refused.
 *   - `*` + `/n` starts at the field's minimum; `a/n` runs from a to the field's maximum.
 *   - A step must be 1…(field maximum): AWS refuses a minutes step of 60 (aws-sdk-js#4212).
 *   - `L`, `LW`, `nW`, `nL` and `n#k` stand alone in their field (the docs: "3#1,6#3" is not valid).
 *   - `L` alone in Day-of-week is 7 (SAT); `nL` there is the last such weekday of the month.
 *   - Names, `L` and `W` are read case-insensitively.
 * Our own choices: `nW` and plain days past the end of a month (31 in April, 30W in February) do not
 * fire that month; fields are separated by one or more spaces or tabs, none before the first or after
 * the last.
 */

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Names for min, min+1, … */
  readonly names?: readonly string[];
  /** Whether `a-b` with a > b wraps round (every field but Year). */
  readonly cyclic: boolean;
  /** Whether `/` is allowed (every field but Day-of-week). */
  readonly slash: boolean;
  readonly maxStep: number;
}

const MINUTES: FieldSpec = { label: 'minutes', min: 0, max: 59, cyclic: true, slash: true, maxStep: 59 };
const HOURS: FieldSpec = { label: 'hours', min: 0, max: 23, cyclic: true, slash: true, maxStep: 23 };
const DAYS_OF_MONTH: FieldSpec = { label: 'day-of-month', min: 1, max: 31, cyclic: true, slash: true, maxStep: 31 };
const MONTHS: FieldSpec = {
  label: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  cyclic: true,
  slash: true,
  maxStep: 12,
};
const DAYS_OF_WEEK: FieldSpec = {
  label: 'day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  cyclic: true,
  slash: false,
  maxStep: 7,
};
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;
const YEARS: FieldSpec = {
  label: 'year',
  min: MIN_YEAR,
  max: MAX_YEAR,
  cyclic: false,
  slash: true,
  maxStep: Number.POSITIVE_INFINITY,
};

/** A sorted set of allowed values of one field. */
class ValueSet {
  readonly values: readonly number[];

  constructor(values: Iterable<number>) {
    this.values = [...new Set(values)].sort((a, b) => a - b);
  }

  has(v: number): boolean {
    return this.values.includes(v);
  }

  /** The smallest allowed value ≥ v. */
  next(v: number): number | undefined {
    for (const x of this.values) if (x >= v) return x;
    return undefined;
  }
}

/** Which days of a month fire; built from whichever of Day-of-month / Day-of-week is not `?`. */
type DayRule =
  | { readonly kind: 'every' }
  | { readonly kind: 'monthDays'; readonly days: ValueSet }
  | { readonly kind: 'lastDay' }
  | { readonly kind: 'lastWeekday' }
  | { readonly kind: 'nearestWeekday'; readonly day: number }
  | { readonly kind: 'weekdays'; readonly days: ValueSet }
  | { readonly kind: 'lastOfWeekday'; readonly weekday: number }
  | { readonly kind: 'nthOfWeekday'; readonly weekday: number; readonly nth: number };

const fail = (reason: string): never => {
  throw new ScheduleExpressionError(reason);
};

const VALUE = '([0-9]+|[A-Z]+)';
const ITEM = new RegExp(`^(?:(\\*)|${VALUE}(?:-${VALUE})?)(?:/([0-9]+))?$`);
const LAST_OF_WEEKDAY = new RegExp(`^${VALUE}L$`);
const NTH_OF_WEEKDAY = new RegExp(`^${VALUE}#([0-9]+)$`);
const NEAREST_WEEKDAY = /^([0-9]+)W$/;

function parseValue(token: string, spec: FieldSpec): number {
  let value: number;
  if (/^[0-9]+$/.test(token)) value = Number(token);
  else {
    const i = spec.names?.indexOf(token) ?? -1;
    if (i < 0) return fail(`${spec.label}: unknown value ${token}`);
    value = spec.min + i;
  }
  if (value < spec.min || value > spec.max) fail(`${spec.label}: ${token} is outside ${spec.min}-${spec.max}`);
  return value;
}

/** A list of `*`, `v`, `a-b`, each optionally `/step`. */
function parseList(text: string, spec: FieldSpec): ValueSet {
  const span = spec.max - spec.min + 1;
  const values: number[] = [];
  for (const item of text.split(',')) {
    const m = ITEM.exec(item);
    if (!m) return fail(`${spec.label}: cannot read "${item}"`);
    const [, star, from, to, stepText] = m;
    let step = 1;
    if (stepText !== undefined) {
      if (!spec.slash) fail(`${spec.label}: "/" is not allowed`);
      step = Number(stepText);
      if (step < 1 || step > spec.maxStep) fail(`${spec.label}: step ${stepText} is outside 1-${spec.maxStep}`);
    }
    let start: number;
    let end: number;
    if (star !== undefined) {
      start = spec.min;
      end = spec.max;
    } else {
      start = parseValue(from as string, spec);
      end = to !== undefined ? parseValue(to, spec) : stepText !== undefined ? spec.max : start;
    }
    if (end < start) {
      if (!spec.cyclic) fail(`${spec.label}: range ${item} runs backwards`);
      end += span;
    }
    for (let v = start; v <= end; v += step) values.push(v > spec.max ? v - span : v);
  }
  return new ValueSet(values);
}

function parseDayOfMonth(text: string): DayRule {
  if (text === '*') return { kind: 'every' };
  if (text === 'L') return { kind: 'lastDay' };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const w = NEAREST_WEEKDAY.exec(text);
  if (w) return { kind: 'nearestWeekday', day: parseValue(w[1] as string, DAYS_OF_MONTH) };
  return { kind: 'monthDays', days: parseList(text, DAYS_OF_MONTH) };
}

function parseDayOfWeek(text: string): DayRule {
  if (text === '*') return { kind: 'every' };
  if (text === 'L') return { kind: 'weekdays', days: new ValueSet([SATURDAY]) };
  const last = LAST_OF_WEEKDAY.exec(text);
  if (last) return { kind: 'lastOfWeekday', weekday: parseValue(last[1] as string, DAYS_OF_WEEK) };
  const nth = NTH_OF_WEEKDAY.exec(text);
  if (nth) {
    const weekday = parseValue(nth[1] as string, DAYS_OF_WEEK);
    const n = Number(nth[2]);
    if (n < 1 || n > 5) fail(`day-of-week: #${nth[2]} is outside 1-5`);
    return { kind: 'nthOfWeekday', weekday, nth: n };
  }
  return { kind: 'weekdays', days: parseList(text, DAYS_OF_WEEK) };
}

/** The weekday (Mon-Fri) nearest `day`, without leaving the month. */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number {
  const dow = dayOfWeek(year, month, day);
  if (dow === SATURDAY) return day === 1 ? 3 : day - 1;
  if (dow === SUNDAY) return day === lastDay ? day - 2 : day + 1;
  return day;
}

/** The first day ≥ `from` of the month that the rule fires on. */
function firstDay(rule: DayRule, year: number, month: number, from: number): number | undefined {
  const lastDay = daysInMonth(year, month);
  if (from > lastDay) return undefined;
  const atOrAfter = (day: number): number | undefined => (day >= from && day <= lastDay ? day : undefined);
  switch (rule.kind) {
    case 'every':
      return from;
    case 'monthDays':
      return atOrAfter(rule.days.next(from) ?? Number.POSITIVE_INFINITY);
    case 'lastDay':
      return lastDay;
    case 'lastWeekday':
      return atOrAfter(nearestWeekday(year, month, lastDay, lastDay));
    case 'nearestWeekday':
      return rule.day > lastDay ? undefined : atOrAfter(nearestWeekday(year, month, rule.day, lastDay));
    case 'weekdays': {
      const dowFrom = dayOfWeek(year, month, from);
      for (let day = from; day <= lastDay && day < from + 7; day++) {
        if (rule.days.has(((dowFrom - 1 + day - from) % 7) + 1)) return day;
      }
      return undefined;
    }
    case 'lastOfWeekday': {
      const shift = (dayOfWeek(year, month, lastDay) - rule.weekday + 7) % 7;
      return atOrAfter(lastDay - shift);
    }
    case 'nthOfWeekday': {
      const first = 1 + ((rule.weekday - dayOfWeek(year, month, 1) + 7) % 7);
      return atOrAfter(first + 7 * (rule.nth - 1));
    }
  }
}

export class CronSchedule implements Schedule {
  readonly kind = 'cron';

  constructor(
    readonly expression: string,
    private readonly minutes: ValueSet,
    private readonly hours: ValueSet,
    private readonly days: DayRule,
    private readonly months: ValueSet,
    private readonly years: ValueSet,
  ) {}

  next(afterMs: number): number | undefined {
    if (!Number.isFinite(afterMs)) throw new TypeError(`afterMs must be a finite number, got ${afterMs}`);
    const start = new Date((Math.floor(afterMs / MINUTE_MS) + 1) * MINUTE_MS);
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth() + 1;
    let day = start.getUTCDate();
    let hour = start.getUTCHours();
    let minute = start.getUTCMinutes();
    // Each field either fits, moves forward within its range (resetting the finer fields), or carries
    // into the next coarser field. Years are finite, so this ends.
    for (;;) {
      const y = this.years.next(year);
      if (y === undefined) return undefined;
      if (y !== year) [year, month, day, hour, minute] = [y, 1, 1, 0, 0];

      const mo = this.months.next(month);
      if (mo === undefined) {
        [year, month, day, hour, minute] = [year + 1, 1, 1, 0, 0];
        continue;
      }
      if (mo !== month) [month, day, hour, minute] = [mo, 1, 0, 0];

      const d = firstDay(this.days, year, month, day);
      if (d === undefined) {
        [day, hour, minute] = [1, 0, 0];
        if (month === 12) [year, month] = [year + 1, 1];
        else month += 1;
        continue;
      }
      if (d !== day) [day, hour, minute] = [d, 0, 0];

      const h = this.hours.next(hour);
      if (h === undefined) {
        [day, hour, minute] = [day + 1, 0, 0];
        continue;
      }
      if (h !== hour) [hour, minute] = [h, 0];

      const mi = this.minutes.next(minute);
      if (mi === undefined) {
        [hour, minute] = [hour + 1, 0];
        continue;
      }
      return Date.UTC(year, month - 1, day, hour, mi);
    }
  }
}

/** Returns undefined when `expression` is not a cron expression at all; throws when it is a bad one. */
export function parseCron(expression: string): CronSchedule | undefined {
  if (!expression.startsWith('cron(')) return undefined;
  if (!expression.endsWith(')')) return fail('no closing parenthesis');
  const fields = expression.slice('cron('.length, -1).toUpperCase().split(/[ \t]+/);
  if (fields.length !== 6 || fields.some((f) => f === '')) return fail('a cron expression has six fields');
  const [minutes, hours, dayOfMonth, month, dayOfWeekField, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonth === '?') === (dayOfWeekField === '?')) {
    fail('exactly one of day-of-month and day-of-week must be ?');
  }
  if (dayOfMonth.includes('?') && dayOfMonth !== '?') fail('day-of-month: ? stands alone');
  if (dayOfWeekField.includes('?') && dayOfWeekField !== '?') fail('day-of-week: ? stands alone');
  const days = dayOfMonth === '?' ? parseDayOfWeek(dayOfWeekField) : parseDayOfMonth(dayOfMonth);
  return new CronSchedule(
    expression,
    parseList(minutes, MINUTES),
    parseList(hours, HOURS),
    days,
    parseList(month, MONTHS),
    parseList(year, YEARS),
  );
}
