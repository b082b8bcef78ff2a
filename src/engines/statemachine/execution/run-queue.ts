/**
 * Cooperative scheduling of every execution of one engine. The interpreter is an async loop
 * whose awaits mostly resolve as microtasks, so a looping state machine (Pass → Pass, a
 * zero-second Wait, any Wait under waitTimeScale 0) would otherwise never let the event loop
 * turn. Every state transition (top level, Parallel branch, Map iteration, retry) takes one
 * unit of a per-turn budget shared by all executions; once it is spent, runners queue up in
 * FIFO order and continue on the next turn, which starts from a macrotask obtained through the
 * injected `defer` port (setImmediate in the server, something deterministic in tests).
 */

/** Runs `fn` from a later macrotask (never synchronously, never as a microtask). */
export type Defer = (fn: () => void) => void;

/**
 * State transitions all executions together may make before the event loop gets a turn.
 * Measured: 32 Pass transitions take ~0.6 ms, 32 JSONata-heavy ones ~5 ms on a shared 2-core VM.
 */
export const TRANSITIONS_PER_TURN = 32;

export class RunQueue {
  private used = 0;
  private waiting: Array<() => void> = [];
  private armed = false;
  private closed = false;

  constructor(
    private readonly defer: Defer,
    readonly budget: number = TRANSITIONS_PER_TURN,
  ) {}

  /**
   * Take one transition from this turn's budget. Returns undefined when the caller may go on at
   * once, or a promise to await (resolved on a later turn, in arrival order).
   */
  step(): Promise<void> | undefined {
    if (this.used < this.budget && this.waiting.length === 0) {
      this.used++;
      return undefined;
    }
    return new Promise<void>((resolve) => {
      if (this.closed) return; // an engine that closed never resumes anything
      this.waiting.push(resolve);
      this.arm();
    });
  }

  /** Runners parked until the next turn (for tests and diagnostics). */
  get pending(): number {
    return this.waiting.length;
  }

  close(): void {
    this.closed = true;
    this.waiting = [];
  }

  private arm(): void {
    if (this.armed || this.closed) return;
    this.armed = true;
    this.defer(() => this.turn());
  }

  private turn(): void {
    this.armed = false;
    if (this.closed) return;
    this.used = 0;
    const ready = this.waiting;
    const now = ready.splice(0, this.budget);
    this.used = now.length;
    for (const resolve of now) resolve();
    if (ready.length > 0) this.arm();
  }
}
