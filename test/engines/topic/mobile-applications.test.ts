import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../src/core/clock.js';
import {
  EndpointNotFound,
  EndpointTokenConflict,
  MobileStore,
  PlatformApplicationNotFound,
  endpointScope,
  isPlatform,
  parseArn,
  type ApplicationEvent,
} from '../../../src/engines/topic/mobile/index.js';

const east = { account: '000000000000', region: 'us-east-1' };
const west = { account: '000000000000', region: 'us-west-2' };

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  let n = 0;
  const store = new MobileStore({ clock, newId: () => `id-${++n}` });
  return { clock, store, apps: store.applications };
}

function adm(store: MobileStore, name = 'app1', attributes: Record<string, string> = {}) {
  return store.applications.createPlatformApplication(east, { name, platform: 'ADM', attributes, principal: 'client-id', credential: 'secret' });
}

describe('mobile store: platform applications', () => {
  it('creates an application with its ARN, Enabled=true and no credentials in the attributes', () => {
    const { store, apps } = setup();
    const app = adm(store, 'app1', { SuccessFeedbackSampleRate: '50' });
    assert.equal(app.arn, 'arn:aws:sns:us-east-1:000000000000:app/ADM/app1');
    assert.deepEqual(app.attributes, { Enabled: 'true', SuccessFeedbackSampleRate: '50' });
    assert.deepEqual(apps.requirePlatformApplication(east, app.arn), app);
    assert.equal(apps.getPlatformApplication(west, app.arn), undefined, 'other regions do not see it');
    assert.throws(() => apps.requirePlatformApplication(west, app.arn), PlatformApplicationNotFound);
  });

  it('re-creating the same name updates attributes and keeps the ARN and endpoints', () => {
    const { store, apps } = setup();
    const app = adm(store);
    apps.createPlatformEndpoint(east, app.arn, 'tok');
    const again = apps.createPlatformApplication(east, { name: 'app1', platform: 'ADM', attributes: { EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:t' } });
    assert.equal(again.arn, app.arn);
    assert.equal(again.attributes.EventEndpointCreated, 'arn:aws:sns:us-east-1:000000000000:t');
    assert.equal(apps.listEndpoints(east, app.arn).length, 1);
  });

  it('lists applications sorted by ARN; set merges attributes, credentials stay hidden', () => {
    const { store, apps } = setup();
    const b = adm(store, 'b');
    const a = apps.createPlatformApplication(east, { name: 'a', platform: 'GCM', attributes: {}, credential: 'api-key' });
    assert.deepEqual(apps.listPlatformApplications(east).map((x) => x.arn), [a.arn, b.arn].sort());
    apps.setPlatformApplicationAttributes(east, b.arn, { PlatformCredential: 'new', Enabled: 'false' });
    assert.deepEqual(apps.requirePlatformApplication(east, b.arn).attributes, { Enabled: 'false' });
    assert.throws(() => apps.setPlatformApplicationAttributes(east, b.arn + 'x', { Enabled: 'true' }), PlatformApplicationNotFound);
  });

  it('deleting an application deletes its endpoints; deleting twice is fine', () => {
    const { store, apps } = setup();
    const app = adm(store);
    const { endpoint } = apps.createPlatformEndpoint(east, app.arn, 'tok');
    assert.equal(apps.deletePlatformApplication(east, app.arn), true);
    assert.equal(apps.deletePlatformApplication(east, app.arn), false);
    assert.equal(apps.getEndpoint(east, endpoint.arn), undefined);
    assert.throws(() => apps.listEndpoints(east, app.arn), PlatformApplicationNotFound);
  });
});

describe('mobile store: platform endpoints', () => {
  it('creates endpoints with Enabled, Token and the given attributes under the application ARN', () => {
    const { store, apps } = setup();
    const app = adm(store);
    const { endpoint, created } = apps.createPlatformEndpoint(east, app.arn, 'token_1', { CustomUserData: 'bar' });
    assert.equal(created, true);
    assert.equal(endpoint.arn, 'arn:aws:sns:us-east-1:000000000000:endpoint/ADM/app1/id-1');
    assert.deepEqual(endpoint.attributes, { Enabled: 'true', Token: 'token_1', CustomUserData: 'bar' });
    assert.equal(endpoint.applicationArn, app.arn);
    assert.equal(endpoint.platform, 'ADM');
    assert.deepEqual(apps.requireEndpoint(east, endpoint.arn), endpoint);
  });

  it('is idempotent for the same token and attributes, and refuses the token with other attributes', () => {
    const { store, apps } = setup();
    const app = adm(store);
    const first = apps.createPlatformEndpoint(east, app.arn, 'token_1');
    const second = apps.createPlatformEndpoint(east, app.arn, 'token_1');
    assert.equal(second.created, false);
    assert.equal(second.endpoint.arn, first.endpoint.arn);
    assert.throws(
      () => apps.createPlatformEndpoint(east, app.arn, 'token_1', { Enabled: 'false' }),
      (e: unknown) => e instanceof EndpointTokenConflict && e.existingArn === first.endpoint.arn,
    );
    // After the endpoint was disabled, the plain request no longer matches either.
    apps.setEndpointAttributes(east, first.endpoint.arn, { Enabled: 'false' });
    assert.throws(() => apps.createPlatformEndpoint(east, app.arn, 'token_1'), EndpointTokenConflict);
    assert.equal(apps.createPlatformEndpoint(east, app.arn, 'token_1', { Enabled: 'false' }).endpoint.arn, first.endpoint.arn);
    assert.throws(() => apps.createPlatformEndpoint(east, app.arn + '-missing', 't'), PlatformApplicationNotFound);
  });

  it('changing the Token re-keys the endpoint', () => {
    const { store, apps } = setup();
    const app = adm(store);
    const { endpoint } = apps.createPlatformEndpoint(east, app.arn, 'old');
    apps.setEndpointAttributes(east, endpoint.arn, { Token: 'new' });
    assert.equal(apps.createPlatformEndpoint(east, app.arn, 'new').endpoint.arn, endpoint.arn);
    const other = apps.createPlatformEndpoint(east, app.arn, 'old');
    assert.equal(other.created, true);
    assert.notEqual(other.endpoint.arn, endpoint.arn);
  });

  it('lists, updates and deletes endpoints; unknown ones are not found', () => {
    const { store, apps } = setup();
    const app = adm(store);
    const a = apps.createPlatformEndpoint(east, app.arn, 'a').endpoint;
    const b = apps.createPlatformEndpoint(east, app.arn, 'b').endpoint;
    assert.deepEqual(apps.listEndpoints(east, app.arn).map((e) => e.arn), [a.arn, b.arn].sort());
    assert.deepEqual(apps.setEndpointAttributes(east, a.arn, { CustomUserData: 'x' }).attributes, { Enabled: 'true', Token: 'a', CustomUserData: 'x' });
    assert.equal(apps.deleteEndpoint(east, a.arn), true);
    assert.equal(apps.deleteEndpoint(east, a.arn), false);
    assert.deepEqual(apps.listEndpoints(east, app.arn).map((e) => e.arn), [b.arn]);
    assert.throws(() => apps.requireEndpoint(east, a.arn), EndpointNotFound);
    assert.throws(() => apps.setEndpointAttributes(east, a.arn, { Enabled: 'true' }), EndpointNotFound);
  });

  it('raises application events to the topics the application names', () => {
    const { clock, store, apps } = setup();
    const topic = (n: string) => `arn:aws:sns:us-east-1:000000000000:${n}`;
    const app = adm(store, 'app1', { EventEndpointCreated: topic('created'), EventEndpointUpdated: topic('updated'), EventEndpointDeleted: topic('deleted') });
    const events: ApplicationEvent[] = [];
    const stop = store.applications.onApplicationEvent((e) => events.push(e));
    store.applications.onApplicationEvent(() => {
      throw new Error('a broken listener does not undo the change');
    });
    const { endpoint } = apps.createPlatformEndpoint(east, app.arn, 't');
    clock.set(Date.UTC(2026, 0, 2));
    apps.setEndpointAttributes(east, endpoint.arn, { Enabled: 'false' });
    apps.deleteEndpoint(east, endpoint.arn);
    assert.deepEqual(
      events.map((e) => [e.eventType, e.topicArn, e.endpointArn, e.applicationArn]),
      [
        ['EndpointCreated', topic('created'), endpoint.arn, app.arn],
        ['EndpointUpdated', topic('updated'), endpoint.arn, app.arn],
        ['EndpointDeleted', topic('deleted'), endpoint.arn, app.arn],
      ],
    );
    assert.deepEqual(JSON.parse(events[1]!.message), {
      EndpointArn: endpoint.arn,
      EventType: 'EndpointUpdated',
      Resource: app.arn,
      Service: 'SNS',
      Time: '2026-01-02T00:00:00.000Z',
    });
    stop();
    apps.createPlatformEndpoint(east, app.arn, 'u');
    assert.equal(events.length, 3, 'unsubscribed');
  });
});

describe('mobile ARNs and platforms', () => {
  it('parses ARNs and endpoint scopes', () => {
    assert.equal(parseArn('invalid-arn'), undefined);
    assert.deepEqual(parseArn('arn:aws:sns:eu-west-1:123456789012:app/GCM/x'), { region: 'eu-west-1', account: '123456789012', resource: ['app', 'GCM', 'x'] });
    assert.deepEqual(endpointScope('arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/x/1'), { account: '123456789012', region: 'eu-west-1' });
    assert.equal(endpointScope('arn:aws:sns:eu-west-1:123456789012:app/GCM/x'), undefined);
  });

  it('knows the platforms SNS supports', () => {
    for (const p of ['ADM', 'APNS', 'APNS_SANDBOX', 'BAIDU', 'GCM', 'MPNS', 'WNS']) assert.equal(isPlatform(p), true, p);
    for (const p of ['AAA', 'gcm', 'FCM', '']) assert.equal(isPlatform(p), false, p);
  });
});
