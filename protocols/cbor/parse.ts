/**
 * AWS JSON 1.1 requests sent as CBOR (`application/x-amz-cbor-1.1`, the Java SDKs' default for
 * Kinesis) → plain input objects, by the same rules and errors as the JSON parser: required
 * members, member types, dense lists, user map keys. Bytes are decoded by `@smithy/core/cbor`
 * after `checkCbor` has bounded them; this file only walks the result along the input shape.
 *
 * Wire forms (the Java SDKs' Jackson CBOR generator): member names are text-string map keys
 * (maps and lists often indefinite-length), blobs are byte strings, timestamps are tag 1 around
 * an integer of epoch **milliseconds** (not RFC 8949's seconds: Java v1 `SdkCborGenerator`
 * `writeTag(1); writeNumber(date.getTime())`, v2 `AwsCborProtocolFactory` UNIX_TIMESTAMP_MILLIS).
 *
 * LIMITATIONS: a map key `__proto__` is dropped (the decoder assigns it on a plain object).
 */
import { cbor, tagSymbol } from '@smithy/core/cbor';
import { serializationError, boundedJson } from '../json/parse.js';
import { pathSegments, type PathNode, type ServiceModel } from '../service-model.js';
import type { Shape, StructureShape } from '../shape.js';
import { checkCbor } from './check.js';

export const CBOR_CONTENT_TYPE = 'application/x-amz-cbor-1.1';

/** How a tag-1 (or bare number) timestamp counts: AWS JSON-over-CBOR uses ms, RFC 8949 and Smithy RPC v2 seconds. */
export type TimestampUnit = 'ms' | 's';

export interface CborOptions {
  timestampUnit?: TimestampUnit;
}

interface Tagged {
  tag: number | bigint;
  value: unknown;
}

/** The decoder's form of a tag it does not interpret itself (tag 1 among them). */
function isTagged(v: unknown): v is Tagged {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[tagSymbol] === true;
}

export function parseCborBody(model: ServiceModel, shape: StructureShape, body: Uint8Array, options: CborOptions = {}): Record<string, unknown> {
  if (body.length === 0) return readStructure(new Walk(model, options), shape, {}, undefined);
  checkCbor(body);
  let value: unknown;
  try {
    value = cbor.deserialize(body);
  } catch {
    // checkCbor passed, so only a malformed tag content (a bignum without bytes) gets here.
    throw serializationError('Malformed CBOR body.'); // unverified text
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || isTagged(value)) {
    throw serializationError('Start of structure or map found where not expected.');
  }
  return readStructure(new Walk(model, options), shape, value as Record<string, unknown>, undefined);
}

class Walk {
  readonly msPerUnit: number;
  constructor(
    readonly model: ServiceModel,
    options: CborOptions,
  ) {
    this.msPerUnit = options.timestampUnit === 's' ? 1000 : 1;
  }
}

function wirePath(at: PathNode): string {
  return pathSegments(at)
    .map((s) => (typeof s === 'object' ? s.key : String(s)))
    .join('.');
}

const MAX_VALUE_TEXT = 256;

/** A wrong value as text for a message: byte strings and tags are described, not dumped. */
function valueText(v: unknown): string {
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (isTagged(v)) return `tag ${String(v.tag)}(${valueText(v.value)})`;
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'object' && v !== null) return boundedJson(v, MAX_VALUE_TEXT);
  return String(v).slice(0, MAX_VALUE_TEXT);
}

function invalid(w: Walk, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): Error {
  const node = { seg, parent };
  return w.model.validation.invalidValue(wirePath(node), valueText(v), pathSegments(node));
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isTagged(v);

function readStructure(w: Walk, shape: StructureShape, obj: Record<string, unknown>, at: PathNode | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    if (!Object.hasOwn(obj, member.name)) continue;
    const v = obj[member.name];
    if (v === undefined || v === null) continue;
    out[member.name] = readValue(w, member.shape, v, at, member.name);
  }
  for (const name of shape.required) {
    if (out[name] === undefined) {
      const node = { seg: name, parent: at };
      throw w.model.validation.missing(wirePath(node), pathSegments(node));
    }
  }
  return out;
}

function readValue(w: Walk, shape: Shape, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): unknown {
  switch (shape.kind) {
    case 'structure':
      if (!isMap(v)) throw invalid(w, v, parent, seg);
      return readStructure(w, shape, v, { seg, parent });
    case 'list': {
      if (!Array.isArray(v)) throw invalid(w, v, parent, seg);
      const node = { seg, parent };
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        // unverified text, as the JSON parser's
        if (item === null || item === undefined) throw serializationError(`Null value in a list is not allowed (${wirePath({ seg: i + 1, parent: node })}).`);
        out[i] = readValue(w, shape.member, item, node, i + 1);
      }
      return out;
    }
    case 'map': {
      if (!isMap(v)) throw invalid(w, v, parent, seg);
      const node = { seg, parent };
      const out = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v)) {
        const item = v[k];
        if (item === null || item === undefined) continue;
        out[k] = readValue(w, shape.value, item, node, { key: k });
      }
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw invalid(w, v, parent, seg);
      return v;
    case 'number': {
      // The decoder gives integers beyond 2^53 as bigint; a long that large loses precision as a number.
      const n = typeof v === 'bigint' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw invalid(w, v, parent, seg);
      return n;
    }
    case 'boolean':
      if (typeof v !== 'boolean') throw invalid(w, v, parent, seg);
      return v;
    case 'blob':
      if (!(v instanceof Uint8Array)) throw invalid(w, v, parent, seg);
      // A copy: the decoder's byte strings are views into the request body.
      return Buffer.from(v);
    case 'timestamp': {
      const raw = isTagged(v) && Number(v.tag) === 1 ? v.value : v;
      const n = typeof raw === 'bigint' ? Number(raw) : raw;
      const d = typeof n === 'number' ? new Date(n * w.msPerUnit) : undefined;
      if (d === undefined || Number.isNaN(d.getTime())) throw invalid(w, v, parent, seg);
      return d;
    }
    default:
      return v;
  }
}
