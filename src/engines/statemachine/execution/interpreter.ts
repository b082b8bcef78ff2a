/**
 * The ASL interpreter: runs a compiled scope (a machine, a Parallel branch, a Map iteration)
 * state by state, recording AWS's history events. Task work is in task-state.ts, Parallel and
 * Map in fan-out.ts; this file holds the loop, the simple states and the shared pipeline
 * (InputPath → Parameters → ResultSelector → ResultPath → OutputPath, or JSONata Arguments /
 * Output / Assign), errors, Retry and Catch.
 */
import type { Json, JsonObject } from '../asl.js';
import { StatesError } from '../errors.js';
import { parseTimestamp, type JsonataScope, type PathScope } from '../language/index.js';
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
    switch (state.type) {
      case 'Pass':
        return await st.pass();
      case 'Choice':
        return await st.choice();
      case 'Wait':
        return await st.wait();
      case 'Succeed':
        return await st.succeed();
      case 'Fail':
        return await st.fail();
      case 'Task':
        return await env.runTask(st);
      case 'Parallel':
        return await env.runParallel(st);
      case 'Map':
        return await env.runMap(st);
    }
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

  get jsonata(): boolean {
    return this.state.jsonata;
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

  /** JSONPath: InputPath applied to the raw input. */
  effectiveInput(): Json {
    return this.state.inputPath ? this.state.inputPath(this.pathScope(this.input)) : this.input;
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
  async finish(result: Json, previous?: number): Promise<StateResult> {
    const s = this.state;
    let output: Json;
    let assigned: Record<string, Json> | undefined;
    try {
      if (s.jsonata) {
        const scope = this.ataScope(this.input, result);
        if (s.assignAta) assigned = await s.assignAta(scope);
        output = s.output ? await s.output(scope) : result;
      } else {
        const selected = s.resultSelector ? s.resultSelector(this.pathScope(result)) : result;
        if (s.assignPath) assigned = s.assignPath(this.pathScope(selected));
        output = s.resultPath(this.input, selected);
        if (s.outputPath) output = s.outputPath(this.pathScope(output));
      }
    } catch (e) {
      const f = this.attribute(e);
      if (f instanceof StateFailure) throw new StateFailure(f.error, f.cause, false);
      throw f;
    }
    return this.exit(output, assigned, undefined, previous);
  }

  // ---- simple states -------------------------------------------------------------------

  async pass(): Promise<StateResult> {
    const s = this.state;
    if (s.jsonata) {
      const scope = this.ataScope(this.input);
      const assigned = s.assignAta ? await s.assignAta(scope) : undefined;
      const output = s.output ? await s.output(scope) : this.input;
      return this.exit(output, assigned, undefined);
    }
    const effective = this.effectiveInput();
    const result = s.parameters
      ? s.parameters(this.pathScope(effective))
      : 'Result' in s.def
        ? (s.def.Result as Json)
        : effective;
    const assigned = s.assignPath ? s.assignPath(this.pathScope(result)) : undefined;
    let output = s.resultPath(this.input, result);
    if (s.outputPath) output = s.outputPath(this.pathScope(output));
    return this.exit(output, assigned, undefined);
  }

  async choice(): Promise<StateResult> {
    const s = this.state;
    if (s.jsonata) {
      const scope = this.ataScope(this.input);
      for (const rule of s.choices) {
        if (await (rule.condition as NonNullable<typeof rule.condition>)(scope)) {
          const assigned = rule.assignAta ? await rule.assignAta(scope) : undefined;
          const output = rule.output ? await rule.output(scope) : this.input;
          return this.exit(output, assigned, rule.next);
        }
      }
      if (s.defaultNext === undefined) throw noChoice();
      const assigned = s.assignAta ? await s.assignAta(scope) : undefined;
      const output = s.output ? await s.output(scope) : this.input;
      return this.exit(output, assigned, s.defaultNext);
    }
    const effective = this.effectiveInput();
    const scope = this.pathScope(effective);
    for (const rule of s.choices) {
      if ((rule.path as NonNullable<typeof rule.path>)(scope)) {
        const assigned = rule.assignPath ? rule.assignPath(scope) : s.assignPath ? s.assignPath(scope) : undefined;
        const output = s.outputPath ? s.outputPath(this.pathScope(effective)) : effective;
        return this.exit(output, assigned, rule.next);
      }
    }
    if (s.defaultNext === undefined) throw noChoice();
    const assigned = s.assignPath ? s.assignPath(scope) : undefined;
    const output = s.outputPath ? s.outputPath(this.pathScope(effective)) : effective;
    return this.exit(output, assigned, s.defaultNext);
  }

  async wait(): Promise<StateResult> {
    const s = this.state;
    const effective = s.jsonata ? this.input : this.effectiveInput();
    const scope = s.jsonata ? this.ataScope(this.input) : undefined;
    const pathScope = s.jsonata ? undefined : this.pathScope(effective);
    let until: number;
    if (s.seconds.kind !== 'none') {
      const v = await this.resolve(s.seconds, pathScope, scope);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        const shown = s.seconds.kind === 'path' ? `${s.seconds.path} == ${jsonText(v ?? null)}` : jsonText(v ?? null);
        throw new StatesError('States.Runtime', `The ${s.seconds.kind === 'path' ? 'SecondsPath' : 'Seconds'} parameter cannot be parsed as a long value: ${shown}`);
      }
      until = this.env.clock.now() + this.env.scaled(v * 1000);
    } else {
      const v = await this.resolve(s.timestamp, pathScope, scope);
      const t = typeof v === 'string' ? parseTimestamp(v) : undefined;
      if (t === undefined) {
        const text = typeof v === 'string' ? v : jsonText(v ?? null);
        if (s.timestamp.kind === 'path')
          throw new StatesError('States.Runtime', `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${s.timestamp.path} == ${text}`);
        const message = `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`;
        // JSONata: a query evaluation error with an EvaluationFailed event (as recorded).
        if (s.jsonata) throw new StatesError('States.QueryEvaluationError', message, 'Timestamp');
        throw new StatesError('States.Runtime', message);
      }
      const now = this.env.clock.now();
      if (t - now > 24_855 * 86_400_000) throw new StatesError('States.Runtime', 'Wait state delay is too long.');
      until = now + this.env.scaled(Math.max(0, t - now));
    }
    this.env.park();
    await sleep(this.env.scheduler, until - this.env.clock.now(), this.env.signal);
    let output: Json;
    let assigned: Record<string, Json> | undefined;
    if (s.jsonata) {
      const sc = this.ataScope(this.input);
      if (s.assignAta) assigned = await s.assignAta(sc);
      output = s.output ? await s.output(sc) : this.input;
    } else {
      if (s.assignPath) assigned = s.assignPath(this.pathScope(effective));
      output = s.outputPath ? s.outputPath(this.pathScope(effective)) : effective;
    }
    return this.exit(output, assigned, undefined);
  }

  async succeed(): Promise<StateResult> {
    const s = this.state;
    let output: Json;
    if (s.jsonata) output = s.output ? await s.output(this.ataScope(this.input)) : this.input;
    else {
      const effective = this.effectiveInput();
      output = s.outputPath ? s.outputPath(this.pathScope(effective)) : effective;
    }
    const r = this.exit(output, undefined, undefined);
    return { output: r.output, next: undefined };
  }

  /** A Fail state: Error/Cause (or ErrorPath/CausePath, intrinsics, JSONata) end this scope. */
  async fail(): Promise<never> {
    const s = this.state;
    const pathScope = s.jsonata ? undefined : this.pathScope(this.input);
    const ataScope = s.jsonata ? this.ataScope(this.input) : undefined;
    const error = await this.resolve(s.error, pathScope, ataScope);
    const cause = await this.resolve(s.cause, pathScope, ataScope);
    throw new StateFailure(error === undefined ? (undefined as unknown as string) : String(error), cause === undefined ? undefined : String(cause));
  }

  async resolve(v: DynamicValue, pathScope: PathScope | undefined, ataScope: JsonataScope | undefined): Promise<Json | undefined> {
    switch (v.kind) {
      case 'none':
        return undefined;
      case 'literal':
        return v.value;
      case 'path':
        return v.read(pathScope ?? this.pathScope(this.effectiveInput()));
      case 'jsonata':
        return v.eval(ataScope ?? this.ataScope(this.input));
    }
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
  async caught(c: CompiledCatcher, f: StatesError, previous: number): Promise<StateResult> {
    const errorOutput: JsonObject = { Error: f.error };
    if (f.cause !== undefined) errorOutput.Cause = f.cause;
    let output: Json;
    let assigned: Record<string, Json> | undefined;
    try {
      if (this.state.jsonata) {
        const scope = this.ataScope(this.input, undefined, errorOutput);
        if (c.assignAta) assigned = await c.assignAta(scope);
        output = c.output ? await c.output(scope) : errorOutput;
      } else {
        if (c.assignPath) assigned = c.assignPath(this.pathScope(errorOutput));
        output = c.resultPath(this.input, errorOutput);
      }
    } catch (e) {
      throw this.attribute(e);
    }
    return this.exit(output, assigned, c.next, previous);
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

function noChoice(): StatesError {
  // unverified text
  return new StateFailure('States.NoChoiceMatched', 'No Matches!');
}
