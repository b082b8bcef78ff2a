/**
 * Plain output objects → AWS JSON 1.0/1.1 bodies. Outputs without blobs or timestamps are
 * `JSON.stringify`d as they are (undefined members vanish); the rest are walked once.
 */
import type { AwsError } from '../errors.js';
import type { ServiceModel } from '../service-model.js';
import type { Shape, StructureShape } from '../shape.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonContentType(model: ServiceModel): string {
  return `application/x-amz-json-${model.jsonVersion ?? '1.0'}`;
}

export function serializeJsonOutput(model: ServiceModel, shape: StructureShape, output: unknown): WireResponse {
  const value = output ?? {};
  const walked = shape.needsJsonWalk ? writeValue(shape, value) : value;
  let body = JSON.stringify(walked);
  // JSON.stringify writes NaN and ±Infinity as null, which the SDKs read as an absent member;
  // AWS JSON writes them as the strings "NaN", "Infinity" and "-Infinity". Only a body with a
  // null in it can hold one, so only such a body is written again, converting them.
  if (body.includes('null')) body = JSON.stringify(walked, nonFiniteAsString);
  return { status: 200, headers: { 'content-type': jsonContentType(model) }, body };
}

function nonFiniteAsString(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

function writeValue(shape: Shape, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (!shape.needsJsonWalk) return v;
  switch (shape.kind) {
    case 'structure': {
      const obj = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        const x = obj[m.name];
        if (x !== undefined && x !== null) out[m.name] = writeValue(m.shape, x);
      }
      return out;
    }
    case 'list':
      return (v as unknown[]).map((x) => writeValue(shape.member, x));
    case 'map': {
      const out = Object.create(null) as Record<string, unknown>; // user keys: `__proto__` is one
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = writeValue(shape.value, x);
      return out;
    }
    case 'blob':
      return Buffer.from(v as Uint8Array).toString('base64');
    case 'timestamp':
      return (v instanceof Date ? v.getTime() : Number(v)) / 1000;
    default:
      return v;
  }
}

/** `{"__type": "<namespace>#<Name>", "message": ...}` plus `x-amzn-query-error` for query-compatible services. */
export function serializeJsonError(model: ServiceModel, err: AwsError): WireResponse {
  const headers: Record<string, string> = { 'content-type': jsonContentType(model) };
  if (model.queryCompatible) headers['x-amzn-query-error'] = `${err.queryCode};${err.fault}`;
  // JSON 1.1 services (EventBridge) send the bare shape name; 1.0 sends namespace#Name.
  const type = model.jsonVersion === '1.1' ? err.code : `${err.namespace ?? model.namespace}#${err.code}`;
  const body: Record<string, string> = { __type: type };
  if (err.hasMessage) body.message = err.message;
  return { status: err.status, headers, body: JSON.stringify(body) };
}
