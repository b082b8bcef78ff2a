/**
 * Cross-check of CronSchedule.next against a minute-by-minute scan with predicates written directly
 * from the meaning of each expression (AWS docs wording), sharing no code with the implementation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScheduleExpression } from '../../../src/engines/bus/schedule/index.js';

const MINUTE = 60_000;

interface When {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  /** 1=SUN … 7=SAT */
  dow: number;
  /** days in this month */
  dim: number;
}

const when = (t: number): When => {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    year,
    month,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    dow: d.getUTCDay() + 1,
    dim: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
};
const dowOf = (w: When, day: number) => new Date(Date.UTC(w.year, w.month - 1, day)).getUTCDay() + 1;
const isWeekday = (dow: number) => dow >= 2 && dow <= 6;
const between = (v: number, lo: number, hi: number) => v >= lo && v <= hi;

/** The weekday nearest `target` in w's month, found by looking outwards one day at a time. */
const nearestWeekday = (w: When, target: number): number | undefined => {
  if (target > w.dim) return undefined;
  if (isWeekday(dowOf(w, target))) return target;
  for (let distance = 1; ; distance++) {
    for (const d of [target - distance, target + distance]) {
      if (d >= 1 && d <= w.dim && isWeekday(dowOf(w, d))) return d;
    }
  }
};

const cases: [expression: string, from: string, days: number, matches: (w: When) => boolean][] = [
  ['cron(0/5 8-17 ? * MON-FRI *)', '2024-02-20T00:00:00Z', 20, (w) => w.minute % 5 === 0 && between(w.hour, 8, 17) && isWeekday(w.dow)],
  ['cron(0/30 20-2 ? * MON-FRI *)', '2024-03-01T00:00:00Z', 20, (w) => w.minute % 30 === 0 && (w.hour >= 20 || w.hour <= 2) && isWeekday(w.dow)],
  ['cron(5,35 14 * * ? *)', '2024-02-25T00:00:00Z', 10, (w) => (w.minute === 5 || w.minute === 35) && w.hour === 14],
  ['cron(*/7 */5 * * ? *)', '2024-12-30T00:00:00Z', 4, (w) => w.minute % 7 === 0 && w.hour % 5 === 0],
  ['cron(1/10 * * * ? *)', '2024-06-01T00:00:00Z', 2, (w) => w.minute % 10 === 1],
  ['cron(0 0 L * ? *)', '2023-11-01T00:00:00Z', 200, (w) => w.minute === 0 && w.hour === 0 && w.day === w.dim],
  ['cron(30 6 LW * ? *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 30 && w.hour === 6 && isWeekday(w.dow) && !Array.from({ length: w.dim - w.day }, (_, i) => dowOf(w, w.day + 1 + i)).some(isWeekday)],
  ['cron(0 12 1W * ? *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 12 && w.day === nearestWeekday(w, 1)],
  ['cron(0 12 15W * ? *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 12 && w.day === nearestWeekday(w, 15)],
  ['cron(0 12 31W * ? *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 12 && w.day === nearestWeekday(w, 31)],
  ['cron(15 10 ? * 6L *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 15 && w.hour === 10 && w.dow === 6 && w.day + 7 > w.dim],
  ['cron(0 0 ? * 1L *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 0 && w.dow === 1 && w.day + 7 > w.dim],
  ['cron(0 2 ? * SAT#3 *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 2 && w.dow === 7 && Math.ceil(w.day / 7) === 3],
  ['cron(45 23 ? * 2#5 *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 45 && w.hour === 23 && w.dow === 2 && w.day > 28],
  ['cron(0 9 ? * 1#1 *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 9 && w.dow === 1 && w.day <= 7],
  ['cron(0 0 ? * L *)', '2024-01-01T00:00:00Z', 40, (w) => w.minute === 0 && w.hour === 0 && w.dow === 7],
  ['cron(0 0 ? * FRI-MON *)', '2024-01-01T00:00:00Z', 40, (w) => w.minute === 0 && w.hour === 0 && (w.dow >= 6 || w.dow <= 2)],
  ['cron(0 0 30-2 * ? *)', '2024-01-01T00:00:00Z', 370, (w) => w.minute === 0 && w.hour === 0 && (w.day >= 30 || w.day <= 2)],
  ['cron(0 6 29 FEB ? *)', '2099-06-01T00:00:00Z', 365 * 6, (w) => w.minute === 0 && w.hour === 6 && w.month === 2 && w.day === 29],
  ['cron(0 0 1 NOV-FEB ? 2024-2025)', '2024-01-01T00:00:00Z', 800, (w) => w.minute === 0 && w.hour === 0 && w.day === 1 && (w.month >= 11 || w.month <= 2) && w.year <= 2025],
  ['cron(0/15 * 1-31/10 */2 ? *)', '2024-01-01T00:00:00Z', 120, (w) => w.minute % 15 === 0 && w.day % 10 === 1 && w.month % 2 === 1],
  ['cron(0/5 5 ? JAN 1-5 2022)', '2021-12-25T00:00:00Z', 45, (w) => w.minute % 5 === 0 && w.hour === 5 && w.month === 1 && w.dow <= 5 && w.year === 2022],
  ['cron(* * ? * SAT#3 *)', '2024-01-15T00:00:00Z', 40, (w) => w.dow === 7 && between(w.day, 15, 21)],
];

describe('cron next() agrees with a minute-by-minute scan', () => {
  for (const [expression, from, days, matches] of cases) {
    it(`${expression} for ${days} days from ${from}`, () => {
      const schedule = parseScheduleExpression(expression, 0);
      const start = Date.parse(from);
      const end = start + days * 24 * 60 * MINUTE;
      const expected: number[] = [];
      for (let t = start + MINUTE; t <= end; t += MINUTE) if (matches(when(t))) expected.push(t);
      assert.ok(expected.length > 0, 'the window should contain fire times');
      const actual: number[] = [];
      for (let t = schedule.next(start); t !== undefined && t <= end; t = schedule.next(t)) actual.push(t);
      assert.deepEqual(actual.map((t) => new Date(t).toISOString()), expected.map((t) => new Date(t).toISOString()));
    });
  }
});
