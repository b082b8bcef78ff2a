import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import { MessageNotAvailable, PurgeInProgress, QueueEngine, type QueueSettings } from '../../../src/engines/queue/index.js';
import { queueSettings, scope } from './fixtures.js';


const settings = queueSettings;

function setup(over: Partial<QueueSettings> = {}) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `m${++n}` });
  const q = engine.createQueue(scope, over.fifo ? 'q.fifo' : 'q', settings(over));
  const send = (body: string, delaySeconds?: number) =>
    q.send({ body, senderId: 'AKID', ...(delaySeconds === undefined ? {} : { delaySeconds }) });
  return { time, engine, q, send };
}

describe('retention', () => {
  it('drops a message once it is older than the retention period, whatever its state', async () => {
    const { time, q, send } = setup({ messageRetentionPeriod: 60, visibilityTimeout: 600 });
    send('inflight');
    const [m] = await q.receive({ maxMessages: 1 });
    time.advance(10_000);
    send('available');
    send('delayed', 900);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 1, delayed: 1 });
    time.advance(49_999);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 1, delayed: 1 });
    time.advance(1); // the first message is 60 s old
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 1 });
    assert.throws(() => q.changeVisibility(m!.receiptHandle, 10), MessageNotAvailable);
    time.advance(10_000);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('keeps only one retention timer per queue, whatever the depth', () => {
    const { time, send } = setup({ messageRetentionPeriod: 60 });
    const before = time.scheduler.size;
    for (let i = 0; i < 1000; i++) send(`b${i}`);
    assert.equal(time.scheduler.size - before, 1);
  });

  it('a shortened retention applies to messages already in the queue, at once', () => {
    const { time, q, send } = setup({ messageRetentionPeriod: 3600 });
    send('old');
    time.advance(120_000);
    send('young');
    q.updateSettings({ messageRetentionPeriod: 60 });
    assert.deepEqual(q.peek().map((p) => p.body), ['young']);
    time.advance(59_999);
    assert.equal(q.counts().visible, 1);
    time.advance(1);
    assert.equal(q.counts().visible, 0);
  });

  it('a lengthened retention keeps messages longer', () => {
    const { time, q, send } = setup({ messageRetentionPeriod: 60 });
    send('a');
    q.updateSettings({ messageRetentionPeriod: 120 });
    time.advance(60_000);
    assert.equal(q.counts().visible, 1);
    time.advance(60_000);
    assert.equal(q.counts().visible, 0);
  });

  it('updateSettings sets lastModifiedTimestamp; visibility changes apply to new receives', async () => {
    const { time, q, send } = setup({ visibilityTimeout: 30 });
    const created = q.createdTimestamp;
    time.advance(5_000);
    q.updateSettings({ visibilityTimeout: 5 });
    assert.equal(q.lastModifiedTimestamp, created + 5_000);
    assert.equal(q.createdTimestamp, created);
    send('a');
    await q.receive({ maxMessages: 1 });
    time.advance(5_000);
    assert.equal(q.counts().visible, 1);
  });
});

describe('purge', () => {
  it('allows one purge per 60 seconds', () => {
    const { time, q, send } = setup();
    send('a');
    q.purge();
    assert.equal(q.counts().visible, 0);
    send('b');
    time.advance(59_999);
    assert.throws(() => q.purge(), PurgeInProgress);
    assert.equal(q.counts().visible, 1);
    time.advance(1);
    q.purge();
    assert.equal(q.counts().visible, 0);
  });

  it('cancels the timers of purged messages', async () => {
    const { time, q, send } = setup({ visibilityTimeout: 30 });
    const idle = time.scheduler.size;
    send('a');
    send('b', 60);
    await q.receive({ maxMessages: 1 });
    q.purge();
    time.advance(120_000);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
    assert.ok(time.scheduler.size <= idle, `timers left: ${time.scheduler.size}`);
  });
});
