/**
 * Global endpoints, partner event sources and event sources through the real EventBridge SDK
 * client and the protocol layer, in process (no sockets). Partner flows use two accounts: a client
 * whose access key is a 12-digit account id acts as that account.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { ManualClock } from '../../../src/core/clock.js';
import { DirectoryStore, directoryOperations, PENDING_LIFETIME_MS } from '../../../src/services/events/directory/index.js';
import type { Handlers } from '../../../src/services/context.js';
import { inProcessClient } from './in-process-client.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const PARTNER = '111111111111';
const CUSTOMER = '222222222222';


function setup(): { ops: Handlers; store: DirectoryStore; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = new DirectoryStore({ clock });
  return { ops: directoryOperations(store), store, clock };
}

async function rejects(p: Promise<unknown>, name: string, message: string): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${name}`);
  const err = caught as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  assert.equal(err.name, name, `error name (message: ${err.message})`);
  assert.equal(err.message, message);
  assert.equal(err.$metadata?.httpStatusCode, 400);
}

const ROUTING = {
  FailoverConfig: {
    Primary: { HealthCheck: 'arn:aws:route53:::healthcheck/8f7dc0b8-ad9e-1234-846e-3a475c53bb76' },
    Secondary: { Route: 'us-east-2' },
  },
};
const BUSES = [{ EventBusArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/prod` }, { EventBusArn: `arn:aws:events:us-east-2:${ACCOUNT}:event-bus/prod` }];
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/Amazon_EventBridge_Invoke_Event_Bus_prod`;

function endpointInput(name: string): EB.CreateEndpointCommandInput {
  return { Name: name, Description: 'sample endpoint', RoutingConfig: ROUTING, ReplicationConfig: { State: 'ENABLED' }, EventBuses: BUSES, RoleArn: ROLE };
}

describe('global endpoints', () => {
  it('CreateEndpoint answers CREATING without id or URL; Describe shows it ACTIVE with both (AWS CLI examples)', async () => {
    const { ops, clock } = setup();
    const client = inProcessClient(ops);
    const created = await client.send(new EB.CreateEndpointCommand(endpointInput('prod')));
    const { $metadata: _m, ...createdBody } = created;
    assert.deepEqual(createdBody, {
      Name: 'prod',
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:endpoint/prod`,
      RoutingConfig: ROUTING,
      ReplicationConfig: { State: 'ENABLED' },
      EventBuses: BUSES,
      RoleArn: ROLE,
      State: 'CREATING',
    });

    const d = await client.send(new EB.DescribeEndpointCommand({ Name: 'prod' }));
    assert.match(d.EndpointId ?? '', /^[a-z0-9]{10}\.veo$/);
    const { $metadata: _d, ...body } = d;
    assert.deepEqual(body, {
      Name: 'prod',
      Description: 'sample endpoint',
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:endpoint/prod`,
      RoutingConfig: ROUTING,
      ReplicationConfig: { State: 'ENABLED' },
      EventBuses: BUSES,
      RoleArn: ROLE,
      EndpointId: d.EndpointId,
      EndpointUrl: `https://${d.EndpointId}.endpoint.events.amazonaws.com`,
      State: 'ACTIVE',
      CreationTime: new Date(clock.now()),
      LastModifiedTime: new Date(clock.now()),
    });
    assert.equal((await client.send(new EB.DescribeEndpointCommand({ Name: 'prod', HomeRegion: REGION }))).Arn, body.Arn);
  });

  it('CreateEndpoint checks the model constraints and refuses a second endpoint of the same name', async () => {
    const { ops } = setup();
    const client = inProcessClient(ops);
    const firstBus = BUSES[0];
    assert.ok(firstBus);
    await rejects(
      client.send(
        new EB.CreateEndpointCommand({
          ...endpointInput('bad'),
          RoutingConfig: { FailoverConfig: { Primary: { HealthCheck: 'hc-1' }, Secondary: { Route: 'x' } } },
          EventBuses: [firstBus],
        }),
      ),
      'ValidationException',
      "3 validation errors detected: Value 'hc-1' at 'routingConfig.failoverConfig.primary.healthCheck' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:route53:::healthcheck/[\\-a-z0-9]+$; " +
        "Value 'x' at 'routingConfig.failoverConfig.secondary.route' failed to satisfy constraint: Member must have length greater than or equal to 9; " +
        `Value '[{eventBusArn=${firstBus.EventBusArn}}]' at 'eventBuses' failed to satisfy constraint: Member must have length greater than or equal to 2`,
    );
    await client.send(new EB.CreateEndpointCommand(endpointInput('twice')));
    await rejects(client.send(new EB.CreateEndpointCommand(endpointInput('twice'))), 'ResourceAlreadyExistsException', 'Endpoint twice already exists.');
  });

  it('ListEndpoints filters by NamePrefix and HomeRegion and pages by MaxResults', async () => {
    const { ops } = setup();
    const client = inProcessClient(ops);
    for (const n of ['ep-b', 'ep-a', 'other']) await client.send(new EB.CreateEndpointCommand(endpointInput(n)));
    const all = await client.send(new EB.ListEndpointsCommand({ NamePrefix: 'ep-' }));
    assert.deepEqual(all.Endpoints?.map((e) => [e.Name, e.State]), [
      ['ep-a', 'ACTIVE'],
      ['ep-b', 'ACTIVE'],
    ]);
    assert.match(all.Endpoints?.[0]?.EndpointUrl ?? '', /^https:\/\/[a-z0-9]{10}\.veo\.endpoint\.events\.amazonaws\.com$/);
    const p1 = await client.send(new EB.ListEndpointsCommand({ MaxResults: 2 }));
    assert.deepEqual(p1.Endpoints?.map((e) => e.Name), ['ep-a', 'ep-b']);
    const p2 = await client.send(new EB.ListEndpointsCommand({ MaxResults: 2, NextToken: p1.NextToken }));
    assert.deepEqual(p2.Endpoints?.map((e) => e.Name), ['other']);
    assert.equal(p2.NextToken, undefined);
    assert.deepEqual((await client.send(new EB.ListEndpointsCommand({ HomeRegion: 'eu-west-1' }))).Endpoints, []);
    await rejects(
      client.send(new EB.ListEndpointsCommand({ MaxResults: 101 })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('UpdateEndpoint changes what it is given and answers with id, URL and State ACTIVE (AWS CLI example)', async () => {
    const { ops, clock } = setup();
    const client = inProcessClient(ops);
    await client.send(new EB.CreateEndpointCommand(endpointInput('test')));
    const before = await client.send(new EB.DescribeEndpointCommand({ Name: 'test' }));
    clock.set(clock.now() + 5000);
    const out = await client.send(new EB.UpdateEndpointCommand({ Name: 'test', Description: 'test endpoint', ReplicationConfig: { State: 'DISABLED' } }));
    assert.equal(out.State, 'ACTIVE');
    assert.equal(out.EndpointId, before.EndpointId);
    assert.equal(out.EndpointUrl, before.EndpointUrl);
    assert.deepEqual(out.ReplicationConfig, { State: 'DISABLED' });
    assert.deepEqual(out.EventBuses, BUSES);
    const after = await client.send(new EB.DescribeEndpointCommand({ Name: 'test' }));
    assert.equal(after.Description, 'test endpoint');
    assert.equal(after.LastModifiedTime?.getTime(), clock.now());
    assert.equal(after.CreationTime?.getTime(), before.CreationTime?.getTime());
    await rejects(client.send(new EB.UpdateEndpointCommand({ Name: 'ghost', Description: 'x' })), 'ResourceNotFoundException', 'Endpoint ghost does not exist.');
  });

  it('DeleteEndpoint removes it; the next Describe and Delete answer ResourceNotFoundException', async () => {
    const { ops, store } = setup();
    const client = inProcessClient(ops);
    await client.send(new EB.CreateEndpointCommand(endpointInput('gone')));
    const id = (await client.send(new EB.DescribeEndpointCommand({ Name: 'gone' }))).EndpointId ?? '';
    assert.equal(store.endpointById(ACCOUNT, id)?.name, 'gone');
    const out = await client.send(new EB.DeleteEndpointCommand({ Name: 'gone' }));
    assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    assert.equal(store.endpointById(ACCOUNT, id), undefined);
    await rejects(client.send(new EB.DescribeEndpointCommand({ Name: 'gone' })), 'ResourceNotFoundException', 'Endpoint gone does not exist.');
    await rejects(client.send(new EB.DeleteEndpointCommand({ Name: 'gone' })), 'ResourceNotFoundException', 'Endpoint gone does not exist.');
  });
});

describe('partner event sources', () => {
  const NAME = 'aws.partner/example.com/123/orders';
  const ARN = `arn:aws:events:${REGION}::event-source/${NAME}`;

  async function offered(): Promise<{ partner: EB.EventBridgeClient; customer: EB.EventBridgeClient; store: DirectoryStore; clock: ManualClock }> {
    const { ops, store, clock } = setup();
    const partner = inProcessClient(ops, PARTNER);
    const customer = inProcessClient(ops, CUSTOMER);
    const out = await partner.send(new EB.CreatePartnerEventSourceCommand({ Name: NAME, Account: CUSTOMER }));
    assert.equal(out.EventSourceArn, ARN);
    return { partner, customer, store, clock };
  }

  it('CreatePartnerEventSource offers the source to the account, PENDING for two weeks', async () => {
    const { customer, clock } = await offered();
    const d = await customer.send(new EB.DescribeEventSourceCommand({ Name: NAME }));
    const { $metadata: _m, ...body } = d;
    assert.deepEqual(body, {
      Arn: ARN,
      CreatedBy: 'example.com',
      CreationTime: new Date(clock.now()),
      ExpirationTime: new Date(clock.now() + PENDING_LIFETIME_MS),
      Name: NAME,
      State: 'PENDING',
    });
  });

  it('CreatePartnerEventSource checks the name and account, and refuses a repeat', async () => {
    const { partner } = await offered();
    await rejects(
      partner.send(new EB.CreatePartnerEventSourceCommand({ Name: 'example.com/x', Account: '123' })),
      'ValidationException',
      "3 validation errors detected: Value 'example.com/x' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}; " +
        "Value '123' at 'account' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}; " +
        "Value '123' at 'account' failed to satisfy constraint: Member must have length greater than or equal to 12",
    );
    await rejects(
      partner.send(new EB.CreatePartnerEventSourceCommand({ Name: NAME, Account: CUSTOMER })),
      'ResourceAlreadyExistsException',
      `Event source ${NAME} already exists.`,
    );
  });

  it('DescribePartnerEventSource and ListPartnerEventSources show the partner its own sources only', async () => {
    const { partner, customer } = await offered();
    const d = await partner.send(new EB.DescribePartnerEventSourceCommand({ Name: NAME }));
    assert.equal(d.Arn, ARN);
    assert.equal(d.Name, NAME);
    await rejects(customer.send(new EB.DescribePartnerEventSourceCommand({ Name: NAME })), 'ResourceNotFoundException', `Event source ${NAME} does not exist.`);
    const list = await partner.send(new EB.ListPartnerEventSourcesCommand({ NamePrefix: 'aws.partner/example.com/' }));
    assert.deepEqual(list.PartnerEventSources, [{ Arn: ARN, Name: NAME }]);
    assert.deepEqual((await customer.send(new EB.ListPartnerEventSourcesCommand({ NamePrefix: 'aws.partner/example.com/' }))).PartnerEventSources, []);
  });

  it('ListPartnerEventSourceAccounts lists each account with its state', async () => {
    const { partner, clock } = await offered();
    await partner.send(new EB.CreatePartnerEventSourceCommand({ Name: NAME, Account: '333333333333' }));
    const out = await partner.send(new EB.ListPartnerEventSourceAccountsCommand({ EventSourceName: NAME }));
    assert.deepEqual(out.PartnerEventSourceAccounts, [
      { Account: CUSTOMER, CreationTime: new Date(clock.now()), ExpirationTime: new Date(clock.now() + PENDING_LIFETIME_MS), State: 'PENDING' },
      { Account: '333333333333', CreationTime: new Date(clock.now()), ExpirationTime: new Date(clock.now() + PENDING_LIFETIME_MS), State: 'PENDING' },
    ]);
    await rejects(
      partner.send(new EB.ListPartnerEventSourceAccountsCommand({ EventSourceName: 'aws.partner/example.com/none' })),
      'ResourceNotFoundException',
      'Event source aws.partner/example.com/none does not exist.',
    );
  });

  it('ListEventSources shows the customer what it was offered', async () => {
    const { customer, partner } = await offered();
    const out = await customer.send(new EB.ListEventSourcesCommand({ NamePrefix: 'aws.partner/example.com' }));
    assert.deepEqual(out.EventSources?.map((s) => [s.Name, s.State, s.CreatedBy]), [[NAME, 'PENDING', 'example.com']]);
    assert.deepEqual((await partner.send(new EB.ListEventSourcesCommand({}))).EventSources, []);
  });

  it('ActivateEventSource and DeactivateEventSource move it between ACTIVE and PENDING', async () => {
    const { customer, store, clock } = await offered();
    assert.deepEqual(store.partnerEventAccounts(PARTNER, REGION, NAME), []);
    await customer.send(new EB.ActivateEventSourceCommand({ Name: NAME }));
    const active = await customer.send(new EB.DescribeEventSourceCommand({ Name: NAME }));
    assert.equal(active.State, 'ACTIVE');
    assert.equal(active.ExpirationTime, undefined);
    assert.deepEqual(store.partnerEventAccounts(PARTNER, REGION, NAME), [CUSTOMER]);

    clock.set(clock.now() + 1000);
    await customer.send(new EB.DeactivateEventSourceCommand({ Name: NAME }));
    const pending = await customer.send(new EB.DescribeEventSourceCommand({ Name: NAME }));
    assert.equal(pending.State, 'PENDING');
    assert.equal(pending.ExpirationTime?.getTime(), clock.now() + PENDING_LIFETIME_MS);
    await rejects(
      customer.send(new EB.ActivateEventSourceCommand({ Name: 'aws.partner/example.com/none' })),
      'ResourceNotFoundException',
      'Event source aws.partner/example.com/none does not exist.',
    );
  });

  it('DeletePartnerEventSource leaves the customer a DELETED source that cannot be activated', async () => {
    const { partner, customer } = await offered();
    await partner.send(new EB.DeletePartnerEventSourceCommand({ Name: NAME, Account: CUSTOMER }));
    assert.equal((await customer.send(new EB.DescribeEventSourceCommand({ Name: NAME }))).State, 'DELETED');
    await rejects(customer.send(new EB.ActivateEventSourceCommand({ Name: NAME })), 'InvalidStateException', `Event source ${NAME} is in state DELETED.`);
    await rejects(customer.send(new EB.DeactivateEventSourceCommand({ Name: NAME })), 'InvalidStateException', `Event source ${NAME} is in state DELETED.`);
    await rejects(partner.send(new EB.DescribePartnerEventSourceCommand({ Name: NAME })), 'ResourceNotFoundException', `Event source ${NAME} does not exist.`);
    // Deleting again is not an error (the operation models no ResourceNotFoundException).
    await partner.send(new EB.DeletePartnerEventSourceCommand({ Name: NAME, Account: CUSTOMER }));
  });

  it('DescribeEventSource answers ResourceNotFoundException for a source not offered', async () => {
    const { ops } = setup();
    await rejects(
      inProcessClient(ops, CUSTOMER).send(new EB.DescribeEventSourceCommand({ Name: 'aws.partner/x.com/y' })),
      'ResourceNotFoundException',
      'Event source aws.partner/x.com/y does not exist.',
    );
  });
});
