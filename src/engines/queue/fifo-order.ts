/**
 * FIFO delivery: strict order within a message group. Each group keeps all its messages, in
 * send order and whatever their state (a LinkedMap: O(1) head and O(1) removal anywhere).
 * A group is ready when none of it is in flight and its head is available; ready groups form
 * an insertion-ordered LinkedMap, so a receive finds work in O(1) however deep the queue is.
 */
import type { DeliveryOrder, From, Take, To } from './delivery-order.js';
import { LinkedMap } from '../../core/linked-map.js';
import type { StoredMessage } from './message.js';

interface Group {
  readonly id: string;
  readonly messages: LinkedMap<string, StoredMessage>;
  inflight: number;
}

export class FifoOrder implements DeliveryOrder {
  private readonly groups = new Map<string, Group>();
  private readonly ready = new LinkedMap<string, Group>();

  transition(m: StoredMessage, from: From, to: To): void {
    const gid = m.groupId ?? '';
    let g = this.groups.get(gid);
    if (!g) {
      if (from !== 'new') return;
      g = { id: gid, messages: new LinkedMap(), inflight: 0 };
      this.groups.set(gid, g);
    }
    if (from === 'new') g.messages.set(m.id, m);
    if (from === 'inflight') g.inflight--;
    if (to === 'inflight') g.inflight++;
    if (to === 'gone') {
      g.messages.delete(m.id);
      if (g.messages.size === 0) {
        this.groups.delete(gid);
        this.ready.delete(gid);
        return;
      }
    }
    this.refresh(g);
  }

  hasDeliverable(): boolean {
    return this.ready.size > 0;
  }

  /** Several consecutive messages of one group, then of the next ready group, up to `max`. */
  select(max: number, take: Take): void {
    let handed = 0;
    while (handed < max) {
      const g = this.ready.first();
      if (!g) return;
      this.ready.delete(g.id);
      let progressed = false;
      // Deleting the current entry while iterating is safe (a dead-letter move does).
      for (const m of g.messages.values()) {
        if (handed >= max || m.state !== 'available') break;
        if (take(m)) handed++;
        progressed = true;
      }
      this.refresh(g);
      if (!progressed) return; // defensive: a ready group always has an available head
    }
  }

  firstDeliverable(): StoredMessage | undefined {
    return this.ready.first()?.messages.first();
  }

  clear(): void {
    this.groups.clear();
    this.ready.clear();
  }

  private refresh(g: Group): void {
    const head = g.messages.first();
    const isReady = g.inflight === 0 && head !== undefined && head.state === 'available';
    if (isReady) {
      if (!this.ready.has(g.id) && this.groups.get(g.id) === g) this.ready.set(g.id, g);
    } else {
      this.ready.delete(g.id);
    }
  }
}
