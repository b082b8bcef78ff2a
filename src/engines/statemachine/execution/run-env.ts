/**
 * What a running scope needs: the execution it belongs to (record, history, clock, ports,
 * tokens, activities, mocks) plus its own stop signal and "parked" hook. Parallel branches and
 * Map iterations run in a fork that shares the execution but has its own signal.
 */
import type { Clock } from '../../../core/clock.js';
import type { Scheduler } from '../../../core/scheduler.js';
import type { Logger } from '../../../core/logger.js';
import type { Randomness } from '../../../core/ids.js';
import type { Json, JsonObject } from '../asl.js';
import type { CompiledMachine } from './compile.js';
import type { HistoryLog } from './history.js';
import type { ActivityQueues } from './activities.js';
import type { TaskTokens } from './tokens.js';
import type { ExecutionRecord, MockedResponse, MockLookup, TaskPort } from './types.js';
import { Aborted } from './wait-signals.js';

/** Services the engine lends to every execution. */
export interface EngineServices {
  clock: Clock;
  scheduler: Scheduler;
  tasks: TaskPort;
  mocks?: MockLookup;
  tokens: TaskTokens;
  activities: ActivityQueues;
  waitTimeScale: number;
  /** Ids, tokens, retry jitter and the language's random functions. */
  random: Randomness;
  logger?: Logger;
  /** One state transition from the engine's shared per-turn budget (see run-queue.ts): await the promise when one is returned. */
  turn(): Promise<void> | undefined;
  /** Distributed Map: run one child execution of `machine` and resolve when it ends. */
  runChild(parent: ExecutionRecord, machine: CompiledMachine, input: Json, mapRunArn: string, express: boolean): Promise<ExecutionRecord>;
  newMapRunArn(parent: ExecutionRecord, label: string | undefined): string;
  mapRunCreated(parent: ExecutionRecord, run: import('./types.js').MapRunRecord): void;
}

export class RunEnv {
  /** Top-level state being run and its input (what a redrive restarts from). */
  current: { name: string; input: Json } | undefined;
  private readonly mockCounts: Map<string, number>;

  constructor(
    readonly services: EngineServices,
    readonly exec: ExecutionRecord,
    readonly log: HistoryLog,
    readonly signal: AbortSignal,
    private readonly onPark: (() => void) | undefined,
    private readonly base: { Execution: JsonObject; StateMachine: JsonObject },
    mockCounts?: Map<string, number>,
  ) {
    this.mockCounts = mockCounts ?? new Map();
  }

  get clock(): Clock {
    return this.services.clock;
  }
  get scheduler(): Scheduler {
    return this.services.scheduler;
  }
  get random(): Randomness {
    return this.services.random;
  }

  fork(signal: AbortSignal, onPark?: () => void): RunEnv {
    return new RunEnv(this.services, this.exec, this.log, signal, onPark, this.base, this.mockCounts);
  }

  /** About to wait on time or another service: a Map may start its next iteration. */
  park(): void {
    this.onPark?.();
  }

  /**
   * Take one transition from the shared budget; resolves (possibly at once) when this runner may
   * go on. Throws Aborted if the execution was stopped while it queued.
   */
  async yieldTurn(): Promise<void> {
    const wait = this.services.turn();
    if (wait === undefined) return;
    await wait;
    if (this.signal.aborted) throw new Aborted();
  }

  /** The budget check without a promise when none is needed (the interpreter's hot loop). */
  turn(): Promise<void> | undefined {
    const wait = this.services.turn();
    return wait === undefined ? undefined : wait.then(() => {
      if (this.signal.aborted) throw new Aborted();
    });
  }

  scaled(ms: number): number {
    return ms * this.services.waitTimeScale;
  }

  contextObject(stateName: string, enteredTime: number, retryCount: number | undefined, token: string | undefined, extra: JsonObject | undefined): JsonObject {
    const ctx: JsonObject = {
      Execution: this.base.Execution,
      State: retryCount === undefined ? { EnteredTime: new Date(enteredTime).toISOString(), Name: stateName } : { EnteredTime: new Date(enteredTime).toISOString(), Name: stateName, RetryCount: retryCount },
      StateMachine: this.base.StateMachine,
    };
    if (token !== undefined) ctx.Task = { Token: token };
    if (extra) for (const k in extra) ctx[k] = extra[k] as Json;
    return ctx;
  }

  /** Step Functions Local mocks: the response for this state's next invocation, if mocked. */
  mockResponse(stateName: string): MockedResponse | undefined {
    const testCase = this.exec.testCase;
    const mocks = this.services.mocks;
    if (testCase === undefined || !mocks) return undefined;
    const n = this.mockCounts.get(stateName) ?? 0;
    this.mockCounts.set(stateName, n + 1);
    return mocks.response(this.exec.target.stateMachineName, testCase, stateName, n);
  }
}
