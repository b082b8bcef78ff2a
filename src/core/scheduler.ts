import type { Clock } from './clock.js';

/** A scheduled callback; `cancel()` is O(1) (lazy removal from the heap). */
export interface Timer {
  readonly due: number;
  cancel(): void;
}

/** A heap entry; a class (not a literal with a closure) keeps timers cheap to allocate. */
class Entry implements Timer {
  constructor(
    readonly due: number,
    readonly seq: number,
    public fn: (() => void) | null,
    private readonly owner: Scheduler,
  ) {}

  cancel(): void {
    if (this.fn) {
      this.fn = null;
      this.owner.noteCancelled();
    }
  }
}

/** How a real scheduler arms its single host timer. Tests pass none and drive `runDue()`. */
export interface HostTimers {
  set(ms: number, fn: () => void): unknown;
  clear(handle: unknown): void;
}

export const nodeTimers: HostTimers = {
  set: (ms, fn) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * One binary min-heap of timers per instance (never one host timer per message).
 * With host timers it keeps exactly one `setTimeout` armed for the earliest entry.
 */
export class Scheduler {
  private heap: Entry[] = [];
  private seq = 0;
  private dead = 0;
  private armed: unknown = undefined;
  private armedFor = Infinity;
  private closed = false;

  constructor(
    readonly clock: Clock,
    private readonly host: HostTimers | null = null,
  ) {}

  /** Run `fn` once the clock reaches `due` (ms since epoch). */
  at(due: number, fn: () => void): Timer {
    const entry = new Entry(due, this.seq++, fn, this);
    this.push(entry);
    if (due < this.armedFor) this.arm();
    return entry;
  }

  after(ms: number, fn: () => void): Timer {
    return this.at(this.clock.now() + ms, fn);
  }

  /** Due time of the earliest live timer, if any. */
  nextDue(): number | undefined {
    this.dropDeadTop();
    return this.heap[0]?.due;
  }

  get size(): number {
    return this.heap.length - this.dead;
  }

  /** Fire every timer whose time has come, in due order; returns how many fired. */
  runDue(): number {
    let fired = 0;
    const now = this.clock.now();
    for (;;) {
      this.dropDeadTop();
      const top = this.heap[0];
      if (!top || top.due > now) break;
      this.pop();
      const fn = top.fn;
      top.fn = null;
      if (fn) {
        fired++;
        fn();
      }
    }
    return fired;
  }

  close(): void {
    this.closed = true;
    if (this.host && this.armed !== undefined) this.host.clear(this.armed);
    this.armed = undefined;
    this.heap = [];
    this.dead = 0;
  }

  private arm(): void {
    if (!this.host || this.closed) return;
    const next = this.nextDue();
    if (this.armed !== undefined) {
      if (next === this.armedFor) return;
      this.host.clear(this.armed);
      this.armed = undefined;
      this.armedFor = Infinity;
    }
    if (next === undefined) return;
    // setTimeout caps at 2^31-1 ms; longer waits simply re-arm when they fire early.
    const delay = Math.min(Math.max(0, next - this.clock.now()), 2_147_000_000);
    this.armedFor = next;
    this.armed = this.host.set(delay, () => {
      this.armed = undefined;
      this.armedFor = Infinity;
      this.runDue();
      this.arm();
    });
  }

  private dropDeadTop(): void {
    while (this.heap.length && this.heap[0]!.fn === null) {
      this.pop();
      this.dead--;
    }
  }

  /** @internal Called by a cancelled entry: it stays in the heap until popped or compacted. */
  noteCancelled(): void {
    this.dead++;
    this.compactIfSparse();
  }

  private compactIfSparse(): void {
    if (this.dead > 1024 && this.dead * 2 > this.heap.length) {
      this.heap = this.heap.filter((e) => e.fn !== null);
      this.dead = 0;
      for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
    }
  }

  private less(a: Entry, b: Entry): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!this.less(e, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      this.down(0);
    }
    return top;
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      const tmp = h[i]!;
      h[i] = h[m]!;
      h[m] = tmp;
      i = m;
    }
  }
}
