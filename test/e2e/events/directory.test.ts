/**
 * Global endpoints and partner event sources end to end: a real Signalbox on port 0 and real
 * `@aws-sdk/client-eventbridge` clients. A client whose access key is a 12-digit number acts as
 * that account, so the partner and the customer are two clients of one server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { createSignalbox, type Signalbox } from '../../../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const PARTNER = '111111111111';
const CUSTOMER = '222222222222';

async function rejects(p: Promise<unknown>, name: string, message: string): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

describe('EventBridge global endpoints and partner event sources (e2e)', () => {
  let sb: Signalbox;
  let url: string;
  const clients: EB.EventBridgeClient[] = [];
  const client = (accessKeyId = 'AKIDEXAMPLE', region = REGION): EB.EventBridgeClient => {
    const c = new EB.EventBridgeClient({ endpoint: url, region, credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
    clients.push(c);
    return c;
  };

  before(async () => {
    sb = await createSignalbox({ logLevel: 'silent' });
    url = await sb.listen(0);
  });

  after(async () => {
    for (const c of clients) c.destroy();
    await sb.close();
  });

  const ROUTING = {
    FailoverConfig: { Primary: { HealthCheck: 'arn:aws:route53:::healthcheck/7f4243fa-ce7e-493b-b3de-4d2058e52ce7' }, Secondary: { Route: 'us-east-2' } },
  };
  const BUSES = [{ EventBusArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` }, { EventBusArn: `arn:aws:events:us-east-2:${ACCOUNT}:event-bus/default` }];
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/Amazon_EventBridge_Invoke_Event_Bus_468661116`;

  it('CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint, DeleteEndpoint', async () => {
    const eb = client();
    const created = await eb.send(
      new EB.CreateEndpointCommand({ Name: 'WestProdConnection', EventBuses: BUSES, ReplicationConfig: { State: 'ENABLED' }, RoutingConfig: ROUTING, RoleArn: ROLE }),
    );
    assert.equal(created.Arn, `arn:aws:events:${REGION}:${ACCOUNT}:endpoint/WestProdConnection`);
    assert.equal(created.State, 'CREATING');
    assert.deepEqual(created.EventBuses, BUSES);
    assert.deepEqual(created.RoutingConfig, ROUTING);

    const d = await eb.send(new EB.DescribeEndpointCommand({ Name: 'WestProdConnection' }));
    assert.equal(d.State, 'ACTIVE');
    assert.match(d.EndpointId ?? '', /^[a-z0-9]{10}\.veo$/);
    assert.equal(d.EndpointUrl, `https://${d.EndpointId}.endpoint.events.amazonaws.com`);
    assert.equal(d.RoleArn, ROLE);
    assert.ok(d.CreationTime instanceof Date);

    const list = await eb.send(new EB.ListEndpointsCommand({ NamePrefix: 'WestProd' }));
    assert.deepEqual(list.Endpoints?.map((e) => [e.Name, e.EndpointId, e.State]), [['WestProdConnection', d.EndpointId, 'ACTIVE']]);

    const up = await eb.send(new EB.UpdateEndpointCommand({ Name: 'WestProdConnection', Description: 'test endpoint' }));
    assert.equal(up.State, 'ACTIVE');
    assert.equal(up.EndpointUrl, d.EndpointUrl);
    assert.equal((await eb.send(new EB.DescribeEndpointCommand({ Name: 'WestProdConnection' }))).Description, 'test endpoint');

    await rejects(
      eb.send(new EB.CreateEndpointCommand({ Name: 'WestProdConnection', EventBuses: BUSES, RoutingConfig: ROUTING })),
      'ResourceAlreadyExistsException',
      'Endpoint WestProdConnection already exists.',
    );
    await eb.send(new EB.DeleteEndpointCommand({ Name: 'WestProdConnection' }));
    await rejects(eb.send(new EB.DescribeEndpointCommand({ Name: 'WestProdConnection' })), 'ResourceNotFoundException', 'Endpoint WestProdConnection does not exist.');
    await rejects(
      eb.send(new EB.CreateEndpointCommand({ Name: 'bad name', EventBuses: BUSES, RoutingConfig: ROUTING })),
      'ValidationException',
      "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
  });

  it('a partner offers an event source; the customer sees, activates and deactivates it; the partner deletes it', async () => {
    const partner = client(PARTNER);
    const customer = client(CUSTOMER);
    const name = 'aws.partner/example.com/e2e/orders';
    const arn = `arn:aws:events:${REGION}::event-source/${name}`;

    assert.equal((await partner.send(new EB.CreatePartnerEventSourceCommand({ Name: name, Account: CUSTOMER }))).EventSourceArn, arn);
    await rejects(
      partner.send(new EB.CreatePartnerEventSourceCommand({ Name: name, Account: CUSTOMER })),
      'ResourceAlreadyExistsException',
      `Event source ${name} already exists.`,
    );
    assert.deepEqual(await partner.send(new EB.DescribePartnerEventSourceCommand({ Name: name })).then((o) => [o.Arn, o.Name]), [arn, name]);
    assert.deepEqual(
      (await partner.send(new EB.ListPartnerEventSourcesCommand({ NamePrefix: 'aws.partner/example.com/' }))).PartnerEventSources,
      [{ Arn: arn, Name: name }],
    );
    const accounts = await partner.send(new EB.ListPartnerEventSourceAccountsCommand({ EventSourceName: name }));
    assert.deepEqual(accounts.PartnerEventSourceAccounts?.map((a) => [a.Account, a.State]), [[CUSTOMER, 'PENDING']]);

    const seen = await customer.send(new EB.DescribeEventSourceCommand({ Name: name }));
    assert.deepEqual([seen.Arn, seen.Name, seen.State, seen.CreatedBy], [arn, name, 'PENDING', 'example.com']);
    assert.ok(seen.ExpirationTime instanceof Date);
    assert.deepEqual((await customer.send(new EB.ListEventSourcesCommand({ NamePrefix: 'aws.partner/' }))).EventSources?.map((s) => s.Name), [name]);

    await customer.send(new EB.ActivateEventSourceCommand({ Name: name }));
    assert.equal((await customer.send(new EB.DescribeEventSourceCommand({ Name: name }))).State, 'ACTIVE');
    await customer.send(new EB.DeactivateEventSourceCommand({ Name: name }));
    assert.equal((await customer.send(new EB.DescribeEventSourceCommand({ Name: name }))).State, 'PENDING');

    await partner.send(new EB.DeletePartnerEventSourceCommand({ Name: name, Account: CUSTOMER }));
    assert.equal((await customer.send(new EB.DescribeEventSourceCommand({ Name: name }))).State, 'DELETED');
    await rejects(customer.send(new EB.ActivateEventSourceCommand({ Name: name })), 'InvalidStateException', `Event source ${name} is in state DELETED.`);
    await rejects(partner.send(new EB.DescribePartnerEventSourceCommand({ Name: name })), 'ResourceNotFoundException', `Event source ${name} does not exist.`);
    await rejects(
      client().send(new EB.DescribeEventSourceCommand({ Name: name })),
      'ResourceNotFoundException',
      `Event source ${name} does not exist.`,
    );
  });
});
