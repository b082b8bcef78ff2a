import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArn, iamArn, parseArn, partitionOf, PARTITION_PATTERN } from '../../src/core/arn.js';

test('partitionOf: the region patterns of botocore partitions.json', () => {
  const cases: Array<[string, string]> = [
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['ap-southeast-2', 'aws'],
    ['us-west-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['eusc-de-east-1', 'aws-eusc'],
    ['', 'aws'],
    ['local', 'aws'],
  ];
  for (const [region, partition] of cases) assert.equal(partitionOf(region), partition, region);
});

test('buildArn: partition from the region, empty region/account kept', () => {
  assert.equal(buildArn({ service: 'sqs', region: 'us-east-1', account: '000000000000', resource: 'q' }), 'arn:aws:sqs:us-east-1:000000000000:q');
  assert.equal(buildArn({ service: 'sqs', region: 'cn-north-1', account: '000000000000', resource: 'q' }), 'arn:aws-cn:sqs:cn-north-1:000000000000:q');
  assert.equal(
    buildArn({ service: 'states', region: 'us-gov-west-1', account: '1', resource: 'stateMachine:m' }),
    'arn:aws-us-gov:states:us-gov-west-1:1:stateMachine:m',
  );
  assert.equal(buildArn({ service: 'events', region: 'us-isob-east-1', account: '', resource: 'event-source/x' }), 'arn:aws-iso-b:events:us-isob-east-1::event-source/x');
  assert.equal(buildArn({ service: 'sns', region: 'us-iso-east-1', account: '1', resource: 't' }), 'arn:aws-iso:sns:us-iso-east-1:1:t');
  assert.equal(buildArn({ service: 'iam', region: '', account: '1', resource: 'root', partition: 'aws-cn' }), 'arn:aws-cn:iam::1:root');
});

test('iamArn: no region, the partition of the caller region', () => {
  assert.equal(iamArn('us-east-1', '000000000000', 'root'), 'arn:aws:iam::000000000000:root');
  assert.equal(iamArn('cn-north-1', '000000000000', 'role/r'), 'arn:aws-cn:iam::000000000000:role/r');
  assert.equal(iamArn('us-gov-west-1', '000000000000', 'user/u'), 'arn:aws-us-gov:iam::000000000000:user/u');
});

test('parseArn: every partition; colons in the resource; not ARNs', () => {
  for (const p of ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-f', 'aws-eusc']) {
    const a = parseArn(`arn:${p}:states:r-1:123456789012:execution:m:e`);
    assert.ok(a, p);
    assert.deepEqual(a, { arn: `arn:${p}:states:r-1:123456789012:execution:m:e`, partition: p, service: 'states', region: 'r-1', account: '123456789012', resource: 'execution:m:e' });
  }
  assert.deepEqual(parseArn('arn:aws:iam::1:root'), { arn: 'arn:aws:iam::1:root', partition: 'aws', service: 'iam', region: '', account: '1', resource: 'root' });
  for (const bad of ['', 'arn', 'arn:aws:sqs:r:1', 'urn:aws:sqs:r:1:q', 'arn:gcp:sqs:r:1:q', 'arn:aws::r:1:q', 'arn:AWS:sqs:r:1:q']) assert.equal(parseArn(bad), undefined, bad);
  const re = new RegExp(`^arn:${PARTITION_PATTERN}:sqs:`);
  assert.ok(re.test('arn:aws-us-gov:sqs:us-gov-west-1:1:q'));
  assert.ok(!re.test('arn:awsx:sqs:r:1:q'));
});

test('build and parse round-trip', () => {
  for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1']) {
    const text = buildArn({ service: 'events', region, account: '000000000000', resource: 'rule/bus/r' });
    const a = parseArn(text);
    assert.ok(a);
    assert.equal(a.partition, partitionOf(region));
    assert.equal(buildArn(a), text);
  }
});
