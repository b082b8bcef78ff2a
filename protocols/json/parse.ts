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

/**
 * Deepest nesting of arrays and objects a request body may have: the default of Jackson 2.15+
 * (`StreamReadConstraints.DEFAULT_MAX_DEPTH`), assumed to be the JSON reader behind AWS's Java
 * services (not recorded against AWS). No operation's input shape comes anywhere near it; it
 * bounds the parser's recursion and memory.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Reject a body nested deeper than MAX_JSON_DEPTH before JSON.parse builds it: one pass over the
 * bytes, counting `[`/`{` against `]`/`}` outside strings. Allocates nothing; malformed JSON is
 * left for JSON.parse to report.
 */
export function checkDepth(bytes: Buffer | string): void {
  const n = bytes.length;
  const at = typeof bytes === 'string' ? (i: number) => bytes.charCodeAt(i) : (i: number) => bytes[i]!;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (c === 0x22 /* " */) {
      // skip the string, escapes included (a multi-byte UTF-8 character never contains " or \)
      for (i++; i < n; i++) {
        const d = at(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) {
        // unverified text: AWS's wording for a too-deep body is not recorded; Jackson's, shortened
        throw serializationError(`Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH}).`);
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
}

export function parseJsonBody(model: ServiceModel, shape: StructureShape, body: Buffer | string): Record<string, unknown> {
  checkDepth(body);
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

/** Longest text of a wrong value quoted in an error message (the value may be megabytes). */
const MAX_VALUE_TEXT = 256;

/**
 * The JSON text of a value, cut after MAX_VALUE_TEXT characters: written with an explicit stack,
 * so neither a deep nor a huge value costs more than the text it returns.
 */
export function boundedJson(v: unknown, max = MAX_VALUE_TEXT): string {
  // Stack entries: [true, text] is punctuation to write, [false, value] a value to write.
  let out = '';
  const stack: Array<[boolean, unknown]> = [[false, v]];
  while (stack.length && out.length <= max) {
    const [literal, x] = stack.pop()!;
    if (literal) out += x as string;
    else if (Array.isArray(x)) {
      out += '[';
      stack.push([true, ']']);
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push([false, x[i]]);
        if (i > 0) stack.push([true, ',']);
      }
    } else if (x !== null && typeof x === 'object') {
      out += '{';
      stack.push([true, '}']);
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push([false, (x as Record<string, unknown>)[keys[i]!]]);
        stack.push([true, `${JSON.stringify(keys[i])}:`]);
        if (i > 0) stack.push([true, ',']);
      }
    } else out += x === undefined ? 'null' : JSON.stringify(x);
  }
  return out.length > max ? `${out.slice(0, max)}...` : out;
}

function invalid(model: ServiceModel, v: unknown, parent: PathNode | undefined, seg: PathNode['seg']): Error {
  const node = { seg, parent };
  const text = typeof v === 'object' ? boundedJson(v) : String(v).slice(0, MAX_VALUE_TEXT);
  return model.validation.invalidValue(wirePath(node), text, pathSegments(node));
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
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        // Every list of these services is dense: Smithy's servers answer a null item with a 400
        // SerializationException (protocol test RestJsonBodyMalformedListNullItem).
        // unverified text
        if (item === null || item === undefined) throw serializationError(`Null value in a list is not allowed (${wirePath({ seg: i + 1, parent: node })}).`);
        out[i] = readValue(model, shape.member, item, node, i + 1);
      }
      return out;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) throw invalid(model, v, parent, seg);
      const node = { seg, parent };
      // Keys are the user's (attribute names, tag keys): `__proto__` is an ordinary key.
      const out = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v as object)) {
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
    case 'timestamp': {
      // Outside JavaScript's date range (±8.64e15 ms) a Date is invalid: refuse it here rather
      // than fail later when it is written out.
      const d = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
      if (d === undefined || Number.isNaN(d.getTime())) throw invalid(model, v, parent, seg);
      return d;
    }
    default:
      return v;
  }
}
