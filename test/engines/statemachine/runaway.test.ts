/**
 * Runaway executions: loops that never wait (Pass ↔ Pass, Wait 0, any Wait under
 * waitTimeScale 0, retries at scale 0, loops inside Parallel and Map) share a per-turn
 * transition budget and continue from a deferred turn, so the event loop keeps turning; AWS's
 * 25,000-event history quota ends them the way AWS does. Turns are pumped by hand here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, target, types } from './execution-helpers.js';
import type { ExecutionRecord } from '../../../src/engines/statemachine/execution/types.js';
import { TRANSITIONS_PER_TURN } from '../../../src/engines/statemachine/execution/run-queue.js';

const CAUSE = 'The execution reached the maximum number of history events (25000).';

/** A deterministic defer: callbacks run only when the test pumps a turn. */
function manualTurns() {
  let queued: Array<() => void> = [];
  return {
    defer: (fn: () => void) => void queued.push(fn),
    get queued() {
      return queued.length;
    },
    /** Run one turn, then let every microtask it released run to quiescence. */
    async turn(): Promise<void> {
      const now = queued;
      queued = [];
      for (const fn of now) fn();
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    },
  };
}

async function until(turns: ReturnType<typeof manualTurns>, done: () => boolean, max = 5_000): Promise<number> {
  await new Promise((r) => setImmediate(r));
  let n = 0;
  while (!done() && n < max) {
    await turns.turn();
    n++;
  }
  return n;
}

const PASS_LOOP = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } };
const WAIT0_LOOP = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Seconds: 0, Next: 'A' } } };
const WAIT_LOOP = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, Next: 'W' } } };

function assertHistoryLimit(rec: ExecutionRecord): void {
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.Runtime');
  assert.equal(rec.cause, CAUSE);
  assert.equal(rec.history.length, 25_000);
  const last = rec.history[24_999]!;
  assert.equal(last.id, 25_000);
  assert.equal(last.type, 'ExecutionFailed');
  assert.deepEqual(last.executionFailedEventDetails, { error: 'States.Runtime', cause: CAUSE });
  assert.equal(last.previousEventId, 24_999);
  assert.equal(rec.history.filter((e) => e.type === 'ExecutionFailed').length, 1);
}

test('a Pass ↔ Pass loop runs one budget per turn, never more, and fails at the history quota', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const rec = s.engine.start(target(PASS_LOOP), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  // The first turn: ExecutionStarted + two events per transition, then it queues for the next turn.
  assert.equal(rec.status, 'RUNNING');
  assert.equal(rec.history.length, 1 + 2 * TRANSITIONS_PER_TURN);
  assert.equal(turns.queued, 1);
  await turns.turn();
  assert.equal(rec.history.length, 1 + 4 * TRANSITIONS_PER_TURN);
  await until(turns, () => rec.status !== 'RUNNING');
  assertHistoryLimit(rec);
  const t = types(rec);
  assert.equal(t[24_998], 'PassStateExited');
  // Nothing keeps running or queuing afterwards.
  await turns.turn();
  assert.equal(rec.history.length, 25_000);
  assert.equal(turns.queued, 0);
});

test('a loop through Wait 0 seconds yields like any other transition', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const rec = s.engine.start(target(WAIT0_LOOP), { input: '{"k":1}' });
  await new Promise((r) => setImmediate(r));
  assert.equal(rec.status, 'RUNNING');
  assert.equal(rec.history.length, 1 + 2 * TRANSITIONS_PER_TURN);
  await until(turns, () => rec.status !== 'RUNNING');
  assertHistoryLimit(rec);
});

test('a Wait loop under waitTimeScale 0 yields and ends at the history quota', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer, waitTimeScale: 0 });
  const rec = s.engine.start(target(WAIT_LOOP), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  assert.equal(rec.history.length, 1 + 2 * TRANSITIONS_PER_TURN);
  await until(turns, () => rec.status !== 'RUNNING');
  assertHistoryLimit(rec);
  assert.deepEqual(types(rec).slice(1, 3), ['WaitStateEntered', 'WaitStateExited']);
});

test('without an injected defer the engine waits for the scheduler (fake time moves it)', async () => {
  const s = setup();
  const rec = s.engine.start(target(PASS_LOOP), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  assert.equal(rec.history.length, 1 + 2 * TRANSITIONS_PER_TURN);
  s.time.advance(0);
  await new Promise((r) => setImmediate(r));
  assert.equal(rec.history.length, 1 + 4 * TRANSITIONS_PER_TURN);
});

test('two runaways and a normal execution share the budget: the normal one ends within a few turns', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const r1 = s.engine.start(target(PASS_LOOP, 'STANDARD', 'R1'), { input: '{}' });
  const r2 = s.engine.start(target(WAIT0_LOOP, 'STANDARD', 'R2'), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  const chain: Record<string, object> = {};
  for (let i = 0; i < 10; i++) chain[`S${i}`] = i === 9 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
  const normal = s.engine.start(target({ StartAt: 'S0', States: chain }, 'STANDARD', 'N'), { input: '{"v":1}' });
  const n = await until(turns, () => normal.status !== 'RUNNING');
  assert.equal(normal.status, 'SUCCEEDED');
  assert.equal(normal.output, '{"v":1}');
  // 10 transitions at 1/3 of a shared budget each turn: done in a handful of turns.
  assert.ok(n <= 3, `normal execution took ${n} turns`);
  // Both runaways progress every turn (FIFO): neither starves the other.
  for (let i = 0; i < 3; i++) {
    const [a, b] = [r1.history.length, r2.history.length];
    await turns.turn();
    assert.ok(r1.history.length - a >= TRANSITIONS_PER_TURN / 2 && r2.history.length - b >= TRANSITIONS_PER_TURN / 2, 'both runaways advance each turn');
  }
  await until(turns, () => r1.status !== 'RUNNING' && r2.status !== 'RUNNING');
  assertHistoryLimit(r1);
  assertHistoryLimit(r2);
});

test('StopExecution ends a runaway that is queued for its next turn', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const rec = s.engine.start(target(PASS_LOOP), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  s.engine.stop(rec.executionArn);
  await turns.turn();
  assert.equal(rec.status, 'ABORTED');
  const n = rec.history.length;
  await turns.turn();
  assert.equal(rec.history.length, n);
  assert.equal(types(rec).at(-1), 'ExecutionAborted');
});

test('close() drops queued runners: nothing runs afterwards', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const rec = s.engine.start(target(PASS_LOOP), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  s.engine.close();
  const n = rec.history.length;
  await turns.turn();
  await turns.turn();
  assert.equal(rec.history.length, n);
});

test('loops inside Parallel branches count: the branches share the budget and the quota', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const branch = (p: string) => ({ StartAt: `${p}1`, States: { [`${p}1`]: { Type: 'Pass', Next: `${p}2` }, [`${p}2`]: { Type: 'Pass', Next: `${p}1` } } });
  const def = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('A'), branch('B')], End: true } } };
  const rec = s.engine.start(target(def), { input: '{}' });
  await new Promise((r) => setImmediate(r));
  // ExecutionStarted, ParallelStateEntered, ParallelStateStarted + two events per branch transition
  // (the Parallel state itself took one unit of the budget).
  assert.equal(rec.history.length, 3 + 2 * (TRANSITIONS_PER_TURN - 1));
  const entered = rec.history.filter((e) => e.type === 'PassStateEntered').map((e) => (e.stateEnteredEventDetails as { name: string }).name);
  assert.ok(entered.some((n) => n.startsWith('A')) && entered.some((n) => n.startsWith('B')));
  await until(turns, () => rec.status !== 'RUNNING');
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.history.length, 25_000);
  assert.equal(rec.history.at(-1)!.type, 'ExecutionFailed');
  assert.equal(rec.cause, CAUSE);
  // The aborted branches record nothing past the quota.
  assert.equal(rec.history.filter((e) => e.type === 'ExecutionFailed').length, 1);
});

test('loops inside Map iterations count, and so does a Map over many items', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const def = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Y' }, Y: { Type: 'Wait', Seconds: 0, Next: 'X' } } },
        End: true,
      },
    },
  };
  const rec = s.engine.start(target(def), { input: JSON.stringify({ items: [1, 2, 3] }) });
  await new Promise((r) => setImmediate(r));
  assert.equal(rec.status, 'RUNNING');
  assert.ok(rec.history.length < 10 + 2 * TRANSITIONS_PER_TURN);
  await until(turns, () => rec.status !== 'RUNNING');
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.history.length, 25_000);
  assert.equal(rec.cause, CAUSE);

  // A finite Map with more iterations than one turn's budget still completes.
  const many = s.engine.start(target({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true } } }, 'STANDARD', 'Many'), {
    input: JSON.stringify(Array.from({ length: 500 }, (_, i) => i)),
  });
  await until(turns, () => many.status !== 'RUNNING');
  assert.equal(many.status, 'SUCCEEDED');
  assert.equal(JSON.parse(many.output!).length, 500);
});

test('a Retry loop at waitTimeScale 0 yields and ends at the history quota', async () => {
  const turns = manualTurns();
  const { StatesError } = await import('../../../src/engines/statemachine/errors.js');
  const s = setup(() => Promise.reject(new StatesError('Boom', 'again')), { defer: turns.defer, waitTimeScale: 0 });
  const def = {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q', MessageBody: 'b' }, Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 99999999 }], End: true } },
  };
  const rec = s.engine.start(target(def), { input: '{}' });
  const n = await until(turns, () => rec.status !== 'RUNNING');
  assert.equal(rec.status, 'FAILED', `${n} turns, ${rec.history.length} events`);
  assert.equal(rec.history.length, 25_000);
  assert.equal(rec.cause, CAUSE);
});

test('an execution whose 25,000th event is ExecutionSucceeded succeeds (AWS: it waits for the next event)', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  // ExecutionStarted + 12,499 Pass states × 2 events = 24,999; ExecutionSucceeded is event 25,000.
  // The exact boundary: a chain ending with event 25,000 = ExecutionSucceeded.
  const chain: Record<string, object> = {};
  const N = 12_499;
  for (let i = 0; i < N; i++) chain[`S${i}`] = i === N - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
  const ok = s.engine.start(target({ StartAt: 'S0', States: chain }, 'STANDARD', 'Edge'), { input: '{}' });
  await until(turns, () => ok.status !== 'RUNNING');
  assert.equal(ok.status, 'SUCCEEDED');
  assert.equal(ok.history.length, 25_000);
  assert.equal(ok.history.at(-1)!.type, 'ExecutionSucceeded');
  // One more state: event 25,000 would be PassStateEntered, so the execution fails.
  chain[`S${N - 1}`] = { Type: 'Pass', Next: `S${N}` };
  chain[`S${N}`] = { Type: 'Pass', End: true };
  const over = s.engine.start(target({ StartAt: 'S0', States: chain }, 'STANDARD', 'Over'), { input: '{}' });
  await until(turns, () => over.status !== 'RUNNING');
  assertHistoryLimit(over);
});

test('Express executions are not failed by the quota, but keep at most 25,000 events in memory', async () => {
  const turns = manualTurns();
  const s = setup(undefined, { defer: turns.defer });
  const rec = s.engine.start(target(PASS_LOOP, 'EXPRESS'), { input: '{}' });
  await until(turns, () => false, 1_000);
  assert.equal(rec.status, 'RUNNING');
  assert.equal(rec.history.length, 25_000);
  s.engine.stop(rec.executionArn);
  await turns.turn();
  assert.equal(rec.status, 'ABORTED');
});
