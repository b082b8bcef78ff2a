import * as sdk from '@aws-sdk/client-sqs';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type ServiceModel } from '../service-model.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/** Errors SQS sends that are not in its model (recorded from AWS, see research/sqs.md §3). */
export function sqsInvalidParameterValue(message: string): AwsError {
  return new AwsError({
    name: 'InvalidParameterValueException',
    queryCode: 'InvalidParameterValue',
    status: 400,
    message,
    namespace: 'com.amazon.coral.service',
  });
}

export function sqsMissingParameter(member: string): AwsError {
  return new AwsError({
    name: 'MissingRequiredParameterException',
    queryCode: 'MissingParameter',
    status: 400,
    message: `The request must contain the parameter ${member}.`,
    namespace: 'com.amazon.coral.service',
  });
}

export const sqsModel: ServiceModel = {
  id: 'sqs',
  label: 'SQS',
  signingName: 'sqs',
  namespace: 'com.amazonaws.sqs',
  protocols: ['json', 'query'],
  targetPrefix: 'AmazonSQS',
  jsonVersion: '1.0',
  queryVersion: '2012-11-05',
  xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
  queryCompatible: true,
  operations,
  errors,
  validation: {
    missing: sqsMissingParameter,
    invalidValue: (member, value) =>
      sqsInvalidParameterValue(`Value ${value} for parameter ${member} is invalid. Reason: Must be of the expected type.`),
  },
};
