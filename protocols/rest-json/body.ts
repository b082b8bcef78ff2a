/**
 * The JSON half of restJson1: body members by shape, with the differences from AWS JSON 1.x
 * that REST models use: `@jsonName` keys (API Gateway v2's `apiId` for `ApiId`) and
 * `@timestampFormat` (epoch-seconds by default, `date-time` where the model says so).
 * Nesting depth is bounded by the same byte pre-scan as the JSON protocol.
 */
import { boundedJson, checkDepth, serializationError } from '../json/parse.js';
import { pathSegments, type PathNode, type ServiceModel } from '../service-model.js';
import type { Member, Shape, StructureShape } from '../shape.js';
import { BadText, parseTimestamp, timestampFormat, timestampText } from './values.js';

const MAX_VALUE_TEXT = 256;

function wirePath(at: PathNode): string {
  return pathSegments(at)
    .map((s) => (typeof s === 'object' ? s.key : String(s)))
    .join('.');
}

/** Parse a JSON document (a body or a structure payload); empty means `{}`. */
export function parseJsonDocument(body: Buffer | string): unknown {
  checkDepth(body);
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw serializationError('Start of structure or map found where not expected.');
  }
}

export function invalidValue(model: ServiceModel, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): Error {
  const node = { seg, parent };
  const text = typeof v === 'object' && v !== null ? boundedJson(v) : String(v).slice(0, MAX_VALUE_TEXT);
  return model.validation.invalidValue(wirePath(node), text, pathSegments(node));
}

export function missingMember(model: ServiceModel, name: string, parent: PathNode | undefined): Error {
  const node = { seg: name, parent };
  return model.validation.missing(wirePath(node), pathSegments(node));
}

/** Read `members` of a structure from a JSON object (the body's unbound members, or all of a nested one). */
export function readMembers(model: ServiceModel, members: readonly Member[], required: ReadonlySet<string>, obj: Record<string, unknown>, at: PathNode | undefined, out: Record<string, unknown>): void {
  for (const m of members) {
    const v = obj[m.jsonName];
    if (v === undefined || v === null) continue;
    out[m.name] = readJsonValue(model, m.shape, v, at, m.name);
  }
  for (const m of members) if (required.has(m.name) && out[m.name] === undefined) throw missingMember(model, m.name, at);
}

export function readJsonValue(model: ServiceModel, shape: Shape, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): unknown {
  switch (shape.kind) {
    case 'structure': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidValue(model, v, parent, seg);
      const out: Record<string, unknown> = {};
      readMembers(model, shape.members, shape.required, v as Record<string, unknown>, { seg, parent }, out);
      return out;
    }
    case 'list': {
      if (!Array.isArray(v)) throw invalidValue(model, v, parent, seg);
      const node = { seg, parent };
      return v.map((item: unknown, i) => {
        // unverified text: Smithy's servers answer a null list item with a 400 SerializationException (RestJsonBodyMalformedListNullItem)
        if (item === null || item === undefined) throw serializationError(`Null value in a list is not allowed (${wirePath({ seg: i + 1, parent: node })}).`);
        return readJsonValue(model, shape.member, item, node, i + 1);
      });
    }
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidValue(model, v, parent, seg);
      const node = { seg, parent };
      const out = Object.create(null) as Record<string, unknown>; // user keys: `__proto__` is one
      for (const k of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[k];
        if (item !== null && item !== undefined) out[k] = readJsonValue(model, shape.value, item, node, { key: k });
      }
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw invalidValue(model, v, parent, seg);
      return v;
    case 'number':
      // Smithy JSON writes NaN and the infinities as strings.
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      if (typeof v !== 'number') throw invalidValue(model, v, parent, seg);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw invalidValue(model, v, parent, seg);
      return v;
    case 'blob':
      if (typeof v !== 'string') throw invalidValue(model, v, parent, seg);
      return Buffer.from(v, 'base64');
    case 'timestamp':
      try {
        if (typeof v !== 'number' && typeof v !== 'string') throw new BadText('');
        return parseTimestamp(v, timestampFormat(shape, 'body'));
      } catch (e) {
        if (e instanceof BadText) throw invalidValue(model, v, parent, seg);
        throw e;
      }
    default:
      return v; // documents, unit
  }
}

/** A value → its JSON form (blobs base64, timestamps by format, jsonName keys). */
export function writeJsonValue(shape: Shape, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (shape.kind) {
    case 'structure':
      return writeMembers(shape.members, v as Record<string, unknown>);
    case 'list':
      return (v as unknown[]).map((x) => writeJsonValue(shape.member, x));
    case 'map': {
      const out = Object.create(null) as Record<string, unknown>;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const w = writeJsonValue(shape.value, x);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    case 'blob':
      return Buffer.from(v as Uint8Array).toString('base64');
    case 'timestamp':
      return timestampText(v instanceof Date ? v : new Date(Number(v)), timestampFormat(shape, 'body'));
    case 'number':
      return Number.isFinite(v as number) ? v : String(v);
    default:
      return v;
  }
}

export function writeMembers(members: readonly Member[], obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of members) {
    const w = writeJsonValue(m.shape, obj[m.name]);
    if (w !== undefined) out[m.jsonName] = w;
  }
  return out;
}

/** Body members of a structure: those without an HTTP binding. */
export function bodyMembers(shape: StructureShape): Member[] {
  return shape.members.filter((m) => m.http === undefined);
}
