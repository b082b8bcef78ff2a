/**
 * EventBridge global endpoints and partner event sources: 14 operations over a `DirectoryStore`.
 * The store also answers the bus side's questions: which endpoint an EndpointId names, whether an
 * account has an event source for a partner event bus, and which accounts a partner's events reach.
 */
import type { Handlers } from '../../context.js';
import { endpointOperations } from './endpoint-operations.js';
import { partnerOperations } from './partner-operations.js';
import type { DirectoryStore } from './store.js';

export { DirectoryStore, PENDING_LIFETIME_MS } from './store.js';
export type { EndpointRecord, EventSourceRecord, EventSourceState, PartnerSourceRecord } from './store.js';

/** Create/Delete/Describe/List/UpdateEndpoint and the nine partner and event source operations. */
export function directoryOperations(store: DirectoryStore): Handlers {
  return { ...endpointOperations(store), ...partnerOperations(store) };
}
