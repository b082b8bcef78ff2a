/**
 * Queue.returnUnreceived: a receive whose answer never reached its client is undone, as if it
 * had not happened. Visible at once and first, ApproximateReceiveCount and
 * ApproximateFirstReceiveTimestamp as before, no step towards maxReceiveCount, FIFO group
 * unlocked, the handles given out stale. Fake clock, no sockets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import {
  QueueEngine,
  ReceiptHandleExpired,
  type QueueSettings,
  type ReceivedMessage,
  type ReceiveInput,
} from '../../../src/engines/queue/index.js';
import { queueSettings, scope } from './fixtures.js';

function setup(over: Partial<QueueSettings> = {}) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `m${++n}` });
  const q = engine.createQueue(scope, over.fifo ? 'q.fifo' : 'q', queueSettings(over));
  let dedup = 0;
  const send = (body: string, groupId?: string) =>
    q.send({ body, senderId: 'AKID', ...(over.fifo ? { groupId: groupId ?? 'g', deduplicationId: `d${++dedup}` } : {}) });
  const recv = (input: Partial<ReceiveInput> = {}) => q.receive({ maxMessages: 10, waitTimeSeconds: 0, ...input });
  return { time, engine, q, send, recv };
}

const handles = (ms: ReceivedMessage[]) => ms.map((m) => m.receiptHandle);
const count = (m: ReceivedMessage | undefined) => m?.systemAttributes.ApproximateReceiveCount;
const first = (m: ReceivedMessage | undefined) => m?.systemAttributes.ApproximateFirstReceiveTimestamp;

for (const fifo of [false, true]) {
  const kind = fifo ? 'FIFO' : 'standard';
  describe(`returnUnreceived on a ${kind} queue`, () => {
    it('makes the message visible at once, counted as never received', async () => {
      const { time, q, send, recv } = setup({ fifo });
      send('a');
      time.advance(1_000);
      const got = await recv({ maxMessages: 1 });
      assert.equal(count(got[0]), '1');
      assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });

      assert.equal(q.returnUnreceived(handles(got)), 1);
      assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
      time.advance(5_000);
      const again = await recv();
      assert.deepEqual(again.map((m) => m.body), ['a']);
      assert.equal(count(again[0]), '1');
      assert.equal(first(again[0]), String(time.now()), 'the first receive is the one that reached a client');
      assert.notEqual(again[0]?.receiptHandle, got[0]?.receiptHandle);
    });

    it('undoes only the receive that was lost: earlier receives still count', async () => {
      const { time, q, send, recv } = setup({ fifo, visibilityTimeout: 10 });
      send('a');
      const t1 = time.now();
      await recv();
      time.advance(10_000); // visible again
      const second = await recv();
      assert.equal(count(second[0]), '2');
      q.returnUnreceived(handles(second));
      const third = await recv();
      assert.equal(count(third[0]), '2');
      assert.equal(first(third[0]), String(t1));
    });

    it('does nothing for a handle undone already, received again since, deleted, or not of this queue', async () => {
      const { engine, q, send, recv } = setup({ fifo });
      send('a');
      const got = await recv();
      assert.equal(q.returnUnreceived(handles(got)), 1);
      assert.equal(q.returnUnreceived(handles(got)), 0, 'a second undo of the same receive');
      const again = await recv();
      assert.equal(q.returnUnreceived(handles(got)), 0, 'the message was received again since');
      assert.equal(count(again[0]), '1');
      assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
      q.deleteMessage(again[0]!.receiptHandle);
      assert.equal(q.returnUnreceived(handles(again)), 0, 'deleted');
      const other = engine.createQueue(scope, fifo ? 'other.fifo' : 'other', queueSettings({ fifo }));
      other.send({ body: 'x', senderId: 'AKID', ...(fifo ? { groupId: 'g', deduplicationId: 'x' } : {}) });
      const foreign = await other.receive({ maxMessages: 1 });
      assert.equal(q.returnUnreceived([...handles(foreign), 'garbage', '']), 0);
      assert.deepEqual(other.counts(), { visible: 0, inflight: 1, delayed: 0 });
    });

    it('leaves a message received with visibility 0 where it is, with its count undone', async () => {
      const { q, send, recv } = setup({ fifo });
      send('a');
      const got = await recv({ visibilityTimeout: 0 });
      assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
      assert.equal(q.returnUnreceived(handles(got)), 1);
      const again = await recv();
      assert.equal(count(again[0]), '1');
    });

    it('does not bring the message closer to maxReceiveCount', async () => {
      const time = new FakeTime();
      const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler });
      const dlq = engine.createQueue(scope, fifo ? 'dlq.fifo' : 'dlq', queueSettings({ fifo }));
      const src = engine.createQueue(
        scope,
        fifo ? 'src.fifo' : 'src',
        queueSettings({ fifo, visibilityTimeout: 10, redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 } }),
      );
      src.send({ body: 'a', senderId: 'AKID', ...(fifo ? { groupId: 'g', deduplicationId: 'a' } : {}) });
      for (let i = 0; i < 3; i++) {
        const lost = await src.receive({ maxMessages: 1 });
        assert.equal(count(lost[0]), '1');
        src.returnUnreceived(handles(lost));
      }
      const got = await src.receive({ maxMessages: 1 });
      assert.equal(count(got[0]), '1', 'still the first receive');
      time.advance(10_000);
      assert.deepEqual(await src.receive({ maxMessages: 1 }), [], 'a second real receive dead-letters it');
      assert.equal(dlq.counts().visible, 1);
    });

    it('wakes a long poll that is waiting', async () => {
      const { q, send, recv } = setup({ fifo });
      send('a');
      const got = await recv();
      const waiting = q.receive({ maxMessages: 10, waitTimeSeconds: 20 });
      q.returnUnreceived(handles(got));
      const woken = await waiting;
      assert.deepEqual(woken.map((m) => m.body), ['a']);
      assert.equal(count(woken[0]), '1');
    });

    it('puts a returned batch back in front, in the order it was handed out', async () => {
      const { q, send, recv } = setup({ fifo });
      send('a');
      send('b');
      send('c');
      const got = await recv({ maxMessages: 2 });
      assert.deepEqual(got.map((m) => m.body), ['a', 'b']);
      q.returnUnreceived(handles(got));
      assert.deepEqual((await recv()).map((m) => m.body), ['a', 'b', 'c']);
    });
  });
}

describe('returnUnreceived and FIFO rules', () => {
  it('unlocks the message group', async () => {
    const { q, send, recv } = setup({ fifo: true });
    send('g1', 'g');
    send('g2', 'g');
    const got = await recv({ maxMessages: 1 });
    assert.deepEqual(await recv(), [], 'the group is locked while g1 is in flight');
    q.returnUnreceived(handles(got));
    assert.deepEqual((await recv({ maxMessages: 1 })).map((m) => m.body), ['g1']);
  });

  it('makes the handle given out stale (delete needs the live handle on FIFO queues)', async () => {
    const { q, send, recv } = setup({ fifo: true });
    send('a');
    const got = await recv();
    q.returnUnreceived(handles(got));
    assert.throws(() => q.deleteMessage(got[0]!.receiptHandle), ReceiptHandleExpired);
    assert.throws(() => q.changeVisibility(got[0]!.receiptHandle, 10), ReceiptHandleExpired);
  });

  it('does not replay the undone receive for its ReceiveRequestAttemptId', async () => {
    const { q, send, recv } = setup({ fifo: true });
    send('a');
    const got = await recv({ receiveRequestAttemptId: 'try-1' });
    q.returnUnreceived(handles(got));
    const retry = await recv({ receiveRequestAttemptId: 'try-1' });
    assert.deepEqual(retry.map((m) => m.body), ['a']);
    assert.notEqual(retry[0]?.receiptHandle, got[0]?.receiptHandle, 'a fresh receive, not the stale answer');
    assert.equal(count(retry[0]), '1');
  });
});

describe('returnUnreceived on a standard queue', () => {
  it('puts the message ahead of those that became visible meanwhile', async () => {
    const { q, send, recv } = setup();
    send('a');
    const got = await recv();
    send('b');
    q.returnUnreceived(handles(got));
    assert.deepEqual((await recv({ maxMessages: 1 })).map((m) => m.body), ['a']);
  });

  it('leaves a deleted queue alone', async () => {
    const { engine, q, send, recv } = setup();
    send('a');
    const got = await recv();
    engine.deleteQueue(scope, 'q');
    assert.equal(q.returnUnreceived(handles(got)), 0);
  });
});
