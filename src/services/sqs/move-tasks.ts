/** Start/List/CancelMessageMoveTask: DLQ redrive tasks run by the queue engine. */
import { QueueNotFound, type MoveTask, type QueueEngine } from '../../engines/queue/index.js';
import { invalidParam, invalidParameterValue, mapEngineError, required, sqsError } from './errors.js';
import { parseQueueArn } from './queue-url.js';
import type { SqsHandlers, SqsOutput } from './types.js';

const SOURCE_MISSING = "The resource that you specified for the SourceArn parameter doesn't exist.";

function requireArn(engine: QueueEngine, param: 'SourceArn' | 'DestinationArn', arn: string): void {
  if (!parseQueueArn(arn) && !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(arn))
    throw invalidParameterValue(`You must use this format to specify the ${param}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>`);
  if (!engine.getQueueByArn(arn))
    throw sqsError('ResourceNotFoundException', `The resource that you specified for the ${param} parameter doesn't exist.`);
}

type MoveTaskEntry = NonNullable<SqsOutput<'ListMessageMoveTasks'>['Results']>[number];

function toWire(t: MoveTask): MoveTaskEntry {
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

export function moveTaskOperations(engine: QueueEngine): Pick<SqsHandlers, 'StartMessageMoveTask' | 'ListMessageMoveTasks' | 'CancelMessageMoveTask'> {
  return {
    StartMessageMoveTask(input, ctx) {
      const source = required(input.SourceArn, 'SourceArn');
      const dest = input.DestinationArn;
      const rate = input.MaxNumberOfMessagesPerSecond;
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
      const source = required(input.SourceArn, 'SourceArn');
      const max = input.MaxResults;
      if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10))
        throw invalidParam('MaxResults', max, 'Must be between 1 and 10, if provided.');
      requireArn(engine, 'SourceArn', source);
      return { Results: engine.listMoveTasks(source, max ?? 1).map(toWire) };
    },

    CancelMessageMoveTask(input, ctx) {
      try {
        const t = engine.cancelMoveTask(required(input.TaskHandle, 'TaskHandle'));
        return { ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved };
      } catch (e) {
        // The handle names a source queue that is gone: AWS reports the SourceArn, not a queue.
        if (e instanceof QueueNotFound) throw sqsError('ResourceNotFoundException', SOURCE_MISSING);
        throw mapEngineError(e, ctx);
      }
    },
  };
}
