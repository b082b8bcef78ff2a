/**
 * Kinesis Data Streams (AWS JSON 1.1, target prefix `Kinesis_20131202`), also spoken as CBOR by
 * the Java SDKs. The model only: Signalbox does not serve Kinesis yet.
 */
import * as sdk from '@aws-sdk/client-kinesis';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type ServiceModel } from '../service-model.js';
import { coralMissingMessage } from './coral.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/** Kinesis's unmodeled `ValidationException` (400), coral wording. */
export function kinesisValidationException(message: string): AwsError {
  return new AwsError({ name: 'ValidationException', status: 400, message });
}

export const kinesisModel: ServiceModel = {
  id: 'kinesis',
  label: 'Kinesis',
  signingName: 'kinesis',
  namespace: 'com.amazonaws.kinesis',
  protocols: ['json', 'cbor'],
  targetPrefix: 'Kinesis_20131202',
  jsonVersion: '1.1',
  queryCompatible: false,
  operations,
  errors,
  validation: {
    missing: (_member, path) => kinesisValidationException(coralMissingMessage(path)),
    // unverified text: the EventBridge/SFN wording; AWS's Kinesis text for a wrong type is
    // "class java.lang.Boolean can not be converted to an String" style (SerializationException).
    invalidValue: (member) => new AwsError({ name: 'SerializationException', status: 400, message: `Unexpected value for ${member}` }),
  },
};
