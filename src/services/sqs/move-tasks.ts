/** Start/List/CancelMessageMoveTask: DLQ redrive tasks run by the queue engine. */
import type { MoveTask, QueueEngine } from '../../engines/queue/index.js';
import type { Handlers } from '../context.js';
import { invalidParam, invalidParameterValue, mapEngineError, sqsError } from './errors.js';
import { parseQueueArn } from './queue-url.js';

function requireArn(engine: QueueEngine, param: 'SourceArn' | 'DestinationArn', arn: string): void {
  if (!parseQueueArn(arn) && !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(arn))
    throw invalidParameterValue(`You must use this format to specify the ${param}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>`);
  if (!engine.getQueueByArn(arn))
    throw sqsError('ResourceNotFoundException', `The resource that you specified for the ${param} parameter doesn't exist.`);
}

/** AWS task handles are base64 JSON naming the task and its source queue. */
function decodeTaskHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { taskId?: unknown; sourceArn?: unknown };
    return typeof v.taskId === 'string' && typeof v.sourceArn === 'string' ? { taskId: v.taskId, sourceArn: v.sourceArn } : undefined;
  } catch {
    return undefined;
  }
}

function toWire(t: MoveTask): Record<string, unknown> {
  return {
    TaskHandle: t.status === 'RUNNING' ? t.taskHandle : undefined,
    Status: t.status,
    SourceArn: t.sourceArn,
    DestinationArn: t.destinationArn,
    MaxNumberOfMessagesPerSecond: t.maxNumberOfMessagesPerSecond,
    ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved,
    ApproximateNumberOfMessagesToMove: t.approximateNumberOfMessagesToMove,
    FailureReason: t.failureReason,
    StartedTimestamp: t.startedTimestamp,
  };
}

export function moveTaskOperations(engine: QueueEngine): Handlers {
  return {
    StartMessageMoveTask(input, ctx) {
      const source = String(input.SourceArn);
      const dest = input.DestinationArn as string | undefined;
      const rate = input.MaxNumberOfMessagesPerSecond as number | undefined;
      requireArn(engine, 'SourceArn', source);
      if (dest !== undefined) requireArn(engine, 'DestinationArn', dest);
      if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500))
        throw invalidParam('MaxNumberOfMessagesPerSecond', rate, 'Must be between 1 and 500.');
      try {
        return { TaskHandle: engine.startMoveTask(source, dest, rate).taskHandle };
      } catch (e) {
        throw mapEngineError(e, ctx);
      }
    },

    ListMessageMoveTasks(input) {
      const source = String(input.SourceArn);
      const max = input.MaxResults as number | undefined;
      if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10))
        throw invalidParam('MaxResults', max, 'Must be between 1 and 10, if provided.');
      requireArn(engine, 'SourceArn', source);
      return { Results: engine.listMoveTasks(source, max ?? 1).map(toWire) };
    },

    CancelMessageMoveTask(input, ctx) {
      const handle = String(input.TaskHandle);
      const decoded = decodeTaskHandle(handle);
      // AWS: an undecodable handle is a bad value, a well-formed one names a source first
      // (test_sqs_move_task.snapshot.json: test_cancel_with_invalid_*).
      if (!decoded) throw invalidParameterValue('Value for parameter TaskHandle is invalid.');
      if (!engine.getQueueByArn(decoded.sourceArn))
        throw sqsError('ResourceNotFoundException', "The resource that you specified for the SourceArn parameter doesn't exist.");
      try {
        const t = engine.cancelMoveTask(handle);
        return { ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved };
      } catch (e) {
        throw mapEngineError(e, ctx);
      }
    },
  };
}
