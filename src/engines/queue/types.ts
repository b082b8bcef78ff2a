/**
 * The queue engine's public types. The service layer (src/services/sqs) validates AWS input
 * and hands the engine typed values; the engine owns messages, timers and FIFO/DLQ rules.
 * No HTTP, no protocol, no AWS wire names beyond what the domain needs.
 */

/** Account + region: every queue lives in exactly one. */
export interface Scope {
  account: string;
  region: string;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** Typed queue settings. Seconds where AWS uses seconds. */
export interface QueueSettings {
  delaySeconds: number; // 0..900
  maximumMessageSize: number; // 1024..1048576
  messageRetentionPeriod: number; // 60..1209600
  receiveMessageWaitTimeSeconds: number; // 0..20
  visibilityTimeout: number; // 0..43200
  redrivePolicy?: RedrivePolicy;
  fifo: boolean;
  contentBasedDeduplication: boolean; // FIFO only
  deduplicationScope: 'queue' | 'messageGroup'; // FIFO only
  fifoThroughputLimit: 'perQueue' | 'perMessageGroupId'; // FIFO only
}

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface SendInput {
  body: string;
  /** Per-message delay; undefined means the queue's DelaySeconds. */
  delaySeconds?: number;
  attributes?: MessageAttributes;
  /** Only AWSTraceHeader exists today. */
  systemAttributes?: MessageAttributes;
  groupId?: string;
  deduplicationId?: string;
  /** Who sent it (the access key), reported as SenderId. */
  senderId: string;
}

export interface SendResult {
  messageId: string;
  /** FIFO only. */
  sequenceNumber?: string;
}

export interface ReceiveInput {
  maxMessages: number; // 1..10
  /** Override of the queue's visibility timeout, seconds. */
  visibilityTimeout?: number;
  /** Long-poll time in seconds; undefined means the queue's ReceiveMessageWaitTimeSeconds. */
  waitTimeSeconds?: number;
  /** FIFO only: a retried receive with the same id returns the same messages (5 minutes). */
  receiveRequestAttemptId?: string;
  /** Aborted when the client hangs up: no message may be handed to it after that. */
  signal?: AbortSignal;
}

/** A message as handed out by a receive (a snapshot; later changes do not alter it). */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: MessageAttributes;
  /** System attributes with AWS names: SenderId, SentTimestamp, ApproximateReceiveCount,
   * ApproximateFirstReceiveTimestamp, SequenceNumber, MessageDeduplicationId, MessageGroupId,
   * AWSTraceHeader, DeadLetterQueueSourceArn: string values, present only when they apply. */
  systemAttributes: Record<string, string>;
  /** The AWSTraceHeader etc. as sent, for MD5OfMessageSystemAttributes. */
  messageSystemAttributes: MessageAttributes;
}

export interface QueueCounts {
  visible: number; // ApproximateNumberOfMessages
  inflight: number; // ApproximateNumberOfMessagesNotVisible
  delayed: number; // ApproximateNumberOfMessagesDelayed
}

/** A peek (developer endpoint): every message with its state, nothing changes. */
export interface PeekedMessage {
  messageId: string;
  body: string;
  state: 'available' | 'inflight' | 'delayed';
  attributes: MessageAttributes;
  systemAttributes: Record<string, string>;
  /** When it becomes visible again (inflight, delayed), ms since epoch. */
  visibleAt?: number;
}

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTask {
  taskHandle: string;
  status: MoveTaskStatus;
  sourceArn: string;
  /** Undefined: each message goes back to its original source queue. */
  destinationArn?: string;
  maxNumberOfMessagesPerSecond?: number;
  approximateNumberOfMessagesMoved: number;
  approximateNumberOfMessagesToMove?: number;
  failureReason?: string;
  startedTimestamp: number; // ms since epoch
}
