/**
 * SNS's AWS errors: codes and statuses from the SDK model, messages as AWS words them. The name
 * of a modeled error is typed by the model's exception classes (`@aws-sdk/client-sns`), so a
 * name the model does not have is a compile error.
 */
import type * as sdk from '@aws-sdk/client-sns';
import { AwsError, modeledError, snsModel } from '../../../protocols/index.js';
import type { ErrorNames } from '../operation-types.js';

/** The SNS model's error shapes (its exception classes, less the service's base class). */
export type SnsModeledErrorName = Exclude<ErrorNames<typeof sdk, sdk.SNSServiceException>, 'SNSServiceException'>;

/**
 * Names AWS answers that are no shape of the SNS model: the coral `ValidationError` SNS uses for
 * constraint violations (model constraints, null collections). Built with `snsCommonError`.
 */
export type SnsCommonErrorName = 'ValidationError';

/** Every error name an SNS handler may answer. */
export type SnsErrorName = SnsModeledErrorName | SnsCommonErrorName;

export const snsError = (shape: SnsModeledErrorName, message: string): AwsError => modeledError(snsModel, shape, message);

/** An error the model does not describe (status given here, namespace left to the protocol). */
export const snsCommonError = (name: SnsCommonErrorName, status: number, message: string): AwsError => new AwsError({ name, status, message });

/** `InvalidParameter` (400): AWS prefixes every text with "Invalid parameter: ". */
export const invalidParameter = (what: string): AwsError => snsError('InvalidParameterException', `Invalid parameter: ${what}`);
/** `InvalidParameter` whose message AWS does not prefix. */
export const invalidParameterRaw = (message: string): AwsError => snsError('InvalidParameterException', message);
export const parameterValueInvalid = (message: string): AwsError => snsError('InvalidParameterValueException', message);
export const notFound = (message: string): AwsError => snsError('NotFoundException', message);
export const topicNotFound = (): AwsError => notFound('Topic does not exist');
export const subscriptionNotFound = (): AwsError => notFound('Subscription does not exist');

/**
 * A required member, typed `T | undefined` by the SDK (its required members are all optional in
 * TypeScript). The query parser already refuses a request without one with this same error
 * (protocols' snsMissing); this states the rule for the typed value.
 */
export function required<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw invalidParameter(`${member} Reason: no value for required parameter`);
  return value;
}
