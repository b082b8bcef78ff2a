import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ScheduleExpressionError,
  parseScheduleExpression,
} from '../../../src/engines/bus/schedule/index.js';

const AWS_MESSAGE = 'Parameter ScheduleExpression is not valid.';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANCHOR = Date.parse('2024-01-01T00:00:30.250Z');

const rejects = (expression: string) =>
  assert.throws(
    () => parseScheduleExpression(expression, ANCHOR),
    (e: unknown) => e instanceof ScheduleExpressionError && e.message === AWS_MESSAGE,
    expression,
  );

describe('rate expressions: validation', () => {
  // Every invalid rate LocalStack checks against AWS (test_events_schedule.py,
  // test_put_rule_with_invalid_schedule_rate, @markers.aws.validated): ValidationException
  // "Parameter ScheduleExpression is not valid."
  const localstackInvalid = [
    'rate(10 seconds)',
    'rate(10 years)',
    'rate(1 minutes)',
    'rate(1 hours)',
    'rate(1 days)',
    'rate(10 minute)',
    'rate(10 hour)',
    'rate(10 day)',
    'rate()',
    'rate(10)',
    'rate(10 minutess)',
    'rate(foo minutes)',
    'rate(0 minutes)',
    'rate(-10 minutes)',
    'rate(10 MINUTES)',
    'rate( 10 minutes )',
    ' rate(10 minutes)',
  ];
  for (const expression of localstackInvalid) {
    it(`AWS refuses ${JSON.stringify(expression)}`, () => rejects(expression));
  }

  // AWS docs (eb-rate-expressions): "rate(1 hours) and rate(5 hour) aren't valid".
  it('refuses the docs counter-examples rate(1 hours) and rate(5 hour)', () => {
    rejects('rate(1 hours)');
    rejects('rate(5 hour)');
  });

  it('refuses other malformed rates', () => {
    for (const expression of [
      'rate(10 minutes) ',
      'rate(10  minutes)',
      'rate(1.5 minutes)',
      'rate(+5 minutes)',
      'Rate(5 minutes)',
      'rate(5 minutes',
      'rate 5 minutes',
      'rate(0 minute)',
      'rate(1 week)',
      'rate(2 weeks)',
      'rate(99999999999999999999 days)',
      '',
      'at(2024-01-01T00:00:00)',
    ]) {
      rejects(expression);
    }
  });

  it('carries the reason separately from the AWS message', () => {
    try {
      parseScheduleExpression('rate(1 minutes)', ANCHOR);
      assert.fail('expected a ScheduleExpressionError');
    } catch (e) {
      assert.ok(e instanceof ScheduleExpressionError);
      assert.equal(e.message, AWS_MESSAGE);
      assert.equal(e.name, 'ScheduleExpressionError');
      assert.match(e.reason, /singular/);
    }
  });

  // Docs examples plus LocalStack's valid rate(1 minute) / rate(10 minutes).
  const valid: [string, number][] = [
    ['rate(1 minute)', MINUTE],
    ['rate(5 minutes)', 5 * MINUTE],
    ['rate(10 minutes)', 10 * MINUTE],
    ['rate(1 hour)', HOUR],
    ['rate(12 hours)', 12 * HOUR],
    ['rate(1 day)', DAY],
    ['rate(7 days)', 7 * DAY],
  ];
  for (const [expression, period] of valid) {
    it(`accepts ${expression} with a period of ${period} ms`, () => {
      const s = parseScheduleExpression(expression, ANCHOR);
      assert.equal(s.kind, 'rate');
      assert.equal(s.expression, expression);
      assert.equal(s.next(ANCHOR), ANCHOR + period);
    });
  }
});

describe('rate expressions: fire times', () => {
  it('fires a whole period after the anchor, then every period, keeping the anchor phase', () => {
    const s = parseScheduleExpression('rate(5 minutes)', ANCHOR);
    assert.equal(s.next(ANCHOR), Date.parse('2024-01-01T00:05:30.250Z'));
    assert.equal(s.next(Date.parse('2024-01-01T00:05:30.249Z')), Date.parse('2024-01-01T00:05:30.250Z'));
    // strictly after
    assert.equal(s.next(Date.parse('2024-01-01T00:05:30.250Z')), Date.parse('2024-01-01T00:10:30.250Z'));
    assert.equal(s.next(Date.parse('2024-01-01T01:02:03.000Z')), Date.parse('2024-01-01T01:05:30.250Z'));
  });

  it('never fires at or before the anchor', () => {
    const s = parseScheduleExpression('rate(1 hour)', ANCHOR);
    assert.equal(s.next(ANCHOR - 10 * DAY), ANCHOR + HOUR);
    assert.equal(s.next(ANCHOR - 1), ANCHOR + HOUR);
  });

  it('walks a sequence without drift', () => {
    const s = parseScheduleExpression('rate(1 day)', ANCHOR);
    let t = ANCHOR;
    for (let i = 0; i < 400; i++) {
      const n = s.next(t);
      assert.equal(n, t + DAY);
      t = n as number;
    }
    assert.equal(t, Date.parse('2025-02-04T00:00:30.250Z'));
  });

  it('is relative to the anchor it was parsed with', () => {
    const later = Date.parse('2024-06-15T13:47:00Z');
    assert.equal(parseScheduleExpression('rate(1 day)', later).next(later), Date.parse('2024-06-16T13:47:00Z'));
  });

  it('refuses non-finite times', () => {
    assert.throws(() => parseScheduleExpression('rate(1 day)', Number.NaN), TypeError);
    assert.throws(() => parseScheduleExpression('rate(1 day)', ANCHOR).next(Number.POSITIVE_INFINITY), TypeError);
  });
});
