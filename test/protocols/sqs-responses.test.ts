/**
 * Response direction, every SQS operation: our `serializeOutput` writes a generated output, a
 * real SDK client deserializes it, and the command's result must equal that output.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedSchema } from '@smithy/core/schema';
import { detect, serializeOutput, sqsModel } from '../../protocols/index.js';
import { assertOutput, captureRequest, exchange, reply, type Flavor } from './sdk-harness.js';
import {
  QUEUE_URL,
  SAMPLE_MODES,
  canon,
  fixSqsOutput,
  md5Hex,
  sampleStructure,
  walkStructures,
  withoutMetadata,
} from './sample-values.js';

const OPERATIONS = [...sqsModel.operations.keys()].sort();

function schemas(op: string): { input: NormalizedSchema; output: NormalizedSchema } {
  const m = sqsModel.operations.get(op);
  assert.ok(m, `model has ${op}`);
  return m;
}

/**
 * In query XML an empty flattened list or map is no element at all, so the client cannot tell
 * it from an absent member: those come back absent.
 */
function expectedQueryOutput(ns: NormalizedSchema, output: Record<string, unknown>): Record<string, unknown> {
  const expected = structuredClone(output);
  walkStructures(ns, expected, (struct, obj) => {
    for (const [name, member] of struct.structIterator()) {
      const v = obj[name];
      if (!member.getMergedTraits().xmlFlattened || v === undefined) continue;
      if ((Array.isArray(v) && v.length === 0) || (!Array.isArray(v) && Object.keys(v as object).length === 0)) delete obj[name];
    }
  });
  return expected;
}

async function roundTrip(flavor: Flavor, op: string, input: Record<string, unknown>, output: Record<string, unknown>, requestId: string) {
  const ex = await exchange(flavor, op, input, (raw) => {
    const d = detect(raw, [sqsModel]);
    assert.ok(d, 'detected');
    assert.equal(d.operation, op);
    assert.equal(d.protocol, flavor);
    return reply(serializeOutput(d, output, requestId), requestId);
  });
  return ex;
}

for (const flavor of ['json', 'query'] as Flavor[]) {
  describe(`SQS ${flavor} responses: we serialize, SDK deserializes`, () => {
    for (const op of OPERATIONS) {
      for (const mode of SAMPLE_MODES) {
        it(`${op} (${mode})`, async () => {
          const { input: inSchema, output: outSchema } = schemas(op);
          const input = sampleStructure(inSchema, 'full');
          const output = fixSqsOutput(op, input, sampleStructure(outSchema, mode));
          const requestId = `rid-${flavor}-${op}-${mode}`;
          const expected = flavor === 'json' ? output : expectedQueryOutput(outSchema, output);
          assertOutput(await roundTrip(flavor, op, input, output, requestId), requestId, expected);
        });
      }
    }
  });
}

describe('SQS responses: details the SDKs depend on', () => {
  it('samples carry real values (the round trip compares more than empty objects)', () => {
    const out = sampleStructure(schemas('ReceiveMessage').output, 'full');
    const msg = (out.Messages as Array<Record<string, unknown>>)[0]!;
    assert.equal(typeof msg.Body, 'string');
    const attrs = msg.MessageAttributes as Record<string, Record<string, unknown>>;
    assert.ok(Object.values(attrs).some((a) => a.BinaryValue instanceof Uint8Array));
    assert.equal(typeof (sampleStructure(schemas('ListMessageMoveTasks').output, 'full').Results as Array<Record<string, unknown>>)[0]!.MaxNumberOfMessagesPerSecond, 'number');
  });

  for (const flavor of ['json', 'query'] as Flavor[]) {
    it(`${flavor}: a wrong body MD5 is caught by the client (the MD5 fix-up matters)`, async () => {
      const input = { QueueUrl: QUEUE_URL, MessageBody: 'hello' };
      const ex = await exchange(flavor, 'SendMessage', input, (raw) => {
        const d = detect(raw, [sqsModel]);
        assert.ok(d);
        return reply(serializeOutput(d, { MessageId: 'm-1', MD5OfMessageBody: md5Hex('other') }, 'r'), 'r');
      });
      assert.ok(ex.error instanceof Error);
      assert.match(ex.error.message, /InvalidChecksumError/);
    });
  }

  it('query: ReceiveMessage XML carries the body, attributes and the request id', async () => {
    const body = 'a & b <c> "d"\r\ne';
    const output = {
      Messages: [
        {
          MessageId: 'm-1',
          ReceiptHandle: 'rh-1',
          Body: body,
          MD5OfBody: md5Hex(body),
          Attributes: { SenderId: 'AIDA', ApproximateReceiveCount: '1' },
          MessageAttributes: { b: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) } },
        },
      ],
    };
    let xml = '';
    const ex = await exchange('query', 'ReceiveMessage', { QueueUrl: QUEUE_URL }, (raw) => {
      const d = detect(raw, [sqsModel]);
      assert.ok(d);
      const wire = serializeOutput(d, output, 'rid-xml');
      xml = wire.body;
      assert.equal(wire.headers['content-type'], 'text/xml');
      return reply(wire, 'rid-xml');
    });
    if (ex.error) throw ex.error;
    assert.match(xml, /<ReceiveMessageResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/">/);
    assert.match(xml, /<RequestId>rid-xml<\/RequestId>/);
    assert.match(xml, /<Body>a &amp; b &lt;c&gt; &quot;d&quot;&#xD;\ne<\/Body>/);
    assert.match(xml, /<Attribute><Name>SenderId<\/Name><Value>AIDA<\/Value><\/Attribute>/);
    assert.match(xml, /<MessageAttribute><Name>b<\/Name><Value><DataType>Binary<\/DataType><BinaryValue>AQID<\/BinaryValue><\/Value><\/MessageAttribute>/);
    assert.deepStrictEqual(canon(withoutMetadata(ex.output)), canon(output));
  });

  it('query: Unit outputs (TagQueue, DeleteQueue...) send only ResponseMetadata, as AWS does', async () => {
    for (const op of OPERATIONS) {
      const unit = !schemas(op).output.isStructSchema();
      const input = sampleStructure(schemas(op).input, 'required');
      const ex = await exchange('query', op, input, (raw) => {
        const d = detect(raw, [sqsModel]);
        assert.ok(d);
        const wire = serializeOutput(d, unit ? undefined : fixSqsOutput(op, input, sampleStructure(schemas(op).output, 'required')), 'r');
        assert.equal(wire.body.includes(`<${op}Result`), !unit, `${op}: ${wire.body}`);
        return reply(wire, 'r');
      });
      if (ex.error) throw ex.error;
    }
    const raw = await captureRequest('query', 'TagQueue', { QueueUrl: QUEUE_URL, Tags: { a: 'b' } });
    const d = detect(raw, [sqsModel]);
    assert.ok(d);
    assert.match(serializeOutput(d, undefined, 'r').body, /<TagQueueResponse xmlns="[^"]+"><ResponseMetadata><RequestId>r<\/RequestId><\/ResponseMetadata><\/TagQueueResponse>$/);
  });

  it('json: content type and no-output operations', async () => {
    const ex = await exchange('json', 'DeleteQueue', { QueueUrl: QUEUE_URL }, (raw) => {
      const d = detect(raw, [sqsModel]);
      assert.ok(d);
      const wire = serializeOutput(d, undefined, 'rid-unit');
      assert.equal(wire.status, 200);
      assert.equal(wire.headers['content-type'], 'application/x-amz-json-1.0');
      assert.equal(wire.body, '{}');
      return reply(wire, 'rid-unit');
    });
    if (ex.error) throw ex.error;
    assert.deepStrictEqual(withoutMetadata(ex.output), {});
  });
});
