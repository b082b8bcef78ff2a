import * as sdk from '@aws-sdk/client-eventbridge';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type ServiceModel } from '../service-model.js';
import { coralMissingMessage } from './coral.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/** EventBridge's unmodeled `ValidationException` (400), e.g. for missing members and limits. */
export function eventsValidationException(message: string): AwsError {
  return new AwsError({ name: 'ValidationException', status: 400, message });
}

export const eventsModel: ServiceModel = {
  id: 'events',
  label: 'EventBridge',
  signingName: 'events',
  namespace: 'com.amazonaws.eventbridge',
  protocols: ['json'],
  targetPrefix: 'AWSEvents',
  jsonVersion: '1.1',
  queryCompatible: false,
  operations,
  errors,
  validation: {
    missing: (_member, path) => eventsValidationException(coralMissingMessage(path)),
    invalidValue: (member) => new AwsError({ name: 'SerializationException', status: 400, message: `Unexpected value for ${member}` }),
  },
};
