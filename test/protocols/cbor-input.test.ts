/**
 * The CBOR parser's rules and limits: Jackson-style indefinite-length maps, lists and chunked
 * strings, the same validation errors as JSON (missing and wrong-typed members, null list items),
 * malformed bodies as SerializationException (never a crash), the 1,000-level depth limit, and
 * detection of `application/x-amz-cbor-1.1` for JSON 1.1 services that list CBOR only.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cbor, tag } from '@smithy/core/cbor';
import { AwsError, detect, eventsModel, parseInput, sfnModel, sqsModel, type RawRequest } from '../../protocols/index.js';
import { kinesisModel } from '../../protocols/models/kinesis.js';
import { parseCborBody } from '../../protocols/cbor/parse.js';
import { MAX_CBOR_DEPTH } from '../../protocols/cbor/check.js';
import { compiledOperation } from '../../protocols/operations.js';

const input = (op: string) => compiledOperation(kinesisModel, op)!.input;
const parse = (op: string, bytes: Uint8Array) => parseCborBody(kinesisModel, input(op), bytes);

function error(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  assert.fail('expected an AwsError');
}

/** CBOR text string header + bytes. */
function text(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  assert.ok(b.length < 24);
  return Buffer.concat([Buffer.from([0x60 | b.length]), b]);
}

describe('CBOR input forms', () => {
  it('indefinite-length maps, lists and chunked strings and byte strings (Jackson writes these)', () => {
    // {_ "Records": [_ {_ "Data": (_ h'0102', h'03'), "PartitionKey": (_ "p", "k")} ], "StreamName": "s"}
    const body = Buffer.concat([
      Buffer.from([0xbf]),
      text('Records'),
      Buffer.from([0x9f, 0xbf]),
      text('Data'),
      Buffer.from([0x5f, 0x42, 0x01, 0x02, 0x41, 0x03, 0xff]),
      text('PartitionKey'),
      Buffer.from([0x7f]),
      text('p'),
      text('k'),
      Buffer.from([0xff, 0xff, 0xff]),
      text('StreamName'),
      text('s'),
      Buffer.from([0xff]),
    ]);
    const parsed = parse('PutRecords', body);
    assert.deepEqual(parsed, { Records: [{ Data: Buffer.from([1, 2, 3]), PartitionKey: 'pk' }], StreamName: 's' });
  });

  it('timestamps: tag 1 + integer epoch milliseconds (Java SDKs), also a bare number, also 64-bit', () => {
    const ms = Date.UTC(2025, 5, 1, 12, 0, 0, 123);
    for (const ts of [tag({ tag: 1, value: ms }), ms, tag({ tag: 1, value: BigInt(ms) })]) {
      const parsed = parse('GetShardIterator', cbor.serialize({ ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: ts }));
      assert.equal((parsed.Timestamp as Date).toISOString(), '2025-06-01T12:00:00.123Z');
    }
    const s = parseCborBody(kinesisModel, input('GetShardIterator'), cbor.serialize({ ShardId: 'x', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: tag({ tag: 1, value: ms / 1000 }) }), { timestampUnit: 's' });
    assert.equal((s.Timestamp as Date).toISOString(), '2025-06-01T12:00:00.123Z');
  });

  it('an empty body is an empty structure (then required members are checked)', () => {
    assert.deepEqual(parse('ListStreams', new Uint8Array(0)), {});
    assert.equal(error(() => parse('PutRecord', new Uint8Array(0))).code, 'ValidationException');
  });
});

describe('CBOR validation (as the JSON parser)', () => {
  it('a missing required member', () => {
    const e = error(() => parse('PutRecord', cbor.serialize({ StreamName: 's', PartitionKey: 'p' })));
    assert.deepEqual([e.code, e.status, e.message], ['ValidationException', 400, "1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null"]);
  });

  const wrong: Array<[string, Record<string, unknown>, string]> = [
    ['a blob as a text string', { Data: 'aGVsbG8=', PartitionKey: 'p' }, 'Data'],
    ['a string as a number', { Data: new Uint8Array(1), PartitionKey: 5 }, 'PartitionKey'],
    ['a number as a string', { StreamName: 's', Limit: '5' }, 'Limit'],
    ['a structure as a list', { StreamName: 's', StreamModeDetails: [] }, 'StreamModeDetails'],
    ['a timestamp as a byte string', { ShardId: 'x', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Uint8Array(8) }, 'Timestamp'],
    ['a timestamp out of range', { ShardId: 'x', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: tag({ tag: 1, value: 8.64e15 + 1 }) }, 'Timestamp'],
  ];
  const ops: Record<string, string> = { Data: 'PutRecord', PartitionKey: 'PutRecord', Limit: 'DescribeStream', StreamModeDetails: 'CreateStream', Timestamp: 'GetShardIterator' };
  for (const [label, body, member] of wrong) {
    it(`${label} is a SerializationException naming ${member}`, () => {
      const e = error(() => parse(ops[member]!, cbor.serialize(body)));
      assert.deepEqual([e.code, e.status, e.message], ['SerializationException', 400, `Unexpected value for ${member}`]);
    });
  }

  it('a null list item is a SerializationException naming the item', () => {
    const e = error(() => parse('PutRecords', cbor.serialize({ StreamName: 's', Records: [{ Data: new Uint8Array(1), PartitionKey: 'p' }, null] })));
    assert.deepEqual([e.code, e.message], ['SerializationException', 'Null value in a list is not allowed (Records.2).']);
  });

  it('a __proto__ key sets nothing on the parsed input', () => {
    // {"__proto__": {"StreamName": "x"}}
    const body = Buffer.concat([Buffer.from([0xa1]), text('__proto__'), Buffer.from([0xa1]), text('StreamName'), text('x')]);
    const parsed = parse('DescribeStream', body);
    assert.equal(parsed.StreamName, undefined);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  });
});

describe('malformed CBOR is a SerializationException, never a crash', () => {
  const good = Buffer.from(cbor.serialize({ StreamName: 's1', Limit: 5 }));
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['cut off in the middle', good.subarray(0, good.length - 2), /unexpected end of input/],
    ['bytes after the item', Buffer.concat([good, Buffer.from([0x00])]), /1 bytes after the end/],
    ['a map key that is not a text string', Buffer.from([0xa1, 0x01, 0x02]), /map key that is not a text string/],
    ['a break outside an indefinite container', Buffer.from([0xa1, 0x61, 0x61, 0xff]), /unexpected break/],
    ['an indefinite map without its break', Buffer.from([0xbf, 0x61, 0x61, 0x01]), /unexpected end of input/],
    ['a break between key and value', Buffer.from([0xbf, 0x61, 0x61, 0xff]), /unexpected break/],
    ['a wrong chunk in an indefinite text string', Buffer.from([0xa1, 0x61, 0x61, 0x7f, 0x41, 0x00, 0xff]), /bad chunk/],
    ['reserved additional information', Buffer.from([0xa1, 0x61, 0x61, 0x1c]), /reserved additional information 28/],
    ['a 2^40-item list', Buffer.from([0xa1, 0x61, 0x61, 0x9b, 0, 0, 1, 0, 0, 0, 0, 0]), /longer than the body/],
    ['a huge byte string length', Buffer.from([0xa1, 0x61, 0x61, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), /unexpected end of input/],
    ['a chain of tags', Buffer.concat([Buffer.from([0xa1, 0x61, 0x61]), Buffer.alloc(100_000, 0xc1), Buffer.from([0x00])]), /nested tags/],
    ['a decimal-fraction tag around an integer', Buffer.from([0xa1, 0x61, 0x61, 0xc4, 0x01]), /Malformed CBOR body/],
  ];
  for (const [label, bytes, re] of cases) {
    it(label, () => {
      const e = error(() => parse('DescribeStream', bytes));
      assert.equal(e.code, 'SerializationException');
      assert.match(e.message, re);
    });
  }

  it('a top-level item that is not a map', () => {
    for (const v of [[1], 'x', 5, new Uint8Array(2)]) {
      assert.equal(error(() => parse('DescribeStream', cbor.serialize(v))).message, 'Start of structure or map found where not expected.');
    }
  });

  it(`${MAX_CBOR_DEPTH} levels are read; one more is refused before decoding; 16 MB of nesting is cheap`, () => {
    const nested = (d: number) => Buffer.concat([Buffer.from([0xa1]), text('StreamName'), Buffer.alloc(d - 1, 0x81), Buffer.from([0x00])]);
    assert.equal(error(() => parse('DescribeStream', nested(MAX_CBOR_DEPTH))).message, 'Unexpected value for StreamName'); // read, then the type is wrong
    const e = error(() => parse('DescribeStream', nested(MAX_CBOR_DEPTH + 1)));
    assert.deepEqual([e.code, e.message], ['SerializationException', 'Document nesting depth (1001) exceeds the maximum allowed (1000).']);
    const t0 = performance.now();
    assert.equal(error(() => parse('DescribeStream', Buffer.alloc(16 * 1024 * 1024, 0x9f))).code, 'SerializationException');
    assert.ok(performance.now() - t0 < 500);
  });
});

describe('detect: CBOR', () => {
  const raw = (target: string, contentType: string): RawRequest => ({
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'x-amz-target': target, 'content-type': contentType },
    body: Buffer.alloc(0),
  });
  const models = [sqsModel, eventsModel, sfnModel, kinesisModel];

  it('a JSON 1.1 service that lists cbor: the content type decides', () => {
    assert.equal(detect(raw('Kinesis_20131202.PutRecord', 'application/x-amz-cbor-1.1'), models)?.protocol, 'cbor');
    assert.equal(detect(raw('Kinesis_20131202.PutRecord', 'application/x-amz-json-1.1'), models)?.protocol, 'json');
    assert.equal(detect(raw('Kinesis_20131202.PutRecord', 'application/x-amz-cbor-1.1'), models)?.operation, 'PutRecord');
  });

  it('parseInput reads a detected CBOR request into the typed input', () => {
    const req = { ...raw('Kinesis_20131202.PutRecord', 'application/x-amz-cbor-1.1'), body: Buffer.from(cbor.serialize({ StreamName: 's1', Data: new Uint8Array([104, 105]), PartitionKey: 'pk' })) };
    const d = detect(req, models)!;
    assert.deepEqual(parseInput(d, req), { StreamName: 's1', Data: Buffer.from('hi'), PartitionKey: 'pk' });
  });

  it('SQS, EventBridge and SFN stay JSON whatever the content type', () => {
    for (const target of ['AmazonSQS.SendMessage', 'AWSEvents.PutEvents', 'AWSStepFunctions.StartExecution']) {
      assert.equal(detect(raw(target, 'application/x-amz-cbor-1.1'), models)?.protocol, 'json');
    }
  });
});
