/**
 * HTTP/S retry policies and the delays they produce ("Amazon SNS message delivery retries").
 *
 * After a failed first attempt SNS runs up to `numRetries` retries in four phases:
 *   1. `numNoDelayRetries` immediately;
 *   2. `numMinDelayRetries`, `minDelayTarget` seconds apart (pre-backoff);
 *   3. numRetries − the three other counts, in the backoff phase: the first waits
 *      `minDelayTarget`, the last `maxDelayTarget`, and `backoffFunction` shapes the ones between;
 *   4. `numMaxDelayRetries`, `maxDelayTarget` seconds apart (post-backoff).
 *
 * AWS documents the phases, the end points and one example (linear, 3 retries, 20 → 40 s:
 * 20, 30, 40 s), and shows the four functions only as a graph; it also adds jitter. We use exact
 * curves without jitter so tests can predict every delay:
 *   linear      evenly spaced;
 *   arithmetic  the step grows by the same amount each time (quadratic);
 *   geometric   each delay is the previous one times a constant ratio;
 *   exponential the distance to the minimum doubles each time (flat, then steep).
 */

export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

export const BACKOFF_FUNCTIONS: readonly BackoffFunction[] = ['linear', 'arithmetic', 'geometric', 'exponential'];

export interface HttpRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: BackoffFunction;
}

/**
 * AWS's default healthyRetryPolicy for HTTP/S: 3 retries 20 s apart. Values as GetTopicAttributes
 * reports them in EffectiveDeliveryPolicy (recorded against AWS) and as the docs' table gives them.
 */
export const DEFAULT_HTTP_RETRY_POLICY: Readonly<HttpRetryPolicy> = Object.freeze({
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: 'linear',
});

/** Delays in ms before each retry (length numRetries), phase by phase as described above. */
export function retryDelays(policy: HttpRetryPolicy): number[] {
  const min = policy.minDelayTarget * 1000;
  const max = policy.maxDelayTarget * 1000;
  const total = Math.max(0, policy.numRetries);
  const out: number[] = [];
  const push = (count: number, delay: number) => {
    for (let i = 0; i < count && out.length < total; i++) out.push(delay);
  };
  push(policy.numNoDelayRetries, 0);
  push(policy.numMinDelayRetries, min);
  const backoff = total - policy.numNoDelayRetries - policy.numMinDelayRetries - policy.numMaxDelayRetries;
  for (let i = 0; i < backoff && out.length < total; i++) {
    out.push(Math.round(backoffDelay(policy.backoffFunction, i, backoff, min, max)));
  }
  push(policy.numMaxDelayRetries, max);
  return out;
}

/** Delay of retry `i` (0-based) of `n` in the backoff phase, from `min` (first) to `max` (last). */
function backoffDelay(fn: BackoffFunction, i: number, n: number, min: number, max: number): number {
  if (n <= 1 || max <= min) return min;
  const last = n - 1;
  switch (fn) {
    case 'linear':
      return min + ((max - min) * i) / last;
    case 'arithmetic':
      // Steps d, 2d, 3d, …: after i steps the distance covered is d·i(i+1)/2.
      return min + ((max - min) * i * (i + 1)) / (last * (last + 1));
    case 'geometric':
      // Constant ratio between consecutive delays (needs min > 0; AWS requires min ≥ 1 s).
      if (min > 0) return min * Math.pow(max / min, i / last);
      return min + ((max - min) * (Math.pow(2, i) - 1)) / (Math.pow(2, last) - 1);
    case 'exponential':
      return min + ((max - min) * (Math.pow(2, i) - 1)) / (Math.pow(2, last) - 1);
  }
}
