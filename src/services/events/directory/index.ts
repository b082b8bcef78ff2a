/**
 * EventBridge global endpoints and partner event sources: 14 operations over a `DirectoryStore`.
 * The store also answers the bus side's questions: which endpoint an EndpointId names, whether an
 * account has an event source for a partner event bus, and which accounts a partner's events reach.
 */
import type { Handlers } from '../../context.js';
import { toHandlers, type EventsHandlers } from '../typed.js';
import { endpointOperations, type EndpointOperation } from './endpoint-operations.js';
import { partnerOperations, type PartnerOperation } from './partner-operations.js';
import type { DirectoryStore } from './store.js';

export { DirectoryStore, PENDING_LIFETIME_MS } from './store.js';
export type { EndpointRecord, EventSourceRecord, EventSourceState, PartnerSourceRecord } from './store.js';

/** Create/Delete/Describe/List/UpdateEndpoint and the nine partner and event source operations. */
export function typedDirectoryOperations(store: DirectoryStore): EventsHandlers<EndpointOperation | PartnerOperation> {
  return { ...endpointOperations(store), ...partnerOperations(store) };
}

/** The same as a dispatch map (what the folder's unit tests drive). */
export function directoryOperations(store: DirectoryStore): Handlers {
  return toHandlers(typedDirectoryOperations(store));
}
