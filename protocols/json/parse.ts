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
  return readStructure(model, shape, value as Record<string, unknown>, undefined);
}

// The path to a member (for error messages) is kept as a parent-linked list and turned into
// text only when there is an error: the success path allocates nothing for it.

/** `Entries.1.MessageBody`: members, 1-based list indexes and map keys joined by dots. */
function wirePath(at: PathNode): string {
  return pathSegments(at)
    .map((s) => (typeof s === 'object' ? s.key : String(s)))
    .join('.');
}

function readStructure(model: ServiceModel, shape: StructureShape, obj: Record<string, unknown>, at: PathNode | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const v = obj[member.name];
    if (v === undefined || v === null) continue;
    out[member.name] = readValue(model, member.shape, v, at, member.name);
  }
  for (const name of shape.required) {
    if (out[name] === undefined) {
      const node = { seg: name, parent: at };
      throw model.validation.missing(wirePath(node), pathSegments(node));
    }
  }
  return out;
}

function invalid(model: ServiceModel, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): Error {
  const node = { seg, parent };
  return model.validation.invalidValue(wirePath(node), typeof v === 'object' ? JSON.stringify(v) : String(v), pathSegments(node));
}

function readValue(model: ServiceModel, shape: Shape, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): unknown {
  switch (shape.kind) {
    case 'structure':
      if (typeof v !== 'object' || Array.isArray(v)) throw invalid(model, v, parent, seg);
      return readStructure(model, shape, v as Record<string, unknown>, { seg, parent });
    case 'list': {
      if (!Array.isArray(v)) throw invalid(model, v, parent, seg);
      const node = { seg, parent };
      const items = v as unknown[];
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = readValue(model, shape.member, items[i], node, i + 1);
      return out;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) throw invalid(model, v, parent, seg);
      const node = { seg, parent };
      const out: Record<string, unknown> = {};
      for (const k in v as Record<string, unknown>) {
        const item = (v as Record<string, unknown>)[k];
        if (item === null || item === undefined) continue;
        out[k] = readValue(model, shape.value, item, node, { key: k });
      }
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw invalid(model, v, parent, seg);
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(model, v, parent, seg);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw invalid(model, v, parent, seg);
      return v;
    case 'blob':
      if (typeof v !== 'string') throw invalid(model, v, parent, seg);
      return Buffer.from(v as string, 'base64');
    case 'timestamp':
      if (typeof v === 'number') return new Date(v * 1000);
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
      throw invalid(model, v, parent, seg);
    default:
      return v;
  }
}
