import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_HTTP_RETRY_POLICY,
  DeliveryPolicyError,
  deliveryPolicyJson,
  effectiveHttpPolicy,
  effectiveSubscriptionDeliveryPolicyJson,
  effectiveTopicDeliveryPolicyJson,
  parseDeliveryPolicy,
  retryDelays,
  type HttpRetryPolicy,
} from '../../../src/services/sns/delivery/index.js';

const json = (v: unknown) => JSON.stringify(v);
const topic = (v: unknown) => parseDeliveryPolicy(json(v), 'topic');
const sub = (v: unknown) => parseDeliveryPolicy(json(v), 'subscription');

/** EffectiveDeliveryPolicy of a topic with no DeliveryPolicy, as recorded against AWS. */
const AWS_DEFAULT_EFFECTIVE_TOPIC = {
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
};

/** The subscription policy LocalStack's AWS-validated HTTP tests set. */
const FIXTURE_SUB_POLICY = {
  healthyRetryPolicy: {
    minDelayTarget: 1,
    maxDelayTarget: 1,
    numRetries: 0,
    numNoDelayRetries: 0,
    numMinDelayRetries: 0,
    numMaxDelayRetries: 0,
    backoffFunction: 'linear',
  },
  sicklyRetryPolicy: null,
  throttlePolicy: { maxReceivesPerSecond: 1000 },
  guaranteed: false,
};

describe('parseDeliveryPolicy: accepted policies and what AWS reports back', () => {
  it('DEFAULT_HTTP_RETRY_POLICY is the default AWS reports', () => {
    assert.deepEqual({ ...DEFAULT_HTTP_RETRY_POLICY }, { ...AWS_DEFAULT_EFFECTIVE_TOPIC.http.defaultHealthyRetryPolicy });
    assert.equal(effectiveTopicDeliveryPolicyJson(undefined), json(AWS_DEFAULT_EFFECTIVE_TOPIC));
  });

  it('topic with only a request policy (recorded: get-topic-attrs)', () => {
    const p = topic({ http: { defaultRequestPolicy: { headerContentType: 'application/json' } } });
    assert.equal(deliveryPolicyJson(p), json({ http: { disableSubscriptionOverrides: false, defaultRequestPolicy: { headerContentType: 'application/json' } } }));
    const eff = structuredClone(AWS_DEFAULT_EFFECTIVE_TOPIC);
    eff.http.defaultRequestPolicy.headerContentType = 'application/json';
    assert.equal(effectiveTopicDeliveryPolicyJson(p), json(eff));
  });

  it('topic with a partial retry policy echoes what was given (recorded: get-topic-attrs-after-update)', () => {
    const p = topic({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 } } });
    assert.equal(
      deliveryPolicyJson(p),
      json({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 }, disableSubscriptionOverrides: false } }),
    );
    const eff = structuredClone(AWS_DEFAULT_EFFECTIVE_TOPIC);
    Object.assign(eff.http.defaultHealthyRetryPolicy, { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 });
    assert.equal(effectiveTopicDeliveryPolicyJson(p), json(eff));
  });

  it('null members count as absent (recorded: get-topic-attrs-after-none)', () => {
    const p = topic({ http: { defaultHealthyRetryPolicy: null } });
    assert.equal(deliveryPolicyJson(p), json({ http: { disableSubscriptionOverrides: false } }));
    assert.equal(effectiveTopicDeliveryPolicyJson(p), json(AWS_DEFAULT_EFFECTIVE_TOPIC));
  });

  it('a full topic policy', () => {
    const p = topic({
      http: {
        defaultHealthyRetryPolicy: {
          minDelayTarget: 10,
          maxDelayTarget: 20,
          numRetries: 3,
          numNoDelayRetries: 1,
          numMinDelayRetries: 1,
          numMaxDelayRetries: 1,
          backoffFunction: 'exponential',
        },
        disableSubscriptionOverrides: true,
        defaultThrottlePolicy: { maxReceivesPerSecond: 1 },
        defaultRequestPolicy: { headerContentType: 'application/json' },
      },
    });
    assert.equal(p.disableSubscriptionOverrides, true);
    assert.deepEqual(p.throttlePolicy, { maxReceivesPerSecond: 1 });
    assert.equal(p.healthyRetryPolicy?.backoffFunction, 'exponential');
  });

  it('subscription policy as LocalStack sets it (recorded: sub-attrs, content_type[False])', () => {
    const t = topic({ http: { defaultRequestPolicy: { headerContentType: 'application/json' } } });
    const s = sub(FIXTURE_SUB_POLICY);
    const given = FIXTURE_SUB_POLICY.healthyRetryPolicy;
    const canonical = {
      minDelayTarget: given.minDelayTarget,
      maxDelayTarget: given.maxDelayTarget,
      numRetries: given.numRetries,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    };
    assert.equal(
      deliveryPolicyJson(s),
      json({ healthyRetryPolicy: canonical, sicklyRetryPolicy: null, throttlePolicy: { maxReceivesPerSecond: 1000 }, requestPolicy: null, guaranteed: false }),
    );
    assert.equal(
      effectiveSubscriptionDeliveryPolicyJson(t, s),
      json({
        healthyRetryPolicy: canonical,
        sicklyRetryPolicy: null,
        throttlePolicy: { maxReceivesPerSecond: 1000 },
        requestPolicy: { headerContentType: 'application/json' },
        guaranteed: false,
      }),
    );
  });

  it('subscription with only a request policy (recorded: sub-attrs, content_type[True])', () => {
    const s = sub({ requestPolicy: { headerContentType: 'text/csv' } });
    assert.equal(
      deliveryPolicyJson(s),
      json({ healthyRetryPolicy: null, sicklyRetryPolicy: null, throttlePolicy: null, requestPolicy: { headerContentType: 'text/csv' }, guaranteed: false }),
    );
    assert.equal(
      effectiveSubscriptionDeliveryPolicyJson(undefined, s),
      json({
        healthyRetryPolicy: AWS_DEFAULT_EFFECTIVE_TOPIC.http.defaultHealthyRetryPolicy,
        sicklyRetryPolicy: null,
        throttlePolicy: null,
        requestPolicy: { headerContentType: 'text/csv' },
        guaranteed: false,
      }),
    );
  });

  it('accepts integers written as strings and booleans written as strings', () => {
    const p = topic({ http: { defaultHealthyRetryPolicy: { minDelayTarget: '5', maxDelayTarget: 6, numRetries: '1' }, disableSubscriptionOverrides: 'true' } });
    assert.deepEqual(p.healthyRetryPolicy, { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 });
    assert.equal(p.disableSubscriptionOverrides, true);
  });

  it('an empty topic policy is accepted', () => {
    assert.equal(deliveryPolicyJson(topic({})), json({ http: { disableSubscriptionOverrides: false } }));
    assert.equal(deliveryPolicyJson(topic({ http: {} })), json({ http: { disableSubscriptionOverrides: false } }));
  });
});

describe('parseDeliveryPolicy: rejected policies', () => {
  const retry = (over: Record<string, unknown>) => ({ minDelayTarget: 1, maxDelayTarget: 10, numRetries: 3, ...over });
  const cases: Array<[string, 'topic' | 'subscription', unknown, string | RegExp]> = [
    // Recorded from AWS (CreateTopic/SetTopicAttributes/SetSubscriptionAttributes):
    ['numRetries over 100', 'topic', { http: { defaultHealthyRetryPolicy: retry({ numRetries: 300, numNoDelayRetries: 1 }) } }, 'http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100'],
    ['minDelayTarget missing', 'subscription', { healthyRetryPolicy: { maxDelayTarget: 10, numRetries: 5 } }, 'healthyRetryPolicy.minDelayTarget must be specified'],
    ['a subscription member on a topic', 'topic', { throttlePolicy: { maxReceivesPerSecond: 10 } }, 'Unexpected JSON member: throttlePolicy'],
    // Same families of reasons for the other rules in the docs' table:
    ['maxDelayTarget missing', 'subscription', { healthyRetryPolicy: { minDelayTarget: 1, numRetries: 5 } }, 'healthyRetryPolicy.maxDelayTarget must be specified'],
    ['numRetries missing', 'topic', { http: { defaultHealthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 2 } } }, 'http.defaultHealthyRetryPolicy.numRetries must be specified'],
    ['minDelayTarget below 1', 'subscription', { healthyRetryPolicy: retry({ minDelayTarget: 0 }) }, 'healthyRetryPolicy.minDelayTarget must be greater than or equal to 1'],
    ['maxDelayTarget over 3600', 'subscription', { healthyRetryPolicy: retry({ maxDelayTarget: 3601 }) }, 'healthyRetryPolicy.maxDelayTarget must be less than or equal to 3600'],
    ['negative numRetries', 'subscription', { healthyRetryPolicy: retry({ numRetries: -1 }) }, 'healthyRetryPolicy.numRetries must be greater than or equal to 0'],
    ['negative phase count', 'subscription', { healthyRetryPolicy: retry({ numMaxDelayRetries: -1 }) }, 'healthyRetryPolicy.numMaxDelayRetries must be greater than or equal to 0'],
    ['max below min', 'subscription', { healthyRetryPolicy: retry({ minDelayTarget: 5, maxDelayTarget: 3 }) }, 'healthyRetryPolicy.maxDelayTarget must be greater than or equal to minDelayTarget'],
    [
      'phases exceed numRetries',
      'subscription',
      { healthyRetryPolicy: retry({ numRetries: 20, numNoDelayRetries: 7, numMinDelayRetries: 7, numMaxDelayRetries: 7 }) },
      'healthyRetryPolicy.numRetries must be greater than or equal to total of numMinDelayRetries, numNoDelayRetries and numMaxDelayRetries',
    ],
    ['unknown backoff function', 'topic', { http: { defaultHealthyRetryPolicy: retry({ backoffFunction: 'superlinear' }) } }, 'http.defaultHealthyRetryPolicy.backoffFunction: the value [superlinear] is not a valid backoff function'],
    ['maxReceivesPerSecond below 1', 'subscription', { throttlePolicy: { maxReceivesPerSecond: 0 } }, 'throttlePolicy.maxReceivesPerSecond must be greater than or equal to 1'],
    ['unknown member in a retry policy', 'subscription', { healthyRetryPolicy: retry({ delay: 3 }) }, 'Unexpected JSON member: delay'],
    ['topic-level member on a subscription', 'subscription', { http: {} }, 'Unexpected JSON member: http'],
    ['unknown protocol key on a topic', 'topic', { sqs: {} }, 'Unexpected JSON member: sqs'],
    ['non-integer delay', 'subscription', { healthyRetryPolicy: retry({ minDelayTarget: 1.5 }) }, 'healthyRetryPolicy.minDelayTarget must be an integer'],
    ['non-boolean override flag', 'topic', { http: { disableSubscriptionOverrides: 'yes' } }, 'http.disableSubscriptionOverrides must be a boolean'],
    ['malformed content type', 'subscription', { requestPolicy: { headerContentType: 'not a type' } }, 'requestPolicy.headerContentType is not a valid content type'],
    ['a policy that is not an object', 'subscription', [1, 2], 'the policy must be a JSON object'],
  ];
  for (const [title, level, value, message] of cases) {
    it(title, () => {
      assert.throws(
        () => parseDeliveryPolicy(json(value), level),
        (err: unknown) => {
          assert.ok(err instanceof DeliveryPolicyError);
          assert.ok(err instanceof Error);
          if (typeof message === 'string') assert.equal(err.message, message);
          else assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  it('invalid JSON', () => {
    assert.throws(() => parseDeliveryPolicy('{invalid}', 'topic'), /^DeliveryPolicyError: failed to parse JSON\. /);
  });
});

describe('effectiveHttpPolicy', () => {
  const t = topic({
    http: {
      defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 },
      defaultThrottlePolicy: { maxReceivesPerSecond: 7 },
      defaultRequestPolicy: { headerContentType: 'application/json' },
    },
  });
  const s = sub({ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 2, numRetries: 4, backoffFunction: 'geometric' }, requestPolicy: { headerContentType: 'text/csv' } });

  it('defaults when neither policy is set', () => {
    assert.deepEqual(effectiveHttpPolicy(undefined, undefined), { retry: { ...DEFAULT_HTTP_RETRY_POLICY }, contentType: 'text/plain; charset=UTF-8' });
  });

  it('the topic policy applies to subscriptions without their own', () => {
    assert.deepEqual(effectiveHttpPolicy(t, undefined), {
      retry: { ...DEFAULT_HTTP_RETRY_POLICY, minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 },
      contentType: 'application/json',
      maxReceivesPerSecond: 7,
    });
  });

  it('the subscription overrides the topic member by member', () => {
    assert.deepEqual(effectiveHttpPolicy(t, s), {
      retry: { ...DEFAULT_HTTP_RETRY_POLICY, minDelayTarget: 1, maxDelayTarget: 2, numRetries: 4, backoffFunction: 'geometric' },
      contentType: 'text/csv',
      maxReceivesPerSecond: 7,
    });
  });

  it('disableSubscriptionOverrides makes the topic policy win', () => {
    const locked = topic({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 }, disableSubscriptionOverrides: true } });
    assert.deepEqual(effectiveHttpPolicy(locked, s), {
      retry: { ...DEFAULT_HTTP_RETRY_POLICY, minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 },
      contentType: 'text/plain; charset=UTF-8',
    });
  });
});

describe('retryDelays', () => {
  const policy = (over: Partial<HttpRetryPolicy>): HttpRetryPolicy => ({ ...DEFAULT_HTTP_RETRY_POLICY, ...over });

  it('the default: 3 retries 20 s apart', () => {
    assert.deepEqual(retryDelays(DEFAULT_HTTP_RETRY_POLICY), [20_000, 20_000, 20_000]);
  });

  it('linear, the AWS docs example: max 40 s → 20, 30, 40 s', () => {
    assert.deepEqual(retryDelays(policy({ maxDelayTarget: 40 })), [20_000, 30_000, 40_000]);
  });

  it('numRetries 0 → no retries', () => {
    assert.deepEqual(retryDelays(policy({ numRetries: 0 })), []);
  });

  it('a single backoff retry waits minDelayTarget', () => {
    assert.deepEqual(retryDelays(policy({ minDelayTarget: 2, maxDelayTarget: 9, numRetries: 1 })), [2_000]);
  });

  it('arithmetic: the step grows by a constant (10 → 70 s in 4: 10, 20, 40, 70)', () => {
    assert.deepEqual(retryDelays(policy({ minDelayTarget: 10, maxDelayTarget: 70, numRetries: 4, backoffFunction: 'arithmetic' })), [10_000, 20_000, 40_000, 70_000]);
  });

  it('geometric: a constant ratio (1 → 29 s in 4)', () => {
    assert.deepEqual(retryDelays(policy({ minDelayTarget: 1, maxDelayTarget: 29, numRetries: 4, backoffFunction: 'geometric' })), [1_000, 3_072, 9_439, 29_000]);
  });

  it('exponential: the distance to the minimum doubles (1 → 29 s in 4: 1, 5, 13, 29)', () => {
    assert.deepEqual(retryDelays(policy({ minDelayTarget: 1, maxDelayTarget: 29, numRetries: 4, backoffFunction: 'exponential' })), [1_000, 5_000, 13_000, 29_000]);
  });

  it('the AWS graph policy (10 retries, 5 → 260 s) for each function', () => {
    const graph = (backoffFunction: HttpRetryPolicy['backoffFunction']) => retryDelays(policy({ minDelayTarget: 5, maxDelayTarget: 260, numRetries: 10, backoffFunction }));
    assert.deepEqual(graph('linear'), [5000, 33333, 61667, 90000, 118333, 146667, 175000, 203333, 231667, 260000]);
    assert.deepEqual(graph('arithmetic'), [5000, 10667, 22000, 39000, 61667, 90000, 124000, 163667, 209000, 260000]);
    assert.deepEqual(graph('geometric'), [5000, 7756, 12031, 18663, 28949, 44906, 69658, 108054, 167612, 260000]);
    assert.deepEqual(graph('exponential'), [5000, 5499, 6497, 8493, 12485, 20470, 36438, 68376, 132250, 260000]);
  });

  it('the four phases, AWS docs example: 3 immediate, 2 at 1 s, 10 backoff 1 → 60 s, 35 at 60 s', () => {
    const d = retryDelays({
      minDelayTarget: 1,
      maxDelayTarget: 60,
      numRetries: 50,
      numNoDelayRetries: 3,
      numMinDelayRetries: 2,
      numMaxDelayRetries: 35,
      backoffFunction: 'exponential',
    });
    assert.equal(d.length, 50);
    assert.deepEqual(d.slice(0, 5), [0, 0, 0, 1_000, 1_000]);
    assert.deepEqual(d.slice(5, 15), [1000, 1115, 1346, 1808, 2732, 4579, 8274, 15663, 30442, 60000]);
    assert.deepEqual(d.slice(15), new Array(35).fill(60_000));
  });

  it('phases only, no backoff retries', () => {
    assert.deepEqual(
      retryDelays(policy({ minDelayTarget: 2, maxDelayTarget: 3, numRetries: 4, numNoDelayRetries: 1, numMinDelayRetries: 2, numMaxDelayRetries: 1 })),
      [0, 2_000, 2_000, 3_000],
    );
  });
});
