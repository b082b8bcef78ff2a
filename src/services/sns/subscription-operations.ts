/**
 * SNS subscription operations: Subscribe (with HTTP/email confirmation), ConfirmSubscription,
 * Unsubscribe, listing, and subscription attributes.
 */
import { randomUUID } from 'node:crypto';
import type { Subscription as SdkSubscription } from '@aws-sdk/client-sns';
import type { Clock } from '../../core/clock.js';
import { iamArn } from '../../core/arn.js';
import type { QueueEngine } from '../../engines/queue/index.js';
import type { Protocol, Subscription, Topic, TopicEngine } from '../../engines/topic/index.js';
import { normalizeSmsEndpoint, type MobileStore } from '../../engines/topic/mobile/index.js';
import type { RequestContext } from '../context.js';
import { parseArn } from './arns.js';
import { confirmationEnvelope } from './envelope.js';
import { envelopeContext, SNS_USER_AGENT } from './deliver.js';
import { DEFAULT_HTTP_RETRY_POLICY, type HttpDelivery } from './delivery/index.js';
import { invalidParameter, invalidParameterRaw, required, subscriptionNotFound, topicNotFound } from './errors.js';
import { page } from './paging.js';
import {
  AttributeReason,
  checkSubscriptionAttribute,
  compileFilter,
  filterFor,
  subscriptionAttributes,
  type SubscriptionTarget,
} from './subscription-attributes.js';
import type { SnsSigner } from './signing/index.js';
import { topicFor } from './topic-operations.js';
import type { SnsHandlersFor } from './types.js';

type SubscriptionOperation =
  | 'Subscribe'
  | 'ConfirmSubscription'
  | 'Unsubscribe'
  | 'ListSubscriptions'
  | 'ListSubscriptionsByTopic'
  | 'GetSubscriptionAttributes'
  | 'SetSubscriptionAttributes';

/** Values a subscription has when the attribute was never set. */
const SUBSCRIPTION_DEFAULTS: Record<string, string> = { RawMessageDelivery: 'false', FilterPolicyScope: 'MessageAttributes' };
const PROTOCOLS: ReadonlySet<string> = new Set<Protocol>(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);
/** The SDK types Protocol as any string; this narrows it to the protocols SNS has. */
const isProtocol = (p: string): p is Protocol => PROTOCOLS.has(p);
const NEEDS_CONFIRMATION = new Set<Protocol>(['http', 'https', 'email', 'email-json']);

export interface SubscriptionDeps {
  topics: TopicEngine;
  queues: QueueEngine;
  mobile: MobileStore;
  http: HttpDelivery;
  signer: SnsSigner;
  clock: Clock;
}


export function principalOf(ctx: RequestContext): string {
  return iamArn(ctx.region, ctx.account, `user/${ctx.accessKey}`);
}

function checkEndpoint(deps: SubscriptionDeps, topic: Topic, protocol: Protocol, endpoint: string | undefined, ctx: RequestContext): string {
  const ep = endpoint ?? '';
  switch (protocol) {
    case 'sqs': {
      if (!/^arn:aws[\w-]*:sqs:[^:]+:\d{12}:[^:]+$/.test(ep)) throw invalidParameter('SQS endpoint ARN');
      const queue = deps.queues.getQueueByArn(ep);
      if (queue?.settings.fifo && !topic.fifo)
        throw invalidParameter('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      return ep;
    }
    case 'http':
    case 'https':
      if (!ep.toLowerCase().startsWith(`${protocol}://`)) throw invalidParameter('Endpoint must match the specified protocol');
      try {
        new URL(ep);
      } catch {
        throw invalidParameter('Endpoint must match the specified protocol');
      }
      return ep;
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(ep)) throw invalidParameter('Email address');
      return ep;
    case 'sms':
      if (normalizeSmsEndpoint(ep) === undefined) throw invalidParameterRaw(`Invalid SMS endpoint: ${ep}`);
      return ep;
    case 'lambda':
      if (!/^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:.+$/.test(ep)) throw invalidParameter('Lambda endpoint ARN');
      return ep;
    case 'application':
      if (!/^arn:aws[\w-]*:sns:[^:]+:\d{12}:endpoint\/.+$/.test(ep)) throw invalidParameter('Endpoint Reason: An endpoint ARN is required');
      return ep;
    case 'firehose':
      if (!/^arn:aws[\w-]*:firehose:[^:]+:\d{12}:deliverystream\/.+$/.test(ep)) throw invalidParameter('Firehose endpoint ARN');
      return ep;
  }
  void ctx;
  return ep;
}

function target(deps: SubscriptionDeps, protocol: Protocol, fifoTopic: boolean): SubscriptionTarget {
  return { protocol, fifoTopic, queueIsFifo: (arn) => deps.queues.getQueueByArn(arn)?.settings.fifo };
}

function listEntry(s: Subscription): SdkSubscription {
  return {
    SubscriptionArn: s.pendingConfirmation ? 'PendingConfirmation' : s.arn,
    Owner: s.owner,
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    TopicArn: s.topicArn,
  };
}

export function subscriptionOperations(deps: SubscriptionDeps): SnsHandlersFor<SubscriptionOperation> {
  const { topics } = deps;

  /** Sends a (Un)SubscriptionConfirmation to an HTTP endpoint, or records it as an email. */
  function sendConfirmation(s: Subscription, type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation', ctx: RequestContext): void {
    const token = type === 'SubscriptionConfirmation' && s.token ? s.token : topics.newToken(s);
    const messageId = randomUUID();
    const origin = `http://${ctx.host}`;
    const body = confirmationEnvelope(type, s.topicArn, token, messageId, deps.clock.now(), origin, envelopeContext(deps, s.topicArn), s.arn);
    if (s.protocol === 'http' || s.protocol === 'https') {
      const headers: Record<string, string> = {
        'x-amz-sns-message-type': type,
        'x-amz-sns-message-id': messageId,
        'x-amz-sns-topic-arn': s.topicArn,
        'content-type': 'text/plain; charset=UTF-8',
        'user-agent': SNS_USER_AGENT,
      };
      if (type === 'UnsubscribeConfirmation') headers['x-amz-sns-subscription-arn'] = s.arn;
      deps.http.deliver({ url: s.endpoint, headers, body, retry: DEFAULT_HTTP_RETRY_POLICY, onGiveUp: () => undefined });
    } else if (type === 'SubscriptionConfirmation' && (s.protocol === 'email' || s.protocol === 'email-json')) {
      deps.mobile.recordEmail(
        { account: ctx.account, region: ctx.region },
        { subscriptionArn: s.arn, endpoint: s.endpoint, protocol: s.protocol, subject: 'AWS Notification - Subscription Confirmation', message: body, messageId },
      );
    }
  }

  return {
    Subscribe(input, ctx) {
      const topic = topicFor(topics, input.TopicArn, ctx);
      const protocol = input.Protocol ?? '';
      if (!isProtocol(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
      const endpoint = checkEndpoint(deps, topic, protocol, input.Endpoint, ctx);
      const attrs = input.Attributes ?? {};
      const checked: Record<string, string> = Object.create(null);
      try {
        for (const [k, v] of Object.entries(attrs)) checked[k] = checkSubscriptionAttribute(k, v, target(deps, protocol, topic.fifo));
      } catch (e) {
        if (e instanceof AttributeReason) throw invalidParameterRaw(e.framed('Invalid parameter: Attributes Reason: '));
        throw e;
      }
      let compiled: ReturnType<typeof filterFor>;
      try {
        compiled = filterFor(new Map(Object.entries(checked).filter(([, v]) => v !== '')));
      } catch (e) {
        if (e instanceof AttributeReason) throw invalidParameterRaw(e.framed('Invalid parameter: Attributes Reason: '));
        throw e;
      }
      const existing = topics.findSubscription(topic, protocol, endpoint);
      if (existing) {
        // Only the attributes given are compared, each with its default when the subscription
        // has none (recorded: FilterPolicyScope=MessageAttributes matches a subscription without it).
        const same = Object.entries(checked).every(([k, v]) => (existing.attributes.get(k) ?? SUBSCRIPTION_DEFAULTS[k] ?? '') === v);
        if (!same) throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
        return { SubscriptionArn: existing.pendingConfirmation && !input.ReturnSubscriptionArn ? 'pending confirmation' : existing.arn };
      }
      const pending = NEEDS_CONFIRMATION.has(protocol);
      const s = topics.subscribe(topic, protocol, endpoint, ctx.account, pending);
      for (const [k, v] of Object.entries(checked)) if (v !== '') s.attributes.set(k, v);
      s.filter = compiled.filter;
      s.filterScope = compiled.scope;
      if (pending) sendConfirmation(s, 'SubscriptionConfirmation', ctx);
      return { SubscriptionArn: pending && !input.ReturnSubscriptionArn ? 'pending confirmation' : s.arn };
    },

    /*
     * As recorded against AWS: a TopicArn that is no topic ARN ("not-an-arn") or names another
     * region is "Invalid parameter: Topic"; a token that is not hex is "Invalid token" (no
     * prefix); an unknown hex token is "Invalid parameter: Token". The token alone decides
     * which subscription is confirmed: AWS confirms it even when TopicArn names a topic of the
     * right region that does not exist.
     */
    ConfirmSubscription(input, ctx) {
      const arn = input.TopicArn ?? '';
      const parts = arn.split(':');
      if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sns' || parts[3] !== ctx.region || !parts[5]) throw invalidParameter('Topic');
      const token = input.Token ?? '';
      if (!/^[0-9a-fA-F]+$/.test(token)) throw invalidParameterRaw('Invalid token');
      const s = topics.bySubscriptionToken(token);
      const confirmed = s && topics.confirm(s, (input.AuthenticateOnUnsubscribe ?? '').toLowerCase() === 'true');
      if (!confirmed) throw invalidParameter('Token');
      return { SubscriptionArn: confirmed.arn };
    },

    Unsubscribe(input, ctx) {
      const arn = input.SubscriptionArn ?? '';
      if (!arn) throw invalidParameter('SubscriptionArn Reason: no value for required parameter');
      const a = parseArn(arn, 'SubscriptionArn');
      if (a.service !== 'sns' || a.resource.split(':').length !== 2) throw invalidParameter('SubscriptionId');
      const s = topics.unsubscribe(arn);
      if (s && (s.protocol === 'http' || s.protocol === 'https') && !s.pendingConfirmation) sendConfirmation(s, 'UnsubscribeConfirmation', ctx);
      return {};
    },

    ListSubscriptions(input, ctx) {
      const all = topics.listSubscriptions({ account: ctx.account, region: ctx.region });
      const { items, nextToken } = page(all, input.NextToken, 100);
      return { Subscriptions: items.map(listEntry), NextToken: nextToken };
    },

    ListSubscriptionsByTopic(input, ctx) {
      const topic = topicFor(topics, input.TopicArn, ctx);
      const { items, nextToken } = page([...topic.subscriptions.values()], input.NextToken, 100);
      return { Subscriptions: items.map(listEntry), NextToken: nextToken };
    },

    GetSubscriptionAttributes(input, ctx) {
      const arn = required(input.SubscriptionArn, 'SubscriptionArn');
      parseArn(arn, 'SubscriptionArn');
      const s = topics.getSubscription(arn);
      if (!s) throw subscriptionNotFound();
      return { Attributes: subscriptionAttributes(s, topics.getTopic(s.topicArn), principalOf(ctx)) };
    },

    SetSubscriptionAttributes(input) {
      const arn = required(input.SubscriptionArn, 'SubscriptionArn');
      parseArn(arn, 'SubscriptionArn');
      const s = topics.getSubscription(arn);
      if (!s) throw subscriptionNotFound();
      const name = required(input.AttributeName, 'AttributeName');
      const before = new Map(s.attributes);
      try {
        const value = checkSubscriptionAttribute(name, input.AttributeValue ?? '', target(deps, s.protocol, s.fifoTopic));
        if (value === '') s.attributes.delete(name);
        else s.attributes.set(name, value);
        if (name === 'FilterPolicy' || name === 'FilterPolicyScope') compileFilter(s);
      } catch (e) {
        s.attributes.clear();
        for (const [k, v] of before) s.attributes.set(k, v);
        if (e instanceof AttributeReason) throw invalidParameterRaw(e.framed('Invalid parameter: '));
        throw e;
      }
      return {};
    },
  };
}

export { topicNotFound };
