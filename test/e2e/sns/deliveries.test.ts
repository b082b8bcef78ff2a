/**
 * Deliveries SNS makes outside AWS: SMS (topic subscriptions and Publish with PhoneNumber) and
 * email / email-json (confirmation and notifications), read back through the developer
 * endpoints /_signalbox/sns/sms-messages and /_signalbox/sns/email-messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfirmSubscriptionCommand, GetSubscriptionAttributesCommand, PublishCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ACCOUNT, REGION, expectSnsError, invalidParameter, startSns, unique, type SnsE2e } from './harness.js';
import { UUID_RE, createTopic, verifySignature } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
after(() => e2e.close());

interface SmsRecord {
  messageId: string;
  phoneNumber: string;
  message: string;
  source: string;
  topicArn?: string;
  subscriptionArn?: string;
}
interface EmailRecord {
  messageId: string;
  protocol: string;
  endpoint: string;
  subscriptionArn: string;
  topicArn?: string;
  subject?: string;
  message: string;
}

async function smsTo(phone: string): Promise<SmsRecord[]> {
  const res = await e2e.dev(`/_signalbox/sns/sms-messages?phoneNumber=${encodeURIComponent(phone)}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { account: string; region: string; messages: Record<string, SmsRecord[]> };
  assert.equal(body.account, ACCOUNT);
  assert.equal(body.region, REGION);
  assert.deepEqual(Object.keys(body.messages), [phone]);
  return body.messages[phone]!;
}

async function emailsTo(address: string): Promise<EmailRecord[]> {
  const res = await e2e.dev(`/_signalbox/sns/email-messages?address=${encodeURIComponent(address)}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { messages: Record<string, EmailRecord[]> };
  return body.messages[address] ?? [];
}

describe('SMS', () => {
  it('an sms subscription receives topic messages (its "sms" entry of a JSON structure)', async () => {
    const topic = await createTopic(e2e);
    const phone = '+15555550123';
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sms', Endpoint: phone }));
    assert.notEqual(sub.SubscriptionArn, 'pending confirmation');
    const first = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'your code is 1234', Subject: 'ignored by sms' }));
    const second = await sns.send(new PublishCommand({ TopicArn: topic, MessageStructure: 'json', Message: JSON.stringify({ default: 'long default text', sms: 'short sms' }) }));
    const records = await smsTo(phone);
    assert.deepEqual(
      records.map((r) => [r.messageId, r.phoneNumber, r.message, r.source, r.topicArn, r.subscriptionArn]),
      [
        [first.MessageId, phone, 'your code is 1234', 'topic', topic, sub.SubscriptionArn],
        [second.MessageId, phone, 'short sms', 'topic', topic, sub.SubscriptionArn],
      ],
    );
  });

  it('an sms endpoint with separators is stored as given and delivered to its E.164 number', async () => {
    const topic = await createTopic(e2e);
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sms', Endpoint: '+1-555-555-0124' }));
    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn! }));
    assert.equal(attrs.Attributes?.Endpoint, '+1-555-555-0124');
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'separated' }));
    assert.deepEqual((await smsTo('+15555550124')).map((r) => r.message), ['separated']);
  });

  it('Publish with PhoneNumber sends one SMS; malformed numbers are refused', async () => {
    const phone = '+15555550125';
    const out = await sns.send(new PublishCommand({ PhoneNumber: phone, Message: 'direct text' }));
    assert.match(out.MessageId ?? '', UUID_RE);
    const records = await smsTo(phone);
    assert.deepEqual(
      records.map((r) => [r.messageId, r.message, r.source, r.topicArn]),
      [[out.MessageId, 'direct text', 'publish', undefined]],
    );
    for (const bad of ['+1a234', 'NAA+15551234567'])
      await expectSnsError(sns.send(new PublishCommand({ PhoneNumber: bad, Message: 'x' })), invalidParameter(`Invalid parameter: PhoneNumber Reason: ${bad} is not valid to publish to`));
  });
});

describe('email', () => {
  it('email: the confirmation is captured, its token confirms, then notifications carry the message and subject', async () => {
    const topic = await createTopic(e2e);
    const address = `${unique('user')}@example.com`;
    const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'email', Endpoint: address, ReturnSubscriptionArn: true }));
    const subscription = out.SubscriptionArn!;
    let mails = await emailsTo(address);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subscriptionArn, subscription);
    assert.equal(mails[0]!.protocol, 'email');
    const confirmation = JSON.parse(mails[0]!.message) as Record<string, string>;
    assert.equal(confirmation.Type, 'SubscriptionConfirmation');
    assert.equal(confirmation.TopicArn, topic);
    assert.equal(confirmation.SubscribeURL, `${e2e.url}/?Action=ConfirmSubscription&TopicArn=${topic}&Token=${confirmation.Token}`);
    await verifySignature(confirmation);

    // Nothing is mailed while pending.
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'too early' }));
    assert.equal((await emailsTo(address)).length, 1);

    const confirmed = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: confirmation.Token! }));
    assert.equal(confirmed.SubscriptionArn, subscription);
    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription }));
    assert.equal(attrs.Attributes?.PendingConfirmation, 'false');

    const pub = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'hello by mail', Subject: 'Greetings' }));
    mails = await emailsTo(address);
    assert.equal(mails.length, 2);
    assert.deepEqual(
      [mails[1]!.messageId, mails[1]!.protocol, mails[1]!.subject, mails[1]!.message, mails[1]!.topicArn, mails[1]!.subscriptionArn],
      [pub.MessageId, 'email', 'Greetings', 'hello by mail', topic, subscription],
    );
  });

  it('email-json: notifications are the signed JSON envelope', async () => {
    const topic = await createTopic(e2e);
    const address = `${unique('json')}@example.com`;
    const out = await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'email-json', Endpoint: address, ReturnSubscriptionArn: true }));
    const [confirmationMail] = await emailsTo(address);
    const token = (JSON.parse(confirmationMail!.message) as { Token: string }).Token;
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: token }));
    const pub = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'as json', Subject: 'S' }));
    const mails = await emailsTo(address);
    assert.equal(mails.length, 2);
    const envelope = JSON.parse(mails[1]!.message) as Record<string, string>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
    assert.equal(envelope.MessageId, pub.MessageId);
    assert.equal(envelope.Message, 'as json');
    assert.equal(envelope.UnsubscribeURL, `${e2e.url}/?Action=Unsubscribe&SubscriptionArn=${out.SubscriptionArn}`);
    await verifySignature(envelope);
  });
});
