/**
 * Waiting on the instance scheduler (never a host timer per wait): sleeps and timeouts that
 * end early when the execution is stopped or the state is abandoned.
 */
import type { Scheduler } from '../../../core/scheduler.js';

/** Thrown into a state when its execution was stopped or its Parallel/Map sibling failed. */
export class Aborted extends Error {
  constructor() {
    super('aborted');
  }
}

export function sleep(scheduler: Scheduler, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Aborted());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.cancel();
      reject(new Aborted());
    };
    const timer = scheduler.after(ms, () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** An AbortController that also aborts when `parent` does. */
export function childController(parent: AbortSignal): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort();
    return { controller, dispose() {} };
  }
  const onAbort = () => controller.abort();
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}
