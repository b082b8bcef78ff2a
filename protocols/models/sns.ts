import * as sdk from '@aws-sdk/client-sns';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type PathSeg, type ServiceModel } from '../service-model.js';
import { coralMemberPath, coralMissingMessage } from './coral.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/** SNS reports a missing nested member the coral way (see coral.ts). */
export const snsMemberPath = coralMemberPath;

export function snsValidationError(path: PathSeg[]): AwsError {
  return new AwsError({
    name: 'ValidationError',
    status: 400,
    message: coralMissingMessage(path),
  });
}

/** Required top-level members that are lists or maps (any first-letter case, SetSMSAttributes has `attributes`): AWS reports those as ValidationError. */
const COLLECTION_MEMBERS = new Set(['Attributes', 'Tags', 'TagKeys', 'PublishBatchRequestEntries', 'AWSAccountId', 'ActionName']);

/**
 * A missing required member: a top-level scalar is InvalidParameter "Invalid parameter: X Reason:
 * no value for required parameter" (recorded for Unsubscribe); collections and nested members
 * are ValidationError (recorded for 'attributes' and '...messageAttributes.attr1.member.dataType').
 */
export function snsMissing(path: PathSeg[]): AwsError {
  const only = path.length === 1 ? path[0] : undefined;
  if (typeof only === 'string' && !COLLECTION_MEMBERS.has(only.charAt(0).toUpperCase() + only.slice(1)))
    return new AwsError({
      name: 'InvalidParameterException',
      queryCode: 'InvalidParameter',
      status: 400,
      message: `Invalid parameter: ${only} Reason: no value for required parameter`,
    });
  return snsValidationError(path);
}

export const snsModel: ServiceModel = {
  id: 'sns',
  label: 'SNS',
  signingName: 'sns',
  namespace: 'com.amazonaws.sns',
  protocols: ['query'],
  queryVersion: '2010-03-31',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  queryCompatible: false,
  operations,
  errors,
  validation: {
    missing: (_member, path) => snsMissing(path),
    invalidValue: (_member, _value, path) =>
      new AwsError({ name: 'InvalidParameterException', queryCode: 'InvalidParameter', status: 400, message: `Invalid parameter: ${String(path[path.length - 1] ?? '')}` }),
  },
};
