/**
 * JSONata mode: `{% %}` values, Assign, Choice Condition and AWS's extra functions. Causes marked
 * "AWS" are recorded AWS texts (LocalStack's AWS-validated snapshots: evaluate_jsonata,
 * intrinsic_functions/*_jsonata, base/test_base, scenarios).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoRandomness } from '../../../src/core/ids.js';
import type { Json } from '../../../src/engines/statemachine/asl.js';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import {
  compileJsonataAssign,
  compileJsonataCondition,
  compileJsonataValue,
  isJsonataExpression,
  LanguageCompileError,
  type JsonataScope,
} from '../../../src/engines/statemachine/language/index.js';

const variables = { get: (n: string): Json | undefined => ({ count: 3, user: { name: 'ann' }, flag: true, ItemsVar: [1, 2] } as Record<string, Json>)[n] };
const scope: JsonataScope = {
  states: {
    input: { FunctionInput: { fst: [0, 1, 2, 3], snd: 3, trd: 1 }, name: 'World', value: 21, items: [{ n: 3 }, { n: 9 }], str: '{"Arg1": 1, "Arg2": []}' },
    context: { Execution: { Id: 'arn:exec' }, State: { Name: 'S' } },
    result: { r: 1 },
    errorOutput: { Error: 'E', Cause: 'c' },
  },
  variables,
  random: cryptoRandomness,
};

const VALUES: Array<[string, Json, Json]> = [
  ['arithmetic', '{% 1 + 2 %}', 3],
  ['string concat over input', "{% 'Hello, ' & $states.input.name & '!' %}", 'Hello, World!'],
  ['nested object with mixed values', { g: "{% 'Hi ' & $states.input.name %}", d: '{% $states.input.value * 2 %}', lit: 'x', n: [1, '{% $count %}'] }, { g: 'Hi World', d: 42, lit: 'x', n: [1, 3] }],
  ['mapping a field over an array', '{% $states.input.items.n %}', [3, 9]],
  ['filter predicate', '{% $states.input.items[n > 5].n %}', 9],
  ['variables', '{% $user.name & $count %}', 'ann3'],
  ['context, result and errorOutput', '{% [$states.context.State.Name, $states.result.r, $states.errorOutput.Error] %}', ['S', 1, 'E']],
  ['a string that is not an expression stays', '{% 1 %', '{% 1 %'],
  ['a string with text around is not an expression', 'x {% 1 %}', 'x {% 1 %}'],
  ['whitespace inside the braces', '{%$count%}', 3],
  ['lambdas and bindings', '{% ($f := function($x){$x * 2}; $map([1,2], $f)) %}', [2, 4]],
  ['regex (evaluate_jsonata BASE)', "{% $contains('hello', /ell/) %}", true],
  ['null result is fine', '{% null %}', null],
  ['AWS: $partition', '{% $partition($states.input.FunctionInput.fst, $states.input.FunctionInput.snd) %}', [[0, 1, 2], [3]]],
  ['AWS: $range', '{% $range(0, 9, 3) %}', [0, 3, 6, 9]],
  ['AWS: $range(1, 9, 9) is a single value', '{% $range(1, 9, 9) %}', 1],
  ['AWS: $range(0, 10, 3)', '{% $range(0, 10, 3) %}', [0, 3, 6, 9]],
  ['AWS: $parse of an object', '{% $parse($states.input.str) %}', { Arg1: 1, Arg2: [] }],
  ['AWS: $parse of -0', "{% $parse('-0') %}", 0],
  ['AWS: $parse of a string', "{% $parse('\"HelloWorld\"') %}", 'HelloWorld'],
  ["$hash MD5", "{% $hash('input data', 'MD5') %}", '812f45842bc6d66ee14572ce20db8e86'],
  ["$hash SHA-1", "{% $hash('input data', 'SHA-1') %}", 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
  ["$hash SHA-256", "{% $hash('input data', 'SHA-256') %}", 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
  ["$hash SHA-384", "{% $hash('input data', 'SHA-384') %}", 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'],
  ["$hash SHA-512", "{% $hash('input data', 'SHA-512') %}", '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4'],
  ['$random(seed) is repeatable', '{% $random(7) = $random(7) %}', true],
  ['$random() is in [0, 1)', '{% $random() >= 0 and $random() < 1 %}', true],
  ['$uuid()', "{% $match($uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) ? true : false %}", true],
  ['built-ins still work', "{% $uppercase('a') & $string($sum([1,2])) %}", 'A3'],
];

describe('compileJsonataValue', () => {
  for (const [name, value, expected] of VALUES) {
    it(name, async () => assert.deepEqual(await compileJsonataValue(value, 'Output')(scope), expected));
  }
  it('compiles each expression once (the same closure evaluates many times)', async () => {
    const ev = compileJsonataValue({ a: '{% $count + 1 %}' }, 'Output');
    for (let i = 0; i < 5; i++) assert.deepEqual(await ev(scope), { a: 4 });
  });
  it('isJsonataExpression', () => {
    assert.equal(isJsonataExpression('{% x %}'), true);
    assert.equal(isJsonataExpression('{%%}'), true);
    assert.equal(isJsonataExpression(' {% x %}'), false);
    assert.equal(isJsonataExpression('{% x'), false);
    assert.equal(isJsonataExpression(3), false);
  });
});

async function assertQueryError(p: Promise<unknown>, cause: string, location: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof StatesError, String(e));
    assert.equal(e.error, 'States.QueryEvaluationError');
    assert.equal(e.cause, cause);
    assert.equal(e.location, location);
    return true;
  });
}

describe('JSONata errors', () => {
  const UNDEFINED: Array<[Json, string, string]> = [
    ['{% $doesNotExist %}', 'Output', 'Output'],
    [{ result: '{% $doesNotExist %}' }, 'Output', 'Output/result'],
    ['{% $doesNotExist %}', 'Arguments', 'Arguments'],
    [{ FunctionName: '{% $doesNotExist %}' }, 'Arguments', 'Arguments/FunctionName'],
    [{ a: { b: '{% $states.input.missing %}' } }, 'Output', 'Output/a/b'],
  ];
  for (const [value, field, location] of UNDEFINED) {
    it(`AWS: undefined in ${location}`, async () => {
      const expr = location === 'Output/a/b' ? '$states.input.missing' : '$doesNotExist';
      await assertQueryError(
        compileJsonataValue(value, field)(scope),
        `The JSONata expression '${expr}' specified for the field '${location}' returned nothing (undefined).`,
        location,
      );
    });
  }
  it('AWS: undefined in Assign/result', async () => {
    await assertQueryError(
      compileJsonataAssign({ result: '{% $doesNotExist %}' })(scope),
      "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
      'Assign/result',
    );
  });
  it('AWS: an unknown function (T1006)', async () => {
    await assertQueryError(
      compileJsonataValue({ FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}' }, 'Output')(scope),
      "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
      'Output/FunctionResult',
    );
  });
  it('$eval is not available (T1006, as on AWS)', async () => {
    await assertQueryError(
      compileJsonataValue({ r: '{% $eval("1+1") %}' }, 'Output')(scope),
      `The JSONata expression '$eval("1+1")' specified for the field 'Output/r' threw an error during evaluation. T1006: Attempted to invoke a non-function`,
      'Output/r',
    );
  });
  it('a JSONata runtime error keeps its code and message', async () => {
    await assertQueryError(
      compileJsonataValue('{% $sum("a") %}', 'Output')(scope),
      `The JSONata expression '$sum("a")' specified for the field 'Output' threw an error during evaluation. T0412: Argument 1 of function "sum" must be an array of "numbers"`,
      'Output',
    );
  });
  it('an error without a code uses ": "', async () => {
    await assert.rejects(compileJsonataValue("{% $hash('x', 'CRC') %}", 'Output')(scope), (e: unknown) => {
      assert.ok(e instanceof StatesError);
      assert.match(e.cause ?? '', /^The JSONata expression '\$hash\('x', 'CRC'\)' specified for the field 'Output' threw an error during evaluation: /);
      return true;
    });
  });
  it('AWS: a function result is an unsupported result type', async () => {
    await assertQueryError(
      compileJsonataValue('{% $fn := function($x){$x} %}', 'Items')(scope),
      "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
      'Items',
    );
  });
  const SYNTAX = ['a[1,2)', '"unterminated', '1 +', '{"a":}', '$x :=', '$match("a", /abc'];
  for (const expr of SYNTAX) {
    it(`syntax error at compile time: ${expr}`, () => {
      assert.throws(() => compileJsonataValue({ r: `{% ${expr} %}` }, 'Output'), LanguageCompileError);
    });
  }
});

describe('compileJsonataAssign', () => {
  it('evaluates every expression against entry-time values', async () => {
    const ev = compileJsonataAssign({ count: '{% $count + 1 %}', old: '{% $count %}', lit: [1, 'a'], from: '{% $states.result.r %}', obj: { x: '{% $user.name %}' } });
    assert.deepEqual(await ev(scope), { count: 4, old: 3, lit: [1, 'a'], from: 1, obj: { x: 'ann' } });
  });
  it('a static Assign', async () => {
    assert.deepEqual(await compileJsonataAssign({ a: 1 })(scope), { a: 1 });
  });
});

describe('compileJsonataCondition', () => {
  const CASES: Array<[Json, boolean]> = [
    ['{% $states.input.value > 20 %}', true],
    ['{% $flag and $count = 2 %}', false],
    ["{% $contains($states.input.name, 'or') %}", true],
    [true, true],
    [false, false],
  ];
  for (const [value, expected] of CASES) {
    it(JSON.stringify(value), async () => assert.equal(await compileJsonataCondition(value, 'Condition')(scope), expected));
  }
  it('a non-boolean result is a States.QueryEvaluationError', async () => {
    await assertQueryError(
      compileJsonataCondition('{% $count %}', 'Condition')(scope),
      "The JSONata expression '$count' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 3",
      'Condition',
    );
  });
  it('an undefined result is a States.QueryEvaluationError', async () => {
    await assertQueryError(
      compileJsonataCondition('{% $nope %}', 'Condition')(scope),
      "The JSONata expression '$nope' specified for the field 'Condition' returned nothing (undefined).",
      'Condition',
    );
  });
  it('a non-expression string is rejected at compile time', () => {
    assert.throws(() => compileJsonataCondition('yes', 'Condition'), LanguageCompileError);
  });
});
