/**
 * Errors, every modeled SQS error plus the two unmodeled ones: `serializeError` writes them, the
 * real SDK clients must raise the matching exception with code, status, message and request id.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as jsonSdk from '@aws-sdk/client-sqs';
import * as querySdk from 'client-sqs-query';
import {
  modeledError,
  serializeError,
  sqsInvalidParameterValue,
  sqsMissingParameter,
  sqsModel,
  type AwsError,
  type WireResponse,
} from '../../protocols/index.js';
import { exceptionClass, exchange, reply, type Flavor } from './sdk-harness.js';
import { sampleStructure } from './sample-values.js';

const ERRORS = [...sqsModel.errors.keys()].sort();

/**
 * The 3.445 query client maps a `<Code>` to an exception class only for the errors the
 * operation declared in its (2023) model. One operation that declares each error:
 */
const QUERY_CLIENT_ERROR_OPERATION: Record<string, string> = {
  BatchEntryIdsNotDistinct: 'SendMessageBatch',
  BatchRequestTooLong: 'SendMessageBatch',
  EmptyBatchRequest: 'SendMessageBatch',
  InvalidAttributeName: 'GetQueueAttributes',
  InvalidBatchEntryId: 'SendMessageBatch',
  InvalidIdFormat: 'DeleteMessage',
  InvalidMessageContents: 'SendMessage',
  MessageNotInflight: 'ChangeMessageVisibility',
  OverLimit: 'ReceiveMessage',
  PurgeQueueInProgress: 'PurgeQueue',
  QueueDeletedRecently: 'CreateQueue',
  QueueDoesNotExist: 'GetQueueUrl',
  QueueNameExists: 'CreateQueue',
  ReceiptHandleIsInvalid: 'DeleteMessage',
  ResourceNotFoundException: 'ListMessageMoveTasks',
  TooManyEntriesInBatchRequest: 'SendMessageBatch',
  UnsupportedOperation: 'SendMessage',
};

/** Added to the model with the JSON switch (Nov 2023): the query client has no class for them. */
const NOT_IN_QUERY_CLIENT = new Set([
  'InvalidAddress',
  'InvalidAttributeValue',
  'InvalidSecurity',
  'KmsAccessDenied',
  'KmsDisabled',
  'KmsInvalidKeyUsage',
  'KmsInvalidState',
  'KmsNotFound',
  'KmsOptInRequired',
  'KmsThrottled',
  'RequestThrottled',
]);

function inputFor(op: string): Record<string, unknown> {
  const m = sqsModel.operations.get(op);
  assert.ok(m);
  return sampleStructure(m.input, 'required');
}

async function raise(flavor: Flavor, op: string, err: AwsError, requestId: string): Promise<{ error: Record<string, unknown> & Error; wire: WireResponse }> {
  let wire: WireResponse | undefined;
  const ex = await exchange(flavor, op, inputFor(op), () => {
    wire = serializeError(sqsModel, flavor, err, requestId);
    return reply(wire, requestId);
  });
  assert.ok(wire);
  assert.ok(ex.error instanceof Error, `${op} must throw, got ${JSON.stringify(ex.output)}`);
  return { error: ex.error as Record<string, unknown> & Error, wire };
}

function metadata(e: Record<string, unknown>): { httpStatusCode?: number; requestId?: string } {
  return e.$metadata as { httpStatusCode?: number; requestId?: string };
}

describe('SQS modeled errors: the model', () => {
  it('has the 28 errors of client-sqs 3.1169, each exported as an exception class', () => {
    assert.equal(ERRORS.length, 28);
    for (const name of ERRORS) assert.equal(typeof exceptionClass('json', name), 'function', name);
  });

  it('carries the legacy query codes and statuses AWS documents', () => {
    const e = (n: string) => sqsModel.errors.get(n);
    assert.deepEqual(e('QueueDoesNotExist'), { name: 'QueueDoesNotExist', status: 400, queryCode: 'AWS.SimpleQueueService.NonExistentQueue', fault: 'Sender' });
    assert.deepEqual(e('QueueNameExists'), { name: 'QueueNameExists', status: 400, queryCode: 'QueueAlreadyExists', fault: 'Sender' });
    assert.equal(e('PurgeQueueInProgress')?.status, 403);
    assert.equal(e('OverLimit')?.status, 403);
    assert.equal(e('ReceiptHandleIsInvalid')?.status, 404);
    assert.equal(e('ResourceNotFoundException')?.status, 404);
    assert.deepEqual(e('InvalidAttributeName'), { name: 'InvalidAttributeName', status: 400, queryCode: 'InvalidAttributeName', fault: 'Sender' });
    assert.equal(e('KmsNotFound')?.queryCode, 'KMS.NotFoundException');
  });

  it('the query-client tables cover every modeled error and match the 3.445 exports', () => {
    const covered = [...Object.keys(QUERY_CLIENT_ERROR_OPERATION), ...NOT_IN_QUERY_CLIENT].sort();
    assert.deepEqual(covered, ERRORS);
    for (const name of Object.keys(QUERY_CLIENT_ERROR_OPERATION)) assert.equal(typeof exceptionClass('query', name), 'function', name);
    for (const name of NOT_IN_QUERY_CLIENT) assert.equal(exceptionClass('query', name), undefined, name);
  });
});

describe('SQS json errors: we serialize, client-sqs 3.1169 raises', () => {
  for (const name of ERRORS) {
    it(name, async () => {
      const model = sqsModel.errors.get(name);
      assert.ok(model);
      const requestId = `rid-json-${name}`;
      const { error: e, wire } = await raise('json', 'GetQueueUrl', modeledError(sqsModel, name, 'msg'), requestId);
      assert.equal(wire.headers['x-amzn-query-error'], `${model.queryCode};Sender`);
      assert.deepEqual(JSON.parse(wire.body), { __type: `com.amazonaws.sqs#${name}`, message: 'msg' });
      const Cls = exceptionClass('json', name);
      assert.ok(Cls && e instanceof Cls, `instance of ${name}`);
      assert.equal(e.name, name);
      assert.equal(e.$fault, 'client');
      assert.equal(metadata(e).httpStatusCode, model.status);
      assert.equal(metadata(e).requestId, requestId);
      assert.equal(e.message, 'msg');
      assert.equal(e.Code, model.queryCode);
      assert.equal(e.Type, 'Sender');
    });
  }
});

describe('SQS query errors: we serialize, client-sqs 3.445 (query) raises', () => {
  for (const name of ERRORS) {
    it(name, async () => {
      const model = sqsModel.errors.get(name);
      assert.ok(model);
      const requestId = `rid-query-${name}`;
      const op = QUERY_CLIENT_ERROR_OPERATION[name] ?? 'GetQueueUrl';
      const { error: e, wire } = await raise('query', op, modeledError(sqsModel, name, 'msg'), requestId);
      assert.equal(wire.status, model.status);
      assert.match(wire.body, new RegExp(`<Code>${model.queryCode.replace(/\./g, '\\.')}</Code>`));
      assert.equal(metadata(e).httpStatusCode, model.status);
      assert.equal(metadata(e).requestId, requestId);
      assert.equal(e.$fault, 'client');
      if (NOT_IN_QUERY_CLIENT.has(name)) {
        // Unknown to this client: a generic SQSServiceException named by the legacy code.
        assert.ok(e instanceof querySdk.SQSServiceException);
        assert.equal(e.name, model.queryCode);
        assert.equal(e.Code, model.queryCode);
        assert.equal(e.Type, 'Sender');
        assert.equal(e.message, 'msg');
      } else {
        const Cls = exceptionClass('query', name);
        assert.ok(Cls && e instanceof Cls, `instance of ${name}`);
        assert.equal(e.name, name);
        // The 2023 model gave these errors no message member: the client leaves `message` at
        // 'UnknownError' and keeps the XML <Error> (and <RequestId>) on the exception.
        const xmlError = e.Error as Record<string, unknown>;
        assert.equal(xmlError.Code, model.queryCode);
        assert.equal(xmlError.Type, 'Sender');
        assert.equal(xmlError.Message, 'msg');
        assert.equal(e.RequestId, requestId);
      }
    });
  }

  it('a legacy code on an operation that does not declare it still names the error', async () => {
    const { error: e } = await raise('query', 'DeleteMessage', modeledError(sqsModel, 'QueueDoesNotExist', 'gone'), 'rid-x');
    assert.equal(e.name, 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(e.message, 'gone');
  });
});

describe('SQS unmodeled errors', () => {
  const cases = [
    { err: () => sqsInvalidParameterValue('x'), name: 'InvalidParameterValue', type: 'InvalidParameterValueException', message: 'x' },
    {
      err: () => sqsMissingParameter('QueueUrl'),
      name: 'MissingParameter',
      type: 'MissingRequiredParameterException',
      message: 'The request must contain the parameter QueueUrl.',
    },
  ];
  for (const c of cases) {
    it(`json: ${c.name} via x-amzn-query-error`, async () => {
      const { error: e, wire } = await raise('json', 'GetQueueUrl', c.err(), 'rid-u-json');
      assert.equal(wire.status, 400);
      assert.equal(wire.headers['x-amzn-query-error'], `${c.name};Sender`);
      assert.deepEqual(JSON.parse(wire.body), { __type: `com.amazon.coral.service#${c.type}`, message: c.message });
      assert.ok(e instanceof jsonSdk.SQSServiceException);
      assert.equal(e.name, c.name);
      assert.equal(e.Code, c.name);
      assert.equal(e.Type, 'Sender');
      assert.equal(e.message, c.message);
      assert.equal(metadata(e).httpStatusCode, 400);
      assert.equal(metadata(e).requestId, 'rid-u-json');
    });

    it(`query: ${c.name} via <Code>`, async () => {
      const { error: e, wire } = await raise('query', 'GetQueueUrl', c.err(), 'rid-u-query');
      assert.equal(wire.status, 400);
      assert.match(wire.body, new RegExp(`<Error><Type>Sender</Type><Code>${c.name}</Code><Message>${c.message.replace(/\./g, '\\.')}</Message><Detail/></Error><RequestId>rid-u-query</RequestId>`));
      assert.ok(e instanceof querySdk.SQSServiceException);
      assert.equal(e.name, c.name);
      assert.equal(e.Code, c.name);
      assert.equal(e.Type, 'Sender');
      assert.equal(e.message, c.message);
      assert.equal(metadata(e).httpStatusCode, 400);
      assert.equal(metadata(e).requestId, 'rid-u-query');
    });
  }

  it('an error without a message has no message member on the wire', () => {
    const err = modeledError(sqsModel, 'MessageNotInflight');
    assert.deepEqual(JSON.parse(serializeError(sqsModel, 'json', err, 'r').body), { __type: 'com.amazonaws.sqs#MessageNotInflight' });
    assert.doesNotMatch(serializeError(sqsModel, 'query', err, 'r').body, /<Message>/);
  });

  it('escapes XML in query error messages', async () => {
    const { error: e, wire } = await raise('query', 'GetQueueUrl', sqsInvalidParameterValue('a<b & "c"'), 'rid-esc');
    assert.match(wire.body, /<Message>a&lt;b &amp; &quot;c&quot;<\/Message>/);
    assert.equal(e.message, 'a<b & "c"');
  });
});
