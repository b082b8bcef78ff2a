/**
 * Which available message a receive gets next. The message table reports every state change
 * (`transition`); an order keeps just enough structure to answer in O(1) per message handed out.
 */
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
  /** `front`: a message becoming available again as if never received goes first, where the
   * order has a choice (standard queues; FIFO order is the send order within a group anyway). */
  transition(m: StoredMessage, from: From, to: To, front?: boolean): void;
  /** Whether a receive now would find something. */
  hasDeliverable(): boolean;
  select(max: number, take: Take): void;
  /** The message a receive would get first (move tasks take messages one by one). */
  firstDeliverable(): StoredMessage | undefined;
  clear(): void;
}

/**
 * Standard queues: best-effort order, here the order messages became available.
 * An intrusive doubly-linked list through the records' `prev`/`next` (which a message only
 * uses for this list while available): O(1) first, O(1) delete anywhere, no allocation.
 */
export class StandardOrder implements DeliveryOrder {
  private head: StoredMessage | undefined;
  private tail: StoredMessage | undefined;
  private size = 0;

  transition(m: StoredMessage, from: From, to: To, front = false): void {
    if (from === 'available') this.unlink(m);
    if (to === 'available') {
      if (front) this.prepend(m);
      else this.append(m);
    }
  }

  hasDeliverable(): boolean {
    return this.size > 0;
  }

  select(max: number, take: Take): void {
    let handed = 0;
    while (handed < max) {
      const m = this.head;
      if (!m) return;
      if (take(m)) handed++;
      // A take that left the message available would loop forever; stop instead.
      if (this.head === m) return;
    }
  }

  firstDeliverable(): StoredMessage | undefined {
    return this.head;
  }

  clear(): void {
    for (let m = this.head; m; ) {
      const next = m.next;
      m.prev = m.next = undefined;
      m = next;
    }
    this.head = this.tail = undefined;
    this.size = 0;
  }

  private append(m: StoredMessage): void {
    m.next = undefined;
    m.prev = this.tail;
    if (this.tail) this.tail.next = m;
    else this.head = m;
    this.tail = m;
    this.size++;
  }

  private prepend(m: StoredMessage): void {
    m.prev = undefined;
    m.next = this.head;
    if (this.head) this.head.prev = m;
    else this.tail = m;
    this.head = m;
    this.size++;
  }

  private unlink(m: StoredMessage): void {
    const { prev, next } = m;
    if (prev) prev.next = next;
    else this.head = next;
    if (next) next.prev = prev;
    else this.tail = prev;
    m.prev = m.next = undefined;
    this.size--;
  }
}
