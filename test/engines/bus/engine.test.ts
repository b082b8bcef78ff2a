import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScheduleExpression } from '../../../src/engines/bus/schedule/index.js';
import * as E from '../../../src/engines/bus/errors.js';
import type { TargetSpec } from '../../../src/engines/bus/index.js';
import { pattern, SCOPE, setup } from './fixtures.js';

const Q = 'arn:aws:sqs:us-east-1:000000000000:q1';
const target = (id: string, extra: Partial<TargetSpec> = {}): TargetSpec => ({ id, arn: Q, raw: { Id: id, Arn: Q }, ...extra });

describe('bus engine: buses and rules', () => {
  it('has a default bus per scope and creates, lists and deletes custom buses', () => {
    const { engine } = setup();
    const def = engine.getBus(SCOPE, 'default');
    assert.equal(def?.arn, 'arn:aws:events:us-east-1:000000000000:event-bus/default');
    engine.createBus(SCOPE, 'b1', { description: 'd' });
    assert.throws(() => engine.createBus(SCOPE, 'b1'), (e: Error) => e instanceof E.BusExists && e.message === 'Event bus b1 already exists.');
    assert.deepEqual(engine.listBuses(SCOPE).map((b) => b.name), ['default', 'b1']);
    assert.deepEqual(engine.listBuses(SCOPE, 'b').map((b) => b.name), ['b1']);
    assert.throws(() => engine.deleteBus(SCOPE, 'default'), { message: 'Cannot delete event bus default.' });
    engine.deleteBus(SCOPE, 'b1');
    engine.deleteBus(SCOPE, 'nope');
    assert.deepEqual(engine.listBuses(SCOPE).map((b) => b.name), ['default']);
    assert.equal(engine.listBuses({ account: '111111111111', region: 'eu-west-1' })[0]?.arn, 'arn:aws:events:eu-west-1:111111111111:event-bus/default');
  });

  it('builds rule ARNs, refuses schedules on custom buses, a 6th target, and deleting a rule with targets', () => {
    const { engine } = setup();
    const bus = engine.createBus(SCOPE, 'custom');
    const r1 = engine.putRule(engine.requireBus(SCOPE, 'default'), 'r1', { eventPattern: pattern({ source: ['a'] }) }, SCOPE.account);
    const r2 = engine.putRule(bus, 'r2', { eventPattern: pattern({ source: ['a'] }) }, SCOPE.account);
    assert.equal(r1.arn, 'arn:aws:events:us-east-1:000000000000:rule/r1');
    assert.equal(r2.arn, 'arn:aws:events:us-east-1:000000000000:rule/custom/r2');
    const sched = { expression: 'rate(1 minute)', schedule: parseScheduleExpression('rate(1 minute)', 0) };
    assert.throws(() => engine.putRule(bus, 'r3', { schedule: sched }, SCOPE.account), { message: 'ScheduleExpression is supported only on the default event bus.' });
    engine.putTargets(r1, [1, 2, 3, 4, 5].map((i) => target(`t${i}`)));
    engine.putTargets(r1, [target('t1')]); // replacing an id is not a new target
    assert.throws(() => engine.putTargets(r1, [target('t6')]), (e: Error) => e instanceof E.LimitExceeded && e.message === 'The requested resource exceeds the maximum number allowed.');
    assert.equal(r1.targets.size, 5);
    assert.throws(() => engine.deleteRule(engine.requireBus(SCOPE, 'default'), 'r1'), { message: "Rule can't be deleted since it has targets." });
    assert.throws(() => engine.requireRule(bus, 'zz'), { message: 'Rule zz does not exist on EventBus custom.' });
    assert.deepEqual(engine.ruleNamesByTarget(engine.requireBus(SCOPE, 'default'), Q), ['r1']);
  });
});

describe('bus engine: PutEvents fan-out', () => {
  it('delivers the exact envelope to enabled matching rules only', () => {
    const { engine, port, time } = setup();
    const bus = engine.requireBus(SCOPE, 'default');
    const on = engine.putRule(bus, 'on', { eventPattern: pattern({ source: ['shop'], detail: { n: [{ numeric: ['>', 1] }] } }) }, SCOPE.account);
    const off = engine.putRule(bus, 'off', { eventPattern: pattern({ source: ['shop'] }), state: 'DISABLED' }, SCOPE.account);
    const other = engine.putRule(bus, 'other', { eventPattern: pattern({ source: ['other'] }) }, SCOPE.account);
    for (const r of [on, off, other]) engine.putTargets(r, [target('t')]);
    time.advance(1234);
    const id = engine.putEvent(SCOPE, { source: 'shop', detailType: 'order', detail: { n: 2 }, resources: ['r:1'] });
    engine.putEvent(SCOPE, { source: 'shop', detailType: 'order', detail: { n: 0 }, resources: [] });
    assert.equal(port.deliveries.length, 1);
    const d = port.deliveries[0]!;
    assert.equal(d.ruleArn, on.arn);
    assert.equal(d.input, JSON.stringify({ version: '0', id, 'detail-type': 'order', source: 'shop', account: SCOPE.account, time: '2026-01-01T00:00:01Z', region: 'us-east-1', resources: ['r:1'], detail: { n: 2 } }));
    engine.setRuleState(off, 'ENABLED');
    engine.putEvent(SCOPE, { source: 'shop', detailType: 'x', detail: { n: 5 }, resources: [], time: Date.UTC(2022, 0, 1) });
    assert.deepEqual(port.deliveries.slice(1).map((x) => x.ruleName), ['on', 'off']);
    assert.equal((JSON.parse(port.deliveries[1]!.input) as { time: string }).time, '2022-01-01T00:00:00Z');
  });

  it('drops events for an unknown bus but still returns an id; accepts buses by ARN', () => {
    const { engine, port } = setup();
    const bus = engine.createBus(SCOPE, 'b');
    engine.putTargets(engine.putRule(bus, 'r', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account), [target('t')]);
    assert.equal(engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: {}, resources: [], eventBusName: 'missing' }), 'id-1');
    engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: {}, resources: [], eventBusName: bus.arn });
    assert.equal(port.deliveries.length, 1);
  });

  it('uses the target input renderer and skips undefined renders', () => {
    const { engine, port } = setup();
    const r = engine.putRule(engine.requireBus(SCOPE, 'default'), 'r', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account);
    engine.putTargets(r, [
      target('a', { input: { render: (e, c) => `${(e as { id: string }).id}|${c.ruleName}|${c.ingestionTime}` } }),
      target('b', { input: { render: () => undefined } }),
    ]);
    engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: {}, resources: [] });
    assert.deepEqual(port.deliveries.map((d) => d.input), ['id-1|r|2026-01-01T00:00:00Z']);
  });

  it('forwards to another bus keeping the id; another region gets a new id', () => {
    const { engine, port } = setup();
    const west = { account: SCOPE.account, region: 'us-west-2' };
    const b2 = engine.createBus(SCOPE, 'b2');
    engine.putTargets(engine.putRule(b2, 'r', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account), [target('t')]);
    engine.putTargets(engine.putRule(engine.requireBus(west, 'default'), 'w', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account), [target('t')]);
    const e = JSON.parse(JSON.stringify({ version: '0', id: 'orig', 'detail-type': 'd', source: 's', account: SCOPE.account, time: 't', region: 'us-east-1', resources: [], detail: {} }));
    assert.equal(engine.forward(b2.arn, e, 0), true);
    assert.equal(engine.forward('arn:aws:events:us-west-2:000000000000:event-bus/default', e, 0), true);
    assert.equal(engine.forward('arn:aws:events:us-west-2:000000000000:event-bus/none', e, 0), false);
    assert.deepEqual(port.deliveries.map((d) => [d.event.id, d.event.region, d.hops]), [['orig', 'us-east-1', 1], ['id-1', 'us-west-2', 1]]);
  });
});

describe('bus engine: schedules on the engine clock', () => {
  it('fires rate(1 minute) every minute with the scheduled-event envelope; disabled rules do not fire', () => {
    const { engine, port, time } = setup();
    const bus = engine.requireBus(SCOPE, 'default');
    const expr = 'rate(1 minute)';
    const rule = engine.putRule(bus, 'tick', { schedule: { expression: expr, schedule: parseScheduleExpression(expr, time.now()) } }, SCOPE.account);
    engine.putTargets(rule, [target('t')]);
    time.advance(59_999);
    assert.equal(port.deliveries.length, 0);
    time.advance(1);
    time.advance(60_000);
    assert.equal(port.deliveries.length, 2);
    assert.deepEqual(JSON.parse(port.deliveries[0]!.input), {
      version: '0', id: 'id-1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: SCOPE.account,
      time: '2026-01-01T00:01:00Z', region: 'us-east-1', resources: [rule.arn], detail: {},
    });
    assert.equal(time.scheduler.size, 1); // one entry per scheduled rule, re-armed
    engine.setRuleState(rule, 'DISABLED');
    assert.equal(time.scheduler.size, 0);
    time.advance(300_000);
    assert.equal(port.deliveries.length, 2);
    engine.setRuleState(rule, 'ENABLED');
    time.advance(60_000);
    assert.equal(port.deliveries.length, 3);
    // Replacing the rule with a pattern removes the schedule.
    engine.putRule(bus, 'tick', { eventPattern: pattern({ source: ['x'] }) }, SCOPE.account);
    assert.equal(time.scheduler.size, 0);
  });
});

describe('bus engine: retries and dead-letter queues', () => {
  it('retries a retryable failure with exponential backoff, then dead-letters (MaximumRetryAttempts)', () => {
    const { engine, port, time } = setup();
    port.result = () => ({ ok: false, retryable: true, code: 'THROTTLING', message: 'HTTP 429' });
    const r = engine.putRule(engine.requireBus(SCOPE, 'default'), 'r', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account);
    engine.putTargets(r, [target('t', { retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 }, deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq' })]);
    const t0 = time.now();
    engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: {}, resources: [] });
    time.advance(60_000);
    assert.deepEqual(port.deliveries.map((d) => [d.attempt, d.at - t0]), [[0, 0], [1, 1000], [2, 3000], [3, 7000]]);
    assert.equal(port.deadLetters.length, 1);
    const dl = port.deadLetters[0]!;
    assert.deepEqual(
      { code: dl.errorCode, msg: dl.errorMessage, cond: dl.exhaustedRetryCondition, n: dl.retryAttempts, at: dl.at - t0, rule: dl.ruleArn, tgt: dl.targetArn, id: dl.event.id },
      { code: 'THROTTLING', msg: 'HTTP 429', cond: 'MaximumRetryAttempts', n: 3, at: 7000, rule: r.arn, tgt: Q, id: 'id-1' },
    );
  });

  it('stops at MaximumEventAgeInSeconds', () => {
    const { engine, port, time } = setup();
    port.result = () => ({ ok: false, retryable: true, code: 'ERROR_FROM_TARGET', message: 'HTTP 500' });
    const r = engine.putRule(engine.requireBus(SCOPE, 'default'), 'r', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account);
    engine.putTargets(r, [target('t', { retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 60 }, deadLetterArn: 'arn:dlq' })]);
    engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: {}, resources: [] });
    time.advance(3_600_000);
    // 0, 1, 3, 7, 15, 31 s; the next (63 s) would be older than 60 s.
    assert.equal(port.deliveries.length, 6);
    assert.equal(port.deadLetters[0]?.exhaustedRetryCondition, 'MaximumEventAgeInSeconds');
    assert.equal(port.deadLetters[0]?.retryAttempts, 5);
  });

  it('sends non-retryable failures to the DLQ at once, without a retry condition; async results too', async () => {
    const { engine, port, time } = setup();
    port.result = (d) => (d.target.id === 'sync' ? { ok: false, retryable: false, code: 'NO_RESOURCE', message: 'gone' } : Promise.resolve({ ok: false, retryable: false, code: 'NO_RESOURCE', message: 'async gone' }));
    const r = engine.putRule(engine.requireBus(SCOPE, 'default'), 'r', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account);
    engine.putTargets(r, [target('sync', { deadLetterArn: 'arn:dlq' }), target('async', { deadLetterArn: 'arn:dlq' }), target('nodlq')]);
    engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: {}, resources: [] });
    await new Promise((res) => setImmediate(res));
    time.advance(10_000);
    assert.deepEqual(port.deadLetters.map((d) => [d.errorMessage, d.retryAttempts, 'exhaustedRetryCondition' in d]), [['gone', 0, false], ['async gone', 0, false]]);
    assert.equal(port.deliveries.length, 3);
  });
});

describe('bus engine: archives and replays', () => {
  it('archives matching events and replays a time window, paced, with replay-name, to the listed rules', () => {
    const { engine, port, time } = setup({ replayBatch: 2, replayIntervalMs: 100 });
    const bus = engine.createBus(SCOPE, 'b');
    const r1 = engine.putRule(bus, 'r1', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account);
    const r2 = engine.putRule(bus, 'r2', { eventPattern: pattern({ source: ['s'] }) }, SCOPE.account);
    engine.putTargets(r1, [target('t1')]);
    engine.putTargets(r2, [target('t2')]);
    const archive = engine.createArchive(SCOPE, 'a', bus.arn, { eventPattern: pattern({ detail: { keep: [true] } }), retentionDays: 1 });
    assert.throws(() => engine.createArchive(SCOPE, 'a', bus.arn, {}), { message: 'Archive a already exists.' });
    assert.throws(() => engine.createArchive(SCOPE, 'x', 'arn:aws:events:us-east-1:000000000000:event-bus/nope', {}), { message: 'Event bus nope does not exist.' });
    const t0 = time.now();
    for (let i = 0; i < 5; i++) {
      engine.putEvent(SCOPE, { source: 's', detailType: 'd', detail: { keep: i !== 2, i }, resources: [], eventBusName: 'b', size: 10 });
      time.advance(1000);
    }
    assert.equal(archive.events.length, 4);
    assert.equal(archive.sizeBytes, 40);
    port.deliveries.length = 0;
    const replay = engine.startReplay(SCOPE, { name: 'rp', archiveArn: archive.arn, start: t0, end: t0 + 3000, destinationArn: bus.arn, filterArns: [r2.arn] });
    assert.equal(replay.state, 'STARTING');
    assert.throws(() => engine.startReplay(SCOPE, { name: 'rp', archiveArn: archive.arn, start: 0, end: 1, destinationArn: bus.arn }), { message: 'Replay rp already exists.' });
    assert.throws(() => engine.startReplay(SCOPE, { name: 'x', archiveArn: archive.arn, start: 0, end: 1, destinationArn: engine.requireBus(SCOPE, 'default').arn }), { message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.' });
    assert.throws(() => engine.startReplay(SCOPE, { name: 'x', archiveArn: 'arn:aws:events:us-east-1:000000000000:archive/none', start: 0, end: 1, destinationArn: bus.arn }), { message: 'Parameter EventSourceArn is not valid. Reason: Archive none does not exist.' });
    time.advance(499);
    assert.equal(replay.state, 'STARTING');
    time.advance(1);
    assert.equal(replay.state, 'RUNNING');
    assert.equal(port.deliveries.length, 2);
    time.advance(100);
    assert.equal(replay.state, 'COMPLETED'); // events i=0,1,3 (i=2 not archived, i=4 outside the window)
    assert.deepEqual(port.deliveries.map((d) => [d.ruleName, (d.event.detail as { i: number }).i, d.event['replay-name']]), [['r2', 0, 'rp'], ['r2', 1, 'rp'], ['r2', 3, 'rp']]);
    assert.deepEqual(Object.keys(JSON.parse(port.deliveries[0]!.input) as object), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'replay-name', 'resources', 'detail']);
    assert.equal(replay.eventLastReplayedTime, t0 + 3000);
    assert.equal(archive.events.length, 4, 'replayed events are not archived again');
    // cancel
    const r3 = engine.startReplay(SCOPE, { name: 'rp2', archiveArn: archive.arn, start: t0, end: t0 + 10_000, destinationArn: bus.arn });
    time.advance(500);
    assert.equal(r3.state, 'RUNNING');
    engine.cancelReplay(SCOPE, 'rp2');
    assert.equal(r3.state, 'CANCELLING');
    time.advance(100);
    assert.equal(r3.state, 'CANCELLED');
    assert.throws(() => engine.cancelReplay(SCOPE, 'rp2'), E.ReplayNotCancellable);
    // retention
    time.advance(86_400_000);
    assert.equal(engine.requireArchive(SCOPE, 'a').events.length, 0);
  });
});
