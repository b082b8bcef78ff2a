/**
 * Message retention with one scheduler timer per queue, armed for the earliest expiry.
 *
 * Messages almost always arrive in retention order (retentionBase is the send time), so they go
 * on an intrusive list through the records (`rPrev`/`rNext`): O(1) to add and to remove, nothing
 * allocated. The few that arrive out of order (dead-lettered messages keep their original
 * timestamp) go to a position-aware heap instead, each in a node found through a Map. The earliest expiry is the earlier of the two
 * fronts. (A heap with lazy deletion would not do: messages are deleted long before they expire,
 * and it would keep every deleted message alive until its expiry time.)
 */
import type { Clock } from '../../core/clock.js';
import type { Scheduler, Timer } from '../../core/scheduler.js';
import { IndexedHeap } from './indexed-heap.js';
import type { StoredMessage } from './message.js';

interface HeapNode {
  readonly m: StoredMessage;
  readonly retentionBase: number;
  heapIndex: number;
}

export class RetentionTracker {
  private readonly heap = new IndexedHeap<HeapNode>((a, b) => a.retentionBase < b.retentionBase);
  private readonly inHeap = new Map<StoredMessage, HeapNode>();
  private head: StoredMessage | undefined;
  private tail: StoredMessage | undefined;
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    /** Read on every check, so a changed retention period applies to existing messages. */
    private readonly periodMs: () => number,
    /** Must remove the message from the queue (and so from this tracker). */
    private readonly expire: (m: StoredMessage) => void,
  ) {}

  add(m: StoredMessage): void {
    const tail = this.tail;
    if (tail === undefined || tail.retentionBase <= m.retentionBase) {
      m.rNext = undefined;
      m.rPrev = tail;
      if (tail) tail.rNext = m;
      else this.head = m;
      this.tail = m;
    } else {
      const node: HeapNode = { m, retentionBase: m.retentionBase, heapIndex: -1 };
      this.inHeap.set(m, node);
      this.heap.push(node);
    }
    // Only a new earliest expiry moves the timer; otherwise the armed one is still right.
    if (this.first() === m) this.arm();
  }

  /** O(1) from the list, O(log n) from the heap. The timer stays armed; when it fires early it
   * just re-arms for the new front. */
  remove(m: StoredMessage): void {
    if (m.rPrev === undefined && this.head !== m) {
      const node = this.inHeap.get(m);
      if (node) {
        this.inHeap.delete(m);
        this.heap.remove(node);
      }
      return;
    }
    const { rPrev, rNext } = m;
    if (rPrev) rPrev.rNext = rNext;
    else this.head = rNext;
    if (rNext) rNext.rPrev = rPrev;
    else this.tail = rPrev;
    m.rPrev = m.rNext = undefined;
  }

  /** Drops what is due now and re-arms; also the reaction to a changed retention period. */
  check(): void {
    const now = this.clock.now();
    const period = this.periodMs();
    for (let top = this.first(); top && top.retentionBase + period <= now; top = this.first()) {
      this.remove(top);
      this.expire(top);
    }
    this.arm();
  }

  /** Every tracked message: the in-order list, then the heap's by expiry. */
  all(): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (let m = this.head; m; m = m.rNext) out.push(m);
    for (const node of this.heap.sorted()) out.push(node.m);
    return out;
  }

  clear(): void {
    this.heap.clear();
    this.inHeap.clear();
    for (let m = this.head; m; ) {
      const next = m.rNext;
      m.rPrev = m.rNext = undefined;
      m = next;
    }
    this.head = this.tail = undefined;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** The message that expires first (the list's head or the heap's top). */
  private first(): StoredMessage | undefined {
    const a = this.head;
    const b = this.heap.peek()?.m;
    if (!a) return b;
    if (!b) return a;
    return b.retentionBase < a.retentionBase ? b : a;
  }

  private arm(): void {
    const top = this.first();
    const due = top ? top.retentionBase + this.periodMs() : undefined;
    if (this.timer && this.timer.due === due) return;
    this.timer?.cancel();
    this.timer = due === undefined ? undefined : this.scheduler.at(due, () => this.check());
  }
}
