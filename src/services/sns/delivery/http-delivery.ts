/**
 * HTTP/S delivery with AWS's retry semantics.
 *
 * What counts as what (AWS docs "Setting Amazon SNS delivery retry policies for HTTP/HTTPS
 * endpoints" and "Step 1: Make sure your endpoint is ready to process Amazon SNS messages"):
 *   - 200–399: delivered. AWS counts any status from 200 through 4xx as "not a failed attempt"
 *     and lists 400–499 separately (below), so 3xx is delivered; redirects are not followed.
 *   - 400–499: "permanent delivery failure" — never retried. Includes 429: AWS documents no
 *     exception for it. `onGiveUp` is called at once with `permanent: true` (the DLQ docs say
 *     messages failed by client errors go to the subscription's dead-letter queue).
 *   - 100–101, 500–599, any other status, a connection error (refused, unreachable, TLS) or a
 *     request timeout (15 s): a failed attempt, retried along the delivery policy.
 *   - A retry waits its delay counted from the end of the failed attempt ("if the retry interval
 *     is 20 seconds and a request times out, the next request starts 35 seconds after the start
 *     of the one that timed out").
 *   - "The maximum lifetime of a message in the system is one hour": a retry that would start
 *     more than 3,600 s after the first attempt is not made; the message is given up instead.
 *
 * Retries are Scheduler entries (one per pending retry), so a FakeTime drives them in tests.
 * LIMITATIONS: no jitter; throttlePolicy.maxReceivesPerSecond is not enforced; the sickly
 * (unhealthy endpoint) policy is ignored.
 */
import type { Scheduler, Timer } from '../../../core/scheduler.js';
import type { Logger } from '../../../core/logger.js';
import { postHttp, type HttpPost } from './http-post.js';
import { retryDelays, type HttpRetryPolicy } from './retry-policy.js';

export interface HttpGiveUp {
  /** Status of the last attempt, when the endpoint answered. */
  status?: number;
  /** Why the last attempt failed when there was no status (connection error, timeout). */
  error?: string;
  /** Attempts made, the first one included. */
  attempts: number;
  /** True for a 4xx answer, which AWS never retries. */
  permanent?: boolean;
}

export interface HttpDeliveryRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  retry: HttpRetryPolicy;
  onDelivered?(status: number): void;
  onGiveUp(reason: HttpGiveUp): void;
}

export interface HttpDelivery {
  deliver(req: HttpDeliveryRequest): void;
  /** Resolves when nothing is in flight or scheduled (tests, shutdown). */
  idle(): Promise<void>;
  /** Cancels pending retries and destroys in-flight requests; later deliveries are dropped. */
  close(): void;
}

export interface HttpDeliveryDeps {
  scheduler: Scheduler;
  /** Per attempt; AWS uses 15 s. */
  timeoutMs?: number;
  /** Injectable for tests; default: a node:http/https POST resolving with the status. */
  post?: HttpPost;
  /** Where exceptions thrown by onDelivered/onGiveUp are reported (they never escape). */
  logger?: Logger;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;
/** AWS: the maximum lifetime of a message in the system is one hour. */
export const MAX_RETRY_WINDOW_MS = 3_600_000;

type Outcome = { kind: 'delivered'; status: number } | { kind: 'permanent'; status: number } | { kind: 'failed'; status?: number; error?: string };

/** How AWS classifies an answer; see the module comment. */
export function classifyStatus(status: number): 'delivered' | 'permanent' | 'failed' {
  if (status >= 200 && status <= 399) return 'delivered';
  if (status >= 400 && status <= 499) return 'permanent';
  return 'failed';
}

interface Job {
  req: HttpDeliveryRequest;
  delays: number[];
  attempts: number;
  firstAttemptAt: number;
}

export function createHttpDelivery(deps: HttpDeliveryDeps): HttpDelivery {
  const post = deps.post ?? postHttp;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const clock = deps.scheduler.clock;
  const pending = new Set<Timer>();
  const inFlight = new Set<AbortController>();
  let waiters: Array<() => void> = [];
  let closed = false;

  const checkIdle = () => {
    if (pending.size === 0 && inFlight.size === 0 && waiters.length) {
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    }
  };

  const call = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      deps.logger?.error(`SNS HTTP delivery: ${what} callback threw`, err);
    }
  };

  const attempt = (job: Job) => {
    job.attempts++;
    const controller = new AbortController();
    inFlight.add(controller);
    let result: Promise<number>;
    try {
      result = post(job.req.url, job.req.headers, job.req.body, timeoutMs, controller.signal);
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(
      (status): Outcome => ({ kind: classifyStatus(status), status }) as Outcome,
      (err: unknown): Outcome => ({ kind: 'failed', error: describe(err) }),
    ).then((outcome) => {
      if (!inFlight.delete(controller)) return; // dropped by close()
      if (!closed) settle(job, outcome);
      checkIdle();
    }).catch((err: unknown) => deps.logger?.error('SNS HTTP delivery failed unexpectedly', err));
  };

  const settle = (job: Job, outcome: Outcome) => {
    if (outcome.kind === 'delivered') {
      call('onDelivered', () => job.req.onDelivered?.(outcome.status));
      return;
    }
    if (outcome.kind === 'permanent') {
      call('onGiveUp', () => job.req.onGiveUp({ status: outcome.status, attempts: job.attempts, permanent: true }));
      return;
    }
    const delay = job.delays[job.attempts - 1]; // retry k follows attempt k
    const giveUp = () => {
      const reason: HttpGiveUp = { attempts: job.attempts };
      if (outcome.status !== undefined) reason.status = outcome.status;
      if (outcome.error !== undefined) reason.error = outcome.error;
      call('onGiveUp', () => job.req.onGiveUp(reason));
    };
    if (delay === undefined || clock.now() + delay - job.firstAttemptAt > MAX_RETRY_WINDOW_MS) {
      giveUp();
      return;
    }
    const timer = deps.scheduler.after(delay, () => {
      pending.delete(timer);
      if (!closed) attempt(job);
      checkIdle();
    });
    pending.add(timer);
  };

  return {
    deliver(req) {
      if (closed) return;
      attempt({ req, delays: retryDelays(req.retry), attempts: 0, firstAttemptAt: clock.now() });
    },
    idle() {
      if (pending.size === 0 && inFlight.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      for (const t of pending) t.cancel();
      pending.clear();
      for (const c of inFlight) c.abort(); // the default POST destroys its request
      inFlight.clear(); // their late outcomes are ignored
      checkIdle();
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
