/**
 * SQS time rules in real time, end to end, through both transports: visibility timeout expiry,
 * message and queue delays, long polling (woken by a send, a visibility change, or timing out),
 * and a client aborting a long poll. Durations are 1–2 s; the tests of one transport run
 * concurrently (each has its own queue). Retention (≥ 60 s) runs on a manual clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../../src/index.js';
import { TRANSPORTS, sleep, startServer, type E2e } from '../harness.js';

let e2e: E2e;
before(async () => {
  e2e = await startServer();
});
after(async () => {
  await e2e.close();
});

/** Run `fn` and return its result with the elapsed wall time in ms. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

function assertBetween(ms: number, min: number, max: number, what: string): void {
  assert.ok(ms >= min && ms <= max, `${what}: ${ms.toFixed(0)} ms, expected ${min}–${max} ms`);
}

for (const transport of TRANSPORTS) {
  describe(`SQS time rules over ${transport}`, { concurrency: true }, () => {
    const sqs = () => e2e.clients[transport];

    it('makes a message receivable again when its 1 s visibility timeout expires', async () => {
      const q = await sqs().createQueue('t-vis', { VisibilityTimeout: '1' });
      const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'comes back' });
      const [first] = await sqs().receive(q.url);
      assert.equal(first?.MessageId, sent.MessageId);
      assert.deepEqual(await sqs().receive(q.url), [], 'invisible right after the receive');
      // A long poll waiting for it is served when the visibility ends, not at the end of its wait.
      const { value, ms } = await timed(() => sqs().receive(q.url, { WaitTimeSeconds: 5, AttributeNames: ['ApproximateReceiveCount'] }));
      assert.equal(value[0]?.MessageId, sent.MessageId);
      assert.equal(value[0]?.Attributes?.ApproximateReceiveCount, '2');
      assertBetween(ms, 700, 1800, 'second receive');
    });

    it('honours a per-receive visibility timeout of 1 s', async () => {
      const q = await sqs().createQueue('t-vis-receive');
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'x' });
      await sqs().receive(q.url, { VisibilityTimeout: 1 });
      assert.deepEqual(await sqs().receive(q.url), []);
      await sleep(1200);
      assert.equal((await sqs().receive(q.url)).length, 1);
    });

    it('delays a message by DelaySeconds 1', async () => {
      const q = await sqs().createQueue('t-delay');
      const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'late', DelaySeconds: 1 });
      assert.deepEqual(await sqs().receive(q.url), []);
      assert.equal((await sqs().attributes(q.url, ['ApproximateNumberOfMessagesDelayed'])).ApproximateNumberOfMessagesDelayed, '1');
      const { value, ms } = await timed(() => sqs().receive(q.url, { WaitTimeSeconds: 5 }));
      assert.equal(value[0]?.MessageId, sent.MessageId);
      assertBetween(ms, 700, 1800, 'delayed message');
    });

    it("applies the queue's DelaySeconds of 1 s", async () => {
      const q = await sqs().createQueue('t-qdelay', { DelaySeconds: '1' });
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'late' });
      assert.deepEqual(await sqs().receive(q.url), []);
      await sleep(1200);
      assert.equal((await sqs().receive(q.url)).length, 1);
    });

    it('returns a long poll as soon as a message is sent', async () => {
      const q = await sqs().createQueue('t-lp-wake');
      const start = performance.now();
      const polling = sqs().send('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 5 });
      await sleep(200);
      const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'wake up' });
      const sentAt = performance.now() - start;
      const out = await polling;
      const ms = performance.now() - start;
      assert.equal(out.Messages?.[0]?.MessageId, sent.MessageId);
      assert.equal(out.Messages?.[0]?.Body, 'wake up');
      assertBetween(ms - sentAt, 0, 500, 'poll returned after the send');
      assert.ok(ms < 1500, `well below the 5 s wait: ${ms.toFixed(0)} ms`);
    });

    it('returns a long poll when ChangeMessageVisibility makes a message visible', async () => {
      const q = await sqs().createQueue('t-lp-cmv');
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'held' });
      const [held] = await sqs().receive(q.url, { VisibilityTimeout: 60 });
      const start = performance.now();
      const polling = sqs().send('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 5 });
      await sleep(200);
      await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: held?.ReceiptHandle ?? '', VisibilityTimeout: 0 });
      const out = await polling;
      assert.equal(out.Messages?.[0]?.MessageId, held?.MessageId);
      assert.ok(performance.now() - start < 1500, 'woken by the visibility change');
    });

    it('returns a long poll on a FIFO queue as soon as a message is sent', async () => {
      const q = await sqs().createQueue('t-lp-fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      const start = performance.now();
      const polling = sqs().send('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 });
      await sleep(200);
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'fifo', MessageGroupId: 'g' });
      const out = await polling;
      assert.deepEqual(out.Messages?.map((m) => m.Body), ['fifo']);
      assert.ok(performance.now() - start < 1500);
    });

    it('times out a long poll after WaitTimeSeconds 1 with no Messages', async () => {
      const q = await sqs().createQueue('t-lp-timeout');
      const { value, ms } = await timed(() => sqs().send('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 1 }));
      assert.equal(value.Messages, undefined);
      assert.equal(value.$metadata.httpStatusCode, 200);
      assertBetween(ms, 950, 1600, 'empty long poll');
    });

    it("waits the queue's ReceiveMessageWaitTimeSeconds unless WaitTimeSeconds 0 is given", async () => {
      const q = await sqs().createQueue('t-lp-queue', { ReceiveMessageWaitTimeSeconds: '1' });
      const waited = await timed(() => sqs().send('ReceiveMessage', { QueueUrl: q.url }));
      assert.equal(waited.value.Messages, undefined);
      assertBetween(waited.ms, 950, 1600, 'queue default wait');
      const now = await timed(() => sqs().send('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 0 }));
      assert.ok(now.ms < 300, `WaitTimeSeconds 0 answers at once: ${now.ms.toFixed(0)} ms`);
    });

    it('dead-letters a message whose visibility expires past maxReceiveCount, waking a DLQ long poll', async () => {
      const dlq = await sqs().createQueue('t-dlq');
      const src = await sqs().createQueue('t-dlq-src', {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
      });
      const sent = await sqs().send('SendMessage', { QueueUrl: src.url, MessageBody: 'doomed' });
      assert.equal((await sqs().receive(src.url)).length, 1);
      // Both wait; when the visibility ends (≈1 s) the source's waiter moves it to the DLQ
      // instead of taking it, and the DLQ's waiter gets it at once.
      const [fromSrc, fromDlq] = await Promise.all([
        timed(() => sqs().receive(src.url, { WaitTimeSeconds: 2 })),
        timed(() => sqs().receive(dlq.url, { WaitTimeSeconds: 5, AttributeNames: ['All'] })),
      ]);
      assert.deepEqual(fromSrc.value, []);
      assertBetween(fromSrc.ms, 1900, 2700, 'source long poll runs to its end');
      assertBetween(fromDlq.ms, 700, 1800, 'DLQ long poll woken by the move');
      const [dead] = fromDlq.value;
      assert.equal(dead?.MessageId, sent.MessageId);
      assert.equal(dead?.Attributes?.DeadLetterQueueSourceArn, src.arn);
      assert.equal(dead?.Attributes?.ApproximateReceiveCount, '2');
    });

    it('does not hand a message to a long poll the client aborted', async () => {
      const q = await sqs().createQueue('t-lp-abort');
      const controller = new AbortController();
      const polling = sqs().send('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 5 }, { abortSignal: controller.signal });
      await sleep(150);
      controller.abort();
      await assert.rejects(polling, (e: Error) => e.name === 'AbortError');
      await sleep(100); // let the server see the connection close
      const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'for the next one' });
      const got = await sqs().receive(q.url, { AttributeNames: ['ApproximateReceiveCount'] });
      assert.equal(got[0]?.MessageId, sent.MessageId, 'the aborted poll did not take it');
      assert.equal(got[0]?.Attributes?.ApproximateReceiveCount, '1');
    });
  });
}

describe('SQS retention on a manual clock', () => {
  let clock: ManualClock;
  let fake: E2e;
  before(async () => {
    clock = new ManualClock(Date.now());
    fake = await startServer({ clock });
  });
  after(async () => {
    await fake.close();
  });

  for (const transport of TRANSPORTS) {
    it(`${transport}: a message older than MessageRetentionPeriod is gone`, async () => {
      const sqs = fake.clients[transport];
      const q = await sqs.createQueue('retention', { MessageRetentionPeriod: '60' });
      await sqs.send('SendMessage', { QueueUrl: q.url, MessageBody: 'old' });
      clock.set(clock.now() + 30_000);
      fake.sb.scheduler.runDue();
      await sqs.send('SendMessage', { QueueUrl: q.url, MessageBody: 'young' });
      clock.set(clock.now() + 30_000);
      fake.sb.scheduler.runDue();
      const got = await sqs.receive(q.url, { MaxNumberOfMessages: 10 });
      assert.deepEqual(got.map((m) => m.Body), ['young']);
    });
  }
});
