/**
 * The SNS mobile operations (21): platform applications and endpoints, SMS attributes,
 * opt-outs, origination numbers and the SMS sandbox, over the mobile store. Store errors become
 * AWS errors here; `mapMobileError` does the same for Publish's use of the store.
 */
import type { MobileStore } from '../../../engines/topic/mobile/index.js';
import type { Handler, Handlers } from '../../context.js';
import { mapStoreError } from './errors.js';
import { platformOperations } from './platform-operations.js';
import { smsOperations } from './sms-operations.js';

export { mapMobileError, mapStoreError } from './errors.js';

export function mobileOperations(store: MobileStore): Handlers {
  const handlers: Handlers = { ...platformOperations(store), ...smsOperations(store) };
  for (const [name, handler] of Object.entries(handlers)) handlers[name] = mapped(handler);
  return handlers;
}

/** Run a handler; a store domain error leaves it as the AWS error of the operation. */
function mapped(handler: Handler): Handler {
  return (input, ctx) => {
    try {
      return handler(input, ctx);
    } catch (e) {
      throw mapStoreError(e);
    }
  };
}
