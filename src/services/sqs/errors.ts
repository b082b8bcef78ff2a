/**
 * SQS's AWS errors (code, status, legacy code come from the SDK model; messages are the
 * ones AWS sends, see research/sqs.md) and the mapping from queue-engine domain errors.
 */
import { AwsError, modeledError, sqsInvalidParameterValue, sqsMissingParameter, sqsModel } from '../../../protocols/index.js';
import * as E from '../../engines/queue/errors.js';
import type { RequestContext } from '../context.js';
import type { SqsModelErrorName } from './types.js';

/**
 * Common (coral) errors SQS sends that its model does not declare (research/sqs.md §3). Their
 * wire fields (code, legacy query code, status, coral namespace) are the protocol's
 * `sqsInvalidParameterValue`/`sqsMissingParameter`; a name added here needs an entry in COMMON.
 */
export type SqsCommonErrorName = 'InvalidParameterValue' | 'MissingParameter';

/** Every error name an SQS handler may throw: the model's exception classes plus the common ones. */
export type SqsErrorName = SqsModelErrorName | SqsCommonErrorName;

const COMMON: Record<SqsCommonErrorName, AwsError> = {
  InvalidParameterValue: sqsInvalidParameterValue(''),
  MissingParameter: sqsMissingParameter(''),
};

/** The AWS error `name` (checked against the model at compile time) with AWS's `message`. */
export function sqsError(name: SqsErrorName, message?: string): AwsError {
  if (name === 'InvalidParameterValue' || name === 'MissingParameter') {
    const t = COMMON[name];
    return new AwsError({ name: t.code, queryCode: t.queryCode, status: t.status, fault: t.fault, namespace: t.namespace, message });
  }
  return modeledError(sqsModel, name, message);
}

export const invalidParameterValue = (message: string): AwsError => sqsError('InvalidParameterValue', message);
/** MissingParameter with AWS's text for `member`. */
export const missingParameter = sqsMissingParameter;

/**
 * A required member (the SDK types them `T | undefined`). The parsers and the in-process callers
 * check required members before a handler runs; this keeps the handler correct for the type.
 */
export function required<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw missingParameter(member);
  return value;
}

export function queueDoesNotExist(ctx: Pick<RequestContext, 'protocol'>): AwsError {
  return sqsError(
    'QueueDoesNotExist',
    ctx.protocol === 'query' ? 'The specified queue does not exist for this wsdl version.' : 'The specified queue does not exist.',
  );
}

export const invalidAttributeName = (name: string): AwsError => sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
export const invalidAttributeValue = (name: string, reason?: string): AwsError =>
  sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`);

export const invalidParam = (param: string, value: unknown, reason: string): AwsError =>
  invalidParameterValue(`Value ${String(value)} for parameter ${param} is invalid. Reason: ${reason}`);

/** Translate a queue-engine error into the AWS error a client expects. */
export function mapEngineError(e: unknown, ctx: Pick<RequestContext, 'protocol'>): unknown {
  if (!(e instanceof E.QueueEngineError)) return e;
  if (e instanceof E.QueueNotFound) return queueDoesNotExist(ctx);
  if (e instanceof E.QueueDeletedRecently)
    return sqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
  if (e instanceof E.PurgeInProgress)
    return sqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${e.queue} is allowed every 60 seconds.`);
  if (e instanceof E.ReceiptHandleInvalid)
    return sqsError('ReceiptHandleIsInvalid', `The input receipt handle "${e.receiptHandle}" is not a valid receipt handle.`);
  // Recorded for DeleteMessage on FIFO queues; for ChangeMessageVisibility: unverified text.
  if (e instanceof E.ReceiptHandleExpired) return invalidParam('ReceiptHandle', e.receiptHandle, 'The receipt handle has expired.');
  if (e instanceof E.MessageNotAvailable)
    return invalidParam('ReceiptHandle', e.receiptHandle, 'Message does not exist or is not available for visibility timeout change.');
  if (e instanceof E.MessageNotInflight) return sqsError('MessageNotInflight');
  if (e instanceof E.VisibilityTooLong)
    return invalidParam('VisibilityTimeout', e.requestedSeconds, 'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
  if (e instanceof E.OverLimit) return sqsError('OverLimit', `Too many messages in flight. The limit is ${e.limit}.`);
  if (e instanceof E.MoveTaskNotFound) return sqsError('ResourceNotFoundException', 'Task does not exist.');
  // CancelMessageMoveTask checks in this order (test_sqs_move_task.snapshot.json: test_cancel_with_invalid_*).
  if (e instanceof E.MoveTaskHandleInvalid) return invalidParameterValue('Value for parameter TaskHandle is invalid.');
  if (e instanceof E.MoveSourceNotDlq) return invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
  if (e instanceof E.MoveTaskAlreadyRunning)
    return invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
  if (e instanceof E.MoveTaskNotRunning) return invalidParameterValue(`Task is in status ${e.status}; only a RUNNING task can be cancelled.`);
  return e;
}
