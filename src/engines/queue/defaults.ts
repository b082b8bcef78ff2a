import type { QueueSettings } from './types.js';

/** AWS's defaults for a new standard queue (research/sqs.md "Limits and timers"). */
export const DEFAULT_QUEUE_SETTINGS: Readonly<QueueSettings> = Object.freeze({
  delaySeconds: 0,
  maximumMessageSize: 1_048_576,
  messageRetentionPeriod: 345_600,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: 30,
  fifo: false,
  contentBasedDeduplication: false,
  deduplicationScope: 'queue',
  fifoThroughputLimit: 'perQueue',
});
