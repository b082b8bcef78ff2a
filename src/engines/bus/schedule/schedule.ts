/** A parsed schedule expression. All times are milliseconds since the epoch; all calendar fields are UTC. */
export interface Schedule {
  readonly expression: string;
  readonly kind: 'rate' | 'cron';
  /** The first fire time strictly after `afterMs` (ms since epoch, UTC), or undefined if none (cron years exhausted). */
  next(afterMs: number): number | undefined;
}
