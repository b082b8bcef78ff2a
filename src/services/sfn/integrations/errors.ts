/**
 * How Step Functions words a failed service call (research sfn.md §2.10 "error-naming trap").
 *
 * Optimized integrations run on the Java SDK v1: error `SNS.NotFoundException`, cause
 * `Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: …; Proxy: null)`
 * (test_sns_task_service, test_task_service_sqs, test_task_service_sfn recordings).
 *
 * `aws-sdk:*` integrations run on the Java SDK v2: error `Sfn.InvalidTokenException`, cause
 * `Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: …) (SDK Attempt Count: 1)`
 * (test_aws_sdk_task_service recording, 2025; the 2023 DynamoDb recordings lack the attempt count).
 */
import { isAwsError, type ServiceModel } from '../../../../protocols/index.js';
import { SfnDomainError, StatesError } from '../../../engines/statemachine/errors.js';

/** A Java SDK exception class name from a Smithy error shape name (`QueueDoesNotExist` → `QueueDoesNotExistException`). */
export function exceptionClass(shape: string): string {
  return shape.endsWith('Exception') ? shape : `${shape}Exception`;
}

/** The parts of a service error both SDK wordings need. */
interface ServiceFailure {
  code: string;
  queryCode: string;
  status: number;
  message: string;
}

function failureOf(e: unknown): ServiceFailure | undefined {
  if (isAwsError(e)) return { code: e.code, queryCode: e.queryCode, status: e.status, message: e.message };
  if (e instanceof SfnDomainError) return { code: e.code, queryCode: e.code, status: 400, message: e.message };
  return undefined;
}

export interface V1Naming {
  /** Error name prefix: `SQS`, `SNS`, `EventBridge`, `StepFunctions`, `Lambda`. */
  prefix: string;
  /** `Service:` in the cause: `AmazonSQS`, `AmazonSNS`, `AWSStepFunctions`, `AWSLambda`. */
  service: string;
  /** The client's base exception for errors its model does not declare (`AmazonSQSException`). */
  base: string;
  model?: ServiceModel;
}

/** A service error as an optimized integration reports it (Java SDK v1 wording). */
export function v1Error(naming: V1Naming, f: ServiceFailure, requestId: string): StatesError {
  const modeled = naming.model ? naming.model.errors.has(f.code) : true;
  const name = `${naming.prefix}.${modeled ? exceptionClass(f.code) : naming.base}`;
  // Error Code: the code the wire carries (the legacy query code for awsQuery-compatible
  // services). Recorded for SNS (NotFound, InvalidParameter), SQS (MissingParameter) and
  // StepFunctions (StateMachineDoesNotExist). // unverified text for SQS modeled errors
  const cause = `${f.message} (Service: ${naming.service}; Status Code: ${f.status}; Error Code: ${f.queryCode}; Request ID: ${requestId}; Proxy: null)`;
  return new StatesError(name, cause);
}

export interface V2Naming {
  /** The SDK v2 service name: `Sqs`, `Sns`, `EventBridge`, `Sfn`, `Lambda`. */
  service: string;
  model?: ServiceModel;
}

/** A service error as an `aws-sdk:*` integration reports it (Java SDK v2 wording). */
export function v2Error(naming: V2Naming, f: ServiceFailure, requestId: string): StatesError {
  const modeled = naming.model ? naming.model.errors.has(f.code) : true;
  const name = `${naming.service}.${modeled ? exceptionClass(f.code) : `${naming.service}Exception`}`;
  const cause = `${f.message} (Service: ${naming.service}, Status Code: ${f.status}, Request ID: ${requestId}) (SDK Attempt Count: 1)`;
  return new StatesError(name, cause);
}

/**
 * Turn whatever a service call threw into the task failure the engine records: AWS errors in
 * the given wording, StatesErrors as they are, anything else (a Signalbox bug) as
 * `States.Runtime` so the execution fails cleanly instead of crashing the engine.
 */
export function toTaskFailure(e: unknown, word: (f: ServiceFailure) => StatesError): StatesError {
  if (e instanceof StatesError) return e;
  const f = failureOf(e);
  if (f) return word(f);
  const message = e instanceof Error ? e.message : String(e);
  return new StatesError('States.Runtime', `Internal error while calling the service integration: ${message}`); // unverified text
}

export type { ServiceFailure };
