/**
 * Connections and API destinations through the real EventBridge SDK client and the protocol layer,
 * in process: the client's request handler parses with our parser, runs our handlers and
 * serializes the answer (no sockets). Expected values and texts come from LocalStack's recording
 * of AWS (test_api_destinations_and_connection.snapshot.json) where one exists.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { ManualClock } from '../../../src/core/clock.js';
import { ConnectionStore, connectionOperations } from '../../../src/services/events/connections/index.js';
import { inProcessClient } from './in-process-client.js';


const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';


interface Setup {
  client: EB.EventBridgeClient;
  store: ConnectionStore;
  clock: ManualClock;
}

function setup(): Setup {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = new ConnectionStore({ clock, timeoutMs: 2000 });
  return { client: inProcessClient(connectionOperations(store)), store, clock };
}

async function rejects(p: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${name}`);
  const err = caught as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  assert.equal(err.name, name, `error name (message: ${err.message})`);
  if (typeof message === 'string') assert.equal(err.message, message);
  else assert.match(err.message, message);
  assert.equal(err.$metadata?.httpStatusCode, 400);
}

const API_KEY_AUTH = { ApiKeyAuthParameters: { ApiKeyName: 'ApiKey', ApiKeyValue: 'secret' }, InvocationHttpParameters: {} };
const BASIC_AUTH = { BasicAuthParameters: { Username: 'user', Password: 'pass' } };
/** Nothing listens on port 1: the token exchange fails at once. */
const UNREACHABLE_OAUTH = {
  OAuthParameters: {
    AuthorizationEndpoint: 'http://127.0.0.1:1/oauth',
    ClientParameters: { ClientID: 'client_id', ClientSecret: 'client_secret' },
    HttpMethod: 'POST' as const,
  },
};

describe('CreateConnection', () => {
  it('creates an API_KEY connection AUTHORIZED, with ARN and timestamps (recorded shape)', async () => {
    const { client, clock } = setup();
    const out = await client.send(new EB.CreateConnectionCommand({ Name: 'conn-1', AuthorizationType: 'API_KEY', AuthParameters: API_KEY_AUTH }));
    assert.match(out.ConnectionArn ?? '', new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:connection/conn-1/${UUID}$`));
    assert.equal(out.ConnectionState, 'AUTHORIZED');
    assert.equal(out.CreationTime?.getTime(), clock.now());
    assert.equal(out.LastModifiedTime?.getTime(), clock.now());
    assert.equal((out as unknown as Record<string, unknown>).LastAuthorizedTime, undefined);
  });

  it('answers an OAuth connection AUTHORIZING (recorded)', async () => {
    const { client, store } = setup();
    const out = await client.send(new EB.CreateConnectionCommand({ Name: 'oauth', AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: UNREACHABLE_OAUTH }));
    assert.equal(out.ConnectionState, 'AUTHORIZING');
    store.close();
  });

  it('rejects a name outside [\\.\\-_A-Za-z0-9]+ (recorded text)', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.CreateConnectionCommand({ Name: 'Invalid Name With Spaces!', AuthorizationType: 'API_KEY', AuthParameters: API_KEY_AUTH })),
      'ValidationException',
      "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
  });

  it('rejects an unknown AuthorizationType (recorded text)', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.CreateConnectionCommand({ Name: 'c', AuthorizationType: 'INVALID_AUTH_TYPE' as never, AuthParameters: {} })),
      'ValidationException',
      "1 validation error detected: Value 'INVALID_AUTH_TYPE' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
    );
  });

  it('lists every violation in member order, hiding sensitive values', async () => {
    const { client } = setup();
    await rejects(
      client.send(
        new EB.CreateConnectionCommand({
          Name: 'x'.repeat(65),
          AuthorizationType: 'BASIC',
          AuthParameters: { BasicAuthParameters: { Username: 'user', Password: 'a:b' } },
        }),
      ),
      'ValidationException',
      `2 validation errors detected: Value '${'x'.repeat(65)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
        "Value at 'authParameters.basicAuthParameters.password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$",
    );
  });

  it('reports a missing required member the coral way', async () => {
    const { client } = setup();
    await rejects(
      client.send(
        new EB.CreateConnectionCommand({ Name: 'c', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u' } as never } }),
      ),
      'ValidationException',
      "1 validation error detected: Value null at 'authParameters.basicAuthParameters.password' failed to satisfy constraint: Member must not be null",
    );
  });

  it('needs the auth block of its type', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.CreateConnectionCommand({ Name: 'c', AuthorizationType: 'BASIC', AuthParameters: API_KEY_AUTH })),
      'ValidationException',
      'The AuthParameters of a connection with AuthorizationType BASIC must contain exactly BasicAuthParameters.',
    );
  });

  it('refuses a second connection of the same name', async () => {
    const { client } = setup();
    await client.send(new EB.CreateConnectionCommand({ Name: 'dup', AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH }));
    await assert.rejects(
      client.send(new EB.CreateConnectionCommand({ Name: 'dup', AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH })),
      (e: Error) => e.name === 'ResourceAlreadyExistsException' && e.message === 'Connection dup already exists.',
    );
  });
});

describe('DescribeConnection', () => {
  it('shows the public parameters and a Secrets Manager ARN (recorded shape)', async () => {
    const { client, clock } = setup();
    const created = await client.send(new EB.CreateConnectionCommand({ Name: 'desc', AuthorizationType: 'API_KEY', AuthParameters: API_KEY_AUTH }));
    const d = await client.send(new EB.DescribeConnectionCommand({ Name: 'desc' }));
    assert.deepEqual(d.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'ApiKey' }, InvocationHttpParameters: {} });
    assert.equal(d.AuthorizationType, 'API_KEY');
    assert.equal(d.ConnectionArn, created.ConnectionArn);
    assert.equal(d.ConnectionState, 'AUTHORIZED');
    assert.equal(d.Name, 'desc');
    assert.equal(d.CreationTime?.getTime(), clock.now());
    assert.equal(d.LastAuthorizedTime?.getTime(), clock.now());
    assert.equal(d.LastModifiedTime?.getTime(), clock.now());
    assert.match(d.SecretArn ?? '', new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:events!connection/desc/${UUID}-[A-Za-z0-9]{6}$`));
  });

  it('leaves out InvocationHttpParameters when none were given, and secret values', async () => {
    const { client } = setup();
    await client.send(new EB.CreateConnectionCommand({ Name: 'b', AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH, Description: 'basic one' }));
    const d = await client.send(new EB.DescribeConnectionCommand({ Name: 'b' }));
    assert.deepEqual(d.AuthParameters, { BasicAuthParameters: { Username: 'user' } });
    assert.equal(d.Description, 'basic one');

    await client.send(
      new EB.CreateConnectionCommand({
        Name: 'h',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'v' },
          InvocationHttpParameters: {
            HeaderParameters: [
              { Key: 'x-open', Value: 'shown', IsValueSecret: false },
              { Key: 'x-secret', Value: 'hidden', IsValueSecret: true },
            ],
          },
        },
      }),
    );
    const h = await client.send(new EB.DescribeConnectionCommand({ Name: 'h' }));
    assert.deepEqual(h.AuthParameters?.InvocationHttpParameters?.HeaderParameters, [
      { Key: 'x-open', Value: 'shown', IsValueSecret: false },
      { Key: 'x-secret', IsValueSecret: true },
    ]);
  });

  it('shows OAuth parameters without the client secret, DEAUTHORIZED once the token exchange fails', async () => {
    const { client, store } = setup();
    await client.send(new EB.CreateConnectionCommand({ Name: 'o', AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: UNREACHABLE_OAUTH }));
    const conn = store.scope(ACCOUNT, REGION).connections.get('o');
    assert.ok(conn);
    await store.settled(conn);
    const d = await client.send(new EB.DescribeConnectionCommand({ Name: 'o' }));
    assert.deepEqual(d.AuthParameters, {
      OAuthParameters: { AuthorizationEndpoint: 'http://127.0.0.1:1/oauth', ClientParameters: { ClientID: 'client_id' }, HttpMethod: 'POST' },
    });
    assert.equal(d.ConnectionState, 'DEAUTHORIZED');
    assert.match(d.StateReason ?? '', /^OAuth token request to http:\/\/127\.0\.0\.1:1\/oauth failed/);
  });

  it('answers ResourceNotFoundException for an unknown name (recorded text)', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.DescribeConnectionCommand({ Name: 'nope' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'nope' does not exist.",
    );
  });
});

describe('ListConnections', () => {
  it('filters by NamePrefix and ConnectionState and pages by Limit (recorded item shape)', async () => {
    const { client, clock } = setup();
    for (const n of ['list-b', 'list-a', 'other']) {
      await client.send(new EB.CreateConnectionCommand({ Name: n, AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH }));
    }
    await client.send(new EB.DeauthorizeConnectionCommand({ Name: 'list-b' }));
    const all = await client.send(new EB.ListConnectionsCommand({ NamePrefix: 'list-' }));
    assert.deepEqual(
      all.Connections?.map((c) => [c.Name, c.ConnectionState]),
      [
        ['list-a', 'AUTHORIZED'],
        ['list-b', 'DEAUTHORIZED'],
      ],
    );
    const first = all.Connections?.[0];
    assert.deepEqual(Object.keys(first ?? {}).sort(), ['AuthorizationType', 'ConnectionArn', 'ConnectionState', 'CreationTime', 'LastAuthorizedTime', 'LastModifiedTime', 'Name']);
    assert.equal(first?.AuthorizationType, 'BASIC');
    assert.equal(first?.CreationTime?.getTime(), clock.now());

    const authorized = await client.send(new EB.ListConnectionsCommand({ ConnectionState: 'AUTHORIZED' }));
    assert.deepEqual(authorized.Connections?.map((c) => c.Name), ['list-a', 'other']);

    const p1 = await client.send(new EB.ListConnectionsCommand({ Limit: 2 }));
    assert.deepEqual(p1.Connections?.map((c) => c.Name), ['list-a', 'list-b']);
    assert.ok(p1.NextToken);
    const p2 = await client.send(new EB.ListConnectionsCommand({ Limit: 2, NextToken: p1.NextToken }));
    assert.deepEqual(p2.Connections?.map((c) => c.Name), ['other']);
    assert.equal(p2.NextToken, undefined);
  });

  it('checks Limit against 1..100', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.ListConnectionsCommand({ Limit: 0 })),
      'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});

describe('UpdateConnection', () => {
  it('replaces the credentials and re-authorizes (recorded flow)', async () => {
    const { client, clock } = setup();
    const created = await client.send(
      new EB.CreateConnectionCommand({ Name: 'up', AuthorizationType: 'BASIC', AuthParameters: { ...BASIC_AUTH, InvocationHttpParameters: {} } }),
    );
    clock.set(clock.now() + 60_000);
    const out = await client.send(
      new EB.UpdateConnectionCommand({
        Name: 'up',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'new_user', Password: 'new_pass' }, InvocationHttpParameters: {} },
      }),
    );
    assert.equal(out.ConnectionArn, created.ConnectionArn);
    assert.equal(out.ConnectionState, 'AUTHORIZED');
    assert.equal(out.CreationTime?.getTime(), created.CreationTime?.getTime());
    assert.equal(out.LastModifiedTime?.getTime(), clock.now());
    assert.equal(out.LastAuthorizedTime?.getTime(), clock.now());
    const d = await client.send(new EB.DescribeConnectionCommand({ Name: 'up' }));
    assert.deepEqual(d.AuthParameters, { BasicAuthParameters: { Username: 'new_user' }, InvocationHttpParameters: {} });
  });

  it('switches the authorization type when the new block is complete', async () => {
    const { client } = setup();
    await client.send(new EB.CreateConnectionCommand({ Name: 'sw', AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH }));
    await rejects(
      client.send(new EB.UpdateConnectionCommand({ Name: 'sw', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k' } } })),
      'ValidationException',
      'ApiKeyAuthParameters must contain ApiKeyValue when the AuthorizationType changes to API_KEY.',
    );
    await client.send(
      new EB.UpdateConnectionCommand({ Name: 'sw', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }),
    );
    const d = await client.send(new EB.DescribeConnectionCommand({ Name: 'sw' }));
    assert.equal(d.AuthorizationType, 'API_KEY');
    assert.deepEqual(d.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'k' } });
  });

  it('answers ResourceNotFoundException for an unknown name', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.UpdateConnectionCommand({ Name: 'ghost', Description: 'd' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'ghost' does not exist.",
    );
  });
});

describe('DeleteConnection', () => {
  it('answers DELETING, then the connection is gone (recorded)', async () => {
    const { client, clock } = setup();
    const created = await client.send(new EB.CreateConnectionCommand({ Name: 'del', AuthorizationType: 'API_KEY', AuthParameters: API_KEY_AUTH }));
    const out = await client.send(new EB.DeleteConnectionCommand({ Name: 'del' }));
    assert.equal(out.ConnectionArn, created.ConnectionArn);
    assert.equal(out.ConnectionState, 'DELETING');
    assert.equal(out.CreationTime?.getTime(), clock.now());
    assert.equal(out.LastAuthorizedTime?.getTime(), clock.now());
    assert.equal(out.LastModifiedTime?.getTime(), clock.now());
    await rejects(
      client.send(new EB.DescribeConnectionCommand({ Name: 'del' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'del' does not exist.",
    );
    await rejects(
      client.send(new EB.DeleteConnectionCommand({ Name: 'del' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'del' does not exist.",
    );
  });
});

describe('DeauthorizeConnection', () => {
  it('answers DEAUTHORIZING, leaves it DEAUTHORIZED (destinations INACTIVE) until updated', async () => {
    const { client } = setup();
    const c = await client.send(new EB.CreateConnectionCommand({ Name: 'de', AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH }));
    await client.send(
      new EB.CreateApiDestinationCommand({ Name: 'dest', ConnectionArn: c.ConnectionArn, InvocationEndpoint: 'https://example.com/api', HttpMethod: 'POST' }),
    );
    const out = await client.send(new EB.DeauthorizeConnectionCommand({ Name: 'de' }));
    assert.equal(out.ConnectionState, 'DEAUTHORIZING');
    assert.equal(out.ConnectionArn, c.ConnectionArn);
    assert.equal((await client.send(new EB.DescribeConnectionCommand({ Name: 'de' }))).ConnectionState, 'DEAUTHORIZED');
    assert.equal((await client.send(new EB.DescribeApiDestinationCommand({ Name: 'dest' }))).ApiDestinationState, 'INACTIVE');

    await client.send(new EB.UpdateConnectionCommand({ Name: 'de', AuthParameters: { BasicAuthParameters: { Password: 'again' } } }));
    assert.equal((await client.send(new EB.DescribeConnectionCommand({ Name: 'de' }))).ConnectionState, 'AUTHORIZED');
    assert.equal((await client.send(new EB.DescribeApiDestinationCommand({ Name: 'dest' }))).ApiDestinationState, 'ACTIVE');
  });

  it('answers ResourceNotFoundException for an unknown name', async () => {
    const { client } = setup();
    await rejects(
      client.send(new EB.DeauthorizeConnectionCommand({ Name: 'ghost' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'ghost' does not exist.",
    );
  });
});

describe('API destinations', () => {
  async function withConnection(s: Setup, auth: 'BASIC' | 'OAUTH' = 'BASIC'): Promise<string> {
    const out =
      auth === 'BASIC'
        ? await s.client.send(new EB.CreateConnectionCommand({ Name: 'conn', AuthorizationType: 'BASIC', AuthParameters: BASIC_AUTH }))
        : await s.client.send(new EB.CreateConnectionCommand({ Name: 'conn', AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: UNREACHABLE_OAUTH }));
    return out.ConnectionArn ?? '';
  }

  it('create, describe, list, update, delete (recorded flow)', async () => {
    const s = setup();
    const { client, clock } = s;
    const connectionArn = await withConnection(s);
    const created = await client.send(
      new EB.CreateApiDestinationCommand({
        Name: 'dest',
        ConnectionArn: connectionArn,
        HttpMethod: 'POST',
        InvocationEndpoint: 'https://example.com/api',
        Description: 'Test API destination',
      }),
    );
    assert.match(created.ApiDestinationArn ?? '', new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:api-destination/dest/${UUID}$`));
    assert.equal(created.ApiDestinationState, 'ACTIVE');
    assert.equal(created.CreationTime?.getTime(), clock.now());
    assert.equal(created.LastModifiedTime?.getTime(), clock.now());

    const d = await client.send(new EB.DescribeApiDestinationCommand({ Name: 'dest' }));
    assert.deepEqual(
      { ...d, $metadata: undefined },
      {
        $metadata: undefined,
        ApiDestinationArn: created.ApiDestinationArn,
        ApiDestinationState: 'ACTIVE',
        ConnectionArn: connectionArn,
        CreationTime: new Date(clock.now()),
        Description: 'Test API destination',
        HttpMethod: 'POST',
        InvocationEndpoint: 'https://example.com/api',
        InvocationRateLimitPerSecond: 300,
        LastModifiedTime: new Date(clock.now()),
        Name: 'dest',
      },
    );

    const list = await client.send(new EB.ListApiDestinationsCommand({ NamePrefix: 'dest' }));
    assert.equal(list.ApiDestinations?.length, 1);
    assert.deepEqual(Object.keys(list.ApiDestinations?.[0] ?? {}).sort(), [
      'ApiDestinationArn',
      'ApiDestinationState',
      'ConnectionArn',
      'CreationTime',
      'HttpMethod',
      'InvocationEndpoint',
      'InvocationRateLimitPerSecond',
      'LastModifiedTime',
      'Name',
    ]);
    assert.deepEqual((await client.send(new EB.ListApiDestinationsCommand({ ConnectionArn: connectionArn }))).ApiDestinations?.map((x) => x.Name), ['dest']);
    assert.deepEqual((await client.send(new EB.ListApiDestinationsCommand({ NamePrefix: 'zzz' }))).ApiDestinations, []);

    clock.set(clock.now() + 1000);
    const updated = await client.send(
      new EB.UpdateApiDestinationCommand({
        Name: 'dest',
        ConnectionArn: connectionArn,
        HttpMethod: 'PUT',
        InvocationEndpoint: 'https://example.com/api/v2',
        Description: 'Updated API destination',
        InvocationRateLimitPerSecond: 10,
      }),
    );
    assert.equal(updated.ApiDestinationState, 'ACTIVE');
    assert.equal(updated.LastModifiedTime?.getTime(), clock.now());
    const d2 = await client.send(new EB.DescribeApiDestinationCommand({ Name: 'dest' }));
    assert.equal(d2.HttpMethod, 'PUT');
    assert.equal(d2.InvocationEndpoint, 'https://example.com/api/v2');
    assert.equal(d2.Description, 'Updated API destination');
    assert.equal(d2.InvocationRateLimitPerSecond, 10);

    const del = await client.send(new EB.DeleteApiDestinationCommand({ Name: 'dest' }));
    assert.deepEqual(Object.keys(del).filter((k) => k !== '$metadata'), []);
    await rejects(
      client.send(new EB.DescribeApiDestinationCommand({ Name: 'dest' })),
      'ResourceNotFoundException',
      "Failed to describe the api-destination(s). An api-destination 'dest' does not exist.",
    );
  });

  it('is INACTIVE while its connection is not AUTHORIZED (recorded for OAuth)', async () => {
    const s = setup();
    const arn = await withConnection(s, 'OAUTH');
    const out = await s.client.send(
      new EB.CreateApiDestinationCommand({ Name: 'od', ConnectionArn: arn, HttpMethod: 'POST', InvocationEndpoint: 'https://example.com/api' }),
    );
    assert.equal(out.ApiDestinationState, 'INACTIVE');
    s.store.close();
  });

  it('rejects a bad ConnectionArn and HttpMethod in one error (recorded text)', async () => {
    const { client } = setup();
    await rejects(
      client.send(
        new EB.CreateApiDestinationCommand({
          Name: 'd',
          ConnectionArn: 'invalid-connection-arn',
          HttpMethod: 'INVALID_METHOD' as never,
          InvocationEndpoint: 'invalid-endpoint',
        }),
      ),
      'ValidationException',
      "2 validation errors detected: Value 'invalid-connection-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$; Value 'INVALID_METHOD' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [HEAD, POST, PATCH, DELETE, PUT, GET, OPTIONS]",
    );
  });

  it('rejects a bad name (recorded text) and a rate limit below 1', async () => {
    const s = setup();
    const arn = await withConnection(s);
    await rejects(
      s.client.send(new EB.CreateApiDestinationCommand({ Name: 'Invalid Name With Spaces!', ConnectionArn: arn, HttpMethod: 'POST', InvocationEndpoint: 'https://example.com/api' })),
      'ValidationException',
      "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    await rejects(
      s.client.send(
        new EB.CreateApiDestinationCommand({ Name: 'd', ConnectionArn: arn, HttpMethod: 'POST', InvocationEndpoint: 'https://example.com/api', InvocationRateLimitPerSecond: 0 }),
      ),
      'ValidationException',
      "1 validation error detected: Value '0' at 'invocationRateLimitPerSecond' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('needs an existing connection and a fresh name', async () => {
    const s = setup();
    const arn = await withConnection(s);
    const ghost = `arn:aws:events:${REGION}:${ACCOUNT}:connection/ghost/${randomUUID()}`;
    await rejects(
      s.client.send(new EB.CreateApiDestinationCommand({ Name: 'd', ConnectionArn: ghost, HttpMethod: 'POST', InvocationEndpoint: 'https://example.com' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'ghost' does not exist.",
    );
    await s.client.send(new EB.CreateApiDestinationCommand({ Name: 'd', ConnectionArn: arn, HttpMethod: 'POST', InvocationEndpoint: 'https://example.com' }));
    await assert.rejects(
      s.client.send(new EB.CreateApiDestinationCommand({ Name: 'd', ConnectionArn: arn, HttpMethod: 'POST', InvocationEndpoint: 'https://example.com' })),
      (e: Error) => e.name === 'ResourceAlreadyExistsException' && e.message === "An api-destination 'd' already exists.",
    );
  });

  it('Update and Delete answer ResourceNotFoundException for an unknown name', async () => {
    const { client } = setup();
    const text = "Failed to describe the api-destination(s). An api-destination 'ghost' does not exist.";
    await rejects(client.send(new EB.UpdateApiDestinationCommand({ Name: 'ghost', HttpMethod: 'GET' })), 'ResourceNotFoundException', text);
    await rejects(client.send(new EB.DeleteApiDestinationCommand({ Name: 'ghost' })), 'ResourceNotFoundException', text);
  });

  it('keeps state per account and region', async () => {
    const s = setup();
    await withConnection(s);
    const other = inProcessClient(connectionOperations(s.store), '111111111111');
    assert.deepEqual((await other.send(new EB.ListConnectionsCommand({}))).Connections, []);
    await rejects(
      other.send(new EB.DescribeConnectionCommand({ Name: 'conn' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'conn' does not exist.",
    );
  });
});
