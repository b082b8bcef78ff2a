/**
 * Task tokens of `.waitForTaskToken` tasks and activity tasks: SendTaskSuccess/Failure/Heartbeat
 * find the waiting task in O(1). Tokens look like AWS's (opaque base64) and carry nothing.
 */
import type { Randomness } from '../../../core/ids.js';
import { SfnDomainError } from '../errors.js';

export interface PendingTask {
  readonly token: string;
  readonly executionArn: string;
  succeed(output: string): void;
  fail(error: string | undefined, cause: string | undefined): void;
  heartbeat(): void;
}

const TOKEN_SHAPE = /^[A-Za-z0-9+/=_-]{1,1024}$/;

export class TaskTokens {
  private readonly pending = new Map<string, PendingTask>();
  /** Tokens that were handed out and have finished: answering them is TaskTimedOut, not InvalidToken. */
  private readonly finished = new Set<string>();

  constructor(private readonly random: Randomness) {}

  newToken(): string {
    return `AQ${Buffer.from(this.random.bytes(96)).toString('base64').replace(/[+/=]/g, (c) => (c === '+' ? 'A' : c === '/' ? 'B' : ''))}`;
  }

  register(task: PendingTask): void {
    this.pending.set(task.token, task);
  }

  release(token: string): void {
    if (this.pending.delete(token)) {
      this.finished.add(token);
      if (this.finished.size > 100_000) this.finished.clear();
    }
  }

  /** The waiting task for a token, or AWS's error for a bad or spent one. */
  find(token: string): PendingTask {
    const task = this.pending.get(token);
    if (task) return task;
    if (this.finished.has(token)) throw new SfnDomainError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    if (!TOKEN_SHAPE.test(token)) throw new SfnDomainError('InvalidToken', "Invalid Token: 'Invalid token'");
    throw new SfnDomainError('InvalidToken', "Invalid Token: 'Invalid token'");
  }
}
