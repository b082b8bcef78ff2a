/**
 * `detect`: which service, protocol and operation a raw request is for. A second, fake query
 * service that has the same operation names sits first in the model list, so a test only passes
 * when the rule under test (scope, Version, path) really picked SQS.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { credentialScope, detect, parseInput, sqsModel, type RawRequest, type ServiceModel } from '../../protocols/index.js';
import { captureRequest } from './sdk-harness.js';
import { QUEUE_URL } from './sample-values.js';

const decoy: ServiceModel = {
  ...sqsModel,
  id: 'decoy',
  signingName: 'decoy',
  namespace: 'com.example.decoy',
  targetPrefix: 'Decoy_2020',
  queryVersion: '2010-03-31',
  xmlNamespace: 'http://decoy.example.com/doc/2010-03-31/',
};
const MODELS = [decoy, sqsModel];

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/${service}/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=abc`;

function request(init: { method?: string; path?: string; query?: string; headers?: Record<string, string>; body?: string }): RawRequest {
  return {
    method: init.method ?? 'POST',
    path: init.path ?? '/',
    query: init.query ?? '',
    headers: init.headers ?? {},
    body: Buffer.from(init.body ?? ''),
  };
}

describe('detect: query protocol', () => {
  it('SigV4 scope picks the service for a form body', () => {
    const body = 'Action=ListQueues&QueueNamePrefix=a';
    const sqs = detect(request({ headers: { 'content-type': FORM, authorization: auth('sqs') }, body }), MODELS);
    assert.equal(sqs?.model.id, 'sqs');
    assert.equal(sqs?.protocol, 'query');
    assert.equal(sqs?.operation, 'ListQueues');
    assert.equal(sqs?.params?.get('QueueNamePrefix'), 'a');
    const other = detect(request({ headers: { 'content-type': FORM, authorization: auth('decoy') }, body }), MODELS);
    assert.equal(other?.model.id, 'decoy');
  });

  it('the scope wins over a Version naming another service', () => {
    const d = detect(request({ headers: { 'content-type': FORM, authorization: auth('sqs') }, body: 'Action=ListQueues&Version=2010-03-31' }), MODELS);
    assert.equal(d?.model.id, 'sqs');
  });

  it('a presigned URL scope (X-Amz-Credential) picks the service', () => {
    const query = new URLSearchParams({
      Action: 'ListQueues',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20240101/us-east-1/sqs/aws4_request',
    }).toString();
    const d = detect(request({ method: 'GET', query }), MODELS);
    assert.equal(d?.model.id, 'sqs');
    assert.equal(d?.operation, 'ListQueues');
    assert.deepEqual(credentialScope({}, query), { accessKey: 'AKIDEXAMPLE', region: 'us-east-1', service: 'sqs' });
  });

  it('Version=2012-11-05 without auth picks SQS', () => {
    const raw = request({ headers: { 'content-type': FORM }, body: 'Action=GetQueueUrl&Version=2012-11-05&QueueName=q1' });
    const d = detect(raw, MODELS);
    assert.equal(d?.model.id, 'sqs');
    assert.equal(d?.protocol, 'query');
    assert.equal(d?.operation, 'GetQueueUrl');
    assert.ok(d);
    assert.deepEqual(parseInput(d, raw), { QueueName: 'q1' });
  });

  it('Version and Action in the URL of a GET', () => {
    const d = detect(request({ method: 'GET', query: 'Action=ListQueues&Version=2012-11-05' }), MODELS);
    assert.equal(d?.model.id, 'sqs');
    assert.equal(d?.operation, 'ListQueues');
  });

  it('a POST to /<account>/<queue> with a form body is SQS', () => {
    const d = detect(request({ path: '/000000000000/q1', headers: { 'content-type': FORM }, body: 'MessageBody=hi' }), MODELS);
    assert.equal(d?.model.id, 'sqs');
    assert.equal(d?.protocol, 'query');
    assert.equal(d?.operation, '');
    assert.equal(d?.params?.get('MessageBody'), 'hi');
  });

  it('a form body without Action, Version or auth on another path is not AWS', () => {
    assert.equal(detect(request({ path: '/form', headers: { 'content-type': FORM }, body: 'a=b' }), MODELS), undefined);
  });

  it('a request from the 3.445 query client, with and without its Authorization header', async () => {
    const raw = await captureRequest('query', 'SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'hi' });
    assert.match(String(raw.headers.authorization), /\/sqs\/aws4_request/);
    assert.equal(detect(raw, MODELS)?.model.id, 'sqs');
    const { authorization: _drop, ...headers } = raw.headers;
    const d = detect({ ...raw, headers }, MODELS);
    assert.equal(d?.model.id, 'sqs', 'by Version=2012-11-05');
    assert.equal(d?.operation, 'SendMessage');
  });
});

describe('detect: JSON protocol', () => {
  it('X-Amz-Target picks service, protocol and operation, with or without auth', () => {
    for (const headers of <Array<Record<string, string>>>[
      { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' },
      { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0', authorization: auth('sqs') },
    ]) {
      const d = detect(request({ headers, body: '{}' }), MODELS);
      assert.equal(d?.model.id, 'sqs');
      assert.equal(d?.protocol, 'json');
      assert.equal(d?.operation, 'SendMessage');
    }
    assert.equal(detect(request({ headers: { 'x-amz-target': 'Decoy_2020.ListQueues' }, body: '{}' }), MODELS)?.model.id, 'decoy');
  });

  it('an unknown target prefix is not ours', () => {
    assert.equal(detect(request({ headers: { 'x-amz-target': 'AWSEvents.PutEvents', authorization: auth('events') }, body: '{}' }), MODELS), undefined);
  });
});

describe('detect: not AWS', () => {
  it('GET /_signalbox/health without auth', () => {
    assert.equal(detect(request({ method: 'GET', path: '/_signalbox/health' }), MODELS), undefined);
  });

  it('GET / without anything', () => {
    assert.equal(detect(request({ method: 'GET' }), MODELS), undefined);
  });

  it('GET /<account>/<queue> without Action or auth', () => {
    assert.equal(detect(request({ method: 'GET', path: '/000000000000/q1' }), MODELS), undefined);
  });
});
