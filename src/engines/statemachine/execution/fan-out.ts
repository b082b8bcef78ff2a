/**
 * Parallel and Map states. Branches and iterations run in forks of the execution with their own
 * history thread and variable scope; the first failure aborts the rest. Map iterations start in
 * order, the next one once the previous has finished or parked on a wait (so histories read like
 * AWS's), up to MaxConcurrency running at once. Distributed Maps run each item (or batch) as a
 * child execution of a map run.
 */
import type { Json, JsonObject } from '../asl.js';
import { StatesError } from '../errors.js';
import type { CompiledRetrier } from './compile.js';
import { jsonText, Thread } from './history.js';
import { runScope, StateFailure, type StateResult, type StateRun } from './interpreter.js';
import { Aborted, childController } from './wait-signals.js';
import type { MapRunRecord } from './types.js';

export async function runParallel(st: StateRun): Promise<StateResult> {
  const { env, state: s, thread } = st;
  const attempts = new Map<CompiledRetrier, number>();
  for (;;) {
    thread.add('ParallelStateStarted');
    const startedId = thread.last;
    let failedAt = 0;
    try {
      const input = await s.io.payload(st);
      const { controller, dispose } = childController(env.signal);
      const threads = s.branches.map(() => {
        const t = new Thread(env.log, startedId);
        return t;
      });
      let failure: unknown;
      const results = await Promise.allSettled(
        s.branches.map((branch, i) =>
          runScope(env.fork(controller.signal), branch, input, threads[i] as Thread, st.vars.child(), undefined).catch((e: unknown) => {
            if (failure === undefined && !(e instanceof Aborted)) {
              failure = e;
              failedAt = (threads[i] as Thread).last;
              controller.abort();
            }
            throw e;
          }),
        ),
      );
      dispose();
      if (env.signal.aborted) throw new Aborted();
      if (failure !== undefined) throw failure;
      const outputs = results.map((r) => (r as PromiseFulfilledResult<Json>).value);
      // AWS: ParallelStateSucceeded and ParallelStateExited both link to the last branch event.
      const last = env.log.lastId;
      thread.addLinked('ParallelStateSucceeded', last);
      return await st.finish(outputs, last);
    } catch (e) {
      if (e instanceof Aborted || !(e instanceof StatesError)) throw e;
      const f = st.attribute(e) as StateFailure;
      if (failedAt) thread.last = failedAt;
      if (!f.catchable) throw f;
      const delay = st.retryDelay(f.error, attempts);
      if (delay !== undefined) {
        await st.waitRetry(delay);
        continue;
      }
      const failedId = thread.add('ParallelStateFailed');
      const c = st.catcherFor(f.error);
      if (c) return st.caught(c, f, failedId);
      throw f;
    }
  }
}

export async function runMap(st: StateRun): Promise<StateResult> {
  const { state: s, thread } = st;
  const attempts = new Map<CompiledRetrier, number>();
  for (;;) {
    let failedAt = 0;
    try {
      const items = await s.io.items(st);
      const maxConcurrency = await nonNegative(st, s.maxConcurrency, 'MaxConcurrency', 0);
      thread.add('MapStateStarted', 'mapStateStartedEventDetails', { length: items.length });
      let outputs: Json[];
      let lastLink: number;
      let exitLink: number;
      if (s.distributed) {
        // AWS: MapStateSucceeded and (in most recordings) MapStateExited link to MapRunSucceeded.
        ({ outputs, lastLink } = await runDistributed(st, items, maxConcurrency));
        exitLink = lastLink;
      } else {
        const r = await runInline(st, items, maxConcurrency);
        outputs = r.outputs;
        lastLink = exitLink = r.lastLink;
        if (r.failure !== undefined) {
          failedAt = r.failedAt;
          throw r.failure;
        }
      }
      thread.addLinked('MapStateSucceeded', lastLink);
      return await st.finish(outputs, exitLink);
    } catch (e) {
      if (e instanceof Aborted || !(e instanceof StatesError)) throw e;
      const f = st.attribute(e) as StateFailure;
      if (!f.catchable) throw f;
      const delay = st.retryDelay(f.error, attempts);
      if (delay !== undefined) {
        // AWS links the retried MapStateStarted to the failed iteration's last event.
        if (failedAt) thread.last = failedAt;
        await st.waitRetry(delay);
        continue;
      }
      const failedId = thread.addLinked('MapStateFailed', failedAt || thread.last);
      thread.last = failedId;
      const c = st.catcherFor(f.error);
      if (c) return st.caught(c, f, failedId);
      throw f;
    }
  }
}

async function nonNegative(st: StateRun, dv: StateRun['state']['maxConcurrency'], field: string, dflt: number): Promise<number> {
  if (dv.kind === 'none') return dflt;
  let v = await st.resolve(dv);
  // AWS accepts numeric text from a path or variable ("1").
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v);
  if (typeof v !== 'number' || v < 0 || !Number.isFinite(v)) {
    // unverified text
    throw new StatesError('States.Runtime', `The ${dv.kind === 'path' ? `${field}Path` : field} field must be a non-negative number, but was: ${jsonText(v ?? null)}`);
  }
  return v;
}

/** The iteration input: ItemSelector (or legacy Parameters) sees `$$.Map.Item`. */
async function itemInput(st: StateRun, item: Json, index: number): Promise<{ input: Json; extra: JsonObject }> {
  const s = st.state;
  const extra: JsonObject = { Map: { Item: { Index: index, Value: item } } };
  const input = await s.io.itemInput(st, item, extra);
  return { input, extra };
}

interface InlineOutcome {
  outputs: Json[];
  lastLink: number;
  failure?: unknown;
  failedAt: number;
}

async function runInline(st: StateRun, items: Json[], maxConcurrency: number): Promise<InlineOutcome> {
  const { env, state: s, thread } = st;
  const processor = s.processor!;
  const outputs: Json[] = new Array(items.length);
  const limit = maxConcurrency === 0 ? Infinity : maxConcurrency;
  const { controller, dispose } = childController(env.signal);
  let failure: unknown;
  let failedAt = 0;
  let lastLink = thread.last;
  let prevThread: Thread | undefined;
  let running = 0;
  let slotFreed: (() => void) | undefined;
  const all: Promise<void>[] = [];

  for (let i = 0; i < items.length && failure === undefined && !controller.signal.aborted; i++) {
    while (running >= limit) await new Promise<void>((r) => (slotFreed = r));
    if (failure !== undefined || controller.signal.aborted) break;
    const link = prevThread ? prevThread.last : thread.last;
    const startedId = thread.addLinked('MapIterationStarted', link, 'mapIterationStartedEventDetails', { index: i, name: s.name });
    const t = new Thread(env.log, startedId);
    prevThread = t;
    running++;
    let parked!: () => void;
    const parkedOrDone = new Promise<void>((r) => (parked = r));
    const index = i;
    const run = (async () => {
      try {
        const { input, extra } = await itemInput(st, items[index] as Json, index);
        outputs[index] = await runScope(env.fork(controller.signal, parked), processor, input, t, st.vars.child(), extra);
        lastLink = thread.addLinked('MapIterationSucceeded', t.last, 'mapIterationSucceededEventDetails', { index, name: s.name });
      } catch (e) {
        if (e instanceof Aborted) {
          thread.addLinked('MapIterationAborted', t.last, 'mapIterationAbortedEventDetails', { index, name: s.name });
        } else if (failure === undefined) {
          failure = e;
          failedAt = t.last;
          thread.addLinked('MapIterationFailed', t.last, 'mapIterationFailedEventDetails', { index, name: s.name });
          controller.abort();
        }
      } finally {
        running--;
        parked();
        const f = slotFreed;
        slotFreed = undefined;
        f?.();
      }
    })();
    all.push(run);
    await parkedOrDone;
  }
  await Promise.all(all);
  dispose();
  if (env.signal.aborted) throw new Aborted();
  const out: InlineOutcome = { outputs, lastLink, failedAt };
  if (failure !== undefined) out.failure = failure;
  return out;
}

async function runDistributed(st: StateRun, items: Json[], maxConcurrency: number): Promise<{ outputs: Json[]; lastLink: number }> {
  const { env, state: s, thread } = st;
  const services = env.services;
  const processor = s.processor!;
  const express = s.def.ItemProcessor?.ProcessorConfig?.ExecutionType === 'EXPRESS';
  const toleratedPercent = await nonNegative(st, s.toleratedFailurePercentage, 'ToleratedFailurePercentage', 0);
  const toleratedCount = await nonNegative(st, s.toleratedFailureCount, 'ToleratedFailureCount', 0);
  // ItemBatcher: each child gets {Items: [...], ...BatchInput}.
  let inputs: Json[] = [];
  if (s.itemBatcher) {
    const maxItems = await nonNegative(st, s.itemBatcher.maxItems, 'MaxItemsPerBatch', 0);
    const maxBytes = await nonNegative(st, s.itemBatcher.maxBytes, 'MaxInputBytesPerBatch', 262_144);
    const batchInput = await s.io.batchInput(st);
    let batch: Json[] = [];
    let bytes = 0;
    for (let i = 0; i < items.length; i++) {
      const { input } = await itemInput(st, items[i] as Json, i);
      const size = Buffer.byteLength(jsonText(input));
      if (batch.length > 0 && ((maxItems > 0 && batch.length >= maxItems) || bytes + size > maxBytes)) {
        inputs.push({ ...(batchInput as JsonObject), Items: batch });
        batch = [];
        bytes = 0;
      }
      batch.push(input);
      bytes += size;
    }
    if (batch.length > 0) inputs.push({ ...(batchInput as JsonObject), Items: batch });
  } else {
    inputs = [];
    for (let i = 0; i < items.length; i++) inputs.push((await itemInput(st, items[i] as Json, i)).input);
  }
  const mapRunArn = services.newMapRunArn(env.exec, s.def.Label);
  const counts = () => ({ pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 });
  const run: MapRunRecord = {
    mapRunArn,
    executionArn: env.exec.executionArn,
    status: 'RUNNING',
    startDate: env.clock.now(),
    maxConcurrency,
    toleratedFailurePercentage: toleratedPercent,
    toleratedFailureCount: toleratedCount,
    itemCounts: counts(),
    executionCounts: counts(),
    redriveCount: 0,
  };
  run.itemCounts.total = items.length;
  run.itemCounts.pending = items.length;
  run.executionCounts.total = inputs.length;
  run.executionCounts.pending = inputs.length;
  services.mapRunCreated(env.exec, run);
  thread.add('MapRunStarted', 'mapRunStartedEventDetails', { mapRunArn });
  const outputs: Json[] = new Array(inputs.length);
  let next = 0;
  let failed = 0;
  const itemsIn = (k: number) => (s.itemBatcher ? ((inputs[k] as JsonObject).Items as Json[]).length : 1);
  const worker = async () => {
    while (next < inputs.length && !env.signal.aborted) {
      const k = next++;
      run.executionCounts.pending--;
      run.executionCounts.running++;
      run.itemCounts.pending -= itemsIn(k);
      run.itemCounts.running += itemsIn(k);
      const child = await services.runChild(env.exec, processor, inputs[k] as Json, mapRunArn, express);
      run.executionCounts.running--;
      run.itemCounts.running -= itemsIn(k);
      if (child.status === 'SUCCEEDED') {
        run.executionCounts.succeeded++;
        run.itemCounts.succeeded += itemsIn(k);
        outputs[k] = child.output === undefined ? null : (JSON.parse(child.output) as Json);
      } else {
        failed += itemsIn(k);
        const key = child.status === 'TIMED_OUT' ? 'timedOut' : child.status === 'ABORTED' ? 'aborted' : 'failed';
        run.executionCounts[key]++;
        run.itemCounts[key] += itemsIn(k);
        outputs[k] = { Error: child.error ?? null, Cause: child.cause ?? null };
      }
    }
  };
  env.park();
  const workers = Math.min(maxConcurrency === 0 ? 1000 : maxConcurrency, Math.max(inputs.length, 1));
  await Promise.all(Array.from({ length: workers }, worker));
  if (env.signal.aborted) {
    run.status = 'ABORTED';
    run.stopDate = env.clock.now();
    throw new Aborted();
  }
  run.stopDate = env.clock.now();
  const tooMany =
    failed > 0 &&
    (s.toleratedFailureCount.kind === 'none' || failed > toleratedCount) &&
    (s.toleratedFailurePercentage.kind === 'none' || (failed / Math.max(items.length, 1)) * 100 > toleratedPercent);
  if (tooMany) {
    run.status = 'FAILED';
    const error = 'States.ExceedToleratedFailureThreshold';
    const cause = 'The specified tolerated failure threshold was exceeded'; // unverified text
    thread.add('MapRunFailed', 'mapRunFailedEventDetails', { error, cause });
    throw new StateFailure(error, cause);
  }
  run.status = 'SUCCEEDED';
  thread.add('MapRunSucceeded');
  return { outputs, lastLink: thread.last };
}
