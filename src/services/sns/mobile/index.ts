/**
 * The SNS mobile operations (21): platform applications and endpoints, SMS attributes,
 * opt-outs, origination numbers and the SMS sandbox, over the mobile store. Store errors become
 * AWS errors here; `mapMobileError` does the same for Publish's use of the store.
 */
import type { MobileStore } from '../../../engines/topic/mobile/index.js';
import type { SnsHandlersFor } from '../types.js';
import { platformOperations, type PlatformOperation } from './platform-operations.js';
import { smsOperations, type SmsOperation } from './sms-operations.js';

export { mapMobileError, mapStoreError } from './errors.js';

export type MobileOperation = PlatformOperation | SmsOperation;

/**
 * The mobile handlers, typed. They let store domain errors through: the service maps them with
 * `mapStoreError` where it turns its typed handlers into the dispatch map (sns/index.ts).
 */
export function mobileOperations(store: MobileStore): SnsHandlersFor<MobileOperation> {
  return { ...platformOperations(store), ...smsOperations(store) };
}
