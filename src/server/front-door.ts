/**
 * The checks every request passes before it is read or routed, AWS traffic and developer
 * endpoints alike: Host (host-guard.ts), browser origin and CORS (cors.ts), URL length
 * (limits.ts). Refusals are AWS-shaped in the protocol the request's headers announce, or JSON
 * `{ error, message }` on the developer endpoints.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, serializeError, type ServiceModel, type WireResponse } from '../../protocols/index.js';
import { createHostPolicy, type HostPolicy } from './host-guard.js';
import { corsResponseHeaders, createOriginPolicy, judgeBrowserRequest, preflightHeaders, type OriginPolicy } from './cors.js';
import { DEFAULT_LIMITS, MAX_URL_BYTES, serviceFromHeaders, uriTooLong, type ServerLimits } from './limits.js';

export interface FrontDoorOptions {
  /** Extra host names to answer (`--allowed-hosts`): names, `*.suffix`, or `*` for any. */
  allowedHosts?: string | readonly string[];
  /** Extra browser origins (`--cors-origins`): `https://app.example`, `http://host:*`, `https://*.example`, `*`. */
  corsOrigins?: string | readonly string[];
  limits?: Partial<ServerLimits>;
}

export interface FrontDoor {
  readonly hosts: HostPolicy;
  readonly origins: OriginPolicy;
  readonly limits: ServerLimits;
}

export function createFrontDoor(options: FrontDoorOptions = {}): FrontDoor {
  const limits = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(options.limits ?? {}) as [keyof ServerLimits, number | undefined][]) if (v !== undefined) limits[k] = v;
  return { hosts: createHostPolicy(options.allowedHosts), origins: createOriginPolicy(options.corsOrigins), limits };
}

const DEVELOPER_PREFIX = '/_signalbox/';

/** An AWS-shaped error in the protocol the headers announce (the body is not read yet). */
export function headerShapedError(headers: IncomingHttpHeaders, query: string, models: readonly ServiceModel[], err: AwsError): WireResponse {
  const requestId = randomUUID();
  const service = serviceFromHeaders(headers, query);
  const found = service !== undefined ? models.find((m) => m.id === service) : undefined;
  const jsonish = String(headers['content-type'] ?? '').includes('json') || Boolean(headers['x-amz-target']);
  let wire: WireResponse;
  if (found) {
    const protocol = found.protocols.includes('json') && (jsonish || !found.protocols.includes('query')) ? 'json' : 'query';
    wire = serializeError(found, protocol, err, requestId);
  } else {
    wire = serializeError({ ...models[0]!, queryCompatible: false }, jsonish ? 'json' : 'query', err, requestId);
  }
  wire.headers['x-amzn-requestid'] = requestId;
  wire.headers['content-length'] = String(Buffer.byteLength(wire.body));
  return wire;
}

function refuse(req: IncomingMessage, res: ServerResponse, models: readonly ServiceModel[], developer: boolean, err: AwsError): void {
  if (developer) {
    const body = JSON.stringify({ error: err.code, message: err.message });
    res.writeHead(err.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  } else {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const wire = headerShapedError(req.headers, q >= 0 ? url.slice(q + 1) : '', models, err);
    res.writeHead(wire.status, wire.headers);
    res.end(wire.body);
  }
  // The body (if any) is not read: drain it so the connection stays usable for the next request.
  req.resume();
}

function forbidden(message: string): AwsError {
  return new AwsError({ name: 'AccessDeniedException', queryCode: 'AccessDenied', status: 403, message, namespace: 'com.amazon.coral.service' });
}

function hostMessage(host: string, door: FrontDoor): string {
  const shown = host.length > 100 ? `${host.slice(0, 100)}…` : host;
  return (
    `Signalbox does not answer requests for host "${shown}": it answers only the names a local client uses ` +
    `(localhost, *.localhost, 127.0.0.1, [::1] and the --host address${door.hosts.extra.length ? `, and ${door.hosts.extra.join(', ')}` : ''}), ` +
    `so that a web page cannot reach it through DNS rebinding. To use this name, start Signalbox with ` +
    `--allowed-hosts ${hostNameForFlag(shown)} (env SIGNALBOX_ALLOWED_HOSTS, option allowedHosts); --allowed-hosts '*' turns the check off.`
  );
}

function hostNameForFlag(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
}

function originMessage(origin: string | undefined, door: FrontDoor): string {
  const from = origin === undefined ? 'another site (no Origin header)' : `origin "${origin.slice(0, 200)}"`;
  return (
    `Signalbox refused a cross-origin browser request from ${from}: a web page may call it only from its own origin or from ` +
    `local dev servers (http(s)://localhost, 127.0.0.1, [::1] and *.localhost on any port${door.origins.extra.length ? `, and ${door.origins.extra.join(', ')}` : ''}). ` +
    `To allow ${origin === undefined || origin === 'null' ? 'an origin' : 'this origin'}, start Signalbox with --cors-origins ${origin && origin !== 'null' ? origin : '<origin>'} ` +
    `(env SIGNALBOX_CORS_ORIGINS, option corsOrigins); --cors-origins '*' allows every origin.`
  );
}

/**
 * Run the front-door checks. Returns true when the request has been answered here (refused,
 * or a CORS preflight); otherwise the request goes on, with CORS headers already set on `res`
 * for an allowed cross-origin caller.
 */
export function admit(req: IncomingMessage, res: ServerResponse, door: FrontDoor, models: readonly ServiceModel[], path: string): boolean {
  const developer = path.startsWith(DEVELOPER_PREFIX);
  const host = req.headers.host;
  if (!door.hosts.allows(host)) {
    refuse(req, res, models, developer, forbidden(hostMessage(host ?? '', door)));
    return true;
  }
  const method = req.method ?? 'GET';
  const verdict = judgeBrowserRequest(req.headers, door.origins, developer && (method === 'GET' || method === 'HEAD'));
  if (verdict.kind === 'refused') {
    refuse(req, res, models, developer, forbidden(originMessage(verdict.origin, door)));
    return true;
  }
  if (verdict.kind === 'cors') {
    if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, preflightHeaders(verdict.origin, req.headers));
      res.end();
      req.resume();
      return true;
    }
    for (const [k, v] of Object.entries(corsResponseHeaders(verdict.origin))) res.setHeader(k, v);
  }
  const url = req.url ?? '/';
  if (url.length > MAX_URL_BYTES) {
    refuse(req, res, models, developer, uriTooLong(url.length));
    return true;
  }
  return false;
}
