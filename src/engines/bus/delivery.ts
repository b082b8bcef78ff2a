/**
 * Delivery of one event to one target, with the target's RetryPolicy (exponential backoff on
 * the instance scheduler) and its DeadLetterConfig. Non-retryable failures (the target does not
 * exist, bad parameters) go to the dead-letter queue at once with RETRY_ATTEMPTS 0 and no
 * EXHAUSTED_RETRY_CONDITION, as AWS documents (eb-rule-dlq).
 */
import type { Logger } from '../../core/logger.js';
import type { Scheduler } from '../../core/scheduler.js';
import {
  DEFAULT_RETRY_POLICY,
  type BackoffSettings,
  type BusTargetPort,
  type Delivery,
  type DeliveryResult,
} from './types.js';

export interface DeliveryRunnerDeps {
  scheduler: Scheduler;
  logger?: Logger;
  backoff: BackoffSettings;
  port: () => BusTargetPort | undefined;
  isClosed: () => boolean;
}

export function backoffDelay(b: BackoffSettings, retry: number): number {
  return Math.min(b.baseMs * 2 ** Math.max(0, retry - 1), b.capMs);
}

export class DeliveryRunner {
  constructor(private readonly deps: DeliveryRunnerDeps) {}

  /** Start delivering `d` (attempt 0). `ingestedAt` bounds MaximumEventAgeInSeconds. */
  start(d: Omit<Delivery, 'attempt'>, ingestedAt: number): void {
    this.attempt({ ...d, attempt: 0 }, ingestedAt);
  }

  private attempt(d: Delivery, ingestedAt: number): void {
    if (this.deps.isClosed()) return;
    const port = this.deps.port();
    if (!port) return;
    let r: DeliveryResult | Promise<DeliveryResult>;
    try {
      r = port.deliver(d);
    } catch (e) {
      r = { ok: false, retryable: false, code: 'INTERNAL_ERROR', message: (e as Error).message };
    }
    if (r instanceof Promise) {
      r.then(
        (res) => this.settle(d, ingestedAt, res),
        (e: unknown) => this.settle(d, ingestedAt, { ok: false, retryable: true, code: 'INTERNAL_ERROR', message: String((e as Error)?.message ?? e) }),
      );
    } else this.settle(d, ingestedAt, r);
  }

  private settle(d: Delivery, ingestedAt: number, r: DeliveryResult): void {
    if (r.ok || this.deps.isClosed()) return;
    const log = this.deps.logger;
    if (!r.retryable) return this.deadLetter(d, r.code, r.message, undefined);
    const policy = d.target.retryPolicy ?? DEFAULT_RETRY_POLICY;
    if (d.attempt >= policy.maximumRetryAttempts) return this.deadLetter(d, r.code, r.message, 'MaximumRetryAttempts');
    const delay = backoffDelay(this.deps.backoff, d.attempt + 1);
    const due = this.deps.scheduler.clock.now() + delay;
    if (due - ingestedAt > policy.maximumEventAgeInSeconds * 1000) return this.deadLetter(d, r.code, r.message, 'MaximumEventAgeInSeconds');
    log?.debug(`EventBridge delivery of ${d.event.id} to ${d.target.arn} failed (${r.code}: ${r.message}); retry ${d.attempt + 1} in ${delay} ms`);
    this.deps.scheduler.at(due, () => this.attempt({ ...d, attempt: d.attempt + 1 }, ingestedAt));
  }

  private deadLetter(
    d: Delivery,
    errorCode: Extract<DeliveryResult, { ok: false }>['code'],
    errorMessage: string,
    exhaustedRetryCondition: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' | undefined,
  ): void {
    const log = this.deps.logger;
    const dlqArn = d.target.deadLetterArn;
    const why = `${errorCode}: ${errorMessage}`;
    if (!dlqArn) {
      log?.warn(`EventBridge delivery of ${d.event.id} from ${d.ruleArn} to ${d.target.arn} failed (${why}); no dead-letter queue, event dropped`);
      return;
    }
    const ok = this.deps.port()?.deadLetter({
      dlqArn,
      ruleArn: d.ruleArn,
      targetArn: d.target.arn,
      event: d.event,
      errorCode,
      errorMessage,
      ...(exhaustedRetryCondition ? { exhaustedRetryCondition } : {}),
      retryAttempts: d.attempt,
    });
    if (ok) log?.info(`EventBridge delivery of ${d.event.id} to ${d.target.arn} failed (${why}); sent to dead-letter queue ${dlqArn}`);
    else log?.warn(`EventBridge delivery of ${d.event.id} to ${d.target.arn} failed (${why}) and dead-letter queue ${dlqArn} refused it; event dropped`);
  }
}
