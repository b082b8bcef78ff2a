/**
 * EventBridge's handler types, from `@aws-sdk/client-eventbridge` (design §3): every operation's
 * request and result type, and the one adapter from the typed map to the untyped dispatch map
 * (`Handlers`) the server and the in-process call path use.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import type { Handler, Handlers, RequestContext } from '../context.js';
import type { OperationName, OperationTypes, TypedHandlers } from '../operation-types.js';

/**
 * The SDK module with each command's constructor reduced to `new (input: I) => C`. A command whose
 * input members are all optional (DescribeEventBus, ListEventBuses, ...) declares a last overload
 * `new (...[input]: [] | [I])`, which `OperationTypes`' `new (input: infer I)` does not match: it
 * would type those operations `never`. The module also re-exports smithy's `$Command` base class,
 * which `OperationTypes` would read as an operation named `$`: it is left out. Other exports pass
 * through unchanged.
 */
type Normalized<M> = {
  [K in keyof M as K extends '$Command' ? never : K]: K extends `${string}Command` ? (M[K] extends abstract new (...args: infer A) => infer C ? abstract new (input: Exclude<A[0], undefined>) => C : M[K]) : M[K];
};

export type Ops = OperationTypes<Normalized<typeof sdk>>;
/** The model's operations: `OperationName` of the module, less the `$` that `$Command` makes. */
export type EventsOperation = Exclude<OperationName<typeof sdk>, '$'>;
/** Handlers for the operations `K` (each `xxxOperations(...)` returns one of these). */
export type EventsHandlers<K extends EventsOperation> = Pick<TypedHandlers<Ops>, K>;
/** The full map: every operation of the model, no other key. */
export type AllEventsHandlers = TypedHandlers<Ops>;
export type InputOf<K extends EventsOperation> = Ops[K]['input'];
export type OutputOf<K extends EventsOperation> = Ops[K]['output'];
export type Ctx = RequestContext;

/** True when A and B are the same type (for the key-coverage assertions). */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * The one boundary between typed handlers and the dispatch map. The protocol parser builds each
 * operation's input from the same SDK schema its request type comes from, so a parsed
 * `Record<string, unknown>` is that operation's input; this is the only place that says so.
 * The service uses it once for its full map; the connection and directory folders' untyped
 * exports (their unit tests drive them as a dispatch map) go through it too.
 */
export function toHandlers(typed: Partial<AllEventsHandlers>): Handlers {
  const out: Handlers = {};
  for (const [name, h] of Object.entries(typed)) out[name] = h as unknown as Handler;
  return out;
}
