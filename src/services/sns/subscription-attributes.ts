/**
 * Subscription attributes: checks for Subscribe/SetSubscriptionAttributes (AWS words the same
 * problem as "Invalid parameter: X..." on Set and "Invalid parameter: Attributes Reason: X..."
 * on Subscribe, so checks throw a bare reason and callers wrap it) and GetSubscriptionAttributes.
 */
import type { Subscription, Topic, Protocol } from '../../engines/topic/index.js';
import { compileSnsFilterPolicy } from '../../engines/filter/index.js';
import { deliveryPolicyJson, effectiveSubscriptionDeliveryPolicyJson, parseDeliveryPolicy } from './delivery/index.js';
import { topicDeliveryPolicy } from './topic-attributes.js';

export class AttributeReason extends Error {}

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
      let p: { deadLetterTargetArn?: unknown };
      try {
        p = JSON.parse(value) as { deadLetterTargetArn?: unknown };
        if (!p || typeof p !== 'object') throw new Error('not an object');
      } catch (e) {
        throw new AttributeReason(`RedrivePolicy: failed to parse JSON. ${(e as Error).message}`);
      }
      const arn = p.deadLetterTargetArn;
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

/** (Re)compiles the filter from the stored FilterPolicy and FilterPolicyScope; throws AttributeReason. */
export function compileFilter(sub: Subscription): void {
  const policy = sub.attributes.get('FilterPolicy');
  const scope = (sub.attributes.get('FilterPolicyScope') ?? 'MessageAttributes') as 'MessageAttributes' | 'MessageBody';
  if (!policy) {
    sub.filter = undefined;
    sub.filterScope = scope;
    return;
  }
  try {
    sub.filter = compileSnsFilterPolicy(policy, scope);
    sub.filterScope = scope;
  } catch (e) {
    throw new AttributeReason(`FilterPolicy: ${(e as Error).message}`);
  }
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
  if (out.FilterPolicy && !out.FilterPolicyScope) out.FilterPolicyScope = 'MessageAttributes';
  if (sub.protocol === 'http' || sub.protocol === 'https') out.EffectiveDeliveryPolicy = effectiveDeliveryPolicy(topic, sub);
  return out;
}
