/** Start/List/CancelMessageMoveTask: DLQ redrive tasks run by the queue engine. */
import { QueueNotFound, type MoveTask, type QueueEngine } from '../../engines/queue/index.js';
import type { Handlers } from '../context.js';
import { invalidParam, invalidParameterValue, mapEngineError, sqsError } from './errors.js';
import { parseQueueArn } from './queue-url.js';

const SOURCE_MISSING = "The resource that you specified for the SourceArn parameter doesn't exist.";

function requireArn(engine: QueueEngine, param: 'SourceArn' | 'DestinationArn', arn: string): void {
  if (!parseQueueArn(arn) && !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(arn))
    throw invalidParameterValue(`You must use this format to specify the ${param}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>`);
  if (!engine.getQueueByArn(arn))
    throw sqsError('ResourceNotFoundException', `The resource that you specified for the ${param} parameter doesn't exist.`);
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
      try {
        const t = engine.cancelMoveTask(String(input.TaskHandle));
        return { ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved };
      } catch (e) {
        // The handle names a source queue that is gone: AWS reports the SourceArn, not a queue.
        if (e instanceof QueueNotFound) throw sqsError('ResourceNotFoundException', SOURCE_MISSING);
        throw mapEngineError(e, ctx);
      }
    },
  };
}
