/**
 * Publish and PublishBatch end to end, read back from SQS: the notification envelope (field order,
 * values, URLs, attributes), raw delivery with native SQS attributes, MessageStructure=json,
 * signature verification against the served certificate, and Publish/PublishBatch validation.
 * Expected values are AWS's, as recorded in LocalStack's AWS-validated test_sns.snapshot.json.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetSubscriptionAttributesCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  type MessageAttributeValue,
  type PublishBatchRequestEntry,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ACCOUNT, REGION, expectSnsError, invalidParameter, notFound, startSns, type ExpectedSnsError, type SnsE2e } from './harness.js';
import { ISO_MS, UUID_RE, createQueue, createTopic, drain, onlyEnvelope, subscribeQueue, verifySignature } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
after(() => e2e.close());

/** A topic with one SQS subscriber. */
async function topicWithQueue(topicAttributes?: Record<string, string>, subscriptionAttributes?: Record<string, string>) {
  const topic = await createTopic(e2e, topicAttributes);
  const queue = await createQueue(e2e);
  const subscription = await subscribeQueue(e2e, topic, queue.arn, subscriptionAttributes);
  return { topic, queue, subscription };
}

const parameterValueInvalid = (message: string): ExpectedSnsError => ({ name: 'InvalidParameterValueException', message, status: 400, code: 'ParameterValueInvalid' });

describe('notification envelope (non-raw)', () => {
  it('has AWS field order and values; Subject and MessageAttributes only when given', async () => {
    const { topic, queue, subscription } = await topicWithQueue();
    const startedAt = Date.now();
    const out = await sns.send(
      new PublishCommand({
        TopicArn: topic,
        Subject: 'the subject',
        Message: 'hello envelope',
        MessageAttributes: {
          str: { DataType: 'String', StringValue: 'an-attribute-value' },
          num: { DataType: 'Number', StringValue: '99.12' },
          bin: { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) },
          arr: { DataType: 'String.Array', StringValue: '["a",1,true]' },
          custom: { DataType: 'String.custom', StringValue: 'x' },
        },
      }),
    );
    assert.match(out.MessageId ?? '', UUID_RE);
    assert.equal(out.SequenceNumber, undefined);
    const { envelope, message } = await onlyEnvelope(e2e, queue.url);
    assert.deepEqual(Object.keys(envelope), [
      'Type',
      'MessageId',
      'TopicArn',
      'Subject',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
      'MessageAttributes',
    ]);
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.MessageId, out.MessageId);
    assert.equal(envelope.TopicArn, topic);
    assert.equal(envelope.Subject, 'the subject');
    assert.equal(envelope.Message, 'hello envelope');
    assert.match(String(envelope.Timestamp), ISO_MS);
    const ts = Date.parse(String(envelope.Timestamp));
    assert.ok(ts >= startedAt - 1000 && ts <= Date.now() + 1000, `Timestamp ${String(envelope.Timestamp)} is now`);
    assert.equal(envelope.SignatureVersion, '1');
    assert.match(String(envelope.Signature), /^[A-Za-z0-9+/]+={0,2}$/);
    assert.match(String(envelope.SigningCertURL), new RegExp(`^${e2e.url}/.*SimpleNotificationService-[0-9a-f]{32}\\.pem$`));
    assert.equal(envelope.UnsubscribeURL, `${e2e.url}/?Action=Unsubscribe&SubscriptionArn=${subscription}`);
    assert.deepEqual(envelope.MessageAttributes, {
      str: { Type: 'String', Value: 'an-attribute-value' },
      num: { Type: 'Number', Value: '99.12' },
      bin: { Type: 'Binary', Value: 'AgME' },
      arr: { Type: 'String.Array', Value: '["a",1,true]' },
      custom: { Type: 'String.custom', Value: 'x' },
    });
    assert.equal(message.MessageAttributes, undefined, 'non-raw delivery carries attributes only inside the envelope');

    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'ö§a1"_!?,. £$-' }));
    const plain = (await onlyEnvelope(e2e, queue.url)).envelope;
    assert.deepEqual(Object.keys(plain), ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
    assert.equal(plain.Message, 'ö§a1"_!?,. £$-');
  });

  it('TargetArn works like TopicArn; a message published before subscribing is not delivered', async () => {
    const topic = await createTopic(e2e);
    const queue = await createQueue(e2e);
    await sns.send(new PublishCommand({ TopicArn: topic, Subject: 'before', Message: 'test_message_before' }));
    await subscribeQueue(e2e, topic, queue.arn);
    const out = await sns.send(new PublishCommand({ TargetArn: topic, Message: 'test-msg-2' }));
    const { envelope } = await onlyEnvelope(e2e, queue.url);
    assert.equal(envelope.Message, 'test-msg-2');
    assert.equal(envelope.MessageId, out.MessageId);
  });

  it('the UnsubscribeURL unsubscribes when fetched', async () => {
    const { topic, queue, subscription } = await topicWithQueue();
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'first' }));
    const { envelope } = await onlyEnvelope(e2e, queue.url);
    const res = await fetch(String(envelope.UnsubscribeURL));
    assert.equal(res.status, 200);
    await res.text();
    await expectSnsError(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription })), notFound('Subscription does not exist'));
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'second' }));
    assert.deepEqual(await drain(e2e, queue.url), []);
  });
});

describe('raw message delivery to SQS', () => {
  it('the body is the message; attributes become native SQS message attributes (Binary and String.Array included)', async () => {
    const { topic, queue } = await topicWithQueue(undefined, { RawMessageDelivery: 'true' });
    await sns.send(
      new PublishCommand({
        TopicArn: topic,
        Message: 'Test msg',
        Subject: 'not in raw',
        MessageAttributes: {
          'an-attribute-key': { DataType: 'String', StringValue: 'an-attribute-value' },
          'binary-attribute': { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) },
          list: { DataType: 'String.Array', StringValue: '["x","y"]' },
          n: { DataType: 'Number', StringValue: '7' },
        },
      }),
    );
    const [m, ...rest] = await drain(e2e, queue.url);
    assert.equal(rest.length, 0);
    assert.equal(m?.Body, 'Test msg');
    const attrs = m?.MessageAttributes ?? {};
    assert.deepEqual(Object.keys(attrs).sort(), ['an-attribute-key', 'binary-attribute', 'list', 'n']);
    assert.equal(attrs['an-attribute-key']?.DataType, 'String');
    assert.equal(attrs['an-attribute-key']?.StringValue, 'an-attribute-value');
    assert.equal(attrs['binary-attribute']?.DataType, 'Binary');
    assert.deepEqual([...(attrs['binary-attribute']?.BinaryValue ?? [])], [2, 3, 4]);
    assert.equal(attrs.list?.DataType, 'String.Array');
    assert.equal(attrs.list?.StringValue, '["x","y"]');
    assert.equal(attrs.n?.DataType, 'Number');
    assert.equal(attrs.n?.StringValue, '7');
    assert.match(m?.MD5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
  });

  it('MD5OfMessageAttributes equals what AWS reported for the same attributes', async () => {
    const { topic, queue } = await topicWithQueue(undefined, { RawMessageDelivery: 'true' });
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' } } }));
    const [m] = await drain(e2e, queue.url);
    assert.equal(m?.MD5OfMessageAttributes, 'd302007e9aa062660afc85fd0a482472');
    assert.deepEqual(m?.MessageAttributes, { attr1: { DataType: 'Number', StringValue: '99.12' } });
  });

  it('switching RawMessageDelivery off brings the envelope back', async () => {
    const { topic, queue, subscription } = await topicWithQueue(undefined, { RawMessageDelivery: 'true' });
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription, AttributeName: 'RawMessageDelivery', AttributeValue: 'false' }));
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '100.12' } } }));
    const { envelope, message } = await onlyEnvelope(e2e, queue.url);
    assert.equal(envelope.Message, 'Test msg');
    assert.deepEqual(envelope.MessageAttributes, { attr1: { Type: 'Number', Value: '100.12' } });
    assert.equal(message.MessageAttributes, undefined);
  });
});

describe('MessageStructure=json', () => {
  it('SQS gets its "sqs" entry when it is a string, else "default"', async () => {
    const { topic, queue } = await topicWithQueue();
    await sns.send(new PublishCommand({ TopicArn: topic, MessageStructure: 'json', Message: JSON.stringify({ default: 'default field', sqs: JSON.stringify({ field: 'value' }) }) }));
    assert.equal((await onlyEnvelope(e2e, queue.url)).envelope.Message, '{"field":"value"}');
    // An entry that is not a string is ignored.
    await sns.send(new PublishCommand({ TopicArn: topic, MessageStructure: 'json', Message: JSON.stringify({ default: 'default field', sqs: { field: 'value' } }) }));
    assert.equal((await onlyEnvelope(e2e, queue.url)).envelope.Message, 'default field');
    // Duplicate keys are accepted.
    const dup = await sns.send(new PublishCommand({ TopicArn: topic, MessageStructure: 'json', Message: '{"default": "This is a default message", "default": "Duplicate"}' }));
    assert.match(dup.MessageId ?? '', UUID_RE);
    assert.equal((await drain(e2e, queue.url)).length, 1);
  });

  it('errors: no default entry, a default that is not a string, JSON that does not parse', async () => {
    const topic = await createTopic(e2e);
    const publish = (Message: string) => sns.send(new PublishCommand({ TopicArn: topic, MessageStructure: 'json', Message }));
    await expectSnsError(publish(JSON.stringify({ sqs: 'Test message' })), invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body'));
    await expectSnsError(publish(JSON.stringify({ default: { object: 'test' } })), invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body'));
    await expectSnsError(publish('{"default": "This is a default message"} }'), invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse'));
  });
});

describe('signatures', () => {
  for (const version of ['1', '2'] as const) {
    it(`SignatureVersion ${version}: the delivered envelope verifies with the certificate at SigningCertURL`, async () => {
      const { topic, queue } = await topicWithQueue({ DisplayName: 'TestTopicSignature', SignatureVersion: version });
      await sns.send(
        new PublishCommand({
          TopicArn: topic,
          Subject: 'signed subject',
          Message: 'test signature value with attributes',
          MessageAttributes: { attr1: { DataType: 'Number', StringValue: '1' } },
        }),
      );
      const { envelope } = await onlyEnvelope(e2e, queue.url);
      assert.equal(envelope.SignatureVersion, version);
      const cert = await verifySignature(envelope);
      assert.ok(cert.subject.length > 0);
      // Without a Subject the string to sign has no Subject either.
      await sns.send(new PublishCommand({ TopicArn: topic, Message: 'no subject' }));
      await verifySignature((await onlyEnvelope(e2e, queue.url)).envelope);
    });
  }
});

describe('Publish validation', () => {
  it('empty message, too long (alone and with attributes), empty Subject', async () => {
    const { topic, queue } = await topicWithQueue();
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: topic, Message: '' })), invalidParameter('Invalid parameter: Empty message'));
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: topic, Message: 'This is a test message'.repeat(12000) })), invalidParameter('Invalid parameter: Message too long'));
    // 262,144 bytes is the limit for the message plus attribute names, types and values.
    const attrs = { attr1: { DataType: 'Number', StringValue: '1' } };
    const attrBytes = 'attr1'.length + 'Number'.length + '1'.length;
    await expectSnsError(
      sns.send(new PublishCommand({ TopicArn: topic, Message: 'a'.repeat(262144 - attrBytes + 1), MessageAttributes: attrs })),
      invalidParameter('Invalid parameter: Message too long'),
    );
    const ok = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'a'.repeat(262144 - attrBytes), MessageAttributes: attrs }));
    assert.equal(ok.$metadata.httpStatusCode, 200);
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: topic, Message: 'm', Subject: '' })), invalidParameter('Invalid parameter: Subject'));
    const delivered = await drain(e2e, queue.url);
    assert.equal(delivered.length, 1, 'only the valid message was delivered');
    assert.equal((JSON.parse(delivered[0]!.Body!) as { Message: string }).Message.length, 262144 - attrBytes);
  });

  it('malformed, unknown and other-region TopicArns', async () => {
    const topic = await createTopic(e2e);
    for (const [arn, n] of [
      ['randomstring', 1],
      ['randomstring:1', 2],
      ['', 1],
    ] as const)
      await expectSnsError(
        sns.send(new PublishCommand({ TopicArn: arn, Message: 'Good news everyone!' })),
        invalidParameter(`Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not ${n}`),
      );
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: `${topic}-fake`, Message: 'm' })), notFound('Topic does not exist'));
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: topic.replace(`:${REGION}:`, ':us-west-2:'), Message: 'm' })), invalidParameter('Invalid parameter: TopicArn'));
    await expectSnsError(
      sns.send(new PublishBatchCommand({ TopicArn: topic.replace(`:${REGION}:`, ':us-west-2:'), PublishBatchRequestEntries: [{ Id: '1', Message: 'm' }] })),
      invalidParameter('Invalid parameter: TopicArn'),
    );
    const fine = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'no subscribers' }));
    assert.match(fine.MessageId ?? '', UUID_RE);
    assert.equal(topic.split(':')[4], ACCOUNT);
  });

  it('message attribute errors (ParameterValueInvalid), for Publish and PublishBatch alike', async () => {
    const { topic, queue } = await topicWithQueue();
    const cases: Array<[Record<string, MessageAttributeValue>, string]> = [
      [{ attr1: { DataType: 'String', StringValue: '' } }, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."],
      [{ attr1: { DataType: 'String' } }, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."],
      [{ attr1: { DataType: 'Binary', BinaryValue: new Uint8Array() } }, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'Binary'."],
      [{ attr1: { DataType: 'String', BinaryValue: new Uint8Array([1, 2, 3]) } }, "The message attribute 'attr1' with type 'String' must use field 'String'."],
      [{ attr1: { DataType: 'Number', BinaryValue: new Uint8Array([1, 2, 3]) } }, "The message attribute 'attr1' with type 'Number' must use field 'String'."],
      [{ attr1: { DataType: 'Binary', StringValue: '123' } }, "The message attribute 'attr1' with type 'Binary' must use field 'Binary'."],
      [
        { attr1: { DataType: 'InvalidType', StringValue: '123' } },
        "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
      ],
      [
        { attr1: { DataType: 'String.', StringValue: 'prefixed-1' } },
        "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
      ],
      [
        { attr1: { DataType: 'Stringprefixed', StringValue: 'prefixed-1' } },
        "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
      ],
      [{ ['a'.repeat(257)]: { DataType: 'String', StringValue: '123' } }, 'Length of message attribute name must be less than 256 bytes.'],
      [
        { 'a^*?': { DataType: 'String', StringValue: '123' } },
        "Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
      ],
      [{ '.abc': { DataType: 'String', StringValue: '123' } }, "Invalid message attribute name starting with character '.' was found."],
      [{ 'abc.': { DataType: 'String', StringValue: '123' } }, "Invalid message attribute name ending with character '.' was found."],
      [{ 'a..bc': { DataType: 'String', StringValue: '123' } }, "Message attribute name can not have successive '.' character."],
    ];
    for (const [MessageAttributes, message] of cases) {
      await expectSnsError(sns.send(new PublishCommand({ TopicArn: topic, Message: 'test message', MessageAttributes })), parameterValueInvalid(message));
      await expectSnsError(
        sns.send(
          new PublishBatchCommand({
            TopicArn: topic,
            PublishBatchRequestEntries: [
              { Id: '1', Message: 'test-batch', MessageAttributes },
              { Id: '3', Message: 'valid-batch' },
            ],
          }),
        ),
        parameterValueInvalid(message),
      );
    }
    // A missing DataType is caught before the service: the coral ValidationError with the member path.
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: topic, Message: 'm', MessageAttributes: { attr1: { StringValue: 'value' } as MessageAttributeValue } })), {
      name: 'ValidationError',
      message: "1 validation error detected: Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null",
      status: 400,
      code: 'ValidationError',
    });
    await expectSnsError(
      sns.send(
        new PublishBatchCommand({
          TopicArn: topic,
          PublishBatchRequestEntries: [
            { Id: '1', Message: 'test-batch', MessageAttributes: { attr1: { StringValue: 'value' } as MessageAttributeValue } },
            { Id: '3', Message: 'valid-batch' },
          ],
        }),
      ),
      {
        name: 'ValidationError',
        message: "1 validation error detected: Value null at 'publishBatchRequestEntries.1.member.messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null",
        status: 400,
        code: 'ValidationError',
      },
    );
    // Custom type suffixes are fine.
    for (const DataType of ['String.prefixed', 'String.  prefixed.'])
      assert.match((await sns.send(new PublishCommand({ TopicArn: topic, Message: 'test message', MessageAttributes: { attr1: { DataType, StringValue: 'prefixed-1' } } }))).MessageId ?? '', UUID_RE);
    assert.equal((await drain(e2e, queue.url)).length, 2, 'only the two valid messages were delivered, none of the refused batches');
  });
});

describe('PublishBatch', () => {
  it('publishes every entry: Successful has the ids and message ids, Failed is empty; raw delivery keeps each entry’s attributes', async () => {
    const { topic, queue } = await topicWithQueue(undefined, { RawMessageDelivery: 'true' });
    const entries: PublishBatchRequestEntry[] = [
      {
        Id: '1',
        Message: 'Test Message with two attributes',
        Subject: 'Subject',
        MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' }, attr2: { DataType: 'Number', StringValue: '109.12' } },
      },
      { Id: '2', Message: 'Test Message with one attribute', Subject: 'Subject', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '19.12' } } },
      { Id: '3', Message: 'Test Message without attribute', Subject: 'Subject' },
      { Id: '4', Message: 'Test Message without subject' },
      { Id: '5', Message: JSON.stringify({ default: 'test default', sqs: 'test sqs' }), MessageStructure: 'json' },
    ];
    const out = await sns.send(new PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: entries }));
    assert.deepEqual(out.Failed, []);
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['1', '2', '3', '4', '5']);
    for (const s of out.Successful ?? []) {
      assert.match(s.MessageId ?? '', UUID_RE);
      assert.equal(s.SequenceNumber, undefined);
    }
    assert.equal(new Set(out.Successful?.map((s) => s.MessageId)).size, 5);
    const messages = await drain(e2e, queue.url);
    const byBody = new Map(messages.map((m) => [m.Body, m]));
    assert.deepEqual([...byBody.keys()].sort(), [
      'Test Message with one attribute',
      'Test Message with two attributes',
      'Test Message without attribute',
      'Test Message without subject',
      'test sqs',
    ]);
    const two = byBody.get('Test Message with two attributes')!;
    assert.equal(two.MD5OfMessageAttributes, '9b720b3af309c1c4b0d395c53b08c502');
    assert.deepEqual(two.MessageAttributes, { attr1: { DataType: 'Number', StringValue: '99.12' }, attr2: { DataType: 'Number', StringValue: '109.12' } });
    const one = byBody.get('Test Message with one attribute')!;
    assert.equal(one.MD5OfMessageAttributes, '1f07082409022a373fa2a2601f82b3cb');
    assert.equal(byBody.get('Test Message without attribute')!.MessageAttributes, undefined);
  });

  it('Ids: up to 80 characters of [A-Za-z0-9_-]', async () => {
    const topic = await createTopic(e2e);
    const send = (Id: string) => sns.send(new PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: [{ Id, Message: 'm' }] }));
    const invalidId = (message: string): ExpectedSnsError => ({ name: 'InvalidBatchEntryIdException', message, status: 400, code: 'InvalidBatchEntryId' });
    await expectSnsError(send('message.id'), invalidId('The Id of a batch entry in the batch request contains an impermissible character: message.id'));
    await expectSnsError(send('msg@123#test'), invalidId('The Id of a batch entry in the batch request contains an impermissible character: msg@123#test'));
    await expectSnsError(send('a'.repeat(81)), invalidId(`The Id of a batch entry in the batch request is too long: ${'a'.repeat(81)}`));
    for (const Id of ['a'.repeat(80), 'valid-message_123']) {
      const out = await send(Id);
      assert.deepEqual(out.Successful?.map((s) => s.Id), [Id]);
      assert.deepEqual(out.Failed, []);
    }
  });

  it('request-level errors: too many entries, repeated ids, FIFO ids, JSON structure, total size, unknown topic', async () => {
    const fifo = await createTopic(e2e, { FifoTopic: 'true' });
    const queue = await createQueue(e2e, { FifoQueue: 'true' });
    await subscribeQueue(e2e, fifo, queue.arn);
    const batch = (TopicArn: string, PublishBatchRequestEntries: PublishBatchRequestEntry[]) => sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries }));
    await expectSnsError(batch(fifo, [{ Id: '1', Message: 'Test message without Group ID' }]), invalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics'));
    await expectSnsError(
      batch(fifo, Array.from({ length: 11 }, (_, i) => ({ Id: `Id_${i}`, Message: 'Too many messages' }))),
      { name: 'TooManyEntriesInBatchRequestException', message: 'The batch request contains more entries than permissible.', status: 400, code: 'TooManyEntriesInBatchRequest' },
    );
    await expectSnsError(
      batch(fifo, [
        { Id: '1', Message: 'Messages with the same ID' },
        { Id: '1', Message: 'Messages with the same ID' },
      ]),
      { name: 'BatchEntryIdsNotDistinctException', message: 'Two or more batch entries in the request have the same Id.', status: 400, code: 'BatchEntryIdsNotDistinct' },
    );
    await expectSnsError(
      batch(fifo, [{ Id: '1', Message: 'Test message without MessageDeduplicationId', MessageGroupId: 'msg1' }]),
      invalidParameter('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'),
    );
    await expectSnsError(
      batch(fifo, [{ Id: '1', Message: JSON.stringify({ sqs: 'test sqs' }), MessageStructure: 'json' }]),
      invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body'),
    );
    // One bad entry fails the whole request: the good one before it is not published either.
    await expectSnsError(
      batch(fifo, [
        { Id: 'good', Message: 'fine', MessageGroupId: 'g', MessageDeduplicationId: 'd1' },
        { Id: 'bad', Message: 'no group', MessageDeduplicationId: 'd2' },
      ]),
      invalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics'),
    );
    assert.deepEqual(await drain(e2e, queue.url), []);

    const standard = await createTopic(e2e);
    const tooLong = { name: 'BatchRequestTooLongException', message: 'The length of all the messages put together is more than the limit.', status: 400, code: 'BatchRequestTooLong' };
    await expectSnsError(
      batch(standard, [
        { Id: '1', Message: 'a'.repeat(262144 / 2) },
        { Id: '2', Message: 'b'.repeat(1 + 262144 / 2) },
      ]),
      tooLong,
    );
    const attrBytes = 'attr1'.length + 'Number'.length + '1'.length;
    await expectSnsError(
      batch(standard, [
        { Id: '1', Message: 'a'.repeat(262144 - attrBytes), MessageAttributes: { attr1: { DataType: 'Number', StringValue: '1' } } },
        { Id: '2', Message: 'b' },
      ]),
      tooLong,
    );
    await expectSnsError(batch(`${standard}-nope`, [{ Id: '1', Message: 'm' }]), notFound('Topic does not exist'));
  });
});

describe('X-Ray trace header', () => {
  it('a Publish carrying X-Amzn-Trace-Id reaches SQS as the AWSTraceHeader system attribute', async () => {
    const { topic, queue } = await topicWithQueue();
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const res = await fetch(e2e.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amzn-trace-id': trace,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/${REGION}/sns/aws4_request, SignedHeaders=host, Signature=x`,
      },
      body: new URLSearchParams({ Action: 'Publish', Version: '2010-03-31', TopicArn: topic, Message: 'traced' }).toString(),
    });
    assert.equal(res.status, 200, await res.text());
    const got = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageSystemAttributeNames: ['AWSTraceHeader'], WaitTimeSeconds: 1 }));
    assert.equal(got.Messages?.length, 1);
    assert.equal(got.Messages?.[0]?.Attributes?.AWSTraceHeader, trace);
    assert.equal(JSON.parse(got.Messages?.[0]?.Body ?? '{}').Message, 'traced');
  });
});
