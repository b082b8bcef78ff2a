/** Shared set-up for execution engine tests: a fake clock, a scripted TaskPort, compile + run. */
import { FakeTime } from '../../../src/core/fake-time.js';
import type { Randomness } from '../../../src/core/ids.js';
import type { Json } from '../../../src/engines/statemachine/asl.js';
import { parseDefinition } from '../../../src/engines/statemachine/definition/index.js';
import { compileMachine, ExecutionEngine } from '../../../src/engines/statemachine/execution/engine.js';
import type { ExecutionRecord, ExecutionTarget, MockLookup, TaskInvocation, TaskPort } from '../../../src/engines/statemachine/execution/types.js';

export type TaskScript = (inv: TaskInvocation, hooks: { submitted(o: Json): void }) => Promise<Json> | Json;

export function setup(script: TaskScript = () => ({}), opts: { mocks?: MockLookup; waitTimeScale?: number; defer?: (fn: () => void) => void; transitionsPerTurn?: number; random?: Randomness } = {}) {
  const time = new FakeTime(Date.UTC(2026, 0, 1));
  const calls: TaskInvocation[] = [];
  const tasks: TaskPort = {
    invoke: async (inv, hooks) => {
      calls.push(inv);
      return script(inv, hooks);
    },
  };
  const engine = new ExecutionEngine({ clock: time.clock, scheduler: time.scheduler, tasks, ...opts });
  return { time, engine, calls };
}

export function target(definition: object, type: 'STANDARD' | 'EXPRESS' = 'STANDARD', name = 'M'): ExecutionTarget {
  const text = JSON.stringify(definition);
  return {
    account: '000000000000',
    region: 'us-east-1',
    stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`,
    stateMachineName: name,
    type,
    roleArn: 'arn:aws:iam::000000000000:role/r',
    definition: text,
    compiled: compileMachine(parseDefinition(text, { type })),
  };
}

/** Let promise chains (and jsonata's async evaluation) run to quiescence. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Run to the end, advancing fake time in steps until the execution stops running. */
export async function runToEnd(s: ReturnType<typeof setup>, rec: ExecutionRecord, stepMs = 1000, maxSteps = 10_000): Promise<ExecutionRecord> {
  await settle();
  for (let i = 0; i < maxSteps && rec.status === 'RUNNING'; i++) {
    s.time.advance(stepMs);
    await settle(5);
  }
  return rec;
}

export function types(rec: ExecutionRecord): string[] {
  return rec.history.map((e) => e.type);
}

export function links(rec: ExecutionRecord): Array<[number, number, string]> {
  return rec.history.map((e) => [e.id, e.previousEventId, e.type]);
}
