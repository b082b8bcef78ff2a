/**
 * JSONPath mode: path reads (Jayway semantics), InputPath/OutputPath/ResultPath, reference paths,
 * payload templates and Assign. Error causes marked "AWS" are recorded AWS texts (LocalStack's
 * AWS-validated snapshots: base/test_base, scenarios/test_base_scenarios).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoRandomness } from '../../../src/core/ids.js';
import type { Json } from '../../../src/engines/statemachine/asl.js';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import {
  compileAssignJsonPath,
  compileInputPath,
  compileOutputPath,
  compilePayloadTemplate,
  compileReferencePath,
  compileReferencePathOptional,
  compileResultPath,
  isJsonPathText,
  LanguageCompileError,
  type PathScope,
} from '../../../src/engines/statemachine/language/index.js';

const store: Json = {
  book: [
    { category: 'reference', author: 'Nigel Rees', title: 'Sayings', price: 8.95 },
    { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword', price: 12.99 },
    { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
    { category: 'fiction', author: 'J. R. R. Tolkien', title: 'LOTR', isbn: '0-395-19395-8', price: 22.99 },
  ],
  bicycle: { color: 'red', price: 19.95 },
};
const input: Json = {
  store,
  a: { b: { c: 1 }, 'x y': 2, 'd.e': 3, list: [10, 20, 30, 40, 50] },
  n: null,
  flag: false,
  expensive: 10,
  toString: 'own',
};
const vars = { get: (n: string): Json | undefined => ({ myVar: { k: [1, 2] }, s: 'str' } as Record<string, Json>)[n] };
const scope: PathScope = { input, context: { Execution: { Id: 'arn:exec', Input: { q: 1 } }, Map: { Item: { Index: 3 } } }, variables: vars, random: cryptoRandomness };

const READS: Array<[string, Json]> = [
  ['$', input],
  ['$.a.b.c', 1],
  ['$.a.b', { c: 1 }],
  ["$['a']['b']['c']", 1],
  ['$["a"]["x y"]', 2],
  ["$.a['d.e']", 3],
  ['$.a.list[0]', 10],
  ['$.a.list[-1]', 50],
  ['$.a.list[-2]', 40],
  ['$.n', null],
  ['$.flag', false],
  ['$.toString', 'own'],
  ['$.a.list[*]', [10, 20, 30, 40, 50]],
  ['$.a.list[1:3]', [20, 30]],
  ['$.a.list[:2]', [10, 20]],
  ['$.a.list[-2:]', [40, 50]],
  ['$.a.list[::2]', [10, 30, 50]],
  ['$.a.list[0,2]', [10, 30]],
  ["$.a['b','x y']", [{ c: 1 }, 2]],
  ['$.store.book[*].author', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']],
  ['$.store.*.color', ['red']],
  ['$..author', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']],
  ['$.store..price', [8.95, 12.99, 8.99, 22.99, 19.95]],
  ['$..book[2].title', ['Moby Dick']],
  ['$..book[-1:].title', ['LOTR']],
  ['$.store.book[?(@.isbn)].title', ['Moby Dick', 'LOTR']],
  ['$.store.book[?(@.price < 10)].title', ['Sayings', 'Moby Dick']],
  ['$.store.book[?(@.price <= $.expensive)].title', ['Sayings', 'Moby Dick']],
  ["$.store.book[?(@.category == 'reference')].author", ['Nigel Rees']],
  ['$.store.book[?(@.category != "fiction")].price', [8.95]],
  ["$.store.book[?(@.category == 'fiction' && @.price > 20)].title", ['LOTR']],
  ["$.store.book[?(@.price > 20 || @.category == 'reference')].title", ['Sayings', 'LOTR']],
  ['$.store.book[?(!(@.price > 10))].title', ['Sayings', 'Moby Dick']],
  ['$.store.book[?(@.author =~ /.*Melville/)].price', [8.99]],
  ["$.store.book[?(@.category in ['reference'])].title", ['Sayings']],
  ["$.store.book[?(@.category nin ['fiction'])].title", ['Sayings']],
  ['$..book[?(@.price > 20)].isbn', ['0-395-19395-8']],
  ['$.a.list[?(@ > 30)]', [40, 50]],
  ['$.nothing[*]', []],
  ['$$.Execution.Id', 'arn:exec'],
  ['$$.Map.Item.Index', 3],
  ['$$', { Execution: { Id: 'arn:exec', Input: { q: 1 } }, Map: { Item: { Index: 3 } } }],
  ['$myVar', { k: [1, 2] }],
  ['$myVar.k[1]', 2],
  ['$s', 'str'],
];

describe('JSONPath reads', () => {
  for (const [path, expected] of READS) {
    it(path, () => assert.deepEqual(compileReferencePath(path, 'ItemsPath')(scope), expected));
  }
});

const INVALID = ['', 'a.b', '$.', '$.a[', '$.a[1', "$.a['x", '$.a[?(@.x == 1]', '$[x]', '$.a]'];
describe('JSONPath syntax errors are compile-time errors', () => {
  for (const p of INVALID) {
    it(JSON.stringify(p), () => {
      assert.equal(isJsonPathText(p), false);
      assert.throws(() => compileInputPath(p), LanguageCompileError);
    });
  }
});

function assertRuntime(fn: () => unknown, cause: string, error = 'States.Runtime'): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof StatesError, String(e));
    assert.equal(e.error, error);
    assert.equal(e.cause, cause);
    return true;
  });
}

describe('InputPath / OutputPath', () => {
  it('undefined and $ are the identity, null is {}', () => {
    assert.equal(compileInputPath(undefined)(scope), input);
    assert.equal(compileOutputPath('$')(scope), input);
    assert.deepEqual(compileInputPath(null)(scope), {});
    assert.deepEqual(compileOutputPath(null)(scope), {});
  });
  it('reads a path, a context path and a variable', () => {
    assert.deepEqual(compileInputPath('$.a.b')(scope), { c: 1 });
    assert.deepEqual(compileOutputPath('$$.Execution.Input')(scope), { q: 1 });
    assert.equal(compileInputPath('$s')(scope), 'str');
  });
  it('AWS: a missing leaf', () => {
    const s = { ...scope, input: { 'int-literal': 0 } };
    assertRuntime(() => compileInputPath('$.NoSuchInputPath')(s), "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
    assertRuntime(() => compileOutputPath('$.NoSuchOutputPath')(s), "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']");
  });
  it('AWS: a missing intermediate property', () => {
    assertRuntime(() => compileOutputPath('$.no.such.result.path')({ ...scope, input: {} }), "Invalid path '$.no.such.result.path' : Missing property in path $['no']");
  });
  it('a missing array index and a bracketed name are normalised Jayway-style', () => {
    assertRuntime(() => compileInputPath('$.a.list[9]')(scope), "Invalid path '$.a.list[9]' : No results for path: $['a']['list'][9]");
    assertRuntime(() => compileInputPath("$.a['zz']")(scope), "Invalid path '$.a['zz']' : No results for path: $['a']['zz']");
  });
});

describe('ResultPath', () => {
  const inp: Json = { a: { keep: 1 }, s: 'str' };
  const CASES: Array<[string | null | undefined, Json]> = [
    [undefined, { r: 1 }],
    ['$', { r: 1 }],
    [null, inp],
    ['$.res', { a: { keep: 1 }, s: 'str', res: { r: 1 } }],
    ['$.a.res', { a: { keep: 1, res: { r: 1 } }, s: 'str' }],
    ['$.a', { a: { r: 1 }, s: 'str' }],
    ['$.x.y.z', { a: { keep: 1 }, s: 'str', x: { y: { z: { r: 1 } } } }],
    ["$['a']['b c']", { a: { keep: 1, 'b c': { r: 1 } }, s: 'str' }],
  ];
  for (const [path, expected] of CASES) {
    it(String(path), () => {
      const before = JSON.stringify(inp);
      assert.deepEqual(compileResultPath(path)(inp, { r: 1 }), expected);
      assert.equal(JSON.stringify(inp), before, 'input is not mutated');
    });
  }
  it('writes into an existing array element', () => {
    assert.deepEqual(compileResultPath('$.l[1]')({ l: [1, 2, 3] }, 'x'), { l: [1, 'x', 3] });
  });
  it('a non-object on the way is a States.Runtime error', () => {
    assert.throws(() => compileResultPath('$.s.x')(inp, 1), (e: unknown) => e instanceof StatesError && e.error === 'States.Runtime' && /Invalid path '\$\.s\.x'/.test(e.cause ?? ''));
  });
  it('a non-object input with a sub-path is an error', () => {
    assert.throws(() => compileResultPath('$.x')('text', 1), StatesError);
  });
  it('rejects indefinite paths at compile time', () => {
    assert.throws(() => compileResultPath('$.a[*]'), LanguageCompileError);
    assert.throws(() => compileResultPath('$$.Execution'), LanguageCompileError);
  });
});

describe('reference paths', () => {
  const s = { ...scope, input: { 'int-literal': 0, cause: 'c', err: 'E' } };
  const inputJson = JSON.stringify(s.input);
  it('AWS: ErrorPath / CausePath missing', () => {
    assertRuntime(() => compileReferencePath('$.ErrorX', 'ErrorPath')(s), `The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '${inputJson}'`);
    assertRuntime(() => compileReferencePath('$.NoSuchCausePath', 'CausePath')(s), `The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '${inputJson}'`);
  });
  it('ErrorPath / CausePath accept an intrinsic function', () => {
    assert.equal(compileReferencePath("States.Format('Error: {}', $.err)", 'ErrorPath')(s), 'Error: E');
    assert.equal(compileReferencePath("States.Format('{} {}', $.err, $.cause)", 'CausePath')(s), 'E c');
  });
  it('AWS: TimeoutSecondsPath / HeartbeatSecondsPath missing', () => {
    for (const f of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) {
      assertRuntime(() => compileReferencePath('$.NoSuchTimeoutSecondsPath', f)(s), "Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']");
    }
  });
  it('AWS: SecondsPath missing', () => {
    assertRuntime(() => compileReferencePath('$.input.waitSeconds', 'SecondsPath')(s), 'The SecondsPath parameter does not reference an input value: $.input.waitSeconds');
  });
  it('optional reads return undefined when missing', () => {
    assert.equal(compileReferencePathOptional('$.nope', 'ItemsPath')(s), undefined);
    assert.equal(compileReferencePathOptional('$.err', 'ItemsPath')(s), 'E');
  });
});

describe('payload templates (Parameters, ResultSelector, ItemSelector)', () => {
  const CASES: Array<[string, Json, Json]> = [
    ['static values are copied', { a: 1, b: [1, { c: 'x' }], d: null }, { a: 1, b: [1, { c: 'x' }], d: null }],
    ['a path', { 'v.$': '$.a.b.c' }, { v: 1 }],
    ['the whole input', { 'all.$': '$' }, { all: input }],
    ['context and variables', { 'id.$': '$$.Execution.Id', 'k.$': '$myVar.k', 'idx.$': '$$.Map.Item.Index' }, { id: 'arn:exec', k: [1, 2], idx: 3 }],
    ['nested objects and arrays recurse', { o: { 'p.$': '$.a.list[1]', q: [{ 'r.$': '$.flag' }, 2] } }, { o: { p: 20, q: [{ r: false }, 2] } }],
    ['an indefinite path yields an array', { 'titles.$': '$.store.book[?(@.price > 20)].title' }, { titles: ['LOTR'] }],
    ['an intrinsic function', { 'f.$': "States.Format('{}-{}', $.a.b.c, $$.Map.Item.Index)" }, { f: '1-3' }],
    ['a key without .$ keeps a $ string literally', { v: '$.a' }, { v: '$.a' }],
    ['a non-object template', [1, { 'x.$': '$.expensive' }], [1, { x: 10 }]],
  ];
  for (const [name, tpl, expected] of CASES) {
    it(name, () => assert.deepEqual(compilePayloadTemplate(tpl, 'Parameters')(scope), expected));
  }
  it('AWS: a missing path', () => {
    const s = { ...scope, input: { a: 1 } };
    assertRuntime(() => compilePayloadTemplate({ 'value.$': '$.no_such_jsonpath' }, 'Parameters')(s), `The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"a":1}'`);
  });
  it('AWS: a missing context path', () => {
    assert.throws(
      () => compilePayloadTemplate({ 'value.$': '$$.Execution.Input.no_such_jsonpath' }, 'Parameters')(scope),
      (e: unknown) => e instanceof StatesError && e.error === 'States.Runtime' && (e.cause ?? '').startsWith("The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '"),
    );
  });
  it('a .$ key with a non-path value is a compile-time error', () => {
    assert.throws(() => compilePayloadTemplate({ 'v.$': 'abc' }, 'Parameters'), LanguageCompileError);
    assert.throws(() => compilePayloadTemplate({ 'v.$': 3 }, 'Parameters'), LanguageCompileError);
  });
  it('AWS: JsonMerge of a literal and a context path (intrinsic_functions/test_json_merge_escaped_argument)', () => {
    const s = { ...scope, context: { Execution: { Input: { input_field: { constant_input_field: 'constant_value' } } } } };
    const tpl = { 'merged.$': "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $$.Execution.Input.input_field, false)" };
    assert.deepEqual(compilePayloadTemplate(tpl, 'Parameters')(s), { merged: { constant_in_literal: 'false', constant_input_field: 'constant_value' } });
  });
});

describe('Assign (JSONPath mode)', () => {
  it('evaluates .$ keys and copies the rest', () => {
    const ev = compileAssignJsonPath({ 'x.$': '$.a.b.c', y: 'lit', 'z.$': 'States.ArrayLength($.a.list)', 'w.$': '$myVar.k[0]', o: { 'p.$': '$.expensive' } });
    assert.deepEqual(ev(scope), { x: 1, y: 'lit', z: 5, w: 1, o: { p: 10 } });
  });
  it('a static Assign', () => {
    assert.deepEqual(compileAssignJsonPath({ a: 1 })(scope), { a: 1 });
  });
});
