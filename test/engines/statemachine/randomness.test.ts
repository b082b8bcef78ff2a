/**
 * The state-machine engine draws every id and random number from its injected Randomness: with a
 * seeded one, execution names and ARNs, task tokens, retry jitter, $random()/$uuid() and
 * States.UUID()/States.MathRandom() are the same on every run with the same seed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandomness } from '../../../src/core/ids.js';
import type { Json } from '../../../src/engines/statemachine/asl.js';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import type { ExecutionRecord } from '../../../src/engines/statemachine/execution/types.js';
import { compileIntrinsic, compileJsonataValue } from '../../../src/engines/statemachine/language/index.js';
import { settle, setup, target, type TaskScript } from './execution-helpers.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const noVars = { get: () => undefined };

/** Run to the end, jumping the fake clock straight to each next timer (exact delays). */
async function drive(s: ReturnType<typeof setup>, rec: ExecutionRecord): Promise<ExecutionRecord> {
  await settle();
  for (let i = 0; i < 1000 && rec.status === 'RUNNING'; i++) {
    const due = s.time.scheduler.nextDue();
    s.time.advance(due === undefined ? 0 : Math.max(0, due - s.time.now()));
    await settle(5);
  }
  return rec;
}

const retrier = { ErrorEquals: ['Boom'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 4 };
const failing = (jitter: 'FULL' | 'NONE') => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q', MessageBody: 'b' }, Retry: [{ ...retrier, JitterStrategy: jitter }], End: true } },
});

async function retryDelays(seed: number, jitter: 'FULL' | 'NONE'): Promise<number[]> {
  const at: number[] = [];
  const s = setup(() => {
    at.push(s.time.now());
    throw new StatesError('Boom', 'again');
  }, { random: seededRandomness(seed) });
  const rec = await drive(s, s.engine.start(target(failing(jitter)), { input: '{}' }));
  assert.equal(rec.status, 'FAILED');
  assert.equal(at.length, 5);
  return at.slice(1).map((t, i) => t - at[i]!);
}

async function runOnce(seed: number, definition: object, script?: TaskScript, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') {
  const tokens: string[] = [];
  const s = setup(async (inv, hooks) => {
    if (inv.taskToken) tokens.push(inv.taskToken);
    return script ? script(inv, hooks) : {};
  }, { random: seededRandomness(seed) });
  const rec = s.engine.start(target(definition, type), { input: '{}' });
  await settle();
  for (const t of tokens) s.engine.sendTaskSuccess(t, '{}');
  await drive(s, rec);
  return { name: rec.name, arn: rec.executionArn, output: rec.output === undefined ? undefined : (JSON.parse(rec.output) as Json), tokens, status: rec.status };
}

describe('seeded Randomness in the state-machine engine', () => {
  it('retry jitter (JitterStrategy FULL) gives the same delays for the same seed, within the backoff', async () => {
    const a = await retryDelays(7, 'FULL');
    assert.deepEqual(await retryDelays(7, 'FULL'), a);
    assert.notDeepEqual(await retryDelays(8, 'FULL'), a);
    const nominal = await retryDelays(7, 'NONE');
    assert.deepEqual(nominal, [10_000, 20_000, 40_000, 80_000]);
    a.forEach((d, i) => assert.ok(d >= 0 && d <= nominal[i]!, `${d} ≤ ${nominal[i]}`));
    assert.notDeepEqual(a, nominal);
  });

  it('execution names and ARNs (Standard and Express) repeat for the same seed', async () => {
    const def = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const std = await runOnce(3, def);
    assert.match(std.name, UUID_V4);
    assert.equal(std.arn, `arn:aws:states:us-east-1:000000000000:execution:M:${std.name}`);
    assert.deepEqual(await runOnce(3, def), std);
    assert.notEqual((await runOnce(4, def)).name, std.name);
    const exp = await runOnce(3, def, undefined, 'EXPRESS');
    assert.match(exp.arn, /^arn:aws:states:us-east-1:000000000000:express:M:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    assert.deepEqual(await runOnce(3, def, undefined, 'EXPRESS'), exp);
  });

  it('task tokens repeat for the same seed and keep their shape', async () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' }, End: true } } };
    const a = await runOnce(5, def);
    assert.equal(a.status, 'SUCCEEDED');
    assert.equal(a.tokens.length, 1);
    assert.match(a.tokens[0]!, /^AQ[A-Za-z0-9]{120,128}$/);
    assert.deepEqual((await runOnce(5, def)).tokens, a.tokens);
    assert.notDeepEqual((await runOnce(6, def)).tokens, a.tokens);
  });

  it('$random(), $uuid(), States.UUID() and States.MathRandom() in an execution repeat for the same seed', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { r: '{% $random() %}', u: '{% $uuid() %}' }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'r.$': '$.r', 'u.$': '$.u', 'id.$': 'States.UUID()', 'm.$': 'States.MathRandom(0, 1000000)' }, End: true },
      },
    };
    const a = await runOnce(11, def);
    assert.equal(a.status, 'SUCCEEDED', JSON.stringify(a));
    const out = a.output as { r: number; u: string; id: string; m: number };
    assert.ok(out.r >= 0 && out.r < 1);
    assert.match(out.u, UUID_V4);
    assert.match(out.id, UUID_V4);
    assert.ok(Number.isInteger(out.m) && out.m >= 0 && out.m < 1_000_000);
    assert.deepEqual(await runOnce(11, def), a);
    assert.notDeepEqual((await runOnce(12, def)).output, a.output);
  });

  it('the language functions read the Randomness of their evaluation scope', async () => {
    const ata = compileJsonataValue('{% [$random(), $random(), $uuid()] %}', 'Output');
    const ataScope = (seed: number) => ({ states: { input: {}, context: {} }, variables: noVars, random: seededRandomness(seed) });
    const first = await ata(ataScope(1));
    assert.deepEqual(await ata(ataScope(1)), first);
    assert.notDeepEqual(await ata(ataScope(2)), first);
    // inside a lambda too (the function finds the binding through the lambda's frame)
    const nested = compileJsonataValue('{% $map([1, 2, 3], function($x) { $x + $random() }) %}', 'Output');
    const n1 = (await nested(ataScope(5))) as number[];
    assert.deepEqual(await nested(ataScope(5)), n1);
    assert.equal(n1.length, 3);
    n1.forEach((v, i) => assert.ok(v >= i + 1 && v < i + 2));
    // $random(seed) stays seeded by its argument, whatever the scope's Randomness
    const seeded = compileJsonataValue('{% $random(42) %}', 'Output');
    assert.equal(await seeded(ataScope(1)), await seeded(ataScope(2)));

    const uuid = compileIntrinsic('States.UUID()', 'id.$');
    const pathScope = (seed: number) => ({ input: {}, context: {}, variables: noVars, random: seededRandomness(seed) });
    assert.equal(uuid(pathScope(1)), uuid(pathScope(1)));
    assert.notEqual(uuid(pathScope(1)), uuid(pathScope(2)));
    const r = compileIntrinsic('States.MathRandom(0, 1000000)', 'r.$');
    assert.equal(r(pathScope(9)), r(pathScope(9)));
  });
});
