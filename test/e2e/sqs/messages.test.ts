/**
 * SQS message operations end to end, through both transports: SendMessage(Batch),
 * ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility(Batch). MD5s and error texts
 * are AWS's (research/sqs.md, LocalStack's real-AWS snapshot).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import {
  ACCOUNT,
  CREDENTIALS,
  TRANSPORTS,
  invalidParameterValue,
  missingParameter,
  queueDoesNotExist,
  startServer,
  unique,
  type E2e,
  type ExpectedError,
} from '../harness.js';

let e2e: E2e;
before(async () => {
  e2e = await startServer();
});
after(async () => {
  await e2e.close();
});

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const INVALID_CONTENTS: ExpectedError = {
  name: 'InvalidMessageContents',
  message:
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  status: 400,
  code: 'InvalidMessageContents',
};
const garbageHandle: ExpectedError = {
  name: 'ReceiptHandleIsInvalid',
  message: 'The input receipt handle "garbage" is not a valid receipt handle.',
  status: 404,
  code: 'ReceiptHandleIsInvalid',
};

/** The three attributes of [SNAP] test_receive_message_message_attribute_names_filters. */
const KENOBI = {
  'Help.Me': { DataType: 'String', StringValue: 'Me' },
  Hello: { DataType: 'String', StringValue: 'There' },
  General: { DataType: 'String', StringValue: 'Kenobi' },
};

for (const transport of TRANSPORTS) {
  describe(`SQS messages over ${transport}`, () => {
    const sqs = () => e2e.clients[transport];
    const counts = async (url: string) => {
      const a = await sqs().attributes(url, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);
      return [Number(a.ApproximateNumberOfMessages), Number(a.ApproximateNumberOfMessagesNotVisible), Number(a.ApproximateNumberOfMessagesDelayed)];
    };

    describe('SendMessage', () => {
      it('returns the body MD5 and a message id, and no attribute MD5 without attributes', async () => {
        const q = await sqs().createQueue('send');
        const body = 'Hello, wörld! 🎉 <xml> & "quotes"\r\n';
        const out = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: body });
        assert.equal(out.MD5OfMessageBody, md5(body));
        assert.match(out.MessageId ?? '', UUID);
        assert.equal(out.MD5OfMessageAttributes, undefined);
        assert.equal(out.SequenceNumber, undefined, 'no SequenceNumber on a standard queue');
        const [m] = await sqs().receive(q.url);
        assert.equal(m?.MessageId, out.MessageId);
        assert.equal(m?.Body, body);
        assert.equal(m?.MD5OfBody, md5(body));
        assert.equal(m?.MD5OfMessageAttributes, undefined);
        assert.equal(m?.MessageAttributes, undefined);
      });

      it('returns AWS attribute MD5s for string, number and binary attributes', async () => {
        const q = await sqs().createQueue('send-md5');
        const one = await sqs().send('SendMessage', {
          QueueUrl: q.url,
          MessageBody: 'msg',
          MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
        });
        assert.equal(one.MD5OfMessageAttributes, 'adb59cd4678ea5a855436b949cd07ab6');
        const three = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'msg', MessageAttributes: KENOBI });
        assert.equal(three.MD5OfMessageBody, '6e2baaf3b97dbeef01c0043275f9a0e7');
        assert.equal(three.MD5OfMessageAttributes, '4c360f3fdafd970e05fae2f149d997f5');
        const binary = Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01', 'latin1');
        const bin = await sqs().send('SendMessage', {
          QueueUrl: q.url,
          MessageBody: 'test',
          MessageAttributes: {
            attr1: { DataType: 'Binary', BinaryValue: binary },
          },
        });
        assert.equal(bin.MD5OfMessageAttributes, '8cbe4db156db8a94db8b801b7addb984');

        const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
        assert.equal(got.length, 3);
        const byId = new Map(got.map((m) => [m.MessageId, m]));
        assert.deepEqual(byId.get(one.MessageId)?.MessageAttributes, { MyAttribute: { DataType: 'String', StringValue: 'foobar' } });
        assert.equal(byId.get(one.MessageId)?.MD5OfMessageAttributes, 'adb59cd4678ea5a855436b949cd07ab6');
        const b = byId.get(bin.MessageId)?.MessageAttributes?.attr1;
        assert.equal(b?.DataType, 'Binary');
        assert.deepEqual(Buffer.from(b?.BinaryValue ?? []), binary);
        assert.equal(byId.get(bin.MessageId)?.MD5OfMessageAttributes, '8cbe4db156db8a94db8b801b7addb984');
      });

      it('keeps custom types and numbers as sent', async () => {
        const q = await sqs().createQueue('send-types');
        const attrs = {
          n: { DataType: 'Number', StringValue: '42.5' },
          custom: { DataType: 'String.uuid', StringValue: 'abc' },
        };
        const out = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'typed', MessageAttributes: attrs });
        const [m] = await sqs().receive(q.url, { MessageAttributeNames: ['All'] });
        assert.deepEqual(m?.MessageAttributes, attrs);
        assert.equal(m?.MD5OfMessageAttributes, out.MD5OfMessageAttributes);
      });

      it('refuses invalid characters with InvalidMessageContents', async () => {
        const q = await sqs().createQueue('send-invalid');
        for (const body of ['a\u0001b', 'x\uFFFEy']) {
          await sqs().expectError('SendMessage', { QueueUrl: q.url, MessageBody: body }, INVALID_CONTENTS);
        }
        assert.deepEqual(await counts(q.url), [0, 0, 0]);
      });

      it('accepts 1 MiB and refuses one byte more', async () => {
        const q = await sqs().createQueue('send-size');
        const max = 'a'.repeat(1_048_576);
        const ok = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: max });
        assert.equal(ok.MD5OfMessageBody, md5(max));
        await sqs().expectError(
          'SendMessage',
          { QueueUrl: q.url, MessageBody: `${max}a` },
          invalidParameterValue('One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.'),
        );
      });

      it("counts attributes toward the queue's MaximumMessageSize", async () => {
        const q = await sqs().createQueue('send-maxsize', { MaximumMessageSize: '1024' });
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'a'.repeat(1024) });
        await sqs().expectError(
          'SendMessage',
          { QueueUrl: q.url, MessageBody: 'a'.repeat(1024 - 8 + 1), MessageAttributes: { k: { DataType: 'String', StringValue: 'x' } } },
          invalidParameterValue('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.'),
        );
      });

      it('refuses an attribute with an empty value', async () => {
        const q = await sqs().createQueue('send-empty-attr');
        await sqs().expectError(
          'SendMessage',
          { QueueUrl: q.url, MessageBody: 'test', MessageAttributes: { ErrorDetails: { DataType: 'String', StringValue: '' } } },
          invalidParameterValue("Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'."),
        );
      });

      it('refuses an empty body with MissingParameter', async () => {
        const q = await sqs().createQueue('send-empty');
        await sqs().expectError('SendMessage', { QueueUrl: q.url, MessageBody: '' }, missingParameter('MessageBody'));
      });

      it('delays a message by its DelaySeconds', async () => {
        const q = await sqs().createQueue('send-delay');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'later', DelaySeconds: 60 });
        assert.deepEqual(await counts(q.url), [0, 0, 1]);
        assert.deepEqual(await sqs().receive(q.url), []);
      });

      it('accepts a MessageGroupId on a standard queue (fair queues) and checks its format', async () => {
        const q = await sqs().createQueue('send-fair');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'message', MessageGroupId: 'test' });
        const [m] = await sqs().receive(q.url, { AttributeNames: ['All'] });
        assert.equal(m?.Attributes?.MessageGroupId, 'test');
        assert.equal(m?.Attributes?.SequenceNumber, undefined);
        await sqs().expectError(
          'SendMessage',
          { QueueUrl: q.url, MessageBody: 'message', MessageGroupId: 'group 123' },
          invalidParameterValue(
            'Value group 123 for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
          ),
        );
      });

      it('carries the AWSTraceHeader system attribute', async () => {
        const q = await sqs().createQueue('send-trace');
        const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
        const out = await sqs().send('SendMessage', {
          QueueUrl: q.url,
          MessageBody: 'traced',
          MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } },
        });
        assert.match(out.MD5OfMessageSystemAttributes ?? '', /^[0-9a-f]{32}$/);
        const [m] = await sqs().receive(q.url, { AttributeNames: ['AWSTraceHeader'] });
        assert.deepEqual(m?.Attributes, { AWSTraceHeader: trace });
      });

      it('answers QueueDoesNotExist for an unknown queue', async () => {
        await sqs().expectError('SendMessage', { QueueUrl: `${e2e.url}/${ACCOUNT}/${unique('nosend')}`, MessageBody: 'x' }, queueDoesNotExist(transport));
      });
    });

    describe('SendMessageBatch', () => {
      const entries = (n: number): SendMessageBatchRequestEntry[] =>
        Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: `body-${i}` }));

      it('sends every entry and reports each with its MD5', async () => {
        const q = await sqs().createQueue('batch');
        const out = await sqs().send('SendMessageBatch', {
          QueueUrl: q.url,
          Entries: [
            { Id: 'a', MessageBody: 'first' },
            { Id: 'b', MessageBody: 'msg', MessageAttributes: KENOBI },
            { Id: 'c', MessageBody: 'third', DelaySeconds: 60 },
          ],
        });
        assert.deepEqual(out.Failed ?? [], []);
        assert.deepEqual(out.Successful?.map((s) => s.Id), ['a', 'b', 'c']);
        const [a, b] = out.Successful ?? [];
        assert.equal(a?.MD5OfMessageBody, md5('first'));
        assert.equal(a?.MD5OfMessageAttributes, undefined);
        assert.equal(b?.MD5OfMessageAttributes, '4c360f3fdafd970e05fae2f149d997f5');
        for (const s of out.Successful ?? []) assert.match(s.MessageId ?? '', UUID);
        assert.deepEqual(await counts(q.url), [2, 0, 1]);
        const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
        assert.deepEqual(got.map((m) => m.Body).sort(), ['first', 'msg']);
      });

      it('reports bad entries in Failed and sends the rest', async () => {
        const q = await sqs().createQueue('batch-partial', { MaximumMessageSize: '1024' });
        const out = await sqs().send('SendMessageBatch', {
          QueueUrl: q.url,
          Entries: [
            { Id: 'ok', MessageBody: 'a'.repeat(1024) },
            { Id: 'bad-char', MessageBody: 'bad\u0000char' },
            { Id: 'too-big', MessageBody: 'a'.repeat(1025) },
          ],
        });
        assert.deepEqual(out.Successful?.map((s) => [s.Id, s.MD5OfMessageBody]), [['ok', md5('a'.repeat(1024))]]);
        assert.deepEqual(out.Failed, [
          { Id: 'bad-char', SenderFault: true, Code: 'InvalidMessageContents', Message: INVALID_CONTENTS.message },
          {
            Id: 'too-big',
            SenderFault: true,
            Code: 'InvalidParameterValue',
            Message: 'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
          },
        ]);
        assert.deepEqual(await counts(q.url), [1, 0, 0]);
      });

      it('refuses more than 10 entries', async () => {
        const q = await sqs().createQueue('batch-many');
        await sqs().expectError(
          'SendMessageBatch',
          { QueueUrl: q.url, Entries: entries(20) },
          {
            name: 'TooManyEntriesInBatchRequest',
            message: 'Maximum number of entries per request are 10. You have sent 20.',
            status: 400,
            code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          },
        );
        assert.deepEqual(await counts(q.url), [0, 0, 0]);
      });

      it('refuses repeated entry ids', async () => {
        const q = await sqs().createQueue('batch-dup');
        await sqs().expectError(
          'SendMessageBatch',
          { QueueUrl: q.url, Entries: [{ Id: 'same', MessageBody: 'a' }, { Id: 'same', MessageBody: 'b' }] },
          { name: 'BatchEntryIdsNotDistinct', message: 'Id same repeated.', status: 400, code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct' },
        );
      });

      it('refuses invalid entry ids', async () => {
        const q = await sqs().createQueue('batch-badid');
        for (const id of ['invalid:id', 'testLongId'.repeat(10)]) {
          await sqs().expectError(
            'SendMessageBatch',
            { QueueUrl: q.url, Entries: [{ Id: id, MessageBody: 'a' }] },
            {
              name: 'InvalidBatchEntryId',
              message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
              status: 400,
              code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
            },
          );
        }
      });

      it('refuses an empty batch', async () => {
        const q = await sqs().createQueue('batch-empty');
        await sqs().expectError(
          'SendMessageBatch',
          { QueueUrl: q.url, Entries: [] },
          {
            name: 'EmptyBatchRequest',
            message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
            status: 400,
            code: 'AWS.SimpleQueueService.EmptyBatchRequest',
          },
        );
      });

      it('refuses a batch larger than 1 MiB in total', async () => {
        const q = await sqs().createQueue('batch-long');
        const attrs = { k: { DataType: 'String', StringValue: 'x' } };
        await sqs().expectError(
          'SendMessageBatch',
          {
            QueueUrl: q.url,
            Entries: [
              { Id: '1', MessageBody: 'a'.repeat(1_048_576 - 8), MessageAttributes: attrs },
              { Id: '2', MessageBody: 'a' },
            ],
          },
          {
            name: 'BatchRequestTooLong',
            message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.',
            status: 400,
            code: 'AWS.SimpleQueueService.BatchRequestTooLong',
          },
        );
        assert.deepEqual(await counts(q.url), [0, 0, 0]);
      });
    });

    describe('ReceiveMessage', () => {
      it('returns no Messages key when the queue is empty', async () => {
        const q = await sqs().createQueue('recv-empty');
        const out = await sqs().send('ReceiveMessage', { QueueUrl: q.url });
        assert.equal('Messages' in out, false);
        assert.equal(out.$metadata.httpStatusCode, 200);
      });

      it('returns system attributes for All and by name', async () => {
        const q = await sqs().createQueue('recv-sysattrs', { VisibilityTimeout: '0' });
        const sentAt = Date.now();
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'msg', MessageAttributes: { Foo: { DataType: 'String', StringValue: 'Bar' } } });

        const [all] = await sqs().receive(q.url, { AttributeNames: ['All'] });
        assert.deepEqual(Object.keys(all?.Attributes ?? {}).sort(), [
          'ApproximateFirstReceiveTimestamp',
          'ApproximateReceiveCount',
          'SenderId',
          'SentTimestamp',
        ]);
        assert.equal(all?.Attributes?.ApproximateReceiveCount, '1');
        assert.equal(all?.Attributes?.SenderId, CREDENTIALS.accessKeyId);
        const sent = Number(all?.Attributes?.SentTimestamp);
        assert.ok(Math.abs(sent - sentAt) < 5000, `SentTimestamp is epoch ms: ${sent}`);
        const first = Number(all?.Attributes?.ApproximateFirstReceiveTimestamp);
        assert.ok(first >= sent && first - sent < 5000, `ApproximateFirstReceiveTimestamp ${first}`);
        assert.equal(all?.MessageAttributes, undefined, 'message attributes only when asked for');

        const [both] = await sqs().receive(q.url, { AttributeNames: ['All'], MessageAttributeNames: ['All'] });
        assert.equal(both?.Attributes?.ApproximateReceiveCount, '2');
        assert.equal(both?.Attributes?.ApproximateFirstReceiveTimestamp, String(first), 'first receive time stays');
        assert.deepEqual(both?.MessageAttributes, { Foo: { DataType: 'String', StringValue: 'Bar' } });
        assert.equal(both?.MD5OfMessageAttributes, 'ae7155c6026991b6d54b11589678bf9c');

        const [single] = await sqs().receive(q.url, { AttributeNames: ['SenderId'] });
        assert.deepEqual(single?.Attributes, { SenderId: CREDENTIALS.accessKeyId });
        const [multiple] = await sqs().receive(q.url, { AttributeNames: ['SenderId', 'SequenceNumber', 'ApproximateReceiveCount'] });
        assert.deepEqual(multiple?.Attributes, { SenderId: CREDENTIALS.accessKeyId, ApproximateReceiveCount: '4' });
        const [none] = await sqs().receive(q.url);
        assert.equal(none?.Attributes, undefined);
      });

      if (transport === 'json') {
        // The 3.445 query client predates MessageSystemAttributeNames (it only has AttributeNames).
        it('accepts MessageSystemAttributeNames, merged with AttributeNames', async () => {
          const q = await sqs().createQueue('recv-msan', { VisibilityTimeout: '0' });
          await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'msg' });
          const [m] = await sqs().receive(q.url, { MessageSystemAttributeNames: ['SentTimestamp'], AttributeNames: ['SenderId'] });
          assert.deepEqual(Object.keys(m?.Attributes ?? {}).sort(), ['SenderId', 'SentTimestamp']);
          const [all] = await sqs().receive(q.url, { MessageSystemAttributeNames: ['All'], AttributeNames: ['SenderId'] });
          assert.equal(Object.keys(all?.Attributes ?? {}).length, 4);
        });
      }

      it('filters message attributes by name, All, * and prefix.* as AWS does', async () => {
        const q = await sqs().createQueue('recv-attrfilter', { VisibilityTimeout: '0' });
        const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'msg', MessageAttributes: KENOBI });
        assert.equal(sent.MD5OfMessageAttributes, '4c360f3fdafd970e05fae2f149d997f5');
        const receive = async (names: string[]) => {
          const [m] = await sqs().receive(q.url, { MessageAttributeNames: names });
          assert.ok(m, `a message for ${JSON.stringify(names)}`);
          return { names: Object.keys(m.MessageAttributes ?? {}).sort(), md5: m.MD5OfMessageAttributes };
        };
        const all = { names: ['General', 'Hello', 'Help.Me'], md5: '4c360f3fdafd970e05fae2f149d997f5' };
        assert.deepEqual(await receive([]), { names: [], md5: undefined });
        assert.deepEqual(await receive(['All']), all);
        assert.deepEqual(await receive(['*']), all);
        assert.deepEqual(await receive(['.*']), all);
        assert.deepEqual(await receive(['Foo', 'Help']), { names: [], md5: undefined });
        assert.deepEqual(await receive(['Hello', 'General']), { names: ['General', 'Hello'], md5: 'fca026605781cb4126a1e9044df24232' });
        assert.deepEqual(await receive(['Foo', 'Hello']), { names: ['Hello'], md5: 'a311262e065454b75da111d535b8dacd' });
        assert.deepEqual(await receive(['Hel.*']), { names: ['Hello', 'Help.Me'], md5: '83fee93c1bcd8b9a5a923ffacdc636c7' });
        assert.deepEqual(await receive(['AWS.']), { names: [], md5: undefined });
        assert.deepEqual(await receive(['..foo']), { names: [], md5: undefined });
      });

      it('returns up to MaxNumberOfMessages messages', async () => {
        const q = await sqs().createQueue('recv-max');
        await sqs().send('SendMessageBatch', {
          QueueUrl: q.url,
          Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `message-${i}` })),
        });
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'message-10' });
        const two = await sqs().receive(q.url, { MaxNumberOfMessages: 2 });
        assert.equal(two.length, 2);
        const rest = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
        assert.equal(rest.length, 9);
        const bodies = new Set([...two, ...rest].map((m) => m.Body));
        assert.equal(bodies.size, 11);
        assert.deepEqual(await counts(q.url), [0, 11, 0]);
      });

      it('refuses MaxNumberOfMessages outside 1..10 and WaitTimeSeconds outside 0..20', async () => {
        const q = await sqs().createQueue('recv-ranges');
        for (const n of [11, 0]) {
          await sqs().expectError(
            'ReceiveMessage',
            { QueueUrl: q.url, MaxNumberOfMessages: n },
            invalidParameterValue(`Value ${n} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`),
          );
        }
        for (const n of [21, -1]) {
          await sqs().expectError(
            'ReceiveMessage',
            { QueueUrl: q.url, WaitTimeSeconds: n },
            invalidParameterValue(`Value ${n} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`),
          );
        }
      });

      it('applies a per-receive VisibilityTimeout', async () => {
        const q = await sqs().createQueue('recv-vis');
        const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'again' });
        const [first] = await sqs().receive(q.url, { VisibilityTimeout: 0 });
        const [second] = await sqs().receive(q.url, { VisibilityTimeout: 60, AttributeNames: ['ApproximateReceiveCount'] });
        assert.equal(first?.MessageId, sent.MessageId);
        assert.equal(second?.MessageId, sent.MessageId);
        assert.notEqual(second?.ReceiptHandle, first?.ReceiptHandle, 'a new receipt handle per receive');
        assert.equal(second?.Attributes?.ApproximateReceiveCount, '2');
        assert.deepEqual(await sqs().receive(q.url), []);
      });

      it('answers QueueDoesNotExist for an unknown queue', async () => {
        await sqs().expectError('ReceiveMessage', { QueueUrl: `${e2e.url}/${ACCOUNT}/${unique('norecv')}` }, queueDoesNotExist(transport));
      });
    });

    describe('DeleteMessage / DeleteMessageBatch', () => {
      it('deletes a received message; deleting twice is fine', async () => {
        const q = await sqs().createQueue('del-msg');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'bye' });
        const [m] = await sqs().receive(q.url);
        assert.ok(m?.ReceiptHandle);
        assert.deepEqual(await counts(q.url), [0, 1, 0]);
        await sqs().send('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: m.ReceiptHandle });
        assert.deepEqual(await counts(q.url), [0, 0, 0]);
        await sqs().send('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: m.ReceiptHandle });
      });

      it('refuses a garbage receipt handle with ReceiptHandleIsInvalid', async () => {
        const q = await sqs().createQueue('del-garbage');
        await sqs().expectError('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: 'garbage' }, garbageHandle);
      });

      it('refuses a receipt handle of another queue', async () => {
        const a = await sqs().createQueue('del-a');
        const b = await sqs().createQueue('del-b');
        await sqs().send('SendMessage', { QueueUrl: a.url, MessageBody: 'a' });
        const [m] = await sqs().receive(a.url);
        const handle = m?.ReceiptHandle ?? '';
        await sqs().expectError(
          'DeleteMessage',
          { QueueUrl: b.url, ReceiptHandle: handle },
          { ...garbageHandle, message: `The input receipt handle "${handle}" is not a valid receipt handle.` },
        );
        assert.deepEqual(await counts(a.url), [0, 1, 0]);
      });

      it('deletes in batches, with bad handles reported per entry', async () => {
        const q = await sqs().createQueue('del-batch');
        await sqs().send('SendMessageBatch', { QueueUrl: q.url, Entries: [0, 1, 2].map((i) => ({ Id: `s${i}`, MessageBody: `m${i}` })) });
        const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
        assert.equal(got.length, 3);
        const out = await sqs().send('DeleteMessageBatch', {
          QueueUrl: q.url,
          Entries: [
            { Id: 'd0', ReceiptHandle: got[0]?.ReceiptHandle ?? '' },
            { Id: 'd1', ReceiptHandle: got[1]?.ReceiptHandle ?? '' },
            { Id: 'bad', ReceiptHandle: 'garbage' },
          ],
        });
        assert.deepEqual(out.Successful?.map((s) => s.Id), ['d0', 'd1']);
        assert.deepEqual(out.Failed, [{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: garbageHandle.message }]);
        assert.deepEqual(await counts(q.url), [0, 1, 0]);
      });

      it('checks DeleteMessageBatch entries like every batch', async () => {
        const q = await sqs().createQueue('del-batch-checks');
        await sqs().expectError(
          'DeleteMessageBatch',
          { QueueUrl: q.url, Entries: Array.from({ length: 20 }, (_, i) => ({ Id: `d${i}`, ReceiptHandle: 'x' })) },
          {
            name: 'TooManyEntriesInBatchRequest',
            message: 'Maximum number of entries per request are 10. You have sent 20.',
            status: 400,
            code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          },
        );
        await sqs().expectError(
          'DeleteMessageBatch',
          { QueueUrl: q.url, Entries: [{ Id: 'invalid:id', ReceiptHandle: 'x' }] },
          {
            name: 'InvalidBatchEntryId',
            message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
            status: 400,
            code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
          },
        );
        await sqs().expectError(
          'DeleteMessageBatch',
          { QueueUrl: q.url, Entries: [] },
          {
            name: 'EmptyBatchRequest',
            message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
            status: 400,
            code: 'AWS.SimpleQueueService.EmptyBatchRequest',
          },
        );
      });
    });

    describe('ChangeMessageVisibility / ChangeMessageVisibilityBatch', () => {
      it('makes a message visible at once with 0', async () => {
        const q = await sqs().createQueue('cmv');
        const sent = await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'vis' });
        const [m] = await sqs().receive(q.url, { VisibilityTimeout: 60 });
        assert.deepEqual(await sqs().receive(q.url), []);
        await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: m?.ReceiptHandle ?? '', VisibilityTimeout: 0 });
        const [again] = await sqs().receive(q.url, { AttributeNames: ['ApproximateReceiveCount'] });
        assert.equal(again?.MessageId, sent.MessageId);
        assert.equal(again?.Attributes?.ApproximateReceiveCount, '2');
      });

      it('extends visibility (the message stays hidden)', async () => {
        const q = await sqs().createQueue('cmv-extend');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'vis' });
        const [m] = await sqs().receive(q.url, { VisibilityTimeout: 0 });
        const [held] = await sqs().receive(q.url, { VisibilityTimeout: 1 });
        assert.equal(held?.MessageId, m?.MessageId);
        await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: held?.ReceiptHandle ?? '', VisibilityTimeout: 120 });
        const peek = (await (await fetch(`${e2e.url}/_signalbox/sqs/messages?QueueUrl=${encodeURIComponent(q.url)}`)).json()) as {
          messages: Array<{ state: string; visibleAt?: number }>;
        };
        assert.equal(peek.messages[0]?.state, 'inflight');
        assert.ok((peek.messages[0]?.visibleAt ?? 0) > Date.now() + 100_000, 'visible again only in ~120 s');
      });

      it('refuses a deleted message with InvalidParameterValue', async () => {
        const q = await sqs().createQueue('cmv-deleted');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'foo' });
        const [m] = await sqs().receive(q.url);
        const handle = m?.ReceiptHandle ?? '';
        await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: handle, VisibilityTimeout: 42 });
        await sqs().send('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: handle });
        await sqs().expectError(
          'ChangeMessageVisibility',
          { QueueUrl: q.url, ReceiptHandle: handle, VisibilityTimeout: 42 },
          invalidParameterValue(
            `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
          ),
        );
      });

      it('refuses a garbage receipt handle with ReceiptHandleIsInvalid', async () => {
        const q = await sqs().createQueue('cmv-garbage');
        await sqs().expectError('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: 'garbage', VisibilityTimeout: 10 }, garbageHandle);
      });

      it('accepts an expired handle of a standard queue (200, as AWS)', async () => {
        const q = await sqs().createQueue('cmv-expired');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'foo' });
        const [m] = await sqs().receive(q.url, { VisibilityTimeout: 0 });
        const out = await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: m?.ReceiptHandle ?? '', VisibilityTimeout: 60 });
        assert.equal(out.$metadata.httpStatusCode, 200);
      });

      it('applies an older handle of a standard message that is in flight again', async () => {
        const q = await sqs().createQueue('cmv-older');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'foo' });
        const [first] = await sqs().receive(q.url, { VisibilityTimeout: 0 });
        const [second] = await sqs().receive(q.url, { VisibilityTimeout: 60 });
        assert.equal(second?.MessageId, first?.MessageId);
        assert.notEqual(second?.ReceiptHandle, first?.ReceiptHandle);
        assert.deepEqual(await sqs().receive(q.url), []);
        await sqs().send('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: first?.ReceiptHandle ?? '', VisibilityTimeout: 0 });
        const [third] = await sqs().receive(q.url, { AttributeNames: ['ApproximateReceiveCount'] });
        assert.equal(third?.MessageId, first?.MessageId);
        assert.equal(third?.Attributes?.ApproximateReceiveCount, '3');
      });

      it('FIFO: refuses an older handle of a message in flight again (the receipt handle has expired)', async () => {
        const q = await sqs().createQueue('cmv-older', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'foo', MessageGroupId: 'g' });
        const [first] = await sqs().receive(q.url, { VisibilityTimeout: 0 });
        const [second] = await sqs().receive(q.url, { VisibilityTimeout: 60 });
        assert.equal(second?.MessageId, first?.MessageId);
        const handle = first?.ReceiptHandle ?? '';
        await sqs().expectError(
          'ChangeMessageVisibility',
          { QueueUrl: q.url, ReceiptHandle: handle, VisibilityTimeout: 0 },
          invalidParameterValue(`Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`),
        );
        assert.deepEqual(await sqs().receive(q.url), [], 'still in flight under the newer receive');
      });

      it('changes visibility in batches, with bad handles reported per entry', async () => {
        const q = await sqs().createQueue('cmv-batch');
        await sqs().send('SendMessageBatch', { QueueUrl: q.url, Entries: [0, 1].map((i) => ({ Id: `s${i}`, MessageBody: `m${i}` })) });
        const got = await sqs().receive(q.url, { MaxNumberOfMessages: 10, VisibilityTimeout: 60 });
        assert.equal(got.length, 2);
        const out = await sqs().send('ChangeMessageVisibilityBatch', {
          QueueUrl: q.url,
          Entries: [
            { Id: 'c0', ReceiptHandle: got[0]?.ReceiptHandle ?? '', VisibilityTimeout: 0 },
            { Id: 'c1', ReceiptHandle: got[1]?.ReceiptHandle ?? '', VisibilityTimeout: 0 },
            { Id: 'bad', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
          ],
        });
        assert.deepEqual(out.Successful?.map((s) => s.Id), ['c0', 'c1']);
        assert.deepEqual(out.Failed, [{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: garbageHandle.message }]);
        const again = await sqs().receive(q.url, { MaxNumberOfMessages: 10 });
        assert.deepEqual(again.map((m) => m.MessageId).sort(), got.map((m) => m.MessageId).sort());
        await sqs().expectError(
          'ChangeMessageVisibilityBatch',
          { QueueUrl: q.url, Entries: Array.from({ length: 20 }, (_, i) => ({ Id: `c${i}`, ReceiptHandle: 'x', VisibilityTimeout: 0 })) },
          {
            name: 'TooManyEntriesInBatchRequest',
            message: 'Maximum number of entries per request are 10. You have sent 20.',
            status: 400,
            code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          },
        );
        await sqs().expectError(
          'ChangeMessageVisibilityBatch',
          { QueueUrl: q.url, Entries: [{ Id: 'x', ReceiptHandle: 'a', VisibilityTimeout: 0 }, { Id: 'x', ReceiptHandle: 'b', VisibilityTimeout: 0 }] },
          { name: 'BatchEntryIdsNotDistinct', message: 'Id x repeated.', status: 400, code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct' },
        );
      });
    });
  });
}
