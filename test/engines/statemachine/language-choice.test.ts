/**
 * JSONPath Choice rules. AWS_CASES is AWS's recorded behaviour (LocalStack's AWS-validated
 * snapshots, tests/aws/services/stepfunctions/v2/choice_operators/*): per operator, cases of
 * [Variable value, operand, result]. The rule is `{Variable: '$.Variable', <Op>: operand}`, or for
 * `*Path` operators `{Variable: '$.Variable', <Op>: '$.Value'}` with the operand in the input.
 * Timestamp values the snapshots anonymised ("date") are left out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoRandomness } from '../../../src/core/ids.js';
import type { ChoiceRule, Json } from '../../../src/engines/statemachine/asl.js';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import {
  CHOICE_OPERATORS,
  compileChoiceRuleJsonPath,
  parseTimestamp,
  type PathScope,
} from '../../../src/engines/statemachine/language/index.js';

const noVars = { get: () => undefined };
const scopeOf = (input: Json, variables: PathScope['variables'] = noVars): PathScope => ({ input, context: { State: { Name: 'c' } }, variables, random: cryptoRandomness });

const AWS_CASES: Record<string, Array<[Json, Json, boolean]>> = {
  BooleanEquals: [[null,true,false],[null,false,false],[0,true,false],[0,false,false],[0.0,true,false],[0.0,false,false],[1,true,false],[1,false,false],[1.1,true,false],[1.1,false,false],["",true,false],["",false,false],[" ",true,false],[" ",false,false],["HelloWorld",true,false],["HelloWorld",false,false],["2012-10-09T19:00:55",true,false],["2012-10-09T19:00:55",false,false],["date",true,false],["date",false,false],["date",true,false],["date",false,false],["2023-02-24",true,false],["2023-02-24",false,false],[[],true,false],[[],false,false],[[""],true,false],[[""],false,false],[{},true,false],[{},false,false],[{"A":0},true,false],[{"A":0},false,false],[true,true,true],[false,true,false],[false,true,false],[false,false,true]],
  BooleanEqualsPath: [[null,true,false],[null,false,false],[0,true,false],[0,false,false],[0.0,true,false],[0.0,false,false],[1,true,false],[1,false,false],[1.1,true,false],[1.1,false,false],["",true,false],["",false,false],[" ",true,false],[" ",false,false],["HelloWorld",true,false],["HelloWorld",false,false],["2012-10-09T19:00:55",true,false],["2012-10-09T19:00:55",false,false],["date",true,false],["date",false,false],["date",true,false],["date",false,false],["2023-02-24",true,false],["2023-02-24",false,false],[[],true,false],[[],false,false],[[""],true,false],[[""],false,false],[{},true,false],[{},false,false],[{"A":0},true,false],[{"A":0},false,false],[true,true,true],[false,true,false],[false,true,false],[false,false,true]],
  IsBoolean: [[null,true,false],[null,false,true],[0,true,false],[0,false,true],[0.0,true,false],[0.0,false,true],[1,true,false],[1,false,true],[1.1,true,false],[1.1,false,true],["",true,false],["",false,true],[" ",true,false],[" ",false,true],["HelloWorld",true,false],["HelloWorld",false,true],["2012-10-09T19:00:55",true,false],["2012-10-09T19:00:55",false,true],["date",true,false],["date",false,true],["date",true,false],["date",false,true],["2023-02-24",true,false],["2023-02-24",false,true],[[],true,false],[[],false,true],[[""],true,false],[[""],false,true],[{},true,false],[{},false,true],[{"A":0},true,false],[{"A":0},false,true],[true,true,true],[false,true,true],[false,true,true],[false,false,false]],
  IsNull: [[null,true,true],[null,false,false],[0,true,false],[0,false,true],[0.0,true,false],[0.0,false,true],[1,true,false],[1,false,true],[1.1,true,false],[1.1,false,true],["",true,false],["",false,true],[" ",true,false],[" ",false,true],["HelloWorld",true,false],["HelloWorld",false,true],["2012-10-09T19:00:55",true,false],["2012-10-09T19:00:55",false,true],["date",true,false],["date",false,true],["date",true,false],["date",false,true],["2023-02-24",true,false],["2023-02-24",false,true],[[],true,false],[[],false,true],[[""],true,false],[[""],false,true],[{},true,false],[{},false,true],[{"A":0},true,false],[{"A":0},false,true],[true,true,false],[false,true,false],[false,true,false],[false,false,true]],
  IsNumeric: [[null,true,false],[null,false,true],[0,true,true],[0,false,false],[0.0,true,true],[0.0,false,false],[1,true,true],[1,false,false],[1.1,true,true],[1.1,false,false],["",true,false],["",false,true],[" ",true,false],[" ",false,true],["HelloWorld",true,false],["HelloWorld",false,true],["2012-10-09T19:00:55",true,false],["2012-10-09T19:00:55",false,true],["date",true,false],["date",false,true],["date",true,false],["date",false,true],["2023-02-24",true,false],["2023-02-24",false,true],[[],true,false],[[],false,true],[[""],true,false],[[""],false,true],[{},true,false],[{},false,true],[{"A":0},true,false],[{"A":0},false,true],[true,true,false],[false,true,false],[false,true,false],[false,false,true]],
  IsPresent: [[null,true,true],[null,false,false],[0,true,true],[0,false,false],[0.0,true,true],[0.0,false,false],[1,true,true],[1,false,false],[1.1,true,true],[1.1,false,false],["",true,true],["",false,false],[" ",true,true],[" ",false,false],["HelloWorld",true,true],["HelloWorld",false,false],["2012-10-09T19:00:55",true,true],["2012-10-09T19:00:55",false,false],["date",true,true],["date",false,false],["date",true,true],["date",false,false],["2023-02-24",true,true],["2023-02-24",false,false],[[],true,true],[[],false,false],[[""],true,true],[[""],false,false],[{},true,true],[{},false,false],[{"A":0},true,true],[{"A":0},false,false],[true,true,true],[false,true,true],[false,true,true],[false,false,false]],
  IsString: [[null,true,false],[null,false,true],[0,true,false],[0,false,true],[0.0,true,false],[0.0,false,true],[1,true,false],[1,false,true],[1.1,true,false],[1.1,false,true],["",true,true],["",false,false],[" ",true,true],[" ",false,false],["HelloWorld",true,true],["HelloWorld",false,false],["2012-10-09T19:00:55",true,true],["2012-10-09T19:00:55",false,false],["date",true,true],["date",false,false],["date",true,true],["date",false,false],["2023-02-24",true,true],["2023-02-24",false,false],[[],true,false],[[],false,true],[[""],true,false],[[""],false,true],[{},true,false],[{},false,true],[{"A":0},true,false],[{"A":0},false,true],[true,true,false],[false,true,false],[false,true,false],[false,false,true]],
  NumericEquals: [[null,0,false],[null,0.0,false],[null,1,false],[null,1.0,false],[0,0,true],[0,0.0,true],[0,1,false],[0,1.0,false],[0.0,0,true],[0.0,0.0,true],[0.0,1,false],[0.0,1.0,false],[1,0,false],[1,0.0,false],[1,1,true],[1,1.0,true],[1.1,0,false],[1.1,0.0,false],[1.1,1,false],[1.1,1.0,false],["",0,false],["",0.0,false],["",1,false],["",1.0,false],[" ",0,false],[" ",0.0,false],[" ",1,false],[" ",1.0,false],[[],0,false],[[],0.0,false],[[],1,false],[[],1.0,false],[[""],0,false],[[""],0.0,false],[[""],1,false],[[""],1.0,false],[{},0,false],[{},0.0,false],[{},1,false],[{},1.0,false],[{"A":0},0,false],[{"A":0},0.0,false],[{"A":0},1,false],[{"A":0},1.0,false],[false,0,false],[false,0.0,false],[false,1,false],[false,1.0,false],[true,0,false],[true,0.0,false],[true,1,false],[true,1.0,false],[0,0,true],[0.0,0,true],[2.22,2.22,true]],
  NumericEqualsPath: [[null,0,false],[null,0.0,false],[null,1,false],[null,1.0,false],[0,0,true],[0,0.0,true],[0,1,false],[0,1.0,false],[0.0,0,true],[0.0,0.0,true],[0.0,1,false],[0.0,1.0,false],[1,0,false],[1,0.0,false],[1,1,true],[1,1.0,true],[1.1,0,false],[1.1,0.0,false],[1.1,1,false],[1.1,1.0,false],["",0,false],["",0.0,false],["",1,false],["",1.0,false],[" ",0,false],[" ",0.0,false],[" ",1,false],[" ",1.0,false],[[],0,false],[[],0.0,false],[[],1,false],[[],1.0,false],[[""],0,false],[[""],0.0,false],[[""],1,false],[[""],1.0,false],[{},0,false],[{},0.0,false],[{},1,false],[{},1.0,false],[{"A":0},0,false],[{"A":0},0.0,false],[{"A":0},1,false],[{"A":0},1.0,false],[false,0,false],[false,0.0,false],[false,1,false],[false,1.0,false],[true,0,false],[true,0.0,false],[true,1,false],[true,1.0,false],[0,0,true],[0.0,0,true],[2.22,2.22,true]],
  NumericGreaterThan: [[0,0,false],[0.0,0,false],[0,1,false],[1,1,false],[1,0,true],[0,1,false]],
  NumericGreaterThanPath: [[0,0,false],[0.0,0,false],[0,1,false],[1,1,false],[1,0,true],[0,1,false]],
  NumericGreaterThanEquals: [[0,0,true],[0.0,0,true],[0,1,false],[1,1,true],[1,0,true],[0,1,false]],
  NumericGreaterThanEqualsPath: [[0,0,true],[0.0,0,true],[0,1,false],[1,1,true],[1,0,true],[0,1,false]],
  NumericLessThan: [[0,0,false],[0.0,0,false],[0,1,true],[1,1,false],[1,0,false],[0,1,true]],
  NumericLessThanPath: [[0,0,false],[0.0,0,false],[0,1,true],[1,1,false],[1,0,false],[0,1,true]],
  NumericLessThanEquals: [[0,0,true],[0.0,0,true],[0,1,true],[1,1,true],[1,0,false],[0,1,true]],
  NumericLessThanEqualsPath: [[0,0,true],[0.0,0,true],[0,1,true],[1,1,true],[1,0,false],[0,1,true]],
  StringGreaterThan: [["","",false],["A","A ",false],["A","A\t\n\r",false],["AB","ABC",false]],
  StringEquals: [[null,"HelloWorld",false],[0,"HelloWorld",false],[0.0,"HelloWorld",false],[1,"HelloWorld",false],[1.1,"HelloWorld",false],["","HelloWorld",false],[" ","HelloWorld",false],[[],"HelloWorld",false],[[""],"HelloWorld",false],[{},"HelloWorld",false],[{"A":0},"HelloWorld",false],[false,"HelloWorld",false],[true,"HelloWorld",false],[" ","     ",false],["\t\n","\t\r\n",false],["Hello","Hello",true]],
  StringEqualsPath: [[" ","     ",false],["\t\n","\t\r\n",false],["Hello","Hello",true]],
  StringGreaterThanPath: [["","",false],["A","A ",false],["A","A\t\n\r",false],["AB","ABC",false]],
  StringGreaterThanEquals: [["","",true],["A","AB",false],["AB","A",true]],
  StringGreaterThanEqualsPath: [["","",true],["A","AB",false],["AB","A",true]],
  StringLessThan: [["","",false],["A","AB",true],["AB","A",false]],
  StringLessThanPath: [["","",false],["A","AB",true],["AB","A",false]],
  StringLessThanEquals: [["","",true],["A","AB",true],["AB","A",false]],
  StringLessThanEqualsPath: [["","",true],["A","AB",true],["AB","A",false]],
  TimestampGreaterThan: [["date","date",false],["date","date",false],["date","date",true]],
  TimestampEquals: [[null,"date",false],[0,"date",false],[0.0,"date",false],[1,"date",false],[1.1,"date",false],["","date",false],[" ","date",false],["2023-02-24 12:15:56.832957","date",false],[[],"date",false],[[""],"date",false],[{},"date",false],[{"A":0},"date",false],[false,"date",false],[true,"date",false],["date","date",true],["date","date",false],["date","date",false]],
  TimestampEqualsPath: [["date","date",true],["date","date",false],["date","date",false]],
  TimestampGreaterThanPath: [["date","date",false]],
  TimestampGreaterThanEquals: [["date","date",true],["date","date",false],["date","date",true]],
  TimestampGreaterThanEqualsPath: [["date","date",false]],
  TimestampLessThan: [["date","date",false],["date","date",true],["date","date",false]],
  TimestampLessThanPath: [["date","date",false]],
  TimestampLessThanEquals: [["date","date",true],["date","date",true],["date","date",false]],
  TimestampLessThanEqualsPath: [["date","date",false]],};

describe('Choice operators: AWS recorded cases', () => {
  for (const [op, cases] of Object.entries(AWS_CASES)) {
    for (const [variable, value, expected] of cases) {
      if (variable === 'date' || value === 'date') continue;
      it(`${op}: ${JSON.stringify(variable)} vs ${JSON.stringify(value)} → ${expected}`, () => {
        const rule: ChoiceRule = { Variable: '$.Variable', [op]: op.endsWith('Path') ? '$.Value' : value, Next: 'X' };
        assert.equal(compileChoiceRuleJsonPath(rule)(scopeOf({ Variable: variable, Value: value })), expected);
      });
    }
  }
});

const T = '2016-03-14T01:59:00Z';
const input = {
  s: 'abc',
  n: 10,
  f: 1.5,
  b: true,
  z: null,
  t: T,
  tPlus: '2016-03-14T02:59:00+01:00',
  later: '2016-03-14T01:59:00.001Z',
  arr: [1, 2],
  file: 'log-2024.txt',
  star: 'a*b',
  other: { s: 'abc', n: 11 },
};

const CASES: Array<[string, ChoiceRule, boolean]> = [
  ['StringEquals', { Variable: '$.s', StringEquals: 'abc' }, true],
  ['StringEquals type mismatch', { Variable: '$.n', StringEquals: '10' }, false],
  ['StringLessThan', { Variable: '$.s', StringLessThan: 'abd' }, true],
  ['StringGreaterThan', { Variable: '$.s', StringGreaterThan: 'ab' }, true],
  ['StringLessThanEquals', { Variable: '$.s', StringLessThanEquals: 'abc' }, true],
  ['StringGreaterThanEquals', { Variable: '$.s', StringGreaterThanEquals: 'abd' }, false],
  ['StringEqualsPath', { Variable: '$.s', StringEqualsPath: '$.other.s' }, true],
  ['StringLessThanPath', { Variable: '$.s', StringLessThanPath: '$.other.s' }, false],
  ['StringGreaterThanPath', { Variable: '$.s', StringGreaterThanPath: '$.other.s' }, false],
  ['StringLessThanEqualsPath', { Variable: '$.s', StringLessThanEqualsPath: '$.other.s' }, true],
  ['StringGreaterThanEqualsPath', { Variable: '$.s', StringGreaterThanEqualsPath: '$.other.s' }, true],
  ['StringMatches glob', { Variable: '$.file', StringMatches: 'log-*.txt' }, true],
  ['StringMatches glob no match', { Variable: '$.file', StringMatches: 'log-*.csv' }, false],
  ['StringMatches escaped star', { Variable: '$.star', StringMatches: 'a\\*b' }, true],
  ['StringMatches escaped star is literal', { Variable: '$.s', StringMatches: 'a\\*c' }, false],
  ['StringMatches regex chars are literal', { Variable: '$.file', StringMatches: 'log-2024.tx.' }, false],
  ['StringMatches star only', { Variable: '$.s', StringMatches: '*' }, true],
  ['StringMatches non-string', { Variable: '$.n', StringMatches: '*' }, false],
  ['NumericEquals', { Variable: '$.n', NumericEquals: 10 }, true],
  ['NumericLessThan', { Variable: '$.f', NumericLessThan: 2 }, true],
  ['NumericGreaterThan', { Variable: '$.n', NumericGreaterThan: 10 }, false],
  ['NumericLessThanEquals', { Variable: '$.n', NumericLessThanEquals: 10 }, true],
  ['NumericGreaterThanEquals', { Variable: '$.f', NumericGreaterThanEquals: 1.5 }, true],
  ['NumericEqualsPath', { Variable: '$.n', NumericEqualsPath: '$.other.n' }, false],
  ['NumericLessThanPath', { Variable: '$.n', NumericLessThanPath: '$.other.n' }, true],
  ['NumericGreaterThanPath', { Variable: '$.n', NumericGreaterThanPath: '$.other.n' }, false],
  ['NumericLessThanEqualsPath', { Variable: '$.n', NumericLessThanEqualsPath: '$.other.n' }, true],
  ['NumericGreaterThanEqualsPath', { Variable: '$.n', NumericGreaterThanEqualsPath: '$.other.n' }, false],
  ['NumericEquals string', { Variable: '$.s', NumericEquals: 10 }, false],
  ['BooleanEquals', { Variable: '$.b', BooleanEquals: true }, true],
  ['BooleanEqualsPath', { Variable: '$.b', BooleanEqualsPath: '$.b' }, true],
  ['TimestampEquals across offsets', { Variable: '$.t', TimestampEquals: '2016-03-14T02:59:00+01:00' }, true],
  ['TimestampLessThan', { Variable: '$.t', TimestampLessThan: '2016-03-14T01:59:00.001Z' }, true],
  ['TimestampGreaterThan', { Variable: '$.later', TimestampGreaterThan: T }, true],
  ['TimestampLessThanEquals', { Variable: '$.t', TimestampLessThanEquals: T }, true],
  ['TimestampGreaterThanEquals', { Variable: '$.t', TimestampGreaterThanEquals: '2016-03-14T01:59:01Z' }, false],
  ['TimestampEqualsPath', { Variable: '$.t', TimestampEqualsPath: '$.tPlus' }, true],
  ['TimestampLessThanPath', { Variable: '$.t', TimestampLessThanPath: '$.later' }, true],
  ['TimestampGreaterThanPath', { Variable: '$.t', TimestampGreaterThanPath: '$.later' }, false],
  ['TimestampLessThanEqualsPath', { Variable: '$.t', TimestampLessThanEqualsPath: '$.tPlus' }, true],
  ['TimestampGreaterThanEqualsPath', { Variable: '$.later', TimestampGreaterThanEqualsPath: '$.t' }, true],
  ['TimestampEquals invalid variable', { Variable: '$.s', TimestampEquals: T }, false],
  ['IsNull', { Variable: '$.z', IsNull: true }, true],
  ['IsPresent missing', { Variable: '$.nope', IsPresent: false }, true],
  ['IsPresent missing (true)', { Variable: '$.nope', IsPresent: true }, false],
  ['IsPresent nested missing', { Variable: '$.nope.deeper', IsPresent: true }, false],
  ['IsNumeric', { Variable: '$.f', IsNumeric: true }, true],
  ['IsString', { Variable: '$.s', IsString: true }, true],
  ['IsBoolean', { Variable: '$.b', IsBoolean: false }, false],
  ['IsTimestamp', { Variable: '$.t', IsTimestamp: true }, true],
  ['IsTimestamp without offset', { Variable: '$.s', IsTimestamp: true }, false],
  ['And', { And: [{ Variable: '$.n', NumericEquals: 10 }, { Variable: '$.s', StringEquals: 'abc' }] }, true],
  ['And short-circuits', { And: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.nope', StringEquals: 'x' }] }, false],
  ['Or', { Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.s', StringEquals: 'abc' }] }, true],
  ['Not', { Not: { Variable: '$.b', BooleanEquals: true } }, false],
  ['nested', { Not: { Or: [{ And: [{ Variable: '$.b', IsBoolean: true }, { Variable: '$.z', IsNull: false }] }] } }, true],
  ['variable path', { Variable: '$v.k', StringEquals: 'x' }, true],
  ['context path', { Variable: '$$.State.Name', StringEquals: 'c' }, true],
  ['indexed path', { Variable: '$.arr[1]', NumericEquals: 2 }, true],
];

describe('Choice operators: behaviour', () => {
  const vars = { get: (n: string): Json | undefined => (n === 'v' ? { k: 'x' } : undefined) };
  for (const [name, rule, expected] of CASES) {
    it(name, () => assert.equal(compileChoiceRuleJsonPath({ ...rule, Next: 'N' })(scopeOf(input, vars)), expected));
  }

  it('every operator of the ASL spec is known', () => {
    for (const op of Object.keys(AWS_CASES)) assert.ok(CHOICE_OPERATORS.includes(op), op);
    assert.equal(CHOICE_OPERATORS.length, 16 * 2 + 1 + 6);
  });
});

describe('Choice operators: a missing variable is a States.Runtime error', () => {
  for (const op of ['StringEquals', 'NumericEquals', 'IsNull', 'IsString', 'BooleanEquals', 'StringMatches']) {
    it(op, () => {
      const rule = { Variable: '$.missing', [op]: op === 'NumericEquals' ? 1 : op.startsWith('Is') || op === 'BooleanEquals' ? true : 'x' };
      const pred = compileChoiceRuleJsonPath(rule);
      assert.throws(() => pred(scopeOf(input)), (e: unknown) => {
        assert.ok(e instanceof StatesError);
        assert.equal(e.error, 'States.Runtime');
        assert.equal(e.cause, "Invalid path '$.missing': The choice state's condition path references an invalid value.");
        return true;
      });
    });
  }
  it('a missing *Path operand errors too', () => {
    const pred = compileChoiceRuleJsonPath({ Variable: '$.n', NumericEqualsPath: '$.missing' });
    assert.throws(() => pred(scopeOf(input)), StatesError);
  });
});

const TIMESTAMPS: Array<[string, number | undefined]> = [
  ['2016-03-14T01:59:00Z', Date.UTC(2016, 2, 14, 1, 59, 0)],
  ['2016-03-14T01:59:00.123Z', Date.UTC(2016, 2, 14, 1, 59, 0, 123)],
  ['2016-03-14T01:59:00+01:00', Date.UTC(2016, 2, 14, 0, 59, 0)],
  ['2016-03-14T01:59:00-05:30', Date.UTC(2016, 2, 14, 7, 29, 0)],
  ['2016-03-14T01:59Z', Date.UTC(2016, 2, 14, 1, 59, 0)],
  ['2016-03-14t01:59:00z', Date.UTC(2016, 2, 14, 1, 59, 0)],
  ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  // Rejected by AWS (recorded Wait Timestamp causes, base/test_wait snapshot)
  ['05-12-2016T21:29:29Z', undefined],
  ['2016-12-05 21:29:29Z', undefined],
  ['2016-12-05T21:29:29', undefined],
  ['2016-12-05T25:29:29Z', undefined],
  ['2016-13-05T21:29:29Z', undefined],
  // Also invalid
  ['2023-02-29T00:00:00Z', undefined],
  ['2016-12-05T21:60:00Z', undefined],
  ['2016-12-05', undefined],
  ['2012-10-09T19:00:55', undefined],
  ['', undefined],
];

describe('parseTimestamp', () => {
  for (const [text, expected] of TIMESTAMPS) {
    it(JSON.stringify(text), () => assert.equal(parseTimestamp(text), expected));
  }
  it('keeps sub-millisecond precision for comparisons', () => {
    assert.ok(parseTimestamp('2016-03-14T01:59:00.0001Z')! > parseTimestamp('2016-03-14T01:59:00Z')!);
  });
});
