/**
 * CBOR over every Kinesis operation, in every sample mode: inputs encoded the way a Java client
 * encodes them (member names as text keys, blobs as byte strings, timestamps as tag 1 + epoch
 * ms) with `@smithy/core/cbor`'s encoder are parsed by ours; outputs we serialize are read back
 * by the library decoder (tag-1 ms, as the Java SDKs read them) and, in seconds mode, by the JS
 * SDK's schema-based `CborShapeDeserializer2`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cbor, tag, CborCodec } from '@smithy/core/cbor';
import type { NormalizedSchema } from '@smithy/core/schema';
import { kinesisModel } from '../../protocols/models/kinesis.js';
import { parseCborBody } from '../../protocols/cbor/parse.js';
import { serializeCborError, serializeCborOutput } from '../../protocols/cbor/serialize.js';
import { compiledOperation } from '../../protocols/operations.js';
import { modeledError } from '../../protocols/index.js';
import { SAMPLE_MODES, canon, sampleStructure } from './sample-values.js';
import * as kinesisSdk from '@aws-sdk/client-kinesis';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A value as a Java SDK client's CBOR generator writes it, along the schema. */
function javaWire(ns: NormalizedSchema, v: unknown): unknown {
  if (v === undefined || v === null) return v;
  if (ns.isStructSchema() || ns.isUnionSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const x = (v as Record<string, unknown>)[name];
      if (x !== undefined) out[name] = javaWire(member, x);
    }
    return out;
  }
  if (ns.isListSchema()) return (v as unknown[]).map((x) => javaWire(ns.getValueSchema(), x));
  if (ns.isMapSchema()) return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, javaWire(ns.getValueSchema(), x)]));
  if (ns.isTimestampSchema()) return tag({ tag: 1, value: (v as Date).getTime() });
  return v;
}

/** Read a decoded CBOR tree back along the schema the way the Java SDKs do: tag 1 holds epoch ms. */
function javaRead(ns: NormalizedSchema, v: unknown): unknown {
  if (v === undefined || v === null) return v;
  if (ns.isStructSchema() || ns.isUnionSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const x = (v as Record<string, unknown>)[name];
      if (x !== undefined) out[name] = javaRead(member, x);
    }
    return out;
  }
  if (ns.isListSchema()) return (v as unknown[]).map((x) => javaRead(ns.getValueSchema(), x));
  if (ns.isMapSchema()) return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, javaRead(ns.getValueSchema(), x)]));
  if (ns.isTimestampSchema()) {
    const t = v as { tag: number; value: unknown };
    assert.equal(t.tag, 1, 'timestamps are tag 1');
    assert.ok(Number.isInteger(t.value), 'tag 1 holds integer milliseconds');
    return new Date(t.value as number);
  }
  return v;
}

const operations = [...kinesisModel.operations.keys()].sort();

describe('Kinesis CBOR model', () => {
  it('covers every command of @aws-sdk/client-kinesis', () => {
    const commands = Object.keys(kinesisSdk)
      .filter((k) => /^[A-Z]\w*Command$/.test(k))
      .map((k) => k.slice(0, -'Command'.length))
      .sort();
    assert.deepEqual(operations, commands);
    assert.ok(operations.length >= 45);
  });
});

for (const operation of operations) {
  const model = kinesisModel.operations.get(operation)!;
  const compiled = compiledOperation(kinesisModel, operation)!;
  const stream = model.output.isStructSchema() ? model.output.getEventStreamMember() : '';
  describe(`Kinesis ${operation} over CBOR`, () => {
    for (const mode of SAMPLE_MODES) {
      it(`request (${mode}): Java-style CBOR → our parser`, () => {
        const input = sampleStructure(model.input, mode);
        const bytes = cbor.serialize(javaWire(model.input, input));
        const parsed = parseCborBody(kinesisModel, compiled.input, bytes);
        assert.deepEqual(canon(parsed), canon(input));
      });

      it(`response (${mode}): ours → library decoder as Java reads it, and the JS SDK's CBOR deserializer`, () => {
        const output = sampleStructure(model.output, mode);
        if (stream) delete output[stream]; // the stream is not part of the body (event-stream tests)
        const wire = serializeCborOutput(kinesisModel, compiled.output, output);
        assert.equal(wire.headers['content-type'], 'application/x-amz-cbor-1.1');
        assert.deepEqual(canon(javaRead(model.output, cbor.deserialize(wire.body))), canon(output));

        const seconds = serializeCborOutput(kinesisModel, compiled.output, output, { timestampUnit: 's' });
        const read = new CborCodec().createDeserializer().read(model.output, seconds.body) as Record<string, unknown>;
        assert.deepEqual(canon(read), canon(output));
        // and ours reads our own bytes back (the stream member is required, and not in a body)
        if (!stream) assert.deepEqual(canon(parseCborBody(kinesisModel, compiled.output, wire.body)), canon(output));
      });
    }
  });
}

describe('Kinesis CBOR errors', () => {
  it('__type (bare name) and message, CBOR-encoded, with the status of the model', () => {
    const wire = serializeCborError(kinesisModel, modeledError(kinesisModel, 'ResourceNotFoundException', 'Stream s1 under account 000000000000 not found.'));
    assert.equal(wire.status, 400);
    assert.equal(wire.headers['content-type'], 'application/x-amz-cbor-1.1');
    assert.deepEqual(cbor.deserialize(wire.body), { __type: 'ResourceNotFoundException', message: 'Stream s1 under account 000000000000 not found.' });
  });
});
