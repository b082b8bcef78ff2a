/**
 * SQS queue-level operations end to end, through both transports: CreateQueue, GetQueueUrl,
 * ListQueues, DeleteQueue, Get/SetQueueAttributes, PurgeQueue, tags and permissions.
 * Expected values are AWS's (research/sqs.md and LocalStack's real-AWS snapshot).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { QueueAttributeName } from '@aws-sdk/client-sqs';
import { ManualClock } from '../../../src/index.js';
import {
  ACCOUNT,
  REGION,
  TRANSPORTS,
  invalidParameterValue,
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

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function invalidAttributeName(message: string): ExpectedError {
  return { name: 'InvalidAttributeName', message, status: 400, code: 'InvalidAttributeName' };
}
function invalidAttributeValue(message: string): ExpectedError {
  return { name: 'InvalidAttributeValue', message, status: 400, code: 'InvalidAttributeValue' };
}

const STANDARD_DEFAULTS = {
  ApproximateNumberOfMessages: '0',
  ApproximateNumberOfMessagesDelayed: '0',
  ApproximateNumberOfMessagesNotVisible: '0',
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
  VisibilityTimeout: '30',
};

for (const transport of TRANSPORTS) {
  describe(`SQS queues over ${transport}`, () => {
    const sqs = () => e2e.clients[transport];

    describe('CreateQueue', () => {
      it('creates a standard queue with the 12 default attributes AWS reports', async () => {
        const before = nowSeconds();
        const q = await sqs().createQueue('defaults');
        assert.equal(q.url, `${e2e.url}/${ACCOUNT}/${q.name}`);
        const attrs = await sqs().attributes(q.url);
        assert.deepEqual(Object.keys(attrs).sort(), [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesDelayed',
          'ApproximateNumberOfMessagesNotVisible',
          'CreatedTimestamp',
          'DelaySeconds',
          'LastModifiedTimestamp',
          'MaximumMessageSize',
          'MessageRetentionPeriod',
          'QueueArn',
          'ReceiveMessageWaitTimeSeconds',
          'SqsManagedSseEnabled',
          'VisibilityTimeout',
        ]);
        const { CreatedTimestamp, LastModifiedTimestamp, QueueArn, ...rest } = attrs;
        assert.deepEqual(rest, STANDARD_DEFAULTS);
        assert.equal(QueueArn, `arn:aws:sqs:${REGION}:${ACCOUNT}:${q.name}`);
        // Epoch seconds, not milliseconds.
        assert.ok(Number(CreatedTimestamp) >= before - 1 && Number(CreatedTimestamp) <= nowSeconds() + 1, CreatedTimestamp);
        assert.equal(LastModifiedTimestamp, CreatedTimestamp);
      });

      it('creates a FIFO queue with the four FIFO defaults added', async () => {
        const q = await sqs().createQueue('fifo-defaults', { FifoQueue: 'true' });
        assert.ok(q.name.endsWith('.fifo'));
        const attrs = await sqs().attributes(q.url);
        assert.equal(Object.keys(attrs).length, 16);
        assert.equal(attrs.FifoQueue, 'true');
        assert.equal(attrs.ContentBasedDeduplication, 'false');
        assert.equal(attrs.DeduplicationScope, 'queue');
        assert.equal(attrs.FifoThroughputLimit, 'perQueue');
        assert.equal(attrs.QueueArn, q.arn);
      });

      it('stores attributes given at creation', async () => {
        const q = await sqs().createQueue('with-attrs', {
          VisibilityTimeout: '20',
          MessageRetentionPeriod: '604800',
          ReceiveMessageWaitTimeSeconds: '10',
          DelaySeconds: '5',
          MaximumMessageSize: '2048',
        });
        const attrs = await sqs().attributes(q.url);
        assert.equal(attrs.VisibilityTimeout, '20');
        assert.equal(attrs.MessageRetentionPeriod, '604800');
        assert.equal(attrs.ReceiveMessageWaitTimeSeconds, '10');
        assert.equal(attrs.DelaySeconds, '5');
        assert.equal(attrs.MaximumMessageSize, '2048');
      });

      it('is idempotent for the same attributes and refuses different ones', async () => {
        const q = await sqs().createQueue('idem', { DelaySeconds: '2' });
        const again = await sqs().send('CreateQueue', { QueueName: q.name, Attributes: { DelaySeconds: '2' } });
        assert.equal(again.QueueUrl, q.url);
        const bare = await sqs().send('CreateQueue', { QueueName: q.name });
        assert.equal(bare.QueueUrl, q.url);
        await sqs().expectError(
          'CreateQueue',
          { QueueName: q.name, Attributes: { DelaySeconds: '1' } },
          {
            name: 'QueueNameExists',
            message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
            status: 400,
            code: 'QueueAlreadyExists',
          },
        );
      });

      it('refuses a FIFO queue again with a different ContentBasedDeduplication', async () => {
        const q = await sqs().createQueue('idem-fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
        await sqs().expectError(
          'CreateQueue',
          { QueueName: q.name, Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } },
          {
            name: 'QueueNameExists',
            message: 'A queue already exists with the same name and a different value for attribute ContentBasedDeduplication',
            status: 400,
            code: 'QueueAlreadyExists',
          },
        );
      });

      it('requires the .fifo suffix for FIFO queues and only for them', async () => {
        const fifoMessage =
          'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.';
        await sqs().expectError(
          'CreateQueue',
          { QueueName: unique('nosuffix'), Attributes: { FifoQueue: 'true' } },
          invalidParameterValue(fifoMessage),
        );
        await sqs().expectError('CreateQueue', { QueueName: `${unique('suffix')}.fifo` }, invalidParameterValue(fifoMessage));
      });

      it('refuses invalid queue names', async () => {
        const message = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
        for (const name of ['bad name', 'slash/name', 'dot.name', 'x'.repeat(81)]) {
          await sqs().expectError('CreateQueue', { QueueName: name }, invalidParameterValue(message));
        }
        // 80 characters is fine.
        const ok = await sqs().send('CreateQueue', { QueueName: unique('long').padEnd(80, 'x') });
        assert.ok(ok.QueueUrl?.endsWith('x'.repeat(5)));
      });

      it('refuses FIFO attributes on a standard queue with the recorded messages', async () => {
        const name = unique('std-fifo-attrs');
        await sqs().expectError(
          'CreateQueue',
          { QueueName: name, Attributes: { FifoQueue: 'false' } },
          invalidAttributeName('Unknown Attribute FifoQueue.'),
        );
        await sqs().expectError(
          'CreateQueue',
          { QueueName: name, Attributes: { ContentBasedDeduplication: 'false' } },
          invalidAttributeName('Unknown Attribute ContentBasedDeduplication.'),
        );
        await sqs().expectError(
          'CreateQueue',
          { QueueName: name, Attributes: { DeduplicationScope: 'queue' } },
          invalidAttributeName('You can specify the DeduplicationScope only when FifoQueue is set to true.'),
        );
        await sqs().expectError(
          'CreateQueue',
          { QueueName: name, Attributes: { FifoThroughputLimit: 'perQueue' } },
          invalidAttributeName('You can specify the FifoThroughputLimit only when FifoQueue is set to true.'),
        );
        // None of the failed calls created the queue.
        await sqs().expectError('GetQueueUrl', { QueueName: name }, queueDoesNotExist(transport));
      });

      it('creates tags given at creation', async () => {
        const q = await sqs().createQueue('create-tags', undefined, { team: 'core', env: '' });
        const out = await sqs().send('ListQueueTags', { QueueUrl: q.url });
        assert.deepEqual(out.Tags, { team: 'core', env: '' });
      });
    });

    describe('GetQueueUrl', () => {
      it('returns the URL of an existing queue', async () => {
        const q = await sqs().createQueue('geturl');
        const out = await sqs().send('GetQueueUrl', { QueueName: q.name });
        assert.equal(out.QueueUrl, q.url);
        const owner = await sqs().send('GetQueueUrl', { QueueName: q.name, QueueOwnerAWSAccountId: ACCOUNT });
        assert.equal(owner.QueueUrl, q.url);
      });

      it('accepts AWS-style and localhost queue URLs for the same queue', async () => {
        const q = await sqs().createQueue('url-forms');
        const port = new URL(e2e.url).port;
        for (const url of [`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${q.name}`, `http://localhost:${port}/${ACCOUNT}/${q.name}`]) {
          const attrs = await sqs().attributes(url, ['QueueArn']);
          assert.deepEqual(attrs, { QueueArn: q.arn }, url);
        }
      });

      it('answers QueueDoesNotExist for an unknown name', async () => {
        await sqs().expectError('GetQueueUrl', { QueueName: unique('missing') }, queueDoesNotExist(transport));
      });
    });

    describe('ListQueues', () => {
      it('filters by prefix and paginates with MaxResults and NextToken', async () => {
        const prefix = unique('lq');
        const names = [0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`);
        for (const name of names) await sqs().send('CreateQueue', { QueueName: name });
        const urls = names.map((n) => `${e2e.url}/${ACCOUNT}/${n}`);

        const all = await sqs().send('ListQueues', { QueueNamePrefix: prefix });
        assert.deepEqual(all.QueueUrls, urls);
        assert.equal(all.NextToken, undefined, 'no NextToken without MaxResults');

        const page1 = await sqs().send('ListQueues', { QueueNamePrefix: prefix, MaxResults: 2 });
        assert.deepEqual(page1.QueueUrls, urls.slice(0, 2));
        assert.ok(page1.NextToken);
        const page2 = await sqs().send('ListQueues', { QueueNamePrefix: prefix, MaxResults: 2, NextToken: page1.NextToken });
        assert.deepEqual(page2.QueueUrls, urls.slice(2, 4));
        assert.ok(page2.NextToken);
        const page3 = await sqs().send('ListQueues', { QueueNamePrefix: prefix, MaxResults: 2, NextToken: page2.NextToken });
        assert.deepEqual(page3.QueueUrls, urls.slice(4));
        assert.equal(page3.NextToken, undefined);
      });

      it('returns no QueueUrls when nothing matches', async () => {
        const out = await sqs().send('ListQueues', { QueueNamePrefix: unique('nothing-here') });
        assert.equal(out.QueueUrls, undefined);
      });

      it('lists every queue without a prefix', async () => {
        const q = await sqs().createQueue('lq-all');
        const out = await sqs().send('ListQueues', {});
        assert.ok(out.QueueUrls?.includes(q.url));
      });
    });

    describe('DeleteQueue', () => {
      it('deletes a queue; the name cannot be reused for 60 seconds', async () => {
        const q = await sqs().createQueue('del');
        await sqs().send('DeleteQueue', { QueueUrl: q.url });
        await sqs().expectError('GetQueueUrl', { QueueName: q.name }, queueDoesNotExist(transport));
        await sqs().expectError('GetQueueAttributes', { QueueUrl: q.url, AttributeNames: ['All'] }, queueDoesNotExist(transport));
        await sqs().expectError('SendMessage', { QueueUrl: q.url, MessageBody: 'x' }, queueDoesNotExist(transport));
        const list = await sqs().send('ListQueues', { QueueNamePrefix: q.name });
        assert.equal(list.QueueUrls, undefined);
        await sqs().expectError(
          'CreateQueue',
          { QueueName: q.name },
          {
            name: 'QueueDeletedRecently',
            message: 'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
            status: 400,
            code: 'AWS.SimpleQueueService.QueueDeletedRecently',
          },
        );
      });

      it('answers QueueDoesNotExist for a queue that never existed', async () => {
        await sqs().expectError('DeleteQueue', { QueueUrl: `${e2e.url}/${ACCOUNT}/${unique('never')}` }, queueDoesNotExist(transport));
      });

      it('answers QueueDoesNotExist (400, NonExistentQueue) for a QueueUrl with no path', async () => {
        for (const url of [e2e.url, `${e2e.url}/`, 'https://sqs.us-east-1.amazonaws.com/']) {
          await sqs().expectError('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] }, queueDoesNotExist(transport));
          await sqs().expectError('SendMessage', { QueueUrl: url, MessageBody: 'x' }, queueDoesNotExist(transport));
        }
      });
    });

    describe('Get/SetQueueAttributes', () => {
      it('sets attributes and reads back exactly the names asked for', async () => {
        const q = await sqs().createQueue('setattrs');
        await sqs().send('SetQueueAttributes', {
          QueueUrl: q.url,
          Attributes: { VisibilityTimeout: '69', DelaySeconds: '420', MaximumMessageSize: '2048', ReceiveMessageWaitTimeSeconds: '3' },
        });
        const some = await sqs().attributes(q.url, ['VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize', 'ReceiveMessageWaitTimeSeconds']);
        assert.deepEqual(some, { VisibilityTimeout: '69', DelaySeconds: '420', MaximumMessageSize: '2048', ReceiveMessageWaitTimeSeconds: '3' });
        const none = await sqs().send('GetQueueAttributes', { QueueUrl: q.url });
        assert.equal(none.Attributes, undefined, 'no AttributeNames: no Attributes');
        const arn = await sqs().attributes(q.url, ['QueueArn']);
        assert.deepEqual(arn, { QueueArn: q.arn });
      });

      it('refuses values out of range with InvalidAttributeValue', async () => {
        const q = await sqs().createQueue('ranges');
        const cases: Array<[string, string]> = [
          ['VisibilityTimeout', '43201'],
          ['VisibilityTimeout', '-1'],
          ['DelaySeconds', '901'],
          ['MaximumMessageSize', '1023'],
          ['MaximumMessageSize', '1048577'],
          ['MessageRetentionPeriod', '59'],
          ['MessageRetentionPeriod', '1209601'],
          ['ReceiveMessageWaitTimeSeconds', '21'],
          ['VisibilityTimeout', 'abc'],
        ];
        for (const [name, value] of cases) {
          await sqs().expectError(
            'SetQueueAttributes',
            { QueueUrl: q.url, Attributes: { [name]: value } },
            invalidAttributeValue(`Invalid value for the parameter ${name}.`),
          );
        }
        // The limits themselves are accepted.
        await sqs().send('SetQueueAttributes', {
          QueueUrl: q.url,
          Attributes: { VisibilityTimeout: '43200', DelaySeconds: '900', MaximumMessageSize: '1024', MessageRetentionPeriod: '60' },
        });
        const attrs = await sqs().attributes(q.url, ['VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod']);
        assert.deepEqual(attrs, { VisibilityTimeout: '43200', DelaySeconds: '900', MaximumMessageSize: '1024', MessageRetentionPeriod: '60' });
      });

      it('refuses unknown attribute names on Set and Get', async () => {
        const q = await sqs().createQueue('unknown-attr');
        // Not a QueueAttributeName: the casts are the point of the test.
        const unknown = { Foo: 'bar' } as Record<string, string>;
        await sqs().expectError(
          'SetQueueAttributes',
          { QueueUrl: q.url, Attributes: unknown },
          invalidAttributeName('Unknown Attribute Foo.'),
        );
        await sqs().expectError(
          'GetQueueAttributes',
          { QueueUrl: q.url, AttributeNames: ['Foo' as QueueAttributeName] },
          invalidAttributeName('Unknown Attribute Foo.'),
        );
      });

      it('refuses FIFO attributes on a standard queue and changing a FIFO queue type', async () => {
        const std = await sqs().createQueue('set-fifo-attr');
        await sqs().expectError(
          'SetQueueAttributes',
          { QueueUrl: std.url, Attributes: { FifoQueue: 'true' } },
          invalidAttributeName('Unknown Attribute FifoQueue.'),
        );
        const fifo = await sqs().createQueue('set-fifo-attr', { FifoQueue: 'true' });
        await sqs().send('SetQueueAttributes', { QueueUrl: fifo.url, Attributes: { FifoQueue: 'true' } });
        await sqs().expectError(
          'SetQueueAttributes',
          { QueueUrl: fifo.url, Attributes: { FifoQueue: 'false' } },
          invalidAttributeValue('Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.'),
        );
        await sqs().send('SetQueueAttributes', { QueueUrl: fifo.url, Attributes: { ContentBasedDeduplication: 'true' } });
        assert.deepEqual(await sqs().attributes(fifo.url, ['ContentBasedDeduplication']), { ContentBasedDeduplication: 'true' });
      });

      it('round-trips a RedrivePolicy and removes it with an empty value', async () => {
        const dlq = await sqs().createQueue('rp-dlq');
        const src = await sqs().createQueue('rp-src');
        await sqs().send('SetQueueAttributes', {
          QueueUrl: src.url,
          Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: '42' }) },
        });
        const got = await sqs().attributes(src.url, ['RedrivePolicy']);
        assert.deepEqual(JSON.parse(got.RedrivePolicy ?? 'null'), { deadLetterTargetArn: dlq.arn, maxReceiveCount: 42 });
        await sqs().send('SetQueueAttributes', { QueueUrl: src.url, Attributes: { RedrivePolicy: '' } });
        const all = await sqs().attributes(src.url);
        assert.equal(all.RedrivePolicy, undefined);
      });

      it('turns SqsManagedSseEnabled off when a KMS key is set, and drops the KMS keys when it is cleared', async () => {
        const q = await sqs().createQueue('kms');
        await sqs().send('SetQueueAttributes', {
          QueueUrl: q.url,
          Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' },
        });
        let attrs = await sqs().attributes(q.url);
        assert.equal(attrs.KmsMasterKeyId, 'testKeyId');
        assert.equal(attrs.KmsDataKeyReusePeriodSeconds, '6000');
        assert.equal(attrs.SqsManagedSseEnabled, 'false');
        assert.equal(Object.keys(attrs).length, 14);

        await sqs().send('SetQueueAttributes', { QueueUrl: q.url, Attributes: { KmsMasterKeyId: '', KmsDataKeyReusePeriodSeconds: '300' } });
        attrs = await sqs().attributes(q.url);
        assert.equal(attrs.KmsMasterKeyId, undefined);
        assert.equal(attrs.KmsDataKeyReusePeriodSeconds, undefined);
        assert.equal(attrs.SqsManagedSseEnabled, 'false');
        assert.equal(Object.keys(attrs).length, 12);

        const sse = await sqs().createQueue('kms-sqs');
        await sqs().send('SetQueueAttributes', { QueueUrl: sse.url, Attributes: { SqsManagedSseEnabled: 'true' } });
        assert.deepEqual(await sqs().attributes(sse.url, ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled']), {
          SqsManagedSseEnabled: 'true',
        });
      });

      it('refuses KMS and SQS-managed encryption together', async () => {
        const q = await sqs().createQueue('kms-both');
        await sqs().expectError(
          'SetQueueAttributes',
          { QueueUrl: q.url, Attributes: { KmsMasterKeyId: 'testKeyId', SqsManagedSseEnabled: 'true' } },
          invalidAttributeName('You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.'),
        );
      });
    });

    describe('PurgeQueue', () => {
      it('removes available, in-flight and delayed messages; a second purge within 60 s is refused', async () => {
        const q = await sqs().createQueue('purge');
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'available' });
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'inflight' });
        await sqs().send('SendMessage', { QueueUrl: q.url, MessageBody: 'delayed', DelaySeconds: 60 });
        const got = await sqs().receive(q.url, { VisibilityTimeout: 60 });
        assert.equal(got.length, 1);
        const counts = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];
        let attrs = await sqs().attributes(q.url, counts);
        assert.deepEqual(attrs, { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '1' });

        await sqs().send('PurgeQueue', { QueueUrl: q.url });
        attrs = await sqs().attributes(q.url, counts);
        assert.deepEqual(attrs, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' });
        assert.deepEqual(await sqs().receive(q.url), []);

        await sqs().expectError(
          'PurgeQueue',
          { QueueUrl: q.url },
          {
            name: 'PurgeQueueInProgress',
            message: `Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`,
            status: 403,
            code: 'AWS.SimpleQueueService.PurgeQueueInProgress',
          },
        );
      });

      it('answers QueueDoesNotExist for an unknown queue', async () => {
        await sqs().expectError('PurgeQueue', { QueueUrl: `${e2e.url}/${ACCOUNT}/${unique('nopurge')}` }, queueDoesNotExist(transport));
      });
    });

    describe('TagQueue / UntagQueue / ListQueueTags', () => {
      it('tags, lists and untags (empty values allowed, keys case-sensitive)', async () => {
        const q = await sqs().createQueue('tags');
        const empty = await sqs().send('ListQueueTags', { QueueUrl: q.url });
        assert.equal(empty.Tags, undefined);
        await sqs().send('TagQueue', { QueueUrl: q.url, Tags: { tag1: 'value1', tag2: 'value2', tag3: '', Tag1: 'upper' } });
        assert.deepEqual((await sqs().send('ListQueueTags', { QueueUrl: q.url })).Tags, { tag1: 'value1', tag2: 'value2', tag3: '', Tag1: 'upper' });
        await sqs().send('TagQueue', { QueueUrl: q.url, Tags: { tag2: 'changed' } });
        await sqs().send('UntagQueue', { QueueUrl: q.url, TagKeys: ['tag1', 'tag3', 'Tag1'] });
        assert.deepEqual((await sqs().send('ListQueueTags', { QueueUrl: q.url })).Tags, { tag2: 'changed' });
        await sqs().send('UntagQueue', { QueueUrl: q.url, TagKeys: ['tag2'] });
        assert.equal((await sqs().send('ListQueueTags', { QueueUrl: q.url })).Tags, undefined);
      });

      it('answers QueueDoesNotExist for tags of an unknown queue', async () => {
        await sqs().expectError('ListQueueTags', { QueueUrl: `${e2e.url}/${ACCOUNT}/${unique('notags')}` }, queueDoesNotExist(transport));
      });
    });

    describe('AddPermission / RemovePermission', () => {
      interface Policy {
        Version: string;
        Id: string;
        Statement: Array<{ Sid: string; Effect: string; Principal: { AWS: string | string[] }; Action: string | string[]; Resource: string }>;
      }
      const policyOf = async (url: string): Promise<Policy | undefined> => {
        const attrs = await sqs().attributes(url, ['Policy']);
        return attrs.Policy === undefined ? undefined : (JSON.parse(attrs.Policy) as Policy);
      };

      it('reflects permissions in the Policy attribute as AWS writes it', async () => {
        const q = await sqs().createQueue('perm');
        await sqs().send('AddPermission', {
          QueueUrl: q.url,
          Label: 'crossaccountpermission',
          AWSAccountIds: [ACCOUNT, '668614515564'],
          Actions: ['ReceiveMessage'],
        });
        const policy = await policyOf(q.url);
        assert.ok(policy);
        const principals = policy.Statement[0]?.Principal.AWS;
        assert.ok(Array.isArray(principals));
        assert.deepEqual([...principals].sort(), [`arn:aws:iam::${ACCOUNT}:root`, 'arn:aws:iam::668614515564:root']);
        assert.deepEqual(policy, {
          Version: '2008-10-17',
          Id: `${q.arn}/SQSDefaultPolicy`,
          Statement: [
            { Sid: 'crossaccountpermission', Effect: 'Allow', Principal: { AWS: principals }, Action: 'SQS:ReceiveMessage', Resource: q.arn },
          ],
        });

        await sqs().send('RemovePermission', { QueueUrl: q.url, Label: 'crossaccountpermission' });
        assert.equal(await policyOf(q.url), undefined);

        await sqs().send('AddPermission', { QueueUrl: q.url, Label: 'crossaccountpermission', AWSAccountIds: [ACCOUNT], Actions: ['ReceiveMessage'] });
        await sqs().expectError(
          'AddPermission',
          { QueueUrl: q.url, Label: 'crossaccountpermission', AWSAccountIds: ['668614515564'], Actions: ['ReceiveMessage'] },
          invalidParameterValue('Value crossaccountpermission for parameter Label is invalid. Reason: Already exists.'),
        );
        await sqs().send('AddPermission', {
          QueueUrl: q.url,
          Label: 'crossaccountpermission2',
          AWSAccountIds: [ACCOUNT],
          Actions: ['SendMessage', 'DeleteMessage'],
        });
        const two = await policyOf(q.url);
        assert.deepEqual(
          two?.Statement.map((s) => [s.Sid, s.Principal.AWS, s.Action]),
          [
            ['crossaccountpermission', `arn:aws:iam::${ACCOUNT}:root`, 'SQS:ReceiveMessage'],
            ['crossaccountpermission2', `arn:aws:iam::${ACCOUNT}:root`, ['SQS:SendMessage', 'SQS:DeleteMessage']],
          ],
        );
        await sqs().send('RemovePermission', { QueueUrl: q.url, Label: 'crossaccountpermission' });
        assert.deepEqual((await policyOf(q.url))?.Statement.map((s) => s.Sid), ['crossaccountpermission2']);
        await sqs().send('RemovePermission', { QueueUrl: q.url, Label: 'crossaccountpermission2' });
        assert.equal(await policyOf(q.url), undefined);
        await sqs().expectError(
          'RemovePermission',
          { QueueUrl: q.url, Label: 'crossaccountpermission2' },
          invalidParameterValue("Value crossaccountpermission2 for parameter Label is invalid. Reason: can't find label."),
        );
      });
    });
  });
}

describe('SQS 60-second rules on a manual clock', () => {
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
    it(`${transport}: a deleted name can be reused after 60 s, and a queue purged again after 60 s`, async () => {
      const sqs = fake.clients[transport];
      const q = await sqs.createQueue('clock');
      await sqs.send('PurgeQueue', { QueueUrl: q.url });
      clock.set(clock.now() + 59_000);
      await assert.rejects(sqs.send('PurgeQueue', { QueueUrl: q.url }), { name: 'PurgeQueueInProgress' });
      clock.set(clock.now() + 1_000);
      await sqs.send('PurgeQueue', { QueueUrl: q.url });

      await sqs.send('DeleteQueue', { QueueUrl: q.url });
      clock.set(clock.now() + 59_000);
      await assert.rejects(sqs.send('CreateQueue', { QueueName: q.name }), { name: 'QueueDeletedRecently' });
      clock.set(clock.now() + 1_000);
      const again = await sqs.send('CreateQueue', { QueueName: q.name });
      assert.equal(again.QueueUrl, q.url);
      assert.equal((await sqs.attributes(q.url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages, '0');
    });
  }
});
