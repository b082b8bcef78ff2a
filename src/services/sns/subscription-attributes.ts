/**
 * Subscription attributes: checks for Subscribe/SetSubscriptionAttributes (AWS words the same
 * problem as "Invalid parameter: X..." on Set and "Invalid parameter: Attributes Reason: X..."
 * on Subscribe, so checks throw a bare reason and callers wrap it) and GetSubscriptionAttributes.
 */
import type { Protocol, SnsFilter, Subscription, Topic } from '../../engines/topic/index.js';
import { compileSnsFilterPolicy, FilterPolicyError } from '../../engines/filter/index.js';
import { JsonSyntaxError, readJson, redactedLocation, type JsonNode } from '../../core/json-reader.js';
import { deliveryPolicyJson, effectiveSubscriptionDeliveryPolicyJson, parseDeliveryPolicy } from './delivery/index.js';
import { topicDeliveryPolicy } from './topic-attributes.js';

type FilterScope = 'MessageAttributes' | 'MessageBody';

/**
 * Why an attribute is refused, as AWS words it after its prefix. `parameter` is the attribute
 * named before the reason ("RawMessageDelivery: Invalid value ..."), or null when AWS names none
 * (the filter-policy scope/nesting error): see `framed`.
 */
export class AttributeReason extends Error {
  constructor(
    message: string,
    readonly parameter: string | null = null,
  ) {
    super(message);
  }

  /** The full text: `prefix` is "Invalid parameter: " (Set...) or "Invalid parameter: Attributes Reason: " (Subscribe). */
  framed(prefix: string): string {
    return this.parameter === null ? `${prefix}${this.message}` : `${prefix}${this.parameter}: ${this.message}`;
  }
}

const SETTABLE = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy']);
const RAW_CAPABLE = new Set<Protocol>(['sqs', 'http', 'https', 'firehose']);

export interface SubscriptionTarget {
  protocol: Protocol;
  fifoTopic: boolean;
  /** Whether the queue behind a DLQ ARN is FIFO (undefined: no such queue). */
  queueIsFifo(arn: string): boolean | undefined;
}

/** Checks one attribute; returns the value to store ('' removes). Throws AttributeReason. */
export function checkSubscriptionAttribute(name: string, value: string, target: SubscriptionTarget): string {
  if (!SETTABLE.has(name)) throw new AttributeReason('AttributeName');
  switch (name) {
    case 'RawMessageDelivery':
      if (!/^(true|false)$/i.test(value)) throw new AttributeReason(`RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      if (!RAW_CAPABLE.has(target.protocol))
        throw new AttributeReason(`Delivery protocol [${target.protocol}] does not support raw message delivery.`);
      return value.toLowerCase();
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody')
        throw new AttributeReason('FilterPolicyScope: Invalid value [' + value + ']. Please use either MessageBody or MessageAttributes');
      return value;
    case 'FilterPolicy':
      return value;
    case 'RedrivePolicy': {
      if (value === '') return value;
      // AWS reads the policy with Jackson; the filter engine's reader words errors the same way
      // (recorded: "failed to parse JSON. Unexpected character ('i' (code 105)): ...").
      let node: JsonNode;
      try {
        node = readJson(value);
      } catch (e) {
        if (!(e instanceof JsonSyntaxError)) throw e;
        throw new AttributeReason(`RedrivePolicy: failed to parse JSON. ${e.message}\n at ${redactedLocation(e.line, e.column)}`);
      }
      const arnNode = node.kind === 'object' ? node.entries.find((x) => x.key === 'deadLetterTargetArn')?.value : undefined;
      const arn = arnNode?.kind === 'string' ? arnNode.value : undefined;
      if (typeof arn !== 'string' || !/^arn:aws[\w-]*:sqs:[^:]+:\d{12}:[^:]+$/.test(arn))
        throw new AttributeReason('RedrivePolicy: deadLetterTargetArn is an invalid arn');
      if (target.fifoTopic && target.queueIsFifo(arn) === false)
        throw new AttributeReason('RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.');
      return value;
    }
    case 'DeliveryPolicy':
      if (value === '') return value;
      if (target.protocol !== 'http' && target.protocol !== 'https')
        throw new AttributeReason(`DeliveryPolicy: Delivery protocol [${target.protocol}] does not support delivery policies.`);
      try {
        // Stored the way AWS echoes it back (all five keys, nulls included).
        return deliveryPolicyJson(parseDeliveryPolicy(value, 'subscription'));
      } catch (e) {
        throw new AttributeReason(`DeliveryPolicy: ${(e as Error).message}`);
      }
    default:
      return value;
  }
}

/** The filter a subscription with these attributes gets (undefined: none); throws AttributeReason. */
export function filterFor(attributes: ReadonlyMap<string, string>): { filter: SnsFilter | undefined; scope: FilterScope } {
  const policy = attributes.get('FilterPolicy');
  const scope = (attributes.get('FilterPolicyScope') ?? 'MessageAttributes') as FilterScope;
  if (!policy) return { filter: undefined, scope };
  try {
    return { filter: compileSnsFilterPolicy(policy, scope), scope };
  } catch (e) {
    if (e instanceof FilterPolicyError) throw new AttributeReason(e.message, e.parameter);
    throw e;
  }
}

/** (Re)compiles the filter from the stored FilterPolicy and FilterPolicyScope; throws AttributeReason. */
export function compileFilter(sub: Subscription): void {
  const { filter, scope } = filterFor(sub.attributes);
  sub.filter = filter;
  sub.filterScope = scope;
}

/** The subscription's effective HTTP delivery policy as GetSubscriptionAttributes shows it. */
function effectiveDeliveryPolicy(topic: Topic | undefined, sub: Subscription): string {
  const raw = sub.attributes.get('DeliveryPolicy');
  return effectiveSubscriptionDeliveryPolicyJson(topic ? topicDeliveryPolicy(topic) : undefined, raw ? parseDeliveryPolicy(raw, 'subscription') : undefined);
}

export function subscriptionAttributes(sub: Subscription, topic: Topic | undefined, principal: string): Record<string, string> {
  const out: Record<string, string> = {
    ConfirmationWasAuthenticated: String(sub.confirmationWasAuthenticated),
    Endpoint: sub.endpoint,
    Owner: sub.owner,
    PendingConfirmation: String(sub.pendingConfirmation),
    Protocol: sub.protocol,
    RawMessageDelivery: 'false',
    SubscriptionArn: sub.arn,
    SubscriptionPrincipal: principal,
    TopicArn: sub.topicArn,
  };
  for (const [k, v] of sub.attributes) out[k] = v;
  // AWS shows FilterPolicyScope only alongside a FilterPolicy (recorded: setting the scope alone
  // leaves it out of the attributes), defaulting to MessageAttributes.
  if (out.FilterPolicy) out.FilterPolicyScope ??= 'MessageAttributes';
  else delete out.FilterPolicyScope;
  if (sub.protocol === 'http' || sub.protocol === 'https') out.EffectiveDeliveryPolicy = effectiveDeliveryPolicy(topic, sub);
  return out;
}
