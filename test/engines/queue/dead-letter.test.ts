import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import {
  MoveSourceNotDlq,
  MoveTaskAlreadyRunning,
  MoveTaskHandleInvalid,
  MoveTaskNotFound,
  MoveTaskNotRunning,
  QueueEngine,
  QueueNotFound,
  type Queue,
  type QueueSettings,
} from '../../../src/engines/queue/index.js';
import { queueSettings, scope } from './fixtures.js';

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

const settings = (over: Partial<QueueSettings> = {}): QueueSettings => queueSettings({ visibilityTimeout: 0, ...over });

function setup(fifo = false) {
  const time = new FakeTime();
  let n = 0;
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `m${++n}` });
  const suffix = fifo ? '.fifo' : '';
  const dlq = engine.createQueue(scope, `dlq${suffix}`, settings({ fifo }));
  const redrivePolicy = { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 };
  const src = engine.createQueue(scope, `src${suffix}`, settings({ fifo, redrivePolicy }));
  return { time, engine, dlq, src };
}

const one = async (q: Queue) => (await q.receive({ maxMessages: 10, waitTimeSeconds: 0 })).map((m) => m.body);

/** Receives with visibility 0 until the message has been received `times` times. */
async function receiveTimes(q: Queue, times: number) {
  for (let i = 0; i < times; i++) assert.equal((await q.receive({ maxMessages: 1 })).length, 1);
}

describe('dead-letter queues', () => {
  it('moves a message past maxReceiveCount at the next receive, keeping its count and identity', async () => {
    const { time, dlq, src } = setup();
    const sentAt = time.now();
    const { messageId } = src.send({
      body: 'poison',
      senderId: 'AKID',
      attributes: { k: { DataType: 'String', StringValue: 'v' } },
      systemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1' } },
    });
    await receiveTimes(src, 2);
    time.advance(1_000);
    assert.deepEqual(await one(src), []);
    assert.deepEqual(src.counts(), { visible: 0, inflight: 0, delayed: 0 });
    assert.deepEqual(dlq.counts(), { visible: 1, inflight: 0, delayed: 0 });
    const [peeked] = dlq.peek();
    assert.equal(peeked?.systemAttributes.ApproximateReceiveCount, '2');
    const [m] = await dlq.receive({ maxMessages: 1 });
    assert.equal(m?.messageId, messageId);
    assert.equal(m?.body, 'poison');
    assert.deepEqual(m?.attributes, { k: { DataType: 'String', StringValue: 'v' } });
    assert.equal(m?.systemAttributes.SentTimestamp, String(sentAt));
    assert.equal(m?.systemAttributes.ApproximateReceiveCount, '3');
    assert.equal(m?.systemAttributes.DeadLetterQueueSourceArn, src.arn);
    assert.equal(m?.systemAttributes.AWSTraceHeader, 'Root=1');
  });

  it('skips the moved message and hands out the next one in the same receive', async () => {
    const { src, dlq } = setup();
    src.send({ body: 'poison', senderId: 's' });
    await receiveTimes(src, 2);
    src.send({ body: 'fine', senderId: 's' });
    assert.deepEqual(await one(src), ['fine']);
    assert.equal(dlq.counts().visible, 1);
  });

  it('delivers normally when the dead-letter queue does not exist', async () => {
    const { engine, src } = setup();
    engine.deleteQueue(scope, 'dlq');
    src.send({ body: 'x', senderId: 's' });
    await receiveTimes(src, 3);
    assert.equal(src.peek()[0]?.systemAttributes.ApproximateReceiveCount, '3');
  });

  it('FIFO: the group moves on after its head is dead-lettered; DLQ retention restarts', async () => {
    const { time, src, dlq } = setup(true);
    dlq.updateSettings({ messageRetentionPeriod: 60 });
    src.send({ body: 'a1', senderId: 's', groupId: 'a', deduplicationId: 'x1' });
    src.send({ body: 'a2', senderId: 's', groupId: 'a', deduplicationId: 'x2' });
    time.advance(30_000);
    // Visibility 0: each receive takes a1 then a2 and both come straight back.
    await src.receive({ maxMessages: 10 });
    await src.receive({ maxMessages: 10 });
    const third = await src.receive({ maxMessages: 10 });
    assert.deepEqual(third, []);
    const moved = dlq.peek();
    assert.deepEqual(moved.map((p) => p.body), ['a1', 'a2']);
    // In a FIFO DLQ the deduplication id becomes the message id, and sequence numbers are new.
    assert.equal(moved[0]?.systemAttributes.MessageDeduplicationId, moved[0]?.messageId);
    assert.equal(moved[0]?.systemAttributes.MessageGroupId, 'a');
    time.advance(59_999);
    assert.equal(dlq.counts().visible, 2);
    time.advance(1);
    assert.equal(dlq.counts().visible, 0);
  });

  it('standard DLQ retention counts from the original send', async () => {
    const { time, src, dlq } = setup();
    dlq.updateSettings({ messageRetentionPeriod: 60 });
    src.send({ body: 'x', senderId: 's' });
    await receiveTimes(src, 2);
    time.advance(30_000);
    await one(src);
    assert.equal(dlq.counts().visible, 1);
    time.advance(30_000);
    assert.equal(dlq.counts().visible, 0);
  });

  it('a standard message already past the DLQ retention is dropped at the move', async () => {
    const { time, src, dlq } = setup();
    dlq.updateSettings({ messageRetentionPeriod: 60 });
    src.send({ body: 'x', senderId: 's' });
    await receiveTimes(src, 2);
    time.advance(60_000);
    assert.deepEqual(await one(src), []);
    assert.deepEqual(src.counts(), { visible: 0, inflight: 0, delayed: 0 });
    assert.deepEqual(dlq.counts(), { visible: 0, inflight: 0, delayed: 0 });
  });

  it('lists the source queues of a DLQ, sorted by name', () => {
    const { engine, dlq, src } = setup();
    const other = engine.createQueue(scope, 'another', settings({ redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 } }));
    engine.createQueue(scope, 'unrelated', settings());
    assert.deepEqual(engine.deadLetterSourceQueues(dlq.arn), [other, src]);
    assert.deepEqual(engine.deadLetterSourceQueues(src.arn), []);
    assert.deepEqual(engine.deadLetterSourceQueues('nonsense'), []);
  });
});

async function fillDlq(src: Queue, bodies: string[]) {
  for (const body of bodies) src.send({ body, senderId: 's' });
  // visibility 0: each receive returns everything again; the third moves them all.
  await src.receive({ maxMessages: 10 });
  await src.receive({ maxMessages: 10 });
  assert.deepEqual(await src.receive({ maxMessages: 10 }), []);
}

describe('move tasks', () => {
  it('moves messages back to their source as new messages', async () => {
    const { time, engine, src, dlq } = setup();
    await fillDlq(src, ['a', 'b', 'c']);
    const task = engine.startMoveTask(dlq.arn);
    assert.equal(task.status, 'RUNNING');
    assert.equal(task.approximateNumberOfMessagesToMove, 3);
    assert.equal(task.startedTimestamp, time.now());
    time.advance(0);
    assert.equal(dlq.counts().visible, 0);
    const [listed] = engine.listMoveTasks(dlq.arn, 10);
    assert.equal(listed?.status, 'COMPLETED');
    assert.equal(listed?.approximateNumberOfMessagesMoved, 3);
    const back = await src.receive({ maxMessages: 10 });
    assert.deepEqual(back.map((m) => m.body), ['a', 'b', 'c']);
    assert.equal(back[0]?.systemAttributes.ApproximateReceiveCount, '1');
    assert.equal(back[0]?.systemAttributes.DeadLetterQueueSourceArn, undefined);
    assert.equal(back[0]?.systemAttributes.SentTimestamp, String(time.now()));
    assert.ok(!['m1', 'm2', 'm3'].includes(back[0]!.messageId));
  });

  it('moves to an explicit destination, paced per second', async () => {
    const { time, engine, src, dlq } = setup();
    const dest = engine.createQueue(scope, 'dest', settings());
    await fillDlq(src, ['a', 'b', 'c', 'd', 'e']);
    const task = engine.startMoveTask(dlq.arn, dest.arn, 2);
    assert.equal(task.destinationArn, dest.arn);
    assert.equal(task.maxNumberOfMessagesPerSecond, 2);
    time.advance(0);
    assert.equal(dest.counts().visible, 2);
    time.advance(999);
    assert.equal(dest.counts().visible, 2);
    time.advance(1);
    assert.equal(dest.counts().visible, 4);
    assert.equal(engine.listMoveTasks(dlq.arn, 1)[0]?.status, 'RUNNING');
    time.advance(1_000);
    assert.equal(dest.counts().visible, 5);
    assert.equal(engine.listMoveTasks(dlq.arn, 1)[0]?.status, 'COMPLETED');
    assert.equal(src.counts().visible, 0);
  });

  it('moves 500 per tick without a rate', async () => {
    const { time, engine, dlq, src } = setup();
    const dest = engine.createQueue(scope, 'dest', settings());
    for (let i = 0; i < 1_200; i++) dlq.send({ body: `b${i}`, senderId: 's' });
    assert.ok(engine.deadLetterSourceQueues(dlq.arn).includes(src));
    engine.startMoveTask(dlq.arn, dest.arn);
    time.advance(0);
    assert.equal(dest.counts().visible, 500);
    time.advance(1_000);
    assert.equal(dest.counts().visible, 1_000);
    time.advance(1_000);
    assert.equal(dest.counts().visible, 1_200);
    assert.equal(engine.listMoveTasks(dlq.arn, 1)[0]?.approximateNumberOfMessagesMoved, 1_200);
  });

  it('cancel stops the task and reports what was moved; only a running task can be cancelled', async () => {
    const { time, engine, src, dlq } = setup();
    const dest = engine.createQueue(scope, 'dest', settings());
    await fillDlq(src, ['a', 'b', 'c']);
    const task = engine.startMoveTask(dlq.arn, dest.arn, 1);
    assert.throws(() => engine.startMoveTask(dlq.arn), MoveTaskAlreadyRunning);
    time.advance(0);
    const cancelled = engine.cancelMoveTask(task.taskHandle);
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.approximateNumberOfMessagesMoved, 1);
    time.advance(10_000);
    assert.equal(dest.counts().visible, 1);
    assert.equal(dlq.counts().visible, 2);
    assert.throws(() => engine.cancelMoveTask(task.taskHandle), MoveTaskNotRunning);
    // Checked in AWS's order: unreadable handle, then its source queue, then the task.
    assert.throws(() => engine.cancelMoveTask('bm8gc3VjaCB0YXNr'), MoveTaskHandleInvalid);
    const handleFor = (sourceArn: string) => Buffer.from(JSON.stringify({ sourceArn, taskId: 'nope' })).toString('base64');
    assert.throws(() => engine.cancelMoveTask(handleFor(arnOf('no-such-queue'))), QueueNotFound);
    assert.throws(() => engine.cancelMoveTask(handleFor(dlq.arn)), MoveTaskNotFound);
    // A new task may start once none is running; the list is most recent first.
    const second = engine.startMoveTask(dlq.arn, dest.arn);
    assert.deepEqual(
      engine.listMoveTasks(dlq.arn, 10).map((t) => t.taskHandle),
      [second.taskHandle, task.taskHandle],
    );
    assert.equal(engine.listMoveTasks(dlq.arn, 1).length, 1);
  });

  it('refuses a source that is not a dead-letter queue, and unknown queues', () => {
    const { engine, src, dlq } = setup();
    assert.throws(() => engine.startMoveTask(src.arn), MoveSourceNotDlq);
    assert.throws(() => engine.startMoveTask(arnOf('missing')), QueueNotFound);
    assert.throws(() => engine.startMoveTask(dlq.arn, arnOf('missing')), QueueNotFound);
    assert.deepEqual(engine.listMoveTasks(src.arn, 10), []);
  });

  it('fails when a message has no source to return to', () => {
    const { time, engine, dlq } = setup();
    dlq.send({ body: 'sent-directly', senderId: 's' });
    engine.startMoveTask(dlq.arn);
    time.advance(0);
    const [t] = engine.listMoveTasks(dlq.arn, 1);
    assert.equal(t?.status, 'FAILED');
    assert.equal(t?.failureReason, 'CouldNotDetermineMessageSource');
    assert.equal(dlq.counts().visible, 1);
  });
});
