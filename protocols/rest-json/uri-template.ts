/**
 * Smithy `@http` URI templates (`/2015-03-31/functions/{FunctionName}/invocations`,
 * `/2018-10-31/layers?find=LayerVersion`), split once into path segments and literal query parts.
 * @see https://smithy.io/2.0/spec/http-bindings.html#http-trait
 */

export type TemplateSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'label'; name: string }
  /** `{Name+}`: one or more whole segments, `/` kept. */
  | { kind: 'greedy'; name: string };

export interface UriTemplate {
  segments: TemplateSegment[];
  /** `?List=ALL` → [['List', 'ALL']]; `?versions` → [['versions', undefined]] (present, any value). */
  query: Array<[string, string | undefined]>;
}

export function parseUriTemplate(uri: string): UriTemplate {
  const q = uri.indexOf('?');
  const path = q < 0 ? uri : uri.slice(0, q);
  const queryText = q < 0 ? '' : uri.slice(q + 1);
  const segments: TemplateSegment[] = [];
  // A trailing `/` (some models write `/2015-03-31/functions/`) does not make a segment.
  for (const part of path.split('/').filter((p, i, all) => p !== '' || (i > 0 && i < all.length - 1))) {
    const m = /^\{([^}+]+)(\+?)\}$/.exec(part);
    if (!m) segments.push({ kind: 'literal', text: part });
    else segments.push(m[2] ? { kind: 'greedy', name: m[1]! } : { kind: 'label', name: m[1]! });
  }
  const query: UriTemplate['query'] = [];
  for (const pair of queryText.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    query.push(eq < 0 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)]);
  }
  return { segments, query };
}
