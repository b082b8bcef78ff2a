/**
 * The topic engine: topics and subscriptions per account and region, publish and fan-out.
 * Delivery itself (SQS, HTTP, SMS, ...) is the DeliveryPort's job; the engine decides who gets
 * what: confirmed subscriptions whose filter policy matches, in subscription order.
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler } from '../../core/scheduler.js';
import { cryptoRandomness, type Randomness } from '../../core/ids.js';
import { Subscription } from './subscription.js';
import { Topic } from './topic.js';
import type { DeliveryPort, Notification, Protocol, PublishInput, PublishResult, Scope } from './types.js';
import { buildArn } from '../../core/arn.js';

export interface TopicEngineDeps {
  clock: Clock;
  scheduler: Scheduler;
  /** Where ids and confirmation tokens come from (default node:crypto). */
  random?: Randomness;
  /** Topic, subscription and message ids; default `random.uuid()`. */
  newId?: () => string;
}

export function topicArn(scope: Scope, name: string): string {
  return buildArn({ service: 'sns', region: scope.region, account: scope.account, resource: name });
}

/** Attribute-scope filters see attributes as SNS serializes them: {Type, Value}. */
function filterView(n: Notification): Record<string, { Type: string; Value: string }> {
  // User names: `__proto__` is one, and `toString` must not be found on a prototype.
  const out = Object.create(null) as Record<string, { Type: string; Value: string }>;
  for (const [k, a] of Object.entries(n.attributes)) {
    out[k] = { Type: a.DataType, Value: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : (a.StringValue ?? '') };
  }
  return out;
}

export class TopicEngine {
  private readonly topics = new Map<string, Topic>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly byToken = new Map<string, Subscription>();
  private readonly newId: () => string;
  private readonly random: Randomness;
  private port: DeliveryPort | undefined;

  constructor(private readonly deps: TopicEngineDeps) {
    const random = deps.random ?? cryptoRandomness;
    this.random = random;
    this.newId = deps.newId ?? (() => random.uuid());
  }

  /** Set once by the service that owns the protocols. */
  connect(port: DeliveryPort): void {
    this.port = port;
  }

  createTopic(scope: Scope, name: string, fifo: boolean): Topic {
    const arn = topicArn(scope, name);
    let t = this.topics.get(arn);
    if (!t) {
      t = new Topic(scope, name, arn, fifo, this.deps.clock, this.deps.scheduler);
      this.topics.set(arn, t);
    }
    return t;
  }

  getTopic(arn: string): Topic | undefined {
    return this.topics.get(arn);
  }

  /** Topics of a scope in creation order. */
  listTopics(scope: Scope): Topic[] {
    const out: Topic[] = [];
    for (const t of this.topics.values()) if (t.scope.account === scope.account && t.scope.region === scope.region) out.push(t);
    return out;
  }

  /** Deletes the topic and its subscriptions (as AWS does). Unknown topics are a no-op. */
  deleteTopic(arn: string): void {
    const t = this.topics.get(arn);
    if (!t) return;
    for (const s of t.subscriptions.values()) this.forget(s);
    this.topics.delete(arn);
  }

  subscribe(topic: Topic, protocol: Protocol, endpoint: string, owner: string, pending: boolean): Subscription {
    const arn = `${topic.arn}:${this.newId()}`;
    const s = new Subscription(arn, topic.arn, protocol, endpoint, owner, topic.fifo, pending);
    if (pending) this.newToken(s);
    topic.subscriptions.set(arn, s);
    this.subscriptions.set(arn, s);
    return s;
  }

  /** The existing subscription of a topic to this protocol+endpoint, if any. */
  findSubscription(topic: Topic, protocol: Protocol, endpoint: string): Subscription | undefined {
    for (const s of topic.subscriptions.values()) if (s.protocol === protocol && s.endpoint === endpoint) return s;
    return undefined;
  }

  getSubscription(arn: string): Subscription | undefined {
    return this.subscriptions.get(arn);
  }

  bySubscriptionToken(token: string): Subscription | undefined {
    return this.byToken.get(token);
  }

  /**
   * Confirms a pending subscription. The token stays valid: AWS accepts a repeated confirmation
   * and returns the same ARN. The token of an UnsubscribeConfirmation restores the subscription
   * it ended ("To cancel this operation and restore the subscription, visit the SubscribeURL"),
   * unless the topic is gone or the endpoint subscribed again meanwhile (that subscription is the
   * answer then). Returns the subscription now in place, or undefined when its topic is gone.
   */
  confirm(s: Subscription, authenticated: boolean): Subscription | undefined {
    const topic = this.topics.get(s.topicArn);
    if (!topic) return undefined;
    if (!this.subscriptions.has(s.arn)) {
      const current = this.findSubscription(topic, s.protocol, s.endpoint);
      if (current) return current;
      topic.subscriptions.set(s.arn, s);
      this.subscriptions.set(s.arn, s);
      return s;
    }
    if (s.pendingConfirmation) {
      s.pendingConfirmation = false;
      s.confirmationWasAuthenticated = authenticated;
    }
    return s;
  }

  unsubscribe(arn: string): Subscription | undefined {
    const s = this.subscriptions.get(arn);
    if (!s) return undefined;
    const t = this.topics.get(s.topicArn);
    if (t) {
      t.subscriptionsDeleted++;
      t.subscriptions.delete(arn);
    }
    this.forget(s);
    return s;
  }

  /** Subscriptions of a scope (owner account + region of the topic), in subscription order. */
  listSubscriptions(scope: Scope): Subscription[] {
    const out: Subscription[] = [];
    for (const t of this.listTopics(scope)) for (const s of t.subscriptions.values()) out.push(s);
    return out;
  }

  /**
   * Publish to a topic: FIFO dedup and sequence numbers, then one delivery per confirmed
   * subscription whose filter policy matches.
   */
  publish(topic: Topic, input: PublishInput): PublishResult {
    if (topic.dedup && input.deduplicationId !== undefined) {
      const key = topic.attributes.get('FifoThroughputScope') === 'MessageGroup' ? `${input.groupId ?? ''}\u0000${input.deduplicationId}` : input.deduplicationId;
      const seen = topic.dedup.get(key);
      if (seen) return seen.sequenceNumber === undefined ? { messageId: seen.messageId } : { messageId: seen.messageId, sequenceNumber: seen.sequenceNumber };
      const result = this.fanOut(topic, input);
      topic.dedup.add(key, result.messageId, result.sequenceNumber);
      return result;
    }
    return this.fanOut(topic, input);
  }

  /** Subscriptions a notification would reach (used by publish and for "why no delivery" logs). */
  matching(topic: Topic, n: Notification): Subscription[] {
    const out: Subscription[] = [];
    let attrs: Record<string, { Type: string; Value: string }> | undefined;
    let body: unknown;
    let bodyParsed = false;
    for (const s of topic.subscriptions.values()) {
      if (s.pendingConfirmation) continue;
      if (s.filter) {
        if (s.filterScope === 'MessageBody') {
          if (!bodyParsed) {
            bodyParsed = true;
            try {
              body = JSON.parse(n.message);
            } catch {
              body = undefined;
            }
          }
          if (body === undefined || !s.filter.matchBody(body)) continue;
        } else if (!s.filter.matchAttributes((attrs ??= filterView(n)))) continue;
      }
      out.push(s);
    }
    return out;
  }

  close(): void {
    this.topics.clear();
    this.subscriptions.clear();
    this.byToken.clear();
  }

  private fanOut(topic: Topic, input: PublishInput): PublishResult {
    const n: Notification = {
      messageId: this.newId(),
      topicArn: topic.arn,
      subject: input.subject,
      message: input.message,
      structure: input.structure,
      attributes: input.attributes,
      timestamp: this.deps.clock.now(),
      sequenceNumber: topic.fifo ? topic.takeSequence() : undefined,
      groupId: input.groupId,
      deduplicationId: input.deduplicationId,
      origin: input.origin,
      traceHeader: input.traceHeader,
    };
    for (const s of this.matching(topic, n)) this.port?.deliver(s, n);
    return n.sequenceNumber === undefined ? { messageId: n.messageId } : { messageId: n.messageId, sequenceNumber: n.sequenceNumber };
  }

  /** A fresh confirmation token for a pending subscription (also used to re-send confirmations). */
  newToken(s: Subscription): string {
    s.token = randomToken(this.random);
    this.byToken.set(s.token, s);
    return s.token;
  }

  private forget(s: Subscription): void {
    this.subscriptions.delete(s.arn);
    if (s.token) this.byToken.delete(s.token);
  }
}

/** AWS tokens are long hex strings; ours are 128 hex chars of randomness. */
function randomToken(random: Randomness): string {
  return (random.uuid() + random.uuid() + random.uuid() + random.uuid()).replace(/-/g, '');
}
