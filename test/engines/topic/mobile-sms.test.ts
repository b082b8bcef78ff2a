import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../src/core/clock.js';
import {
  MobileStore,
  PhoneNumberOptedOut,
  SANDBOX_DELETE_DELAY_MS,
  SandboxDeleteTooSoon,
  SandboxNumberLimit,
  SandboxNumberNotFound,
  SandboxOtpMismatch,
  isValidPublishNumber,
  normalizeSmsEndpoint,
  type MobileStoreDeps,
} from '../../../src/engines/topic/mobile/index.js';

const east = { account: '000000000000', region: 'us-east-1' };
const west = { account: '000000000000', region: 'us-west-2' };
const T0 = Date.UTC(2026, 0, 1);

function setup(extra: Partial<MobileStoreDeps> = {}) {
  const clock = new ManualClock(T0);
  let otp = 100000;
  const store = new MobileStore({ clock, newOtp: () => String(++otp), ...extra });
  return { clock, store };
}

describe('mobile store: SMS attributes and opt-outs', () => {
  it('starts with MonthlySpendLimit 1 and merges what is set, per region', () => {
    const { store } = setup();
    assert.deepEqual(store.getSmsAttributes(east), { MonthlySpendLimit: '1' });
    store.setSmsAttributes(east, { DefaultSMSType: 'Transactional', DefaultSenderID: 'Shop' });
    store.setSmsAttributes(east, { DefaultSMSType: 'Promotional' });
    assert.deepEqual(store.getSmsAttributes(east), { MonthlySpendLimit: '1', DefaultSMSType: 'Promotional', DefaultSenderID: 'Shop' });
    assert.deepEqual(store.getSmsAttributes(west), { MonthlySpendLimit: '1' });
  });

  it('opts numbers out and in, in E.164 form', () => {
    const { store } = setup();
    store.optOut(east, '15555550102');
    store.optOut(east, '+15555550101');
    assert.equal(store.isOptedOut(east, '+15555550102'), true);
    assert.equal(store.isOptedOut(west, '+15555550102'), false);
    assert.deepEqual(store.listOptedOut(east), ['+15555550101', '+15555550102']);
    assert.equal(store.optIn(east, '+15555550102'), true);
    assert.equal(store.optIn(east, '+15555550102'), false);
    assert.deepEqual(store.listOptedOut(east), ['+15555550101']);
  });
});

describe('mobile store: SMS sandbox', () => {
  it('is in the sandbox by default, per region, unless configured otherwise', () => {
    const { store } = setup();
    assert.equal(store.isInSmsSandbox(east), true);
    store.setInSmsSandbox(east, false);
    assert.equal(store.isInSmsSandbox(east), false);
    assert.equal(store.isInSmsSandbox(west), true);
    assert.equal(setup({ smsSandbox: { inSandbox: false } }).store.isInSmsSandbox(east), false);
  });

  it('texts a one-time password, verifies with it, and lists the numbers', () => {
    const { store } = setup();
    const pending = store.createSandboxNumber(east, '+15555550100', 'de-DE');
    assert.equal(pending.status, 'Pending');
    assert.equal(pending.oneTimePassword, '100001');
    assert.equal(pending.languageCode, 'de-DE');
    const [sms] = store.smsMessages(east, '+15555550100');
    assert.equal(sms?.message, 'Your Amazon SNS verification code is: 100001');
    assert.equal(sms?.source, 'sandbox-verification');
    assert.equal(sms?.smsType, 'Transactional');

    assert.throws(() => store.verifySandboxNumber(east, '+15555550100', '999999'), SandboxOtpMismatch);
    // Creating again while pending sends a new password; the old one no longer works.
    assert.equal(store.createSandboxNumber(east, '+15555550100').oneTimePassword, '100002');
    assert.equal(store.smsMessages(east, '+15555550100').length, 2);
    assert.throws(() => store.verifySandboxNumber(east, '+15555550100', '100001'), SandboxOtpMismatch);
    assert.equal(store.verifySandboxNumber(east, '+15555550100', '100002').status, 'Verified');
    // Verified: creating again changes nothing and sends nothing.
    assert.equal(store.createSandboxNumber(east, '+15555550100').status, 'Verified');
    assert.equal(store.smsMessages(east, '+15555550100').length, 2);

    store.createSandboxNumber(east, '+15555550099');
    assert.deepEqual(
      store.listSandboxNumbers(east).map((n) => [n.phoneNumber, n.status]),
      [
        ['+15555550099', 'Pending'],
        ['+15555550100', 'Verified'],
      ],
    );
    assert.throws(() => store.verifySandboxNumber(east, '+15555550111', '123456'), SandboxNumberNotFound);
    assert.deepEqual(store.listSandboxNumbers(west), []);
  });

  it('refuses opted-out numbers and more than 10 numbers', () => {
    const { store } = setup();
    store.optOut(east, '+15555550100');
    assert.throws(() => store.createSandboxNumber(east, '+15555550100'), PhoneNumberOptedOut);
    for (let i = 0; i < 10; i++) store.createSandboxNumber(east, `+1555555020${i}`);
    assert.throws(() => store.createSandboxNumber(east, '+15555550300'), SandboxNumberLimit);
  });

  it('deletes a number only 24 hours after its last verification attempt', () => {
    const { clock, store } = setup();
    store.createSandboxNumber(east, '+15555550100');
    store.createSandboxNumber(east, '+15555550101');
    store.deleteSandboxNumber(east, '+15555550101'); // never attempted: deletable at once
    assert.throws(() => store.verifySandboxNumber(east, '+15555550100', '000000'), SandboxOtpMismatch);
    clock.set(T0 + 1000);
    assert.throws(
      () => store.deleteSandboxNumber(east, '+15555550100'),
      (e: unknown) => e instanceof SandboxDeleteTooSoon && e.allowedAt === T0 + SANDBOX_DELETE_DELAY_MS,
    );
    clock.set(T0 + SANDBOX_DELETE_DELAY_MS);
    store.deleteSandboxNumber(east, '+15555550100');
    assert.deepEqual(store.listSandboxNumbers(east), []);
    assert.throws(() => store.deleteSandboxNumber(east, '+15555550100'), SandboxNumberNotFound);
  });
});

describe('SMS phone numbers', () => {
  it('accepts E.164-like numbers for Publish', () => {
    for (const ok of ['+15555550100', '15555550100', '+33000000000', '+44']) assert.equal(isValidPublishNumber(ok), true, ok);
    for (const bad of ['+1a234', 'NAA+15551234567', '+0123', '+1234567890123456', '', '+']) assert.equal(isValidPublishNumber(bad), false, bad);
  });

  it('normalizes sms subscription endpoints as SNS accepts them', () => {
    assert.equal(normalizeSmsEndpoint('+12/34-567.890'), '+1234567890');
    assert.equal(normalizeSmsEndpoint('+123123123'), '+123123123');
    assert.equal(normalizeSmsEndpoint('1 555 555 0100'), '+15555550100');
    for (const bad of ['+15--551234567', 'NAA+15551234567', '+15551234567.', '/+15551234567', 'invalid-number'])
      assert.equal(normalizeSmsEndpoint(bad), undefined, bad);
  });
});
