/**
 * TestState: run one state once, as the API does — no retries or waits between attempts: a
 * matching retrier answers RETRIABLE, a matching catcher CAUGHT_ERROR. Task states call the
 * real integration unless `mock` gives their result or error. Inspection data follows AWS's
 * recorded fields (input, afterInputPath, afterParameters, result, afterResultSelector,
 * afterResultPath, variables).
 */
import type { Json, JsonObject, QueryLanguage, StateDefinition } from '../asl.js';
import { compileMachine, type CompiledMachine, type CompiledState } from './compile.js';
import { HistoryLog, jsonText, Thread } from './history.js';
import { runState, StateFailure } from './interpreter.js';
import { RunEnv, type EngineServices } from './run-env.js';
import { VariableScope } from './scope.js';
import type { ExecutionRecord, MockedResponse } from './types.js';
import { buildArn } from '../../../core/arn.js';
import type { Randomness } from '../../../core/ids.js';

export interface TestStateRequest {
  state: StateDefinition;
  name: string;
  queryLanguage?: QueryLanguage;
  input: Json;
  account: string;
  region: string;
  roleArn: string;
  inspectionLevel: 'INFO' | 'DEBUG' | 'TRACE';
  variables?: Record<string, Json>;
  context?: JsonObject;
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string } };
  /** stateConfiguration.retrierRetryCount: retries already made. */
  retrierRetryCount?: number;
}

export interface TestStateResult {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: Record<string, unknown>;
}

export async function testState(services: EngineServices, req: TestStateRequest): Promise<TestStateResult> {
  const full = compileOne(req.state, req.name, req.queryLanguage);
  const bare = compileOne({ ...req.state, Retry: undefined, Catch: undefined } as StateDefinition, req.name, req.queryLanguage);
  const stateMachineArn = buildArn({ service: 'states', region: req.region, account: req.account, resource: 'stateMachine:TestStateMachine' });
  const record: ExecutionRecord = {
    executionArn: buildArn({ service: 'states', region: req.region, account: req.account, resource: `express:TestStateMachine:${services.random.uuid()}:${services.random.uuid()}` }),
    name: services.random.uuid(),
    target: {
      account: req.account,
      region: req.region,
      stateMachineArn,
      stateMachineName: 'TestStateMachine',
      type: 'EXPRESS',
      roleArn: req.roleArn,
      definition: JSON.stringify(req.state),
      compiled: bare,
    },
    status: 'RUNNING',
    startDate: services.clock.now(),
    input: jsonText(req.input),
    redriveCount: 0,
    history: [],
  };
  let svc: EngineServices = { ...services, waitTimeScale: 0 };
  if (req.mock && (req.mock.result !== undefined || req.mock.errorOutput !== undefined)) {
    const response: MockedResponse =
      req.mock.result !== undefined
        ? { Return: JSON.parse(req.mock.result) as Json }
        : { Throw: { Error: req.mock.errorOutput?.error ?? 'States.TaskFailed', ...(req.mock.errorOutput?.cause !== undefined ? { Cause: req.mock.errorOutput.cause } : {}) } };
    svc = { ...svc, mocks: { hasTestCase: () => true, response: () => response } };
    record.testCase = 'TestState';
  }
  const log = new HistoryLog(record.history, services.clock);
  const thread = new Thread(log, 0);
  const base = req.context as { Execution?: JsonObject; StateMachine?: JsonObject } | undefined;
  const env = new RunEnv(svc, record, log, new AbortController().signal, undefined, {
    Execution: base?.Execution ?? {
      Id: record.executionArn,
      Input: req.input,
      Name: record.name,
      RoleArn: req.roleArn,
      StartTime: new Date(record.startDate).toISOString(),
    },
    StateMachine: base?.StateMachine ?? { Id: stateMachineArn, Name: 'TestStateMachine' },
  });
  const vars = new VariableScope();
  if (req.variables) vars.assign(req.variables);
  const state = bare.states.get(req.name) as CompiledState;
  const fullState = full.states.get(req.name) as CompiledState;
  const debug = req.inspectionLevel !== 'INFO';
  try {
    const r = await runState(env, state, req.input, thread, vars, undefined);
    const out: TestStateResult = { status: 'SUCCEEDED', output: jsonText(r.output) };
    if (state.type === 'Choice' || (r.next !== undefined && !state.end)) {
      const next = r.next ?? state.next;
      if (next !== undefined) out.nextState = next;
    }
    if (debug) out.inspectionData = inspection(state, req.input, record, vars, r.output, services.random);
    return out;
  } catch (e) {
    if (!(e instanceof StateFailure)) throw e;
    const out: TestStateResult = { status: 'FAILED' };
    if (e.error !== undefined) out.error = e.error;
    if (e.cause !== undefined) out.cause = e.cause;
    const inspectionData = debug ? inspection(state, req.input, record, vars, undefined, services.random) : undefined;
    const retryIndex = fullState.retry.findIndex((r) => matchesError(r.errors, e.error));
    const retrier = fullState.retry[retryIndex];
    const done = req.retrierRetryCount ?? 0;
    if (retrier && done < retrier.maxAttempts && e.catchable) {
      out.status = 'RETRIABLE';
      let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, done);
      if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
      if (inspectionData) inspectionData.errorDetails = { retryIndex, retryBackoffIntervalSeconds: Math.round(seconds) };
    } else if (e.catchable) {
      const catchIndex = fullState.catch.findIndex((c) => matchesError(c.errors, e.error));
      const catcher = fullState.catch[catchIndex];
      if (catcher) {
        const errorOutput: JsonObject = { Error: e.error };
        if (e.cause !== undefined) errorOutput.Cause = e.cause;
        out.status = 'CAUGHT_ERROR';
        out.nextState = catcher.next;
        out.output = jsonText(catcher.resultPath(req.input, errorOutput));
        if (inspectionData) inspectionData.errorDetails = { catchIndex };
      }
    }
    if (inspectionData) out.inspectionData = inspectionData;
    return out;
  }
}

function compileOne(state: StateDefinition, name: string, queryLanguage: QueryLanguage | undefined): CompiledMachine {
  const def: Record<string, unknown> = { StartAt: name, States: { [name]: state } };
  if (queryLanguage) def.QueryLanguage = queryLanguage;
  return compileMachine(def as never);
}

function matchesError(errors: string[], error: string): boolean {
  return errors.some((x) => x === error || (x === 'States.ALL' && error !== 'States.Runtime' && error !== 'States.DataLimitExceeded'));
}

/** AWS's inspection fields for JSONPath states (JSON text values), from the run's own values. */
function inspection(state: CompiledState, input: Json, record: ExecutionRecord, vars: VariableScope, output: Json | undefined, random: Randomness): Record<string, unknown> {
  const data: Record<string, unknown> = { input: jsonText(input) };
  if (state.jsonata) {
    if (output !== undefined) data.afterArguments = jsonText(input);
  } else {
    const scope = { input, context: {}, variables: vars, random };
    const hasResult = state.type === 'Task' || (state.type === 'Pass' && 'Result' in state.def);
    let effective: Json = input;
    try {
      if (!(state.type === 'Pass' && 'Result' in state.def)) {
        effective = state.inputPath ? state.inputPath(scope) : input;
        data.afterInputPath = jsonText(effective);
      }
      if (state.type === 'Pass' || state.type === 'Task') {
        let result: Json | undefined;
        if (!(state.type === 'Pass' && 'Result' in state.def)) {
          const params = state.parameters ? state.parameters({ ...scope, input: effective }) : effective;
          data.afterParameters = jsonText(params);
          if (state.type === 'Pass') result = params;
        }
        if (hasResult) {
          const done = record.history.find((e) => e.type === 'TaskSucceeded' || e.type === 'LambdaFunctionSucceeded' || e.type === 'ActivitySucceeded');
          const text = done ? ((Object.values(done).find((v) => typeof v === 'object' && v !== null) as { output?: string } | undefined)?.output ?? undefined) : undefined;
          result = state.type === 'Pass' ? (state.def.Result as Json) : text === undefined ? undefined : (JSON.parse(text) as Json);
          if (result !== undefined) data.result = jsonText(result);
        }
        if (result !== undefined && output !== undefined) {
          const selected = state.resultSelector ? state.resultSelector({ ...scope, input: result }) : result;
          data.afterResultSelector = jsonText(selected);
          data.afterResultPath = jsonText(state.resultPath(input, selected));
        }
      }
    } catch {
      // The run itself reported the failure; inspection shows what was computed before it.
    }
  }
  return data;
}
