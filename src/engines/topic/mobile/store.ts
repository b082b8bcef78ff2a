/**
 * SNS mobile state per account and region — platform applications and their endpoints, SMS
 * attributes, opted-out numbers, the SMS sandbox — and the capture of what SNS would send to
 * phones (SMS), devices (push) and mailboxes (email), for tests and developer endpoints to read.
 *
 * Platform applications and endpoints live in `store.applications` (`./applications.ts`); SMS
 * account state per scope in `./sms-account.ts`; captured deliveries in `./capture.ts` logs.
 * Validation of request shapes (names, attribute names, ARN syntax) is the SNS service's job;
 * the store enforces state rules and throws the domain errors of `./errors.ts`.
 *
 * LIMITATIONS: platform credentials are stored, never checked against the push services; push
 * payloads are captured as SNS resolves them, not wrapped into each platform's wire envelope;
 * OptInPhoneNumber's once-per-30-days rule is not enforced.
 */
import type { Clock } from '../../../core/clock.js';
import { cryptoRandomness, type Randomness } from '../../../core/ids.js';
import { PlatformApplications } from './applications.js';
import { CaptureLog, scopeKey } from './capture.js';
import { InvalidPhoneNumber } from './errors.js';
import { isValidPublishNumber, toE164 } from './phone.js';
import { resolvePushPayload } from './platform.js';
import { DEFAULT_SMS_ATTRIBUTES, SmsAccount } from './sms-account.js';
import type {
  CapturedAttribute,
  EmailRecord,
  MessageAttributeInput,
  OriginationNumber,
  PushRecord,
  SandboxNumberView,
  Scope,
  SmsRecord,
  SmsSuppression,
  SuppressedSmsRecord,
} from './types.js';

export interface MobileStoreDeps {
  clock: Clock;
  /** Where ids and one-time passwords come from (default node:crypto). */
  random?: Randomness;
  /** Ids of endpoints and messages; default random UUIDs. */
  newId?: () => string;
  /** One-time passwords of the SMS sandbox; default 6 random digits. */
  newOtp?: () => string;
  smsSandbox?: {
    /** What GetSMSSandboxAccountStatus reports for a new account/region (default true, as on AWS). */
    inSandbox?: boolean;
    /**
     * Drop SMS to numbers not verified in the sandbox while the account is in it (AWS accepts the
     * Publish and never delivers). Default false: every valid number gets its SMS.
     */
    enforce?: boolean;
  };
  /** Captured records kept per scope and kind (default 10,000; oldest dropped). */
  captureLimit?: number;
}

export interface SendSmsOptions {
  /** Set when delivering to an `sms` subscription of this topic. */
  topicArn?: string;
  subscriptionArn?: string;
  /** The Publish's MessageId; default a new one. */
  messageId?: string;
}

export interface SendSmsResult {
  messageId: string;
  /** False when the number opted out, or is unverified while the sandbox is enforced. */
  delivered: boolean;
  reason?: SmsSuppression;
  record: SmsRecord;
}

export interface PublishToEndpointOptions {
  subject?: string;
  messageAttributes?: Record<string, MessageAttributeInput>;
  /** Set when delivering to an `application` subscription of this topic. */
  topicArn?: string;
  subscriptionArn?: string;
  /** The Publish's MessageId; default a new one. */
  messageId?: string;
}

export interface RecordEmailInput {
  protocol: 'email' | 'email-json';
  /** The subscription's endpoint (an email address). */
  endpoint: string;
  subscriptionArn: string;
  topicArn?: string;
  subject?: string;
  /** The body as mailed: message text for `email`, the JSON envelope for `email-json`. */
  message: string;
  /** The Publish's MessageId (or the confirmation's); default a new one. */
  messageId?: string;
}

export class MobileStore {
  /** Platform applications and endpoints (CreatePlatformApplication ... DeleteEndpoint). */
  readonly applications: PlatformApplications;
  private readonly accounts = new Map<string, SmsAccount>();
  private readonly newId: () => string;
  private readonly newOtp: () => string;
  private readonly sms: CaptureLog<SmsRecord>;
  private readonly suppressedSms: CaptureLog<SuppressedSmsRecord>;
  private readonly push: CaptureLog<PushRecord>;
  private readonly email: CaptureLog<EmailRecord>;

  constructor(readonly deps: MobileStoreDeps) {
    const random = deps.random ?? cryptoRandomness;
    this.newId = deps.newId ?? (() => random.uuid());
    this.newOtp = deps.newOtp ?? (() => String(random.int(1_000_000)).padStart(6, '0'));
    const limit = deps.captureLimit ?? 10_000;
    this.sms = new CaptureLog(limit);
    this.suppressedSms = new CaptureLog(limit);
    this.push = new CaptureLog(limit);
    this.email = new CaptureLog(limit);
    this.applications = new PlatformApplications(deps.clock, this.newId);
  }

  // ---- SMS account state -----------------------------------------------------------------

  /** Current SMS attributes, `MonthlySpendLimit: '1'` included from the start. */
  getSmsAttributes(scope: Scope): Record<string, string> {
    return Object.fromEntries(this.peekAccount(scope)?.attributes ?? Object.entries(DEFAULT_SMS_ATTRIBUTES));
  }

  setSmsAttributes(scope: Scope, attributes: Record<string, string>): void {
    const a = this.smsAccount(scope).attributes;
    for (const [k, v] of Object.entries(attributes)) a.set(k, v);
  }

  isOptedOut(scope: Scope, phoneNumber: string): boolean {
    return this.peekAccount(scope)?.isOptedOut(phoneNumber) ?? false;
  }

  /** What a STOP reply does: the number gets no more SMS until opted in. */
  optOut(scope: Scope, phoneNumber: string): void {
    this.smsAccount(scope).optOut(phoneNumber);
  }

  /** Returns whether the number was opted out (opting in any other number is fine too). */
  optIn(scope: Scope, phoneNumber: string): boolean {
    return this.smsAccount(scope).optIn(phoneNumber);
  }

  /** Opted-out numbers (E.164), sorted. */
  listOptedOut(scope: Scope): string[] {
    return this.peekAccount(scope)?.optedOutNumbers() ?? [];
  }

  isInSmsSandbox(scope: Scope): boolean {
    return this.peekAccount(scope)?.inSandbox ?? this.deps.smsSandbox?.inSandbox ?? true;
  }

  /** Move an account/region into or out of the SMS sandbox. */
  setInSmsSandbox(scope: Scope, inSandbox: boolean): void {
    this.smsAccount(scope).inSandbox = inSandbox;
  }

  /**
   * CreateSMSSandboxPhoneNumber: add a Pending destination number and text it a one-time
   * password (captured as an SMS with `source: 'sandbox-verification'`). Again for a Pending
   * number: a new password is sent. A Verified number is left as it is.
   * @throws PhoneNumberOptedOut, SandboxNumberLimit
   */
  createSandboxNumber(scope: Scope, phoneNumber: string, languageCode = 'en-US'): SandboxNumberView {
    const now = this.deps.clock.now();
    const { entry, sendOtp } = this.smsAccount(scope).addSandboxNumber(phoneNumber, languageCode, now, this.newOtp);
    if (sendOtp) {
      const record = this.smsRecord(toE164(phoneNumber), `Your Amazon SNS verification code is: ${entry.oneTimePassword}`, { smsType: 'Transactional' }, 'sandbox-verification');
      this.sms.add(scope, record);
    }
    return entry;
  }

  /** @throws SandboxNumberNotFound, SandboxOtpMismatch (either way the attempt counts for the delete delay) */
  verifySandboxNumber(scope: Scope, phoneNumber: string, oneTimePassword: string): SandboxNumberView {
    return this.smsAccount(scope).verifySandboxNumber(phoneNumber, oneTimePassword, this.deps.clock.now());
  }

  /** @throws SandboxNumberNotFound, SandboxDeleteTooSoon (less than 24 h after a verification attempt) */
  deleteSandboxNumber(scope: Scope, phoneNumber: string): void {
    this.smsAccount(scope).deleteSandboxNumber(phoneNumber, this.deps.clock.now());
  }

  getSandboxNumber(scope: Scope, phoneNumber: string): SandboxNumberView | undefined {
    return this.peekAccount(scope)?.sandboxNumber(phoneNumber);
  }

  /** Sorted by phone number. */
  listSandboxNumbers(scope: Scope): SandboxNumberView[] {
    return this.peekAccount(scope)?.sandboxNumbers() ?? [];
  }

  /** Origination numbers are not sold here; tests may add some for ListOriginationNumbers. */
  addOriginationNumber(scope: Scope, number: OriginationNumber): void {
    this.smsAccount(scope).addOriginationNumber(number);
  }

  listOriginationNumbers(scope: Scope): OriginationNumber[] {
    return this.peekAccount(scope)?.originationNumbers() ?? [];
  }

  // ---- deliveries ------------------------------------------------------------------------

  /**
   * Send one SMS, as Publish(PhoneNumber) does and as delivery to an `sms` subscription does
   * (pass `options.topicArn`/`subscriptionArn` then, and normalize the subscription endpoint with
   * `normalizeSmsEndpoint` first). `message` is the text to send: for MessageStructure=json,
   * the caller picks the `sms` entry, else `default`.
   *
   * `phoneNumber` must be E.164-like (`+` optional, 2–15 digits, no leading 0), else
   * `InvalidPhoneNumber` is thrown (Publish answers InvalidParameter "Invalid parameter:
   * PhoneNumber Reason: <number> is not valid to publish to"). A valid number always gets a
   * message id, as on AWS; the SMS is captured (`smsMessages`) unless the number opted out, or
   * the sandbox is enforced and the number is not verified there: then it is kept in
   * `undeliveredSms` with the reason. SMSType/SenderID come from the `AWS.SNS.SMS.SMSType` and
   * `AWS.SNS.SMS.SenderID` message attributes, else the account's DefaultSMSType (else
   * `Promotional`) and DefaultSenderID.
   * @throws InvalidPhoneNumber
   */
  sendSms(
    scope: Scope,
    phoneNumber: string,
    message: string,
    messageAttributes: Record<string, MessageAttributeInput> = {},
    options: SendSmsOptions = {},
  ): SendSmsResult {
    if (!isValidPublishNumber(phoneNumber)) throw new InvalidPhoneNumber(phoneNumber);
    const account = this.smsAccount(scope);
    const str = (name: string): string | undefined => messageAttributes[name]?.StringValue;
    const extra: Partial<SmsRecord> = {
      smsType: str('AWS.SNS.SMS.SMSType') ?? account.attributes.get('DefaultSMSType') ?? 'Promotional',
    };
    const senderId = str('AWS.SNS.SMS.SenderID') ?? account.attributes.get('DefaultSenderID');
    if (senderId !== undefined) extra.senderId = senderId;
    const origination = str('AWS.MM.SMS.OriginationNumber');
    if (origination !== undefined) extra.originationNumber = origination;
    const maxPrice = str('AWS.SNS.SMS.MaxPrice');
    if (maxPrice !== undefined) extra.maxPrice = maxPrice;
    const e164 = toE164(phoneNumber);
    const record = this.smsRecord(e164, message, extra, options.topicArn ? 'topic' : 'publish', messageAttributes, options);
    let reason: SmsSuppression | undefined;
    if (account.isOptedOut(e164)) reason = 'opted-out';
    else if (this.deps.smsSandbox?.enforce && account.inSandbox && !account.isVerifiedDestination(e164)) reason = 'sandbox-unverified';
    if (reason) {
      this.suppressedSms.add(scope, { ...record, reason });
      return { messageId: record.messageId, delivered: false, reason, record };
    }
    this.sms.add(scope, record);
    return { messageId: record.messageId, delivered: true, record };
  }

  /**
   * Push a message to a platform endpoint, as Publish(TargetArn=<endpoint ARN>) does and as
   * delivery to an `application` subscription does (pass `options.topicArn`/`subscriptionArn`).
   * `structure` is the parsed MessageStructure=json message (string entries), if it was one.
   *
   * Checks, in order: the endpoint exists in `scope` (`EndpointNotFound`; Publish answers
   * InvalidParameter "Invalid parameter: TargetArn Reason: No endpoint found for the target arn
   * specified"), its application is enabled (`PlatformApplicationDisabled`), the endpoint is
   * enabled (`EndpointDisabled`; Publish answers EndpointDisabled "Endpoint is disabled"), and a
   * structure has an entry for the platform (e.g. `GCM`, `APNS`) or `default`
   * (`MissingPlatformPayload`). When a topic delivery (`options.topicArn` set) fails on a
   * disabled endpoint or application, the application's EventDeliveryFailure listeners are told.
   * @returns the captured record: `messageId`, and `message` = the payload chosen for the platform
   */
  publishToEndpoint(
    scope: Scope,
    endpointArn: string,
    message: string,
    structure?: Readonly<Record<string, string>>,
    options: PublishToEndpointOptions = {},
  ): PushRecord {
    const messageId = options.messageId ?? this.newId();
    const delivery: { messageId: string; topicArn?: string } = { messageId };
    if (options.topicArn !== undefined) delivery.topicArn = options.topicArn;
    const target = this.applications.deliveryTarget(scope, endpointArn, delivery);
    const payload = resolvePushPayload(target.platform, message, structure);
    const record: PushRecord = {
      messageId,
      endpointArn,
      applicationArn: target.applicationArn,
      platform: target.platform,
      token: target.token,
      message: payload,
      messageAttributes: captureAttributes(options.messageAttributes),
      timestamp: this.isoNow(),
    };
    if (structure) record.structure = { ...structure };
    if (options.subject !== undefined) record.subject = options.subject;
    if (options.topicArn !== undefined) record.topicArn = options.topicArn;
    if (options.subscriptionArn !== undefined) record.subscriptionArn = options.subscriptionArn;
    this.push.add(scope, record);
    return record;
  }

  /**
   * Capture an email or email-json notification instead of mailing it. The caller renders the
   * body (the message for `email`, the JSON envelope for `email-json`); nothing is validated.
   */
  recordEmail(scope: Scope, input: RecordEmailInput): EmailRecord {
    const record: EmailRecord = {
      messageId: input.messageId ?? this.newId(),
      protocol: input.protocol,
      endpoint: input.endpoint,
      subscriptionArn: input.subscriptionArn,
      message: input.message,
      timestamp: this.isoNow(),
    };
    if (input.topicArn !== undefined) record.topicArn = input.topicArn;
    if (input.subject !== undefined) record.subject = input.subject;
    this.email.add(scope, record);
    return record;
  }

  // ---- captured deliveries ---------------------------------------------------------------

  /** Delivered SMS of `scope` in order, optionally to one number (any form: `+` optional). */
  smsMessages(scope: Scope, phoneNumber?: string): SmsRecord[] {
    const want = phoneNumber === undefined ? undefined : toE164(phoneNumber);
    return this.sms.list(scope, want === undefined ? undefined : (r) => r.phoneNumber === want);
  }

  /** SMS that Publish accepted but nobody got (opted out, or unverified in an enforced sandbox). */
  undeliveredSms(scope: Scope, phoneNumber?: string): SuppressedSmsRecord[] {
    const want = phoneNumber === undefined ? undefined : toE164(phoneNumber);
    return this.suppressedSms.list(scope, want === undefined ? undefined : (r) => r.phoneNumber === want);
  }

  /** Forget captured SMS (delivered and undelivered) of `scope`, or of one number; returns how many. */
  clearSmsMessages(scope: Scope, phoneNumber?: string): number {
    const want = phoneNumber === undefined ? undefined : toE164(phoneNumber);
    const match = want === undefined ? undefined : (r: SmsRecord) => r.phoneNumber === want;
    return this.sms.clear(scope, match) + this.suppressedSms.clear(scope, match);
  }

  /** Push messages of `scope` in order, optionally to one endpoint. */
  pushMessages(scope: Scope, endpointArn?: string): PushRecord[] {
    return this.push.list(scope, endpointArn === undefined ? undefined : (r) => r.endpointArn === endpointArn);
  }

  clearPushMessages(scope: Scope, endpointArn?: string): number {
    return this.push.clear(scope, endpointArn === undefined ? undefined : (r) => r.endpointArn === endpointArn);
  }

  /** Emails of `scope` in order, optionally to one address (compared case-insensitively). */
  emailMessages(scope: Scope, endpoint?: string): EmailRecord[] {
    const want = endpoint?.toLowerCase();
    return this.email.list(scope, want === undefined ? undefined : (r) => r.endpoint.toLowerCase() === want);
  }

  clearEmailMessages(scope: Scope, endpoint?: string): number {
    const want = endpoint?.toLowerCase();
    return this.email.clear(scope, want === undefined ? undefined : (r) => r.endpoint.toLowerCase() === want);
  }

  // ---- internals -------------------------------------------------------------------------

  private peekAccount(scope: Scope): SmsAccount | undefined {
    return this.accounts.get(scopeKey(scope));
  }

  private smsAccount(scope: Scope): SmsAccount {
    const key = scopeKey(scope);
    let a = this.accounts.get(key);
    if (!a) this.accounts.set(key, (a = new SmsAccount(this.deps.smsSandbox?.inSandbox ?? true)));
    return a;
  }

  private isoNow(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private smsRecord(
    phoneNumber: string,
    message: string,
    extra: Partial<SmsRecord>,
    source: SmsRecord['source'],
    messageAttributes: Record<string, MessageAttributeInput> = {},
    options: SendSmsOptions = {},
  ): SmsRecord {
    const record: SmsRecord = {
      messageId: options.messageId ?? this.newId(),
      phoneNumber,
      message,
      smsType: 'Promotional',
      ...extra,
      messageAttributes: captureAttributes(messageAttributes),
      source,
      timestamp: this.isoNow(),
    };
    if (options.topicArn !== undefined) record.topicArn = options.topicArn;
    if (options.subscriptionArn !== undefined) record.subscriptionArn = options.subscriptionArn;
    return record;
  }
}

function captureAttributes(attrs: Record<string, MessageAttributeInput> | undefined): Record<string, CapturedAttribute> {
  const out: Record<string, CapturedAttribute> = {};
  for (const [name, a] of Object.entries(attrs ?? {})) {
    const c: CapturedAttribute = { DataType: a.DataType };
    if (a.StringValue !== undefined) c.StringValue = a.StringValue;
    if (a.BinaryValue !== undefined) c.BinaryValue = typeof a.BinaryValue === 'string' ? a.BinaryValue : Buffer.from(a.BinaryValue).toString('base64');
    out[name] = c;
  }
  return out;
}
