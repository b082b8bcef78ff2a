export {
  BACKOFF_FUNCTIONS,
  DEFAULT_HTTP_RETRY_POLICY,
  retryDelays,
  type BackoffFunction,
  type HttpRetryPolicy,
} from './retry-policy.js';
export {
  DEFAULT_HTTP_CONTENT_TYPE,
  DeliveryPolicyError,
  deliveryPolicyJson,
  effectiveHttpPolicy,
  effectiveSubscriptionDeliveryPolicyJson,
  effectiveTopicDeliveryPolicyJson,
  parseDeliveryPolicy,
  resolveRetryPolicy,
  type GivenRetryPolicy,
  type ParsedDeliveryPolicy,
} from './delivery-policy.js';
export {
  classifyStatus,
  createHttpDelivery,
  DEFAULT_HTTP_TIMEOUT_MS,
  MAX_RETRY_WINDOW_MS,
  type HttpDelivery,
  type HttpDeliveryDeps,
  type HttpDeliveryRequest,
  type HttpGiveUp,
} from './http-delivery.js';
export { postHttp, type HttpPost } from './http-post.js';
