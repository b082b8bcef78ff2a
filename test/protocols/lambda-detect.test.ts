/**
 * `detect` with Lambda among the models: a request signed for `lambda` is routed by method and
 * path (restJson1); an unsigned one by path alone; the other services' requests are detected as
 * before, Lambda's presence changing nothing for them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detect, eventsModel, sfnModel, snsModel, sqsModel, type RawRequest } from '../../protocols/index.js';
import { lambdaModel } from '../../protocols/models/lambda.js';
import { captureRequest, lambdaCaptureRequest, snsCaptureRequest } from './sdk-harness.js';
import { QUEUE_URL } from './sample-values.js';

const MODELS = [sqsModel, snsModel, eventsModel, sfnModel, lambdaModel];

function unsigned(raw: RawRequest): RawRequest {
  const { authorization: _a, ...headers } = raw.headers;
  return { ...raw, headers };
}

describe('detect: restJson1 (Lambda)', () => {
  it('a request signed for lambda is routed by method and path', async () => {
    const raw = await lambdaCaptureRequest('Invoke', { FunctionName: 'f1', Payload: Buffer.from('{"a":1}'), InvocationType: 'Event' });
    const d = detect(raw, MODELS);
    assert.ok(d);
    assert.equal(d.model.id, 'lambda');
    assert.equal(d.protocol, 'restJson1');
    assert.equal(d.operation, 'Invoke');
    assert.deepEqual(d.rest?.labels, { FunctionName: 'f1' });
  });

  it('an unsigned request is found by its path (botocore sends Invoke with no content type)', async () => {
    const raw = unsigned(await lambdaCaptureRequest('Invoke', { FunctionName: 'f1', Payload: Buffer.from('{"a":1}') }));
    delete raw.headers['content-type'];
    const d = detect(raw, MODELS);
    assert.equal(d?.operation, 'Invoke');
    const list = detect(unsigned(await lambdaCaptureRequest('ListFunctions', {})), MODELS);
    assert.equal(list?.operation, 'ListFunctions');
  });

  it('signed for lambda on a path no operation has: Lambda with no operation', () => {
    const d = detect({ method: 'GET', path: '/2015-03-31/nope', query: '', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x' }, body: Buffer.alloc(0) }, MODELS);
    assert.equal(d?.model.id, 'lambda');
    assert.equal(d?.operation, '');
  });

  it('without the Lambda model nothing is detected for Lambda requests (what src serves today)', async () => {
    const raw = await lambdaCaptureRequest('GetFunction', { FunctionName: 'f1' });
    assert.equal(detect(raw, [sqsModel, snsModel, eventsModel, sfnModel]), undefined);
    assert.equal(detect(unsigned(raw), [sqsModel, snsModel, eventsModel, sfnModel]), undefined);
  });

  it('other services are detected as before with Lambda present', async () => {
    const json = detect(await captureRequest('json', 'SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x' }), MODELS);
    assert.deepEqual([json?.model.id, json?.protocol, json?.operation], ['sqs', 'json', 'SendMessage']);
    const query = detect(await captureRequest('query', 'SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x' }), MODELS);
    assert.deepEqual([query?.model.id, query?.protocol, query?.operation], ['sqs', 'query', 'SendMessage']);
    const sns = detect(unsigned(await snsCaptureRequest('ListTopics', {})), MODELS);
    assert.deepEqual([sns?.model.id, sns?.protocol, sns?.operation], ['sns', 'query', 'ListTopics']);
    // An unsigned POST to a queue path is still SQS query.
    const queuePath = detect({ method: 'POST', path: '/000000000000/q1', query: '', headers: {}, body: Buffer.from('Action=GetQueueUrl&QueueName=q1') }, MODELS);
    assert.deepEqual([queuePath?.model.id, queuePath?.protocol], ['sqs', 'query']);
  });
});
