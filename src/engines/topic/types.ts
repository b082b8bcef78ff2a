/**
 * The topic engine's public types. The SNS service validates AWS input and hands the engine
 * typed values; the engine owns topics, subscriptions, FIFO ordering/dedup and fan-out, and
 * hands each matching delivery to a `DeliveryPort` (the service implements the protocols).
 */
export interface Scope {
  account: string;
  region: string;
}

export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export type SnsMessageAttributes = Record<string, SnsMessageAttribute>;

export type Protocol = 'http' | 'https' | 'email' | 'email-json' | 'sms' | 'sqs' | 'application' | 'lambda' | 'firehose';

export interface PublishInput {
  message: string;
  subject?: string;
  attributes: SnsMessageAttributes;
  /** MessageStructure=json: the parsed per-protocol messages (has `default`). */
  structure?: Record<string, string>;
  groupId?: string;
  /** FIFO: explicit, or the SHA-256 of the message when content-based (service decides). */
  deduplicationId?: string;
  /** `http://host:port` the publisher used: signing-cert and unsubscribe URLs point there. */
  origin: string;
  /** X-Ray trace header of the Publish request; SQS deliveries carry it as AWSTraceHeader. */
  traceHeader?: string;
}

/** One published message as every subscription sees it. */
export interface Notification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly structure?: Record<string, string>;
  readonly attributes: SnsMessageAttributes;
  /** ms since epoch */
  readonly timestamp: number;
  readonly sequenceNumber?: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly origin: string;
  readonly traceHeader?: string;
}

export interface PublishResult {
  messageId: string;
  sequenceNumber?: string;
}

/** Where fan-out goes: one call per confirmed subscription whose filter policy matches. */
export interface DeliveryPort {
  deliver(subscription: SubscriptionView, notification: Notification): void;
}

/** What a delivery needs to know of its subscription (a live object: read, don't keep). */
export interface SubscriptionView {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  readonly owner: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly fifoTopic: boolean;
}

/** A compiled filter policy (built by src/engines/filter when the attribute is set). */
export interface SnsFilter {
  matchAttributes(attrs: Record<string, { Type: string; Value: string }>): boolean;
  matchBody(body: unknown): boolean;
}
