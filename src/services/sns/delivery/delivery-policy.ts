/**
 * The `DeliveryPolicy` attribute of topics and HTTP/S subscriptions: validation, the effective
 * policy a subscription gets, and the JSON AWS reports back.
 *
 * Shapes (AWS docs "SetTopicAttributes/SetSubscriptionAttributes delivery policy JSON format"):
 *   topic:        {"http":{"defaultHealthyRetryPolicy":R,"disableSubscriptionOverrides":B,
 *                          "defaultThrottlePolicy":{"maxReceivesPerSecond":N},
 *                          "defaultRequestPolicy":{"headerContentType":S}}}
 *   subscription: {"healthyRetryPolicy":R,"throttlePolicy":{…},"requestPolicy":{…}}
 *   R = {minDelayTarget, maxDelayTarget, numRetries (these three required), numNoDelayRetries,
 *        numMinDelayRetries, numMaxDelayRetries, backoffFunction}
 * A member set to null counts as absent (AWS accepts {"http":{"defaultHealthyRetryPolicy":null}}).
 * Subscriptions also accept "sicklyRetryPolicy" and "guaranteed", which AWS echoes back.
 *
 * Error messages are AWS's reason text without its "DeliveryPolicy: " prefix, which the service
 * adds: AWS answers "Invalid parameter: DeliveryPolicy: <reason>" (SetTopicAttributes) or
 * "Invalid parameter: Attributes Reason: DeliveryPolicy: <reason>" (CreateTopic), e.g. reason
 * "http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100".
 *
 * LIMITATIONS: AWS does not publish the full list of reasons. Recorded from AWS: "… must be
 * specified", "… numRetries must be less than or equal to 100", "Unexpected JSON member: X".
 * Mirrored from AWS-compatible clones and tools: "… must be greater than or equal to N",
 * "maxDelayTarget must be greater than or equal to minDelayTarget", "numRetries must be greater
 * than or equal to total of …", "the value [X] is not a valid backoff function". Ours (AWS's
 * text unknown): JSON syntax errors, wrong value types, a non-object policy, a malformed
 * headerContentType. The one-hour cap on total retry time is enforced at delivery, not here.
 */
import { BACKOFF_FUNCTIONS, DEFAULT_HTTP_RETRY_POLICY, type BackoffFunction, type HttpRetryPolicy } from './retry-policy.js';

export const DEFAULT_HTTP_CONTENT_TYPE = 'text/plain; charset=UTF-8';

/** A retry policy as written: the three required members plus whichever optional ones were given. */
export interface GivenRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries?: number;
  numMinDelayRetries?: number;
  numMaxDelayRetries?: number;
  backoffFunction?: BackoffFunction;
}

export interface ParsedDeliveryPolicy {
  readonly level: 'topic' | 'subscription';
  /** Topic: http.defaultHealthyRetryPolicy; subscription: healthyRetryPolicy. */
  readonly healthyRetryPolicy?: GivenRetryPolicy;
  /** Validated and echoed, never used (AWS no longer documents it). */
  readonly sicklyRetryPolicy?: GivenRetryPolicy;
  readonly throttlePolicy?: { maxReceivesPerSecond: number };
  readonly requestPolicy?: { headerContentType: string };
  /** Topic only. */
  readonly disableSubscriptionOverrides?: boolean;
  /** Subscription only. */
  readonly guaranteed?: boolean;
}

/** An invalid DeliveryPolicy; `message` is AWS's reason text after "DeliveryPolicy: ". */
export class DeliveryPolicyError extends Error {
  override readonly name = 'DeliveryPolicyError';
}

function fail(reason: string): never {
  throw new DeliveryPolicyError(reason);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rejects members outside `allowed` with AWS's text; returns the object for chaining. */
function only(obj: JsonObject, allowed: readonly string[]): JsonObject {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) fail(`Unexpected JSON member: ${key}`);
  return obj;
}

/** A present, non-null member (null means "not set"). */
function member(obj: JsonObject, key: string): Json | undefined {
  const v = obj[key];
  return v === null ? undefined : v;
}

function objectAt(obj: JsonObject, key: string, path: string): JsonObject | undefined {
  const v = member(obj, key);
  if (v === undefined) return undefined;
  if (!isObject(v)) fail(`${path} must be a JSON object`);
  return v;
}

/** Integers, also written as strings ("5"), as a lenient JSON binder accepts them. */
function integerAt(obj: JsonObject, key: string, path: string): number | undefined {
  const v = member(obj, key);
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) fail(`${path} must be an integer`);
  return n;
}

function booleanAt(obj: JsonObject, key: string, path: string): boolean | undefined {
  const v = member(obj, key);
  if (v === undefined) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return fail(`${path} must be a boolean`);
}

const RETRY_MEMBERS = [
  'minDelayTarget',
  'maxDelayTarget',
  'numRetries',
  'numNoDelayRetries',
  'numMinDelayRetries',
  'numMaxDelayRetries',
  'backoffFunction',
] as const;

function retryPolicyAt(parent: JsonObject, key: string, path: string): GivenRetryPolicy | undefined {
  const obj = objectAt(parent, key, path);
  if (!obj) return undefined;
  only(obj, RETRY_MEMBERS);
  const int = (k: string) => integerAt(obj, k, `${path}.${k}`);
  const min = int('minDelayTarget');
  const max = int('maxDelayTarget');
  const numRetries = int('numRetries');
  const noDelay = int('numNoDelayRetries');
  const minDelay = int('numMinDelayRetries');
  const maxDelay = int('numMaxDelayRetries');
  if (min === undefined) fail(`${path}.minDelayTarget must be specified`);
  if (max === undefined) fail(`${path}.maxDelayTarget must be specified`);
  if (numRetries === undefined) fail(`${path}.numRetries must be specified`);
  let backoffFunction: BackoffFunction | undefined;
  const bf = member(obj, 'backoffFunction');
  if (bf !== undefined) {
    if (typeof bf !== 'string' || !(BACKOFF_FUNCTIONS as readonly string[]).includes(bf)) {
      fail(`${path}.backoffFunction: the value [${typeof bf === 'string' ? bf : JSON.stringify(bf)}] is not a valid backoff function`);
    }
    backoffFunction = bf as BackoffFunction;
  }
  const atLeast = (k: string, v: number | undefined, bound: number) => {
    if (v !== undefined && v < bound) fail(`${path}.${k} must be greater than or equal to ${bound}`);
  };
  const atMost = (k: string, v: number | undefined, bound: number) => {
    if (v !== undefined && v > bound) fail(`${path}.${k} must be less than or equal to ${bound}`);
  };
  // Ranges from the AWS docs' table: minDelayTarget 1…max, maxDelayTarget min…3600,
  // numRetries 0…100, the phase counts ≥ 0.
  atLeast('minDelayTarget', min, 1);
  atMost('maxDelayTarget', max, 3600);
  atLeast('numRetries', numRetries, 0);
  atMost('numRetries', numRetries, 100);
  atLeast('numNoDelayRetries', noDelay, 0);
  atLeast('numMinDelayRetries', minDelay, 0);
  atLeast('numMaxDelayRetries', maxDelay, 0);
  if (max < min) fail(`${path}.maxDelayTarget must be greater than or equal to minDelayTarget`);
  if (numRetries < (noDelay ?? 0) + (minDelay ?? 0) + (maxDelay ?? 0)) {
    fail(`${path}.numRetries must be greater than or equal to total of numMinDelayRetries, numNoDelayRetries and numMaxDelayRetries`);
  }
  const given: GivenRetryPolicy = { minDelayTarget: min, maxDelayTarget: max, numRetries };
  if (noDelay !== undefined) given.numNoDelayRetries = noDelay;
  if (minDelay !== undefined) given.numMinDelayRetries = minDelay;
  if (maxDelay !== undefined) given.numMaxDelayRetries = maxDelay;
  if (backoffFunction !== undefined) given.backoffFunction = backoffFunction;
  return given;
}

function throttlePolicyAt(parent: JsonObject, key: string, path: string) {
  const obj = objectAt(parent, key, path);
  if (!obj) return undefined;
  only(obj, ['maxReceivesPerSecond']);
  const n = integerAt(obj, 'maxReceivesPerSecond', `${path}.maxReceivesPerSecond`);
  if (n === undefined) return undefined;
  if (n < 1) fail(`${path}.maxReceivesPerSecond must be greater than or equal to 1`);
  return { maxReceivesPerSecond: n };
}

/** A media type: type/subtype, optionally followed by ;-separated parameters. */
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

function requestPolicyAt(parent: JsonObject, key: string, path: string) {
  const obj = objectAt(parent, key, path);
  if (!obj) return undefined;
  only(obj, ['headerContentType']);
  const v = member(obj, 'headerContentType');
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !MEDIA_TYPE.test(v.trim())) fail(`${path}.headerContentType is not a valid content type`);
  return { headerContentType: v.trim() };
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return fail(`failed to parse JSON. ${detail}`);
  }
}

/**
 * Validates a DeliveryPolicy attribute value like AWS and returns it parsed. Throws a
 * DeliveryPolicyError whose message is AWS's reason text after "DeliveryPolicy: "; the service
 * prefixes that and answers InvalidParameter.
 * An empty value means "remove the policy" in AWS; handle that before calling this.
 */
export function parseDeliveryPolicy(json: string, level: 'topic' | 'subscription'): ParsedDeliveryPolicy {
  const root = parseJson(json);
  if (!isObject(root)) return fail('the policy must be a JSON object');
  if (level === 'topic') {
    only(root, ['http']);
    const http = objectAt(root, 'http', 'http') ?? {};
    only(http, ['defaultHealthyRetryPolicy', 'defaultSicklyRetryPolicy', 'disableSubscriptionOverrides', 'defaultThrottlePolicy', 'defaultRequestPolicy']);
    return dropUndefined({
      level,
      healthyRetryPolicy: retryPolicyAt(http, 'defaultHealthyRetryPolicy', 'http.defaultHealthyRetryPolicy'),
      sicklyRetryPolicy: retryPolicyAt(http, 'defaultSicklyRetryPolicy', 'http.defaultSicklyRetryPolicy'),
      disableSubscriptionOverrides: booleanAt(http, 'disableSubscriptionOverrides', 'http.disableSubscriptionOverrides'),
      throttlePolicy: throttlePolicyAt(http, 'defaultThrottlePolicy', 'http.defaultThrottlePolicy'),
      requestPolicy: requestPolicyAt(http, 'defaultRequestPolicy', 'http.defaultRequestPolicy'),
    });
  }
  only(root, ['healthyRetryPolicy', 'sicklyRetryPolicy', 'throttlePolicy', 'requestPolicy', 'guaranteed']);
  return dropUndefined({
    level,
    healthyRetryPolicy: retryPolicyAt(root, 'healthyRetryPolicy', 'healthyRetryPolicy'),
    sicklyRetryPolicy: retryPolicyAt(root, 'sicklyRetryPolicy', 'sicklyRetryPolicy'),
    throttlePolicy: throttlePolicyAt(root, 'throttlePolicy', 'throttlePolicy'),
    requestPolicy: requestPolicyAt(root, 'requestPolicy', 'requestPolicy'),
    guaranteed: booleanAt(root, 'guaranteed', 'guaranteed'),
  });
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/** A given retry policy with AWS's defaults filled in. */
export function resolveRetryPolicy(given: GivenRetryPolicy | undefined): HttpRetryPolicy {
  return { ...DEFAULT_HTTP_RETRY_POLICY, ...(given ?? {}) };
}

interface EffectiveParts {
  retry: HttpRetryPolicy;
  throttle?: { maxReceivesPerSecond: number };
  contentType: string;
}

/** Subscription overrides topic member by member, unless the topic disables overrides. */
function effectiveParts(topic: ParsedDeliveryPolicy | undefined, sub: ParsedDeliveryPolicy | undefined): EffectiveParts {
  const s = topic?.disableSubscriptionOverrides ? undefined : sub;
  const throttle = s?.throttlePolicy ?? topic?.throttlePolicy;
  return {
    retry: resolveRetryPolicy(s?.healthyRetryPolicy ?? topic?.healthyRetryPolicy),
    ...(throttle ? { throttle } : {}),
    contentType: s?.requestPolicy?.headerContentType ?? topic?.requestPolicy?.headerContentType ?? DEFAULT_HTTP_CONTENT_TYPE,
  };
}

/** The effective retry policy and content type for a subscription given the topic's and the subscription's policies. */
export function effectiveHttpPolicy(
  topic: ParsedDeliveryPolicy | undefined,
  sub: ParsedDeliveryPolicy | undefined,
): { retry: HttpRetryPolicy; contentType: string; maxReceivesPerSecond?: number } {
  const p = effectiveParts(topic, sub);
  return {
    retry: p.retry,
    contentType: p.contentType,
    ...(p.throttle ? { maxReceivesPerSecond: p.throttle.maxReceivesPerSecond } : {}),
  };
}

// --- The JSON AWS reports (key order as recorded from AWS) ----------------------------------

/** Given members only, in AWS's order. */
function givenRetryJson(r: GivenRetryPolicy): Record<string, unknown> {
  const out: Record<string, unknown> = {
    minDelayTarget: r.minDelayTarget,
    maxDelayTarget: r.maxDelayTarget,
    numRetries: r.numRetries,
  };
  if (r.numMaxDelayRetries !== undefined) out['numMaxDelayRetries'] = r.numMaxDelayRetries;
  if (r.numNoDelayRetries !== undefined) out['numNoDelayRetries'] = r.numNoDelayRetries;
  if (r.numMinDelayRetries !== undefined) out['numMinDelayRetries'] = r.numMinDelayRetries;
  if (r.backoffFunction !== undefined) out['backoffFunction'] = r.backoffFunction;
  return out;
}

function fullRetryJson(r: HttpRetryPolicy): Record<string, unknown> {
  return {
    minDelayTarget: r.minDelayTarget,
    maxDelayTarget: r.maxDelayTarget,
    numRetries: r.numRetries,
    numMaxDelayRetries: r.numMaxDelayRetries,
    numNoDelayRetries: r.numNoDelayRetries,
    numMinDelayRetries: r.numMinDelayRetries,
    backoffFunction: r.backoffFunction,
  };
}

/**
 * The `DeliveryPolicy` attribute as Get*Attributes returns it. AWS normalizes what was set:
 * topic → {"http":{[defaultHealthyRetryPolicy],"disableSubscriptionOverrides":false,…}} without
 * nulls; subscription → all five members, null when unset, "guaranteed" false by default.
 */
export function deliveryPolicyJson(p: ParsedDeliveryPolicy): string {
  if (p.level === 'topic') {
    const http: Record<string, unknown> = {};
    if (p.healthyRetryPolicy) http['defaultHealthyRetryPolicy'] = givenRetryJson(p.healthyRetryPolicy);
    if (p.sicklyRetryPolicy) http['defaultSicklyRetryPolicy'] = givenRetryJson(p.sicklyRetryPolicy);
    http['disableSubscriptionOverrides'] = p.disableSubscriptionOverrides ?? false;
    if (p.throttlePolicy) http['defaultThrottlePolicy'] = { ...p.throttlePolicy };
    if (p.requestPolicy) http['defaultRequestPolicy'] = { ...p.requestPolicy };
    return JSON.stringify({ http });
  }
  return JSON.stringify({
    healthyRetryPolicy: p.healthyRetryPolicy ? givenRetryJson(p.healthyRetryPolicy) : null,
    sicklyRetryPolicy: p.sicklyRetryPolicy ? givenRetryJson(p.sicklyRetryPolicy) : null,
    throttlePolicy: p.throttlePolicy ? { ...p.throttlePolicy } : null,
    requestPolicy: p.requestPolicy ? { ...p.requestPolicy } : null,
    guaranteed: p.guaranteed ?? false,
  });
}

/** A topic's `EffectiveDeliveryPolicy` attribute: its policy with every default filled in. */
export function effectiveTopicDeliveryPolicyJson(topic: ParsedDeliveryPolicy | undefined): string {
  const http: Record<string, unknown> = {
    defaultHealthyRetryPolicy: fullRetryJson(resolveRetryPolicy(topic?.healthyRetryPolicy)),
  };
  if (topic?.sicklyRetryPolicy) http['defaultSicklyRetryPolicy'] = fullRetryJson(resolveRetryPolicy(topic.sicklyRetryPolicy));
  http['disableSubscriptionOverrides'] = topic?.disableSubscriptionOverrides ?? false;
  if (topic?.throttlePolicy) http['defaultThrottlePolicy'] = { ...topic.throttlePolicy };
  http['defaultRequestPolicy'] = { headerContentType: topic?.requestPolicy?.headerContentType ?? DEFAULT_HTTP_CONTENT_TYPE };
  return JSON.stringify({ http });
}

/** An HTTP/S subscription's `EffectiveDeliveryPolicy` attribute (other protocols have none). */
export function effectiveSubscriptionDeliveryPolicyJson(
  topic: ParsedDeliveryPolicy | undefined,
  sub: ParsedDeliveryPolicy | undefined,
): string {
  const p = effectiveParts(topic, sub);
  const s = topic?.disableSubscriptionOverrides ? undefined : sub;
  return JSON.stringify({
    healthyRetryPolicy: fullRetryJson(p.retry),
    sicklyRetryPolicy: s?.sicklyRetryPolicy ? givenRetryJson(s.sicklyRetryPolicy) : null,
    throttlePolicy: p.throttle ? { ...p.throttle } : null,
    requestPolicy: { headerContentType: p.contentType },
    guaranteed: s?.guaranteed ?? false,
  });
}
