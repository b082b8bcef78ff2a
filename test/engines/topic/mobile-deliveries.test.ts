import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../src/core/clock.js';
import {
  EndpointDisabled,
  EndpointNotFound,
  InvalidPhoneNumber,
  MissingPlatformPayload,
  MobileStore,
  PlatformApplicationDisabled,
  type ApplicationEvent,
  type MobileStoreDeps,
} from '../../../src/engines/topic/mobile/index.js';

const east = { account: '000000000000', region: 'us-east-1' };
const west = { account: '000000000000', region: 'us-west-2' };
const T0 = Date.UTC(2026, 0, 1);
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alerts';

function setup(extra: Partial<MobileStoreDeps> = {}) {
  const clock = new ManualClock(T0);
  let n = 0;
  const store = new MobileStore({ clock, newId: () => `id-${++n}`, newOtp: () => '123456', ...extra });
  return { clock, store };
}

function endpointOn(store: MobileStore, platform: string, token = 'tok', appAttributes: Record<string, string> = {}) {
  const app = store.applications.createPlatformApplication(east, { name: `app-${platform}`, platform, attributes: appAttributes });
  return store.applications.createPlatformEndpoint(east, app.arn, token).endpoint;
}

describe('mobile store: sendSms', () => {
  it('captures the SMS with its type, sender and attributes, and returns a message id', () => {
    const { clock, store } = setup();
    clock.set(T0 + 5);
    const r = store.sendSms(east, '15555550100', 'hello', {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'MyShop' },
      'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.5' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15555550000' },
      bin: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
    });
    assert.equal(r.messageId, 'id-1');
    assert.equal(r.delivered, true);
    assert.deepEqual(store.smsMessages(east), [
      {
        messageId: 'id-1',
        phoneNumber: '+15555550100',
        message: 'hello',
        smsType: 'Transactional',
        senderId: 'MyShop',
        originationNumber: '+15555550000',
        maxPrice: '0.5',
        messageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'MyShop' },
          'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.5' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15555550000' },
          bin: { DataType: 'Binary', BinaryValue: 'AQID' },
        },
        source: 'publish',
        timestamp: '2026-01-01T00:00:00.005Z',
      },
    ]);
    assert.deepEqual(store.smsMessages(west), []);
  });

  it('falls back to the account defaults, then Promotional; topic deliveries carry their origin', () => {
    const { store } = setup();
    store.sendSms(east, '+15555550100', 'a');
    store.setSmsAttributes(east, { DefaultSMSType: 'Transactional', DefaultSenderID: 'Acme' });
    store.sendSms(east, '+15555550100', 'b', {}, { topicArn: TOPIC, subscriptionArn: `${TOPIC}:sub`, messageId: 'm-1' });
    const [a, b] = store.smsMessages(east, '+15555550100');
    assert.equal(a?.smsType, 'Promotional');
    assert.equal(a?.senderId, undefined);
    assert.deepEqual([b?.smsType, b?.senderId, b?.source, b?.topicArn, b?.subscriptionArn, b?.messageId], ['Transactional', 'Acme', 'topic', TOPIC, `${TOPIC}:sub`, 'm-1']);
  });

  it('refuses numbers SNS cannot publish to', () => {
    const { store } = setup();
    assert.throws(() => store.sendSms(east, '+1a234', 'x'), (e: unknown) => e instanceof InvalidPhoneNumber && e.phoneNumber === '+1a234');
    assert.deepEqual(store.smsMessages(east), []);
  });

  it('does not deliver to opted-out numbers but still gives a message id', () => {
    const { store } = setup();
    store.optOut(east, '+15555550100');
    const r = store.sendSms(east, '+15555550100', 'x');
    assert.equal(r.delivered, false);
    assert.equal(r.reason, 'opted-out');
    assert.equal(r.messageId, 'id-1');
    assert.deepEqual(store.smsMessages(east, '+15555550100'), []);
    assert.deepEqual(store.undeliveredSms(east).map((s) => [s.phoneNumber, s.reason]), [['+15555550100', 'opted-out']]);
  });

  it('holds back SMS to unverified numbers only when the sandbox is enforced', () => {
    const loose = setup().store;
    assert.equal(loose.sendSms(east, '+15555550100', 'x').delivered, true);

    const { store } = setup({ smsSandbox: { enforce: true } });
    assert.equal(store.sendSms(east, '+15555550100', 'x').reason, 'sandbox-unverified');
    store.createSandboxNumber(east, '+15555550100');
    store.verifySandboxNumber(east, '+15555550100', '123456');
    assert.equal(store.sendSms(east, '+15555550100', 'y').delivered, true);
    store.setInSmsSandbox(east, false);
    assert.equal(store.sendSms(east, '+15555550199', 'z').delivered, true);
  });

  it('clears captured SMS per number or all', () => {
    const { store } = setup();
    store.sendSms(east, '+15555550100', 'a');
    store.sendSms(east, '+15555550101', 'b');
    store.optOut(east, '+15555550101');
    store.sendSms(east, '+15555550101', 'c');
    assert.equal(store.clearSmsMessages(east, '15555550101'), 2);
    assert.deepEqual(store.smsMessages(east).map((s) => s.message), ['a']);
    assert.equal(store.clearSmsMessages(east), 1);
    assert.deepEqual(store.smsMessages(east), []);
  });

  it('keeps at most captureLimit records per scope', () => {
    const { store } = setup({ captureLimit: 2 });
    for (const m of ['a', 'b', 'c']) store.sendSms(east, '+15555550100', m);
    assert.deepEqual(store.smsMessages(east).map((s) => s.message), ['b', 'c']);
  });
});

describe('mobile store: publishToEndpoint', () => {
  it('captures the message as is without a structure', () => {
    const { store } = setup();
    const e = endpointOn(store, 'ADM', 'device-1');
    const r = store.publishToEndpoint(east, e.arn, 'plain', undefined, { subject: 's', messageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
    assert.deepEqual(store.pushMessages(east, e.arn), [
      {
        messageId: r.messageId,
        endpointArn: e.arn,
        applicationArn: e.applicationArn,
        platform: 'ADM',
        token: 'device-1',
        message: 'plain',
        subject: 's',
        messageAttributes: { a: { DataType: 'String', StringValue: 'v' } },
        timestamp: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it("picks the platform's entry of a json structure, else default", () => {
    const { store } = setup();
    const gcm = endpointOn(store, 'GCM');
    const apns = endpointOn(store, 'APNS');
    const structure = { default: 'fallback', GCM: '{"data":{"m":1}}' };
    assert.equal(store.publishToEndpoint(east, gcm.arn, JSON.stringify(structure), structure).message, '{"data":{"m":1}}');
    const r = store.publishToEndpoint(east, apns.arn, JSON.stringify(structure), structure, { topicArn: TOPIC, subscriptionArn: `${TOPIC}:s`, messageId: 'm-7' });
    assert.deepEqual([r.message, r.topicArn, r.subscriptionArn, r.messageId], ['fallback', TOPIC, `${TOPIC}:s`, 'm-7']);
    assert.deepEqual(r.structure, structure);
    assert.throws(() => store.publishToEndpoint(east, gcm.arn, '{"APNS":"x"}', { APNS: 'x' }), (e: unknown) => e instanceof MissingPlatformPayload && e.platform === 'GCM');
  });

  it('refuses unknown endpoints, disabled endpoints and disabled applications', () => {
    const { store } = setup();
    const e = endpointOn(store, 'ADM');
    assert.throws(() => store.publishToEndpoint(west, e.arn, 'x'), EndpointNotFound);
    store.applications.setEndpointAttributes(east, e.arn, { Enabled: 'false' });
    assert.throws(() => store.publishToEndpoint(east, e.arn, 'x'), EndpointDisabled);
    store.applications.setPlatformApplicationAttributes(east, e.applicationArn, { Enabled: 'false' });
    assert.throws(() => store.publishToEndpoint(east, e.arn, 'x'), PlatformApplicationDisabled);
    assert.deepEqual(store.pushMessages(east), []);
  });

  it('tells EventDeliveryFailure listeners when a topic delivery hits a disabled endpoint', () => {
    const { store } = setup();
    const failures = 'arn:aws:sns:us-east-1:000000000000:failures';
    const e = endpointOn(store, 'GCM', 'tok', { EventDeliveryFailure: failures });
    const events: ApplicationEvent[] = [];
    store.applications.onApplicationEvent((ev) => events.push(ev));
    store.applications.setEndpointAttributes(east, e.arn, { Enabled: 'false' });
    assert.throws(() => store.publishToEndpoint(east, e.arn, 'direct'), EndpointDisabled);
    assert.equal(events.length, 0, 'a direct publish is refused, not a delivery failure');
    assert.throws(() => store.publishToEndpoint(east, e.arn, 'fan-out', undefined, { topicArn: TOPIC, messageId: 'm-1' }), EndpointDisabled);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.topicArn, failures);
    assert.deepEqual(JSON.parse(events[0]!.message), {
      DeliveryAttempts: 1,
      EndpointArn: e.arn,
      EventType: 'DeliveryFailure',
      FailureMessage: 'Endpoint is disabled',
      FailureType: 'EndpointDisabled',
      MessageId: 'm-1',
      Resource: e.applicationArn,
      Service: 'SNS',
      Time: '2026-01-01T00:00:00.000Z',
    });
  });

  it('clears push messages per endpoint or all', () => {
    const { store } = setup();
    const a = endpointOn(store, 'ADM', 'a');
    const b = endpointOn(store, 'GCM', 'b');
    store.publishToEndpoint(east, a.arn, '1');
    store.publishToEndpoint(east, b.arn, '2');
    assert.equal(store.clearPushMessages(east, a.arn), 1);
    assert.deepEqual(store.pushMessages(east).map((p) => p.message), ['2']);
    assert.equal(store.clearPushMessages(east), 1);
    assert.deepEqual(store.pushMessages(east), []);
  });
});

describe('mobile store: recordEmail', () => {
  it('captures emails by address, case-insensitively', () => {
    const { store } = setup();
    const rec = store.recordEmail(east, { protocol: 'email', endpoint: 'Ops@Example.com', subscriptionArn: `${TOPIC}:s1`, topicArn: TOPIC, subject: 'Hi', message: 'body' });
    store.recordEmail(east, { protocol: 'email-json', endpoint: 'dev@example.com', subscriptionArn: `${TOPIC}:s2`, message: '{"Type":"Notification"}', messageId: 'm-9' });
    assert.deepEqual(rec, {
      messageId: 'id-1',
      protocol: 'email',
      endpoint: 'Ops@Example.com',
      subscriptionArn: `${TOPIC}:s1`,
      topicArn: TOPIC,
      subject: 'Hi',
      message: 'body',
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    assert.deepEqual(store.emailMessages(east, 'ops@example.com'), [rec]);
    assert.equal(store.emailMessages(east)[1]?.messageId, 'm-9');
    assert.equal(store.clearEmailMessages(east, 'OPS@example.com'), 1);
    assert.deepEqual(store.emailMessages(east).map((m) => m.endpoint), ['dev@example.com']);
    assert.equal(store.clearEmailMessages(east), 1);
  });
});
