/**
 * Dead-letter queues end to end, through both transports: the move at maxReceiveCount,
 * ListDeadLetterSourceQueues, and redrive with Start/List/CancelMessageMoveTask.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACCOUNT,
  REGION,
  TRANSPORTS,
  eventually,
  invalidParameterValue,
  queueDoesNotExist,
  startServer,
  unique,
  type E2e,
  type ExpectedError,
  type QueueRef,
  type SqsClient,
} from '../harness.js';

let e2e: E2e;
before(async () => {
  e2e = await startServer();
});
after(async () => {
  await e2e.close();
});

const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
const redrive = (dlq: QueueRef, maxReceiveCount: number) => ({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }) });
const notFound = (message: string): ExpectedError => ({ name: 'ResourceNotFoundException', message, status: 404, code: 'ResourceNotFoundException' });

/** Receive everything from `url` with visibility 0 until `n` messages were dead-lettered away. */
async function deadLetter(sqs: SqsClient, url: string, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) await sqs.receive(url, { MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
}

for (const transport of TRANSPORTS) {
  describe(`SQS dead-letter queues over ${transport}`, () => {
    const sqs = () => e2e.clients[transport];

    it('moves a message to the DLQ after maxReceiveCount receives, keeping its identity and count', async () => {
      const dlq = await sqs().createQueue('dlq');
      const src = await sqs().createQueue('dlq-src', redrive(dlq, 1));
      const sent1 = await sqs().send('SendMessage', {
        QueueUrl: src.url,
        MessageBody: 'message-1',
        MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: TRACE } },
      });
      const sent2 = await sqs().send('SendMessage', { QueueUrl: src.url, MessageBody: 'message-2' });

      const pre = await sqs().receive(src.url, { MaxNumberOfMessages: 10, VisibilityTimeout: 0, AttributeNames: ['All'], MessageAttributeNames: ['All'] });
      assert.deepEqual(pre.map((m) => m.Body).sort(), ['message-1', 'message-2']);
      for (const m of pre) assert.equal(m.Attributes?.ApproximateReceiveCount, '1');
      const sentAt = new Map(pre.map((m) => [m.MessageId, m.Attributes?.SentTimestamp]));
      // The next receive attempt moves both (count 1 = maxReceiveCount) instead of returning them.
      assert.deepEqual(await sqs().receive(src.url, { MaxNumberOfMessages: 10, VisibilityTimeout: 0 }), []);

      const dead = await sqs().receive(dlq.url, { MaxNumberOfMessages: 10, AttributeNames: ['All'], MessageAttributeNames: ['All'] });
      dead.sort((a, b) => (a.Body ?? '').localeCompare(b.Body ?? ''));
      assert.deepEqual(dead.map((m) => m.MessageId), [sent1.MessageId, sent2.MessageId]);
      for (const m of dead) {
        assert.equal(m.Attributes?.ApproximateReceiveCount, '2');
        assert.equal(m.Attributes?.DeadLetterQueueSourceArn, src.arn);
        assert.equal(m.Attributes?.SentTimestamp, sentAt.get(m.MessageId));
      }
      assert.equal(dead[0]?.Attributes?.AWSTraceHeader, TRACE);
      assert.deepEqual(dead[0]?.MessageAttributes, { MyAttribute: { DataType: 'String', StringValue: 'foobar' } });
      assert.equal(dead[0]?.MD5OfMessageAttributes, 'adb59cd4678ea5a855436b949cd07ab6');
      assert.equal(dead[1]?.MessageAttributes, undefined);
      assert.equal(dead[1]?.Attributes?.AWSTraceHeader, undefined);
    });

    it('lists the source queues of a DLQ, with pagination', async () => {
      const dlq = await sqs().createQueue('lsrc-dlq');
      const prefix = unique('lsrc');
      const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
      for (const name of names) await sqs().send('CreateQueue', { QueueName: name, Attributes: redrive(dlq, 5) });
      const urls = names.map((n) => `${e2e.url}/${ACCOUNT}/${n}`);
      const all = await sqs().send('ListDeadLetterSourceQueues', { QueueUrl: dlq.url });
      assert.deepEqual(all.queueUrls, urls);
      assert.equal(all.NextToken, undefined);
      const page1 = await sqs().send('ListDeadLetterSourceQueues', { QueueUrl: dlq.url, MaxResults: 2 });
      assert.deepEqual(page1.queueUrls, urls.slice(0, 2));
      assert.ok(page1.NextToken);
      const page2 = await sqs().send('ListDeadLetterSourceQueues', { QueueUrl: dlq.url, MaxResults: 2, NextToken: page1.NextToken });
      assert.deepEqual(page2.queueUrls, urls.slice(2));
      assert.equal(page2.NextToken, undefined);

      const lonely = await sqs().createQueue('lsrc-none');
      const none = await sqs().send('ListDeadLetterSourceQueues', { QueueUrl: lonely.url });
      // JSON carries the required member as []; query XML has no element for an empty flattened list.
      if (transport === 'json') assert.deepEqual(none.queueUrls, []);
      else assert.deepEqual(none.queueUrls ?? [], []);
      await sqs().expectError(
        'ListDeadLetterSourceQueues',
        { QueueUrl: `${e2e.url}/${ACCOUNT}/${unique('nodlq')}` },
        queueDoesNotExist(transport),
      );
    });

    describe('message move tasks', () => {
      /** A DLQ holding `n` messages dead-lettered from a fresh source queue. */
      async function filledDlq(prefix: string, n: number): Promise<{ src: QueueRef; dlq: QueueRef; bodies: string[] }> {
        const dlq = await sqs().createQueue(`${prefix}-dlq`);
        const src = await sqs().createQueue(`${prefix}-src`, redrive(dlq, 1));
        const bodies = Array.from({ length: n }, (_, i) => `redrive-${i}`);
        await sqs().send('SendMessageBatch', { QueueUrl: src.url, Entries: bodies.map((b, i) => ({ Id: `e${i}`, MessageBody: b })) });
        await deadLetter(sqs(), src.url, 2 * Math.ceil(n / 10) + 2);
        const counts = await sqs().attributes(dlq.url, ['ApproximateNumberOfMessages']);
        assert.equal(counts.ApproximateNumberOfMessages, String(n), 'all messages are in the DLQ');
        return { src, dlq, bodies };
      }

      it('moves the messages back to their source queue', async () => {
        const { src, dlq, bodies } = await filledDlq('mv', 3);
        const started = await sqs().send('StartMessageMoveTask', { SourceArn: dlq.arn });
        assert.ok(started.TaskHandle);
        const done = await eventually(async () => {
          const out = await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn });
          const t = out.Results?.[0];
          return t?.Status === 'COMPLETED' ? t : undefined;
        });
        assert.equal(done.SourceArn, dlq.arn);
        assert.equal(done.ApproximateNumberOfMessagesMoved, 3);
        assert.equal(done.ApproximateNumberOfMessagesToMove, 3);
        assert.equal(done.TaskHandle, undefined, 'only a running task has a handle');
        assert.ok(Math.abs((done.StartedTimestamp ?? 0) - Date.now()) < 10_000, `StartedTimestamp ${done.StartedTimestamp} is epoch ms`);

        assert.equal((await sqs().attributes(dlq.url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages, '0');
        const back = await sqs().receive(src.url, { MaxNumberOfMessages: 10, VisibilityTimeout: 60, AttributeNames: ['All'] });
        assert.deepEqual(back.map((m) => m.Body).sort(), bodies);
        for (const m of back) {
          assert.equal(m.Attributes?.ApproximateReceiveCount, '1', 'a redriven message starts over');
          assert.equal(m.Attributes?.DeadLetterQueueSourceArn, undefined);
        }
      });

      it('moves to an explicit destination', async () => {
        const { dlq, bodies } = await filledDlq('mv-dest', 2);
        const dest = await sqs().createQueue('mv-dest-target');
        await sqs().send('StartMessageMoveTask', { SourceArn: dlq.arn, DestinationArn: dest.arn });
        const done = await eventually(async () => {
          const t = (await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn })).Results?.[0];
          return t?.Status === 'COMPLETED' ? t : undefined;
        });
        assert.equal(done.DestinationArn, dest.arn);
        const got = await sqs().receive(dest.url, { MaxNumberOfMessages: 10 });
        assert.deepEqual(got.map((m) => m.Body).sort(), bodies);
      });

      it('cancels a running task, and lists tasks newest first', async () => {
        const { dlq } = await filledDlq('mv-cancel', 3);
        const { TaskHandle } = await sqs().send('StartMessageMoveTask', { SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: 1 });
        assert.ok(TaskHandle);
        const running = await eventually(async () => {
          const t = (await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn })).Results?.[0];
          return t?.Status === 'RUNNING' && t.ApproximateNumberOfMessagesMoved === 1 ? t : undefined;
        });
        assert.equal(running.TaskHandle, TaskHandle);
        assert.equal(running.MaxNumberOfMessagesPerSecond, 1);
        await sqs().expectError(
          'StartMessageMoveTask',
          { SourceArn: dlq.arn },
          invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.'),
        );
        const cancelled = await sqs().send('CancelMessageMoveTask', { TaskHandle });
        assert.equal(cancelled.ApproximateNumberOfMessagesMoved, 1);
        const [task] = (await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn })).Results ?? [];
        assert.equal(task?.Status, 'CANCELLED');
        assert.equal((await sqs().attributes(dlq.url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages, '2');

        // A second task; both are listed, newest first, up to MaxResults.
        await sqs().send('StartMessageMoveTask', { SourceArn: dlq.arn });
        await eventually(async () => (await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn })).Results?.[0]?.Status === 'COMPLETED');
        const both = await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn, MaxResults: 10 });
        assert.deepEqual(both.Results?.map((t) => t.Status), ['COMPLETED', 'CANCELLED']);
        assert.equal(both.Results?.[0]?.ApproximateNumberOfMessagesMoved, 2);
      });

      it('refuses a source that is not a dead-letter queue, or does not exist', async () => {
        const plain = await sqs().createQueue('mv-plain');
        await sqs().expectError(
          'StartMessageMoveTask',
          { SourceArn: plain.arn },
          invalidParameterValue('Source queue must be configured as a Dead Letter Queue.'),
        );
        const missing = `arn:aws:sqs:${REGION}:${ACCOUNT}:${unique('mv-missing')}`;
        await sqs().expectError(
          'StartMessageMoveTask',
          { SourceArn: missing },
          notFound("The resource that you specified for the SourceArn parameter doesn't exist."),
        );
        await sqs().expectError(
          'ListMessageMoveTasks',
          { SourceArn: missing },
          notFound("The resource that you specified for the SourceArn parameter doesn't exist."),
        );
      });

      it('refuses a destination that does not exist', async () => {
        const { dlq } = await filledDlq('mv-nodest', 1);
        await sqs().expectError(
          'StartMessageMoveTask',
          { SourceArn: dlq.arn, DestinationArn: `${dlq.arn}doesntexist` },
          notFound("The resource that you specified for the DestinationArn parameter doesn't exist."),
        );
      });

      it('fails the task when its destination is deleted while it runs', async () => {
        const { dlq } = await filledDlq('mv-fail', 3);
        const dest = await sqs().createQueue('mv-fail-dest');
        await sqs().send('StartMessageMoveTask', { SourceArn: dlq.arn, DestinationArn: dest.arn, MaxNumberOfMessagesPerSecond: 1 });
        await eventually(async () => (await sqs().attributes(dest.url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages === '1');
        await sqs().send('DeleteQueue', { QueueUrl: dest.url });
        const failed = await eventually(async () => {
          const t = (await sqs().send('ListMessageMoveTasks', { SourceArn: dlq.arn })).Results?.[0];
          return t?.Status !== 'RUNNING' ? t : undefined;
        });
        assert.equal(failed.Status, 'FAILED');
        assert.equal(failed.FailureReason, 'AWS.SimpleQueueService.NonExistentQueue');
        assert.equal(failed.ApproximateNumberOfMessagesMoved, 1);
        assert.equal((await sqs().attributes(dlq.url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages, '2');
      });

      it('checks the task handle: malformed, unknown source, unknown task', async () => {
        await sqs().expectError('CancelMessageMoveTask', { TaskHandle: 'foobared' }, invalidParameterValue('Value for parameter TaskHandle is invalid.'));
        const handle = (taskId: string, sourceArn: string) => Buffer.from(JSON.stringify({ taskId, sourceArn })).toString('base64');
        await sqs().expectError(
          'CancelMessageMoveTask',
          { TaskHandle: handle('10f57157-fc38-4da9-a113-4de7e12d05dd', `arn:aws:sqs:${REGION}:${ACCOUNT}:${unique('mv-gone')}`) },
          notFound("The resource that you specified for the SourceArn parameter doesn't exist."),
        );
        const q = await sqs().createQueue('mv-notask');
        await sqs().expectError(
          'CancelMessageMoveTask',
          { TaskHandle: handle('10f57157-fc38-4da9-a113-4de7e12d05aa', q.arn) },
          notFound('Task does not exist.'),
        );
      });
    });
  });
}
