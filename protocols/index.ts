/**
 * The protocol layer's surface: detect a request, parse its input by schema, serialize an
 * output or an error. Imports nothing from src/ (design layer rule).
 */
import { AwsError } from './errors.js';
import { compiledOperation } from './operations.js';
import { parseJsonBody } from './json/parse.js';
import { parseCborBody } from './cbor/parse.js';
import { serializeJsonError, serializeJsonOutput, type WireResponse } from './json/serialize.js';
import { parseQueryParams } from './query/parse.js';
import { serializeQueryError, serializeQueryOutput } from './query/serialize.js';
import type { Detected, RawRequest } from './detect.js';
import { parseRestJsonInput, serializeRestJsonError, serializeRestJsonResponse, type RestWireResponse } from './rest-json/index.js';
import type { ProtocolName, ServiceModel } from './service-model.js';

export { AwsError, isAwsError, internalFailure } from './errors.js';
export type { AwsErrorInit, Fault } from './errors.js';
export { detect, credentialScope } from './detect.js';
export type { Detected, RawRequest, CredentialScope } from './detect.js';
export { modeledError } from './service-model.js';
export type { ServiceModel, ProtocolName, ModeledError } from './service-model.js';
export type { WireResponse } from './json/serialize.js';
export { sqsModel, sqsInvalidParameterValue, sqsMissingParameter } from './models/sqs.js';
export { snsModel, snsValidationError, snsMemberPath } from './models/sns.js';
export { eventsModel, eventsValidationException } from './models/events.js';
export { sfnModel, sfnValidationException } from './models/sfn.js';
export { parseCborBody, CBOR_CONTENT_TYPE } from './cbor/parse.js';
export type { CborOptions, TimestampUnit } from './cbor/parse.js';
export { serializeCborOutput, serializeCborError, cborBytes } from './cbor/serialize.js';
export type { BinaryWireResponse } from './cbor/serialize.js';
export * from './event-stream/index.js';
export { coralMemberPath, coralMissingMessage } from './models/coral.js';
// Lambda is detected, parsed and serialized but not served yet: its model (protocols/models/lambda.ts)
// is not re-exported here, so loading the protocols does not load @aws-sdk/client-lambda.
export { routeRequest, routerFor, RestRouter, serializeRestJsonError, serializeRestJsonResponse } from './rest-json/index.js';
export type { RestWireResponse, Route, RouteMatch } from './rest-json/index.js';
export { pathSegments } from './service-model.js';
export type { PathSeg } from './service-model.js';

export function unknownOperation(d: Detected): AwsError {
  if (d.protocol === 'query') {
    return d.operation
      ? new AwsError({ name: 'InvalidAction', status: 400, message: `The action ${d.operation} is not valid for this web service.` })
      : new AwsError({ name: 'MissingAction', status: 400, message: 'The request must contain the parameter Action.' });
  }
  if (d.protocol === 'restJson1') {
    // unverified text: what AWS answers for a path no REST operation has is not recorded
    return new AwsError({ name: 'UnknownOperationException', status: 404, message: 'Unknown operation', namespace: 'com.amazon.coral.service' });
  }
  return new AwsError({
    name: 'UnknownOperationException',
    status: 400,
    message: `Unknown operation ${d.operation}.`,
    namespace: 'com.amazon.coral.service',
  });
}

/** Parse the operation's input; throws AwsError for unknown operations and bad input. */
export function parseInput(d: Detected, req: RawRequest): Record<string, unknown> {
  const op = compiledOperation(d.model, d.operation);
  if (!op) throw unknownOperation(d);
  if (d.protocol === 'json') return parseJsonBody(d.model, op.input, req.body);
  if (d.protocol === 'cbor') return parseCborBody(d.model, op.input, req.body);
  if (d.protocol === 'restJson1') {
    if (!d.rest) throw unknownOperation(d);
    return parseRestJsonInput(d.model, d.rest, req);
  }
  return parseQueryParams(d.model, op.input, d.params ?? new URLSearchParams());
}

/**
 * RPC outputs are text. A restJson1 output may be raw bytes (Invoke's payload): use
 * serializeRestOutput for those services.
 */
export function serializeOutput(d: Detected, output: unknown, requestId: string): WireResponse {
  const op = compiledOperation(d.model, d.operation);
  if (!op) throw new Error(`no operation ${d.operation}`);
  if (d.protocol === 'cbor') throw new Error('CBOR bodies are binary: use serializeCborOutput');
  if (d.protocol === 'restJson1') throw new Error(`${d.model.id} speaks restJson1: serialize with serializeRestOutput`);
  return d.protocol === 'json'
    ? serializeJsonOutput(d.model, op.output, output)
    : serializeQueryOutput(d.model, d.operation, op.output, output, requestId);
}

/** Any protocol's output as bytes-capable response (restJson1 payloads may be binary). */
export function serializeRestOutput(d: Detected, output: unknown): RestWireResponse {
  if (d.protocol !== 'restJson1') throw new Error(`${d.model.id} does not speak restJson1`);
  return serializeRestJsonResponse(d.model, d.operation, output);
}

export function serializeError(model: ServiceModel, protocol: ProtocolName, err: AwsError, requestId: string): WireResponse {
  if (protocol === 'cbor') throw new Error('CBOR bodies are binary: use serializeCborError');
  if (protocol === 'restJson1') return serializeRestJsonError(model, err);
  return protocol === 'json' ? serializeJsonError(model, err) : serializeQueryError(model, err, requestId);
}
