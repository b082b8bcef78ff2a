/**
 * Browser requests. Any web page the developer has open can send `GET /?Action=DeleteQueue…` or
 * a `text/plain` POST to 127.0.0.1:4566 without a CORS preflight, so a request a browser marks as
 * cross-origin is refused unless its origin is allowed:
 *
 * - `Origin` present: allowed when it is the server's own origin (same Host) or matches
 *   `corsOrigins`; local dev servers (`http(s)://localhost:<any port>`, `127.0.0.1`, `[::1]`,
 *   `*.localhost`) are allowed by default, `*` allows every origin.
 * - no `Origin` but `Sec-Fetch-Site: cross-site | same-site` (an `<img>`, a link, a no-cors
 *   fetch), or a `Referer` from another origin: judged by the Referer's origin; refused without one.
 *   Developer endpoints' GET/HEAD without Origin pass (reads a page cannot see the answer of).
 *
 * Allowed origins get real CORS: preflights are answered here, actual responses (errors too)
 * carry `Access-Control-Allow-Origin` and the AWS headers SDKs read.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { splitList } from './host-guard.js';

/** Local dev-server origins allowed without configuration. */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [
  'http://localhost:*',
  'https://localhost:*',
  'http://127.0.0.1:*',
  'https://127.0.0.1:*',
  'http://[::1]:*',
  'https://[::1]:*',
  'http://*.localhost:*',
  'https://*.localhost:*',
];

/** Response headers browser code may read: what the AWS SDKs look at. */
export const EXPOSE_HEADERS = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amzn-errormessage',
  'x-amzn-query-error',
  'x-amzn-trace-id',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-apigw-id',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amz-executed-version',
  'x-amz-version-id',
  'etag',
  'date',
  'content-length',
  'content-type',
].join(', ');

/** What the JS SDK sends; used when a preflight does not list its headers. */
const DEFAULT_ALLOW_HEADERS =
  'authorization, content-type, x-amz-target, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, ' +
  'x-amzn-query-mode, x-amzn-trace-id, amz-sdk-invocation-id, amz-sdk-request, x-amz-invocation-type, x-amz-log-type, x-amz-client-context';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';
/** Chrome caps a preflight cache at 2 hours, Firefox at 24. */
const MAX_AGE = '7200';

interface OriginPattern {
  scheme: string;
  /** Exact host, or `.suffix` for `*.suffix`. */
  host: string;
  wildcardHost: boolean;
  /** undefined: any port. */
  port: string | undefined;
}

function parsePattern(entry: string): OriginPattern | undefined {
  const m = /^(https?):\/\/(\*\.)?(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\*|\d+))?\/?$/i.exec(entry.trim());
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const port = m[4] === '*' ? undefined : (m[4] ?? (scheme === 'https' ? '443' : '80'));
  return { scheme, host: m[2] ? `.${m[3]!.toLowerCase()}` : m[3]!.toLowerCase(), wildcardHost: Boolean(m[2]), port };
}

interface ParsedOrigin {
  scheme: string;
  host: string;
  port: string;
}

function parseOrigin(origin: string): ParsedOrigin | undefined {
  const m = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d+))?$/i.exec(origin);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  const port = m[3] ?? (scheme === 'https' ? '443' : '80');
  return { scheme, host, port };
}

/** Whether an origin names the host and port of a Host header (the port defaulting per scheme). */
function sameOrigin(o: ParsedOrigin, hostHeader: string): boolean {
  const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/i.exec(hostHeader.trim().toLowerCase());
  if (!m) return false;
  return m[1] === o.host && (m[2] ?? (o.scheme === 'https' ? '443' : '80')) === o.port;
}

export interface OriginPolicy {
  /** Whether `origin` (an Origin header value) may call Signalbox from a browser. */
  allows(origin: string, hostHeader: string | undefined): boolean;
  readonly extra: readonly string[];
}

export function createOriginPolicy(corsOrigins: string | readonly string[] | undefined): OriginPolicy {
  const extra = splitList(corsOrigins);
  const any = extra.includes('*');
  const allowNull = extra.includes('null');
  const patterns = [...DEFAULT_CORS_ORIGINS, ...extra].map(parsePattern).filter((p): p is OriginPattern => p !== undefined);
  return {
    extra,
    allows(origin, hostHeader) {
      if (any) return true;
      if (origin === 'null') return allowNull;
      const o = parseOrigin(origin);
      if (!o) return false;
      // Same origin: the page was served by this very server under the same host and port.
      if (hostHeader !== undefined && sameOrigin(o, hostHeader)) return true;
      return patterns.some(
        (p) =>
          p.scheme === o.scheme &&
          (p.port === undefined || p.port === o.port) &&
          (p.wildcardHost ? o.host.endsWith(p.host) : p.host === o.host),
      );
    },
  };
}

export type BrowserVerdict =
  /** Not a cross-origin browser request (SDKs, the CLI, curl, same-origin pages). */
  | { kind: 'plain' }
  /** A cross-origin request from an allowed origin: answer with CORS headers. */
  | { kind: 'cors'; origin: string }
  | { kind: 'refused'; origin: string | undefined };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

/** The origin (`scheme://host[:port]`) of a Referer URL, if it parses. */
function refererOrigin(referer: string): string | undefined {
  try {
    const u = new URL(referer);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Judge one request (see the module comment). `readOnly`: a developer-endpoint GET/HEAD. */
export function judgeBrowserRequest(headers: IncomingHttpHeaders, policy: OriginPolicy, readOnly: boolean): BrowserVerdict {
  const host = header(headers, 'host');
  const origin = header(headers, 'origin');
  if (origin !== undefined) {
    if (!policy.allows(origin, host)) return { kind: 'refused', origin };
    return { kind: 'cors', origin };
  }
  if (readOnly) return { kind: 'plain' };
  const site = header(headers, 'sec-fetch-site');
  const referer = header(headers, 'referer');
  const from = referer !== undefined ? refererOrigin(referer) : undefined;
  if (site === 'cross-site' || site === 'same-site') {
    return from !== undefined && policy.allows(from, host) ? { kind: 'plain' } : { kind: 'refused', origin: from };
  }
  // Browsers without Fetch Metadata (or a non-secure origin, which gets none) still send Referer.
  if (from !== undefined && !policy.allows(from, host)) return { kind: 'refused', origin: from };
  return { kind: 'plain' };
}

/** Headers for every response to an allowed cross-origin request. */
export function corsResponseHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSE_HEADERS, vary: 'Origin' };
}

/** Headers for a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin. */
export function preflightHeaders(origin: string, headers: IncomingHttpHeaders): Record<string, string> {
  const requested = header(headers, 'access-control-request-headers');
  const out: Record<string, string> = {
    ...corsResponseHeaders(origin),
    'access-control-allow-methods': ALLOW_METHODS,
    'access-control-allow-headers': requested && /^[\w\-, ]+$/.test(requested) ? requested : DEFAULT_ALLOW_HEADERS,
    'access-control-max-age': MAX_AGE,
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    'content-length': '0',
  };
  // Chrome's Private Network Access: a page asking to reach a local address must be told yes.
  if (header(headers, 'access-control-request-private-network') === 'true') out['access-control-allow-private-network'] = 'true';
  return out;
}
