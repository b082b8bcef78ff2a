/**
 * `__proto__` is an ordinary key to AWS (Jackson objects, Java maps): as a variable name
 * (JSONata and JSONPath Assign), in execution input, Parameters/Output keys, ResultPath and
 * intrinsic results. Plain `{}` maps would drop it or change a prototype instead. (In this file
 * `['__proto__']: v` is an own key; a bare `__proto__: v` literal would set the prototype.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runToEnd, setup, target } from './execution-helpers.js';
import { parseDefinition, validateDefinition } from '../../../src/engines/statemachine/definition/index.js';

async function run(def: object, input: string) {
  const s = setup();
  const rec = s.engine.start(target(def), { input });
  await runToEnd(s, rec);
  return rec;
}

const exited = (rec: { history: Array<{ type: string; [k: string]: unknown }> }, name: string) =>
  rec.history.find((e) => e.type.endsWith('StateExited') && (e.stateExitedEventDetails as { name: string }).name === name)!.stateExitedEventDetails as {
    output: string;
    assignedVariables?: Record<string, string>;
  };

test('JSONata: Assign "__proto__" and read $__proto__ later', async () => {
  const rec = await run(
    {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { ['__proto__']: { a: 1 }, other: '{% $states.input.n %}' }, Next: 'B' },
        B: { Type: 'Pass', Output: { got: '{% $__proto__ %}', a: '{% $__proto__.a %}', o: '{% $other %}' }, End: true },
      },
    },
    '{"n":7}',
  );
  assert.equal(rec.status, 'SUCCEEDED', rec.cause);
  assert.deepEqual(JSON.parse(rec.output!), { got: { a: 1 }, a: 1, o: 7 });
  assert.deepEqual(Object.keys(exited(rec, 'A').assignedVariables!), ['__proto__', 'other']);
  assert.equal(exited(rec, 'A').assignedVariables!.__proto__, '{"a":1}');
  assert.equal(({} as Record<string, unknown>).a, undefined);
});

test('JSONata: an unassigned $__proto__ is undefined (QueryEvaluationError), not Object.prototype', async () => {
  const rec = await run({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $__proto__ %}', End: true } } }, '{}');
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.QueryEvaluationError');
  assert.match(rec.cause!, /returned nothing \(undefined\)/);
});

test('JSONata: an Output object keeps a "__proto__" key', async () => {
  const rec = await run({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: { ['__proto__']: '{% $states.input.a %}', b: 2 }, End: true } } }, '{"a":1}');
  assert.equal(rec.output, '{"__proto__":1,"b":2}');
});

test('JSONPath: Assign "__proto__.$" and read it with $__proto__ in Parameters', async () => {
  const rec = await run(
    {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { '__proto__.$': '$.x' }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'v.$': '$__proto__', ['__proto__']: { 'y.$': '$.x' } }, End: true },
      },
    },
    '{"x":{"deep":true}}',
  );
  assert.equal(rec.status, 'SUCCEEDED', rec.cause);
  assert.equal(rec.output, '{"v":{"deep":true},"__proto__":{"y":{"deep":true}}}');
  assert.equal(exited(rec, 'A').assignedVariables!.__proto__, '{"deep":true}');
});

test('input JSON with "__proto__" passes through, InputPath/ResultPath address it, nothing is polluted', async () => {
  const input = '{"__proto__":{"polluted":true},"a":1}';
  const same = await run({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, input);
  assert.equal(same.output, input);
  const picked = await run({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.__proto__', End: true } } }, input);
  assert.equal(picked.output, '{"polluted":true}');
  const written = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Result: 5, ResultPath: '$.__proto__', End: true } } }, '{"a":1}');
  assert.equal(written.output, '{"a":1,"__proto__":5}');
  const deep = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Result: 5, ResultPath: '$.b.__proto__', End: true } } }, '{"a":1}');
  assert.equal(deep.output, '{"a":1,"b":{"__proto__":5}}');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('JSONPath: $.__proto__ on an object without that key is a missing path, not Object.prototype', async () => {
  const rec = await run({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.__proto__', End: true } } }, '{"a":1}');
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.Runtime');
});

test('intrinsics keep "__proto__" keys (StringToJson, JsonMerge) and States.__proto__ is not a function', async () => {
  const rec = await run(
    {
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          Parameters: { 'parsed.$': "States.StringToJson('{\"__proto__\":{\"x\":1}}')", 'merged.$': 'States.JsonMerge($.a, $.b, false)' },
          End: true,
        },
      },
    },
    '{"a":{"__proto__":1,"k":1},"b":{"__proto__":2}}',
  );
  assert.equal(rec.status, 'SUCCEEDED', rec.cause);
  assert.deepEqual(JSON.parse(rec.output!), JSON.parse('{"parsed":{"__proto__":{"x":1}},"merged":{"__proto__":2,"k":1}}'));
  assert.equal(rec.output, '{"parsed":{"__proto__":{"x":1}},"merged":{"__proto__":2,"k":1}}');
  const bad = validateDefinition(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'v.$': 'States.__proto__()' }, End: true } } }));
  assert.equal(bad.result, 'FAIL');
});

test('a definition with "__proto__" state names and keys parses and runs', async () => {
  const def = { StartAt: '__proto__', States: { ['__proto__']: { Type: 'Pass', Result: { ['__proto__']: 1 }, End: true } } };
  const text = JSON.stringify(def);
  assert.ok(text.includes('"__proto__":{"Type"'));
  parseDefinition(text);
  const rec = await run(def, '{}');
  assert.equal(rec.status, 'SUCCEEDED', rec.cause);
  assert.equal(rec.output, '{"__proto__":1}');
});
