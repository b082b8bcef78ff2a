/**
 * A Lambda ServiceModel for protocol tests only: the event-stream writer needs the operation
 * schemas; the restJson1 model proper belongs to the REST-JSON protocol work.
 */
import * as sdk from '@aws-sdk/client-lambda';
import { AwsError } from '../../protocols/errors.js';
import { readSdkSchemas, type ServiceModel } from '../../protocols/service-model.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

export const lambdaModel: ServiceModel = {
  id: 'lambda',
  label: 'Lambda',
  signingName: 'lambda',
  namespace: 'com.amazonaws.lambda',
  protocols: [],
  queryCompatible: false,
  operations,
  errors,
  validation: {
    missing: (member) => new AwsError({ name: 'ValidationException', status: 400, message: `missing ${member}` }),
    invalidValue: (member) => new AwsError({ name: 'ValidationException', status: 400, message: `invalid ${member}` }),
  },
};
