import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as sqs from '@aws-sdk/client-sqs';
import * as eb from '@aws-sdk/client-eventbridge';
import { applyResources, ConfigError, loadConfigFile, type ResourcesConfig } from '../../src/config/index.js';
import { createSignalbox, type Signalbox } from '../../src/index.js';
import { createServices, DEFAULTS, sdkClients, writeTemp, type SdkClients, type Services } from './helpers.js';

const OPTS = { ...DEFAULTS, source: 'test' };

async function call(s: Services, service: string, op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const h = s.handlers.get(service)![op]!;
  return (await h(input, { requestId: 'r', ...DEFAULTS, accessKey: 'test', host: '127.0.0.1:4566', protocol: 'json', signal: new AbortController().signal })) as Record<string, unknown>;
}

const SYSTEM: ResourcesConfig = {
  queues: [
    { name: 'work', attributes: { VisibilityTimeout: 20 }, deadLetterQueue: { name: 'work-dlq', maxReceiveCount: 4 }, tags: { a: 'b' } },
    { name: 'work-dlq' },
    { name: 'sub-dlq' },
  ],
  topics: [
    { name: 'news', tags: { t: '1' }, subscriptions: [{ queue: 'work', filterPolicy: { kind: ['x'] }, rawMessageDelivery: true, deadLetterQueue: 'sub-dlq' }] },
  ],
  buses: [
    {
      name: 'shop',
      rules: [{ name: 'all', eventPattern: { source: ['s'] }, targets: [{ queue: 'work', inputPath: '$.detail' }, { id: 'n', topic: 'news' }, { bus: 'default' }] }],
    },
    { name: 'default', rules: [{ name: 'tick', scheduleExpression: 'rate(1 hour)', state: 'DISABLED', targets: [{ queue: 'work-dlq' }] }] },
  ],
};

describe('applyResources', () => {
  let s: Services;
  before(() => (s = createServices()));
  after(() => s.close());

  it('creates DLQs before the queues that list them first', async () => {
    await applyResources(s.handlers, SYSTEM, OPTS);
    const { QueueUrl } = await call(s, 'sqs', 'GetQueueUrl', { QueueName: 'work' });
    const { Attributes } = await call(s, 'sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['All'] });
    const attrs = Attributes as Record<string, string>;
    assert.equal(attrs.VisibilityTimeout, '20');
    assert.deepEqual(JSON.parse(attrs.RedrivePolicy!), { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:work-dlq', maxReceiveCount: 4 });
    const { Tags } = await call(s, 'sqs', 'ListQueueTags', { QueueUrl });
    assert.deepEqual(Tags, { a: 'b' });
  });

  it('subscribes queues with filter policy, raw delivery and DLQ', async () => {
    const { Subscriptions } = await call(s, 'sns', 'ListSubscriptionsByTopic', { TopicArn: 'arn:aws:sns:us-east-1:000000000000:news' });
    const subs = Subscriptions as Array<{ SubscriptionArn: string; Endpoint: string }>;
    assert.equal(subs.length, 1);
    assert.equal(subs[0]!.Endpoint, 'arn:aws:sqs:us-east-1:000000000000:work');
    const { Attributes } = await call(s, 'sns', 'GetSubscriptionAttributes', { SubscriptionArn: subs[0]!.SubscriptionArn });
    const a = Attributes as Record<string, string>;
    assert.deepEqual(JSON.parse(a.FilterPolicy!), { kind: ['x'] });
    assert.equal(a.RawMessageDelivery, 'true');
    assert.match(a.RedrivePolicy!, /sub-dlq/);
  });

  it('creates buses, rules and targets (shorthand ids, default bus)', async () => {
    const { Targets } = await call(s, 'events', 'ListTargetsByRule', { Rule: 'all', EventBusName: 'shop' });
    assert.deepEqual(
      (Targets as Array<{ Id: string; Arn: string }>).map((t) => [t.Id, t.Arn]),
      [
        ['queue-work', 'arn:aws:sqs:us-east-1:000000000000:work'],
        ['n', 'arn:aws:sns:us-east-1:000000000000:news'],
        ['bus-default', 'arn:aws:events:us-east-1:000000000000:event-bus/default'],
      ],
    );
    const rule = await call(s, 'events', 'DescribeRule', { Name: 'tick' });
    assert.equal(rule.State, 'DISABLED');
    assert.equal(rule.ScheduleExpression, 'rate(1 hour)');
  });

  it('is idempotent: applying again changes nothing', async () => {
    const snapshot = async () => ({
      queues: await call(s, 'sqs', 'ListQueues', {}),
      topics: await call(s, 'sns', 'ListTopics', {}),
      subs: await call(s, 'sns', 'ListSubscriptions', {}),
      buses: ((await call(s, 'events', 'ListEventBuses', {})).EventBuses as Array<{ Name: string }>).map((b) => b.Name),
      rules: ((await call(s, 'events', 'ListRules', { EventBusName: 'shop' })).Rules as Array<{ Name: string }>).map((r) => r.Name),
      targets: await call(s, 'events', 'ListTargetsByRule', { Rule: 'all', EventBusName: 'shop' }),
    });
    const first = await snapshot();
    await applyResources(s.handlers, SYSTEM, OPTS);
    await applyResources(s.handlers, structuredClone(SYSTEM), OPTS);
    assert.deepEqual(await snapshot(), first);
  });

  it('an AWS validation failure names the key path and the AWS message', async () => {
    await assert.rejects(
      applyResources(s.handlers, { queues: [{ name: 'ok' }, { name: 'slow', attributes: { VisibilityTimeout: 99999 } }] }, { ...DEFAULTS, source: 'seed.yaml' }),
      (e: unknown) => e instanceof ConfigError && /^Invalid Signalbox config seed\.yaml: resources\.queues\[1\]: sqs CreateQueue failed: InvalidAttributeValue: Invalid value for the parameter VisibilityTimeout/.test(e.message),
    );
    await assert.rejects(
      applyResources(s.handlers, { topics: [{ name: 'bad name!' }] }, OPTS),
      (e: unknown) => e instanceof ConfigError && /resources\.topics\[0\]: sns CreateTopic failed: InvalidParameter/.test(e.message),
    );
    await assert.rejects(
      applyResources(s.handlers, { buses: [{ name: 'b2', rules: [{ name: 'r', eventPattern: { source: 'not-a-list' } }] }] }, OPTS),
      (e: unknown) => e instanceof ConfigError && /resources\.buses\[0\]\.rules\[0\]: events PutRule failed: InvalidEventPatternException/.test(e.message),
    );
  });

  it('an AWS failure from a file names the file', async () => {
    const file = await writeTemp('seed.yaml', 'resources:\n  topics:\n    - name: t2\n      subscriptions:\n        - protocol: carrier-pigeon\n          endpoint: coop\n');
    const config = await loadConfigFile(file);
    await assert.rejects(
      applyResources(s.handlers, config.resources, { ...DEFAULTS, source: file }),
      (e: unknown) =>
        e instanceof ConfigError && e.message.includes(file) && /resources\.topics\[0\]\.subscriptions\[0\]: sns Subscribe failed: InvalidParameter\w*: .*protocol string: carrier-pigeon/.test(e.message),
    );
  });

  it('validates objects passed in code', async () => {
    await assert.rejects(
      applyResources(s.handlers, { queues: [{ nam: 'x' }] }, { ...DEFAULTS, source: 'createSignalbox({ resources })' }),
      (e: unknown) => e instanceof ConfigError && /createSignalbox\(\{ resources \}\): resources\.queues\[0\]\.nam: unknown key "nam" \(did you mean "name"\?\)/.test(e.message),
    );
  });

  it('reports a dead-letter cycle', async () => {
    await assert.rejects(
      applyResources(s.handlers, { queues: [{ name: 'c1', deadLetterQueue: { name: 'c2', maxReceiveCount: 1 } }, { name: 'c2', deadLetterQueue: { name: 'c1', maxReceiveCount: 1 } }] }, OPTS),
      (e: unknown) => e instanceof ConfigError && /resources\.queues\[0\]\.deadLetterQueue\.name: dead-letter queues form a cycle/.test(e.message),
    );
  });

  it('state machines: not supported yet, nothing created', async () => {
    const fresh = createServices();
    try {
      await assert.rejects(
        applyResources(fresh.handlers, { queues: [{ name: 'x' }], stateMachines: [{ name: 'sm', definition: { StartAt: 'A', States: {} } }] }, OPTS),
        (e: unknown) => e instanceof ConfigError && /resources\.stateMachines\[0\]: state machines are not supported yet/.test(e.message),
      );
      await assert.rejects(
        applyResources(fresh.handlers, { queues: [{ name: 'x' }], stateMachines: [{ name: 'sm', definition: '{}' }], buses: [] }, OPTS),
        ConfigError,
      );
      assert.deepEqual((await call(fresh, 'sqs', 'ListQueues', {})).QueueUrls ?? [], []);
    } finally {
      fresh.close();
    }
  });
});

describe('examples/event-driven.yaml on a real Signalbox over HTTP', () => {
  let sb: Signalbox;
  let c: SdkClients;
  before(async () => {
    sb = await createSignalbox();
    c = sdkClients(await sb.listen(0));
  });
  after(async () => {
    c.destroy();
    await sb.close();
  });

  const url = (name: string) => c.sqs.send(new sqs.GetQueueUrlCommand({ QueueName: name })).then((r) => r.QueueUrl!);
  async function drain(name: string, wait = 1): Promise<unknown[]> {
    const QueueUrl = await url(name);
    const out: unknown[] = [];
    for (;;) {
      const r = await c.sqs.send(new sqs.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: out.length ? 0 : wait }));
      if (!r.Messages?.length) return out;
      for (const m of r.Messages) {
        out.push(JSON.parse(m.Body!));
        await c.sqs.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
      }
    }
  }

  it('seeds (twice) and routes events: bus → rule → queue and topic → filtered queues', async () => {
    const config = await loadConfigFile('examples/event-driven.yaml');
    const opts = { account: config.account ?? DEFAULTS.account, region: config.region ?? DEFAULTS.region, source: 'examples/event-driven.yaml' };
    await applyResources(c.handlers, config.resources, opts);
    await applyResources(c.handlers, config.resources, opts);

    const put = await c.events.send(
      new eb.PutEventsCommand({
        Entries: [
          { EventBusName: 'shop', Source: 'shop.api', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-1', total: 250 }) },
          { EventBusName: 'shop', Source: 'shop.api', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-2', total: 20 }) },
          { EventBusName: 'shop', Source: 'shop.api', DetailType: 'OrderCancelled', Detail: JSON.stringify({ orderId: 'o-3', total: 500 }) },
          { EventBusName: 'shop', Source: 'other', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-4', total: 999 }) },
        ],
      }),
    );
    assert.equal(put.FailedEntryCount, 0);

    const ids = (msgs: unknown[], pick: (m: Record<string, unknown>) => unknown) => msgs.map((m) => pick(m as Record<string, unknown>)).sort();
    const detailId = (m: Record<string, unknown>) => (m.detail as { orderId: string }).orderId;
    // Intake gets every shop.api order event's detail (inputPath: $.detail); "other" matches no rule.
    assert.deepEqual(ids(await drain('order-intake'), (m) => m.orderId), ['o-1', 'o-2', 'o-3']);
    // Billing: OrderPlaced only (raw delivery: the EventBridge event itself).
    assert.deepEqual(ids(await drain('billing'), detailId), ['o-1', 'o-2']);
    // VIP: total >= 100, any order event type.
    assert.deepEqual(ids(await drain('vip-orders'), detailId), ['o-1', 'o-3']);
    assert.deepEqual(await drain('order-intake-dlq', 0), []);
  });
});
