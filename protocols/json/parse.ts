/**
 * AWS JSON 1.0/1.1 request bodies → plain input objects, checked against the operation's
 * input shape: required members, member types; blobs decoded, timestamps to Date.
 */
import { AwsError } from '../errors.js';
import { pathSegments, type PathNode, type ServiceModel } from '../service-model.js';
import type { Shape, StructureShape } from '../shape.js';

export function serializationError(message: string): AwsError {
  return new AwsError({ name: 'SerializationException', status: 400, message, namespace: 'com.amazon.coral.service' });
}

export function parseJsonBody(model: ServiceModel, shape: StructureShape, body: Buffer | string): Record<string, unknown> {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  let value: unknown;
  if (text.trim() === '') value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch {
      throw serializationError('Start of structure or map found where not expected.');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw serializationError('Start of structure or map found where not expected.');
  }
  return readStructure(model, shape, value as Record<string, unknown>, '', undefined);
}

function readStructure(
  model: ServiceModel,
  shape: StructureShape,
  obj: Record<string, unknown>,
  path: string,
  at: PathNode | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const v = obj[member.name];
    if (v === undefined || v === null) continue;
    out[member.name] = readValue(model, member.shape, v, path + member.name, { seg: member.name, parent: at });
  }
  for (const name of shape.required) {
    if (out[name] === undefined) throw model.validation.missing(path + name, pathSegments({ seg: name, parent: at }));
  }
  return out;
}

function readValue(model: ServiceModel, shape: Shape, v: unknown, path: string, at: PathNode): unknown {
  const bad = (): never => {
    throw model.validation.invalidValue(path, typeof v === 'object' ? JSON.stringify(v) : String(v), pathSegments(at));
  };
  switch (shape.kind) {
    case 'structure':
      if (typeof v !== 'object' || Array.isArray(v)) bad();
      return readStructure(model, shape, v as Record<string, unknown>, path + '.', at);
    case 'list':
      if (!Array.isArray(v)) bad();
      return (v as unknown[]).map((item, i) => readValue(model, shape.member, item, `${path}.${i + 1}`, { seg: i + 1, parent: at }));
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) bad();
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (item === null || item === undefined) continue;
        out[k] = readValue(model, shape.value, item, `${path}.${k}`, { seg: { key: k }, parent: at });
      }
      return out;
    }
    case 'string':
      if (typeof v !== 'string') bad();
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) bad();
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') bad();
      return v;
    case 'blob':
      if (typeof v !== 'string') bad();
      return Buffer.from(v as string, 'base64');
    case 'timestamp':
      if (typeof v === 'number') return new Date(v * 1000);
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
      return bad();
    default:
      return v;
  }
}
