/**
 * FIFO queues end to end, through both transports: ordering per message group, a group blocked
 * while one of its messages is in flight, deduplication (explicit and content-based),
 * sequence numbers, receive-attempt ids and FIFO-only errors.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TRANSPORTS, invalidParameterValue, missingParameter, startServer, type E2e } from '../harness.js';

let e2e: E2e;
before(async () => {
  e2e = await startServer();
});
after(async () => {
  await e2e.close();
});

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const NO_DEDUP =
  'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly';

for (const transport of TRANSPORTS) {
  describe(`SQS FIFO over ${transport}`, () => {
    const sqs = () => e2e.clients[transport];
    const fifoQueue = (prefix: string, attrs: Record<string, string> = {}) =>
      sqs().createQueue(prefix, { FifoQueue: 'true', ContentBasedDeduplication: 'true', ...attrs });

    it('keeps order within a group and blocks a group while a message of it is in flight', async () => {
      const q = await fifoQueue('order');
      for (const [body, group] of [
        ['A1', 'A'],
        ['B1', 'B'],
        ['A2', 'A'],
        ['B2', 'B'],
        ['A3', 'A'],
      ] as const) {
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: body, MessageGroupId: group });
      }
      const [a1] = await sqs().receive(q.url, { VisibilityTimeout: 60 });
      assert.equal(a1?.Body, 'A1');
      // Group A is blocked behind A1; group B is served, in order.
      const bs = await sqs().receive(q.url, { MaxNumberOfMessages: 10, VisibilityTimeout: 60 });
      assert.deepEqual(bs.map((m) => m.Body), ['B1', 'B2']);
      assert.deepEqual(await sqs().receive(q.url, { MaxNumberOfMessages: 10 }), []);
      // Making A1 visible again returns it first, not A2.
      await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: a1?.ReceiptHandle ?? '', VisibilityTimeout: 0 });
      const [again] = await sqs().receive(q.url, { VisibilityTimeout: 60, AttributeNames: ['ApproximateReceiveCount'] });
      assert.equal(again?.Body, 'A1');
      assert.equal(again?.Attributes?.ApproximateReceiveCount, '2');
      await sqs().send('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: again?.ReceiptHandle ?? '' });
      const rest = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
      assert.deepEqual(rest.map((m) => m.Body), ['A2', 'A3']);
    });

    it('reports FIFO system attributes and increasing sequence numbers', async () => {
      const q = await fifoQueue('attrs');
      const sent = [];
      for (const body of ['one', 'two', 'three']) {
        sent.push(await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: body, MessageGroupId: 'g' }));
      }
      const seqs = sent.map((s) => s.SequenceNumber ?? '');
      for (const s of seqs) assert.match(s, /^\d{20}$/, 'SequenceNumber: 20 decimal digits');
      assert.ok(BigInt(seqs[0]!) < BigInt(seqs[1]!) && BigInt(seqs[1]!) < BigInt(seqs[2]!), `increasing: ${seqs.join(', ')}`);
      assert.equal(sent[0]?.MD5OfMessageAttributes, undefined);

      const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10, AttributeNames: ['All'] });
      assert.deepEqual(got.map((m) => m.Body), ['one', 'two', 'three']);
      const first = got[0]?.Attributes ?? {};
      assert.deepEqual(Object.keys(first).sort(), [
        'ApproximateFirstReceiveTimestamp',
        'ApproximateReceiveCount',
        'MessageDeduplicationId',
        'MessageGroupId',
        'SenderId',
        'SentTimestamp',
        'SequenceNumber',
      ]);
      assert.equal(first.MessageGroupId, 'g');
      assert.equal(first.MessageDeduplicationId, sha256('one'), 'content-based: SHA-256 of the body');
      assert.deepEqual(got.map((m) => m.Attributes?.SequenceNumber), seqs);
    });

    it('drops duplicates by explicit deduplication id, across groups and after delete', async () => {
      const q = await sqs().createQueue('dedup', { FifoQueue: 'true' });
      const first = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'Test', MessageGroupId: 'g1', MessageDeduplicationId: 'd1' });
      const dup = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'Other', MessageGroupId: 'g1', MessageDeduplicationId: 'd1' });
      assert.equal(dup.MessageId, first.MessageId, 'a duplicate answers with the original id');
      const otherGroup = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'Test', MessageGroupId: 'g2', MessageDeduplicationId: 'd1' });
      assert.equal(otherGroup.MessageId, first.MessageId, 'deduplication scope is the queue');
      const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
      assert.deepEqual(got.map((m) => m.Body), ['Test']);
      await sqs().send('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: got[0]?.ReceiptHandle ?? '' });
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'Test', MessageGroupId: 'g1', MessageDeduplicationId: 'd1' });
      assert.deepEqual(await sqs().receive(q.url, { MaxNumberOfMessages: 10 }), [], 'still a duplicate after the delete');
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'Test', MessageGroupId: 'g1', MessageDeduplicationId: 'd2' });
      assert.equal((await sqs().receive(q.url)).length, 1);
    });

    it('deduplicates by content, and an explicit id overrides the content', async () => {
      const q = await fifoQueue('cbd');
      const a = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'same', MessageGroupId: 'g' });
      const b = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'same', MessageGroupId: 'other' });
      assert.equal(b.MessageId, a.MessageId);
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'same', MessageGroupId: 'g', MessageDeduplicationId: 'explicit' });
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'different', MessageGroupId: 'g' });
      const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10, AttributeNames: ['MessageDeduplicationId'] });
      assert.deepEqual(
        got.map((m) => [m.Body, m.Attributes?.MessageDeduplicationId]),
        [
          ['same', sha256('same')],
          ['same', 'explicit'],
          ['different', sha256('different')],
        ],
      );
    });

    it('deduplicates batch entries too', async () => {
      const q = await fifoQueue('dedup-batch');
      const out = await sqs().send('SendMessageBatch', {
        QueueUrl: q.url,
        Entries: [
          { Id: 'a', MessageBody: 'x', MessageGroupId: 'g' },
          { Id: 'b', MessageBody: 'x', MessageGroupId: 'g' },
          { Id: 'c', MessageBody: 'y', MessageGroupId: 'g' },
        ],
      });
      assert.equal(out.Successful?.length, 3);
      assert.equal(out.Successful?.[1]?.MessageId, out.Successful?.[0]?.MessageId);
      for (const s of out.Successful ?? []) assert.match(s.SequenceNumber ?? '', /^\d{20}$/);
      const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
      assert.deepEqual(got.map((m) => m.Body), ['x', 'y']);
    });

    it('replays a receive with the same ReceiveRequestAttemptId', async () => {
      const q = await fifoQueue('attempt');
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'm1', MessageGroupId: 'g' });
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'm2', MessageGroupId: 'h' });
      const first = await sqs().receive(q.url, { MaxNumberOfMessages: 1, ReceiveRequestAttemptId: 'attempt-1' });
      const retry = await sqs().receive(q.url, { MaxNumberOfMessages: 1, ReceiveRequestAttemptId: 'attempt-1' });
      assert.equal(first.length, 1);
      assert.deepEqual(
        retry.map((m) => [m.MessageId, m.ReceiptHandle]),
        first.map((m) => [m.MessageId, m.ReceiptHandle]),
      );
      const other = await sqs().receive(q.url, { MaxNumberOfMessages: 1, ReceiveRequestAttemptId: 'attempt-2' });
      assert.equal(other.length, 1);
      assert.notEqual(other[0]?.MessageId, first[0]?.MessageId);
    });

    it('requires a MessageGroupId: MissingParameter for SendMessage, InvalidParameterValue for the whole batch', async () => {
      const q = await fifoQueue('nogroup', { ContentBasedDeduplication: 'false' });
      await sqs().expectError('SendMessage', { QueueUrl: q.url, MessageBody: 'x', MessageDeduplicationId: 'd' }, missingParameter('MessageGroupId'));
      await sqs().expectError(
        'SendMessageBatch',
        {
          QueueUrl: q.url,
          Entries: [
            { Id: 'ok', MessageBody: 'messageBody', MessageGroupId: 'test-group', MessageDeduplicationId: 'dedup-1' },
            { Id: 'nogroup', MessageBody: 'messageBody', MessageDeduplicationId: 'dedup-2' },
          ],
        },
        invalidParameterValue('The request must contain the parameter MessageGroupId.'),
      );
      assert.deepEqual(await sqs().receive(q.url, { MaxNumberOfMessages: 10 }), [], 'the valid entry was not sent either');
    });

    it('requires a deduplication id without content-based deduplication', async () => {
      const q = await fifoQueue('nodedup', { ContentBasedDeduplication: 'false' });
      await sqs().expectError('SendMessage', { QueueUrl: q.url, MessageBody: 'x', MessageGroupId: 'g' }, invalidParameterValue(NO_DEDUP));
      await sqs().expectError(
        'SendMessageBatch',
        {
          QueueUrl: q.url,
          Entries: [
            { Id: 'ok', MessageBody: 'messageBody', MessageGroupId: 'test-group', MessageDeduplicationId: 'dedup-1' },
            { Id: 'nodedup', MessageBody: 'messageBody', MessageGroupId: 'test-group' },
          ],
        },
        invalidParameterValue(NO_DEDUP),
      );
      await sqs().expectError(
        'SendMessage',
        { QueueUrl: q.url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'group 123' },
        invalidParameterValue(
          'Value group 123 for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
        ),
      );
    });

    it('refuses a per-message delay but accepts DelaySeconds 0', async () => {
      const q = await fifoQueue('delay');
      await sqs().expectError(
        'SendMessage',
        { QueueUrl: q.url, MessageBody: 'x', MessageGroupId: 'g', DelaySeconds: 2 },
        invalidParameterValue('Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.'),
      );
      const ok = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'x', MessageGroupId: 'g', DelaySeconds: 0 });
      assert.match(ok.SequenceNumber ?? '', /^\d{20}$/);
      assert.equal((await sqs().receive(q.url)).length, 1);
    });

    it('refuses an expired receipt handle on delete', async () => {
      const q = await fifoQueue('expired');
      await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'g1-m1', MessageGroupId: '1' });
      const [m] = await sqs().receive(q.url, { VisibilityTimeout: 0 });
      const handle = m?.ReceiptHandle ?? '';
      await sqs().expectError(
        'DeleteMessage',
        { QueueUrl: q.url, ReceiptHandle: handle },
        invalidParameterValue(`Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`),
      );
      const [again] = await sqs().receive(q.url);
      assert.equal(again?.MessageId, m?.MessageId, 'the message is still there');
    });

    it('dead-letters to a FIFO DLQ and keeps the queue usable', async () => {
      const dlq = await fifoQueue('fifo-dlq');
      const src = await fifoQueue('fifo-src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) });
      const sent = await sqs().send('SendMessage', { QueueUrl: src.url, MessageBody: 'foobar', MessageGroupId: '1' });
      assert.equal((await sqs().receive(src.url, { VisibilityTimeout: 0 })).length, 1);
      assert.equal((await sqs().receive(src.url, { VisibilityTimeout: 0 })).length, 1);
      assert.deepEqual(await sqs().receive(src.url, { VisibilityTimeout: 0 }), []);
      const [dead] = await sqs().receive(dlq.url, { AttributeNames: ['All'] });
      assert.equal(dead?.MessageId, sent.MessageId);
      assert.equal(dead?.Body, 'foobar');
      assert.equal(dead?.Attributes?.DeadLetterQueueSourceArn, src.arn);
      assert.equal(dead?.Attributes?.MessageGroupId, '1');
      const next = await sqs().send('SendMessage', { QueueUrl: src.url, MessageBody: 'foobar2', MessageGroupId: '1' });
      const [m] = await sqs().receive(src.url);
      assert.equal(m?.MessageId, next.MessageId);
    });
  });
}
