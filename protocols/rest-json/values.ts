/**
 * Scalars outside the JSON body (labels, query values, headers) are text. Smithy's defaults per
 * location: timestamps are `date-time` in labels and query strings, `http-date` in headers;
 * a `@timestampFormat` trait overrides both. Header lists are comma-separated (items holding a
 * comma or quote are quoted); a string header with `@mediaType` is base64.
 * @see https://smithy.io/2.0/spec/http-bindings.html#httpheader-trait
 * @see https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait
 */
import type { ScalarShape, Shape, TimestampFormat } from '../shape.js';

export type TextLocation = 'label' | 'query' | 'header';

/** Thrown for a text that does not fit its shape; the caller turns it into the service's error. */
export class BadText extends Error {}

function formatFor(shape: ScalarShape, where: TextLocation | 'body'): Exclude<TimestampFormat, 'default'> {
  const f = shape.timestampFormat ?? 'default';
  if (f !== 'default') return f;
  return where === 'header' ? 'http-date' : where === 'body' ? 'epoch-seconds' : 'date-time';
}

export function parseTimestamp(text: string | number, format: Exclude<TimestampFormat, 'default'>): Date {
  let d: Date;
  if (format === 'epoch-seconds') {
    const n = typeof text === 'number' ? text : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    d = new Date(Math.round(n * 1000));
  } else if (typeof text !== 'string') d = new Date(NaN);
  else if (format === 'date-time') d = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text) ? new Date(text) : new Date(NaN);
  else d = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new BadText(String(text));
  return d;
}

export function timestampText(d: Date, format: Exclude<TimestampFormat, 'default'>): string | number {
  if (format === 'epoch-seconds') return d.getTime() / 1000;
  if (format === 'http-date') return d.toUTCString();
  return d.toISOString();
}

/** The timestamp format a shape uses at a location. */
export function timestampFormat(shape: Shape, where: TextLocation | 'body'): Exclude<TimestampFormat, 'default'> {
  return formatFor(shape as ScalarShape, where);
}

/** One text value (a label, one query value, one header item) → the member's type. */
export function parseScalarText(shape: Shape, text: string, where: TextLocation): unknown {
  switch (shape.kind) {
    case 'string':
      return where === 'header' && shape.mediaType ? Buffer.from(text, 'base64').toString('utf8') : text;
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new BadText(text);
    case 'number': {
      if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
      const n = text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(n)) throw new BadText(text);
      return n;
    }
    case 'timestamp':
      return parseTimestamp(text.trim(), formatFor(shape, where));
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

/** A member's value → text for a header (or a label/query value). */
export function scalarText(shape: Shape, v: unknown, where: TextLocation): string {
  switch (shape.kind) {
    case 'string':
      return where === 'header' && shape.mediaType ? Buffer.from(String(v), 'utf8').toString('base64') : String(v);
    case 'timestamp':
      return String(timestampText(v instanceof Date ? v : new Date(Number(v)), formatFor(shape, where)));
    case 'blob':
      return Buffer.from(v as Uint8Array).toString('base64');
    default:
      return String(v);
  }
}

/**
 * Split a list header: commas separate items, except inside double quotes (`"a,b", c`).
 * Unquoted http-date timestamps contain a comma themselves (`Mon, 01 Jan ...`), so timestamp
 * lists are split after every second comma, as the SDKs write them.
 */
export function splitHeaderList(text: string, itemShape: Shape): string[] {
  if (itemShape.kind === 'timestamp' && formatFor(itemShape, 'header') === 'http-date') {
    const parts = text.split(',');
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push(`${parts[i]!.trim()}, ${(parts[i + 1] ?? '').trim()}`);
    return out;
  }
  const out: string[] = [];
  let cur = '';
  let quoted = false; // inside "..."
  let wasQuoted = false; // the current item was quoted: keep its spaces
  const end = (): void => {
    out.push(wasQuoted ? cur : cur.trim());
    cur = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\' && i + 1 < text.length) cur += text[++i];
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = wasQuoted = true;
      cur = '';
    } else if (c === ',') end();
    else if (!wasQuoted) cur += c; // nothing but spaces may follow a closing quote
  }
  end();
  return out;
}

/** A list header value: items with a comma or a quote are quoted, as the SDKs expect. */
export function joinHeaderList(items: string[], itemShape: Shape): string {
  if (itemShape.kind === 'timestamp') return items.join(', ');
  return items.map((s) => (/[",]/.test(s) ? `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"` : s)).join(', ');
}
