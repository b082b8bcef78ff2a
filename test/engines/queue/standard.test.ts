import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import {
  MessageNotAvailable,
  OverLimit,
  QueueEngine,
  ReceiptHandleInvalid,
  VisibilityTooLong,
  type QueueSettings,
  type ReceiveInput,
} from '../../../src/engines/queue/index.js';
import { queueSettings, scope } from './fixtures.js';


const settings = queueSettings;

function setup(over: Partial<QueueSettings> = {}, inflightLimit?: number) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({
    clock: time.clock,
    scheduler: time.scheduler,
    newId: () => `m${++n}`,
    ...(inflightLimit === undefined ? {} : { inflightLimit }),
  });
  const q = engine.createQueue(scope, 'q', settings(over));
  const recv = (input: Partial<ReceiveInput> = {}) => q.receive({ maxMessages: 10, waitTimeSeconds: 0, ...input });
  const send = (body: string, delaySeconds?: number) =>
    q.send({ body, senderId: 'AKID', ...(delaySeconds === undefined ? {} : { delaySeconds }) });
  return { time, engine, q, recv, send };
}

describe('standard queue: send and receive', () => {
  it('returns the message with its system attributes and a fresh handle per receive', async () => {
    const { time, q, recv } = setup({ visibilityTimeout: 10 });
    const sentAt = time.now();
    const { messageId, sequenceNumber } = q.send({
      body: 'hello',
      senderId: 'AKID',
      attributes: { colour: { DataType: 'String', StringValue: 'red' } },
      systemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
      groupId: 'g1',
    });
    assert.equal(messageId, 'm1');
    assert.equal(sequenceNumber, undefined);
    time.advance(2000);
    const [first] = await recv();
    assert.ok(first);
    assert.equal(first.body, 'hello');
    assert.deepEqual(first.attributes, { colour: { DataType: 'String', StringValue: 'red' } });
    assert.deepEqual(first.systemAttributes, {
      SenderId: 'AKID',
      SentTimestamp: String(sentAt),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(sentAt + 2000),
      MessageGroupId: 'g1',
      AWSTraceHeader: 'Root=1-abc',
    });
    assert.deepEqual(first.messageSystemAttributes, { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } });
    assert.match(first.receiptHandle, /^[A-Za-z0-9_-]+$/);
    assert.ok(first.receiptHandle.length <= 1024);

    time.advance(10_000);
    const [second] = await recv();
    assert.ok(second);
    assert.notEqual(second.receiptHandle, first.receiptHandle);
    assert.equal(second.systemAttributes.ApproximateReceiveCount, '2');
    assert.equal(second.systemAttributes.ApproximateFirstReceiveTimestamp, String(sentAt + 2000));
    // The first snapshot did not change.
    assert.equal(first.systemAttributes.ApproximateReceiveCount, '1');
  });

  it('hands out at most maxMessages, oldest first', async () => {
    const { recv, send } = setup();
    for (let i = 0; i < 5; i++) send(`b${i}`);
    assert.deepEqual((await recv({ maxMessages: 3 })).map((m) => m.body), ['b0', 'b1', 'b2']);
    assert.deepEqual((await recv({ maxMessages: 3 })).map((m) => m.body), ['b3', 'b4']);
    assert.deepEqual(await recv(), []);
  });

  it('stores a copy of the attributes, so later mutation by the caller changes nothing', async () => {
    const { q, recv } = setup();
    const attributes = { a: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } };
    q.send({ body: 'x', senderId: 's', attributes });
    attributes.a.BinaryValue[0] = 9;
    const [m] = await recv();
    assert.deepEqual(m?.attributes.a?.BinaryValue, new Uint8Array([1, 2]));
  });
});

describe('standard queue: visibility', () => {
  it('hides a received message for the queue visibility timeout, then shows it again', async () => {
    const { time, q, recv, send } = setup({ visibilityTimeout: 30 });
    send('a');
    assert.equal((await recv()).length, 1);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
    time.advance(29_999);
    assert.deepEqual(await recv(), []);
    time.advance(1);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
    assert.equal((await recv())[0]?.body, 'a');
  });

  it('uses the per-receive visibility timeout override', async () => {
    const { time, recv, send } = setup({ visibilityTimeout: 30 });
    send('a');
    await recv({ visibilityTimeout: 5 });
    time.advance(4_999);
    assert.deepEqual(await recv(), []);
    time.advance(1);
    assert.equal((await recv()).length, 1);
  });

  it('visibility 0 on receive makes the message visible again at once, not twice in one receive', async () => {
    const { q, recv, send } = setup();
    send('a');
    assert.equal((await recv({ visibilityTimeout: 0 })).length, 1);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
    assert.equal((await recv())[0]?.systemAttributes.ApproximateReceiveCount, '2');
  });

  it('changeVisibility extends from now', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 10 });
    send('a');
    const [m] = await recv();
    time.advance(8_000);
    q.changeVisibility(m!.receiptHandle, 20);
    time.advance(19_999);
    assert.deepEqual(await recv(), []);
    time.advance(1);
    assert.equal((await recv()).length, 1);
  });

  it('changeVisibility 0 makes it visible at once, and the change is not remembered', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 10 });
    send('a');
    const [m] = await recv();
    q.changeVisibility(m!.receiptHandle, 0);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
    const [again] = await recv();
    assert.ok(again);
    // The next receive uses the queue timeout again (10 s), not 0.
    time.advance(9_999);
    assert.deepEqual(await recv(), []);
    time.advance(1);
    assert.equal((await recv()).length, 1);
  });

  it('changeVisibility may not reach past 12 hours from the receive', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 43_200 });
    send('a');
    const [m] = await recv();
    time.advance(3_600_000); // 1 h later, 11 h are left
    assert.throws(
      () => q.changeVisibility(m!.receiptHandle, 39_601),
      (e: unknown) => e instanceof VisibilityTooLong && e.requestedSeconds === 39_601 && e.remainingSeconds === 39_600,
    );
    q.changeVisibility(m!.receiptHandle, 39_600);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
  });

  it('changeVisibility on an expired standard handle succeeds and changes nothing', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 10 });
    send('a');
    const [m] = await recv();
    time.advance(10_000);
    q.changeVisibility(m!.receiptHandle, 300);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
  });

  it('changeVisibility with an older handle of a message in flight again applies to it', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 10 });
    send('a');
    const [first] = await recv();
    time.advance(10_000);
    const [second] = await recv();
    assert.notEqual(second!.receiptHandle, first!.receiptHandle);
    // 0 through the old handle: visible again at once, as with the live handle.
    q.changeVisibility(first!.receiptHandle, 0);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
    const [third] = await recv();
    assert.equal(third!.systemAttributes.ApproximateReceiveCount, '3');
    // Extend through the oldest handle: still hidden past the queue's 10 s.
    q.changeVisibility(first!.receiptHandle, 100);
    time.advance(99_999);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
    time.advance(1);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
  });

  it('changeVisibility after delete fails with MessageNotAvailable', async () => {
    const { recv, send, q } = setup();
    send('a');
    const [m] = await recv();
    q.deleteMessage(m!.receiptHandle);
    assert.throws(() => q.changeVisibility(m!.receiptHandle, 10), MessageNotAvailable);
  });
});

describe('standard queue: delete and receipt handles', () => {
  it('deletes with a visibility-expired or superseded handle; deleting twice is fine', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 10 });
    send('a');
    const [old] = await recv();
    time.advance(10_000);
    const [newer] = await recv();
    assert.ok(old && newer);
    q.deleteMessage(old.receiptHandle);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
    q.deleteMessage(newer.receiptHandle);
    time.advance(60_000);
    assert.deepEqual(await recv(), []);
  });

  it('rejects garbage and handles of another queue', async () => {
    const { engine, recv, send, q } = setup();
    const other = engine.createQueue(scope, 'other', settings());
    send('a');
    const [m] = await recv();
    for (const bad of ['garbage', '', 'a b', Buffer.from('sb1\nx').toString('base64url')]) {
      assert.throws(() => q.deleteMessage(bad), ReceiptHandleInvalid, bad);
    }
    assert.throws(() => other.deleteMessage(m!.receiptHandle), ReceiptHandleInvalid);
    assert.throws(() => other.changeVisibility(m!.receiptHandle, 1), ReceiptHandleInvalid);
  });
});

describe('standard queue: delays', () => {
  it('hides a message for its own delay', async () => {
    const { time, recv, send, q } = setup();
    send('late', 5);
    send('now');
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 1 });
    assert.deepEqual((await recv()).map((m) => m.body), ['now']);
    time.advance(4_999);
    assert.deepEqual(await recv(), []);
    time.advance(1);
    assert.deepEqual((await recv()).map((m) => m.body), ['late']);
  });

  it('uses the queue delay when the message has none, and 0 overrides it', async () => {
    const { time, recv, send, q } = setup({ delaySeconds: 3 });
    send('queue-delay');
    send('no-delay', 0);
    assert.deepEqual((await recv()).map((m) => m.body), ['no-delay']);
    const [peeked] = q.peek().filter((p) => p.state === 'delayed');
    assert.equal(peeked?.visibleAt, time.now() + 3000);
    time.advance(3_000);
    assert.deepEqual((await recv()).map((m) => m.body), ['queue-delay']);
  });
});

describe('standard queue: counts, peek, limits', () => {
  it('counts and peeks every state without side effects', async () => {
    const { time, recv, send, q } = setup({ visibilityTimeout: 30 });
    send('a');
    send('b');
    send('c', 60);
    await recv({ maxMessages: 1 });
    assert.deepEqual(q.counts(), { visible: 1, inflight: 1, delayed: 1 });
    const peek = q.peek();
    assert.deepEqual(
      peek.map((p) => [p.body, p.state, p.visibleAt]),
      [
        ['a', 'inflight', time.now() + 30_000],
        ['b', 'available', undefined],
        ['c', 'delayed', time.now() + 60_000],
      ],
    );
    assert.equal(peek[0]?.systemAttributes.ApproximateReceiveCount, '1');
    assert.equal(peek[1]?.systemAttributes.ApproximateFirstReceiveTimestamp, undefined);
    // Peeking twice changes nothing.
    assert.deepEqual(q.peek(), peek);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 1, delayed: 1 });
  });

  it('throws OverLimit once the in-flight limit is reached, and caps a receive below it', async () => {
    const { recv, send, q } = setup({}, 3);
    for (let i = 0; i < 5; i++) send(`b${i}`);
    assert.equal((await recv({ maxMessages: 2 })).length, 2);
    const next = await recv({ maxMessages: 10 });
    assert.equal(next.length, 1);
    await assert.rejects(recv(), OverLimit);
    q.deleteMessage(next[0]!.receiptHandle);
    assert.equal((await recv()).length, 1);
  });

  it('a long poll blocked by the in-flight limit is served when a slot frees up', async () => {
    const { recv, send, q } = setup({}, 1);
    const first = recv({ waitTimeSeconds: 20 });
    const second = recv({ waitTimeSeconds: 20 });
    let secondDone = false;
    void second.then(() => (secondDone = true));
    send('a');
    send('b');
    const [a] = await first;
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(secondDone, false);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 1, delayed: 0 });
    q.deleteMessage(a!.receiptHandle);
    assert.deepEqual((await second).map((m) => m.body), ['b']);
  });

  it('purge removes available, in-flight and delayed messages', async () => {
    const { recv, send, q } = setup();
    send('a');
    send('b');
    send('c', 30);
    const [m] = await recv({ maxMessages: 1 });
    q.purge();
    assert.deepEqual(q.counts(), { visible: 0, inflight: 0, delayed: 0 });
    assert.deepEqual(q.peek(), []);
    assert.throws(() => q.changeVisibility(m!.receiptHandle, 0), MessageNotAvailable);
  });
});
