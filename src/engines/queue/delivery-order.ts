/**
 * Which available message a receive gets next. The message table reports every state change
 * (`transition`); an order keeps just enough structure to answer in O(1) per message handed out.
 */
import { LinkedMap } from '../../core/linked-map.js';
import type { MessageState, StoredMessage } from './message.js';

export type From = MessageState | 'new';
export type To = MessageState | 'gone';

/**
 * `take` is called for each message in delivery order and must move it out of 'available'
 * (into flight, or away to a dead-letter queue). It returns true when the message counts
 * towards `max` (handed out), false when it was moved away instead.
 */
export type Take = (m: StoredMessage) => boolean;

export interface DeliveryOrder {
  transition(m: StoredMessage, from: From, to: To): void;
  /** Whether a receive now would find something. */
  hasDeliverable(): boolean;
  select(max: number, take: Take): void;
  /** The message a receive would get first (move tasks take messages one by one). */
  firstDeliverable(): StoredMessage | undefined;
  clear(): void;
}

/**
 * Standard queues: best-effort order, here the order messages became available.
 * A LinkedMap keeps that order with O(1) first and O(1) delete anywhere.
 */
export class StandardOrder implements DeliveryOrder {
  private readonly available = new LinkedMap<string, StoredMessage>();

  transition(m: StoredMessage, from: From, to: To): void {
    if (from === 'available') this.available.delete(m.id);
    if (to === 'available') this.available.set(m.id, m);
  }

  hasDeliverable(): boolean {
    return this.available.size > 0;
  }

  select(max: number, take: Take): void {
    let handed = 0;
    while (handed < max) {
      const m = this.firstDeliverable();
      if (!m) return;
      if (take(m)) handed++;
      // A take that left the message available would loop forever; stop instead.
      if (this.available.get(m.id) === m) return;
    }
  }

  firstDeliverable(): StoredMessage | undefined {
    return this.available.first();
  }

  clear(): void {
    this.available.clear();
  }
}
