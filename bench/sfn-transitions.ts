/**
 * Step Functions in process: Pass-state transitions/s through a 100-state chain (each state
 * `Result` + `ResultPath`, full history recorded), against a baseline loop that does the
 * irreducible work of the same transitions (apply ResultPath, serialize input and output for
 * the two history events) with no interpreter around it. Measured A B A B.
 */
import { systemClock } from '../src/core/clock.js';
import { nodeTimers, Scheduler } from '../src/core/scheduler.js';
import { parseDefinition } from '../src/engines/statemachine/definition/index.js';
import { compileMachine, ExecutionEngine } from '../src/engines/statemachine/execution/engine.js';
import type { ExecutionTarget } from '../src/engines/statemachine/execution/types.js';

const STATES = 100;

function chain(): object {
  const states: Record<string, object> = {};
  for (let i = 0; i < STATES; i++) {
    states[`S${i}`] = i === STATES - 1 ? { Type: 'Pass', Result: { step: i }, ResultPath: '$.last', End: true } : { Type: 'Pass', Result: { step: i }, ResultPath: '$.last', Next: `S${i + 1}` };
  }
  return { StartAt: 'S0', States: states };
}

async function runEngine(ms: number): Promise<number> {
  const scheduler = new Scheduler(systemClock, nodeTimers);
  // Yields between transition budgets as the server does (setImmediate), not the 0 ms timer fallback.
  const engine = new ExecutionEngine({ clock: systemClock, scheduler, tasks: { invoke: async () => ({}) }, defer: (fn) => setImmediate(fn) });
  const text = JSON.stringify(chain());
  const target: ExecutionTarget = {
    account: '000000000000',
    region: 'us-east-1',
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
    stateMachineName: 'bench',
    type: 'EXPRESS',
    roleArn: 'arn:aws:iam::000000000000:role/r',
    definition: text,
    compiled: compileMachine(parseDefinition(text, { type: 'EXPRESS' })),
  };
  const input = JSON.stringify({ order: { id: 'o-1', items: [1, 2, 3] } });
  let transitions = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let k = 0; k < 20; k++) {
      const rec = await engine.startSync(target, { input });
      if (rec.status !== 'SUCCEEDED') throw new Error(`bench execution ${rec.status}`);
      transitions += STATES;
    }
  }
  const elapsed = performance.now() - t0;
  engine.close();
  scheduler.close();
  return (transitions / elapsed) * 1000;
}

/** The same transitions with no interpreter: ResultPath set + history serialization. */
async function runBaseline(ms: number): Promise<number> {
  const states = Object.values(chain() as { States: Record<string, { Result: object }> })[1] as Record<string, { Result: object }>;
  const list = Object.values(states);
  const history: unknown[] = [];
  let transitions = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let k = 0; k < 20; k++) {
      let data: Record<string, unknown> = { order: { id: 'o-1', items: [1, 2, 3] } };
      history.length = 0;
      for (const s of list) {
        history.push({ type: 'PassStateEntered', input: JSON.stringify(data) });
        data = { ...data, last: s.Result };
        history.push({ type: 'PassStateExited', output: JSON.stringify(data) });
        transitions++;
      }
      await Promise.resolve();
    }
  }
  return (transitions / (performance.now() - t0)) * 1000;
}

export async function benchSfnTransitions(): Promise<{ ours: number; baseline: number; ratio: number }> {
  await runEngine(300); // warm-up
  await runBaseline(300);
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(await runEngine(1000));
    base.push(await runBaseline(1000));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const o = median(ours);
  const b = median(base);
  return { ours: o, baseline: b, ratio: o / b };
}
