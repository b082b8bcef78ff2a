/**
 * AWS errors of the SNS mobile operations (codes and statuses from the SDK model) and the
 * mapping from the mobile store's domain errors. Texts marked (recorded) come from AWS
 * responses recorded by LocalStack's test_sns.snapshot.json or from AWS error reports; the
 * others are Signalbox's wording for cases nobody has recorded.
 */
import type { AwsError } from '../../../../protocols/index.js';
import * as E from '../../../engines/topic/mobile/errors.js';
import { snsCommonError, snsError } from '../errors.js';

export { snsError };

/** `InvalidParameter` 400 with AWS's "Invalid parameter: " prefix. */
export const invalidParameter = (what: string): AwsError => snsError('InvalidParameterException', `Invalid parameter: ${what}`);

/** `InvalidParameter` 400 whose text AWS does not prefix ("DefaultSMSType is invalid"). */
export const invalidParameterRaw = (message: string): AwsError => snsError('InvalidParameterException', message);

/** (recorded) */
export const applicationNotFound = (): AwsError => snsError('NotFoundException', 'PlatformApplication does not exist');
/** (recorded) */
export const endpointNotFound = (): AwsError => snsError('NotFoundException', 'Endpoint does not exist');

/**
 * The coral validation error SNS answers for constraint violations, e.g. "1 validation error
 * detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value
 * greater than or equal to 1" (code `ValidationError`, 400, as recorded for null members).
 */
export function validationError(violations: string[]): AwsError {
  const n = violations.length;
  return snsCommonError('ValidationError', 400, `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

/** "Value null at 'attributes' failed to satisfy constraint: Member must not be null" (recorded). */
export const attributesNull = (): AwsError => validationError(["Value null at 'attributes' failed to satisfy constraint: Member must not be null"]);

/**
 * A store error as the mobile management operations (CreatePlatformEndpoint, the SMS sandbox,
 * ...) report it; anything else is returned unchanged.
 */
export function mapStoreError(e: unknown): unknown {
  if (!(e instanceof E.MobileStoreError)) return e;
  if (e instanceof E.PlatformApplicationNotFound) return applicationNotFound();
  if (e instanceof E.EndpointNotFound) return endpointNotFound();
  if (e instanceof E.EndpointTokenConflict)
    // (recorded)
    return invalidParameter(`Token Reason: Endpoint ${e.existingArn} already exists with the same Token, but different attributes.`);
  if (e instanceof E.PhoneNumberOptedOut) return snsError('OptedOutException', `Phone number ${e.phoneNumber} has opted out of receiving SMS messages.`);
  if (e instanceof E.SandboxNumberNotFound) return snsError('ResourceNotFoundException', `Phone number ${e.phoneNumber} is not in the SMS sandbox.`);
  if (e instanceof E.SandboxNumberLimit)
    return snsError('UserErrorException', `You can have at most ${e.limit} destination phone numbers in the SMS sandbox.`);
  if (e instanceof E.SandboxOtpMismatch) return snsError('VerificationException', 'Invalid one-time password.');
  if (e instanceof E.SandboxDeleteTooSoon)
    return snsError(
      'UserErrorException',
      `You can delete ${e.phoneNumber} from the SMS sandbox only 24 hours after its verification or last verification attempt (from ${new Date(e.allowedAt).toISOString()}).`,
    );
  return mapMobileError(e);
}

/**
 * A store error raised by `sendSms` / `publishToEndpoint` as Publish reports it
 * (PhoneNumber / TargetArn); anything else is returned unchanged.
 */
export function mapMobileError(e: unknown): unknown {
  if (!(e instanceof E.MobileStoreError)) return e;
  // (recorded) test_publish_wrong_phone_format
  if (e instanceof E.InvalidPhoneNumber) return invalidParameter(`PhoneNumber Reason: ${e.phoneNumber} is not valid to publish to`);
  // (recorded) test_publish_non_existent_target
  if (e instanceof E.EndpointNotFound) return invalidParameter('TargetArn Reason: No endpoint found for the target arn specified');
  // (recorded) LocalStack test_publish_disabled_endpoint asserts AWS's text
  if (e instanceof E.EndpointDisabled) return snsError('EndpointDisabledException', 'Endpoint is disabled');
  if (e instanceof E.PlatformApplicationDisabled) return snsError('PlatformApplicationDisabledException', 'Platform application is disabled');
  // (recorded) aws-sdk-java#1991: AWS's answer to a json message without the platform's key
  if (e instanceof E.MissingPlatformPayload) return invalidParameter(`JSON must contain an entry for 'default' or '${e.platform}'.`);
  if (e instanceof E.PlatformApplicationNotFound) return applicationNotFound();
  return e;
}
