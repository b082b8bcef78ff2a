/**
 * The two ways a message leaves one queue for another, as AWS defines them:
 * - dead-lettering (at receive time): the same message, with its id, SentTimestamp and receive
 *   count, plus DeadLetterQueueSourceArn;
 * - a move task (redrive): a brand-new message (new id, SentTimestamp and retention, receive
 *   count 0, no DeadLetterQueueSourceArn).
 */
import { newRecord, type StoredMessage } from './message.js';

export interface Destination {
  readonly fifo: boolean;
  readonly now: number;
  /** Called only for FIFO destinations. */
  takeSequence(): string;
}

export function deadLetterCopy(m: StoredMessage, sourceArn: string, dest: Destination): StoredMessage {
  return newRecord({
    id: m.id,
    body: m.body,
    attributes: m.attributes,
    systemAttributes: m.systemAttributes,
    senderId: m.senderId,
    sentTimestamp: m.sentTimestamp,
    // AWS: a FIFO DLQ restarts retention at the move; a standard one keeps the original time.
    retentionBase: dest.fifo ? dest.now : m.sentTimestamp,
    groupId: m.groupId,
    // AWS: in a FIFO DLQ the deduplication id becomes the message id, so two distinct messages
    // that happened to share a deduplication id cannot collide there.
    deduplicationId: dest.fifo ? m.id : m.deduplicationId,
    sequenceNumber: dest.fifo ? dest.takeSequence() : undefined,
    deadLetterSourceArn: sourceArn,
    receiveCount: m.receiveCount,
    firstReceiveTimestamp: m.firstReceiveTimestamp,
  });
}

export function redrivenCopy(m: StoredMessage, newId: string, dest: Destination): StoredMessage {
  return newRecord({
    id: newId,
    body: m.body,
    attributes: m.attributes,
    systemAttributes: m.systemAttributes,
    senderId: m.senderId,
    sentTimestamp: dest.now,
    retentionBase: dest.now,
    groupId: m.groupId,
    deduplicationId: dest.fifo ? m.deduplicationId : undefined,
    sequenceNumber: dest.fifo ? dest.takeSequence() : undefined,
    deadLetterSourceArn: undefined,
    receiveCount: 0,
    firstReceiveTimestamp: undefined,
  });
}
