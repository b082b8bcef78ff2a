/**
 * Every Step Functions operation (AWS JSON 1.0), both directions and every declared error,
 * through the shared JSON round-trip driver; then the wire details that driver does not spell out.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-sfn';
import { AwsError, detect, modeledError, parseInput, sfnModel, sfnValidationException } from '../../protocols/index.js';
import { describeJsonRoundTrips, modelFeatures, respondWith, type JsonService } from './json-roundtrip.js';
import { captureVia, sdkSender } from './sdk-harness.js';
import { canon, withoutMetadata } from './sample-values.js';

const sender = sdkSender('sfn', sdk as unknown as Record<string, unknown>, 'SFNClient');

const sfn: JsonService = {
  model: sfnModel,
  sender,
  packageName: '@aws-sdk/client-sfn',
  operationCount: 37,
  errorType: (name) => `com.amazonaws.sfn#${name}`,
};

describeJsonRoundTrips(sfn);

const ARN = 'arn:aws:states:us-east-1:000000000000:execution:sm1:e1';

describe('Step Functions wire details', () => {
  it('the samples cover timestamps, maps of lists, members-less outputs and an idempotency token (no blobs in this model)', () => {
    const f = modelFeatures(sfnModel);
    assert.deepEqual(Object.keys(f).sort(), ['idempotency token', 'list in a map', 'map', 'output without members', 'timestamp']);
    assert.deepEqual(f['list in a map'], ['DescribeStateMachine', 'DescribeStateMachineForExecution']);
    assert.deepEqual(f['idempotency token'], ['RedriveExecution']);
    assert.ok(f.timestamp!.includes('GetExecutionHistory'));
    assert.ok(f['output without members']!.includes('SendTaskSuccess'));
  });

  it('timestamps travel as epoch seconds with the milliseconds as a fraction', async () => {
    const startDate = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 7));
    const stopDate = new Date(Date.UTC(1969, 11, 31, 23, 59, 58, 500)); // before the epoch: -1.5
    const output = { executionArn: ARN, stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm1', status: 'SUCCEEDED', startDate, stopDate };
    const ex = await respondWith(sfn, 'DescribeExecution', { executionArn: ARN }, 'rid-ts', { output });
    if (ex.error) throw ex.error;
    const body = JSON.parse(ex.body);
    assert.equal(body.startDate, 1704164645.007);
    assert.equal(body.stopDate, -1.5);
    assert.deepStrictEqual(canon(withoutMetadata(ex.output)), canon(output));
  });

  it('RedriveExecution: the client fills a missing clientToken with a UUID v4, a given one is kept', async () => {
    const fill = JSON.parse((await captureVia(sender, 'RedriveExecution', { executionArn: ARN })).body.toString('utf8'));
    assert.match(fill.clientToken, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const kept = JSON.parse((await captureVia(sender, 'RedriveExecution', { executionArn: ARN, clientToken: 'mine' })).body.toString('utf8'));
    assert.equal(kept.clientToken, 'mine');
  });

  it('outputs without members answer {} whether given {} or nothing', async () => {
    for (const output of [{}, undefined]) {
      const ex = await respondWith(sfn, 'SendTaskSuccess', { taskToken: 't', output: '{}' }, 'rid-empty', { output });
      if (ex.error) throw ex.error;
      assert.equal(ex.body, '{}');
      assert.deepStrictEqual(withoutMetadata(ex.output), {});
    }
  });

  it('non-finite numbers: we write "NaN", "Infinity", "-Infinity" as AWS JSON does, the client reads them back', async () => {
    // Failing case before the fix in protocols/json/serialize.ts: the body was
    // {"mapRunArn":"a","maxConcurrency":null,"toleratedFailurePercentage":null} and the client
    // returned neither member.
    const output = { mapRunArn: 'a', toleratedFailurePercentage: Number.NaN, maxConcurrency: Number.NEGATIVE_INFINITY, toleratedFailureCount: Number.POSITIVE_INFINITY };
    const ex = await respondWith(sfn, 'DescribeMapRun', { mapRunArn: 'a' }, 'rid-nan', { output });
    if (ex.error) throw ex.error;
    assert.deepEqual(JSON.parse(ex.body), { mapRunArn: 'a', toleratedFailurePercentage: 'NaN', maxConcurrency: '-Infinity', toleratedFailureCount: 'Infinity' });
    assert.deepStrictEqual(withoutMetadata(ex.output), output);
    // The same with only a number to convert (the other non-walked path is in the EventBridge test).
    const walked = { executionArn: ARN, stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm1', status: 'RUNNING', startDate: new Date(0), redriveCount: Number.NaN };
    const ex2 = await respondWith(sfn, 'DescribeExecution', { executionArn: ARN }, 'rid-nan2', { output: walked });
    if (ex2.error) throw ex2.error;
    assert.equal(JSON.parse(ex2.body).redriveCount, 'NaN');
    assert.deepStrictEqual(canon(withoutMetadata(ex2.output)), canon(walked));
    // A string that says null is left alone (the walk drops null members).
    const ex3 = await respondWith(sfn, 'DescribeMapRun', { mapRunArn: 'a' }, 'rid-null', { output: { mapRunArn: 'null', executionArn: null } });
    assert.equal(ex3.body, '{"mapRunArn":"null"}');
  });

  it('non-finite numbers in a request: the client sends strings, the parser refuses them (SerializationException)', async () => {
    // The client writes NaN/±Infinity in any numeric member as "NaN"/"Infinity"/"-Infinity".
    // The SDK's schema does not tell floats from integers, and every numeric member of these
    // services is bounded (counts, percentages, seconds), so the parser answers 400 here rather
    // than hand a service a number its range checks cannot catch (NaN fails no comparison).
    const raw = await captureVia(sender, 'UpdateMapRun', { mapRunArn: 'a', toleratedFailurePercentage: Number.NaN, maxConcurrency: Number.POSITIVE_INFINITY });
    assert.deepEqual(JSON.parse(raw.body.toString('utf8')), { mapRunArn: 'a', toleratedFailurePercentage: 'NaN', maxConcurrency: 'Infinity' });
    const d = detect(raw, [sfnModel]);
    assert.ok(d);
    assert.throws(() => parseInput(d, raw), (e: AwsError) => {
      assert.equal(e.code, 'SerializationException');
      assert.equal(e.status, 400);
      assert.match(e.message, /^Unexpected value for (maxConcurrency|toleratedFailurePercentage)$/);
      return true;
    });
  });

  it('ValidationException keeps its status and message; its reason member is not on our wire', async () => {
    const ex = await respondWith(sfn, 'StartExecution', { stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm1' }, 'rid-val', {
      error: sfnValidationException('bad input'),
    });
    assert.deepEqual(JSON.parse(ex.body), { __type: 'com.amazonaws.sfn#ValidationException', message: 'bad input' });
    assert.ok(ex.error instanceof sdk.ValidationException);
    assert.equal(ex.error.message, 'bad input');
    assert.equal(ex.error.reason, undefined);
    assert.equal(ex.error.$metadata.httpStatusCode, 400);
  });

  it('an error without a message: the client names the class and says UnknownError', async () => {
    const ex = await respondWith(sfn, 'DescribeExecution', { executionArn: ARN }, 'rid-nomsg', { error: modeledError(sfnModel, 'ExecutionDoesNotExist') });
    assert.equal(ex.body, '{"__type":"com.amazonaws.sfn#ExecutionDoesNotExist"}');
    assert.ok(ex.error instanceof sdk.ExecutionDoesNotExist);
    assert.equal(ex.error.message, 'UnknownError');
  });

  it('a coral error (namespace com.amazon.coral.service) is a generic SFNServiceException by its name', async () => {
    const err = new AwsError({ name: 'SerializationException', status: 400, message: 'bad body', namespace: 'com.amazon.coral.service' });
    const ex = await respondWith(sfn, 'ListActivities', {}, 'rid-coral', { error: err });
    assert.deepEqual(JSON.parse(ex.body), { __type: 'com.amazon.coral.service#SerializationException', message: 'bad body' });
    assert.ok(ex.error instanceof sdk.SFNServiceException);
    assert.equal(ex.error.name, 'SerializationException');
    assert.equal(ex.error.message, 'bad body');
    assert.equal(ex.error.$fault, 'client');
  });
});
