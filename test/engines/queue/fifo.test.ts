import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { FakeTime } from '../../../src/core/fake-time.js';
import {
  MessageNotAvailable,
  QueueEngine,
  ReceiptHandleExpired,
  type QueueSettings,
  type ReceiveInput,
} from '../../../src/engines/queue/index.js';
import { queueSettings, scope } from './fixtures.js';


const settings = (over: Partial<QueueSettings> = {}): QueueSettings => queueSettings({ fifo: true, ...over });

function setup(over: Partial<QueueSettings> = {}, inflightLimit?: number) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({
    clock: time.clock,
    scheduler: time.scheduler,
    newId: () => `m${++n}`,
    ...(inflightLimit === undefined ? {} : { inflightLimit }),
  });
  const q = engine.createQueue(scope, 'q.fifo', settings(over));
  let dedup = 0;
  /** `null`: no deduplication id (content-based); omitted: a fresh one. */
  const send = (body: string, groupId: string, deduplicationId: string | null = `d${++dedup}`) =>
    q.send({ body, senderId: 'AKID', groupId, ...(deduplicationId === null ? {} : { deduplicationId }) });
  const recv = (input: Partial<ReceiveInput> = {}) => q.receive({ maxMessages: 10, waitTimeSeconds: 0, ...input });
  const bodies = async (input: Partial<ReceiveInput> = {}) => (await recv(input)).map((m) => m.body);
  return { time, engine, q, send, recv, bodies };
}

describe('FIFO ordering', () => {
  it('keeps strict order within a group and blocks the group while any of it is in flight', async () => {
    const { time, send, recv, bodies, q } = setup({ visibilityTimeout: 10 });
    send('a1', 'a');
    send('a2', 'a');
    send('a3', 'a');
    assert.deepEqual(await bodies({ maxMessages: 2 }), ['a1', 'a2']);
    // a3 is visible but its group has messages in flight.
    assert.deepEqual(await bodies(), []);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 2, delayed: 0 });
    time.advance(10_000);
    // Visibility ended: the group starts again from a1.
    const again = await recv();
    assert.deepEqual(again.map((m) => m.body), ['a1', 'a2', 'a3']);
    for (const m of again) q.deleteMessage(m.receiptHandle);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('returns consecutive messages of several groups in one receive', async () => {
    const { send, bodies } = setup();
    send('a1', 'a');
    send('b1', 'b');
    send('a2', 'a');
    send('b2', 'b');
    send('c1', 'c');
    assert.deepEqual(await bodies({ maxMessages: 3 }), ['a1', 'a2', 'b1']);
    // b is now blocked by b1; c is free.
    assert.deepEqual(await bodies(), ['c1']);
  });

  it('deleting the in-flight head unblocks the group in order', async () => {
    const { send, recv, bodies, q } = setup();
    send('a1', 'a');
    send('a2', 'a');
    const [m] = await recv({ maxMessages: 1 });
    assert.deepEqual(await bodies(), []);
    q.deleteMessage(m!.receiptHandle);
    assert.deepEqual(await bodies(), ['a2']);
  });

  it('assigns strictly increasing 20-digit sequence numbers', async () => {
    const { send, recv } = setup();
    const s1 = send('a', 'g').sequenceNumber!;
    const s2 = send('b', 'h').sequenceNumber!;
    assert.match(s1, /^\d{20}$/);
    assert.ok(BigInt(s2) > BigInt(s1));
    const got = await recv();
    assert.deepEqual(
      got.map((m) => [m.systemAttributes.SequenceNumber, m.systemAttributes.MessageGroupId, m.systemAttributes.MessageDeduplicationId]),
      [
        [s1, 'g', 'd1'],
        [s2, 'h', 'd2'],
      ],
    );
  });

  it('returns only what fits under the in-flight limit, without an error', async () => {
    const { send, bodies } = setup({}, 2);
    send('a1', 'a');
    send('b1', 'b');
    send('c1', 'c');
    assert.deepEqual(await bodies(), ['a1', 'b1']);
    assert.deepEqual(await bodies(), []);
  });
});

describe('FIFO deduplication', () => {
  it('suppresses a duplicate id within 5 minutes and accepts it after', async () => {
    const { time, send, bodies, q } = setup();
    const first = send('x', 'g', 'same');
    time.advance(299_999);
    const dup = send('y', 'g', 'same');
    assert.deepEqual(dup, first);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
    time.advance(1);
    const later = send('z', 'g', 'same');
    assert.notEqual(later.messageId, first.messageId);
    assert.ok(BigInt(later.sequenceNumber!) > BigInt(first.sequenceNumber!));
    assert.deepEqual(await bodies(), ['x', 'z']);
  });

  it('remembers ids after the message is deleted', async () => {
    const { send, recv, q } = setup();
    const first = send('x', 'g', 'same');
    const [m] = await recv();
    q.deleteMessage(m!.receiptHandle);
    assert.equal(send('x', 'g', 'same').messageId, first.messageId);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('content-based: the SHA-256 of the body is the id, an explicit id overrides it', async () => {
    const { send, recv, q } = setup({ contentBasedDeduplication: true });
    const a = send('body', 'g', null);
    assert.equal(send('body', 'h', null).messageId, a.messageId);
    const explicit = send('body', 'g', 'explicit');
    assert.notEqual(explicit.messageId, a.messageId);
    const got = await recv();
    assert.deepEqual(
      got.map((m) => m.systemAttributes.MessageDeduplicationId),
      [createHash('sha256').update('body').digest('hex'), 'explicit'],
    );
    assert.equal(q.counts().inflight, 2);
  });

  it("scope 'messageGroup' tracks ids per group", async () => {
    const { send, q } = setup({ deduplicationScope: 'messageGroup', fifoThroughputLimit: 'perMessageGroupId' });
    const a = send('x', 'g1', 'same');
    const b = send('x', 'g2', 'same');
    assert.notEqual(a.messageId, b.messageId);
    assert.equal(send('x', 'g1', 'same').messageId, a.messageId);
    assert.equal(q.counts().visible, 2);
  });

  it('purge clears the dedup cache', async () => {
    const { send, q } = setup();
    const a = send('x', 'g', 'same');
    q.purge();
    const b = send('x', 'g', 'same');
    assert.notEqual(b.messageId, a.messageId);
    assert.equal(q.counts().visible, 1);
  });
});

describe('FIFO receipt handles', () => {
  it('deleting with an expired or superseded handle fails; with the live one it works', async () => {
    const { time, send, recv, q } = setup({ visibilityTimeout: 10 });
    send('a', 'g');
    const [old] = await recv();
    time.advance(10_000);
    assert.throws(() => q.deleteMessage(old!.receiptHandle), ReceiptHandleExpired);
    const [live] = await recv();
    assert.throws(() => q.deleteMessage(old!.receiptHandle), ReceiptHandleExpired);
    q.deleteMessage(live!.receiptHandle);
    // Already deleted: no error.
    q.deleteMessage(live!.receiptHandle);
    q.deleteMessage(old!.receiptHandle);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('changeVisibility with an expired handle fails; after delete it is MessageNotAvailable', async () => {
    const { time, send, recv, q } = setup({ visibilityTimeout: 10 });
    send('a', 'g');
    const [old] = await recv();
    time.advance(10_000);
    assert.throws(() => q.changeVisibility(old!.receiptHandle, 30), ReceiptHandleExpired);
    const [live] = await recv();
    // In flight again under a newer receive: the old handle still may not change it (FIFO).
    assert.throws(() => q.changeVisibility(old!.receiptHandle, 0), ReceiptHandleExpired);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
    q.changeVisibility(live!.receiptHandle, 100);
    time.advance(99_999);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
    q.deleteMessage(live!.receiptHandle);
    assert.throws(() => q.changeVisibility(live!.receiptHandle, 30), MessageNotAvailable);
  });
});

describe('FIFO ReceiveRequestAttemptId', () => {
  it('a retry returns the same messages and handles while untouched', async () => {
    const { send, recv, q } = setup();
    send('a1', 'a');
    send('a2', 'a');
    const first = await recv({ receiveRequestAttemptId: 'try-1', maxMessages: 1 });
    const retry = await recv({ receiveRequestAttemptId: 'try-1', maxMessages: 1 });
    assert.deepEqual(retry, first);
    assert.equal(retry[0]?.systemAttributes.ApproximateReceiveCount, '1');
    assert.equal(q.counts().inflight, 1);
    // A different attempt id is a normal receive: the group is blocked.
    assert.deepEqual(await recv({ receiveRequestAttemptId: 'try-2' }), []);
  });

  it('after a visibility change the retry is a normal receive', async () => {
    const { send, recv, q } = setup();
    send('a1', 'a');
    const [m] = await recv({ receiveRequestAttemptId: 'try-1' });
    q.changeVisibility(m!.receiptHandle, 0);
    const again = await recv({ receiveRequestAttemptId: 'try-1' });
    assert.equal(again.length, 1);
    assert.notEqual(again[0]?.receiptHandle, m!.receiptHandle);
    assert.equal(again[0]?.systemAttributes.ApproximateReceiveCount, '2');
  });

  it('after a delete or after 5 minutes the retry is a normal receive', async () => {
    const { time, send, recv, q } = setup({ visibilityTimeout: 600 });
    send('a1', 'a');
    send('b1', 'b');
    const first = await recv({ receiveRequestAttemptId: 'x', maxMessages: 1 });
    q.deleteMessage(first[0]!.receiptHandle);
    const second = await recv({ receiveRequestAttemptId: 'x', maxMessages: 1 });
    assert.deepEqual(second.map((m) => m.body), ['b1']);
    time.advance(300_000);
    // Still in flight under the same handle, but the 5-minute window has passed.
    assert.deepEqual(await recv({ receiveRequestAttemptId: 'x' }), []);
  });
});

describe('FIFO delays', () => {
  it('a delayed head blocks its group until the queue delay ends', async () => {
    const { time, send, bodies, q } = setup({ delaySeconds: 5 });
    send('a1', 'a');
    q.updateSettings({ delaySeconds: 0 });
    send('a2', 'a');
    assert.deepEqual(await bodies(), []);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 1 });
    time.advance(5_000);
    assert.deepEqual(await bodies(), ['a1', 'a2']);
  });
});
