/**
 * Event-stream framing and schema-driven events without a client: the wire layout, every
 * header type, CRC failures and cut-off or oversized frames on decode (an EventStreamError,
 * never a crash), any chunking, and events read back by schema in JSON and CBOR payloads.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Int64 } from '@smithy/core/event-streams';
import { cbor } from '@smithy/core/cbor';
import {
  AwsError,
  EventStreamError,
  MessageDecoder,
  decodeEvent,
  decodeMessage,
  decodeMessages,
  encodeErrorMessage,
  encodeEvent,
  encodeMessage,
  eventStreamOf,
  modeledError,
  writeEventStream,
  type Message,
  type StreamEvent,
} from '../../protocols/index.js';
import { kinesisModel } from '../../protocols/models/kinesis.js';
import { lambdaModel } from './lambda-model.js';
import { canon } from './sample-values.js';

const sample: Message = {
  headers: {
    ':message-type': { type: 'string', value: 'event' },
    t: { type: 'boolean', value: true },
    f: { type: 'boolean', value: false },
    b: { type: 'byte', value: -3 },
    s: { type: 'short', value: 300 },
    i: { type: 'integer', value: -70000 },
    l: { type: 'long', value: Int64.fromNumber(2 ** 40 + 1) },
    bin: { type: 'binary', value: new Uint8Array([1, 2, 3]) },
    ts: { type: 'timestamp', value: new Date(1700000000123) },
    u: { type: 'uuid', value: '0f2d6b2e-8a4e-4c7f-9d1a-1e2f3a4b5c6d' },
  },
  body: Buffer.from('{"x":1}'),
};

const crc32 = (b: Uint8Array) => {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};

describe('event-stream messages', () => {
  it('layout: total length, headers length, prelude CRC, headers, payload, message CRC (IEEE)', () => {
    const bytes = encodeMessage({ headers: { ':event-type': { type: 'string', value: 'x' } }, body: Buffer.from('hi') });
    // header: 11 ':event-type' 7 0x0001 'x' = 1 + 11 + 1 + 2 + 1 = 16 bytes
    assert.equal(bytes.readUInt32BE(0), bytes.length);
    assert.equal(bytes.length, 12 + 16 + 2 + 4);
    assert.equal(bytes.readUInt32BE(4), 16);
    assert.equal(bytes.readUInt32BE(8), crc32(bytes.subarray(0, 8)));
    assert.equal(bytes.readUInt32BE(bytes.length - 4), crc32(bytes.subarray(0, bytes.length - 4)));
    assert.equal(bytes[12], 11);
    assert.equal(bytes.subarray(13, 24).toString(), ':event-type');
    assert.equal(bytes[24], 7);
    assert.equal(bytes.subarray(28, 30).toString(), 'hi');
  });

  it('every header type round-trips', () => {
    const back = decodeMessage(encodeMessage(sample));
    assert.deepEqual(canon({ ...back.headers, l: back.headers.l!.value.valueOf() }), canon({ ...sample.headers, l: 2 ** 40 + 1 }));
    assert.equal(Buffer.from(back.body).toString(), '{"x":1}');
  });

  it('any chunking: one byte at a time, or all messages at once', async () => {
    const a = encodeMessage(sample);
    const b = encodeMessage({ headers: {}, body: Buffer.alloc(0) });
    const all = Buffer.concat([a, b, a]);
    const bytewise = [...all].map((x) => Buffer.from([x]));
    for (const source of [bytewise, [all]]) {
      const got: Message[] = [];
      for await (const m of decodeMessages(source)) got.push(m);
      assert.deepEqual(got.map((m) => m.body.length), [7, 0, 7]);
    }
  });
});

describe('event-stream decode failures are EventStreamErrors', () => {
  const good = encodeMessage(sample);
  const flip = (i: number) => {
    const b = Buffer.from(good);
    b[i] = b[i]! ^ 0x01;
    return b;
  };
  const cases: Array<[string, Buffer, RegExp]> = [
    ['a payload byte changed (message CRC)', flip(good.length - 6), /message checksum/],
    ['the message CRC itself changed', flip(good.length - 1), /message checksum/],
    ['the prelude CRC changed', flip(9), /prelude checksum/],
    ['the headers length changed (prelude CRC)', flip(7), /prelude checksum/],
  ];
  for (const [label, bytes, re] of cases) {
    it(label, () => {
      assert.throws(() => new MessageDecoder().push(bytes), (e: unknown) => e instanceof EventStreamError && re.test((e as Error).message));
    });
  }

  it('a corrupt header region with valid CRCs (unknown header type)', () => {
    const bytes = encodeMessage({ headers: { a: { type: 'string', value: 'b' } }, body: Buffer.alloc(0) });
    bytes[2 + 12] = 42; // the type byte, after name length 1 and name 'a'
    bytes.writeUInt32BE(crc32(bytes.subarray(0, bytes.length - 4)), bytes.length - 4);
    assert.throws(() => decodeMessage(bytes), EventStreamError);
  });

  it('a truncated frame: nothing yet from push, an error at the end', async () => {
    const d = new MessageDecoder();
    assert.deepEqual(d.push(good.subarray(0, good.length - 3)), []);
    assert.throws(() => d.end(), new RegExp(`Truncated event stream: ${good.length - 3} bytes`));
    await assert.rejects(async () => {
      for await (const _ of decodeMessages([Buffer.concat([good, good.subarray(0, 5)])])) void _;
    }, /Truncated event stream: 5 bytes/);
  });

  it('lengths that cannot be a message: too short, over 16 MiB, headers longer than the message', () => {
    const prelude = (total: number, headers: number) => {
      const b = Buffer.alloc(12);
      b.writeUInt32BE(total, 0);
      b.writeUInt32BE(headers, 4);
      return b;
    };
    assert.throws(() => new MessageDecoder().push(prelude(15, 0)), /message length 15/);
    assert.throws(() => new MessageDecoder().push(prelude(16 * 1024 * 1024 + 1, 0)), /message length/);
    assert.throws(() => new MessageDecoder().push(prelude(100, 85)), /headers length 85/);
    assert.throws(() => decodeMessage(Buffer.alloc(3)), EventStreamError);
  });
});

async function collect(g: AsyncIterable<Buffer>): Promise<Message[]> {
  const out: Message[] = [];
  for await (const m of decodeMessages(g)) out.push(m);
  return out;
}
const h = (m: Message, name: string) => m.headers[name]?.value;

describe('schema-driven events', () => {
  const event: StreamEvent = {
    SubscribeToShardEvent: {
      Records: [{ SequenceNumber: '1', ApproximateArrivalTimestamp: new Date(1700000000123), Data: Buffer.from([0, 255]), PartitionKey: 'p' }],
      ContinuationSequenceNumber: '1',
      MillisBehindLatest: 0,
    },
  };

  it('SubscribeToShard (JSON 1.1): initial-response {}, the event as JSON, then a modeled exception', async () => {
    const list = await collect(
      writeEventStream({ model: kinesisModel, operation: 'SubscribeToShard', codec: 'json', initialResponse: {} }, (async function* () {
        yield event;
        throw modeledError(kinesisModel, 'ResourceInUseException', 'in use');
      })()),
    );
    assert.deepEqual(list.map((m) => [h(m, ':message-type'), h(m, ':event-type') ?? h(m, ':exception-type'), h(m, ':content-type')]), [
      ['event', 'initial-response', 'application/json'],
      ['event', 'SubscribeToShardEvent', 'application/json'],
      ['exception', 'ResourceInUseException', 'application/json'],
    ]);
    assert.equal(Buffer.from(list[0]!.body).toString(), '{}');
    assert.deepEqual(JSON.parse(Buffer.from(list[1]!.body).toString()).Records[0], { SequenceNumber: '1', ApproximateArrivalTimestamp: 1700000000.123, Data: 'AP8=', PartitionKey: 'p' });
    assert.deepEqual(JSON.parse(Buffer.from(list[2]!.body).toString()), { message: 'in use' });
    // and read back by schema
    const decoded = list.map((m) => decodeEvent(kinesisModel, 'SubscribeToShard', 'json', m));
    assert.deepEqual(decoded[0], { initialResponse: {} });
    assert.deepEqual(canon(decoded[1]), canon({ event }));
    const err = (decoded[2] as { error: AwsError }).error;
    assert.deepEqual([err.code, err.message, err.status], ['ResourceInUseException', 'in use', 400]);
  });

  it('SubscribeToShard over CBOR: CBOR payloads, tag-1 ms timestamps, byte-string data', async () => {
    const list = await collect(writeEventStream({ model: kinesisModel, operation: 'SubscribeToShard', codec: 'cbor', initialResponse: {} }, [event]));
    assert.deepEqual(list.map((m) => h(m, ':content-type')), ['application/x-amz-cbor-1.1', 'application/x-amz-cbor-1.1']);
    const raw = cbor.deserialize(list[1]!.body) as { Records: Array<Record<string, unknown>> };
    assert.deepEqual((raw.Records[0]!.ApproximateArrivalTimestamp as { value: number }).value, 1700000000123);
    assert.deepEqual(Buffer.from(raw.Records[0]!.Data as Uint8Array), Buffer.from([0, 255]));
    assert.deepEqual(canon(decodeEvent(kinesisModel, 'SubscribeToShard', 'cbor', list[1]!)), canon({ event }));
  });

  it('Lambda PayloadChunk: the @eventPayload blob is the raw payload (octet-stream)', () => {
    const binding = eventStreamOf(lambdaModel, 'InvokeWithResponseStream')!;
    assert.equal(binding.member, 'EventStream');
    const m = decodeMessage(encodeEvent(lambdaModel, binding, 'json', { PayloadChunk: { Payload: Buffer.from('raw{') } }));
    assert.deepEqual([h(m, ':event-type'), h(m, ':content-type'), Buffer.from(m.body).toString()], ['PayloadChunk', 'application/octet-stream', 'raw{']);
    assert.deepEqual(canon(decodeEvent(lambdaModel, 'InvokeWithResponseStream', 'json', m)), canon({ event: { PayloadChunk: { Payload: Buffer.from('raw{') } } }));
  });

  it('an error message decodes to its code and text', () => {
    const d = decodeEvent(kinesisModel, 'SubscribeToShard', 'json', decodeMessage(encodeErrorMessage('InternalFailure', 'x')));
    assert.deepEqual([(d as { error: AwsError }).error.code, (d as { error: AwsError }).error.message], ['InternalFailure', 'x']);
  });

  it('operations without an event stream are refused', () => {
    assert.equal(eventStreamOf(kinesisModel, 'PutRecord'), undefined);
    assert.throws(() => encodeEvent(kinesisModel, eventStreamOf(kinesisModel, 'SubscribeToShard')!, 'json', { NotAnEvent: {} }), /not an event/);
  });
});
