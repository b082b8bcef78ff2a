/**
 * Calls an API destination over real HTTP(S) for the bus engine, as EventBridge does:
 * - the destination's HttpMethod and InvocationEndpoint, each `*` of the path replaced by the
 *   next PathParameterValues entry;
 * - the target's HttpParameters merged with the connection's InvocationHttpParameters, the
 *   connection's values taking precedence (AWS HttpParameters docs); connection body parameters
 *   are added to a JSON object body;
 * - the connection's authorization: API key header, HTTP Basic, or an OAuth bearer token
 *   (cached until it expires, dropped when the endpoint answers 401 or 407);
 * - `Content-Type: application/json; charset=utf-8` unless a header parameter sets one,
 *   `User-Agent: Amazon/EventBridge/ApiDestinations` and `Range: bytes=0-1048575` (not overridable);
 * - a 5 second deadline. Retryable per AWS: 401, 407, 409, 429, 5xx, timeouts and network errors.
 * A connection that is not AUTHORIZED (so an INACTIVE destination) is not invoked.
 *
 * LIMITATIONS: InvocationRateLimitPerSecond is stored, not enforced; private (VPC Lattice)
 * connectivity is not modeled; where AWS puts body parameters on a non-JSON body is unverified
 * (Signalbox leaves such a body as it is); GET and HEAD requests carry no body.
 */
import { httpRequest, HttpRequestError } from './http-request.js';
import type { HttpParameter } from './model.js';
import { USER_AGENT } from './oauth.js';
import type { ConnectionStore } from './store.js';

export interface ApiDestinationInvocation {
  body: string;
  pathParameterValues?: string[];
  headerParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}

export interface ApiDestinationResult {
  ok: boolean;
  status?: number;
  error?: string;
  /** retryable per AWS: 401, 407, 409, 429, 5xx, timeouts, network */
  retryable: boolean;
}

export interface ApiDestinationInvoker {
  invoke(apiDestinationArn: string, req: ApiDestinationInvocation): Promise<ApiDestinationResult>;
}

/** Headers a caller cannot set: the transport owns them, or EventBridge fixes them. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'user-agent', 'range', 'te', 'trailer', 'upgrade', 'expect', 'keep-alive']);

/** AWS: "Retries events associated with error codes 401, 407, 409, 429, and 5xx." */
export function isRetryableStatus(status: number): boolean {
  return status === 401 || status === 407 || status === 409 || status === 429 || status >= 500;
}

function params(list: HttpParameter[] | undefined): Array<[string, string]> {
  return (list ?? []).filter((p) => typeof p.Key === 'string').map((p) => [p.Key as string, p.Value ?? '']);
}

function fillPath(endpoint: string, values: string[] | undefined): string {
  let i = 0;
  const q = endpoint.indexOf('?');
  const path = q === -1 ? endpoint : endpoint.slice(0, q);
  const rest = q === -1 ? '' : endpoint.slice(q);
  const filled = path.replace(/\*/g, (star) => {
    const v = values?.[i++];
    return v === undefined ? star : encodeURIComponent(v);
  });
  return filled + rest;
}

function withBodyParameters(body: string, extra: Array<[string, string]>): string {
  if (!extra.length) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  const out = parsed as Record<string, unknown>;
  for (const [k, v] of extra) out[k] = v;
  return JSON.stringify(out);
}

export function createApiDestinationInvoker(store: ConnectionStore): ApiDestinationInvoker {
  return {
    async invoke(apiDestinationArn, req) {
      const dest = store.destinationByArn(apiDestinationArn);
      if (!dest) return { ok: false, retryable: false, error: `API destination ${apiDestinationArn} does not exist.` };
      const conn = store.connectionByArn(dest.connectionArn);
      if (!conn) return { ok: false, retryable: false, error: `The connection of API destination ${dest.name} does not exist.` };
      await store.settled(conn);
      if (conn.state !== 'AUTHORIZED') {
        return { ok: false, retryable: false, error: `API destination ${dest.name} is INACTIVE: connection ${conn.name} is ${conn.state}.` };
      }

      let url: URL;
      try {
        url = new URL(fillPath(dest.invocationEndpoint, req.pathParameterValues));
      } catch {
        return { ok: false, retryable: false, error: `Invalid invocation endpoint ${dest.invocationEndpoint}` };
      }
      const invocation = conn.auth.InvocationHttpParameters;
      for (const [k, v] of Object.entries(req.queryStringParameters ?? {})) url.searchParams.set(k, v);
      for (const [k, v] of params(invocation?.QueryStringParameters)) url.searchParams.set(k, v);

      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      const setHeader = (k: string, v: string): void => {
        const name = k.toLowerCase();
        if (!RESERVED.has(name)) headers[name] = v;
      };
      for (const [k, v] of Object.entries(req.headerParameters ?? {})) setHeader(k, v);
      for (const [k, v] of params(invocation?.HeaderParameters)) setHeader(k, v);

      switch (conn.authorizationType) {
        case 'API_KEY': {
          const key = conn.auth.ApiKeyAuthParameters;
          if (key) setHeader(key.ApiKeyName, key.ApiKeyValue ?? '');
          break;
        }
        case 'BASIC': {
          const basic = conn.auth.BasicAuthParameters;
          if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.Username}:${basic.Password ?? ''}`, 'utf8').toString('base64')}`;
          break;
        }
        case 'OAUTH_CLIENT_CREDENTIALS': {
          const outcome = await store.token(conn);
          // No `status`: it would be the authorization endpoint's, not the destination's.
          if (!outcome.ok) return { ok: false, retryable: outcome.retryable, error: outcome.error };
          headers.authorization = `Bearer ${outcome.token.accessToken}`;
          break;
        }
      }
      headers['user-agent'] = USER_AGENT;
      headers.range = 'bytes=0-1048575';

      const method = dest.httpMethod.toUpperCase();
      const body = method === 'GET' || method === 'HEAD' ? undefined : withBodyParameters(req.body, params(invocation?.BodyParameters));
      try {
        const res = await httpRequest({ method, url, headers, body, timeoutMs: store.timeoutMs });
        if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, retryable: false };
        if (conn.authorizationType === 'OAUTH_CLIENT_CREDENTIALS' && (res.status === 401 || res.status === 407)) store.invalidateToken(conn);
        return {
          ok: false,
          status: res.status,
          retryable: isRetryableStatus(res.status),
          error: `The API destination endpoint answered ${res.status}${res.body ? `: ${res.body.slice(0, 256)}` : ''}`,
        };
      } catch (e) {
        const code = e instanceof HttpRequestError ? e.code : 'NETWORK';
        return { ok: false, retryable: code === 'TIMEOUT' || code === 'NETWORK', error: (e as Error).message };
      }
    },
  };
}
