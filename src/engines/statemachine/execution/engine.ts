/**
 * The execution engine: runs executions of compiled state machines on the instance's clock and
 * scheduler, records their history, and holds task tokens, activity task queues and map runs.
 * No HTTP here: the Step Functions service maps operations onto these methods.
 *
 * LIMITATIONS: Express executions are not stopped at AWS's five-minute maximum duration (a
 * runaway Express loop runs until stopped, yielding every turn, with at most 25,000 history
 * events kept).
 */
import type { Clock } from '../../../core/clock.js';
import type { Scheduler, Timer } from '../../../core/scheduler.js';
import type { Logger } from '../../../core/logger.js';
import { cryptoRandomness, type Randomness } from '../../../core/ids.js';
import type { Json, JsonObject } from '../asl.js';
import { SfnDomainError } from '../errors.js';
import type { CompiledMachine } from './compile.js';
import { HistoryLog, jsonText, NOT_TRUNCATED, Thread } from './history.js';
import { RunQueue, type Defer } from './run-queue.js';
import { runScope, StateFailure } from './interpreter.js';
import { RunEnv, type EngineServices } from './run-env.js';
import { VariableScope } from './scope.js';
import { ActivityQueues } from './activities.js';
import { TaskTokens } from './tokens.js';
import { Aborted } from './wait-signals.js';
import { testState, type TestStateRequest, type TestStateResult } from './test-state.js';
import type {
  ExecutionRecord,
  ExecutionStatusPort,
  ExecutionTarget,
  ListExecutionsFilter,
  MapRunRecord,
  MockLookup,
  StartOptions,
  TaskPort,
} from './types.js';
import { buildArn } from '../../../core/arn.js';

export { compileMachine } from './compile.js';

export interface ExecutionEngineOptions {
  clock: Clock;
  scheduler: Scheduler;
  tasks: TaskPort;
  mocks?: MockLookup;
  /** Multiplies Wait durations, retry intervals and task timeouts (0 = instant), like SFN Local's -waitTimeScale. */
  waitTimeScale?: number;
  logger?: Logger;
  /**
   * How executions give the event loop a turn once the shared transition budget is spent: run
   * the callback from a later macrotask (the server passes setImmediate). Default: a 0 ms timer
   * on the injected scheduler (deterministic under a fake clock: it fires when time advances).
   */
  defer?: Defer;
  /** State transitions per turn, shared by all executions (default TRANSITIONS_PER_TURN). */
  transitionsPerTurn?: number;
  /** Status changes of Standard executions (Express executions send none, as AWS documents). */
  statusChanges?: ExecutionStatusPort;
  /** Execution names, ARNs, map-run ids, task tokens, retry jitter, $random/$uuid/States.UUID (default node:crypto). */
  random?: Randomness;
}

export interface ActivityTask {
  taskToken: string;
  input: string;
}

interface Live {
  record: ExecutionRecord;
  controller: AbortController;
  /** Why it is being stopped (StopExecution, the execution timeout, the history quota). */
  stop?: { kind: 'abort'; error?: string; cause?: string } | { kind: 'timeout' } | { kind: 'history' };
  log?: HistoryLog;
  timeout?: Timer;
  done: Promise<void>;
  finish(): void;
  env?: RunEnv;
  /** Where a redrive restarts: the top-level state that failed and its input. */
  resumeAt?: { name: string; input: Json };
}

const REDRIVE_WINDOW_MS = 14 * 86_400_000;

export class ExecutionEngine {
  private readonly executions = new Map<string, Live>();
  private readonly byMachine = new Map<string, ExecutionRecord[]>();
  private readonly byMapRun = new Map<string, ExecutionRecord[]>();
  private readonly mapRuns = new Map<string, MapRunRecord>();
  private readonly mapRunsByExecution = new Map<string, MapRunRecord[]>();
  private readonly tokens: TaskTokens;
  private readonly random: Randomness;
  private readonly activities: ActivityQueues;
  private readonly services: EngineServices;
  private readonly runQueue: RunQueue;
  private closed = false;

  constructor(readonly options: ExecutionEngineOptions) {
    const random = options.random ?? cryptoRandomness;
    this.random = random;
    this.tokens = new TaskTokens(random);
    this.activities = new ActivityQueues(options.scheduler);
    const defer: Defer = options.defer ?? ((fn) => void options.scheduler.after(0, fn));
    this.runQueue = new RunQueue(defer, options.transitionsPerTurn);
    const runQueue = this.runQueue;
    const svc: EngineServices = {
      clock: options.clock,
      scheduler: options.scheduler,
      tasks: options.tasks,
      tokens: this.tokens,
      activities: this.activities,
      waitTimeScale: options.waitTimeScale ?? 1,
      random,
      turn: () => runQueue.step(),
      runChild: (parent, machine, input, mapRunArn, express) => this.runChild(parent, machine, input, mapRunArn, express),
      newMapRunArn: (parent, label) => {
        const machine = parent.target.stateMachineName;
        return buildArn({ service: 'states', region: parent.target.region, account: parent.target.account, resource: `mapRun:${machine}/${label ?? Buffer.from(random.bytes(4)).toString('hex')}:${random.uuid()}` });
      },
      mapRunCreated: (parent, run) => {
        this.mapRuns.set(run.mapRunArn, run);
        push(this.mapRunsByExecution, parent.executionArn, run);
      },
    };
    if (options.mocks) svc.mocks = options.mocks;
    if (options.logger) svc.logger = options.logger;
    this.services = svc;
  }

  /** Start an execution (Standard, or Express async). Throws SfnDomainError('ExecutionAlreadyExists'). */
  start(target: ExecutionTarget, options: StartOptions): ExecutionRecord {
    const name = options.name ?? this.random.uuid();
    const arn =
      target.type === 'EXPRESS'
        ? buildArn({ service: 'states', region: target.region, account: target.account, resource: `express:${target.stateMachineName}:${name}:${this.random.uuid()}` })
        : buildArn({ service: 'states', region: target.region, account: target.account, resource: `execution:${target.stateMachineName}:${name}` });
    const existing = this.executions.get(arn);
    if (existing) {
      // AWS: the same name and input while it runs is idempotent; anything else is a conflict.
      if (existing.record.status === 'RUNNING' && existing.record.input === options.input) return existing.record;
      throw new SfnDomainError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const record: ExecutionRecord = {
      executionArn: arn,
      name,
      target,
      status: 'RUNNING',
      startDate: this.options.clock.now(),
      input: options.input,
      redriveCount: 0,
      history: [],
    };
    if (options.traceHeader !== undefined) record.traceHeader = options.traceHeader;
    if (options.testCase !== undefined) {
      if (!this.options.mocks?.hasTestCase(target.stateMachineName, options.testCase)) {
        // unverified text (Step Functions Local rejects an unknown test case at start)
        throw new SfnDomainError('InvalidArn', `Invalid Arn: 'Test case ${options.testCase} not found for state machine ${target.stateMachineName} in the mock config'`);
      }
      record.testCase = options.testCase;
    }
    this.launch(record, undefined);
    return record;
  }

  /** StartSyncExecution (Express): resolves when the execution ends. */
  async startSync(target: ExecutionTarget, options: StartOptions): Promise<ExecutionRecord> {
    const record = this.start(target, options);
    await this.awaitEnd(record.executionArn);
    return record;
  }

  /** Resolves when the execution has ended (or at once when unknown / already ended). */
  awaitEnd(executionArn: string, signal?: AbortSignal): Promise<void> {
    const live = this.executions.get(executionArn);
    if (!live || live.record.status !== 'RUNNING') return Promise.resolve();
    if (!signal) return live.done;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new Aborted());
      signal.addEventListener('abort', onAbort, { once: true });
      live.done.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.executions.get(executionArn)?.record;
  }

  /** Newest first. */
  list(filter: ListExecutionsFilter): ExecutionRecord[] {
    let source: ExecutionRecord[];
    if (filter.mapRunArn !== undefined) source = this.byMapRun.get(filter.mapRunArn) ?? [];
    else if (filter.stateMachineArn !== undefined) source = this.byMachine.get(filter.stateMachineArn) ?? [];
    else source = [...this.executions.values()].map((l) => l.record);
    const out: ExecutionRecord[] = [];
    for (let i = source.length - 1; i >= 0; i--) {
      const r = source[i] as ExecutionRecord;
      if (filter.status !== undefined && r.status !== filter.status) continue;
      if (filter.versionArn !== undefined && r.target.versionArn !== filter.versionArn) continue;
      if (filter.aliasArn !== undefined && r.target.aliasArn !== filter.aliasArn) continue;
      if (filter.redriveFilter === 'REDRIVEN' && r.redriveCount === 0) continue;
      if (filter.redriveFilter === 'NOT_REDRIVEN' && r.redriveCount > 0) continue;
      out.push(r);
    }
    return out;
  }

  stop(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const live = this.executions.get(executionArn);
    if (!live) throw new SfnDomainError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (live.record.status === 'RUNNING' && !live.stop) {
      const stop: Live['stop'] = { kind: 'abort' };
      if (error !== undefined) stop.error = error;
      if (cause !== undefined) stop.cause = cause;
      live.stop = stop;
      live.controller.abort();
      // End it now, as AWS does: DescribeExecution right after StopExecution says ABORTED.
      this.end(live, 'ABORTED', undefined);
    } else if (live.record.status === 'PENDING_REDRIVE') {
      this.end(live, 'ABORTED', undefined);
    }
    return live.record;
  }

  redrive(executionArn: string): ExecutionRecord {
    const live = this.executions.get(executionArn);
    if (!live) throw new SfnDomainError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    const r = live.record;
    const now = this.options.clock.now();
    const redrivable =
      r.target.type === 'STANDARD' &&
      (r.status === 'FAILED' || r.status === 'TIMED_OUT' || r.status === 'ABORTED') &&
      r.mapRunArn === undefined &&
      live.resumeAt !== undefined &&
      now - (r.stopDate ?? now) <= REDRIVE_WINDOW_MS;
    if (!redrivable) {
      // unverified text
      throw new SfnDomainError('ExecutionNotRedrivable', `Execution '${executionArn}' cannot be redriven. Only FAILED, TIMED_OUT or ABORTED Standard executions that ran a state can be redriven within 14 days.`);
    }
    r.redriveCount++;
    r.redriveDate = now;
    r.status = 'RUNNING';
    delete r.stopDate;
    delete r.error;
    delete r.cause;
    delete r.output;
    this.launch(r, live);
    return r;
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    this.tokens.find(taskToken).succeed(output);
  }
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.find(taskToken).fail(error, cause);
  }
  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.find(taskToken).heartbeat();
  }

  /** Long-poll an activity's task queue for up to `waitMs`; undefined when nothing came. */
  async pollActivity(activityArn: string, workerName: string | undefined, waitMs: number, signal: AbortSignal): Promise<ActivityTask | undefined> {
    const task = await this.activities.poll(activityArn, workerName, waitMs, signal);
    return task && { taskToken: task.taskToken, input: task.input };
  }

  /** An activity was deleted: waiting workers return empty-handed. */
  activityDeleted(activityArn: string): void {
    this.activities.drop(activityArn);
  }

  getMapRun(mapRunArn: string): MapRunRecord | undefined {
    return this.mapRuns.get(mapRunArn);
  }
  listMapRuns(executionArn: string): MapRunRecord[] {
    return this.mapRunsByExecution.get(executionArn) ?? [];
  }
  updateMapRun(mapRunArn: string, changes: { maxConcurrency?: number; toleratedFailurePercentage?: number; toleratedFailureCount?: number }): void {
    const run = this.mapRuns.get(mapRunArn);
    if (!run) throw new SfnDomainError('ResourceNotFound', `Resource not found: '${mapRunArn}'`);
    if (changes.maxConcurrency !== undefined) run.maxConcurrency = changes.maxConcurrency;
    if (changes.toleratedFailurePercentage !== undefined) run.toleratedFailurePercentage = changes.toleratedFailurePercentage;
    if (changes.toleratedFailureCount !== undefined) run.toleratedFailureCount = changes.toleratedFailureCount;
  }

  /** TestState: run one state once (see test-state.ts). */
  testState(request: TestStateRequest): Promise<TestStateResult> {
    return testState(this.services, request);
  }

  /** Called when a state machine is deleted: its running executions are stopped. */
  machineDeleted(stateMachineArn: string): void {
    for (const r of this.byMachine.get(stateMachineArn) ?? []) if (r.status === 'RUNNING') this.stop(r.executionArn);
  }

  close(): void {
    this.closed = true;
    this.runQueue.close();
    for (const live of this.executions.values()) {
      if (live.record.status === 'RUNNING') {
        live.stop = { kind: 'abort' };
        live.controller.abort();
        live.timeout?.cancel();
      }
    }
  }

  // ---- running ---------------------------------------------------------------------------

  private launch(record: ExecutionRecord, previous: Live | undefined): void {
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const live: Live = { record, controller: new AbortController(), done, finish };
    if (previous?.resumeAt) live.resumeAt = previous.resumeAt;
    const isNew = !this.executions.has(record.executionArn);
    this.executions.set(record.executionArn, live);
    if (isNew) {
      push(this.byMachine, record.target.stateMachineArn, record);
      if (record.mapRunArn !== undefined) push(this.byMapRun, record.mapRunArn, record);
    }
    const machine = record.target.compiled as CompiledMachine;
    const log = new HistoryLog(record.history, this.options.clock, record.target.type === 'EXPRESS' ? 'drop' : 'fail');
    live.log = log;
    // AWS's 25,000-event quota: the log has recorded ExecutionFailed; stop everything still running.
    log.onLimit = () => {
      if (record.status !== 'RUNNING' || live.stop) return;
      live.stop = { kind: 'history' };
      live.controller.abort();
      this.end(live, 'FAILED', undefined, undefined, log.events[log.events.length - 1]?.executionFailedEventDetails as { error: string; cause: string });
    };
    let thread: Thread;
    if (previous) {
      thread = new Thread(log, log.lastId);
      thread.add('ExecutionRedriven', 'executionRedrivenEventDetails', { redriveCount: record.redriveCount });
      thread.stateLink = thread.last;
    } else {
      const details: Record<string, unknown> = { input: record.input, inputDetails: NOT_TRUNCATED, roleArn: record.target.roleArn };
      if (record.target.aliasArn !== undefined) details.stateMachineAliasArn = record.target.aliasArn;
      if (record.target.versionArn !== undefined) details.stateMachineVersionArn = record.target.versionArn;
      log.add('ExecutionStarted', 0, 'executionStartedEventDetails', details);
      thread = new Thread(log, 1);
      thread.stateLink = 0;
    }
    const ctxExecution: JsonObject = {
      Id: record.executionArn,
      Input: JSON.parse(record.input) as Json,
      Name: record.name,
      RoleArn: record.target.roleArn,
      StartTime: new Date(record.startDate).toISOString(),
      RedriveCount: record.redriveCount,
    };
    if (record.redriveDate !== undefined) ctxExecution.RedriveTime = new Date(record.redriveDate).toISOString();
    const stateMachineId = record.target.versionArn ?? record.target.stateMachineArn;
    const env = new RunEnv(this.services, record, log, live.controller.signal, undefined, {
      Execution: ctxExecution,
      StateMachine: { Id: stateMachineId, Name: record.target.stateMachineName },
    });
    live.env = env;
    if (machine.timeoutSeconds !== undefined) {
      const ms = (machine.timeoutSeconds * 1000 - (this.options.clock.now() - record.startDate)) * (this.options.waitTimeScale ?? 1);
      live.timeout = this.options.scheduler.after(Math.max(0, ms), () => {
        if (record.status !== 'RUNNING' || live.stop) return;
        live.stop = { kind: 'timeout' };
        live.controller.abort();
        this.end(live, 'TIMED_OUT', undefined);
      });
    }
    const input = previous?.resumeAt ? previous.resumeAt.input : (ctxExecution.Input as Json);
    const startAt = previous?.resumeAt ? previous.resumeAt.name : machine.startAt;
    this.statusChanged(record);
    // Run after StartExecution has answered (AWS starts asynchronously).
    void Promise.resolve().then(async () => {
      try {
        const output = await runScope(env, machine, input, thread, new VariableScope(), undefined, startAt);
        if (record.status !== 'RUNNING') return;
        this.end(live, 'SUCCEEDED', output, thread);
      } catch (e) {
        if (record.status !== 'RUNNING') return;
        if (env.current) live.resumeAt = env.current;
        if (e instanceof StateFailure) {
          this.end(live, 'FAILED', undefined, thread, e.error, e.cause);
        } else if (e instanceof Aborted) {
          this.end(live, 'ABORTED', undefined, thread);
        } else {
          this.options.logger?.error?.(`Step Functions: execution ${record.executionArn} hit an internal error: ${(e as Error)?.stack ?? String(e)}`);
          this.end(live, 'FAILED', undefined, thread, 'States.Runtime', `Internal error in Signalbox: ${(e as Error)?.message ?? String(e)}`);
        }
      }
    });
  }

  private end(
    live: Live,
    status: ExecutionRecord['status'],
    output: Json | undefined,
    thread?: Thread,
    error?: string | { error: string; cause: string },
    cause?: string,
  ): void {
    const r = live.record;
    if (r.status !== 'RUNNING') return;
    live.timeout?.cancel();
    const log = live.log ?? new HistoryLog(r.history, this.options.clock);
    const prev = thread ? thread.last : log.lastId;
    r.status = status;
    r.stopDate = this.options.clock.now();
    if (typeof error === 'object') {
      // The history quota: ExecutionFailed is already the log's last event.
      r.error = error.error;
      r.cause = error.cause;
    } else if (status === 'SUCCEEDED') {
      r.output = jsonText(output ?? null);
      log.add('ExecutionSucceeded', prev, 'executionSucceededEventDetails', { output: r.output, outputDetails: NOT_TRUNCATED });
    } else if (status === 'FAILED') {
      if (error !== undefined) r.error = error;
      if (cause !== undefined) r.cause = cause;
      log.add('ExecutionFailed', prev, 'executionFailedEventDetails', withDefined({ error, cause }));
    } else if (status === 'TIMED_OUT') {
      r.error = 'States.Timeout';
      log.add('ExecutionTimedOut', log.lastId, 'executionTimedOutEventDetails', { error: 'States.Timeout' });
    } else if (status === 'ABORTED') {
      const stop = live.stop?.kind === 'abort' ? live.stop : undefined;
      if (stop?.error !== undefined) r.error = stop.error;
      if (stop?.cause !== undefined) r.cause = stop.cause;
      log.add('ExecutionAborted', log.lastId, 'executionAbortedEventDetails', withDefined({ error: stop?.error, cause: stop?.cause }));
    }
    this.statusChanged(r);
    live.finish();
  }

  /** Tell the status port (Standard executions only); a failing port never fails the execution. */
  private statusChanged(record: ExecutionRecord): void {
    const port = this.options.statusChanges;
    if (!port || record.target.type !== 'STANDARD' || this.closed) return;
    try {
      port.changed(record);
    } catch (e) {
      this.options.logger?.warn(`Step Functions: status change of ${record.executionArn} not published: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private async runChild(parent: ExecutionRecord, machine: CompiledMachine, input: Json, mapRunArn: string, express: boolean): Promise<ExecutionRecord> {
    const label = mapRunArn.split(':')[6] ?? parent.target.stateMachineName;
    const name = this.random.uuid();
    const target: ExecutionTarget = {
      ...parent.target,
      stateMachineArn: buildArn({ service: 'states', region: parent.target.region, account: parent.target.account, resource: `stateMachine:${label}` }),
      stateMachineName: label,
      type: express ? 'EXPRESS' : 'STANDARD',
      compiled: machine,
    };
    const arn = express
      ? buildArn({ service: 'states', region: target.region, account: target.account, resource: `express:${label}:${name}:${this.random.uuid()}` })
      : buildArn({ service: 'states', region: target.region, account: target.account, resource: `execution:${label}:${name}` });
    const record: ExecutionRecord = {
      executionArn: arn,
      name,
      target,
      status: 'RUNNING',
      startDate: this.options.clock.now(),
      input: jsonText(input),
      redriveCount: 0,
      mapRunArn,
      history: [],
    };
    if (parent.testCase !== undefined) record.testCase = parent.testCase;
    if (this.closed) return record;
    this.launch(record, undefined);
    const parentLive = this.executions.get(parent.executionArn);
    const onAbort = () => this.stop(arn);
    parentLive?.controller.signal.addEventListener('abort', onAbort, { once: true });
    await this.awaitEnd(arn);
    parentLive?.controller.signal.removeEventListener('abort', onAbort);
    return record;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function withDefined(o: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k] as string;
  return out;
}
