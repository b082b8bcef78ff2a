/**
 * The OAuth client-credentials exchange a connection of type OAUTH_CLIENT_CREDENTIALS makes:
 * the configured HttpMethod against AuthorizationEndpoint, client ID and secret as HTTP Basic
 * credentials, plus the connection's OAuthHttpParameters (headers, query string, body).
 *
 * LIMITATIONS (unverified against AWS): the exact request EventBridge sends is not recorded.
 * Signalbox sends the body parameters form-encoded (in the query string for GET) and adds
 * `grant_type=client_credentials` unless a body parameter names grant_type.
 */
import { httpRequest, HttpRequestError } from './http-request.js';
import type { HttpParameter, OAuthParameters } from './model.js';

export const USER_AGENT = 'Amazon/EventBridge/ApiDestinations';

export interface OAuthToken {
  accessToken: string;
  /** Clock time (ms) after which the token is not used any more; undefined: until refused. */
  expiresAt: number | undefined;
}

export type TokenOutcome =
  | { ok: true; token: OAuthToken }
  | {
      ok: false;
      error: string;
      status?: number;
      /** Network trouble, timeouts, 429 and 5xx: worth trying again; anything else: the credentials are refused. */
      retryable: boolean;
    };

function pairs(list: HttpParameter[] | undefined): Array<[string, string]> {
  return (list ?? []).filter((p) => p.Key !== undefined).map((p) => [p.Key as string, p.Value ?? '']);
}

export async function requestToken(
  oauth: OAuthParameters,
  opts: { now: () => number; timeoutMs: number; signal?: AbortSignal },
): Promise<TokenOutcome> {
  let url: URL;
  try {
    url = new URL(oauth.AuthorizationEndpoint);
  } catch {
    return { ok: false, error: `Invalid authorization endpoint ${oauth.AuthorizationEndpoint}`, retryable: false };
  }
  const method = oauth.HttpMethod.toUpperCase();
  const extra = oauth.OAuthHttpParameters;
  for (const [k, v] of pairs(extra?.QueryStringParameters)) url.searchParams.set(k, v);

  const form = new URLSearchParams();
  for (const [k, v] of pairs(extra?.BodyParameters)) form.set(k, v);
  if (!form.has('grant_type')) form.set('grant_type', 'client_credentials');

  const headers: Record<string, string> = {};
  for (const [k, v] of pairs(extra?.HeaderParameters)) headers[k.toLowerCase()] = v;
  const id = oauth.ClientParameters.ClientID;
  const secret = oauth.ClientParameters.ClientSecret ?? '';
  headers.authorization = `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
  headers['user-agent'] = USER_AGENT;
  headers.accept = 'application/json';

  let body: string | undefined;
  if (method === 'GET') {
    for (const [k, v] of form) url.searchParams.set(k, v);
  } else {
    body = form.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }

  let res;
  try {
    res = await httpRequest({ method, url, headers, body, timeoutMs: opts.timeoutMs, signal: opts.signal });
  } catch (e) {
    const code = e instanceof HttpRequestError ? e.code : 'NETWORK';
    return { ok: false, error: `OAuth token request to ${url.origin}${url.pathname} failed: ${(e as Error).message}`, retryable: code !== 'BAD_URL' };
  }
  if (res.status < 200 || res.status >= 300) {
    return {
      ok: false,
      status: res.status,
      error: `OAuth token request to ${url.origin}${url.pathname} answered ${res.status}`,
      retryable: res.status === 429 || res.status >= 500,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  const obj = (parsed ?? {}) as Record<string, unknown>;
  if (typeof obj.access_token !== 'string' || obj.access_token === '') {
    return { ok: false, status: res.status, error: 'The OAuth token response has no access_token', retryable: false };
  }
  const expiresIn = Number(obj.expires_in);
  return {
    ok: true,
    token: {
      accessToken: obj.access_token,
      expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? opts.now() + expiresIn * 1000 : undefined,
    },
  };
}
