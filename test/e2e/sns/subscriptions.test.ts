/**
 * SNS subscription operations end to end: Subscribe (sqs, sms, lambda; idempotency and errors),
 * ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes, Unsubscribe and ConfirmSubscription
 * errors. Expected values are AWS's, as recorded in LocalStack's AWS-validated snapshots
 * (test_sns.snapshot.json, test_sns_filter_policy.snapshot.json).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConfirmSubscriptionCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { ACCOUNT, REGION, expectSnsError, invalidParameter, notFound, startSns, unique, type SnsE2e } from './harness.js';
import { UUID, createQueue, createTopic, drain, escapeRe, subscribeQueue } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
after(() => e2e.close());

const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/AKIDEXAMPLE`;

async function attributesOf(subscriptionArn: string): Promise<Record<string, string>> {
  const out = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
  assert.ok(out.Attributes);
  return out.Attributes;
}

function setAttribute(subscriptionArn: string, name: string, value: string) {
  return sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: name, AttributeValue: value }));
}

describe('Subscribe', () => {
  it('an sqs subscription is confirmed at once and has exactly AWS default attributes', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.arn }));
    assert.match(out.SubscriptionArn ?? '', new RegExp(`^${escapeRe(topic)}:${UUID}$`));
    assert.deepEqual(await attributesOf(out.SubscriptionArn!), {
      ConfirmationWasAuthenticated: 'true',
      Endpoint: queue.arn,
      Owner: ACCOUNT,
      PendingConfirmation: 'false',
      Protocol: 'sqs',
      RawMessageDelivery: 'false',
      SubscriptionArn: out.SubscriptionArn,
      SubscriptionPrincipal: PRINCIPAL,
      TopicArn: topic,
    });
  });

  it('is idempotent: same endpoint and equal (or default, or fewer) attributes give the same ARN; other values are refused', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const subscribe = (Attributes?: Record<string, string>) =>
      sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.arn, ReturnSubscriptionArn: true, Attributes }));
    const first = (await subscribe({ RawMessageDelivery: 'True' })).SubscriptionArn!;
    assert.equal((await attributesOf(first)).RawMessageDelivery, 'true');
    const same: Array<Record<string, string> | undefined> = [{ RawMessageDelivery: 'true' }, { RawMessageDelivery: 'true', FilterPolicyScope: 'MessageAttributes' }, undefined, {}, { FilterPolicyScope: 'MessageAttributes' }];
    for (const attrs of same)
      assert.equal((await subscribe(attrs)).SubscriptionArn, first, JSON.stringify(attrs));
    await expectSnsError(
      subscribe({ RawMessageDelivery: 'false', FilterPolicyScope: 'MessageBody' }),
      invalidParameter('Invalid parameter: Attributes Reason: Subscription already exists with different attributes'),
    );
    const list = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }));
    assert.equal(list.Subscriptions?.length, 1);
  });

  it('with attributes: RawMessageDelivery shown; a bad value is refused with the Subscribe wording', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    await expectSnsError(
      sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'wrongvalue' } })),
      invalidParameter('Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.'),
    );
    assert.deepEqual((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions, [], 'nothing was subscribed');
    const arn = await subscribeQueue(e2e, topic, queue.arn, { RawMessageDelivery: 'true' });
    assert.equal((await attributesOf(arn)).RawMessageDelivery, 'true');
  });

  it('refuses unknown protocols, queue URLs, FIFO queues on standard topics, and unknown or malformed topics', async () => {
    const topic = await createTopic(e2e);
    const fifoQueue = await createQueue(e2e, { FifoQueue: 'true' });
    const queue = await createQueue(e2e);
    await expectSnsError(
      sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'test-protocol', Endpoint: 'x' })),
      invalidParameter('Invalid parameter: Amazon SNS does not support this protocol string: test-protocol'),
    );
    await expectSnsError(sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.url })), invalidParameter('Invalid parameter: SQS endpoint ARN'));
    await expectSnsError(sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: 'unknown' })), invalidParameter('Invalid parameter: SQS endpoint ARN'));
    await expectSnsError(
      sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: fifoQueue.arn })),
      invalidParameter('Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics'),
    );
    await expectSnsError(
      sns.send(new SubscribeCommand({ TopicArn: 'randomstring', Protocol: 'email', Endpoint: 'someone@example.com' })),
      invalidParameter('Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1'),
    );
    await expectSnsError(
      sns.send(new SubscribeCommand({ TopicArn: 'arn:aws:sns:us-east-1:random', Protocol: 'email', Endpoint: 'someone@example.com' })),
      invalidParameter('Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 5'),
    );
    await expectSnsError(sns.send(new SubscribeCommand({ TopicArn: `${topic}-nope`, Protocol: 'sqs', Endpoint: queue.arn })), notFound('Topic does not exist'));
    await expectSnsError(
      sns.send(new SubscribeCommand({ TopicArn: topic.replace(`:${REGION}:`, ':eu-west-1:'), Protocol: 'sqs', Endpoint: queue.arn })),
      invalidParameter('Invalid parameter: TopicArn'),
    );
  });

  it('accepts a queue ARN that does not exist (yet)', async () => {
    const topic = await createTopic(e2e);
    const arn = await subscribeQueue(e2e, topic, `arn:aws:sqs:${REGION}:${ACCOUNT}:${unique('unknown')}`);
    assert.equal((await attributesOf(arn)).PendingConfirmation, 'false');
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'to nowhere' }));
    assert.match(out.MessageId ?? '', new RegExp(`^${UUID}$`));
  });

  it('FIFO topics take standard and FIFO queues; a FIFO subscription needs a FIFO dead-letter queue', async () => {
    const topic = await createTopic(e2e, { FifoTopic: 'true' });
    const standard = await createQueue(e2e);
    const fifo = await createQueue(e2e, { FifoQueue: 'true' });
    const standardSub = await subscribeQueue(e2e, topic, standard.arn);
    assert.equal((await attributesOf(standardSub)).Protocol, 'sqs');
    const fifoSub = await subscribeQueue(e2e, topic, fifo.arn);
    await expectSnsError(
      setAttribute(fifoSub, 'RedrivePolicy', JSON.stringify({ deadLetterTargetArn: standard.arn })),
      invalidParameter('Invalid parameter: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.'),
    );
    const dlq = await createQueue(e2e, { FifoQueue: 'true' });
    await setAttribute(fifoSub, 'RedrivePolicy', JSON.stringify({ deadLetterTargetArn: dlq.arn }));
    assert.equal((await attributesOf(fifoSub)).RedrivePolicy, JSON.stringify({ deadLetterTargetArn: dlq.arn }));
  });

  it('sms: confirmed at once with the number as endpoint; malformed numbers are refused with "Invalid SMS endpoint"', async () => {
    const topic = await createTopic(e2e);
    const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sms', Endpoint: '+123123123' }));
    assert.deepEqual(await attributesOf(out.SubscriptionArn!), {
      ConfirmationWasAuthenticated: 'true',
      Endpoint: '+123123123',
      Owner: ACCOUNT,
      PendingConfirmation: 'false',
      Protocol: 'sms',
      RawMessageDelivery: 'false',
      SubscriptionArn: out.SubscriptionArn,
      SubscriptionPrincipal: PRINCIPAL,
      TopicArn: topic,
    });
    for (const bad of ['+15--551234567', 'NAA+15551234567', '+15551234567.', '/+15551234567', 'invalid-number'])
      await expectSnsError(sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sms', Endpoint: bad })), invalidParameter(`Invalid SMS endpoint: ${bad}`));
  });

  it('lambda: accepted and confirmed; publishing to the topic still succeeds', async () => {
    const topic = await createTopic(e2e);
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${unique('fn')}`;
    const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'lambda', Endpoint: fn }));
    assert.match(out.SubscriptionArn ?? '', new RegExp(`^${escapeRe(topic)}:${UUID}$`));
    const attrs = await attributesOf(out.SubscriptionArn!);
    assert.equal(attrs.Protocol, 'lambda');
    assert.equal(attrs.Endpoint, fn);
    assert.equal(attrs.PendingConfirmation, 'false');
    assert.equal(attrs.ConfirmationWasAuthenticated, 'true');
    const queue = await createQueue(e2e);
    await subscribeQueue(e2e, topic, queue.arn);
    const pub = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'hello lambda' }));
    assert.match(pub.MessageId ?? '', new RegExp(`^${UUID}$`));
    assert.equal((await drain(e2e, queue.url)).length, 1, 'the other subscriber still got it');
  });
});

describe('ListSubscriptions / ListSubscriptionsByTopic', () => {
  it('list entries: SubscriptionArn (PendingConfirmation while pending), Owner, Protocol, Endpoint, TopicArn', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const sqsArn = await subscribeQueue(e2e, topic, queue.arn);
    await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'email', Endpoint: 'pending@example.com' }));
    const expected = [
      { SubscriptionArn: sqsArn, Owner: ACCOUNT, Protocol: 'sqs', Endpoint: queue.arn, TopicArn: topic },
      { SubscriptionArn: 'PendingConfirmation', Owner: ACCOUNT, Protocol: 'email', Endpoint: 'pending@example.com', TopicArn: topic },
    ];
    const byTopic = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }));
    assert.deepEqual(byTopic.Subscriptions, expected);
    assert.equal(byTopic.NextToken, undefined);
    const all = await sns.send(new ListSubscriptionsCommand({}));
    assert.deepEqual(all.Subscriptions?.filter((s) => s.TopicArn === topic), expected);
  });

  it('pages by 100 with a base64 NextToken', async () => {
    const topic = await createTopic(e2e);
    for (let i = 0; i < 101; i++) await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sms', Endpoint: `+12312312${i}` }));
    const first = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }));
    assert.equal(first.Subscriptions?.length, 100);
    assert.ok(first.NextToken && Buffer.from(first.NextToken, 'base64').length > 0);
    const second = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic, NextToken: first.NextToken }));
    assert.equal(second.Subscriptions?.length, 1);
    assert.equal(second.NextToken, undefined);
    const arns = new Set([...first.Subscriptions!, ...second.Subscriptions!].map((s) => s.SubscriptionArn));
    assert.equal(arns.size, 101);
    const all = await sns.send(new ListSubscriptionsCommand({}));
    assert.equal(all.Subscriptions?.length, 100);
    assert.ok(all.NextToken);
  });
});

describe('Get/SetSubscriptionAttributes', () => {
  it('Set RawMessageDelivery / FilterPolicy; FilterPolicyScope shows only next to a FilterPolicy; "" removes the policy', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const arn = await subscribeQueue(e2e, topic, queue.arn);
    await setAttribute(arn, 'RawMessageDelivery', 'true');
    assert.equal((await attributesOf(arn)).RawMessageDelivery, 'true');

    await setAttribute(arn, 'FilterPolicyScope', 'MessageBody');
    assert.equal((await attributesOf(arn)).FilterPolicyScope, undefined, 'not shown without a FilterPolicy');
    await expectSnsError(
      setAttribute(arn, 'FilterPolicyScope', 'RandomValue'),
      invalidParameter('Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes'),
    );
    const policy = JSON.stringify({ attr: ['match-this'] });
    await setAttribute(arn, 'FilterPolicy', policy);
    let attrs = await attributesOf(arn);
    assert.equal(attrs.FilterPolicy, policy);
    assert.equal(attrs.FilterPolicyScope, 'MessageBody');

    await setAttribute(arn, 'FilterPolicy', '');
    attrs = await attributesOf(arn);
    assert.equal(attrs.FilterPolicy, undefined);
    assert.equal(attrs.FilterPolicyScope, undefined);

    const numeric = JSON.stringify({ attr1: [{ numeric: ['>', 0, '<=', 100] }] });
    await setAttribute(arn, 'FilterPolicyScope', 'MessageAttributes');
    await setAttribute(arn, 'FilterPolicy', numeric);
    attrs = await attributesOf(arn);
    assert.equal(attrs.FilterPolicy, numeric);
    assert.equal(attrs.FilterPolicyScope, 'MessageAttributes');
  });

  it('a FilterPolicy given to Subscribe shows with its default scope MessageAttributes', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const policy = JSON.stringify({ attr1: [{ numeric: ['>', 0, '<=', 100] }] });
    const arn = await subscribeQueue(e2e, topic, queue.arn, { FilterPolicy: policy });
    const attrs = await attributesOf(arn);
    assert.equal(attrs.FilterPolicy, policy);
    assert.equal(attrs.FilterPolicyScope, 'MessageAttributes');
  });

  it('validation errors with the SetSubscriptionAttributes wording', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const arn = await subscribeQueue(e2e, topic, queue.arn);
    await expectSnsError(setAttribute(arn, 'FakeAttribute', 'test-value'), invalidParameter('Invalid parameter: AttributeName'));
    await expectSnsError(setAttribute(arn, 'RawMessageDelivery', 'test-ValUe'), invalidParameter('Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.'));
    await expectSnsError(setAttribute(arn, 'RawMessageDelivery', ''), invalidParameter('Invalid parameter: RawMessageDelivery: Invalid value []. Must be true or false.'));
    await expectSnsError(
      setAttribute(arn, 'RedrivePolicy', JSON.stringify({ deadLetterTargetArn: 'fake-arn' })),
      invalidParameter('Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn'),
    );
    await expectSnsError(
      setAttribute(arn, 'RedrivePolicy', '{invalidjson}'),
      invalidParameter(
        "Invalid parameter: RedrivePolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]",
      ),
    );
    await expectSnsError(
      setAttribute(arn, 'FilterPolicy', '{invalidjson}'),
      invalidParameter(
        "Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]",
      ),
    );
    await expectSnsError(
      setAttribute(arn, 'FilterPolicy', JSON.stringify({ object: { key: [{ prefix: 'auto-' }] } })),
      invalidParameter('Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy'),
    );
    const keys = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, ['x']]));
    await expectSnsError(setAttribute(arn, 'FilterPolicy', JSON.stringify(keys)), invalidParameter('Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys'));
    const complex = { key: [...Array(151).keys()].map((i) => `value${i}`) };
    await expectSnsError(setAttribute(arn, 'FilterPolicy', JSON.stringify(complex)), invalidParameter('Invalid parameter: FilterPolicy: Filter policy is too complex'));
    assert.deepEqual(Object.keys(await attributesOf(arn)).sort(), [
      'ConfirmationWasAuthenticated',
      'Endpoint',
      'Owner',
      'PendingConfirmation',
      'Protocol',
      'RawMessageDelivery',
      'SubscriptionArn',
      'SubscriptionPrincipal',
      'TopicArn',
    ], 'refused values were not stored');

    // The nested policy is fine with the body scope.
    await setAttribute(arn, 'FilterPolicyScope', 'MessageBody');
    await setAttribute(arn, 'FilterPolicy', JSON.stringify({ object: { key: [{ prefix: 'auto-' }] } }));
    assert.equal((await attributesOf(arn)).FilterPolicyScope, 'MessageBody');
  });

  it('FilterPolicy errors with the Subscribe wording ("Attributes Reason: FilterPolicy: ...")', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const subscribe = (policy: unknown) =>
      sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { FilterPolicy: typeof policy === 'string' ? policy : JSON.stringify(policy) } }));
    await expectSnsError(
      subscribe('invalid'),
      invalidParameter(
        "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 8]",
      ),
    );
    const cases: Array<[unknown, string]> = [
      [{ key: [{ cidr: 'bad-filter' }] }, "Malformed CIDR, one '/' required"],
      [{ key: [{ cidr: 'bad-filter/64' }] }, 'Nonstandard IP address: bad-filter'],
      [{ key: [{ cidr: 'bad-/64filter' }] }, 'Malformed CIDR, mask bits must be an integer'],
      [{ key: [{ cidr: 'xx.11.xx/8' }] }, 'Nonstandard IP address: xx.11.xx'],
      [{ a: ['x'], b: ['x'], c: ['x'], d: ['x'], e: ['x'], f: ['x'] }, 'Filter policy can not have more than 5 keys'],
      [{ key: [...Array(151).keys()].map((i) => `value${i}`) }, 'Filter policy is too complex'],
      [{ key1: [...Array(100).keys()].map((i) => `value${i}`), key2: [...Array(51).keys()].map((i) => `value${i}`) }, 'Filter policy is too complex'],
    ];
    for (const [policy, reason] of cases) await expectSnsError(subscribe(policy), invalidParameter(`Invalid parameter: Attributes Reason: FilterPolicy: ${reason}`));
    // Pattern errors: AWS appends Jackson's location; the reason text comes first.
    const patterns: Array<[unknown, string]> = [
      [{ key: [['value']] }, 'Match value must be String, number, true, false, or null'],
      [{ key: [{ 'wrong-operator': true }] }, 'Unrecognized match type wrong-operator'],
      [{ key: [] }, 'Empty arrays are not allowed'],
      [{ key: [{ suffix: 100 }] }, 'suffix match pattern must be a string'],
      [{ key: [{ numeric: ['>', 3, '<', 1] }] }, 'Bottom must be less than top'],
      [{ key: [{ exists: 'no' }] }, 'exists match pattern must be either true or false.'],
    ];
    for (const [policy, reason] of patterns)
      await expectSnsError(subscribe(policy), invalidParameter(new RegExp(`^${escapeRe(`Invalid parameter: Attributes Reason: FilterPolicy: ${reason}`)}(\\n at \\[Source: .*\\])?$`)));
    assert.deepEqual((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions, [], 'no subscription was made');
    const counts = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
    assert.equal(counts.Attributes?.SubscriptionsDeleted, '0', 'refused subscriptions are not counted as deleted');
  });

  it('unknown subscriptions are NotFound "Subscription does not exist"', async () => {
    const topic = await createTopic(e2e);
    const missing = `${topic}:00000000-0000-4000-8000-000000000000`;
    await expectSnsError(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: missing })), notFound('Subscription does not exist'));
    await expectSnsError(setAttribute(missing, 'RawMessageDelivery', 'true'), notFound('Subscription does not exist'));
  });
});

describe('Unsubscribe', () => {
  it('removes the subscription; unsubscribing again answers 200', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const arn = await subscribeQueue(e2e, topic, queue.arn);
    assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions?.length, 1);
    assert.equal((await sns.send(new UnsubscribeCommand({ SubscriptionArn: arn }))).$metadata.httpStatusCode, 200);
    assert.deepEqual((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions, []);
    await expectSnsError(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn })), notFound('Subscription does not exist'));
    await expectSnsError(setAttribute(arn, 'RawMessageDelivery', 'true'), notFound('Subscription does not exist'));
    assert.equal((await sns.send(new UnsubscribeCommand({ SubscriptionArn: arn }))).$metadata.httpStatusCode, 200);
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'after unsubscribe' }));
    assert.deepEqual(await drain(e2e, queue.url), [], 'nothing delivered after Unsubscribe');
  });

  it('malformed ARNs', async () => {
    await expectSnsError(
      sns.send(new UnsubscribeCommand({ SubscriptionArn: 'randomstring' })),
      invalidParameter('Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1'),
    );
    await expectSnsError(
      sns.send(new UnsubscribeCommand({ SubscriptionArn: 'pending confirmation' })),
      invalidParameter('Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1'),
    );
    await expectSnsError(
      sns.send(new UnsubscribeCommand({ SubscriptionArn: 'arn:aws:sns:us-east-1:random' })),
      invalidParameter('Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 5'),
    );
    await expectSnsError(sns.send(new UnsubscribeCommand({ SubscriptionArn: 'arn:aws:sns:us-east-1:111111111111:random' })), invalidParameter('Invalid parameter: SubscriptionId'));
    // A missing top-level scalar is InvalidParameter, not ValidationError (recorded for Unsubscribe).
    await expectSnsError(
      sns.send(new UnsubscribeCommand({} as unknown as { SubscriptionArn: string })),
      invalidParameter('Invalid parameter: SubscriptionArn Reason: no value for required parameter'),
    );
  });
});

describe('ConfirmSubscription errors', () => {
  it('unknown tokens, non-hex tokens, malformed and other-region topics', async () => {
    const topic = await createTopic(e2e);
    const token288 = 'ab'.repeat(144);
    await expectSnsError(sns.send(new ConfirmSubscriptionCommand({ TopicArn: `${topic.slice(0, -1)}i`, Token: token288 })), invalidParameter('Invalid parameter: Token'));
    await expectSnsError(sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: token288 })), invalidParameter('Invalid parameter: Token'));
    await expectSnsError(sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: 'randomtoken' })), invalidParameter('Invalid token'));
    await expectSnsError(sns.send(new ConfirmSubscriptionCommand({ TopicArn: 'not-an-arn', Token: token288 })), invalidParameter('Invalid parameter: Topic'));
    await expectSnsError(
      sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic.replace(`:${REGION}:`, ':eu-central-1:'), Token: token288 })),
      invalidParameter('Invalid parameter: Topic'),
    );
  });
});
