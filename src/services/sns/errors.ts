/** SNS's AWS errors: codes and statuses from the SDK model, messages as AWS words them. */
import { AwsError, modeledError, snsModel } from '../../../protocols/index.js';

export const snsError = (shape: string, message: string): AwsError => modeledError(snsModel, shape, message);

/** `InvalidParameter` (400): AWS prefixes every text with "Invalid parameter: ". */
export const invalidParameter = (what: string): AwsError => snsError('InvalidParameterException', `Invalid parameter: ${what}`);
/** `InvalidParameter` whose message AWS does not prefix. */
export const invalidParameterRaw = (message: string): AwsError => snsError('InvalidParameterException', message);
export const parameterValueInvalid = (message: string): AwsError => snsError('InvalidParameterValueException', message);
export const notFound = (message: string): AwsError => snsError('NotFoundException', message);
export const topicNotFound = (): AwsError => notFound('Topic does not exist');
export const subscriptionNotFound = (): AwsError => notFound('Subscription does not exist');
