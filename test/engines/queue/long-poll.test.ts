import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import { QueueEngine, type QueueSettings, type ReceivedMessage, type ReceiveInput } from '../../../src/engines/queue/index.js';
import { queueSettings, scope } from './fixtures.js';


const settings = queueSettings;

function setup(over: Partial<QueueSettings> = {}) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `m${++n}` });
  const name = over.fifo ? 'q.fifo' : 'q';
  const q = engine.createQueue(scope, name, settings(over));
  const send = (body: string, extra: { delaySeconds?: number; groupId?: string; deduplicationId?: string } = {}) =>
    q.send({ body, senderId: 'AKID', ...extra });
  return { time, engine, q, send };
}

/** A pending receive whose settlement can be observed without awaiting it. */
function track(p: Promise<ReceivedMessage[]>) {
  const t: { done: boolean; value: ReceivedMessage[] | undefined; p: Promise<ReceivedMessage[]> } = {
    done: false,
    value: undefined,
    p,
  };
  void p.then((v) => {
    t.done = true;
    t.value = v;
  });
  return t;
}

/** Lets promise callbacks run (no time passes on the fake clock). */
const settle = () => new Promise<void>((r) => setImmediate(r));

const poll = (q: { receive(i: ReceiveInput): Promise<ReceivedMessage[]> }, input: Partial<ReceiveInput> = {}) =>
  track(q.receive({ maxMessages: 10, waitTimeSeconds: 20, ...input }));

describe('long polling', () => {
  it('returns [] at the wait timeout when nothing arrives', async () => {
    const { time, q } = setup();
    const w = poll(q, { waitTimeSeconds: 5 });
    time.advance(4_999);
    await settle();
    assert.equal(w.done, false);
    time.advance(1);
    await settle();
    assert.deepEqual(w.value, []);
  });

  it('uses the queue ReceiveMessageWaitTimeSeconds when the receive gives none, and 0 returns at once', async () => {
    const { time, q } = setup({ receiveMessageWaitTimeSeconds: 3 });
    const w = track(q.receive({ maxMessages: 1 }));
    await settle();
    assert.equal(w.done, false);
    time.advance(3_000);
    await settle();
    assert.deepEqual(w.value, []);
    assert.deepEqual(await q.receive({ maxMessages: 1, waitTimeSeconds: 0 }), []);
  });

  it('wakes on send, with what is available (not waiting to fill maxMessages)', async () => {
    const { time, q, send } = setup();
    const w = poll(q);
    time.advance(1_000);
    send('hi');
    await settle();
    assert.deepEqual(w.value?.map((m) => m.body), ['hi']);
    assert.deepEqual(q.counts(), { visible: 0, inflight: 1, delayed: 0 });
  });

  it('wakes when a visibility timeout ends', async () => {
    const { time, q, send } = setup({ visibilityTimeout: 10 });
    send('a');
    await q.receive({ maxMessages: 1 });
    const w = poll(q);
    time.advance(9_999);
    await settle();
    assert.equal(w.done, false);
    time.advance(1);
    await settle();
    assert.equal(w.value?.[0]?.systemAttributes.ApproximateReceiveCount, '2');
  });

  it('wakes when a delay ends', async () => {
    const { time, q, send } = setup();
    send('late', { delaySeconds: 7 });
    const w = poll(q);
    time.advance(6_999);
    await settle();
    assert.equal(w.done, false);
    time.advance(1);
    await settle();
    assert.deepEqual(w.value?.map((m) => m.body), ['late']);
  });

  it('wakes on changeVisibility to 0', async () => {
    const { q, send } = setup({ visibilityTimeout: 300 });
    send('a');
    const [m] = await q.receive({ maxMessages: 1 });
    const w = poll(q);
    await settle();
    assert.equal(w.done, false);
    q.changeVisibility(m!.receiptHandle, 0);
    await settle();
    assert.deepEqual(w.value?.map((x) => x.body), ['a']);
  });

  it('serves waiters first come first served', async () => {
    const { q, send } = setup();
    const first = poll(q, { maxMessages: 1 });
    const second = poll(q, { maxMessages: 1 });
    send('one');
    await settle();
    assert.deepEqual(first.value?.map((m) => m.body), ['one']);
    assert.equal(second.done, false);
    send('two');
    await settle();
    assert.deepEqual(second.value?.map((m) => m.body), ['two']);
  });

  it('an aborted waiter gets nothing and the message stays for the next receiver', async () => {
    const { time, q, send } = setup();
    const ac = new AbortController();
    const aborted = poll(q, { signal: ac.signal });
    ac.abort();
    await settle();
    assert.deepEqual(aborted.value, []);
    send('kept');
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
    const [m] = await q.receive({ maxMessages: 1 });
    assert.equal(m?.body, 'kept');
    assert.equal(m?.systemAttributes.ApproximateReceiveCount, '1');
    // Its deadline timer is gone too: nothing fires later.
    time.advance(60_000);
  });

  it('a receive with an already aborted signal takes nothing', async () => {
    const { q, send } = setup();
    send('a');
    const ac = new AbortController();
    ac.abort();
    assert.deepEqual(await q.receive({ maxMessages: 1, signal: ac.signal }), []);
    assert.deepEqual(q.counts(), { visible: 1, inflight: 0, delayed: 0 });
  });

  it('a waiter that loses the message to another keeps waiting until its own deadline', async () => {
    const { time, q, send } = setup({ visibilityTimeout: 100 });
    const w = poll(q, { waitTimeSeconds: 10 });
    time.advance(1_000);
    send('a');
    await settle();
    assert.equal(w.value?.length, 1);
    const late = poll(q, { waitTimeSeconds: 10 });
    time.advance(5_000);
    send('b');
    const late2 = poll(q, { waitTimeSeconds: 10 });
    await settle();
    assert.deepEqual(late.value?.map((m) => m.body), ['b']);
    assert.equal(late2.done, false);
    time.advance(9_999);
    await settle();
    assert.equal(late2.done, false);
    time.advance(1);
    await settle();
    assert.deepEqual(late2.value, []);
  });

  it('wakes when a FIFO group is unblocked by a delete', async () => {
    const { q, send } = setup({ fifo: true, contentBasedDeduplication: true });
    send('a1', { groupId: 'a' });
    send('a2', { groupId: 'a' });
    const [m] = await q.receive({ maxMessages: 1 });
    const w = poll(q);
    await settle();
    assert.equal(w.done, false);
    q.deleteMessage(m!.receiptHandle);
    await settle();
    assert.deepEqual(w.value?.map((x) => x.body), ['a2']);
  });

  it('deleting the queue resolves its waiters with []; so does closing the engine', async () => {
    const { engine, q } = setup();
    const w = poll(q);
    const other = engine.createQueue(scope, 'other', settings());
    const w2 = poll(other);
    engine.deleteQueue(scope, 'q');
    await settle();
    assert.deepEqual(w.value, []);
    assert.equal(w2.done, false);
    engine.close();
    await settle();
    assert.deepEqual(w2.value, []);
    assert.deepEqual(await q.receive({ maxMessages: 1, waitTimeSeconds: 20 }), []);
  });
});
