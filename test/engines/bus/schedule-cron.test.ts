import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ScheduleExpressionError,
  parseScheduleExpression,
  type Schedule,
} from '../../../src/engines/bus/schedule/index.js';

const AWS_MESSAGE = 'Parameter ScheduleExpression is not valid.';
const ANCHOR = Date.parse('2024-01-01T00:00:00Z');
const ms = (iso: string) => {
  const t = Date.parse(iso);
  assert.ok(Number.isFinite(t), iso);
  return t;
};
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const parse = (expression: string): Schedule => parseScheduleExpression(expression, ANCHOR);

/** The next `count` fire times strictly after `after`, as ISO strings (undefined once exhausted). */
const fires = (expression: string, after: string, count: number): (string | undefined)[] => {
  const s = parse(expression);
  const out: (string | undefined)[] = [];
  let t: number | undefined = ms(after);
  for (let i = 0; i < count; i++) {
    t = t === undefined ? undefined : s.next(t);
    out.push(iso(t));
  }
  return out;
};

const rejects = (expression: string) =>
  assert.throws(
    () => parse(expression),
    (e: unknown) => e instanceof ScheduleExpressionError && e.message === AWS_MESSAGE,
    expression,
  );

describe('cron expressions: validation', () => {
  // LocalStack tests_put_rule_with_schedule_cron: PutRule succeeded on AWS for every one
  // (test_events_schedule.snapshot.json records put-rule + list-rules with the expression echoed).
  const localstackValid = [
    'cron(0 2 ? * SAT *)',
    'cron(0 12 * * ? *)',
    'cron(5,35 14 * * ? *)',
    'cron(15 10 ? * 6L 2002-2005)',
    'cron(0 2 ? * SAT#3 *)',
    'cron(* * ? * SAT#3 *)',
    'cron(0/5 5 ? JAN 1-5 2022)',
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0/30 20-23 ? * MON-FRI *)',
    'cron(0/30 0-2 ? * MON-FRI *)',
  ];
  for (const expression of localstackValid) {
    it(`AWS accepts ${expression}`, () => {
      const s = parse(expression);
      assert.equal(s.kind, 'cron');
      assert.equal(s.expression, expression);
    });
  }

  // LocalStack tests_put_rule_with_invalid_schedule_cron (AWS snapshot: ValidationException,
  // "Parameter ScheduleExpression is not valid.").
  const localstackInvalid = [
    'cron(0 1 * * * *)',
    'cron(7 20 * * NOT *)',
    'cron(INVALID)',
    'cron(0 dummy ? * MON-FRI *)',
    'cron(71 8 1 * ? *)',
  ];
  for (const expression of localstackInvalid) {
    it(`AWS refuses ${expression}`, () => rejects(expression));
  }

  it('accepts the AWS docs examples', () => {
    for (const expression of [
      'cron(15 10 ? * 6L 2019-2022)',
      // an earlier revision of the docs page: "between 10:00 pm on the starting day to 2:00 am"
      'cron(0/30 20-2 ? * MON-FRI *)',
    ]) {
      assert.equal(parse(expression).kind, 'cron');
    }
  });

  it('accepts expressions reported as accepted by AWS', () => {
    for (const expression of [
      // localstack/localstack#13572 (EventBridge Scheduler, "Re-checked ... in AWS")
      'cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)',
      'cron(30-30 13-13 ? * 2,4,6 *)',
      'cron(1-31/30 1-1 ? * 1,7 *)',
    ]) {
      assert.equal(parse(expression).kind, 'cron');
    }
  });

  it('refuses expressions reported as refused by AWS', () => {
    rejects('cron(*/60 * * * ? *)'); // aws/aws-sdk-js#4212
    rejects('cron(7 20 * * 1-7 *)'); // localstack/localstack#12156
    rejects('cron(15 12 ? * -1 *)'); // winglang/wing#7115
    rejects('cron(*/1 * * * *)'); // cds-snc/notification-terraform#344: five fields
  });

  it('refuses what the docs rule out', () => {
    rejects('cron(0 0 ? * 3#1,6#3 *)'); // "3#1,6#3 is not valid"
    rejects('cron(0 0 * * * *)'); // * in both day fields
    rejects('cron(0 0 5 * MON *)'); // values in both day fields
    rejects('cron(0 0 ? * ? *)'); // neither day field specified
    rejects('cron(* ? * * * *)'); // ? outside the day fields
    rejects('cron(0 0 1 ? ? *)');
    rejects('cron(0 0 ? * MON/2 *)'); // no / in Day-of-week
    rejects('cron(0 0 ? * 2W *)'); // W only in Day-of-month
    rejects('cron(0 0 1#2 * ? *)'); // # only in Day-of-week
    rejects('cron(L 0 * * ? *)'); // L only in the day fields
    rejects('cron(0 0 * JAN-L ? *)');
  });

  it('refuses out-of-range values', () => {
    for (const expression of [
      'cron(60 0 * * ? *)',
      'cron(0 24 * * ? *)',
      'cron(0 0 0 * ? *)',
      'cron(0 0 32 * ? *)',
      'cron(0 0 * 0 ? *)',
      'cron(0 0 * 13 ? *)',
      'cron(0 0 ? * 0 *)',
      'cron(0 0 ? * 8 *)',
      'cron(0 0 * * ? 1969)',
      'cron(0 0 * * ? 2200)',
      'cron(0 0 * * ? 2000-2200)',
      'cron(0 0 32W * ? *)',
      'cron(0 0 0W * ? *)',
      'cron(0 0 ? * 8L *)',
      'cron(0 0 ? * 0#1 *)',
      'cron(0 0 ? * 2#0 *)',
      'cron(0 0 ? * 2#6 *)',
    ]) {
      rejects(expression);
    }
  });

  it('refuses bad steps and ranges', () => {
    for (const expression of [
      'cron(0/0 * * * ? *)',
      'cron(0 */24 * * ? *)',
      'cron(0 0 */32 * ? *)',
      'cron(0 0 * */13 ? *)',
      'cron(0 0 * * ? 2025-2020)', // Year does not wrap round
      'cron(0 0 * * ? */0)',
      'cron(*-5 0 * * ? *)',
      'cron(1-2-3 0 * * ? *)',
      'cron(0/ 0 * * ? *)',
      'cron(/5 0 * * ? *)',
      'cron(0 0 1-5W * ? *)',
      'cron(0 0 L,15 * ? *)',
      'cron(0 0 ? * 6L,2 *)',
      'cron(0 0 ? * MON#2-3 *)',
    ]) {
      rejects(expression);
    }
  });

  it('refuses malformed lists, names and framing', () => {
    for (const expression of [
      'cron(0/5, 9-18, ?, *, MON-FRI, *)',
      'cron(1,,2 0 * * ? *)',
      'cron(1, 0 * * ? *)',
      'cron(0 0 * JANUARY ? *)',
      'cron(0 0 ? * MONDAY *)',
      'cron(0 0 * MON ? *)', // a day name in Month
      'cron(0 0 ? JAN SUN-JAN *)',
      'cron( 0 12 * * ? *)',
      'cron(0 12 * * ? * )',
      ' cron(0 12 * * ? *)',
      'cron(0 12 * * ? *) ',
      'cron(0 12 * * ? *',
      'CRON(0 12 * * ? *)',
      'cron(0 12 * * ? * *)',
      'cron()',
      'cron(0 12 * * ?)',
    ]) {
      rejects(expression);
    }
  });

  it('reads names, L and W case-insensitively and allows runs of blanks between fields', () => {
    assert.deepEqual(fires('cron(0 12 ? * mon-fri *)', '2024-01-05T12:00:00Z', 1), ['2024-01-08T12:00:00.000Z']);
    assert.deepEqual(fires('cron(0 0 lw * ? *)', '2024-03-01T00:00:00Z', 1), ['2024-03-29T00:00:00.000Z']);
    assert.deepEqual(fires('cron(0  12\t* * ? *)', '2024-01-05T12:00:00Z', 1), ['2024-01-06T12:00:00.000Z']);
  });
});

describe('cron expressions: AWS docs and LocalStack examples', () => {
  const cases: [expression: string, after: string, expected: (string | undefined)[]][] = [
    // Run at 10:00 am every day; strictly after a fire time
    ['cron(0 10 * * ? *)', '2024-01-01T10:00:00Z', ['2024-01-02T10:00:00.000Z', '2024-01-03T10:00:00.000Z']],
    // Run at 12:15 pm every day, across a leap day
    ['cron(15 12 * * ? *)', '2024-02-28T12:15:30Z', ['2024-02-29T12:15:00.000Z', '2024-03-01T12:15:00.000Z']],
    ['cron(0 12 * * ? *)', '2023-12-31T11:59:59.999Z', ['2023-12-31T12:00:00.000Z', '2024-01-01T12:00:00.000Z']],
    // 2:05 pm and 2:35 pm every day
    [
      'cron(5,35 14 * * ? *)',
      '2024-03-10T14:05:00Z',
      ['2024-03-10T14:35:00.000Z', '2024-03-11T14:05:00.000Z', '2024-03-11T14:35:00.000Z'],
    ],
    // 6:00 pm Monday through Friday; 2024-01-05 is a Friday
    ['cron(0 18 ? * MON-FRI *)', '2024-01-05T18:00:00Z', ['2024-01-08T18:00:00.000Z', '2024-01-09T18:00:00.000Z']],
    // 8:00 am on the 1st of every month
    ['cron(0 8 1 * ? *)', '2023-12-15T00:00:00Z', ['2024-01-01T08:00:00.000Z', '2024-02-01T08:00:00.000Z']],
    // every 15 minutes, across a year end
    [
      'cron(0/15 * * * ? *)',
      '2024-12-31T23:50:00Z',
      ['2025-01-01T00:00:00.000Z', '2025-01-01T00:15:00.000Z', '2025-01-01T00:30:00.000Z'],
    ],
    // every 10 minutes Monday through Friday: Friday night to Monday
    [
      'cron(0/10 * ? * MON-FRI *)',
      '2024-01-05T23:45:00Z',
      ['2024-01-05T23:50:00.000Z', '2024-01-08T00:00:00.000Z', '2024-01-08T00:10:00.000Z'],
    ],
    // every 5 minutes Mon-Fri between 8:00 am and 5:55 pm
    [
      'cron(0/5 8-17 ? * MON-FRI *)',
      '2024-01-05T17:50:00Z',
      ['2024-01-05T17:55:00.000Z', '2024-01-08T08:00:00.000Z', '2024-01-08T08:05:00.000Z'],
    ],
    ['cron(0/30 20-23 ? * MON-FRI *)', '2024-01-05T23:30:00Z', ['2024-01-08T20:00:00.000Z']],
    [
      'cron(0/30 0-2 ? * MON-FRI *)',
      '2024-01-06T00:00:00Z',
      [
        '2024-01-08T00:00:00.000Z',
        '2024-01-08T00:30:00.000Z',
        '2024-01-08T01:00:00.000Z',
        '2024-01-08T01:30:00.000Z',
        '2024-01-08T02:00:00.000Z',
        '2024-01-08T02:30:00.000Z',
        '2024-01-09T00:00:00.000Z',
      ],
    ],
    // the older docs example with a range through midnight: Friday evening, then Monday morning
    // (the weekday applies to each calendar day, so Saturday 00:00-02:30 does not fire)
    [
      'cron(0/30 20-2 ? * MON-FRI *)',
      '2024-01-05T23:00:00Z',
      ['2024-01-05T23:30:00.000Z', '2024-01-08T00:00:00.000Z', '2024-01-08T00:30:00.000Z'],
    ],
    ['cron(0/30 20-2 ? * MON-FRI *)', '2024-01-08T02:30:00Z', ['2024-01-08T20:00:00.000Z']],
    // last Friday of each month in 2019-2022 (docs) and 2002-2005 (LocalStack)
    [
      'cron(15 10 ? * 6L 2019-2022)',
      '2018-06-01T00:00:00Z',
      ['2019-01-25T10:15:00.000Z', '2019-02-22T10:15:00.000Z', '2019-03-29T10:15:00.000Z'],
    ],
    ['cron(15 10 ? * 6L 2019-2022)', '2022-11-25T10:15:00Z', ['2022-12-30T10:15:00.000Z', undefined]],
    ['cron(15 10 ? * 6L 2002-2005)', '2024-01-01T00:00:00Z', [undefined]],
    ['cron(15 10 ? * 6L 2002-2005)', '2005-12-01T00:00:00Z', ['2005-12-30T10:15:00.000Z', undefined]],
    // third Saturday of every month
    ['cron(0 2 ? * SAT#3 *)', '2024-01-01T00:00:00Z', ['2024-01-20T02:00:00.000Z', '2024-02-17T02:00:00.000Z']],
    [
      'cron(* * ? * SAT#3 *)',
      '2024-01-20T23:58:00Z',
      ['2024-01-20T23:59:00.000Z', '2024-02-17T00:00:00.000Z', '2024-02-17T00:01:00.000Z'],
    ],
    // every 5 minutes at 05:xx on SUN-THU in January 2022 (2022-01-01 is a Saturday)
    [
      'cron(0/5 5 ? JAN 1-5 2022)',
      '2021-06-01T00:00:00Z',
      ['2022-01-02T05:00:00.000Z', '2022-01-02T05:05:00.000Z'],
    ],
    ['cron(0/5 5 ? JAN 1-5 2022)', '2022-01-02T05:55:00Z', ['2022-01-03T05:00:00.000Z']],
    // Monday 31 January 2022 05:55 is the very last one
    ['cron(0/5 5 ? JAN 1-5 2022)', '2022-01-31T05:50:00Z', ['2022-01-31T05:55:00.000Z', undefined]],
    ['cron(0 2 ? * SAT *)', '2024-01-01T00:00:00Z', ['2024-01-06T02:00:00.000Z', '2024-01-13T02:00:00.000Z']],
  ];
  for (const [expression, after, expected] of cases) {
    it(`${expression} after ${after}`, () => assert.deepEqual(fires(expression, after, expected.length), expected));
  }
});

describe('cron expressions: month ends and leap years', () => {
  const cases: [expression: string, after: string, expected: (string | undefined)[]][] = [
    [
      'cron(0 0 L * ? *)',
      '2024-01-31T00:00:00Z',
      ['2024-02-29T00:00:00.000Z', '2024-03-31T00:00:00.000Z', '2024-04-30T00:00:00.000Z'],
    ],
    ['cron(0 0 L * ? *)', '2023-02-01T00:00:00Z', ['2023-02-28T00:00:00.000Z', '2023-03-31T00:00:00.000Z']],
    // 2100 is not a leap year, 2000 was
    ['cron(30 23 L 2 ? 2100)', '2024-01-01T00:00:00Z', ['2100-02-28T23:30:00.000Z', undefined]],
    ['cron(0 0 L FEB ? 2000)', '1999-01-01T00:00:00Z', ['2000-02-29T00:00:00.000Z', undefined]],
    // 29 February: 2096, then 2104 (skipping 2100)
    ['cron(0 0 29 2 ? *)', '2096-02-29T00:00:00Z', ['2104-02-29T00:00:00.000Z', '2108-02-29T00:00:00.000Z']],
    ['cron(0 0 29 2 ? 2097-2103)', '2024-01-01T00:00:00Z', [undefined]],
    // days that some months lack
    [
      'cron(0 0 31 * ? *)',
      '2024-01-31T00:00:00Z',
      ['2024-03-31T00:00:00.000Z', '2024-05-31T00:00:00.000Z', '2024-07-31T00:00:00.000Z', '2024-08-31T00:00:00.000Z'],
    ],
    ['cron(0 0 30 FEB ? *)', '2024-01-01T00:00:00Z', [undefined]],
    ['cron(0 0 30,31 * ? *)', '2024-01-31T00:00:00Z', ['2024-03-30T00:00:00.000Z', '2024-03-31T00:00:00.000Z']],
    // day rolls into the next month and year at 23:59
    [
      'cron(59 23 * * ? *)',
      '2024-12-31T23:58:59Z',
      ['2024-12-31T23:59:00.000Z', '2025-01-01T23:59:00.000Z'],
    ],
  ];
  for (const [expression, after, expected] of cases) {
    it(`${expression} after ${after}`, () => assert.deepEqual(fires(expression, after, expected.length), expected));
  }
});

describe('cron expressions: L, W and #', () => {
  const cases: [expression: string, after: string, expected: (string | undefined)[]][] = [
    // LW: last weekday. 2024: Mar 31 Sun -> 29, Jun 30 Sun -> 28, Aug 31 Sat -> 30
    [
      'cron(0 0 LW * ? *)',
      '2024-01-01T00:00:00Z',
      [
        '2024-01-31T00:00:00.000Z',
        '2024-02-29T00:00:00.000Z',
        '2024-03-29T00:00:00.000Z',
        '2024-04-30T00:00:00.000Z',
        '2024-05-31T00:00:00.000Z',
        '2024-06-28T00:00:00.000Z',
        '2024-07-31T00:00:00.000Z',
        '2024-08-30T00:00:00.000Z',
      ],
    ],
    // 1W: 2024-06-01 is a Saturday -> Monday the 3rd (not back into May); 2024-09-01 Sunday -> the 2nd
    ['cron(0 9 1W JUN,SEP ? 2024)', '2024-01-01T00:00:00Z', ['2024-06-03T09:00:00.000Z', '2024-09-02T09:00:00.000Z']],
    // 15W: 2024-06-15 Saturday -> Friday 14th; 2024-09-15 Sunday -> Monday 16th; 2024-01-15 Monday
    [
      'cron(0 9 15W * ? 2024)',
      '2024-01-01T00:00:00Z',
      ['2024-01-15T09:00:00.000Z', '2024-02-15T09:00:00.000Z', '2024-03-15T09:00:00.000Z'],
    ],
    ['cron(0 9 15W JUN ? *)', '2024-01-01T00:00:00Z', ['2024-06-14T09:00:00.000Z']],
    ['cron(0 9 15W SEP ? *)', '2024-01-01T00:00:00Z', ['2024-09-16T09:00:00.000Z']],
    // 31W: 2024-03-31 is a Sunday -> Friday 29th (not into April); April, June, Sept, Nov lack a 31st
    [
      'cron(0 9 31W * ? *)',
      '2024-03-01T00:00:00Z',
      ['2024-03-29T09:00:00.000Z', '2024-05-31T09:00:00.000Z', '2024-07-31T09:00:00.000Z'],
    ],
    // 30W never fits February
    ['cron(0 9 30W FEB ? *)', '2024-01-01T00:00:00Z', [undefined]],
    // already past the nearest weekday within the month: next month
    ['cron(0 9 15W * ? *)', '2024-06-14T09:00:00Z', ['2024-07-15T09:00:00.000Z']],
    // last Sunday of the month (1L)
    ['cron(0 1 ? * 1L *)', '2024-03-01T00:00:00Z', ['2024-03-31T01:00:00.000Z', '2024-04-28T01:00:00.000Z']],
    // last Friday by name
    ['cron(0 0 ? * FRIL *)', '2024-02-01T00:00:00Z', ['2024-02-23T00:00:00.000Z', '2024-03-29T00:00:00.000Z']],
    // L alone in day-of-week is Saturday, every week
    ['cron(0 0 ? * L *)', '2024-01-01T00:00:00Z', ['2024-01-06T00:00:00.000Z', '2024-01-13T00:00:00.000Z']],
    // second Tuesday (docs: 3#2)
    [
      'cron(0 0 ? * 3#2 *)',
      '2024-01-01T00:00:00Z',
      ['2024-01-09T00:00:00.000Z', '2024-02-13T00:00:00.000Z', '2024-03-12T00:00:00.000Z'],
    ],
    // fifth Monday: only months that have one
    [
      'cron(0 0 ? * MON#5 *)',
      '2024-01-01T00:00:00Z',
      [
        '2024-01-29T00:00:00.000Z',
        '2024-04-29T00:00:00.000Z',
        '2024-07-29T00:00:00.000Z',
        '2024-09-30T00:00:00.000Z',
        '2024-12-30T00:00:00.000Z',
      ],
    ],
    // first Sunday when the month starts on a Sunday (2024-09-01)
    ['cron(0 0 ? SEP 1#1 *)', '2024-01-01T00:00:00Z', ['2024-09-01T00:00:00.000Z']],
    // fifth Thursday of February exists only when February has 29 days and starts on a Thursday
    ['cron(0 0 ? FEB 5#5 *)', '2023-01-01T00:00:00Z', ['2024-02-29T00:00:00.000Z', '2052-02-29T00:00:00.000Z']],
  ];
  for (const [expression, after, expected] of cases) {
    it(`${expression} after ${after}`, () => assert.deepEqual(fires(expression, after, expected.length), expected));
  }
});

describe('cron expressions: ranges, steps and lists', () => {
  const cases: [expression: string, after: string, expected: (string | undefined)[]][] = [
    ['cron(*/20 9 * * ? *)', '2024-01-01T09:00:00Z', ['2024-01-01T09:20:00.000Z', '2024-01-01T09:40:00.000Z', '2024-01-02T09:00:00.000Z']],
    // a/n runs from a to the end of the field (docs: 1/10 is 1, 11, 21, ...)
    ['cron(1/10 9 * * ? *)', '2024-01-01T09:41:00Z', ['2024-01-01T09:51:00.000Z', '2024-01-02T09:01:00.000Z']],
    ['cron(5/20 * * * ? *)', '2024-01-01T00:00:00Z', ['2024-01-01T00:05:00.000Z', '2024-01-01T00:25:00.000Z', '2024-01-01T00:45:00.000Z', '2024-01-01T01:05:00.000Z']],
    ['cron(10-30/7 0 * * ? *)', '2024-01-01T00:00:00Z', ['2024-01-01T00:10:00.000Z', '2024-01-01T00:17:00.000Z', '2024-01-01T00:24:00.000Z', '2024-01-02T00:10:00.000Z']],
    ['cron(0 */7 * * ? *)', '2024-01-01T00:00:00Z', ['2024-01-01T07:00:00.000Z', '2024-01-01T14:00:00.000Z', '2024-01-01T21:00:00.000Z', '2024-01-02T00:00:00.000Z']],
    // localstack#13572's expressions: ranges with equal ends, a step reaching the field's end
    ['cron(1-31/30 1-1 ? * 1,7 *)', '2024-01-01T00:00:00Z', ['2024-01-06T01:01:00.000Z', '2024-01-06T01:31:00.000Z', '2024-01-07T01:01:00.000Z']],
    ['cron(30-30 13-13 ? * 2,4,6 *)', '2024-01-01T13:30:00Z', ['2024-01-03T13:30:00.000Z', '2024-01-05T13:30:00.000Z', '2024-01-08T13:30:00.000Z']],
    ['cron(0 0 1-31/10 * ? *)', '2024-02-01T00:00:00Z', ['2024-02-11T00:00:00.000Z', '2024-02-21T00:00:00.000Z', '2024-03-01T00:00:00.000Z']],
    ['cron(0 0 1 */3 ? *)', '2024-01-01T00:00:00Z', ['2024-04-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z', '2024-10-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']],
    ['cron(0 0 1 1 ? 2020/4)', '2020-01-01T00:00:00Z', ['2024-01-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z']],
    ['cron(0 0 1 1 ? */100)', '1970-01-01T00:00:00Z', ['2070-01-01T00:00:00.000Z', '2170-01-01T00:00:00.000Z', undefined]],
    ['cron(0 12 ? JAN,MAR MON,WED,FRI *)', '2024-01-29T12:00:00Z', ['2024-01-31T12:00:00.000Z', '2024-03-01T12:00:00.000Z']],
    ['cron(0 12 1,15 * ? 2024,2026)', '2024-12-15T12:00:00Z', ['2026-01-01T12:00:00.000Z']],
    // wrap-round ranges
    ['cron(0 22-2 * * ? *)', '2024-01-01T02:00:00Z', ['2024-01-01T22:00:00.000Z', '2024-01-01T23:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-02T01:00:00.000Z', '2024-01-02T02:00:00.000Z', '2024-01-02T22:00:00.000Z']],
    ['cron(0 22-2/2 * * ? *)', '2024-01-01T00:00:00Z', ['2024-01-01T02:00:00.000Z', '2024-01-01T22:00:00.000Z', '2024-01-02T00:00:00.000Z']],
    ['cron(0 0 ? * FRI-MON *)', '2024-01-01T00:00:00Z', ['2024-01-05T00:00:00.000Z', '2024-01-06T00:00:00.000Z', '2024-01-07T00:00:00.000Z', '2024-01-08T00:00:00.000Z', '2024-01-12T00:00:00.000Z']],
    ['cron(0 0 1 NOV-FEB ? *)', '2024-02-01T00:00:00Z', ['2024-11-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '2025-11-01T00:00:00.000Z']],
    ['cron(0 0 30-2 * ? *)', '2024-02-02T00:00:00Z', ['2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z', '2024-03-30T00:00:00.000Z', '2024-03-31T00:00:00.000Z', '2024-04-01T00:00:00.000Z']],
  ];
  for (const [expression, after, expected] of cases) {
    it(`${expression} after ${after}`, () => assert.deepEqual(fires(expression, after, expected.length), expected));
  }
});

describe('cron expressions: minute granularity and year bounds', () => {
  it('starts from the next whole minute strictly after afterMs', () => {
    const s = parse('cron(* * * * ? *)');
    assert.equal(iso(s.next(ms('2024-05-05T10:00:00.000Z'))), '2024-05-05T10:01:00.000Z');
    assert.equal(iso(s.next(ms('2024-05-05T10:00:00.001Z'))), '2024-05-05T10:01:00.000Z');
    assert.equal(iso(s.next(ms('2024-05-05T09:59:59.999Z'))), '2024-05-05T10:00:00.000Z');
  });

  it('ignores the anchor', () => {
    const a = parseScheduleExpression('cron(0 10 * * ? *)', ms('2020-01-01T00:00:00Z'));
    const b = parseScheduleExpression('cron(0 10 * * ? *)', ms('2030-01-01T09:59:00Z'));
    assert.equal(a.next(ms('2024-01-01T00:00:00Z')), ms('2024-01-01T10:00:00Z'));
    assert.equal(b.next(ms('2024-01-01T00:00:00Z')), ms('2024-01-01T10:00:00Z'));
  });

  it('stops after 2199', () => {
    assert.deepEqual(fires('cron(59 23 31 12 ? 2199)', '2199-12-31T23:58:00Z', 2), ['2199-12-31T23:59:00.000Z', undefined]);
    assert.deepEqual(fires('cron(* * * * ? *)', '2199-12-31T23:58:30Z', 2), ['2199-12-31T23:59:00.000Z', undefined]);
    assert.deepEqual(fires('cron(0 0 1 1 ? *)', '2199-06-01T00:00:00Z', 1), [undefined]);
    assert.equal(parse('cron(* * * * ? *)').next(ms('2500-01-01T00:00:00Z')), undefined);
  });

  it('starts at 1970', () => {
    const s = parse('cron(0 0 1 1 ? *)');
    assert.equal(s.next(-1), 0);
    assert.equal(s.next(ms('1900-05-01T00:00:00Z')), 0);
    assert.equal(iso(s.next(0)), '1971-01-01T00:00:00.000Z');
    assert.equal(iso(parse('cron(0 0 1 1 ? 1970)').next(0)), undefined);
  });

  it('answers in bounded time when the schedule never fires again', () => {
    const started = performance.now();
    assert.equal(parse('cron(* * 31 FEB ? *)').next(ms('1970-01-01T00:00:00Z')), undefined);
    assert.equal(parse('cron(0 0 30W FEB ? *)').next(ms('1970-01-01T00:00:00Z')), undefined);
    // a fifth Sunday in February: leap years whose February starts on a Sunday (2128, 2156, 2184)
    assert.deepEqual(fires('cron(0 0 ? FEB 1#5 2101-2199)', '2100-01-01T00:00:00Z', 4), [
      '2128-02-29T00:00:00.000Z',
      '2156-02-29T00:00:00.000Z',
      '2184-02-29T00:00:00.000Z',
      undefined,
    ]);
    // minute-by-minute search would visit ~120 million minutes here
    assert.ok(performance.now() - started < 1000, 'took more than a second');
  });

  it('refuses a non-finite afterMs', () => {
    assert.throws(() => parse('cron(* * * * ? *)').next(Number.NaN), TypeError);
  });
});
