/**
 * Plain output objects and errors → CBOR bodies for AWS JSON 1.1 services called with
 * `application/x-amz-cbor-1.1`. The walk makes each value what `@smithy/core/cbor`'s encoder
 * writes as the Java SDKs read it: members as text keys (absent ones left out), blobs as byte
 * strings, timestamps as tag 1 around integer epoch milliseconds (AWS's form: a recorded AWS
 * answer is not tag 1 + float64, see parse.ts), numbers as integers when integral.
 *
 * Errors: `{"__type": "<Name>", "message": "..."}`, the JSON 1.1 envelope CBOR-encoded (a CBOR
 * error recorded from AWS has exactly these keys). Java v2 reads the code from `x-amzn-ErrorType`,
 * else the body's `__type` or `code`, keeping what follows a `#` (`JsonErrorCodeParser`), and the
 * text from `message`, `Message` or `errorMessage` (`SdkJsonErrorMessageParser`), the same code
 * for its CBOR and JSON protocols.
 */
import { cbor, tag } from '@smithy/core/cbor';
import type { AwsError } from '../errors.js';
import type { ServiceModel } from '../service-model.js';
import type { Shape, StructureShape } from '../shape.js';
import { CBOR_CONTENT_TYPE, type CborOptions } from './parse.js';

/** A response with a binary body (WireResponse's body is text). */
export interface BinaryWireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function encode(value: unknown): Buffer {
  const bytes = cbor.serialize(value);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The CBOR bytes of a value of `shape` (also what an event-stream payload holds). */
export function cborBytes(shape: Shape, value: unknown, options: CborOptions = {}): Buffer {
  return encode(writeValue(shape, value ?? {}, options.timestampUnit === 's'));
}

export function serializeCborOutput(_model: ServiceModel, shape: StructureShape, output: unknown, options: CborOptions = {}): BinaryWireResponse {
  return { status: 200, headers: { 'content-type': CBOR_CONTENT_TYPE }, body: cborBytes(shape, output, options) };
}

export function serializeCborError(model: ServiceModel, err: AwsError): BinaryWireResponse {
  const headers: Record<string, string> = { 'content-type': CBOR_CONTENT_TYPE };
  if (model.queryCompatible) headers['x-amzn-query-error'] = `${err.queryCode};${err.fault}`;
  const type = model.jsonVersion === '1.0' ? `${err.namespace ?? model.namespace}#${err.code}` : err.code;
  const body: Record<string, string> = { __type: type };
  if (err.hasMessage) body.message = err.message;
  return { status: err.status, headers, body: encode(body) };
}

function writeValue(shape: Shape, v: unknown, seconds: boolean): unknown {
  switch (shape.kind) {
    case 'structure': {
      const obj = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        const x = obj[m.name];
        if (x !== undefined && x !== null) out[m.name] = writeValue(m.shape, x, seconds);
      }
      return out;
    }
    case 'list':
      return (v as unknown[]).filter((x) => x !== undefined && x !== null).map((x) => writeValue(shape.member, x, seconds));
    case 'map': {
      const out = Object.create(null) as Record<string, unknown>; // user keys: `__proto__` is one
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x !== undefined && x !== null) out[k] = writeValue(shape.value, x, seconds);
      }
      return out;
    }
    case 'blob':
      return typeof v === 'string' ? Buffer.from(v, 'utf8') : (v as Uint8Array);
    case 'timestamp': {
      const ms = v instanceof Date ? v.getTime() : Number(v);
      return tag({ tag: 1, value: seconds ? ms / 1000 : Math.round(ms) });
    }
    case 'document':
      return stripUndefined(v);
    default:
      return v;
  }
}

/** Documents go out as they are, minus undefined members (the encoder refuses undefined). */
function stripUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : stripUndefined(x)));
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = stripUndefined(x);
    return out;
  }
  return v;
}
