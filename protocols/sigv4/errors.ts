/**
 * A failed signature check as the AWS error each served service answers with. Two families:
 *
 * | failure      | query services (SQS, both protocols; SNS) | coral JSON services (Step Functions, EventBridge) |
 * |--------------|-------------------------------------------|---------------------------------------------------|
 * | missing      | MissingAuthenticationToken 403            | MissingAuthenticationTokenException 400           |
 * | incomplete   | IncompleteSignature 400                   | IncompleteSignatureException 400                  |
 * | unknown key  | InvalidClientTokenId 403                  | UnrecognizedClientException 400                   |
 * | signature    | SignatureDoesNotMatch 403                 | InvalidSignatureException 400                     |
 *
 * Sources. Query family: SQS query `InvalidClientTokenId` 403 "The security token included in
 * the request is invalid." (AWS response quoted in ex-aws/ex_aws#220), the same code and status
 * from SQS over JSON (aws-sdk-go-v2 log in argoproj/notifications-engine#382); SQS
 * `SignatureDoesNotMatch` 403 "Signature expired: … (… - 15 min.)" (aws/aws-sdk-php#642, SNS in
 * aws/aws-sdk-js#265); codes and statuses of MissingAuthenticationToken (403) and
 * IncompleteSignature (400) from AWS's "Common Errors" pages. Coral JSON family: the codes,
 * messages and 400s DynamoDB answers (dynalite's index.js, recorded against AWS), Kinesis
 * `InvalidSignatureException` 400 (aws-amplify/aws-sdk-android#88), Cognito
 * `UnrecognizedClientException` 400 (aws/aws-sdk-php#2444). Not recorded from Step Functions or
 * EventBridge themselves: unverified for those two.
 */
import { AwsError } from '../errors.js';
import type { ProtocolName, ServiceModel } from '../service-model.js';
import type { AuthFailure, AuthFailureKind } from './verify.js';

const QUERY_FAMILY: Record<AuthFailureKind, { name: string; status: number }> = {
  missing: { name: 'MissingAuthenticationToken', status: 403 },
  incomplete: { name: 'IncompleteSignature', status: 400 },
  unknownKey: { name: 'InvalidClientTokenId', status: 403 },
  signature: { name: 'SignatureDoesNotMatch', status: 403 },
};

const JSON_FAMILY: Record<AuthFailureKind, { name: string; status: number }> = {
  missing: { name: 'MissingAuthenticationTokenException', status: 400 },
  incomplete: { name: 'IncompleteSignatureException', status: 400 },
  unknownKey: { name: 'UnrecognizedClientException', status: 400 },
  signature: { name: 'InvalidSignatureException', status: 400 },
};

/** Query services and query-compatible JSON (SQS) answer with the query family's codes. */
function isQueryFamily(model: ServiceModel, protocol: ProtocolName): boolean {
  return protocol === 'query' || model.queryCompatible;
}

/**
 * How far a signing date may be from the server's clock. SQS and SNS: 15 minutes (the
 * "- 15 min." in their recorded messages; the future side is unverified). Step Functions and
 * EventBridge: 5 minutes (unverified; Kinesis says "+ 5 min." for the future side).
 */
export function signatureSkewMs(model: ServiceModel, protocol: ProtocolName): number {
  return (isQueryFamily(model, protocol) ? 15 : 5) * 60_000;
}

export function authError(model: ServiceModel, protocol: ProtocolName, failure: AuthFailure): AwsError {
  const { name, status } = (isQueryFamily(model, protocol) ? QUERY_FAMILY : JSON_FAMILY)[failure.kind];
  return new AwsError({ name, status, message: failure.message, fault: 'Sender', namespace: 'com.amazon.coral.service' });
}
