/**
 * One SQS behavioural suite, run over every transport a test file provides (HTTP, the in-process
 * bridge), so the transports cannot drift. Written against `@aws-sdk/client-sqs` (AWS JSON).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as S from '@aws-sdk/client-sqs';
import { unique, sleep } from '../harness.js';

export interface SqsTransport {
  /** A client whose commands reach a fresh Signalbox. */
  client: S.SQSClient;
  /** The base a queue URL starts with, e.g. `http://127.0.0.1:1234` or `http://signalbox.internal`. */
  base: string;
  close(): Promise<void>;
}

interface ExpectedError {
  name: string;
  code: string;
  status: number;
  message: string | RegExp;
}

const md5 = (s: string | Uint8Array): string => createHash('md5').update(s).digest('hex');

export function sqsBehaviour(label: string, start: () => Promise<SqsTransport>): void {
  describe(`SQS behaviour over ${label}`, () => {
    let t: SqsTransport;
    before(async () => {
      t = await start();
    });
    after(async () => {
      await t.close();
    });
    const send = <O>(command: { input: object }, options?: { abortSignal?: AbortSignal }): Promise<O> =>
      (t.client.send as (c: unknown, o?: unknown) => Promise<O>)(command, options);
    const createQueue = async (prefix: string, Attributes?: Record<string, string>): Promise<string> => {
      const fifo = Attributes?.FifoQueue === 'true';
      const out = await t.client.send(new S.CreateQueueCommand({ QueueName: unique(prefix) + (fifo ? '.fifo' : ''), ...(Attributes ? { Attributes } : {}) }));
      assert.ok(out.QueueUrl);
      return out.QueueUrl;
    };
    const receive = async (QueueUrl: string, extra: Partial<S.ReceiveMessageCommandInput> = {}): Promise<S.Message[]> =>
      (await t.client.send(new S.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0, ...extra }))).Messages ?? [];
    const expectError = async (p: Promise<unknown>, expected: ExpectedError, cls?: abstract new (...a: never[]) => Error): Promise<void> => {
      let caught: unknown;
      try {
        await p;
      } catch (e) {
        caught = e;
      }
      assert.ok(caught, `expected ${expected.name}, got success`);
      const err = caught as S.SQSServiceException & { Code?: string };
      if (cls) assert.ok(err instanceof cls, `instance of ${cls.name}`);
      assert.ok(err instanceof S.SQSServiceException, 'an SQSServiceException');
      assert.equal(err.name, expected.name);
      if (typeof expected.message === 'string') assert.equal(err.message, expected.message);
      else assert.match(err.message, expected.message);
      assert.equal(err.Code, expected.code);
      assert.equal(err.$metadata.httpStatusCode, expected.status);
      assert.match(err.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(err.$fault, expected.status >= 500 ? 'server' : 'client');
    };
    const noQueue: ExpectedError = {
      name: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
      status: 400,
      code: 'AWS.SimpleQueueService.NonExistentQueue',
    };
    const garbageHandle: ExpectedError = {
      name: 'ReceiptHandleIsInvalid',
      message: 'The input receipt handle "garbage" is not a valid receipt handle.',
      status: 404,
      code: 'ReceiptHandleIsInvalid',
    };

    describe('queues', () => {
      it('creates a queue whose URL GetQueueUrl returns', async () => {
        const name = unique('q');
        const created = await t.client.send(new S.CreateQueueCommand({ QueueName: name }));
        assert.equal(created.QueueUrl, `${t.base}/000000000000/${name}`);
        assert.equal(created.$metadata.httpStatusCode, 200);
        const got = await t.client.send(new S.GetQueueUrlCommand({ QueueName: name }));
        assert.equal(got.QueueUrl, created.QueueUrl);
      });

      it('is idempotent for the same attributes and refuses different ones', async () => {
        const name = unique('idem');
        const a = await t.client.send(new S.CreateQueueCommand({ QueueName: name, Attributes: { DelaySeconds: '2' } }));
        const b = await t.client.send(new S.CreateQueueCommand({ QueueName: name, Attributes: { DelaySeconds: '2' } }));
        assert.equal(a.QueueUrl, b.QueueUrl);
        await expectError(
          t.client.send(new S.CreateQueueCommand({ QueueName: name, Attributes: { DelaySeconds: '1' } })),
          {
            name: 'QueueNameExists',
            message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
            status: 400,
            code: 'QueueAlreadyExists',
          },
          S.QueueNameExists,
        );
      });

      it('lists queues by prefix', async () => {
        const prefix = unique('lst');
        const urls = [await t.client.send(new S.CreateQueueCommand({ QueueName: `${prefix}-a` })), await t.client.send(new S.CreateQueueCommand({ QueueName: `${prefix}-b` }))];
        const out = await t.client.send(new S.ListQueuesCommand({ QueueNamePrefix: prefix }));
        assert.deepEqual([...(out.QueueUrls ?? [])].sort(), urls.map((u) => u.QueueUrl).sort());
      });

      it('reports default attributes and updates them', async () => {
        const url = await createQueue('attrs');
        const before = await t.client.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
        assert.equal(before.Attributes?.VisibilityTimeout, '30');
        assert.equal(before.Attributes?.DelaySeconds, '0');
        assert.match(before.Attributes?.QueueArn ?? '', /^arn:aws:sqs:[a-z0-9-]+:000000000000:attrs-/);
        await t.client.send(new S.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '45' } }));
        const after = await t.client.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }));
        assert.deepEqual(after.Attributes, { VisibilityTimeout: '45' });
      });

      it('tags and untags a queue', async () => {
        const url = await createQueue('tags');
        await t.client.send(new S.TagQueueCommand({ QueueUrl: url, Tags: { team: 'a', env: 'test' } }));
        await t.client.send(new S.UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
        const out = await t.client.send(new S.ListQueueTagsCommand({ QueueUrl: url }));
        assert.deepEqual(out.Tags, { team: 'a' });
      });

      it('deletes a queue, which then does not exist', async () => {
        const url = await createQueue('del');
        await t.client.send(new S.DeleteQueueCommand({ QueueUrl: url }));
        await expectError(t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })), noQueue, S.QueueDoesNotExist);
      });

      it('purges a queue', async () => {
        const url = await createQueue('purge');
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
        await t.client.send(new S.PurgeQueueCommand({ QueueUrl: url }));
        assert.deepEqual(await receive(url), []);
      });
    });

    describe('errors', () => {
      it('throws QueueDoesNotExist with code, message and $metadata from GetQueueUrl', async () => {
        await expectError(t.client.send(new S.GetQueueUrlCommand({ QueueName: unique('missing') })), noQueue, S.QueueDoesNotExist);
      });

      it('throws QueueDoesNotExist for ReceiveMessage on an unknown URL', async () => {
        await expectError(receive(`${t.base}/000000000000/${unique('nope')}`), noQueue, S.QueueDoesNotExist);
      });

      it('throws InvalidParameterValue for MaxNumberOfMessages out of range', async () => {
        const url = await createQueue('maxn');
        await expectError(receive(url, { MaxNumberOfMessages: 11 }), {
          name: 'InvalidParameterValue',
          message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
          status: 400,
          code: 'InvalidParameterValue',
        });
      });

      it('throws MissingParameter for an empty body', async () => {
        const url = await createQueue('nobody');
        await expectError(t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: '' })), {
          name: 'MissingParameter',
          message: 'The request must contain the parameter MessageBody.',
          status: 400,
          code: 'MissingParameter',
        });
      });

      it('throws ReceiptHandleIsInvalid for a garbage handle', async () => {
        const url = await createQueue('garbage');
        await expectError(t.client.send(new S.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })), garbageHandle, S.ReceiptHandleIsInvalid);
      });
    });

    describe('messages', () => {
      it('sends and receives a body with matching MD5s', async () => {
        const url = await createQueue('body');
        const body = 'héllo wörld ✓';
        const sent = await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: body }));
        assert.equal(sent.MD5OfMessageBody, md5(body));
        const [m] = await receive(url);
        assert.equal(m?.Body, body);
        assert.equal(m?.MD5OfBody, md5(body));
        assert.equal(m?.MessageId, sent.MessageId);
      });

      it('round-trips String, Number and Binary message attributes', async () => {
        const url = await createQueue('mattrs');
        const bin = new Uint8Array([0, 1, 2, 250]);
        const sent = await t.client.send(
          new S.SendMessageCommand({
            QueueUrl: url,
            MessageBody: 'x',
            MessageAttributes: {
              s: { DataType: 'String', StringValue: 'text' },
              n: { DataType: 'Number', StringValue: '42' },
              b: { DataType: 'Binary', BinaryValue: bin },
            },
          }),
        );
        assert.match(sent.MD5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
        const [m] = await receive(url, { MessageAttributeNames: ['All'] });
        assert.equal(m?.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
        assert.equal(m?.MessageAttributes?.s?.StringValue, 'text');
        assert.equal(m?.MessageAttributes?.n?.StringValue, '42');
        assert.equal(m?.MessageAttributes?.n?.DataType, 'Number');
        assert.deepEqual([...(m?.MessageAttributes?.b?.BinaryValue ?? [])], [...bin]);
      });

      it('filters message attributes by name', async () => {
        const url = await createQueue('mfilter');
        await t.client.send(
          new S.SendMessageCommand({
            QueueUrl: url,
            MessageBody: 'x',
            MessageAttributes: { keep: { DataType: 'String', StringValue: '1' }, drop: { DataType: 'String', StringValue: '2' } },
          }),
        );
        const [m] = await receive(url, { MessageAttributeNames: ['keep'] });
        assert.deepEqual(Object.keys(m?.MessageAttributes ?? {}), ['keep']);
      });

      it('returns system attributes on request', async () => {
        const url = await createQueue('sys');
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
        const [m] = await receive(url, { MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] });
        assert.equal(m?.Attributes?.ApproximateReceiveCount, '1');
        assert.match(m?.Attributes?.SentTimestamp ?? '', /^\d{13}$/);
      });

      it('hides a delayed message', async () => {
        const url = await createQueue('delay');
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 30 }));
        assert.deepEqual(await receive(url), []);
      });

      it('hides a received message until its visibility changes', async () => {
        const url = await createQueue('vis');
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
        const [m] = await receive(url);
        assert.ok(m?.ReceiptHandle);
        assert.deepEqual(await receive(url), []);
        await t.client.send(new S.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
        const [again] = await receive(url, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
        assert.equal(again?.Attributes?.ApproximateReceiveCount, '2');
      });

      it('deletes a received message', async () => {
        const url = await createQueue('delmsg');
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
        const [m] = await receive(url, { VisibilityTimeout: 0 });
        await t.client.send(new S.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle }));
        assert.deepEqual(await receive(url), []);
      });

      it('moves a message to the DLQ after maxReceiveCount', async () => {
        const dlq = await createQueue('dlq');
        const arn = (await t.client.send(new S.GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
        const src = await createQueue('src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 }) });
        await t.client.send(new S.SendMessageCommand({ QueueUrl: src, MessageBody: 'poison' }));
        assert.equal((await receive(src, { VisibilityTimeout: 0 }))[0]?.Body, 'poison');
        assert.deepEqual(await receive(src), []);
        assert.equal((await receive(dlq))[0]?.Body, 'poison');
        const sources = await t.client.send(new S.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
        assert.deepEqual(sources.queueUrls, [src]);
      });
    });

    describe('batches', () => {
      it('sends a batch and reports each entry', async () => {
        const url = await createQueue('batch');
        const out = await t.client.send(
          new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two' }] }),
        );
        assert.deepEqual(out.Successful?.map((s) => [s.Id, s.MD5OfMessageBody]).sort(), [
          ['a', md5('one')],
          ['b', md5('two')],
        ]);
        assert.deepEqual(out.Failed ?? [], []);
      });

      it('reports bad entries in Failed and sends the rest', async () => {
        const url = await createQueue('batch-partial', { MaximumMessageSize: '1024' });
        const out = await t.client.send(
          new S.SendMessageBatchCommand({
            QueueUrl: url,
            Entries: [
              { Id: 'ok', MessageBody: 'fine' },
              { Id: 'too-big', MessageBody: 'a'.repeat(1025) },
            ],
          }),
        );
        assert.deepEqual(out.Successful?.map((s) => s.Id), ['ok']);
        assert.deepEqual(out.Failed, [
          {
            Id: 'too-big',
            SenderFault: true,
            Code: 'InvalidParameterValue',
            Message: 'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
          },
        ]);
      });

      it('refuses repeated entry ids', async () => {
        const url = await createQueue('batch-dup');
        await expectError(
          t.client.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'same', MessageBody: 'a' }, { Id: 'same', MessageBody: 'b' }] })),
          { name: 'BatchEntryIdsNotDistinct', message: 'Id same repeated.', status: 400, code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct' },
          S.BatchEntryIdsNotDistinct,
        );
      });

      it('refuses an empty batch', async () => {
        const url = await createQueue('batch-empty');
        await expectError(
          t.client.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [] })),
          {
            name: 'EmptyBatchRequest',
            message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
            status: 400,
            code: 'AWS.SimpleQueueService.EmptyBatchRequest',
          },
          S.EmptyBatchRequest,
        );
      });

      it('refuses more than 10 entries', async () => {
        const url = await createQueue('batch-many');
        const Entries = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
        await expectError(
          t.client.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries })),
          {
            name: 'TooManyEntriesInBatchRequest',
            message: 'Maximum number of entries per request are 10. You have sent 11.',
            status: 400,
            code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          },
          S.TooManyEntriesInBatchRequest,
        );
      });

      it('deletes a batch, reporting a bad handle in Failed', async () => {
        const url = await createQueue('delbatch');
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
        const [m] = await receive(url);
        const out = await t.client.send(
          new S.DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: [
              { Id: 'good', ReceiptHandle: m?.ReceiptHandle },
              { Id: 'bad', ReceiptHandle: 'garbage' },
            ],
          }),
        );
        assert.deepEqual(out.Successful, [{ Id: 'good' }]);
        assert.deepEqual(out.Failed, [{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: garbageHandle.message }]);
      });
    });

    describe('FIFO', () => {
      it('delivers a group in order', async () => {
        const url = await createQueue('order', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
        for (const body of ['1', '2', '3', '4', '5']) await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g' }));
        const got = await receive(url, { MaxNumberOfMessages: 10 });
        assert.deepEqual(
          got.map((m) => m.Body),
          ['1', '2', '3', '4', '5'],
        );
      });

      it('deduplicates by content', async () => {
        const url = await createQueue('dedup', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
        const a = await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }));
        const b = await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }));
        assert.equal(a.MessageId, b.MessageId);
        assert.equal((await receive(url, { MaxNumberOfMessages: 10 })).length, 1);
      });

      it('requires a MessageGroupId', async () => {
        const url = await createQueue('nogroup', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
        await expectError(t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })), {
          name: 'MissingParameter',
          message: 'The request must contain the parameter MessageGroupId.',
          status: 400,
          code: 'MissingParameter',
        });
      });
    });

    describe('long polling', () => {
      it('wakes up within a second when a message arrives', async () => {
        const url = await createQueue('wake');
        const started = Date.now();
        const pending = receive(url, { WaitTimeSeconds: 10 });
        await sleep(150);
        await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));
        const got = await pending;
        assert.equal(got[0]?.Body, 'late');
        assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      });

      it('returns empty after WaitTimeSeconds', async () => {
        const url = await createQueue('empty-wait');
        const started = Date.now();
        assert.deepEqual(await receive(url, { WaitTimeSeconds: 1 }), []);
        const took = Date.now() - started;
        assert.ok(took >= 900 && took < 3000, `took ${took} ms`);
      });

      it('stops when the caller aborts, and the message stays for the next receive', async () => {
        const url = await createQueue('abort');
        const ac = new AbortController();
        const started = Date.now();
        const pending = send<S.ReceiveMessageCommandOutput>(new S.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }), { abortSignal: ac.signal });
        await sleep(150);
        ac.abort();
        await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
        assert.ok(Date.now() - started < 2000, `abort took ${Date.now() - started} ms`);
        await sleep(100); // let the server see the connection close (HTTP)
        const sent = await t.client.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'after' }));
        const got = await receive(url, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
        assert.equal(got[0]?.MessageId, sent.MessageId, 'the aborted poll did not take it');
        assert.equal(got[0]?.Attributes?.ApproximateReceiveCount, '1');
      });
    });
  });
}
