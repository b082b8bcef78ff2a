/**
 * Request checks of the SNS mobile operations, with AWS's texts (LocalStack's
 * test_sns.snapshot.json, recorded against AWS, unless noted) and list paging.
 */
import { isPlatform, parseArn, type Platform } from '../../../engines/topic/mobile/index.js';
import { attributesNull, invalidParameter, invalidParameterRaw, validationError } from './errors.js';

/** A required map the client sent empty: query clients drop empty maps, so AWS sees null. */
export function requireAttributes(value: Record<string, string> | undefined): Record<string, string> {
  const attrs = value ?? {};
  if (Object.keys(attrs).length === 0) throw attributesNull();
  return attrs;
}

/**
 * `arn:...:app/<PLATFORM>/<name>` (2 slashes) or `arn:...:endpoint/<PLATFORM>/<app>/<id>`
 * (3 slashes): "An ARN must have at least 6 elements, not 1" / "Wrong number of slashes in
 * relative portion of the ARN." (both recorded).
 */
/** The ARN a request names in `param`, checked like AWS checks it. */
export function arnParam(value: string | undefined, param: 'PlatformApplicationArn' | 'EndpointArn'): string {
  // Required members: the parser refuses a request without one, '' is never checked here.
  const arn = value ?? '';
  checkArn(param, arn);
  return arn;
}

export function checkArn(param: 'PlatformApplicationArn' | 'EndpointArn', arn: string): void {
  const parsed = parseArn(arn);
  if (!parsed) throw invalidParameter(`${param} Reason: An ARN must have at least 6 elements, not ${arn.split(':').length}`);
  const slashes = param === 'PlatformApplicationArn' ? 2 : 3;
  if (parsed.resource.length !== slashes + 1) throw invalidParameter(`${param} Reason: Wrong number of slashes in relative portion of the ARN.`);
}

/** Names: 1–256 of [A-Za-z0-9_.-] (texts recorded, the name itself in place of the parameter). */
export function checkApplicationName(name: string): void {
  let reason: string | undefined;
  if (name === '') reason = 'cannot be empty';
  else if (name.length > 256) reason = 'must be at most 256 characters long';
  else if (!/^[A-Za-z0-9._-]+$/.test(name)) reason = "must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'";
  if (reason) throw invalidParameter(`${name} Reason: ${reason}`);
}

export function checkPlatform(platform: string): Platform {
  if (!isPlatform(platform)) throw invalidParameter(`Platform Reason: ${platform} is not supported`);
  return platform;
}

/** Endpoint attribute names SNS knows; Baidu endpoints also carry ChannelId and UserId. */
const ENDPOINT_ATTRIBUTES = new Set(['CustomUserData', 'Enabled', 'Token']);
const BAIDU_ENDPOINT_ATTRIBUTES = new Set(['ChannelId', 'UserId']);

/** Attribute names, then CustomUserData ≤ 2048 UTF-8 bytes (texts recorded). */
export function checkEndpointAttributes(attrs: Record<string, string>, platform: string): void {
  for (const k of Object.keys(attrs)) {
    if (!ENDPOINT_ATTRIBUTES.has(k) && !(platform === 'BAIDU' && BAIDU_ENDPOINT_ATTRIBUTES.has(k)))
      throw invalidParameter(`Attributes Reason: Invalid attribute name: ${k}`);
  }
  const data = attrs.CustomUserData;
  if (data !== undefined && Buffer.byteLength(data, 'utf8') > 2048)
    throw invalidParameter('Attributes Reason: Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding');
}

/** SetSMSAttributes' attribute names (SNS API reference). */
export const SMS_ATTRIBUTES = new Set([
  'MonthlySpendLimit',
  'DeliveryStatusIAMRole',
  'DeliveryStatusSuccessSamplingRate',
  'DefaultSenderID',
  'DefaultSMSType',
  'UsageReportS3Bucket',
]);

/**
 * Names first ("<name> is not a valid attribute"), then DefaultSMSType ("DefaultSMSType is
 * invalid"), both recorded; DefaultSenderID (1–11 letters and digits, at least one letter)
 * answers "DefaultSenderID is invalid" (wording not recorded).
 */
export function checkSmsAttributes(attrs: Record<string, string>): void {
  for (const k of Object.keys(attrs)) if (!SMS_ATTRIBUTES.has(k)) throw invalidParameterRaw(`${k} is not a valid attribute`);
  const type = attrs.DefaultSMSType;
  if (type !== undefined && type !== 'Promotional' && type !== 'Transactional') throw invalidParameterRaw('DefaultSMSType is invalid');
  const sender = attrs.DefaultSenderID;
  if (sender !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(sender)) throw invalidParameterRaw('DefaultSenderID is invalid');
}

/** Opt-in/opt-out checks take E.164: "Invalid parameter: PhoneNumber Reason: input incorrectly formatted" (recorded). */
export function checkE164(phoneNumber: string): void {
  if (!/^\+?[1-9]\d{1,14}$/.test(phoneNumber)) throw invalidParameter('PhoneNumber Reason: input incorrectly formatted');
}

const SANDBOX_PHONE = /^(\+[0-9]{8,}|[0-9]{0,9})$/;
const OTP = /^[0-9]+$/;

/** Coral constraint texts for a string member (model constraints from the SNS API reference). */
function stringViolations(member: string, value: string, c: { min?: number; max?: number; pattern?: RegExp }): string[] {
  const out: string[] = [];
  // A value quoted in an error is cut short, so a huge input cannot make a larger error. // unverified text (AWS's cut)
  const shown = value.length > 256 ? `${value.slice(0, 256)}...` : value;
  const at = `Value '${shown}' at '${member}' failed to satisfy constraint: `;
  if (c.min !== undefined && value.length < c.min) out.push(`${at}Member must have length greater than or equal to ${c.min}`);
  if (c.max !== undefined && value.length > c.max) out.push(`${at}Member must have length less than or equal to ${c.max}`);
  if (c.pattern && !c.pattern.test(value)) out.push(`${at}Member must satisfy regular expression pattern: ${c.pattern.source}`);
  return out;
}

/** PhoneNumber of the sandbox operations: ≤ 20 characters, `^(\+[0-9]{8,}|[0-9]{0,9})$`. */
export function checkSandboxInput(phoneNumber: string, extra: { oneTimePassword?: string; languageCode?: string } = {}): void {
  const v = stringViolations('phoneNumber', phoneNumber, { max: 20, pattern: SANDBOX_PHONE });
  if (extra.oneTimePassword !== undefined) v.push(...stringViolations('oneTimePassword', extra.oneTimePassword, { min: 5, max: 8, pattern: OTP }));
  if (extra.languageCode !== undefined && !LANGUAGE_CODES.includes(extra.languageCode))
    v.push(`Value '${extra.languageCode}' at 'languageCode' failed to satisfy constraint: Member must satisfy enum value set: [${LANGUAGE_CODES.join(', ')}]`);
  if (v.length) throw validationError(v);
}

/** LanguageCodeString of the SNS model. */
export const LANGUAGE_CODES = ['en-US', 'en-GB', 'es-419', 'es-ES', 'de-DE', 'fr-CA', 'fr-FR', 'it-IT', 'ja-JP', 'pt-BR', 'kr-KR', 'zh-CN', 'zh-TW'];

/** MaxResults within [min, max], coral-worded. */
export function checkMaxResults(value: number | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = value;
  const at = `Value '${n}' at 'maxResults' failed to satisfy constraint: `;
  if (n < 1) throw validationError([`${at}Member must have value greater than or equal to 1`]);
  if (n > max) throw validationError([`${at}Member must have value less than or equal to ${max}`]);
  return n;
}

