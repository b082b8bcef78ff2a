/**
 * A structure's members grouped by where restJson1 puts them, computed once per shape: the
 * parser and serializer then loop over short arrays instead of testing every member's traits.
 */
import type { Member, StructureShape } from '../shape.js';

export interface Bindings {
  labels: Member[];
  query: Member[];
  queryParams: Member | undefined;
  headers: Member[];
  prefixHeaders: Member[];
  payload: Member | undefined;
  responseCode: Member | undefined;
  /** Members in the JSON body (none when a payload member takes the whole body). */
  body: Member[];
  /** Query keys some `@httpQuery` member owns (not part of `@httpQueryParams`). */
  queryNames: Set<string>;
}

const cache = new WeakMap<StructureShape, Bindings>();

export function bindingsOf(shape: StructureShape): Bindings {
  let b = cache.get(shape);
  if (b) return b;
  b = { labels: [], query: [], queryParams: undefined, headers: [], prefixHeaders: [], payload: undefined, responseCode: undefined, body: [], queryNames: new Set() };
  for (const m of shape.members) {
    const h = m.http;
    if (!h) b.body.push(m);
    else if (h.location === 'label') b.labels.push(m);
    else if (h.location === 'query') {
      b.query.push(m);
      b.queryNames.add(h.name);
    } else if (h.location === 'queryParams') b.queryParams = m;
    else if (h.location === 'header') b.headers.push(m);
    else if (h.location === 'prefixHeaders') b.prefixHeaders.push(m);
    else if (h.location === 'payload') b.payload = m;
    else b.responseCode = m;
  }
  // Smithy: with an @httpPayload member no other member may be in the body.
  if (b.payload) b.body = [];
  cache.set(shape, b);
  return b;
}
