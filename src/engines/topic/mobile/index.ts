/** The SNS mobile store: platform applications, endpoints, SMS account state and captured deliveries. */
export { MobileStore } from './store.js';
export type { MobileStoreDeps, PublishToEndpointOptions, RecordEmailInput, SendSmsOptions, SendSmsResult } from './store.js';
export { PlatformApplications } from './applications.js';
export type { DeliveryTarget, PlatformApplicationInput } from './applications.js';
export * from './errors.js';
export * from './types.js';
export { PLATFORMS, isPlatform, needsPrincipal, applicationArn, endpointArn, parseArn, endpointScope, resolvePushPayload, type Platform, type ParsedArn } from './platform.js';
export { isValidPublishNumber, normalizeSmsEndpoint, toE164 } from './phone.js';
export { DEFAULT_SMS_ATTRIBUTES, SANDBOX_DELETE_DELAY_MS, SANDBOX_NUMBER_LIMIT } from './sms-account.js';
