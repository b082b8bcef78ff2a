/**
 * restJson1 requests → the operation's typed input: labels from the matched path, `@httpQuery`
 * and `@httpQueryParams` from the query string, `@httpHeader` / `@httpPrefixHeaders` from the
 * headers, an `@httpPayload` member from the raw body (structure or document as JSON, blob as
 * bytes, string as UTF-8 text), the other members from the JSON body. Bad values and missing
 * required members raise the service's validation errors (model.validation), as in AWS JSON.
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import type { RawRequest } from '../detect.js';
import { serializationError } from '../json/parse.js';
import type { CompiledOperation } from '../operations.js';
import type { ServiceModel } from '../service-model.js';
import type { Member, Shape } from '../shape.js';
import { bindingsOf } from './bindings.js';
import { invalidValue, missingMember, parseJsonDocument, readJsonValue, readMembers } from './body.js';
import type { RouteMatch } from './router.js';
import { BadText, parseScalarText, splitHeaderList, type TextLocation } from './values.js';

function fromText(model: ServiceModel, m: Member, shape: Shape, text: string, where: TextLocation): unknown {
  try {
    return parseScalarText(shape, text, where);
  } catch (e) {
    if (e instanceof BadText) throw invalidValue(model, text, undefined, m.name);
    throw e;
  }
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

export function parseRestJsonRequest(model: ServiceModel, op: CompiledOperation, match: RouteMatch, req: RawRequest, query: URLSearchParams): Record<string, unknown> {
  const b = bindingsOf(op.input);
  const out: Record<string, unknown> = {};

  for (const m of b.labels) {
    const text = match.labels[m.name];
    if (text !== undefined) out[m.name] = fromText(model, m, m.shape, text, 'label');
  }

  for (const m of b.query) {
    const values = query.getAll((m.http as { name: string }).name);
    if (!values.length) continue;
    out[m.name] = m.shape.kind === 'list' ? values.map((v) => fromText(model, m, (m.shape as { member: Shape }).member, v, 'query')) : fromText(model, m, m.shape, values[0]!, 'query');
  }

  if (b.queryParams && b.queryParams.shape.kind === 'map') {
    const value = b.queryParams.shape.value;
    const map = Object.create(null) as Record<string, unknown>;
    for (const k of new Set(query.keys())) {
      if (b.queryNames.has(k)) continue; // @httpQuery members take precedence
      const all = query.getAll(k);
      map[k] = value.kind === 'list' ? all : all[0];
    }
    if (Object.keys(map).length) out[b.queryParams.name] = map;
  }

  for (const m of b.headers) {
    const text = headerText(req.headers[(m.http as { name: string }).name]);
    if (text === undefined) continue;
    if (m.shape.kind === 'list') {
      const item = m.shape.member;
      out[m.name] = text.trim() === '' ? [] : splitHeaderList(text, item).map((t) => fromText(model, m, item, t, 'header'));
    } else out[m.name] = fromText(model, m, m.shape, m.shape.kind === 'string' ? text : text.trim(), 'header');
  }

  for (const m of b.prefixHeaders) {
    const prefix = (m.http as { prefix: string }).prefix;
    const map = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix) && v !== undefined) map[k.slice(prefix.length)] = headerText(v);
    if (Object.keys(map).length) out[m.name] = map;
  }

  if (b.payload) {
    const v = readPayload(model, b.payload, req.body);
    if (v !== undefined) out[b.payload.name] = v;
  } else if (b.body.length) {
    const doc = parseJsonDocument(req.body);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw serializationError('Start of structure or map found where not expected.');
    readMembers(model, b.body, new Set(), doc as Record<string, unknown>, undefined, out);
  }

  for (const name of op.input.required) if (out[name] === undefined) throw missingMember(model, name, undefined);
  return out;
}

function readPayload(model: ServiceModel, m: Member, body: Buffer): unknown {
  switch (m.shape.kind) {
    case 'blob':
      // An empty body is an unset payload (the SDKs send none for an unset blob).
      return body.length ? body : undefined;
    case 'string':
      return body.length ? body.toString('utf8') : undefined;
    case 'structure': {
      if (!body.length) return undefined; // no body: the payload is unset (`{}` is an empty one)
      const doc = parseJsonDocument(body);
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw serializationError('Start of structure or map found where not expected.');
      return readJsonValue(model, m.shape, doc, undefined, m.name);
    }
    default:
      return body.length ? readJsonValue(model, m.shape, parseJsonDocument(body), undefined, m.name) : undefined;
  }
}
