import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import { QueueDeletedRecently, QueueEngine, QueueNotFound } from '../../../src/engines/queue/index.js';
import { queueSettings } from './fixtures.js';

const east = { account: '000000000000', region: 'us-east-1' };
const west = { account: '000000000000', region: 'us-west-2' };
const otherAccount = { account: '111111111111', region: 'us-east-1' };

const settings = queueSettings;

function setup() {
  const time = new FakeTime();
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler });
  return { time, engine };
}

describe('queue engine', () => {
  it('creates queues with an ARN, timestamps and tags', () => {
    const { time, engine } = setup();
    const q = engine.createQueue(east, 'orders', settings(), { team: 'a' });
    assert.equal(q.arn, 'arn:aws:sqs:us-east-1:000000000000:orders');
    assert.equal(q.createdTimestamp, time.now());
    assert.equal(q.lastModifiedTimestamp, time.now());
    assert.deepEqual([...q.tags], [['team', 'a']]);
    assert.equal(engine.getQueueByArn(q.arn), q);
    assert.equal(engine.requireQueue(east, 'orders'), q);
    assert.equal(engine.getQueue(east, 'missing'), undefined);
    assert.throws(() => engine.requireQueue(east, 'missing'), QueueNotFound);
  });

  it('generates UUID message ids by default', () => {
    const { engine } = setup();
    const q = engine.createQueue(east, 'q', settings());
    assert.match(q.send({ body: 'x', senderId: 's' }).messageId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('keeps scopes apart', async () => {
    const { engine } = setup();
    const a = engine.createQueue(east, 'same', settings());
    const b = engine.createQueue(west, 'same', settings());
    const c = engine.createQueue(otherAccount, 'same', settings());
    assert.notEqual(a, b);
    assert.deepEqual(new Set([a.arn, b.arn, c.arn]).size, 3);
    a.send({ body: 'only-east', senderId: 's' });
    assert.equal(b.counts().visible, 0);
    assert.equal(c.counts().visible, 0);
    assert.deepEqual(engine.listQueues(west).map((q) => q.arn), [b.arn]);
    engine.deleteQueue(east, 'same');
    assert.equal(engine.getQueue(west, 'same'), b);
    assert.deepEqual(await b.receive({ maxMessages: 1 }), []);
  });

  it('lists queues sorted by name, filtered by prefix', () => {
    const { engine } = setup();
    for (const name of ['b-two', 'a-one', 'b-one', 'c']) engine.createQueue(east, name, settings());
    assert.deepEqual(engine.listQueues(east).map((q) => q.name), ['a-one', 'b-one', 'b-two', 'c']);
    assert.deepEqual(engine.listQueues(east, 'b-').map((q) => q.name), ['b-one', 'b-two']);
    assert.deepEqual(engine.listQueues(otherAccount), []);
  });

  it('refuses to recreate a deleted queue for 60 seconds', () => {
    const { time, engine } = setup();
    engine.createQueue(east, 'q', settings());
    engine.deleteQueue(east, 'q');
    assert.equal(engine.getQueue(east, 'q'), undefined);
    assert.throws(() => engine.deleteQueue(east, 'q'), QueueNotFound);
    time.advance(59_999);
    assert.throws(() => engine.createQueue(east, 'q', settings()), QueueDeletedRecently);
    // Another scope is not affected.
    engine.createQueue(west, 'q', settings());
    time.advance(1);
    const again = engine.createQueue(east, 'q', settings());
    assert.equal(again.counts().visible, 0);
  });

  it('operations on a deleted queue object fail with QueueNotFound', () => {
    const { engine } = setup();
    const q = engine.createQueue(east, 'q', settings());
    engine.deleteQueue(east, 'q');
    assert.throws(() => q.send({ body: 'x', senderId: 's' }), QueueNotFound);
    assert.throws(() => q.purge(), QueueNotFound);
  });

  it('deleting a queue cancels its timers', async () => {
    const { time, engine } = setup();
    const q = engine.createQueue(east, 'q', settings({ fifo: true }));
    q.send({ body: 'a', senderId: 's', groupId: 'g', deduplicationId: 'd' });
    q.send({ body: 'b', senderId: 's', groupId: 'h', deduplicationId: 'e', delaySeconds: 100 });
    await q.receive({ maxMessages: 1 });
    assert.ok(time.scheduler.size > 0);
    engine.deleteQueue(east, 'q');
    assert.equal(time.scheduler.size, 0);
  });
});
