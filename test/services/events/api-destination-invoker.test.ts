/**
 * The API destination invoker against a real HTTP server on 127.0.0.1:0: auth headers (API key,
 * Basic, OAuth client credentials with a cached token), path wildcards, query/header/body
 * parameters and which failures are retryable.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../../src/core/clock.js';
import type { Handlers, RequestContext } from '../../../src/services/context.js';
import { ConnectionStore, connectionOperations, createApiDestinationInvoker } from '../../../src/services/events/connections/index.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One server for the API endpoints and the OAuth token endpoint (`/token`). */
class Server {
  received: Received[] = [];
  tokenRequests: Received[] = [];
  /** Status per API call, in order; the last repeats. 0 = never answer. */
  script: number[] = [200];
  tokenStatus = 200;
  tokenCounter = 0;
  expiresIn: number | undefined = 60;
  url = '';
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      if (r.url.startsWith('/token')) {
        this.tokenRequests.push(r);
        if (this.tokenStatus !== 200) return void res.writeHead(this.tokenStatus).end('{"error":"invalid_client"}');
        const token: Record<string, unknown> = { access_token: `tok-${++this.tokenCounter}`, token_type: 'Bearer' };
        if (this.expiresIn !== undefined) token.expires_in = this.expiresIn;
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(token));
      }
      this.received.push(r);
      const status = this.script[Math.min(this.received.length - 1, this.script.length - 1)] ?? 200;
      if (status === 0) return; // hang
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'nope' : 'ok');
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.received = [];
    this.tokenRequests = [];
    this.script = [200];
    this.tokenStatus = 200;
    this.tokenCounter = 0;
    this.expiresIn = 60;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const ctx: RequestContext = {
  requestId: 'r',
  account: '000000000000',
  region: 'us-east-1',
  accessKey: 'AKID',
  host: '127.0.0.1',
  protocol: 'json',
  signal: new AbortController().signal,
};

type Out = Record<string, unknown>;

describe('API destination invoker', () => {
  const server = new Server();
  let clock: ManualClock;
  let store: ConnectionStore;
  let ops: Handlers;
  let n = 0;

  before(() => server.start());
  after(() => server.stop());
  beforeEach(() => {
    server.reset();
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    store = new ConnectionStore({ clock, timeoutMs: 300 });
    ops = connectionOperations(store);
  });

  async function call(op: string, input: Record<string, unknown>): Promise<Out> {
    const h = ops[op];
    assert.ok(h);
    return (await h(input, ctx)) as Out;
  }

  /** A connection plus a destination on it; returns the destination ARN. */
  async function destination(auth: Record<string, unknown>, endpoint: string, method = 'POST'): Promise<string> {
    n++;
    const type = auth.BasicAuthParameters ? 'BASIC' : auth.ApiKeyAuthParameters ? 'API_KEY' : 'OAUTH_CLIENT_CREDENTIALS';
    const c = await call('CreateConnection', { Name: `c${n}`, AuthorizationType: type, AuthParameters: auth });
    const d = await call('CreateApiDestination', { Name: `d${n}`, ConnectionArn: c.ConnectionArn, InvocationEndpoint: endpoint, HttpMethod: method });
    return String(d.ApiDestinationArn);
  }

  const oauth = (extra: Record<string, unknown> = {}) => ({
    OAuthParameters: {
      AuthorizationEndpoint: `${server.url}/token`,
      ClientParameters: { ClientID: 'id', ClientSecret: 'shh' },
      HttpMethod: 'POST',
      ...extra,
    },
  });

  it('sends the event with the API key header, JSON content type and EventBridge user agent', async () => {
    const arn = await destination({ ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' } }, `${server.url}/hook`);
    const result = await createApiDestinationInvoker(store).invoke(arn, { body: '{"detail":{"a":1}}' });
    assert.deepEqual(result, { ok: true, status: 200, retryable: false });
    const r = server.received[0];
    assert.ok(r);
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/hook');
    assert.equal(r.headers['x-api-key'], 'k-123');
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers['user-agent'], 'Amazon/EventBridge/ApiDestinations');
    assert.equal(r.headers.range, 'bytes=0-1048575');
    assert.equal(r.body, '{"detail":{"a":1}}');
  });

  it('sends Basic credentials', async () => {
    const arn = await destination({ BasicAuthParameters: { Username: 'user', Password: 'pass' } }, `${server.url}/basic`, 'PUT');
    assert.equal((await createApiDestinationInvoker(store).invoke(arn, { body: '{}' })).ok, true);
    assert.equal(server.received[0]?.method, 'PUT');
    assert.equal(server.received[0]?.headers.authorization, `Basic ${Buffer.from('user:pass').toString('base64')}`);
  });

  it('fills * path wildcards in order and merges query, header and body parameters (connection wins)', async () => {
    const arn = await destination(
      {
        BasicAuthParameters: { Username: 'u', Password: 'p' },
        InvocationHttpParameters: {
          HeaderParameters: [{ Key: 'X-Team', Value: 'connection', IsValueSecret: false }],
          QueryStringParameters: [{ Key: 'env', Value: 'prod', IsValueSecret: true }],
          BodyParameters: [{ Key: 'source_system', Value: 'eb', IsValueSecret: false }],
        },
      },
      `${server.url}/users/*/orders/*?fixed=1`,
    );
    const result = await createApiDestinationInvoker(store).invoke(arn, {
      body: '{"id":"e1"}',
      pathParameterValues: ['u1', 'o 2'],
      headerParameters: { 'x-team': 'target', 'X-Trace': 't-1', 'Content-Type': 'application/vnd.test+json' },
      queryStringParameters: { env: 'dev', page: '3' },
    });
    assert.equal(result.ok, true);
    const r = server.received[0];
    assert.ok(r);
    const url = new URL(r.url, server.url);
    assert.equal(url.pathname, '/users/u1/orders/o%202');
    assert.deepEqual(Object.fromEntries(url.searchParams), { fixed: '1', env: 'prod', page: '3' });
    assert.equal(r.headers['x-team'], 'connection');
    assert.equal(r.headers['x-trace'], 't-1');
    assert.equal(r.headers['content-type'], 'application/vnd.test+json');
    assert.deepEqual(JSON.parse(r.body), { id: 'e1', source_system: 'eb' });
  });

  it('authorizes an OAuth connection, then caches the token until it expires', async () => {
    const arn = await destination(
      oauth({
        OAuthHttpParameters: {
          BodyParameters: [{ Key: 'audience', Value: 'api://x' }],
          HeaderParameters: [{ Key: 'x-oauth-header', Value: 'h' }],
          QueryStringParameters: [{ Key: 'tenant', Value: 't1' }],
        },
      }),
      `${server.url}/secured`,
    );
    const conn = store.scope(ctx.account, ctx.region).connections.get(`c${n}`);
    assert.ok(conn);
    assert.equal(conn.state, 'AUTHORIZING');
    await store.settled(conn);
    assert.equal(conn.state, 'AUTHORIZED');
    assert.equal(server.tokenRequests.length, 1, 'authorized in the background after CreateConnection');
    const t = server.tokenRequests[0];
    assert.ok(t);
    assert.equal(t.method, 'POST');
    assert.equal(t.url, '/token?tenant=t1');
    assert.equal(t.headers.authorization, `Basic ${Buffer.from('id:shh').toString('base64')}`);
    assert.equal(t.headers['x-oauth-header'], 'h');
    assert.equal(t.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(t.body)), { audience: 'api://x', grant_type: 'client_credentials' });
    assert.equal((await call('DescribeApiDestination', { Name: `d${n}` })).ApiDestinationState, 'ACTIVE');

    const invoker = createApiDestinationInvoker(store);
    assert.equal((await invoker.invoke(arn, { body: '{}' })).ok, true);
    assert.equal((await invoker.invoke(arn, { body: '{}' })).ok, true);
    assert.equal(server.tokenRequests.length, 1, 'the token is reused');
    assert.deepEqual(server.received.map((r) => r.headers.authorization), ['Bearer tok-1', 'Bearer tok-1']);

    clock.set(clock.now() + 61_000);
    assert.equal((await invoker.invoke(arn, { body: '{}' })).ok, true);
    assert.equal(server.tokenRequests.length, 2, 'an expired token is replaced');
    assert.equal(server.received[2]?.headers.authorization, 'Bearer tok-2');
  });

  it('drops the OAuth token when the endpoint answers 401 (retryable) and fetches a new one', async () => {
    const arn = await destination(oauth(), `${server.url}/secured`);
    server.script = [401, 200];
    const invoker = createApiDestinationInvoker(store);
    const first = await invoker.invoke(arn, { body: '{}' });
    assert.equal(first.ok, false);
    assert.equal(first.status, 401);
    assert.equal(first.retryable, true);
    const second = await invoker.invoke(arn, { body: '{}' });
    assert.equal(second.ok, true);
    assert.equal(server.tokenRequests.length, 2);
    assert.deepEqual(server.received.map((r) => r.headers.authorization), ['Bearer tok-1', 'Bearer tok-2']);
  });

  it('deauthorizes an OAuth connection whose credentials are refused, and invokes nothing', async () => {
    server.tokenStatus = 401;
    const arn = await destination(oauth(), `${server.url}/secured`);
    const result = await createApiDestinationInvoker(store).invoke(arn, { body: '{}' });
    assert.equal(result.ok, false);
    assert.equal(result.retryable, false);
    assert.equal(server.received.length, 0);
    const d = await call('DescribeConnection', { Name: `c${n}` });
    assert.equal(d.ConnectionState, 'DEAUTHORIZED');
    assert.equal(d.StateReason, `OAuth token request to ${server.url}/token answered 401`);
    assert.equal((await call('DescribeApiDestination', { Name: `d${n}` })).ApiDestinationState, 'INACTIVE');
  });

  it('keeps an authorized OAuth connection when a token refresh fails with 5xx (retryable, no status)', async () => {
    const arn = await destination(oauth(), `${server.url}/secured`);
    const conn = store.scope(ctx.account, ctx.region).connections.get(`c${n}`);
    assert.ok(conn);
    await store.settled(conn);
    clock.set(clock.now() + 61_000);
    server.tokenStatus = 503;
    const result = await createApiDestinationInvoker(store).invoke(arn, { body: '{}' });
    assert.deepEqual(result, { ok: false, retryable: true, error: `OAuth token request to ${server.url}/token answered 503` });
    assert.equal(conn.state, 'AUTHORIZED');
    assert.equal(server.received.length, 0);
  });

  it('treats 500 and 429 as retryable, 400 as not', async () => {
    const arn = await destination({ BasicAuthParameters: { Username: 'u', Password: 'p' } }, `${server.url}/flaky`);
    const invoker = createApiDestinationInvoker(store);
    server.script = [500, 429, 400, 409];
    const r500 = await invoker.invoke(arn, { body: '{}' });
    assert.deepEqual({ ok: r500.ok, status: r500.status, retryable: r500.retryable }, { ok: false, status: 500, retryable: true });
    assert.equal(r500.error, 'The API destination endpoint answered 500: nope');
    const r429 = await invoker.invoke(arn, { body: '{}' });
    assert.deepEqual({ status: r429.status, retryable: r429.retryable }, { status: 429, retryable: true });
    const r400 = await invoker.invoke(arn, { body: '{}' });
    assert.deepEqual({ ok: r400.ok, status: r400.status, retryable: r400.retryable }, { ok: false, status: 400, retryable: false });
    const r409 = await invoker.invoke(arn, { body: '{}' });
    assert.deepEqual({ status: r409.status, retryable: r409.retryable }, { status: 409, retryable: true });
  });

  it('gives up after the deadline (retryable) and on network errors (retryable)', async () => {
    const slow = await destination({ BasicAuthParameters: { Username: 'u', Password: 'p' } }, `${server.url}/slow`);
    server.script = [0];
    const invoker = createApiDestinationInvoker(store);
    const t = await invoker.invoke(slow, { body: '{}' });
    assert.deepEqual(t, { ok: false, retryable: true, error: 'No response within 300 ms' });

    const closed = await destination({ BasicAuthParameters: { Username: 'u', Password: 'p' } }, 'http://127.0.0.1:1/down');
    const down = await invoker.invoke(closed, { body: '{}' });
    assert.equal(down.ok, false);
    assert.equal(down.retryable, true);
    assert.match(down.error ?? '', /ECONNREFUSED/);
  });

  it('does not invoke a DEAUTHORIZED connection or an unknown destination', async () => {
    const arn = await destination({ BasicAuthParameters: { Username: 'u', Password: 'p' } }, `${server.url}/never`);
    await call('DeauthorizeConnection', { Name: `c${n}` });
    const invoker = createApiDestinationInvoker(store);
    assert.deepEqual(await invoker.invoke(arn, { body: '{}' }), {
      ok: false,
      retryable: false,
      error: `API destination d${n} is INACTIVE: connection c${n} is DEAUTHORIZED.`,
    });
    const unknown = 'arn:aws:events:us-east-1:000000000000:api-destination/ghost/00000000-0000-0000-0000-000000000000';
    assert.deepEqual(await invoker.invoke(unknown, { body: '{}' }), { ok: false, retryable: false, error: `API destination ${unknown} does not exist.` });
    assert.equal(server.received.length, 0);
  });

  it('sends no body with GET', async () => {
    const arn = await destination({ ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } }, `${server.url}/get`, 'GET');
    assert.equal((await createApiDestinationInvoker(store).invoke(arn, { body: '{"a":1}' })).ok, true);
    assert.equal(server.received[0]?.method, 'GET');
    assert.equal(server.received[0]?.body, '');
  });
});
