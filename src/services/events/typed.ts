/**
 * EventBridge's handler types, from `@aws-sdk/client-eventbridge` (design §3): every operation's
 * request and result type, and the one adapter from the typed map to the untyped dispatch map
 * (`Handlers`) the server and the in-process call path use.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import type { Handler, Handlers, RequestContext } from '../context.js';
import type { OperationName, OperationTypes, TypedHandlers } from '../operation-types.js';

export type Ops = OperationTypes<typeof sdk>;
export type EventsOperation = OperationName<typeof sdk>;
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
 * The one boundary between the typed map and the dispatch map. The protocol parser builds each
 * operation's input from the same SDK schema its request type comes from, so a parsed
 * `Record<string, unknown>` is that operation's input; this is the only place that says so.
 */
export function toHandlers(typed: AllEventsHandlers): Handlers {
  const out: Handlers = {};
  for (const [name, h] of Object.entries(typed)) out[name] = h as unknown as Handler;
  return out;
}
