/**
 * Blobs over AWS JSON 1.1. Neither EventBridge nor Step Functions has a blob member, so the
 * blob paths of protocols/json are driven here through the Kinesis client (its model is read
 * the same way, for this test only): base64 both ways, every byte value, empty blobs, blobs in
 * list items next to fractional timestamps.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-kinesis';
import { AwsError, detect, parseInput } from '../../protocols/index.js';
import { readSdkSchemas, type ServiceModel } from '../../protocols/service-model.js';
import { modelFeatures, respondWith, type JsonService } from './json-roundtrip.js';
import { captureVia, sdkSender } from './sdk-harness.js';
import { canon, withoutMetadata } from './sample-values.js';

const { operations, errors } = readSdkSchemas(sdk as unknown as Record<string, unknown>);
const invalid = (member: string) => new AwsError({ name: 'SerializationException', status: 400, message: `Unexpected value for ${member}` });

const kinesisModel: ServiceModel = {
  id: 'kinesis',
  label: 'Kinesis',
  signingName: 'kinesis',
  namespace: 'com.amazonaws.kinesis',
  protocols: ['json'],
  targetPrefix: 'Kinesis_20131202',
  jsonVersion: '1.1',
  queryCompatible: false,
  operations,
  errors,
  validation: { missing: (member) => invalid(member), invalidValue: (member) => invalid(member) },
};

const sender = sdkSender('kinesis', sdk as unknown as Record<string, unknown>, 'KinesisClient');
const kinesis: JsonService = { model: kinesisModel, sender, packageName: '@aws-sdk/client-kinesis', operationCount: operations.size, errorType: (n) => n };

const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);
const BLOBS = [new Uint8Array(0), Uint8Array.from([0xfb]), Uint8Array.from([0xfb, 0xff]), Uint8Array.from([0xfb, 0xff, 0xbf]), EVERY_BYTE];

describe('JSON blobs (Kinesis client, AWS JSON 1.1)', () => {
  it('the Kinesis model has blobs (the reason it is used here)', () => {
    assert.ok(modelFeatures(kinesisModel).blob?.includes('PutRecord'));
  });

  it('requests: the client base64-encodes, the parser decodes every blob back', async () => {
    for (const data of BLOBS) {
      const input = { StreamName: 's1', PartitionKey: 'pk', Data: data };
      const raw = await captureVia(sender, 'PutRecord', input);
      assert.equal(JSON.parse(raw.body.toString('utf8')).Data, Buffer.from(data).toString('base64'));
      const d = detect(raw, [kinesisModel]);
      assert.ok(d);
      assert.equal(d.operation, 'PutRecord');
      assert.deepStrictEqual(canon(parseInput(d, raw)), canon(input));
    }
    const batch = { StreamName: 's1', Records: BLOBS.map((Data, i) => ({ Data, PartitionKey: `pk${i}` })) };
    const raw = await captureVia(sender, 'PutRecords', batch);
    const d = detect(raw, [kinesisModel]);
    assert.ok(d);
    assert.deepStrictEqual(canon(parseInput(d, raw)), canon(batch));
  });

  it('responses: we base64-encode blobs in list items (with fractional timestamps), the client decodes them', async () => {
    const records = BLOBS.map((Data, i) => ({
      SequenceNumber: `${i}`,
      ApproximateArrivalTimestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 1 + i * 111)),
      Data,
      PartitionKey: `pk${i}`,
    }));
    const output = { Records: records, NextShardIterator: 'it-2', MillisBehindLatest: 0 };
    const ex = await respondWith(kinesis, 'GetRecords', { ShardIterator: 'it-1' }, 'rid-blobs', { output });
    if (ex.error) throw ex.error;
    const wire = JSON.parse(ex.body) as { Records: Array<{ Data: string; ApproximateArrivalTimestamp: number }> };
    assert.deepEqual(wire.Records.map((r) => r.Data), BLOBS.map((b) => Buffer.from(b).toString('base64')));
    assert.equal(wire.Records[1]!.ApproximateArrivalTimestamp, 1704164645.112);
    assert.deepStrictEqual(canon(withoutMetadata(ex.output)), canon(output));
  });
});
