import * as sdk from '@aws-sdk/client-sns';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type PathSeg, type ServiceModel } from '../service-model.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/**
 * SNS reports a missing member the coral way, with a lower-camel path where list items and map
 * values add `.member` ("Value null at 'publishBatchRequestEntries.1.member.messageAttributes.attr1.member.dataType'").
 */
export function snsMemberPath(path: PathSeg[]): string {
  return path
    .map((s) => {
      if (typeof s === 'number') return `${s}.member`;
      if (typeof s === 'object') return `${s.key}.member`;
      return s.charAt(0).toLowerCase() + s.slice(1);
    })
    .join('.');
}

export function snsValidationError(path: PathSeg[]): AwsError {
  return new AwsError({
    name: 'ValidationError',
    status: 400,
    message: `1 validation error detected: Value null at '${snsMemberPath(path)}' failed to satisfy constraint: Member must not be null`,
  });
}

export const snsModel: ServiceModel = {
  id: 'sns',
  signingName: 'sns',
  namespace: 'com.amazonaws.sns',
  protocols: ['query'],
  queryVersion: '2010-03-31',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  queryCompatible: false,
  operations,
  errors,
  validation: {
    missing: (_member, path) => snsValidationError(path),
    invalidValue: (_member, _value, path) =>
      new AwsError({ name: 'InvalidParameterException', queryCode: 'InvalidParameter', status: 400, message: `Invalid parameter: ${String(path[path.length - 1] ?? '')}` }),
  },
};
