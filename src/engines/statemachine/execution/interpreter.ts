/**
 * The ASL interpreter: runs a compiled scope (a machine, a Parallel branch, a Map iteration)
 * state by state, recording AWS's history events. Each state type has a runner (states/index.ts:
 * the simple states in states/, Task in task-state.ts, Parallel and Map in fan-out.ts); the
 * query-language pipeline (InputPath → Parameters → ResultSelector → ResultPath → OutputPath, or
 * JSONata Arguments / Output / Assign) is the state's compiled `io` (compile-io.ts). This file
 * holds the loop, StateRun (context, exit, errors, Retry and Catch).
 */
import type { Json, JsonObject } from '../asl.js';
import { StatesError } from '../errors.js';
import type { JsonataScope, PathScope } from '../language/index.js';
import type { QueryScope } from './compile-io.js';
import { RUNNERS } from './states/index.js';
import type { CompiledCatcher, CompiledMachine, CompiledRetrier, CompiledState, DynamicValue } from './compile.js';
import { jsonText, NOT_TRUNCATED, type Thread } from './history.js';
import type { VariableScope } from './scope.js';
import { Aborted, sleep } from './wait-signals.js';
import type { RunEnv } from './run-env.js';

/**
 * An error already attributed to a state (prefix added, events recorded): it propagates as is.
 * `catchable` is false for failures after the state's work (ResultPath/OutputPath): AWS
 * fails the execution even when a Catch names the error.
 */
export class StateFailure extends StatesError {
  constructor(
    error: string,
    cause: string | undefined,
    readonly catchable = true,
  ) {
    super(error, cause);
  }
}

/** What a state hands to the loop. */
export interface StateResult {
  output: Json;
  next: string | undefined;
  /** `output` as JSON text when it was already serialized (the next state's entered event reuses it). */
  text?: string;
}

/** Iteration/branch context added to `$$` (Map.Item) for states inside a Map. */
export type ContextExtra = JsonObject | undefined;

const MAX_PAYLOAD = 262_144;

export async function runScope(
  env: RunEnv,
  machine: CompiledMachine,
  input: Json,
  thread: Thread,
  vars: VariableScope,
  extra: ContextExtra,
  startAt: string = machine.startAt,
): Promise<Json> {
  let name = startAt;
  let data = input;
  let text: string | undefined;
  for (;;) {
    if (env.signal.aborted) throw new Aborted();
    // Every transition takes a unit of the engine's shared budget, so loops yield to the event loop.
    const wait = env.turn();
    if (wait !== undefined) await wait;
    const state = machine.states.get(name) as CompiledState;
    env.current = { name, input: data };
    const r = await runState(env, state, data, thread, vars, extra, text);
    if (r.next === undefined) return r.output;
    name = r.next;
    data = r.output;
    text = r.text;
  }
}

export async function runState(
  env: RunEnv,
  state: CompiledState,
  input: Json,
  thread: Thread,
  vars: VariableScope,
  extra: ContextExtra,
  inputText: string = jsonText(input),
): Promise<StateResult> {
  const enteredId = thread.addLinked(`${state.type}StateEntered`, thread.stateLink, 'stateEnteredEventDetails', {
    name: state.name,
    input: inputText,
    inputDetails: NOT_TRUNCATED,
  });
  const linkBefore = thread.stateLink;
  thread.last = enteredId;
  const st = new StateRun(env, state, input, thread, vars, extra, enteredId, linkBefore);
  try {
    return await RUNNERS[state.type](st);
  } catch (e) {
    // A Parallel/Map sibling failed while this state was waiting: AWS records `<Type>StateAborted`.
    if (e instanceof Aborted && env.exec.status === 'RUNNING' && ABORTABLE.has(state.type)) thread.add(`${state.type}StateAborted`);
    throw st.attribute(e);
  }
}

const ABORTABLE = new Set(['Task', 'Wait', 'Map', 'Parallel']);

/** One state's run: its input, context, thread and helpers shared by every state type. */
export class StateRun {
  retryCount = 0;
  taskToken: string | undefined;
  readonly enteredTime: number;
  constructor(
    readonly env: RunEnv,
    readonly state: CompiledState,
    readonly input: Json,
    readonly thread: Thread,
    readonly vars: VariableScope,
    readonly extra: ContextExtra,
    readonly enteredId: number,
    /** previousEventId AWS gives EvaluationFailed (the entered event's own link). */
    readonly linkBefore: number,
  ) {
    this.enteredTime = env.clock.now();
  }

  context(extra: ContextExtra = this.extra): JsonObject {
    // AWS shows State.RetryCount only for states that can retry.
    const retries = this.state.type === 'Task' || this.state.type === 'Map' || this.state.type === 'Parallel' ? this.retryCount : undefined;
    return this.env.contextObject(this.state.name, this.enteredTime, retries, this.taskToken, extra);
  }

  pathScope(input: Json, extra?: ContextExtra): PathScope {
    return { input, context: this.context(extra), variables: this.vars, random: this.env.random };
  }

  ataScope(input: Json, result?: Json, errorOutput?: Json, extra?: ContextExtra): JsonataScope {
    const states: JsonataScope['states'] = { input, context: this.context(extra) };
    if (result !== undefined) states.result = result;
    if (errorOutput !== undefined) states.errorOutput = errorOutput;
    return { states, variables: this.vars, random: this.env.random };
  }

  /** Turn any thrown value into a StateFailure attributed to this state (prefix, EvaluationFailed). */
  attribute(e: unknown): unknown {
    if (e instanceof StateFailure || e instanceof Aborted || !(e instanceof StatesError)) return e;
    const cause = `An error occurred while executing the state '${this.state.name}' (entered at the event id #${this.enteredId}). ${e.cause ?? ''}`;
    if (e.location !== undefined || e.error === 'States.QueryEvaluationError') {
      const details: Record<string, unknown> = { error: e.error, cause, state: this.state.name };
      if (e.location !== undefined) details.location = e.location;
      // AWS links it to the entered event's own link, except in Wait states (to the entered event).
      const link = this.state.type === 'Wait' ? this.enteredId : this.linkBefore;
      this.thread.last = this.thread.addLinked('EvaluationFailed', link, 'evaluationFailedEventDetails', details);
    }
    return new StateFailure(e.error, cause);
  }

  /** Record `<Type>StateExited` and move the thread's state link. */
  exit(output: Json, assigned: Record<string, Json> | undefined, next: string | undefined, previous = this.thread.last): StateResult {
    const text = jsonText(output);
    if (text.length > MAX_PAYLOAD / 4 && Buffer.byteLength(text) > MAX_PAYLOAD) {
      throw new StateFailure(
        'States.DataLimitExceeded',
        `The state/task '${this.state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
        false,
      );
    }
    const details: Record<string, unknown> = { name: this.state.name, output: text, outputDetails: NOT_TRUNCATED };
    if (assigned !== undefined) {
      const av: Record<string, string> = {};
      // defineProperty: `__proto__` is an ordinary variable name (plain assignment would drop it).
      for (const k in assigned) Object.defineProperty(av, k, { value: jsonText(assigned[k] as Json), enumerable: true, writable: true, configurable: true });
      details.assignedVariables = av;
      details.assignedVariablesDetails = NOT_TRUNCATED;
      this.vars.assign(assigned);
    }
    const id = this.thread.addLinked(`${this.state.type}StateExited`, previous, 'stateExitedEventDetails', details);
    this.thread.last = id;
    this.thread.stateLink = id;
    return { output, next: next !== undefined ? next : this.state.end ? undefined : this.state.next, text };
  }

  /**
   * The success path after a state's work produced `result` (JSONPath: ResultSelector →
   * ResultPath → OutputPath; JSONata: Assign and Output over $states.result). Errors here
   * cannot be caught (AWS records ExecutionFailed straight after the task's success).
   */
  finish(result: Json, previous?: number): StateResult | Promise<StateResult> {
    try {
      const r = this.state.io.finish(this, result, previous);
      return r instanceof Promise ? r.catch((e: unknown) => this.afterWork(e)) : r;
    } catch (e) {
      return this.afterWork(e);
    }
  }

  /** A failure after the state's work: not catchable. */
  private afterWork(e: unknown): never {
    const f = this.attribute(e);
    if (f instanceof StateFailure) throw new StateFailure(f.error, f.cause, false);
    throw f;
  }

  /** A literal, `…Path` or JSONata field's value in `scope` (by default over this state's input). */
  resolve(v: DynamicValue, scope?: QueryScope): Json | undefined | Promise<Json | undefined> {
    return this.state.io.resolve(this, v, scope);
  }

  // ---- errors ------------------------------------------------------------------------------

  /** The retrier for this error and attempt count, or undefined (AWS: first matching retrier wins). */
  retrierFor(error: string): CompiledRetrier | undefined {
    for (const r of this.state.retry) if (matches(r.errors, error)) return r;
    return undefined;
  }

  /** Delay before the next attempt (ms, scaled), or undefined when attempts are used up. */
  retryDelay(error: string, attempts: Map<CompiledRetrier, number>): number | undefined {
    const r = this.retrierFor(error);
    if (!r) return undefined;
    const n = attempts.get(r) ?? 0;
    if (n >= r.maxAttempts) return undefined;
    attempts.set(r, n + 1);
    let seconds = r.intervalSeconds * Math.pow(r.backoffRate, n);
    if (r.maxDelaySeconds !== undefined) seconds = Math.min(seconds, r.maxDelaySeconds);
    if (r.jitter) seconds = this.env.random.random() * seconds;
    // After ~1,000 backoffs the interval overflows to Infinity; at waitTimeScale 0 that is still no wait.
    const ms = this.env.scaled(seconds * 1000);
    return Number.isNaN(ms) ? 0 : ms;
  }

  async waitRetry(ms: number): Promise<void> {
    this.retryCount++;
    this.env.park();
    await sleep(this.env.scheduler, ms, this.env.signal);
    // A retry under waitTimeScale 0 (or IntervalSeconds 0) is a transition like any other.
    await this.env.yieldTurn();
  }

  catcherFor(error: string): CompiledCatcher | undefined {
    for (const c of this.state.catch) if (matches(c.errors, error)) return c;
    return undefined;
  }

  /** Apply a catcher: `{Error, Cause}` placed by ResultPath (or JSONata Output), then Next. */
  caught(c: CompiledCatcher, f: StatesError, previous: number): StateResult | Promise<StateResult> {
    const errorOutput: JsonObject = { Error: f.error };
    if (f.cause !== undefined) errorOutput.Cause = f.cause;
    try {
      const r = this.state.io.caught(this, c, errorOutput, previous);
      return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(this.attribute(e))) : r;
    } catch (e) {
      throw this.attribute(e);
    }
  }
}

function matches(errors: string[], error: string): boolean {
  for (const e of errors) {
    if (e === error) return true;
    if (e === 'States.ALL' && error !== 'States.Runtime' && error !== 'States.DataLimitExceeded') return true;
    if (e === 'States.TaskFailed' && !error.startsWith('States.') && error !== undefined) return true;
  }
  return false;
}

