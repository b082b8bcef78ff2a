/**
 * HTTP subscriptions end to end against a real listener on 127.0.0.1: the SubscriptionConfirmation
 * POST, confirming by GETting the SubscribeURL or by ConfirmSubscription, Notification POSTs
 * (headers, envelope, raw delivery, content type from the delivery policy), the
 * UnsubscribeConfirmation, and retries ending in the subscription's SQS dead-letter queue.
 * Expected values are AWS's, as recorded in LocalStack's AWS-validated test_sns.snapshot.json.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  ConfirmSubscriptionCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { ACCOUNT, startSns, type SnsE2e } from './harness.js';
import { ISO_MS, UUID, UUID_RE, createQueue, createTopic, drain, escapeRe, startListener, verifySignature, waitForMessages, type CapturedRequest, type Listener } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;
const listeners: Listener[] = [];

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
afterEach(async () => {
  for (const l of listeners.splice(0)) await l.close();
});
after(() => e2e.close());

async function listener(): Promise<Listener> {
  const l = await startListener();
  listeners.push(l);
  return l;
}

const SNS_AGENT = 'Amazon Simple Notification Service Agent';
const TEXT_PLAIN = 'text/plain; charset=UTF-8';

/** Topic + pending HTTP subscription; returns the confirmation request too. */
async function pendingHttp(l: Listener, attributes?: Record<string, string>) {
  const topic = await createTopic(e2e);
  const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'http', Endpoint: l.url, ReturnSubscriptionArn: true, Attributes: attributes }));
  const subscription = out.SubscriptionArn!;
  assert.match(subscription, new RegExp(`^${escapeRe(topic)}:${UUID}$`));
  const [confirmation] = await l.waitFor(1);
  const body = JSON.parse(confirmation!.body) as Record<string, string>;
  return { topic, subscription, confirmation: confirmation!, body };
}

function subscriptionAttributes(arn: string) {
  return sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn })).then((o) => o.Attributes ?? {});
}

function assertSnsHeaders(req: CapturedRequest, type: string, messageId: string, topic: string, subscription: string | undefined, contentType = TEXT_PLAIN) {
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/sns-endpoint');
  assert.equal(req.headers['x-amz-sns-message-type'], type);
  assert.equal(req.headers['x-amz-sns-message-id'], messageId);
  assert.equal(req.headers['x-amz-sns-topic-arn'], topic);
  assert.equal(req.headers['x-amz-sns-subscription-arn'], subscription);
  assert.equal(req.headers['content-type'], contentType);
  assert.equal(req.headers['user-agent'], SNS_AGENT);
  assert.equal(req.headers['content-length'], String(Buffer.byteLength(req.body)));
}

async function getXml(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

describe('SubscriptionConfirmation', () => {
  it('Subscribe answers "pending confirmation" and POSTs a signed SubscriptionConfirmation with AWS headers and text', async () => {
    const l = await listener();
    const topic = await createTopic(e2e);
    const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'http', Endpoint: l.url }));
    assert.equal(out.SubscriptionArn, 'pending confirmation');
    const [req] = await l.waitFor(1);
    const body = JSON.parse(req!.body) as Record<string, string>;
    assert.deepEqual(Object.keys(body), ['Type', 'MessageId', 'Token', 'TopicArn', 'Message', 'SubscribeURL', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']);
    assert.equal(body.Type, 'SubscriptionConfirmation');
    assert.match(body.MessageId!, UUID_RE);
    assert.match(body.Token!, /^[0-9a-f]{64,}$/);
    assert.equal(body.TopicArn, topic);
    assert.equal(body.Message, `You have chosen to subscribe to the topic ${topic}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`);
    assert.equal(body.SubscribeURL, `${e2e.url}/?Action=ConfirmSubscription&TopicArn=${topic}&Token=${body.Token}`);
    assert.match(body.Timestamp!, ISO_MS);
    assert.equal(body.SignatureVersion, '1');
    assertSnsHeaders(req!, 'SubscriptionConfirmation', body.MessageId!, topic, undefined);
    await verifySignature(body);

    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
    assert.equal(attrs.Attributes?.SubscriptionsPending, '1');
    assert.equal(attrs.Attributes?.SubscriptionsConfirmed, '0');
  });

  it('a pending subscription: PendingConfirmation true, ConfirmationWasAuthenticated false; nothing is delivered until confirmed', async () => {
    const l = await listener();
    const { topic, subscription } = await pendingHttp(l);
    const attrs = await subscriptionAttributes(subscription);
    assert.equal(attrs.PendingConfirmation, 'true');
    assert.equal(attrs.ConfirmationWasAuthenticated, 'false');
    assert.equal(attrs.Protocol, 'http');
    assert.equal(attrs.Endpoint, l.url);
    assert.equal(attrs.Owner, ACCOUNT);
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'not yet' }));
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(l.requests.length, 1, 'only the confirmation arrived');
  });

  it('GET on the SubscribeURL confirms (idempotently); broken URLs answer AWS errors; a wrong topic of the right region still confirms', async () => {
    const l = await listener();
    const { topic, subscription, body } = await pendingHttp(l);
    const base = e2e.url;
    const token = body.Token!;

    const brokenTopic = await getXml(`${base}/?Action=ConfirmSubscription&TopicArn=not-an-arn&Token=${token}`);
    assert.equal(brokenTopic.status, 400);
    assert.match(brokenTopic.text, /<Code>InvalidParameter<\/Code>\s*<Message>Invalid parameter: Topic<\/Message>/);
    const brokenToken = await getXml(`${base}/?Action=ConfirmSubscription&TopicArn=${topic}&Token=abc123`);
    assert.equal(brokenToken.status, 400);
    assert.match(brokenToken.text, /<Code>InvalidParameter<\/Code>\s*<Message>Invalid parameter: Token<\/Message>/);
    const otherRegion = await getXml(`${base}/?Action=ConfirmSubscription&TopicArn=${topic.replace(':us-east-1:', ':eu-central-1:')}&Token=${token}`);
    assert.equal(otherRegion.status, 400);
    assert.match(otherRegion.text, /<Message>Invalid parameter: Topic<\/Message>/);
    assert.equal((await subscriptionAttributes(subscription)).PendingConfirmation, 'true', 'still pending after the refused attempts');

    const wrongTopic = await getXml(`${base}/?Action=ConfirmSubscription&TopicArn=${topic.slice(0, -1)}${topic.endsWith('a') ? 'b' : 'a'}&Token=${token}`);
    assert.equal(wrongTopic.status, 200);
    assert.match(wrongTopic.text, new RegExp(`<ConfirmSubscriptionResult>\\s*<SubscriptionArn>${escapeRe(subscription)}</SubscriptionArn>`));
    assert.equal((await subscriptionAttributes(subscription)).PendingConfirmation, 'false');

    const again = await getXml(body.SubscribeURL!);
    assert.equal(again.status, 200);
    assert.match(again.text, new RegExp(`<SubscriptionArn>${escapeRe(subscription)}</SubscriptionArn>`));
    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
    assert.deepEqual([attrs.Attributes?.SubscriptionsConfirmed, attrs.Attributes?.SubscriptionsPending], ['1', '0']);
  });
});

describe('Notification POSTs', () => {
  it('confirmed with ConfirmSubscription: a signed envelope with the AWS headers, then UnsubscribeConfirmation on Unsubscribe', async () => {
    const l = await listener();
    const { topic, subscription, body } = await pendingHttp(l);
    const confirmed = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: body.Token! }));
    assert.equal(confirmed.SubscriptionArn, subscription);
    assert.equal((await subscriptionAttributes(subscription)).PendingConfirmation, 'false');

    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'test_external_http_endpoint' }));
    const [, req] = await l.waitFor(2);
    assertSnsHeaders(req!, 'Notification', out.MessageId!, topic, subscription);
    const envelope = JSON.parse(req!.body) as Record<string, string>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.MessageId, out.MessageId);
    assert.equal(envelope.Message, 'test_external_http_endpoint');
    assert.equal(envelope.UnsubscribeURL, `${e2e.url}/?Action=Unsubscribe&SubscriptionArn=${subscription}`);
    await verifySignature(envelope);

    await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscription }));
    const [, , bye] = await l.waitFor(3);
    const doc = JSON.parse(bye!.body) as Record<string, string>;
    assertSnsHeaders(bye!, 'UnsubscribeConfirmation', doc.MessageId!, topic, subscription);
    assert.deepEqual(Object.keys(doc), ['Type', 'MessageId', 'Token', 'TopicArn', 'Message', 'SubscribeURL', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']);
    assert.equal(doc.Type, 'UnsubscribeConfirmation');
    assert.equal(doc.Message, `You have chosen to deactivate subscription ${subscription}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`);
    assert.equal(doc.SubscribeURL, `${e2e.url}/?Action=ConfirmSubscription&TopicArn=${topic}&Token=${doc.Token}`);
    assert.notEqual(doc.Token, body.Token);
    await verifySignature(doc);

    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'after unsubscribe' }));
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(l.requests.length, 3, 'nothing after the UnsubscribeConfirmation');

    // Its SubscribeURL restores the subscription.
    const restore = await getXml(doc.SubscribeURL!);
    assert.equal(restore.status, 200);
    const restored = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(restore.text)?.[1];
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }));
    assert.deepEqual(listed.Subscriptions?.map((x) => [x.SubscriptionArn, x.Protocol, x.Endpoint]), [[restored, 'http', l.url]]);
    const again = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'restored' }));
    const [, , , back] = await l.waitFor(4);
    assertSnsHeaders(back!, 'Notification', again.MessageId!, topic, restored);
  });

  it('raw delivery: the bare message with x-amz-sns-rawdelivery: true; the subscription DeliveryPolicy sets the content type', async () => {
    const l = await listener();
    const { topic, subscription, body, confirmation } = await pendingHttp(l);
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
    await sns.send(
      new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify({ requestPolicy: { headerContentType: 'text/csv' } }) }),
    );
    const attrs = await subscriptionAttributes(subscription);
    assert.equal(attrs.DeliveryPolicy, '{"healthyRetryPolicy":null,"sicklyRetryPolicy":null,"throttlePolicy":null,"requestPolicy":{"headerContentType":"text/csv"},"guaranteed":false}');
    assert.equal(
      attrs.EffectiveDeliveryPolicy,
      '{"healthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"sicklyRetryPolicy":null,"throttlePolicy":null,"requestPolicy":{"headerContentType":"text/csv"},"guaranteed":false}',
    );
    assert.equal(attrs.RawMessageDelivery, 'true');
    assert.equal(confirmation.headers['content-type'], TEXT_PLAIN, 'confirmations are always text/plain');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: body.Token! }));

    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'raw, not wrapped', MessageAttributes: { a: { DataType: 'String', StringValue: 'dropped' } } }));
    const [, req] = await l.waitFor(2);
    assertSnsHeaders(req!, 'Notification', out.MessageId!, topic, subscription, 'text/csv');
    assert.equal(req!.headers['x-amz-sns-rawdelivery'], 'true');
    assert.equal(req!.body, 'raw, not wrapped');
  });

  it('a topic DeliveryPolicy sets the content type of notifications; the subscription policy is echoed as AWS normalizes it', async () => {
    const l = await listener();
    const { topic, subscription, body } = await pendingHttp(l);
    const subPolicy = {
      healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, numMaxDelayRetries: 0, backoffFunction: 'linear' },
      sicklyRetryPolicy: null,
      throttlePolicy: { maxReceivesPerSecond: 1000 },
      guaranteed: false,
    };
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify(subPolicy) }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topic, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify({ http: { defaultRequestPolicy: { headerContentType: 'application/json' } } }) }));
    const attrs = await subscriptionAttributes(subscription);
    const retry = '{"minDelayTarget":1,"maxDelayTarget":1,"numRetries":0,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"}';
    assert.equal(attrs.DeliveryPolicy, `{"healthyRetryPolicy":${retry},"sicklyRetryPolicy":null,"throttlePolicy":{"maxReceivesPerSecond":1000},"requestPolicy":null,"guaranteed":false}`);
    assert.equal(
      attrs.EffectiveDeliveryPolicy,
      `{"healthyRetryPolicy":${retry},"sicklyRetryPolicy":null,"throttlePolicy":{"maxReceivesPerSecond":1000},"requestPolicy":{"headerContentType":"application/json"},"guaranteed":false}`,
    );
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: body.Token! }));
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'test_external_http_endpoint' }));
    const [, req] = await l.waitFor(2);
    assertSnsHeaders(req!, 'Notification', out.MessageId!, topic, subscription, 'application/json');
    assert.equal(req!.headers['x-amz-sns-rawdelivery'], undefined);
    assert.equal((JSON.parse(req!.body) as { Message: string }).Message, 'test_external_http_endpoint');
  });
});

describe('retries and dead-letter queue', () => {
  it('a 5xx endpoint is retried along the subscription DeliveryPolicy, then the message goes to the SQS dead-letter queue', async () => {
    const l = await listener();
    const { topic, subscription, body } = await pendingHttp(l);
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: body.Token! }));
    const dlq = await createQueue(e2e);
    // One immediate retry, then one after minDelayTarget (1 s).
    const policy = {
      healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 2, numNoDelayRetries: 1, numMinDelayRetries: 1, numMaxDelayRetries: 0, backoffFunction: 'linear' },
    };
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify(policy) }));
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'RedrivePolicy', AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }));
    l.status = () => 500;
    const arrivals: number[] = [];
    const started = Date.now();
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'to the dlq', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }));
    for (let n = 2; n <= 4; n++) {
      await l.waitFor(n, 4000);
      arrivals.push(Date.now() - started);
    }
    const attempts = l.requests.slice(1);
    assert.equal(attempts.length, 3, 'first attempt + 2 retries');
    for (const a of attempts) assert.equal(a.headers['x-amz-sns-message-id'], out.MessageId);
    assert.ok(arrivals[2]! - arrivals[1]! >= 900, `the last retry waited minDelayTarget (${arrivals.join(', ')} ms)`);

    const [m] = await waitForMessages(e2e, dlq.url, 1, 3000);
    const envelope = JSON.parse(m!.Body!) as Record<string, unknown>;
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.MessageId, out.MessageId);
    assert.equal(envelope.Message, 'to the dlq');
    assert.deepEqual(envelope.MessageAttributes, { k: { Type: 'String', Value: 'v' } });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(l.requests.length, 4, 'no attempt after giving up');
  });

  it('a 4xx answer is not retried: the message goes to the dead-letter queue at once', async () => {
    const l = await listener();
    const { topic, subscription, body } = await pendingHttp(l);
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: body.Token! }));
    const dlq = await createQueue(e2e);
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'RedrivePolicy', AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }));
    l.status = () => 404;
    const out = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'client error' }));
    const [m] = await waitForMessages(e2e, dlq.url, 1, 3000);
    assert.equal((JSON.parse(m!.Body!) as { MessageId: string }).MessageId, out.MessageId);
    assert.equal(l.requests.length, 2, 'the confirmation and one attempt');
  });

  it('a healthy endpoint after one 500 gets the message on the retry and the dead-letter queue stays empty', async () => {
    const l = await listener();
    const { topic, subscription, body } = await pendingHttp(l);
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: body.Token! }));
    const dlq = await createQueue(e2e);
    const policy = { healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 2, numNoDelayRetries: 2 } };
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify(policy) }));
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'RedrivePolicy', AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn }) }));
    l.status = (_req, i) => (i === 1 ? 500 : 200);
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'second time lucky' }));
    const reqs = await l.waitFor(3);
    assert.equal(reqs[2]!.body, reqs[1]!.body, 'the retry carries the same envelope');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(l.requests.length, 3);
    assert.deepEqual(await drain(e2e, dlq.url), []);
  });
});
