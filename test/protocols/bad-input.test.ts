/**
 * Input our parser must refuse, with the error AWS would send: malformed JSON, missing required
 * members (every one, for every operation, as the real clients send them), wrong member types,
 * unknown operations.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError, detect, parseInput, serializeError, sqsModel, type RawRequest } from '../../protocols/index.js';
import { captureRequest, type Flavor } from './sdk-harness.js';
import { QUEUE_URL, requiredMemberNames, sampleStructure, wireName } from './sample-values.js';

const OPERATIONS = [...sqsModel.operations.keys()].sort();
const SCOPE = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00';

function jsonRequest(operation: string, body: string): RawRequest {
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AmazonSQS.${operation}`,
      'x-amzn-query-mode': 'true',
      authorization: SCOPE,
    },
    body: Buffer.from(body),
  };
}

function queryRequest(params: Record<string, string>): RawRequest {
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: SCOPE },
    body: Buffer.from(new URLSearchParams({ Version: '2012-11-05', ...params }).toString()),
  };
}

/** Parse `raw` and return the AwsError it must raise. */
function parseError(raw: RawRequest): AwsError {
  const d = detect(raw, [sqsModel]);
  assert.ok(d, 'detected');
  try {
    const parsed = parseInput(d, raw);
    assert.fail(`expected an error, parsed ${JSON.stringify(parsed)}`);
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    return e;
  }
}

function assertError(e: AwsError, expected: { status: number; code: string; queryCode: string; message: string }): void {
  assert.deepEqual({ status: e.status, code: e.code, queryCode: e.queryCode, message: e.message }, expected);
}

const missing = (member: string) => ({
  status: 400,
  code: 'MissingRequiredParameterException',
  queryCode: 'MissingParameter',
  message: `The request must contain the parameter ${member}.`,
});

const invalid = (member: string, value: string) => ({
  status: 400,
  code: 'InvalidParameterValueException',
  queryCode: 'InvalidParameterValue',
  message: `Value ${value} for parameter ${member} is invalid. Reason: Must be of the expected type.`,
});

describe('bad JSON input', () => {
  for (const body of ['{"QueueUrl":', 'not json', '[]', '"QueueUrl"', 'null']) {
    it(`malformed body ${JSON.stringify(body)} is a SerializationException`, () => {
      const e = parseError(jsonRequest('GetQueueUrl', body));
      assertError(e, { status: 400, code: 'SerializationException', queryCode: 'SerializationException', message: 'Start of structure or map found where not expected.' });
      const wire = serializeError(sqsModel, 'json', e, 'r');
      assert.equal(JSON.parse(wire.body).__type, 'com.amazon.coral.service#SerializationException');
      assert.equal(wire.headers['x-amzn-query-error'], 'SerializationException;Sender');
    });
  }

  it('an empty body is an empty input (then required members are missing)', () => {
    assertError(parseError(jsonRequest('DeleteQueue', '')), missing('QueueUrl'));
    assert.deepEqual(parseInput(detect(jsonRequest('ListQueues', ''), [sqsModel])!, jsonRequest('ListQueues', '')), {});
  });

  it('missing QueueUrl', () => {
    assertError(parseError(jsonRequest('SendMessage', '{"MessageBody":"x"}')), missing('QueueUrl'));
  });

  it('a null required member counts as missing', () => {
    assertError(parseError(jsonRequest('SendMessage', `{"QueueUrl":null,"MessageBody":"x"}`)), missing('QueueUrl'));
  });

  it('missing member of a batch entry names the entry', () => {
    const e = parseError(jsonRequest('DeleteMessageBatch', JSON.stringify({ QueueUrl: QUEUE_URL, Entries: [{ Id: 'a', ReceiptHandle: 'r' }, { Id: 'b' }] })));
    assertError(e, missing('Entries.2.ReceiptHandle'));
  });

  it('string for an integer', () => {
    const e = parseError(jsonRequest('ReceiveMessage', JSON.stringify({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 'ten' })));
    assertError(e, invalid('MaxNumberOfMessages', 'ten'));
  });

  it('number for a string', () => {
    assertError(parseError(jsonRequest('GetQueueUrl', '{"QueueName":5}')), invalid('QueueName', '5'));
  });

  it('string for a list, list for a map, string for a blob', () => {
    assertError(
      parseError(jsonRequest('ReceiveMessage', JSON.stringify({ QueueUrl: QUEUE_URL, AttributeNames: 'All' }))),
      invalid('AttributeNames', 'All'),
    );
    assertError(
      parseError(jsonRequest('TagQueue', JSON.stringify({ QueueUrl: QUEUE_URL, Tags: ['a'] }))),
      invalid('Tags', '["a"]'),
    );
    const e = parseError(
      jsonRequest('SendMessage', JSON.stringify({ QueueUrl: QUEUE_URL, MessageBody: 'x', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: 7 } } })),
    );
    assertError(e, invalid('MessageAttributes.b.BinaryValue', '7'));
  });

  it('unknown target is UnknownOperationException', () => {
    const e = parseError(jsonRequest('Nope', '{}'));
    assertError(e, { status: 400, code: 'UnknownOperationException', queryCode: 'UnknownOperationException', message: 'Unknown operation Nope.' });
    assert.equal(JSON.parse(serializeError(sqsModel, 'json', e, 'r').body).__type, 'com.amazon.coral.service#UnknownOperationException');
  });
});

describe('bad query input', () => {
  it('missing QueueUrl', () => {
    assertError(parseError(queryRequest({ Action: 'SendMessage', MessageBody: 'x' })), missing('QueueUrl'));
  });

  it('string for an integer', () => {
    const e = parseError(queryRequest({ Action: 'ReceiveMessage', QueueUrl: QUEUE_URL, MaxNumberOfMessages: 'ten' }));
    assertError(e, invalid('MaxNumberOfMessages', 'ten'));
  });

  it('missing value of a map entry', () => {
    const e = parseError(queryRequest({ Action: 'TagQueue', QueueUrl: QUEUE_URL, 'Tag.1.Key': 'k' }));
    assertError(e, missing('Tag.1.Value'));
  });

  it('unknown Action is InvalidAction', () => {
    const e = parseError(queryRequest({ Action: 'Nope' }));
    assertError(e, { status: 400, code: 'InvalidAction', queryCode: 'InvalidAction', message: 'The action Nope is not valid for this web service.' });
    assert.match(serializeError(sqsModel, 'query', e, 'r').body, /<Code>InvalidAction<\/Code>/);
  });

  it('no Action is MissingAction', () => {
    const e = parseError(queryRequest({ QueueUrl: QUEUE_URL }));
    assertError(e, { status: 400, code: 'MissingAction', queryCode: 'MissingAction', message: 'The request must contain the parameter Action.' });
  });
});

for (const flavor of ['json', 'query'] as Flavor[]) {
  describe(`${flavor}: every required member, left out by the real client, is MissingParameter`, () => {
    for (const op of OPERATIONS) {
      const ns = sqsModel.operations.get(op)!.input;
      for (const member of ns.isStructSchema() ? requiredMemberNames(ns) : []) {
        it(`${op} without ${member}`, async () => {
          const input = sampleStructure(ns, 'required');
          delete input[member];
          const raw = await captureRequest(flavor, op, input);
          const name = flavor === 'json' ? member : wireName(ns.getMemberSchema(member), member);
          assertError(parseError(raw), missing(name));
        });
      }
    }
  });
}
