/**
 * AWS Lambda (restJson1), read from `@aws-sdk/client-lambda`'s schemas: operations with their
 * `@http` routes, modeled errors with their `httpError` statuses and member casing.
 *
 * LIMITATIONS: the model is exported for detection, parsing and serializing only; no Lambda
 * handlers exist yet, so it is not one of the served models. InvokeWithResponseStream's
 * event-stream output is not serialized here (the event-stream encoder owns it).
 */
import * as sdk from '@aws-sdk/client-lambda';
import { AwsError } from '../errors.js';
import { readSdkSchemas, type ServiceModel } from '../service-model.js';
import { coralMissingMessage } from './coral.js';

const { operations, errors, errorSchemas } = readSdkSchemas(sdk as unknown as Record<string, unknown>);

/**
 * Lambda's unmodeled `ValidationException` (400): AWS answers many constraint failures with it
 * ("1 validation error detected: ..."), which the JS SDK raises as a LambdaServiceException
 * named ValidationException. Recorded in LocalStack's AWS snapshots (test_lambda_api).
 */
export function lambdaValidationException(message: string): AwsError {
  return new AwsError({ name: 'ValidationException', status: 400, message, namespace: 'com.amazonaws.lambda' });
}

/** A body or value Lambda cannot read: 400 InvalidRequestContentException (modeled). */
export function lambdaInvalidRequestContent(message: string): AwsError {
  return new AwsError({ name: 'InvalidRequestContentException', status: 400, message, namespace: 'com.amazonaws.lambda' });
}

export const lambdaModel: ServiceModel = {
  id: 'lambda',
  label: 'Lambda',
  signingName: 'lambda',
  namespace: 'com.amazonaws.lambda',
  protocols: ['restJson1'],
  queryCompatible: false,
  operations,
  errors,
  errorSchemas,
  validation: {
    missing: (_member, path) => lambdaValidationException(coralMissingMessage(path)),
    // unverified text: the prefix is AWS's recorded one for a non-JSON Invoke body (test_lambda_invoke_payload_encoding_error)
    invalidValue: (member, value) => lambdaInvalidRequestContent(`Could not parse request body into json: Unexpected value '${value}' for ${member}`),
  },
  // Modeled Lambda errors carry "Type": "User", ServiceException "Service"; the unmodeled
  // ValidationException and RequestEntityTooLargeException were recorded without it.
  restErrorFields: (err) => (errors.has(err.code) ? { Type: err.code === 'ServiceException' ? 'Service' : 'User' } : {}),
};
