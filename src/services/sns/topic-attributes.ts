/**
 * Topic attributes: which may be set, their checks, and what GetTopicAttributes returns
 * (AWS's defaults: DisplayName "", the default Policy, EffectiveDeliveryPolicy, counts).
 */
import type { Topic } from '../../engines/topic/index.js';
import { deliveryPolicyJson, effectiveTopicDeliveryPolicyJson, parseDeliveryPolicy, type ParsedDeliveryPolicy } from './delivery/index.js';
import { invalidParameter } from './errors.js';

const FEEDBACK = ['Application', 'Firehose', 'HTTP', 'Lambda', 'SQS'].flatMap((p) => [
  `${p}SuccessFeedbackRoleArn`,
  `${p}SuccessFeedbackSampleRate`,
  `${p}FailureFeedbackRoleArn`,
]);
const SETTABLE = new Set(['DeliveryPolicy', 'DisplayName', 'Policy', 'TracingConfig', 'KmsMasterKeyId', 'SignatureVersion', ...FEEDBACK]);
const FIFO_SETTABLE = new Set(['ContentBasedDeduplication', 'FifoThroughputScope', 'ArchivePolicy']);

export function defaultTopicPolicy(topic: Topic): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': topic.scope.account } },
      },
    ],
  });
}

/** The topic's DeliveryPolicy with AWS's defaults filled in, as GetTopicAttributes shows it. */
export function effectiveTopicDeliveryPolicy(topic: Topic): string {
  return effectiveTopicDeliveryPolicyJson(topicDeliveryPolicy(topic));
}

export function topicDeliveryPolicy(topic: Topic): ParsedDeliveryPolicy | undefined {
  const raw = topic.attributes.get('DeliveryPolicy');
  return raw ? parseDeliveryPolicy(raw, 'topic') : undefined;
}

/** Checks one attribute for CreateTopic/SetTopicAttributes; returns the value to store ('' removes). */
export function checkTopicAttribute(name: string, value: string, fifo: boolean): string {
  if (name === 'FifoTopic') {
    if (value.toLowerCase() !== String(fifo)) throw invalidParameter('Attributes Reason: FifoTopic: Topic type cannot be changed');
    return value.toLowerCase();
  }
  if (!SETTABLE.has(name) && !(fifo && FIFO_SETTABLE.has(name))) throw invalidParameter('AttributeName');
  switch (name) {
    case 'SignatureVersion':
      if (value !== '1' && value !== '2') throw invalidParameter('Attributes Reason: SignatureVersion: Invalid value. Must be 1 or 2.');
      break;
    case 'ContentBasedDeduplication':
      if (!/^(true|false)$/i.test(value)) throw invalidParameter(`Attributes Reason: ContentBasedDeduplication: Invalid value [${value}]. Must be true or false.`);
      return value.toLowerCase();
    case 'FifoThroughputScope':
      if (value !== 'Topic' && value !== 'MessageGroup') throw invalidParameter('Attributes Reason: FifoThroughputScope: Invalid value. Must be Topic or MessageGroup.');
      break;
    case 'TracingConfig':
      if (value !== 'Active' && value !== 'PassThrough') throw invalidParameter('Attributes Reason: TracingConfig: Invalid value. Must be Active or PassThrough.');
      break;
    case 'DisplayName':
      if (value.length > 100) throw invalidParameter('DisplayName Reason: must be at most 100 characters long');
      break;
    case 'DeliveryPolicy':
      if (value === '') return value;
      try {
        // Stored the way AWS echoes it back (fixed key order).
        return deliveryPolicyJson(parseDeliveryPolicy(value, 'topic'));
      } catch (e) {
        throw invalidParameter(`DeliveryPolicy: ${(e as Error).message}`);
      }
    case 'Policy':
    case 'ArchivePolicy':
      if (value !== '') {
        try {
          const v: unknown = JSON.parse(value);
          if (!v || typeof v !== 'object') throw new Error();
        } catch {
          throw invalidParameter(`${name}: failed to parse JSON.`);
        }
      }
      break;
  }
  return value;
}

/** Everything GetTopicAttributes returns. */
export function topicAttributes(topic: Topic): Record<string, string> {
  const c = topic.counts();
  const out: Record<string, string> = {
    DisplayName: '',
    Owner: topic.scope.account,
    Policy: defaultTopicPolicy(topic),
    SubscriptionsConfirmed: String(c.confirmed),
    SubscriptionsDeleted: String(c.deleted),
    SubscriptionsPending: String(c.pending),
    TopicArn: topic.arn,
    EffectiveDeliveryPolicy: effectiveTopicDeliveryPolicy(topic),
  };
  if (topic.fifo) {
    out.FifoTopic = 'true';
    out.ContentBasedDeduplication = 'false';
  }
  for (const [k, v] of topic.attributes) out[k] = v;
  return out;
}
