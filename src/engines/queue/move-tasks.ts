/**
 * Dead-letter redrive tasks (StartMessageMoveTask and friends). A task moves the messages that
 * were available in a DLQ when it started, either to one destination or back to each message's
 * DeadLetterQueueSourceArn, paced on the scheduler: a batch per 1 s tick (500, or
 * MaxNumberOfMessagesPerSecond when given), the first batch at once.
 *
 * LIMITATIONS: messages in flight or delayed in the DLQ are not waited for; the task completes
 * once nothing available is left (or its start count is reached). CANCELLING is never observed:
 * a cancel takes effect immediately, so the task goes straight to CANCELLED.
 */
import type { Scheduler, Timer } from '../../core/scheduler.js';
import {
  MoveSourceNotDlq,
  MoveTaskAlreadyRunning,
  MoveTaskHandleInvalid,
  MoveTaskNotFound,
  MoveTaskNotRunning,
  QueueNotFound,
} from './errors.js';
import type { Queue } from './queue.js';
import type { MoveTask, MoveTaskStatus } from './types.js';

const DEFAULT_BATCH = 500;
const TICK_MS = 1000;
/** AWS lists at most the 10 most recent tasks of a source; older finished ones are forgotten. */
const HISTORY_PER_SOURCE = 10;

export interface MoveTaskHost {
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly newId: () => string;
  queueByArn(arn: string): Queue | undefined;
  isDeadLetterQueue(arn: string): boolean;
}

interface TaskState {
  readonly handle: string;
  readonly sourceArn: string;
  readonly destinationArn: string | undefined;
  readonly maxPerSecond: number | undefined;
  readonly toMove: number;
  readonly startedTimestamp: number;
  status: MoveTaskStatus;
  moved: number;
  failureReason?: string;
  timer?: Timer;
}

/** Task handles are base64 JSON naming the source queue and the task, as AWS's are. */
function encodeTaskHandle(sourceArn: string, taskId: string): string {
  return Buffer.from(JSON.stringify({ sourceArn, taskId }), 'utf8').toString('base64');
}

function decodeTaskHandle(handle: string): { sourceArn: string; taskId: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { taskId?: unknown; sourceArn?: unknown };
    return typeof v.taskId === 'string' && typeof v.sourceArn === 'string' ? { taskId: v.taskId, sourceArn: v.sourceArn } : undefined;
  } catch {
    return undefined;
  }
}

export class MoveTasks {
  private readonly byHandle = new Map<string, TaskState>();
  /** Oldest first. */
  private readonly bySource = new Map<string, TaskState[]>();

  constructor(private readonly host: MoveTaskHost) {}

  start(sourceArn: string, destinationArn?: string, maxPerSecond?: number): MoveTask {
    const source = this.host.queueByArn(sourceArn);
    if (!source) throw new QueueNotFound(sourceArn);
    if (!this.host.isDeadLetterQueue(sourceArn)) throw new MoveSourceNotDlq(sourceArn);
    if (destinationArn !== undefined && !this.host.queueByArn(destinationArn)) throw new QueueNotFound(destinationArn);
    const history = this.bySource.get(sourceArn) ?? [];
    if (history.some((t) => t.status === 'RUNNING')) throw new MoveTaskAlreadyRunning(sourceArn);
    const task: TaskState = {
      handle: encodeTaskHandle(sourceArn, this.host.newId()),
      sourceArn,
      destinationArn,
      maxPerSecond,
      toMove: source.counts().visible,
      startedTimestamp: this.host.now(),
      status: 'RUNNING',
      moved: 0,
    };
    history.push(task);
    this.bySource.set(sourceArn, history);
    this.byHandle.set(task.handle, task);
    this.forgetOld(history);
    task.timer = this.host.scheduler.after(0, () => this.tick(task));
    return snapshot(task);
  }

  /** Most recent first. */
  list(sourceArn: string, maxResults: number): MoveTask[] {
    const history = this.bySource.get(sourceArn) ?? [];
    if (maxResults <= 0) return [];
    return history.slice(-maxResults).reverse().map(snapshot);
  }

  /** Checks in AWS's order: a readable handle, then its source queue, then the task. */
  cancel(taskHandle: string): MoveTask {
    const decoded = decodeTaskHandle(taskHandle);
    if (!decoded) throw new MoveTaskHandleInvalid(taskHandle);
    if (!this.host.queueByArn(decoded.sourceArn)) throw new QueueNotFound(decoded.sourceArn);
    const task = this.byHandle.get(taskHandle);
    if (!task) throw new MoveTaskNotFound(taskHandle);
    if (task.status !== 'RUNNING') throw new MoveTaskNotRunning(taskHandle, task.status);
    this.finish(task, 'CANCELLED');
    return snapshot(task);
  }

  close(): void {
    for (const task of this.byHandle.values()) task.timer?.cancel();
    this.byHandle.clear();
    this.bySource.clear();
  }

  private tick(task: TaskState): void {
    task.timer = undefined;
    if (task.status !== 'RUNNING') return;
    const source = this.host.queueByArn(task.sourceArn);
    if (!source) return this.finish(task, 'FAILED', 'AWS.SimpleQueueService.NonExistentQueue');
    const batch = task.maxPerSecond ?? DEFAULT_BATCH;
    for (let i = 0; i < batch && task.moved < task.toMove; i++) {
      const m = source.firstMovable();
      if (!m) break;
      const destArn = task.destinationArn ?? m.deadLetterSourceArn;
      // A message sent straight to the DLQ has no source to go back to (AWS reports this).
      if (destArn === undefined) return this.finish(task, 'FAILED', 'CouldNotDetermineMessageSource');
      const dest = this.host.queueByArn(destArn);
      if (!dest || dest.settings.fifo !== source.settings.fifo) {
        return this.finish(task, 'FAILED', 'AWS.SimpleQueueService.NonExistentQueue');
      }
      source.moveOut(m, dest);
      task.moved++;
    }
    if (task.moved >= task.toMove || !source.firstMovable()) return this.finish(task, 'COMPLETED');
    task.timer = this.host.scheduler.after(TICK_MS, () => this.tick(task));
  }

  private finish(task: TaskState, status: MoveTaskStatus, failureReason?: string): void {
    task.timer?.cancel();
    task.timer = undefined;
    task.status = status;
    if (failureReason !== undefined) task.failureReason = failureReason;
  }

  private forgetOld(history: TaskState[]): void {
    while (history.length > HISTORY_PER_SOURCE && history[0]!.status !== 'RUNNING') {
      this.byHandle.delete(history.shift()!.handle);
    }
  }
}

function snapshot(t: TaskState): MoveTask {
  const out: MoveTask = {
    taskHandle: t.handle,
    status: t.status,
    sourceArn: t.sourceArn,
    approximateNumberOfMessagesMoved: t.moved,
    approximateNumberOfMessagesToMove: t.toMove,
    startedTimestamp: t.startedTimestamp,
  };
  if (t.destinationArn !== undefined) out.destinationArn = t.destinationArn;
  if (t.maxPerSecond !== undefined) out.maxNumberOfMessagesPerSecond = t.maxPerSecond;
  if (t.failureReason !== undefined) out.failureReason = t.failureReason;
  return out;
}
