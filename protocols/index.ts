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
export { pathSegments } from './service-model.js';
export type { PathSeg } from './service-model.js';

export function unknownOperation(d: Detected): AwsError {
  if (d.protocol === 'query') {
    return d.operation
      ? new AwsError({ name: 'InvalidAction', status: 400, message: `The action ${d.operation} is not valid for this web service.` })
      : new AwsError({ name: 'MissingAction', status: 400, message: 'The request must contain the parameter Action.' });
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
  return parseQueryParams(d.model, op.input, d.params ?? new URLSearchParams());
}

export function serializeOutput(d: Detected, output: unknown, requestId: string): WireResponse {
  const op = compiledOperation(d.model, d.operation);
  if (!op) throw new Error(`no operation ${d.operation}`);
  if (d.protocol === 'cbor') throw new Error('CBOR bodies are binary: use serializeCborOutput');
  return d.protocol === 'json'
    ? serializeJsonOutput(d.model, op.output, output)
    : serializeQueryOutput(d.model, d.operation, op.output, output, requestId);
}

export function serializeError(model: ServiceModel, protocol: ProtocolName, err: AwsError, requestId: string): WireResponse {
  if (protocol === 'cbor') throw new Error('CBOR bodies are binary: use serializeCborError');
  return protocol === 'json' ? serializeJsonError(model, err) : serializeQueryError(model, err, requestId);
}
