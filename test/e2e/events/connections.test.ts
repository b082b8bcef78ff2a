/**
 * Connections and API destinations end to end: a real Signalbox on port 0, the real
 * `@aws-sdk/client-eventbridge`, and real HTTP endpoints on 127.0.0.1 that a rule's API
 * destination target calls. Texts marked (recorded) come from LocalStack's AWS recording
 * test_api_destinations_and_connection.snapshot.json.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { createSignalbox, type Signalbox } from '../../../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** API endpoints under `/`, an OAuth token endpoint at `/token`. */
class Endpoint {
  received: Received[] = [];
  tokens = 0;
  url = '';
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.startsWith('/token')) {
        this.tokens++;
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `tok-${this.tokens}`, expires_in: 3600 }));
      }
      this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function rejects(p: Promise<unknown>, name: string, message: string): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number; requestId?: string } }) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    assert.match(e.$metadata?.requestId ?? '', new RegExp(`^${UUID}$`));
    return true;
  });
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('EventBridge connections and API destinations (e2e)', () => {
  let sb: Signalbox;
  let eb: EB.EventBridgeClient;
  const endpoint = new Endpoint();

  before(async () => {
    await endpoint.start();
    sb = await createSignalbox({ logLevel: 'silent' });
    const url = await sb.listen(0);
    eb = new EB.EventBridgeClient({ endpoint: url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
  });

  after(async () => {
    eb.destroy();
    await sb.close();
    await endpoint.stop();
  });

  it('CreateConnection and DescribeConnection (recorded shape)', async () => {
    const created = await eb.send(
      new EB.CreateConnectionCommand({
        Name: 'e2e-api-key',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'ApiKey', ApiKeyValue: 'secret' }, InvocationHttpParameters: {} },
      }),
    );
    assert.match(created.ConnectionArn ?? '', new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:connection/e2e-api-key/${UUID}$`));
    assert.equal(created.ConnectionState, 'AUTHORIZED');
    assert.ok(created.CreationTime instanceof Date);
    assert.ok(created.LastModifiedTime instanceof Date);

    const d = await eb.send(new EB.DescribeConnectionCommand({ Name: 'e2e-api-key' }));
    assert.deepEqual(d.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'ApiKey' }, InvocationHttpParameters: {} });
    assert.equal(d.AuthorizationType, 'API_KEY');
    assert.equal(d.ConnectionArn, created.ConnectionArn);
    assert.equal(d.ConnectionState, 'AUTHORIZED');
    assert.equal(d.Name, 'e2e-api-key');
    assert.ok(d.LastAuthorizedTime instanceof Date);
    assert.match(d.SecretArn ?? '', new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:events!connection/e2e-api-key/${UUID}-[A-Za-z0-9]{6}$`));

    await rejects(
      eb.send(new EB.DescribeConnectionCommand({ Name: 'e2e-nope' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'e2e-nope' does not exist.",
    );
  });

  it('CreateConnection validation (recorded texts)', async () => {
    await rejects(
      eb.send(
        new EB.CreateConnectionCommand({
          Name: 'Invalid Name With Spaces!',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'ApiKey', ApiKeyValue: 'secret' } },
        }),
      ),
      'ValidationException',
      "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    await rejects(
      eb.send(new EB.CreateConnectionCommand({ Name: 'e2e-bad-type', AuthorizationType: 'INVALID_AUTH_TYPE' as never, AuthParameters: {} })),
      'ValidationException',
      "1 validation error detected: Value 'INVALID_AUTH_TYPE' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
    );
  });

  it('ListConnections, UpdateConnection, DeauthorizeConnection, DeleteConnection', async () => {
    await eb.send(
      new EB.CreateConnectionCommand({ Name: 'e2e-basic', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'user', Password: 'pass' } } }),
    );
    const list = await eb.send(new EB.ListConnectionsCommand({ NamePrefix: 'e2e-basic' }));
    assert.deepEqual(list.Connections?.map((c) => [c.Name, c.AuthorizationType, c.ConnectionState]), [['e2e-basic', 'BASIC', 'AUTHORIZED']]);

    const up = await eb.send(
      new EB.UpdateConnectionCommand({ Name: 'e2e-basic', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'new_user', Password: 'new_pass' } } }),
    );
    assert.equal(up.ConnectionState, 'AUTHORIZED');
    assert.ok(up.LastAuthorizedTime instanceof Date);
    assert.deepEqual((await eb.send(new EB.DescribeConnectionCommand({ Name: 'e2e-basic' }))).AuthParameters, { BasicAuthParameters: { Username: 'new_user' } });

    const de = await eb.send(new EB.DeauthorizeConnectionCommand({ Name: 'e2e-basic' }));
    assert.equal(de.ConnectionState, 'DEAUTHORIZING');
    assert.deepEqual(
      (await eb.send(new EB.ListConnectionsCommand({ ConnectionState: 'DEAUTHORIZED' }))).Connections?.map((c) => c.Name),
      ['e2e-basic'],
    );

    const del = await eb.send(new EB.DeleteConnectionCommand({ Name: 'e2e-basic' }));
    assert.equal(del.ConnectionState, 'DELETING');
    await rejects(
      eb.send(new EB.DescribeConnectionCommand({ Name: 'e2e-basic' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'e2e-basic' does not exist.",
    );
    await rejects(
      eb.send(new EB.UpdateConnectionCommand({ Name: 'e2e-basic', Description: 'x' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'e2e-basic' does not exist.",
    );
  });

  it('API destinations: create, describe, list, update, delete (recorded flow)', async () => {
    const c = await eb.send(
      new EB.CreateConnectionCommand({ Name: 'e2e-dest-conn', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'user', Password: 'pass' } } }),
    );
    const created = await eb.send(
      new EB.CreateApiDestinationCommand({
        Name: 'e2e-dest',
        ConnectionArn: c.ConnectionArn,
        HttpMethod: 'POST',
        InvocationEndpoint: 'https://example.com/api',
        Description: 'Test API destination',
      }),
    );
    assert.match(created.ApiDestinationArn ?? '', new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:api-destination/e2e-dest/${UUID}$`));
    assert.equal(created.ApiDestinationState, 'ACTIVE');

    const d = await eb.send(new EB.DescribeApiDestinationCommand({ Name: 'e2e-dest' }));
    assert.equal(d.ConnectionArn, c.ConnectionArn);
    assert.equal(d.Description, 'Test API destination');
    assert.equal(d.HttpMethod, 'POST');
    assert.equal(d.InvocationEndpoint, 'https://example.com/api');
    assert.equal(d.InvocationRateLimitPerSecond, 300);

    const list = await eb.send(new EB.ListApiDestinationsCommand({ NamePrefix: 'e2e-dest' }));
    assert.deepEqual(list.ApiDestinations?.map((x) => [x.Name, x.ApiDestinationState, x.HttpMethod]), [['e2e-dest', 'ACTIVE', 'POST']]);

    const up = await eb.send(
      new EB.UpdateApiDestinationCommand({
        Name: 'e2e-dest',
        ConnectionArn: c.ConnectionArn,
        HttpMethod: 'PUT',
        InvocationEndpoint: 'https://example.com/api/v2',
        Description: 'Updated API destination',
      }),
    );
    assert.equal(up.ApiDestinationState, 'ACTIVE');
    const d2 = await eb.send(new EB.DescribeApiDestinationCommand({ Name: 'e2e-dest' }));
    assert.deepEqual([d2.HttpMethod, d2.InvocationEndpoint, d2.Description], ['PUT', 'https://example.com/api/v2', 'Updated API destination']);

    await eb.send(new EB.DeleteApiDestinationCommand({ Name: 'e2e-dest' }));
    await rejects(
      eb.send(new EB.DescribeApiDestinationCommand({ Name: 'e2e-dest' })),
      'ResourceNotFoundException',
      "Failed to describe the api-destination(s). An api-destination 'e2e-dest' does not exist.",
    );
    await rejects(
      eb.send(
        new EB.CreateApiDestinationCommand({ Name: 'e2e-bad', ConnectionArn: 'invalid-connection-arn', HttpMethod: 'INVALID_METHOD' as never, InvocationEndpoint: 'invalid-endpoint' }),
      ),
      'ValidationException',
      "2 validation errors detected: Value 'invalid-connection-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$; Value 'INVALID_METHOD' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [HEAD, POST, PATCH, DELETE, PUT, GET, OPTIONS]",
    );
  });

  it('a rule target on an API destination calls the endpoint with the connection auth and HttpParameters', async () => {
    endpoint.received = [];
    const c = await eb.send(
      new EB.CreateConnectionCommand({
        Name: 'e2e-hook-conn',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-1' },
          InvocationHttpParameters: { QueryStringParameters: [{ Key: 'source', Value: 'eventbridge' }] },
        },
      }),
    );
    const d = await eb.send(
      new EB.CreateApiDestinationCommand({ Name: 'e2e-hook', ConnectionArn: c.ConnectionArn, HttpMethod: 'POST', InvocationEndpoint: `${endpoint.url}/orders/*` }),
    );
    await eb.send(new EB.PutRuleCommand({ Name: 'e2e-hook-rule', EventPattern: JSON.stringify({ source: ['e2e.orders'] }) }));
    await eb.send(
      new EB.PutTargetsCommand({
        Rule: 'e2e-hook-rule',
        Targets: [
          {
            Id: 'hook',
            Arn: d.ApiDestinationArn,
            RoleArn: `arn:aws:iam::${ACCOUNT}:role/eb-invoke`,
            HttpParameters: { PathParameterValues: ['o-42'], HeaderParameters: { 'x-tenant': 't1' } },
          },
        ],
      }),
    );
    const put = await eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'e2e.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 42 }) }] }));
    assert.equal(put.FailedEntryCount, 0);

    const r = await until(() => endpoint.received[0], 'the API destination call');
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/orders/o-42?source=eventbridge');
    assert.equal(r.headers['x-api-key'], 'k-1');
    assert.equal(r.headers['x-tenant'], 't1');
    assert.equal(r.headers['user-agent'], 'Amazon/EventBridge/ApiDestinations');
    const event = JSON.parse(r.body) as Record<string, unknown>;
    assert.equal(event.source, 'e2e.orders');
    assert.equal(event['detail-type'], 'OrderPlaced');
    assert.deepEqual(event.detail, { id: 42 });
  });

  it('an OAuth connection becomes AUTHORIZED once its token endpoint answers; its destination ACTIVE', async () => {
    const created = await eb.send(
      new EB.CreateConnectionCommand({
        Name: 'e2e-oauth',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { AuthorizationEndpoint: `${endpoint.url}/token`, ClientParameters: { ClientID: 'id', ClientSecret: 'secret' }, HttpMethod: 'POST' } },
      }),
    );
    assert.equal(created.ConnectionState, 'AUTHORIZING');
    await until(async () => {
      const s = (await eb.send(new EB.DescribeConnectionCommand({ Name: 'e2e-oauth' }))).ConnectionState;
      return s === 'AUTHORIZED' ? s : undefined;
    }, 'AUTHORIZED');
    const d = await eb.send(
      new EB.CreateApiDestinationCommand({ Name: 'e2e-oauth-dest', ConnectionArn: created.ConnectionArn, HttpMethod: 'POST', InvocationEndpoint: `${endpoint.url}/secured` }),
    );
    assert.equal(d.ApiDestinationState, 'ACTIVE');
  });
});
