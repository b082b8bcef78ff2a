/**
 * Task states: service integrations (request-response, `.sync`, `.waitForTaskToken`), Lambda
 * function ARNs, and activities; with TimeoutSeconds/HeartbeatSeconds, Retry and Catch, and
 * Step Functions Local mocks. Events as AWS records them (TaskScheduled → TaskStarted →
 * [TaskSubmitted] → TaskSucceeded | TaskFailed | TaskTimedOut; Activity*; LambdaFunction*).
 */
import type { Json } from '../asl.js';
import { StatesError } from '../errors.js';
import type { Timer } from '../../../core/scheduler.js';
import { jsonText, NOT_TRUNCATED } from './history.js';
import { StateFailure, type StateResult, type StateRun } from './interpreter.js';
import type { CompiledRetrier } from './compile.js';
import { Aborted, childController } from './wait-signals.js';
import type { TaskInvocation } from './types.js';
import type { ResourceInfo } from './resource.js';

export async function runTask(st: StateRun): Promise<StateResult> {
  const info = st.state.resource as ResourceInfo;
  const attempts = new Map<CompiledRetrier, number>();
  for (;;) {
    let result: Json;
    try {
      result = await attempt(st, info);
    } catch (e) {
      if (e instanceof Aborted || !(e instanceof StatesError)) throw e;
      const f = st.attribute(e) as StateFailure;
      const delay = st.retryDelay(f.error, attempts);
      if (delay !== undefined) {
        await st.waitRetry(delay);
        continue;
      }
      const c = st.catcherFor(f.error);
      if (c) return st.caught(c, f, st.thread.last);
      throw f;
    }
    return st.finish(result);
  }
}

/** A task's own failure (already recorded as TaskFailed / ActivityFailed / ...). */
function taskFailure(error: string | undefined, cause: string | undefined): StateFailure {
  return new StateFailure(error as string, cause);
}

async function attempt(st: StateRun, info: ResourceInfo): Promise<Json> {
  const { env, state: s, thread } = st;
  st.taskToken = info.pattern === 'waitForTaskToken' ? env.services.tokens.newToken() : undefined;
  const params = await s.io.payload(st);
  const timeout = await seconds(st, 'TimeoutSeconds');
  const heartbeat = await seconds(st, 'HeartbeatSeconds');
  const limits: Record<string, unknown> = {};
  if (timeout !== undefined) limits.timeoutInSeconds = timeout;
  if (heartbeat !== undefined) limits.heartbeatInSeconds = heartbeat;

  const names = { resourceType: info.resourceType, resource: info.resourceName };
  const events = eventNames(info);
  if (info.kind === 'activity') {
    thread.add('ActivityScheduled', 'activityScheduledEventDetails', { resource: info.resourceName, input: jsonText(params), inputDetails: NOT_TRUNCATED, ...limits });
  } else if (info.kind === 'lambda-function') {
    thread.add('LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', { resource: info.resourceName, input: jsonText(params), inputDetails: NOT_TRUNCATED, ...limits });
    thread.add('LambdaFunctionStarted');
  } else {
    thread.add('TaskScheduled', 'taskScheduledEventDetails', { ...names, region: env.exec.target.region, parameters: jsonText(params), ...limits });
    thread.add('TaskStarted', 'taskStartedEventDetails', names);
  }

  const { controller, dispose } = childController(env.signal);
  const token = st.taskToken;
  const services = env.services;
  const timers: { timeout?: Timer; heartbeat?: Timer } = {};
  let settle!: { resolve(v: Json): void; reject(e: unknown): void };
  const outcome = new Promise<Json>((resolve, reject) => (settle = { resolve, reject }));
  const onAbort = () => settle.reject(new Aborted());
  controller.signal.addEventListener('abort', onAbort, { once: true });
  const timedOut = new StatesError('States.Timeout');
  const armHeartbeat = () => {
    if (heartbeat === undefined) return;
    timers.heartbeat?.cancel();
    timers.heartbeat = services.scheduler.after(env.scaled(heartbeat * 1000), () => settle.reject(timedOut));
  };
  if (timeout !== undefined || info.pattern !== 'request-response' || info.kind !== 'service') {
    const t = timeout ?? 99_999_999;
    timers.timeout = services.scheduler.after(env.scaled(t * 1000), () => settle.reject(timedOut));
  }
  if (token !== undefined) {
    services.tokens.register({
      token,
      executionArn: env.exec.executionArn,
      succeed: (output) => settle.resolve(JSON.parse(output) as Json),
      fail: (error, cause) => settle.reject(new TokenFailure(error, cause)),
      heartbeat: armHeartbeat,
    });
  }
  env.park();
  try {
    const mocked = info.kind === 'activity' ? undefined : env.mockResponse(s.name);
    if (mocked) {
      if ('Throw' in mocked) settle.reject(new TokenFailure(mocked.Throw.Error, mocked.Throw.Cause));
      else settle.resolve(mocked.Return);
    } else if (info.kind === 'activity') {
      services.activities.enqueue(info.resourceName, {
        taskToken: token as string,
        input: jsonText(params),
        started: (workerName) => {
          thread.add('ActivityStarted', 'activityStartedEventDetails', workerName === undefined ? {} : { workerName });
          armHeartbeat();
        },
      });
    } else {
      const invocation: TaskInvocation = {
        resource: s.def.Resource as string,
        resourceType: info.kind === 'lambda-function' ? 'lambda' : info.resourceType,
        resourceName: info.resourceName,
        action: info.action,
        pattern: info.pattern,
        parameters: info.kind === 'lambda-function' ? { FunctionName: info.resourceName, Payload: params } : params,
        account: env.exec.target.account,
        region: env.exec.target.region,
        executionArn: env.exec.executionArn,
        stateName: s.name,
        signal: controller.signal,
      };
      if (token !== undefined) invocation.taskToken = token;
      if (env.exec.traceHeader !== undefined) invocation.traceHeader = env.exec.traceHeader;
      const call = services.tasks.invoke(invocation, {
        submitted: (output) => thread.add('TaskSubmitted', 'taskSubmittedEventDetails', { ...names, output: jsonText(output), outputDetails: NOT_TRUNCATED }),
      });
      if (info.pattern === 'waitForTaskToken') {
        call.then(
          (output) => {
            if (!controller.signal.aborted) {
              thread.add('TaskSubmitted', 'taskSubmittedEventDetails', { ...names, output: jsonText(output), outputDetails: NOT_TRUNCATED });
              armHeartbeat();
            }
          },
          (e: unknown) => settle.reject(e),
        );
      } else call.then(settle.resolve, settle.reject);
    }
    const result = await outcome;
    if (info.kind === 'activity') thread.add('ActivitySucceeded', 'activitySucceededEventDetails', { output: jsonText(result), outputDetails: NOT_TRUNCATED });
    else if (info.kind === 'lambda-function') thread.add('LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', { output: jsonText(result), outputDetails: NOT_TRUNCATED });
    else thread.add('TaskSucceeded', 'taskSucceededEventDetails', { ...names, output: jsonText(result), outputDetails: NOT_TRUNCATED });
    return result;
  } catch (e) {
    if (e instanceof Aborted) throw e;
    if (e === timedOut) {
      controller.abort();
      thread.add(events.timedOut, events.timedOutKey, info.kind === 'service' ? { ...names, error: 'States.Timeout' } : { error: 'States.Timeout' });
      throw taskFailure('States.Timeout', undefined);
    }
    const { error, cause } = failureOf(e);
    const details: Record<string, unknown> = info.kind === 'service' ? { ...names } : {};
    if (error !== undefined) details.error = error;
    if (cause !== undefined) details.cause = cause;
    thread.add(events.failed, events.failedKey, details);
    throw taskFailure(error, cause);
  } finally {
    controller.signal.removeEventListener('abort', onAbort);
    dispose();
    timers.timeout?.cancel();
    timers.heartbeat?.cancel();
    if (token !== undefined) {
      services.tokens.release(token);
      if (info.kind === 'activity') services.activities.withdraw(info.resourceName, token);
    }
  }
}

class TokenFailure extends Error {
  constructor(
    readonly error: string | undefined,
    readonly errorCause: string | undefined,
  ) {
    super(error ?? 'task failed');
  }
}

function failureOf(e: unknown): { error: string | undefined; cause: string | undefined } {
  if (e instanceof TokenFailure) return { error: e.error, cause: e.errorCause };
  if (e instanceof StatesError) return { error: e.error, cause: e.cause };
  // A bug in an integration must not hang the execution: report it as a task failure.
  return { error: 'States.TaskFailed', cause: e instanceof Error ? e.message : String(e) };
}

function eventNames(info: ResourceInfo) {
  if (info.kind === 'activity')
    return { failed: 'ActivityFailed', failedKey: 'activityFailedEventDetails', timedOut: 'ActivityTimedOut', timedOutKey: 'activityTimedOutEventDetails' };
  if (info.kind === 'lambda-function')
    return { failed: 'LambdaFunctionFailed', failedKey: 'lambdaFunctionFailedEventDetails', timedOut: 'LambdaFunctionTimedOut', timedOutKey: 'lambdaFunctionTimedOutEventDetails' };
  return { failed: 'TaskFailed', failedKey: 'taskFailedEventDetails', timedOut: 'TaskTimedOut', timedOutKey: 'taskTimedOutEventDetails' };
}

/** TimeoutSeconds / HeartbeatSeconds (literal, `…Path` or JSONata): a positive integer. */
async function seconds(st: StateRun, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): Promise<number | undefined> {
  const dv = field === 'TimeoutSeconds' ? st.state.timeoutSeconds : st.state.heartbeatSeconds;
  if (dv.kind === 'none') return undefined;
  const v = await st.resolve(dv);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 99_999_999) {
    // unverified text
    throw new StatesError('States.Runtime', `The ${dv.kind === 'path' ? `${field}Path` : field} parameter must be a positive integer, but was: ${jsonText(v ?? null)}`);
  }
  return v;
}
