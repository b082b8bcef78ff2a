/**
 * The topic engine's DeliveryPort: turns a notification into what each protocol receives and
 * sends it — in-process to SQS, over HTTP(S) with retries, to the mobile capture for sms /
 * email / application — and redrives failures to the subscription's SQS dead-letter queue.
 */
import type { QueueEngine, MessageAttributes } from '../../engines/queue/index.js';
import type { DeliveryPort, Notification, SubscriptionView, TopicEngine } from '../../engines/topic/index.js';
import { normalizeSmsEndpoint, type MobileStore } from '../../engines/topic/mobile/index.js';
import type { Logger } from '../../core/logger.js';
import { effectiveHttpPolicy, parseDeliveryPolicy, type HttpDelivery } from './delivery/index.js';
import { envelopeAttributes, messageFor, notificationEnvelope, type EnvelopeContext } from './envelope.js';
import type { SnsSigner } from './signing/index.js';
import { topicDeliveryPolicy } from './topic-attributes.js';

/** The SenderId AWS reports on messages SNS puts into SQS queues. */
export const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';
export const SNS_USER_AGENT = 'Amazon Simple Notification Service Agent';

export interface DeliveryDeps {
  topics: TopicEngine;
  queues: QueueEngine;
  mobile: MobileStore;
  http: HttpDelivery;
  signer: SnsSigner;
  logger: Logger;
}

export function envelopeContext(deps: Pick<DeliveryDeps, 'topics' | 'signer'>, topicArn: string): EnvelopeContext {
  const v = deps.topics.getTopic(topicArn)?.attributes.get('SignatureVersion');
  return { signer: deps.signer, signatureVersion: v === '2' ? '2' : '1' };
}

function scopeOfArn(arn: string): { account: string; region: string } {
  const p = arn.split(':');
  return { region: p[3] ?? '', account: p[4] ?? '' };
}

function sqsAttributes(n: Notification): MessageAttributes | undefined {
  const names = Object.keys(n.attributes);
  if (!names.length) return undefined;
  const out: MessageAttributes = Object.create(null); // user names: `__proto__` is one
  for (const k of names) {
    const a = n.attributes[k]!;
    out[k] = a.BinaryValue ? { DataType: a.DataType, BinaryValue: a.BinaryValue } : { DataType: a.DataType, StringValue: a.StringValue ?? '' };
  }
  return out;
}

export function createDeliveryPort(deps: DeliveryDeps): DeliveryPort {
  const raw = (sub: SubscriptionView) => sub.attributes.get('RawMessageDelivery') === 'true';

  /** Delivery failed for good: to the subscription's DLQ if it has one, else logged and dropped. */
  function redrive(sub: SubscriptionView, n: Notification, body: string, attributes: MessageAttributes | undefined, why: string): void {
    const policy = sub.attributes.get('RedrivePolicy');
    let dlqArn: string | undefined;
    try {
      dlqArn = policy ? (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn : undefined;
    } catch {
      dlqArn = undefined; // accepted by the (lenient, Jackson-like) check but not plain JSON
    }
    const dlq = dlqArn ? deps.queues.getQueueByArn(dlqArn) : undefined;
    if (!dlq) {
      deps.logger.warn(`SNS delivery of ${n.messageId} to ${sub.arn} failed (${why}); no dead-letter queue, message dropped`);
      return;
    }
    try {
      dlq.send({
        body,
        attributes,
        groupId: dlq.settings.fifo ? (n.groupId ?? 'sns') : undefined,
        // Recorded: a FIFO DLQ gets the message's own group and deduplication ids.
        deduplicationId: dlq.settings.fifo ? (n.deduplicationId ?? n.messageId) : undefined,
        senderId: SNS_SENDER_ID,
      });
      deps.logger.info(`SNS delivery of ${n.messageId} to ${sub.arn} failed (${why}); moved to dead-letter queue ${dlq.arn}`);
    } catch (e) {
      deps.logger.warn(`SNS delivery of ${n.messageId} to ${sub.arn} failed (${why}) and its dead-letter queue refused it: ${(e as Error).message}`);
    }
  }

  function toSqs(sub: SubscriptionView, n: Notification): void {
    const isRaw = raw(sub);
    const body = isRaw ? messageFor('sqs', n) : notificationEnvelope(sub, n, envelopeContext(deps, n.topicArn));
    const attributes = isRaw ? sqsAttributes(n) : undefined;
    const queue = deps.queues.getQueueByArn(sub.endpoint);
    if (!queue) return redrive(sub, n, body, attributes, 'the queue does not exist');
    try {
      queue.send({
        body,
        attributes,
        // Recorded: a standard queue gets the MessageGroupId of a standard topic's message
        // ("fair queues") but not that of a FIFO topic's.
        groupId: queue.settings.fifo || !sub.fifoTopic ? n.groupId : undefined,
        // A FIFO queue needs a deduplication id: the topic's, else the SNS message id.
        deduplicationId: queue.settings.fifo ? (n.deduplicationId ?? n.messageId) : undefined,
        systemAttributes: n.traceHeader ? { AWSTraceHeader: { DataType: 'String', StringValue: n.traceHeader } } : undefined,
        senderId: SNS_SENDER_ID,
      });
    } catch (e) {
      redrive(sub, n, body, attributes, (e as Error).message);
    }
  }

  function toHttp(sub: SubscriptionView, n: Notification): void {
    const topic = deps.topics.getTopic(n.topicArn);
    const subPolicy = sub.attributes.get('DeliveryPolicy');
    const policy = effectiveHttpPolicy(topic ? topicDeliveryPolicy(topic) : undefined, subPolicy ? parseDeliveryPolicy(subPolicy, 'subscription') : undefined);
    const isRaw = raw(sub);
    const body = isRaw ? messageFor(sub.protocol, n) : notificationEnvelope(sub, n, envelopeContext(deps, n.topicArn));
    const headers: Record<string, string> = {
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': n.messageId,
      'x-amz-sns-topic-arn': n.topicArn,
      'x-amz-sns-subscription-arn': sub.arn,
      'content-type': policy.contentType,
      'user-agent': SNS_USER_AGENT,
    };
    if (isRaw) headers['x-amz-sns-rawdelivery'] = 'true';
    deps.http.deliver({
      url: sub.endpoint,
      headers,
      body,
      retry: policy.retry,
      onGiveUp: (r) => redrive(sub, n, body, undefined, r.status ? `HTTP ${r.status}` : (r.error ?? 'unreachable')),
    });
  }

  return {
    deliver(sub, n) {
      const scope = scopeOfArn(sub.topicArn);
      switch (sub.protocol) {
        case 'sqs':
          return toSqs(sub, n);
        case 'http':
        case 'https':
          return toHttp(sub, n);
        case 'sms':
          try {
            const phone = normalizeSmsEndpoint(sub.endpoint) ?? sub.endpoint;
            deps.mobile.sendSms(scope, phone, messageFor('sms', n), n.attributes, { topicArn: n.topicArn, subscriptionArn: sub.arn, messageId: n.messageId });
          } catch (e) {
            deps.logger.warn(`SNS SMS to ${sub.endpoint} not sent: ${(e as Error).message}`);
          }
          return;
        case 'email':
        case 'email-json': {
          const body =
            sub.protocol === 'email' ? messageFor('email', n) : notificationEnvelope(sub, n, envelopeContext(deps, n.topicArn));
          deps.mobile.recordEmail(scope, {
            subscriptionArn: sub.arn,
            endpoint: sub.endpoint,
            protocol: sub.protocol,
            topicArn: n.topicArn,
            subject: n.subject,
            message: body,
            messageId: n.messageId,
          });
          return;
        }
        case 'application':
          try {
            deps.mobile.publishToEndpoint(scope, sub.endpoint, n.message, n.structure, {
              subject: n.subject,
              messageAttributes: n.attributes,
              topicArn: n.topicArn,
              subscriptionArn: sub.arn,
              messageId: n.messageId,
            });
          } catch (e) {
            deps.logger.warn(`SNS push to ${sub.endpoint} not delivered: ${(e as Error).message}`);
          }
          return;
        default:
          // lambda and firehose: accepted; delivery arrives with those services.
          deps.logger.info(`SNS ${sub.protocol} subscription ${sub.arn}: ${n.messageId} accepted, not delivered (${sub.protocol} is not emulated yet)`);
      }
    },
  };
}

export { envelopeAttributes };
