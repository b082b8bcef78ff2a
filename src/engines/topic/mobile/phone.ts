/**
 * Phone numbers as SNS reads them: Publish(PhoneNumber) takes an E.164-like number
 * (`+` optional, 2–15 digits, no leading 0); an `sms` subscription endpoint may also use single
 * separators between digit groups (`+12/34-567.890`), which SNS accepts and we strip.
 */
const PUBLISH_NUMBER = /^\+?[1-9]\d{1,14}$/;
const SUBSCRIPTION_ENDPOINT = /^\+?\d+(?:[-./ ]\d+)*$/;

/** Whether Publish accepts this `PhoneNumber` ("+1a234" and "NAA+15551234567" are refused). */
export function isValidPublishNumber(phoneNumber: string): boolean {
  return PUBLISH_NUMBER.test(phoneNumber);
}

/** The canonical form Signalbox keys numbers by: E.164 with a leading `+`. */
export function toE164(phoneNumber: string): string {
  return phoneNumber.startsWith('+') ? phoneNumber : `+${phoneNumber}`;
}

/**
 * An `sms` subscription endpoint in canonical E.164 form, or `undefined` when SNS refuses it
 * (Subscribe then answers `InvalidParameter` "Invalid SMS endpoint: <endpoint>"). Refused, as
 * recorded against AWS: `+15--551234567`, `NAA+15551234567`, `+15551234567.`, `/+15551234567`,
 * `invalid-number`; accepted: `+123123123`, `+12/34-567.890`.
 */
export function normalizeSmsEndpoint(endpoint: string): string | undefined {
  if (!SUBSCRIPTION_ENDPOINT.test(endpoint)) return undefined;
  const compact = endpoint.replace(/[-./ ]/g, '');
  return isValidPublishNumber(compact) ? toE164(compact) : undefined;
}
