/**
 * SQS's operations and errors, typed from `@aws-sdk/client-sqs` (design §3): the same module the
 * protocol model is read from, so names, members and types have one source.
 */
import type * as sdk from '@aws-sdk/client-sqs';
import type { ErrorNames, OperationName, OperationTypes, TypedHandlers } from '../operation-types.js';

export type SqsOperations = OperationTypes<typeof sdk>;
export type SqsOperationName = OperationName<typeof sdk>;
/** Every SQS operation's handler; a service part returns `Pick<SqsHandlers, …>`. */
export type SqsHandlers = TypedHandlers<SqsOperations>;
export type SqsInput<K extends SqsOperationName> = SqsOperations[K]['input'];
export type SqsOutput<K extends SqsOperationName> = SqsOperations[K]['output'];

/** The exception classes of the SQS model (QueueDoesNotExist, OverLimit, …). */
export type SqsModelErrorName = ErrorNames<typeof sdk, sdk.SQSServiceException>;

export type { MessageAttributeValue as SdkMessageAttributeValue, MessageSystemAttributeValue as SdkMessageSystemAttributeValue } from '@aws-sdk/client-sqs';
