/**
 * EventBridge connections and API destinations: the 11 operations over a `ConnectionStore`, and
 * the invoker the bus engine calls for API destination targets.
 *
 * LIMITATIONS: secrets live in the store, not in a Secrets Manager (SecretArn is a name only);
 * KmsKeyIdentifier and private connectivity parameters are stored and echoed, not used;
 * InvocationRateLimitPerSecond is not enforced; a connection in use by API destinations can be
 * deleted (they go INACTIVE). Texts marked "Unverified" in errors.ts/validation.ts are not recorded
 * from AWS.
 */
import type { Handlers } from '../../context.js';
import { toHandlers, type EventsHandlers } from '../typed.js';
import { connectionOperations as connectionOnly, type ConnectionOperation } from './connection-operations.js';
import { apiDestinationOperations, type ApiDestinationOperation } from './destination-operations.js';
import type { ConnectionStore } from './store.js';

export { ConnectionStore, parseEventsArn } from './store.js';
export type { ConnectionStoreOptions, ConnectionScope } from './store.js';
export { createApiDestinationInvoker, isRetryableStatus } from './invoker.js';
export type { ApiDestinationInvocation, ApiDestinationInvoker, ApiDestinationResult } from './invoker.js';
export type { ApiDestinationRecord, ConnectionRecord, ConnectionState, ApiDestinationState, AuthorizationType } from './model.js';
export { Coral, RULES, ENUMS } from './coral.js';

/** CreateConnection … DeauthorizeConnection and CreateApiDestination … DeleteApiDestination. */
export function typedConnectionOperations(store: ConnectionStore): EventsHandlers<ConnectionOperation | ApiDestinationOperation> {
  return { ...connectionOnly(store), ...apiDestinationOperations(store) };
}

/** The same as a dispatch map (what the folder's unit tests drive). */
export function connectionOperations(store: ConnectionStore): Handlers {
  return toHandlers(typedConnectionOperations(store));
}
