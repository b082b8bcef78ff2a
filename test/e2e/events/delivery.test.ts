import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ACCOUNT, bodies, REGION, rejects, startEvents, type EventsE2e } from './harness.js';

let t: EventsE2e;
before(async () => {
  t = await startEvents();
});
after(() => t.close());

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function ruleToQueue(name: string, pattern: unknown, target: Partial<EB.Target> = {}, bus?: string) {
  const q = await t.queue(`q-${name}`);
  await t.eb.send(new EB.PutRuleCommand({ Name: name, EventPattern: JSON.stringify(pattern), ...(bus ? { EventBusName: bus } : {}) }));
  await t.eb.send(new EB.PutTargetsCommand({ Rule: name, ...(bus ? { EventBusName: bus } : {}), Targets: [{ Id: 't', Arn: q.arn, ...target }] }));
  return q;
}

describe('EventBridge e2e: PutEvents', () => {
  it('delivers the exact envelope to SQS and answers per-entry errors', async () => {
    const q = await ruleToQueue('env', { source: ['core.cmd'], 'detail-type': ['update'] });
    const r = await t.eb.send(new EB.PutEventsCommand({ Entries: [
      { Source: 'core.cmd', DetailType: 'update', Detail: '{"message":"hi"}', Resources: ['arn:x'], Time: new Date(Date.UTC(2022, 0, 1)) },
      { DetailType: 'update', Detail: '{}' },
      { Source: 'core.cmd', Detail: '{}' },
      { Source: 'core.cmd', DetailType: 'update' },
      { Source: 'core.cmd', DetailType: 'update', Detail: '"a string"' },
      { Source: 'core.cmd', DetailType: 'update', Detail: '[1]' },
      { Source: 'core.cmd', DetailType: 'update', Detail: '{bad' },
      { Source: 'core.cmd', DetailType: 'update', Detail: '{}', EventBusName: 'no-such-bus' },
    ] }));
    assert.equal(r.FailedEntryCount, 6);
    const invalid = (p: string) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${p} is not valid. Reason: ${p} is a required argument.` });
    const malformed = { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    assert.deepEqual(r.Entries?.slice(1, 7), [invalid('Source'), invalid('DetailType'), invalid('Detail'), malformed, malformed, malformed]);
    assert.match(r.Entries?.[0]?.EventId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(r.Entries?.[7]?.EventId ?? '', /^[0-9a-f-]{36}$/); // unknown bus: accepted, dropped
    const got = bodies(await t.drain(q.url));
    assert.deepEqual(got, [{
      version: '0', id: r.Entries?.[0]?.EventId, 'detail-type': 'update', source: 'core.cmd', account: ACCOUNT,
      time: '2022-01-01T00:00:00Z', region: REGION, resources: ['arn:x'], detail: { message: 'hi' },
    }]);
    assert.equal(Object.keys(got[0] as object).join(), 'version,id,detail-type,source,account,time,region,resources,detail');
  });

  it('refuses more than 10 entries and oversized requests', async () => {
    const e = { Source: 's', DetailType: 'd', Detail: '{}' };
    await assert.rejects(t.eb.send(new EB.PutEventsCommand({ Entries: Array.from({ length: 11 }, () => e) })), (err: Error) => {
      assert.equal(err.name, 'ValidationException');
      assert.ok(err.message.startsWith("1 validation error detected: Value '[PutEventsRequestEntry(time=null, source=s, resources=null, detailType=d, detail={}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null), "));
      assert.ok(err.message.endsWith(")]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10"));
      return true;
    });
    await rejects(t.eb.send(new EB.PutEventsCommand({ Entries: [{ ...e, Detail: JSON.stringify({ big: 'x'.repeat(256 * 1024) }) }] })), 'ValidationException', 'Total size of the entries in the request is over the limit.');
  });
});

describe('EventBridge e2e: pattern operators through delivery to SQS', () => {
  // Each event carries detail.case; each rule's queue must receive exactly the listed cases.
  const events: Array<{ source: string; type: string; detail: Record<string, unknown> }> = [
    { source: 'op.test', type: 'A', detail: { case: 0, state: 'running', file: 'x.png', ip: '10.0.0.7', n: 5, tags: ['red', 'blue'] } },
    { source: 'op.test', type: 'B', detail: { case: 1, state: 'stopped', file: 'x.PNG', ip: '10.0.1.7', n: 0, flag: null } },
    { source: 'op.test', type: 'A', detail: { case: 2, state: 'RUNNING', file: 'img.jpg', ip: '192.168.0.1', n: 301.8 } },
    { source: 'op.test', type: 'C', detail: { case: 3, state: 'pending', file: '', n: -1, tags: ['green'], nested: { deep: 'yes' } } },
    { source: 'op.other', type: 'A', detail: { case: 4, state: 'running', n: 5 } },
  ];
  const cases: Array<[string, unknown, number[]]> = [
    ['exact', { source: ['op.test'], detail: { state: ['running', 'pending'] } }, [0, 3]],
    ['exact-array', { source: ['op.test'], detail: { tags: ['blue', 'green'] } }, [0, 3]],
    ['null', { source: ['op.test'], detail: { flag: [null] } }, [1]],
    ['empty', { source: ['op.test'], detail: { file: [''] } }, [3]],
    ['prefix', { source: ['op.test'], detail: { state: [{ prefix: 'run' }] } }, [0]],
    ['suffix', { source: ['op.test'], detail: { file: [{ suffix: '.png' }] } }, [0]],
    ['suffix-ic', { source: ['op.test'], detail: { file: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, [0, 1]],
    ['ignore-case', { source: ['op.test'], detail: { state: [{ 'equals-ignore-case': 'RUNNING' }] } }, [0, 2]],
    ['anything-but', { source: ['op.test'], detail: { state: [{ 'anything-but': ['running', 'stopped'] }] } }, [2, 3]],
    ['anything-but-prefix', { source: ['op.test'], detail: { state: [{ 'anything-but': { prefix: 'run' } }] } }, [1, 2, 3]],
    ['numeric', { source: ['op.test'], detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, [0]],
    ['numeric-eq', { source: ['op.test'], detail: { n: [{ numeric: ['=', 3.018e2] }] } }, [2]],
    ['exists', { source: ['op.test'], detail: { tags: [{ exists: true }] } }, [0, 3]],
    ['not-exists', { source: ['op.test'], detail: { ip: [{ exists: false }] } }, [3]],
    ['cidr', { source: ['op.test'], detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, [0]],
    ['wildcard', { source: ['op.test'], detail: { file: [{ wildcard: '*.p?g' }] } }, []],
    ['wildcard-star', { source: ['op.test'], detail: { file: [{ wildcard: 'x.*' }] } }, [0, 1]],
    ['or', { source: ['op.test'], $or: [{ detail: { n: [{ numeric: ['<', 0] }] } }, { 'detail-type': ['B'] }] }, [1, 3]],
    ['nested', { detail: { nested: { deep: ['yes'] } } }, [3]],
    ['source-any', { source: [{ prefix: 'op.' }], 'detail-type': ['A'] }, [0, 2, 4]],
  ];

  it('routes each operator exactly', async () => {
    const queues = new Map<string, string>();
    for (const [name, pattern] of cases) queues.set(name, (await ruleToQueue(`op-${name}`, pattern)).url);
    await t.eb.send(new EB.PutEventsCommand({ Entries: events.map((e) => ({ Source: e.source, DetailType: e.type, Detail: JSON.stringify(e.detail) })) }));
    for (const [name, , expected] of cases) {
      const got = (bodies(await t.drain(queues.get(name)!)) as Array<{ detail: { case: number } }>).map((b) => b.detail.case).sort();
      assert.deepEqual(got, expected, name);
    }
  });
});

describe('EventBridge e2e: target input and other targets', () => {
  it('applies Input, InputPath and an InputTransformer', async () => {
    const qi = await ruleToQueue('in-const', { source: ['tx'] }, { Input: '{"custom-value":"somecustominput"}' });
    const qp = await ruleToQueue('in-path', { source: ['tx'] }, { InputPath: '$.detail.payload' });
    const qt = await ruleToQueue('in-tmpl', { source: ['tx'] }, {
      InputTransformer: { InputPathsMap: { id: '$.detail.payload.acc_id', src: '$.source' }, InputTemplate: '{"account": <id>, "from": <src>}' },
    });
    await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'tx', DetailType: 'd', Detail: '{"payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}' }] }));
    assert.deepEqual(bodies(await t.drain(qi.url)), [{ 'custom-value': 'somecustominput' }]);
    assert.deepEqual(bodies(await t.drain(qp.url)), [{ acc_id: '0a787ecb-4015', sf_id: 'baz' }]);
    assert.deepEqual(bodies(await t.drain(qt.url)), [{ account: '0a787ecb-4015', from: 'tx' }]);
  });

  it('publishes to SNS, forwards to another bus, and keeps FIFO group ids', async () => {
    const sns = new SNSClient({ endpoint: t.url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'eb-topic' }));
    const viaSns = await t.queue('via-sns');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: viaSns.arn, Attributes: { RawMessageDelivery: 'true' } }));
    sns.destroy();
    await t.eb.send(new EB.PutRuleCommand({ Name: 'to-sns', EventPattern: '{"source":["multi"]}' }));
    await t.eb.send(new EB.CreateEventBusCommand({ Name: 'second' }));
    const onSecond = await ruleToQueue('on-second', { source: ['multi'] }, {}, 'second');
    const fifo = await t.queue('eb.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'to-sns', Targets: [
      { Id: 'sns', Arn: TopicArn! },
      { Id: 'bus', Arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/second` },
      { Id: 'fifo', Arn: fifo.arn, SqsParameters: { MessageGroupId: 'g1' } },
    ] }));
    const put = await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'multi', DetailType: 'd', Detail: '{"k":1}' }] }));
    const id = put.Entries?.[0]?.EventId;
    const [s] = bodies(await t.drain(viaSns.url)) as Array<{ id: string; detail: unknown }>;
    assert.deepEqual([s?.id, s?.detail], [id, { k: 1 }]);
    const [b] = bodies(await t.drain(onSecond.url)) as Array<{ id: string; time: string }>;
    assert.equal(b?.id, id, 'same-region bus forwarding keeps the event id');
    assert.match(b?.time ?? '', TIME);
    const { sqs } = t;
    const { ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
    const f = await sqs.send(new ReceiveMessageCommand({ QueueUrl: fifo.url, MessageSystemAttributeNames: ['All'] }));
    assert.equal(f.Messages?.[0]?.Attributes?.['MessageGroupId'], 'g1');
    assert.equal(f.Messages?.[0]?.Attributes?.['MessageDeduplicationId'], createHash('sha256').update(f.Messages?.[0]?.Body ?? '').digest('hex'), 'deduplicated by content');
  });

  it('a FIFO queue target without content-based deduplication fails delivery to the dead-letter queue', async () => {
    const dlq = await t.queue('eb-fifo-dlq');
    const fifo = await t.queue('no-cbd.fifo', { FifoQueue: 'true' });
    const rule = await t.eb.send(new EB.PutRuleCommand({ Name: 'to-fifo-no-cbd', EventPattern: '{"source":["fifo-no-cbd"]}' }));
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'to-fifo-no-cbd', Targets: [
      { Id: 'f', Arn: fifo.arn, SqsParameters: { MessageGroupId: 'g' }, DeadLetterConfig: { Arn: dlq.arn }, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 } },
    ] }));
    const put = await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'fifo-no-cbd', DetailType: 'd', Detail: '{}' }] }));
    const [m] = await t.drain(dlq.url);
    assert.ok(m, 'the event reached the dead-letter queue');
    const attrs = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
    assert.deepEqual(attrs, {
      RULE_ARN: rule.RuleArn,
      TARGET_ARN: fifo.arn,
      ERROR_CODE: 'INVALID_PARAMETER',
      ERROR_MESSAGE: 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      RETRY_ATTEMPTS: '0',
    });
    assert.equal((JSON.parse(m.Body!) as { id: string }).id, put.Entries?.[0]?.EventId);
    assert.deepEqual(await t.drain(fifo.url), [], 'no generated deduplication id: nothing reached the queue');
  });

  it('sends a failed delivery to the dead-letter queue with the AWS attributes', async () => {
    const dlq = await t.queue('eb-dlq');
    const missing = `arn:aws:sqs:${REGION}:${ACCOUNT}:does-not-exist`;
    const rule = await t.eb.send(new EB.PutRuleCommand({ Name: 'failing', EventPattern: '{"source":["fail"]}' }));
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'failing', Targets: [{ Id: 'gone', Arn: missing, DeadLetterConfig: { Arn: dlq.arn }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 } }] }));
    const put = await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'fail', DetailType: 'd', Detail: '{}' }] }));
    const [m] = await t.drain(dlq.url);
    assert.ok(m);
    const attrs = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
    assert.deepEqual(attrs, {
      RULE_ARN: rule.RuleArn,
      TARGET_ARN: missing,
      ERROR_CODE: 'NO_RESOURCE',
      ERROR_MESSAGE: `Queue ${missing} does not exist.`,
      RETRY_ATTEMPTS: '0',
    });
    assert.equal((JSON.parse(m.Body!) as { id: string }).id, put.Entries?.[0]?.EventId);
  });

  it('delivers to a bus in another region (new id) and another account', async () => {
    const west = t.client({ region: 'us-west-2' });
    await west.send(new EB.PutRuleCommand({ Name: 'w', EventPattern: '{"source":["xr"]}' }));
    const wq = await t.queue('west-target');
    await west.send(new EB.PutTargetsCommand({ Rule: 'w', Targets: [{ Id: 'q', Arn: wq.arn }] }));
    await t.eb.send(new EB.PutRuleCommand({ Name: 'to-west', EventPattern: '{"source":["xr"]}' }));
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'to-west', Targets: [{ Id: 'b', Arn: `arn:aws:events:us-west-2:${ACCOUNT}:event-bus/default` }] }));
    const put = await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'xr', DetailType: 'd', Detail: '{}' }] }));
    const [e] = bodies(await t.drain(wq.url)) as Array<{ id: string; region: string; account: string }>;
    assert.equal(e?.region, 'us-west-2');
    assert.equal(e?.account, ACCOUNT);
    assert.notEqual(e?.id, put.Entries?.[0]?.EventId);
  });
});
