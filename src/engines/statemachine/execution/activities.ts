/**
 * Activity task queues: scheduled activity tasks wait here until a worker's GetActivityTask
 * long poll takes them (FIFO per activity ARN; waiting pollers are served first come first served).
 */
import type { Scheduler, Timer } from '../../../core/scheduler.js';
import { LinkedMap } from '../../../core/linked-map.js';

export interface QueuedActivityTask {
  taskToken: string;
  input: string;
  /** Called when a worker takes it (ActivityStarted). */
  started(workerName: string | undefined): void;
}

interface Poller {
  workerName: string | undefined;
  deliver(task: QueuedActivityTask | undefined): void;
}

interface ActivityQueue {
  tasks: LinkedMap<string, QueuedActivityTask>;
  pollers: Poller[];
}

export class ActivityQueues {
  private readonly queues = new Map<string, ActivityQueue>();
  constructor(private readonly scheduler: Scheduler) {}

  private queue(arn: string): ActivityQueue {
    let q = this.queues.get(arn);
    if (!q) this.queues.set(arn, (q = { tasks: new LinkedMap(), pollers: [] }));
    return q;
  }

  enqueue(activityArn: string, task: QueuedActivityTask): void {
    const q = this.queue(activityArn);
    const poller = q.pollers.shift();
    if (poller) {
      task.started(poller.workerName);
      poller.deliver(task);
    } else q.tasks.set(task.taskToken, task);
  }

  /** Withdraw a task nobody took yet (timed out, execution stopped). */
  withdraw(activityArn: string, taskToken: string): void {
    this.queues.get(activityArn)?.tasks.delete(taskToken);
  }

  poll(activityArn: string, workerName: string | undefined, waitMs: number, signal: AbortSignal): Promise<QueuedActivityTask | undefined> {
    const q = this.queue(activityArn);
    const first = q.tasks.first();
    if (first) {
      q.tasks.delete(first.taskToken);
      first.started(workerName);
      return Promise.resolve(first);
    }
    if (waitMs <= 0 || signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let timer: Timer | undefined;
      const poller: Poller = {
        workerName,
        deliver: (task) => {
          timer?.cancel();
          signal.removeEventListener('abort', onAbort);
          resolve(task);
        },
      };
      const leave = () => {
        const i = q.pollers.indexOf(poller);
        if (i >= 0) q.pollers.splice(i, 1);
        poller.deliver(undefined);
      };
      const onAbort = () => leave();
      timer = this.scheduler.after(waitMs, leave);
      signal.addEventListener('abort', onAbort, { once: true });
      q.pollers.push(poller);
    });
  }

  /** An activity was deleted: its waiting workers get nothing. */
  drop(activityArn: string): void {
    const q = this.queues.get(activityArn);
    if (!q) return;
    this.queues.delete(activityArn);
    for (const p of q.pollers.splice(0)) p.deliver(undefined);
  }
}
