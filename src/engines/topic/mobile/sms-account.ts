/**
 * The SMS side of an account in one region: SMS attributes, the opt-out list, the SMS sandbox
 * (destination numbers verified with a one-time password) and origination numbers.
 */
import { PhoneNumberOptedOut, SandboxDeleteTooSoon, SandboxNumberLimit, SandboxNumberNotFound, SandboxOtpMismatch } from './errors.js';
import { toE164 } from './phone.js';
import type { OriginationNumber, SandboxNumberView } from './types.js';

/** SNS answers GetSMSAttributes with this even before anything was set (LS-snap). */
export const DEFAULT_SMS_ATTRIBUTES: Readonly<Record<string, string>> = { MonthlySpendLimit: '1' };

/** The SMS sandbox holds up to 10 destination numbers (sns-sms-sandbox docs). */
export const SANDBOX_NUMBER_LIMIT = 10;
/** A sandbox number can be deleted 24 h after its verification or last verification attempt. */
export const SANDBOX_DELETE_DELAY_MS = 24 * 60 * 60 * 1000;

interface SandboxEntry {
  phoneNumber: string;
  status: 'Pending' | 'Verified';
  otp: string;
  languageCode: string;
  createdAt: number;
  verifiedAt?: number;
  lastAttemptAt?: number;
}

export class SmsAccount {
  readonly attributes = new Map<string, string>(Object.entries(DEFAULT_SMS_ATTRIBUTES));
  private readonly optedOut = new Set<string>();
  private readonly sandbox = new Map<string, SandboxEntry>();
  private readonly origination: OriginationNumber[] = [];

  constructor(public inSandbox: boolean) {}

  isOptedOut(phoneNumber: string): boolean {
    return this.optedOut.has(toE164(phoneNumber));
  }

  optOut(phoneNumber: string): void {
    this.optedOut.add(toE164(phoneNumber));
  }

  /** Returns whether the number was opted out. */
  optIn(phoneNumber: string): boolean {
    return this.optedOut.delete(toE164(phoneNumber));
  }

  optedOutNumbers(): string[] {
    return [...this.optedOut].sort();
  }

  /**
   * Add (or re-send the password of) a destination number; returns the entry and whether a
   * one-time password must be texted to it (new or still pending numbers).
   */
  addSandboxNumber(phoneNumber: string, languageCode: string, now: number, newOtp: () => string): { entry: SandboxNumberView; sendOtp: boolean } {
    if (this.isOptedOut(phoneNumber)) throw new PhoneNumberOptedOut(phoneNumber);
    let e = this.sandbox.get(phoneNumber);
    if (e?.status === 'Verified') return { entry: view(e), sendOtp: false };
    if (e) {
      e.otp = newOtp();
      e.languageCode = languageCode;
    } else {
      if (this.sandbox.size >= SANDBOX_NUMBER_LIMIT) throw new SandboxNumberLimit(SANDBOX_NUMBER_LIMIT);
      e = { phoneNumber, status: 'Pending', otp: newOtp(), languageCode, createdAt: now };
      this.sandbox.set(phoneNumber, e);
    }
    return { entry: view(e), sendOtp: true };
  }

  verifySandboxNumber(phoneNumber: string, otp: string, now: number): SandboxNumberView {
    const e = this.sandbox.get(phoneNumber);
    if (!e) throw new SandboxNumberNotFound(phoneNumber);
    e.lastAttemptAt = now;
    if (e.status === 'Verified' && otp === e.otp) return view(e);
    if (otp !== e.otp) throw new SandboxOtpMismatch(phoneNumber);
    e.status = 'Verified';
    e.verifiedAt = now;
    return view(e);
  }

  deleteSandboxNumber(phoneNumber: string, now: number): void {
    const e = this.sandbox.get(phoneNumber);
    if (!e) throw new SandboxNumberNotFound(phoneNumber);
    const last = Math.max(e.verifiedAt ?? -Infinity, e.lastAttemptAt ?? -Infinity);
    if (Number.isFinite(last) && now < last + SANDBOX_DELETE_DELAY_MS) throw new SandboxDeleteTooSoon(phoneNumber, last + SANDBOX_DELETE_DELAY_MS);
    this.sandbox.delete(phoneNumber);
  }

  sandboxNumber(phoneNumber: string): SandboxNumberView | undefined {
    const e = this.sandbox.get(phoneNumber);
    return e && view(e);
  }

  /** Sorted by phone number. */
  sandboxNumbers(): SandboxNumberView[] {
    return [...this.sandbox.values()].sort((a, b) => (a.phoneNumber < b.phoneNumber ? -1 : 1)).map(view);
  }

  /** Whether an SMS to this number may leave the sandbox (verified destination). */
  isVerifiedDestination(phoneNumber: string): boolean {
    const e164 = toE164(phoneNumber);
    for (const e of this.sandbox.values()) if (e.status === 'Verified' && toE164(e.phoneNumber) === e164) return true;
    return false;
  }

  addOriginationNumber(n: OriginationNumber): void {
    this.origination.push({ ...n, numberCapabilities: [...n.numberCapabilities] });
  }

  originationNumbers(): OriginationNumber[] {
    return this.origination.map((n) => ({ ...n, numberCapabilities: [...n.numberCapabilities] }));
  }
}

function view(e: SandboxEntry): SandboxNumberView {
  const v: SandboxNumberView = {
    phoneNumber: e.phoneNumber,
    status: e.status,
    oneTimePassword: e.otp,
    languageCode: e.languageCode,
    createdAt: e.createdAt,
  };
  if (e.verifiedAt !== undefined) v.verifiedAt = e.verifiedAt;
  if (e.lastAttemptAt !== undefined) v.lastVerificationAttemptAt = e.lastAttemptAt;
  return v;
}
