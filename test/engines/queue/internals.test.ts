/**
 * The queue engine's compact internals: receipt handles (slot + id + nonce), timers bucketed by
 * due time, slot reuse, shared message metadata, and retention across in-order and
 * out-of-order arrivals.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import { QueueEngine, ReceiptHandleInvalid, type QueueSettings } from '../../../src/engines/queue/index.js';
import {
  decodeReceiptHandle,
  encodeReceiptHandle,
  receiptHandlePrefix,
} from '../../../src/engines/queue/receipt-handle.js';
import { queueSettings, scope } from './fixtures.js';

function setup(over: Partial<QueueSettings> = {}, newId?: () => string) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: newId ?? (() => `m${++n}`) });
  const q = engine.createQueue(scope, 'q', queueSettings(over));
  const recv = (max = 10, visibilityTimeout?: number) =>
    q.receive({ maxMessages: max, waitTimeSeconds: 0, ...(visibilityTimeout === undefined ? {} : { visibilityTimeout }) });
  return { time, engine, q, recv };
}

describe('receipt handles', () => {
  const arn = 'arn:aws:sqs:us-east-1:000000000000:q';
  const prefix = receiptHandlePrefix(arn);

  it('round-trip any message id, slot and nonce, in the base64url alphabet', () => {
    for (const id of ['0b7c4e1a-3f7e-4c36-9a57-0d1f2b3c4d5e', 'm1', 'a_b c', 'é/ü', '_']) {
      for (const [slot, nonce] of [[0, 1], [7, 0], [123_456, 987_654_321]] as const) {
        const h = encodeReceiptHandle(prefix, id, slot, nonce);
        assert.match(h, /^[A-Za-z0-9_-]+$/);
        assert.deepEqual(decodeReceiptHandle(prefix, h), { messageId: id, slot, nonce });
      }
    }
  });

  it("are refused by another queue, even one whose name extends this one's", () => {
    const h = encodeReceiptHandle(prefix, 'm1', 0, 1);
    for (const other of ['q2', 'q-', 'qq', 'Q']) {
      assert.equal(decodeReceiptHandle(receiptHandlePrefix(`arn:aws:sqs:us-east-1:000000000000:${other}`), h), undefined);
    }
  });

  it('refuse malformed and non-canonical ones', () => {
    const good = encodeReceiptHandle(prefix, 'm1', 3, 12);
    const bad = [
      '',
      'garbage',
      prefix,
      `${prefix}_3_12`,
      `${prefix}m1_12`,
      `${prefix}m1__12`,
      `${prefix}m1_3_`,
      `${prefix}m1_03_12`,
      `${prefix}m1_3_012`,
      `${prefix}m 1_3_12`,
      `${prefix}_!!_3_12`,
      `${prefix}m1_3_1234567890123456`,
      good + 'x',
      good.slice(1),
      good + 'A'.repeat(1024),
    ];
    for (const h of bad) assert.equal(decodeReceiptHandle(prefix, h), undefined, h);
  });

  it('work for message ids that are not plain (custom newId)', async () => {
    const { q, recv } = setup({}, () => 'id with spaces_and_underscores');
    q.send({ body: 'a', senderId: 'AKID' });
    const [m] = await recv();
    assert.ok(m);
    assert.match(m.receiptHandle, /^[A-Za-z0-9_-]+$/);
    q.deleteMessage(m.receiptHandle);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('of a deleted message do not reach the message that reuses its slot', async () => {
    const { q, recv } = setup({ visibilityTimeout: 30 });
    q.send({ body: 'first', senderId: 'AKID' });
    const [first] = await recv();
    q.deleteMessage(first!.receiptHandle);
    q.send({ body: 'second', senderId: 'AKID' });
    const [second] = await recv();
    assert.equal(second?.body, 'second');
    // The stale handle names the same slot but another id: deleting with it is a no-op.
    q.deleteMessage(first!.receiptHandle);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
    assert.throws(() => q.deleteMessage(first!.receiptHandle.replace(/_\d+_(\d+)$/, '_x_$1')), ReceiptHandleInvalid);
  });
});

describe('visibility and delay timers', () => {
  it('release a batch received together in order, each once, minus those deleted', async () => {
    const { time, q, recv } = setup({ visibilityTimeout: 10 });
    for (let i = 0; i < 5; i++) q.send({ body: `b${i}`, senderId: 'AKID' });
    const batch = await recv();
    assert.equal(batch.length, 5);
    q.deleteMessage(batch[1]!.receiptHandle);
    q.deleteMessage(batch[3]!.receiptHandle);
    time.advance(9_999);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 3, delayed: 0 });
    time.advance(1);
    assert.deepEqual(q.counts(), { visible: 3, inflight: 0, delayed: 0 });
    assert.deepEqual((await recv()).map((m) => m.body), ['b0', 'b2', 'b4']);
  });

  it('do not fire for a batch that was deleted entirely, and leave no scheduler entry behind', async () => {
    const { time, q, recv } = setup({ visibilityTimeout: 10 });
    for (let i = 0; i < 3; i++) q.send({ body: `b${i}`, senderId: 'AKID' });
    const before = time.scheduler.size;
    for (const m of await recv()) q.deleteMessage(m.receiptHandle);
    assert.equal(time.scheduler.size, before);
    time.advance(20_000);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('move one message of a batch to its own new time on ChangeMessageVisibility', async () => {
    const { time, q, recv } = setup({ visibilityTimeout: 10 });
    q.send({ body: 'a', senderId: 'AKID' });
    q.send({ body: 'b', senderId: 'AKID' });
    const [a] = await recv(1);
    assert.equal(a?.body, 'a');
    const [b] = await recv(1);
    q.changeVisibility(a!.receiptHandle, 20);
    q.changeVisibility(b!.receiptHandle, 5);
    time.advance(5_000);
    assert.deepEqual((await recv(10, 100)).map((m) => m.body), ['b']);
    time.advance(14_999);
    assert.deepEqual(await recv(), []);
    time.advance(1);
    assert.deepEqual((await recv()).map((m) => m.body), ['a']);
  });

  it('release delayed messages sent in the same millisecond together, in send order', async () => {
    const { time, q, recv } = setup();
    for (let i = 0; i < 4; i++) q.send({ body: `d${i}`, senderId: 'AKID', delaySeconds: 3 });
    q.send({ body: 'now', senderId: 'AKID' });
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 4 });
    time.advance(3_000);
    assert.deepEqual((await recv()).map((m) => m.body), ['now', 'd0', 'd1', 'd2', 'd3']);
  });
});

describe('message records', () => {
  it('keep each message its own sender, attributes and timestamps when plain sends share metadata', async () => {
    const { time, q, recv } = setup();
    const t0 = time.now();
    q.send({ body: 'a', senderId: 'AKID1' });
    time.advance(1_234);
    q.send({ body: 'b', senderId: 'AKID1' });
    q.send({ body: 'c', senderId: 'AKID2' });
    q.send({ body: 'd', senderId: 'AKID2', attributes: { k: { DataType: 'String', StringValue: 'v' } } });
    q.send({ body: 'e', senderId: 'AKID2' });
    const got = await recv();
    assert.deepEqual(
      got.map((m) => [m.body, m.systemAttributes.SenderId, m.systemAttributes.SentTimestamp, m.attributes]),
      [
        ['a', 'AKID1', String(t0), {}],
        ['b', 'AKID1', String(t0 + 1_234), {}],
        ['c', 'AKID2', String(t0 + 1_234), {}],
        ['d', 'AKID2', String(t0 + 1_234), { k: { DataType: 'String', StringValue: 'v' } }],
        ['e', 'AKID2', String(t0 + 1_234), {}],
      ],
    );
    // Snapshots are the caller's: changing one changes nothing stored.
    got[0]!.attributes.x = { DataType: 'String', StringValue: 'y' };
    assert.deepEqual(q.peek()[0]?.attributes, {});
  });

  it('expire in retention order whatever order they arrived in (dead letters keep their age)', async () => {
    const time = new FakeTime();
    let n = 0;
    const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `m${++n}` });
    const dlq = engine.createQueue(scope, 'dlq', queueSettings({ messageRetentionPeriod: 600 }));
    const src = engine.createQueue(
      scope,
      'src',
      queueSettings({ visibilityTimeout: 0, redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 } }),
    );
    src.send({ body: 'old', senderId: 'AKID' });
    await src.receive({ maxMessages: 1, waitTimeSeconds: 0 });
    time.advance(200_000);
    dlq.send({ body: 'direct', senderId: 'AKID' });
    time.advance(100_000);
    // The next receive dead-letters 'old' (sent 300 s ago) behind 'direct' (sent 100 s ago).
    assert.deepEqual(await src.receive({ maxMessages: 1, waitTimeSeconds: 0 }), []);
    assert.deepEqual(dlq.peek().map((m) => m.body), ['direct', 'old']);
    time.advance(299_999);
    assert.deepEqual(dlq.peek().map((m) => m.body), ['direct', 'old']);
    time.advance(1);
    assert.deepEqual(dlq.peek().map((m) => m.body), ['direct']);
    time.advance(199_999);
    assert.deepEqual(dlq.peek().map((m) => m.body), ['direct']);
    time.advance(1);
    assert.deepEqual(dlq.peek(), []);
  });
});
