/**
 * SQS's operations and errors, typed from `@aws-sdk/client-sqs` (design §3): the same module the
 * protocol model is read from, so names, members and types have one source.
 */
import type * as sdk from '@aws-sdk/client-sqs';
import type { ErrorNames, OperationName, OperationTypes, TypedHandlers } from '../operation-types.js';

type Module = typeof sdk;
type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (...a: never[]) => Promise<{ output: infer O }> } ? O : never;
type CommandOf<K extends string> = Module[`${K}Command` & keyof Module];

/**
 * `OperationTypes<typeof sdk>`, with the operations it leaves `never` repaired: a command whose
 * input has no required member (ListQueues) is also constructible without one,
 * `new (...[input]: [] | [ListQueuesCommandInput])`, and the shared type's `new (input: infer I)`
 * does not match that last signature, so its handler would take `never` and return `never`.
 */
export type SqsOperations = {
  [K in SqsOperationName]: [OperationTypes<Module>[K]] extends [never]
    ? {
        input: NonNullable<ConstructorParameters<CommandOf<K & string>>[0]>;
        output: Omit<OutputOf<InstanceType<CommandOf<K & string>>>, '$metadata'>;
      }
    : OperationTypes<Module>[K];
};

/**
 * The model's operations. `OperationName<typeof sdk>` also holds `'$'`: the module exports
 * `$Command` (smithy's command builder), which the shared type's `${Op}Command` pattern matches.
 */
export type SqsOperationName = Exclude<OperationName<Module>, '$'>;
/** Every SQS operation's handler; a service part returns `Pick<SqsHandlers, …>`. */
export type SqsHandlers = TypedHandlers<SqsOperations>;
export type SqsInput<K extends SqsOperationName> = SqsOperations[K]['input'];
export type SqsOutput<K extends SqsOperationName> = SqsOperations[K]['output'];

/**
 * The exception classes of the SQS model (QueueDoesNotExist, OverLimit, …). The base class
 * `SQSServiceException` is one of `ErrorNames` too (it extends itself) but no error shape.
 */
export type SqsModelErrorName = Exclude<ErrorNames<Module, sdk.SQSServiceException>, 'SQSServiceException'>;

/**
 * Create/Set `Attributes` and a receive's `AttributeNames`: the SDK keys them by the
 * `QueueAttributeName` union, but the parsers deliver whatever names the client sent (unknown ones
 * get AWS's InvalidAttributeName), so they are read with string keys.
 */
export type AttributeMap = Readonly<Partial<Record<string, string>>>;

export type { Message as SdkMessage, MessageAttributeValue as SdkMessageAttributeValue } from '@aws-sdk/client-sqs';
