/**
 * SNS operations typed from the SDK's own shapes (design §3): each operation's request and
 * result types come from `@aws-sdk/client-sns`, the package the protocol model is read from.
 */
import type * as sdk from '@aws-sdk/client-sns';
import type { OperationName, OperationTypes, TypedHandlers } from '../operation-types.js';

type Shared = OperationTypes<typeof sdk>;

type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (...a: never[]) => Promise<{ output: infer O }> } ? O : never;

/**
 * An operation's types read from its command's instance (`command.input`) rather than from the
 * constructor's parameter. Needed because a command whose input has no required member is
 * declared with an optional parameter (`new (...[input]: [] | [ListTopicsCommandInput])`),
 * which `OperationTypes`' `new (input: infer I)` does not match: it gives those operations
 * (ListTopics, ListSubscriptions, GetSMSAttributes, ...) `never`.
 */
type FromInstance<C> = C extends abstract new (...args: never[]) => infer I
  ? I extends { readonly input: infer In }
    ? { input: In; output: Omit<OutputOf<I>, '$metadata'> }
    : never
  : never;

/**
 * The SNS operation names: `OperationName<typeof sdk>` less `'$'`, which it takes from the
 * `$Command` base class the client module re-exports from smithy (no operation).
 */
export type SnsOperationName = Exclude<OperationName<typeof sdk>, '$'>;

/** `OperationTypes<typeof sdk>` over the operations, those it leaves `never` read from the command instance. */
export type SnsOperations = {
  [K in SnsOperationName]: [Shared[K]] extends [never] ? FromInstance<(typeof sdk)[`${K}Command`]> : Shared[K];
};
/** A handler for every SNS operation. */
export type SnsHandlers = TypedHandlers<SnsOperations>;
/** Handlers for the operations `K` (one file's share of the service). */
export type SnsHandlersFor<K extends SnsOperationName> = Pick<SnsHandlers, K>;
export type SnsInput<K extends SnsOperationName> = SnsOperations[K]['input'];
export type SnsOutput<K extends SnsOperationName> = SnsOperations[K]['output'];

/** `true` when A and B are the same set of keys (a type-level assertion's operand). */
export type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
