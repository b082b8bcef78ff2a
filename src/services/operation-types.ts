/**
 * Service handlers typed from the SDK's own shapes (design §3): for a `@aws-sdk/client-*` module,
 * every `<Op>Command` gives the operation `<Op>` its request type (the command's input) and its
 * result type (the command's output without `$metadata`). A handler map typed with
 * `TypedHandlers<OperationTypes<typeof sdk>>` makes a wrong member name or type, a missing
 * operation or a wrong result a compile error; no handler needs a cast of its input.
 *
 * Errors are typed the same way: `ErrorNames<typeof sdk, Base>` is the union of the exception
 * classes the module exports (subclasses of its ServiceException), so an AWS error constructor
 * typed with it cannot be given a name the model does not have.
 */
import type { RequestContext } from './context.js';

type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (...a: never[]) => Promise<{ output: infer O }> } ? O : never;

/**
 * `{ SendMessage: { input: SendMessageCommandInput; output: SendMessageResult }, ... }`. A command
 * whose input has no required member is constructed with `(...[input]: [] | [Input])`, so the
 * input is read from the constructor's first parameter, less `undefined`. `$Command` (smithy's
 * base class, re-exported) is not an operation.
 */
export type OperationTypes<M> = {
  [K in keyof M as K extends `${infer Op}Command` ? (Op extends '' | '$' ? never : Op) : never]: M[K] extends abstract new (...args: infer A) => infer C
    ? { input: Exclude<A extends readonly unknown[] ? A[0] : never, undefined>; output: Omit<OutputOf<C>, '$metadata'> }
    : never;
};

export type OperationName<M> = keyof OperationTypes<M> & string;

/** One handler: the typed input and context in, the typed output (or a promise of it) out. */
export type TypedHandler<Op extends { input: unknown; output: unknown }> = (input: Op['input'], ctx: RequestContext) => Op['output'] | Promise<Op['output']>;

/** Handlers for some (`Partial`) or all operations of a service. */
export type TypedHandlers<Ops> = { [K in keyof Ops]: Ops[K] extends { input: unknown; output: unknown } ? TypedHandler<Ops[K]> : never };

/** The names of the exception classes a client module exports (subclasses of `Base`). */
export type ErrorNames<M, Base> = {
  [K in keyof M]: K extends `${string}ServiceException`
    ? never // the module's base class, not an error of the model
    : M[K] extends abstract new (...args: never[]) => infer E
      ? E extends Base
        ? K extends string
          ? K
          : never
        : never
      : never;
}[keyof M];
