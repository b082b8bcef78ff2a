import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as sqs from '@aws-sdk/client-sqs';
import * as eb from '@aws-sdk/client-eventbridge';
import * as sfn from '@aws-sdk/client-sfn';
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

  it('refuses state machines before creating anything when Step Functions is not wired', async () => {
    const fresh = createServices();
    try {
      fresh.handlers.delete('states');
      await assert.rejects(
        applyResources(fresh.handlers, { queues: [{ name: 'x' }], stateMachines: [{ name: 'sm', definition: { StartAt: 'A', States: {} } }] }, OPTS),
        (e: unknown) => e instanceof ConfigError && /resources\.stateMachines\[0\]: Step Functions \(the "states" service\) is not available/.test(e.message),
      );
      assert.deepEqual((await call(fresh, 'sqs', 'ListQueues', {})).QueueUrls ?? [], []);
    } finally {
      fresh.close();
    }
  });
});

const PASS = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };

describe('applyResources: state machines', () => {
  let s: Services;
  before(() => (s = createServices()));
  after(() => s.close());
  const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:';

  it('creates machines (object or JSON text definitions, default role, tags, type)', async () => {
    await applyResources(
      s.handlers,
      {
        stateMachines: [
          { name: 'sm-a', definition: PASS, tags: { team: 'x' } },
          { name: 'sm-b', type: 'EXPRESS', definition: JSON.stringify(PASS), roleArn: 'arn:aws:iam::000000000000:role/custom' },
        ],
      },
      OPTS,
    );
    const a = await call(s, 'states', 'DescribeStateMachine', { stateMachineArn: `${ARN}sm-a` });
    assert.deepEqual(JSON.parse(String(a.definition)), PASS);
    assert.equal(a.roleArn, 'arn:aws:iam::000000000000:role/signalbox');
    assert.equal(a.type, 'STANDARD');
    const { tags } = await call(s, 'states', 'ListTagsForResource', { resourceArn: `${ARN}sm-a` });
    assert.deepEqual(tags, [{ key: 'team', value: 'x' }]);
    const b = await call(s, 'states', 'DescribeStateMachine', { stateMachineArn: `${ARN}sm-b` });
    assert.equal(b.definition, JSON.stringify(PASS));
    assert.equal(b.type, 'EXPRESS');
    assert.equal(b.roleArn, 'arn:aws:iam::000000000000:role/custom');
  });

  it('re-applying changes nothing; a changed definition or role is an UpdateStateMachine', async () => {
    const res: ResourcesConfig = { stateMachines: [{ name: 'sm-c', definition: PASS }] };
    await applyResources(s.handlers, res, OPTS);
    const first = await call(s, 'states', 'DescribeStateMachine', { stateMachineArn: `${ARN}sm-c` });
    await applyResources(s.handlers, structuredClone(res), OPTS);
    const again = await call(s, 'states', 'DescribeStateMachine', { stateMachineArn: `${ARN}sm-c` });
    assert.equal(again.revisionId, first.revisionId);

    const changed = { StartAt: 'B', States: { B: { Type: 'Pass', Result: 2, End: true } } };
    await applyResources(s.handlers, { stateMachines: [{ name: 'sm-c', definition: changed, roleArn: 'arn:aws:iam::000000000000:role/other' }] }, OPTS);
    const updated = await call(s, 'states', 'DescribeStateMachine', { stateMachineArn: `${ARN}sm-c` });
    assert.deepEqual(JSON.parse(String(updated.definition)), changed);
    assert.equal(updated.roleArn, 'arn:aws:iam::000000000000:role/other');
    assert.notEqual(updated.revisionId, first.revisionId);
    assert.equal(((await call(s, 'states', 'ListStateMachines', {})).stateMachines as unknown[]).length, 3);
  });

  it('refuses to change the type of an existing machine', async () => {
    await assert.rejects(
      applyResources(s.handlers, { stateMachines: [{ name: 'sm-c', type: 'EXPRESS', definition: PASS }] }, OPTS),
      (e: unknown) => e instanceof ConfigError && /resources\.stateMachines\[0\]\.type: state machine "sm-c" already exists as STANDARD/.test(e.message),
    );
  });

  it('an invalid definition or role names the key path and the AWS error', async () => {
    await assert.rejects(
      applyResources(s.handlers, { stateMachines: [{ name: 'ok', definition: PASS }, { name: 'broken', definition: { StartAt: 'Nope', States: { A: { Type: 'Pass', End: true } } } }] }, { ...DEFAULTS, source: 'seed.yaml' }),
      (e: unknown) => e instanceof ConfigError && /^Invalid Signalbox config seed\.yaml: resources\.stateMachines\[1\]\.definition: states CreateStateMachine failed: InvalidDefinition: /.test(e.message),
    );
    await assert.rejects(
      applyResources(s.handlers, { stateMachines: [{ name: 'role', definition: PASS, roleArn: 'arn:aws:iam::000000000000:user/nope' }] }, OPTS),
      (e: unknown) => e instanceof ConfigError && /resources\.stateMachines\[0\]\.roleArn: states CreateStateMachine failed: InvalidArn/.test(e.message),
    );
    await assert.rejects(
      applyResources(s.handlers, { stateMachines: [{ name: 'bad name!', definition: PASS }] }, OPTS),
      (e: unknown) => e instanceof ConfigError && /resources\.stateMachines\[0\]: states CreateStateMachine failed: InvalidName/.test(e.message),
    );
  });

  it('an invalid definition from a YAML config names the file and line; a definitionFile names that file', async () => {
    const file = await writeTemp(
      'seed.yaml',
      ['resources:', '  stateMachines:', '    - name: fine', '      definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }', '    - name: bad-inline', '      definition:', '        StartAt: Missing', '        States:', '          A: { Type: Pass, End: true }', '    - name: bad-file', '      definitionFile: bad.asl.yaml', ''].join('\n'),
    );
    await writeFile(join(dirname(file), 'bad.asl.yaml'), 'StartAt: A\nStates:\n  A:\n    Type: Wait\n    End: true\n');
    const config = await loadConfigFile(file);
    await assert.rejects(applyResources(s.handlers, config.resources, { ...DEFAULTS, source: file }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.line, 6);
      assert.ok(e.message.startsWith(`Invalid Signalbox config ${file}:6: resources.stateMachines[1].definition: states CreateStateMachine failed: InvalidDefinition`), e.message);
      return true;
    });
    const fixed = await loadConfigFile(file);
    fixed.resources.stateMachines![1]!.definition = PASS;
    await assert.rejects(applyResources(s.handlers, fixed.resources, { ...DEFAULTS, source: file }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.line, 11);
      assert.match(e.message, /:11: resources\.stateMachines\[2\]\.definitionFile: states CreateStateMachine failed: InvalidDefinition: .*\(definition file .*bad\.asl\.yaml\)$/s);
      return true;
    });
  });

  it('creates machines before the rules whose `stateMachine:` targets start them', async () => {
    await applyResources(
      s.handlers,
      {
        buses: [{ name: 'wf', rules: [{ name: 'go', eventPattern: { source: ['wf'] }, targets: [{ stateMachine: 'flow', inputPath: '$.detail' }, { id: 'own-role', stateMachine: 'flow', roleArn: 'arn:aws:iam::000000000000:role/eb' }] }] }],
        stateMachines: [{ name: 'flow', definition: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } } }],
      },
      OPTS,
    );
    const { Targets } = await call(s, 'events', 'ListTargetsByRule', { Rule: 'go', EventBusName: 'wf' });
    assert.deepEqual(
      (Targets as Array<{ Id: string; Arn: string; RoleArn?: string }>).map((t) => [t.Id, t.Arn, t.RoleArn]),
      [
        ['stateMachine-flow', `${ARN}flow`, 'arn:aws:iam::000000000000:role/signalbox'],
        ['own-role', `${ARN}flow`, 'arn:aws:iam::000000000000:role/eb'],
      ],
    );
    const out = await call(s, 'events', 'PutEvents', { Entries: [{ EventBusName: 'wf', Source: 'wf', DetailType: 't', Detail: JSON.stringify({ n: 1 }) }] });
    assert.equal(out.FailedEntryCount, 0);
    const deadline = Date.now() + 5000;
    let outputs: string[] = [];
    while (Date.now() < deadline) {
      const { executions } = await call(s, 'states', 'ListExecutions', { stateMachineArn: `${ARN}flow` });
      const list = executions as Array<{ executionArn: string; status: string }>;
      if (list.length === 2 && list.every((x) => x.status === 'SUCCEEDED')) {
        outputs = await Promise.all(list.map(async (x) => String((await call(s, 'states', 'DescribeExecution', { executionArn: x.executionArn })).output)));
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    // One execution per target: the detail (inputPath) and the whole event.
    const parsed = outputs.map((o) => JSON.parse(o) as Record<string, unknown>);
    assert.equal(parsed.length, 2);
    assert.ok(parsed.some((o) => JSON.stringify(o) === '{"n":1}'));
    assert.ok(parsed.some((o) => o.source === 'wf'));
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
    // The fulfilment workflow (started by the second rule, OrderPlaced only) ships by total.
    const shipped = (await drain('shipments', 2)) as Array<{ orderId: string; shipping: string }>;
    assert.deepEqual(shipped.map((m) => [m.orderId, m.shipping]).sort(), [
      ['o-1', 'express'],
      ['o-2', 'standard'],
    ]);
    const { executions } = await c.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:fulfil-order' }));
    assert.deepEqual(executions?.map((e) => e.status), ['SUCCEEDED', 'SUCCEEDED']);
  });
});
