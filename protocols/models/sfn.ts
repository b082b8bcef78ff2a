import * as sdk from '@aws-sdk/client-sfn';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type ServiceModel } from '../service-model.js';
import { coralMissingMessage } from './coral.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/** Step Functions' unmodeled-by-text `ValidationException` (400), coral wording. */
export function sfnValidationException(message: string): AwsError {
  return new AwsError({ name: 'ValidationException', status: 400, message, namespace: 'com.amazonaws.sfn' });
}

export const sfnModel: ServiceModel = {
  id: 'states',
  label: 'Step Functions',
  signingName: 'states',
  namespace: 'com.amazonaws.sfn',
  protocols: ['json'],
  targetPrefix: 'AWSStepFunctions',
  jsonVersion: '1.0',
  queryCompatible: false,
  operations,
  errors,
  validation: {
    missing: (_member, path) => sfnValidationException(coralMissingMessage(path)),
    invalidValue: (member) => new AwsError({ name: 'SerializationException', status: 400, message: `Unexpected value for ${member}` }),
  },
};
