/**
 * The pieces of AWS Signature Version 4 that both sides compute: the canonical request, the
 * string to sign, the signing key and the signature. Wire-level and pure (no clock, no state).
 *
 * Rules (AWS "Create a canonical request for Signature Version 4"), for services other than S3:
 * - URI: the path as sent (already percent-encoded once), with empty, `.` and `..` segments
 *   normalized away, then each segment URI-encoded again (double encoding).
 * - Query: every `name=value` decoded, then re-encoded with RFC 3986 unreserved characters
 *   only, sorted by name then value; `X-Amz-Signature` left out (presigned form).
 * - Headers: the signed names, lower case, sorted; a header sent several times joins its values
 *   with `,`; each value trimmed with inner runs of whitespace collapsed to one space.
 * - Payload: the hex SHA-256 of the body, or `UNSIGNED-PAYLOAD` where that is allowed.
 */
import { createHash, createHmac } from 'node:crypto';
import type { RawRequest } from '../detect.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** What a signature covers: the request as detected (`rawHeaders` keeps repeated headers apart). */
export type SignableRequest = Pick<RawRequest, 'method' | 'path' | 'query' | 'headers' | 'rawHeaders' | 'body'>;

/** RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - _ . ~`. */
export function uriEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The canonical URI of a non-S3 request: normalized, each segment encoded a second time. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEscape).join('/')}${trailing}`;
}

/** Decoded `name=value` pairs of a raw query string, in order. */
export function queryPairs(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (!query) return pairs;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return pairs;
}

/** The canonical query string; `omit` (compared case-insensitively) is left out. */
export function canonicalQuery(query: string, omit?: string): string {
  const lower = omit?.toLowerCase();
  const encoded: [string, string][] = [];
  for (const [k, v] of queryPairs(query)) {
    if (lower !== undefined && k.toLowerCase() === lower) continue;
    encoded.push([uriEscape(k), uriEscape(v)]);
  }
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Every value sent for each header (lower-case names), in arrival order. */
export function headerValues(req: Pick<SignableRequest, 'headers' | 'rawHeaders'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (req.rawHeaders) {
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      const list = out.get(name);
      if (list) list.push(req.rawHeaders[i + 1]!);
      else out.set(name, [req.rawHeaders[i + 1]!]);
    }
    return out;
  }
  for (const [name, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out.set(name.toLowerCase(), Array.isArray(v) ? v : [v]);
  }
  return out;
}

/** Values trimmed, inner whitespace runs collapsed, joined with `,`. */
export function canonicalHeaderValue(values: readonly string[]): string {
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalParts {
  /** Lower-case signed header names as the request listed them (`a;b;c`). */
  signedHeaders: string;
  /** The payload hash line (hex SHA-256 or UNSIGNED-PAYLOAD). */
  payloadHash: string;
  /** Query parameter to leave out (`X-Amz-Signature` in the presigned form). */
  omitQuery?: string;
}

export function canonicalRequest(req: SignableRequest, parts: CanonicalParts, values = headerValues(req)): string {
  const names = parts.signedHeaders.split(';');
  const headerLines = names.map((n) => `${n}:${canonicalHeaderValue(values.get(n) ?? [])}\n`).join('');
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query, parts.omitQuery),
    headerLines,
    parts.signedHeaders,
    parts.payloadHash,
  ].join('\n');
}

/** `yyyymmdd/region/service/aws4_request` */
export function scopeString(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

export function signature(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` (ISO 8601 basic format, seconds). */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Milliseconds of an `YYYYMMDDTHHMMSSZ` date, or undefined when it is not one. */
export function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return amzDate(ms) === s ? ms : undefined;
}
