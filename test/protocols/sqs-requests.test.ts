/**
 * Request direction, every SQS operation: a real SDK client serializes a generated input, our
 * `detect` + `parseInput` read it back, and the result must equal the input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as jsonSdk from '@aws-sdk/client-sqs';
import { NormalizedSchema } from '@smithy/core/schema';
import { detect, parseInput, sqsModel } from '../../protocols/index.js';
import { captureRequest, commandNames, type Flavor } from './sdk-harness.js';
import {
  QUEUE_URL,
  SAMPLE_MODES,
  canon,
  requiredMemberNames,
  sampleStructure,
  walkStructures,
  wireName,
  type SampleMode,
} from './sample-values.js';

const OPERATIONS = [...sqsModel.operations.keys()].sort();

function inputSchema(op: string): NormalizedSchema {
  const m = sqsModel.operations.get(op);
  assert.ok(m, `model has ${op}`);
  return m.input;
}

function sampleInput(op: string, mode: SampleMode): Record<string, unknown> {
  return sampleStructure(inputSchema(op), mode);
}

/**
 * Members the 3.445 query client does not know (the model gained them later), so it never
 * sends them. Checked below against the captured request, so this list cannot go stale quietly.
 */
const UNSENT_BY_QUERY_CLIENT: Record<string, string[]> = {
  ReceiveMessageRequest: ['MessageSystemAttributeNames'],
};

/**
 * What the query parser should produce for `input` sent by the 3.445 client:
 * - members the client does not know are absent;
 * - empty maps are absent (the client writes nothing for them; empty lists go out as `Name=`);
 * - members sharing one flattened wire name (ReceiveMessage's `AttributeNames` and
 *   `MessageSystemAttributeNames` are both `AttributeName.N`) are read from the same keys, so
 *   each of them holds whatever was sent under that name.
 */
function expectedQueryInput(ns: NormalizedSchema, input: Record<string, unknown>): Record<string, unknown> {
  const expected = structuredClone(input);
  walkStructures(ns, expected, (struct, obj) => {
    for (const name of UNSENT_BY_QUERY_CLIENT[struct.getName() ?? ''] ?? []) delete obj[name];
    const byWire = new Map<string, string[]>();
    for (const [name, member] of struct.structIterator()) {
      const v = obj[name];
      if (member.isMapSchema() && v && Object.keys(v).length === 0) delete obj[name];
      const w = wireName(member, name);
      byWire.set(w, [...(byWire.get(w) ?? []), name]);
    }
    for (const group of byWire.values()) {
      const sent = group.find((n) => obj[n] !== undefined);
      if (group.length > 1 && sent) for (const n of group) obj[n] = structuredClone(obj[sent]);
    }
  });
  return expected;
}

describe('SQS model coverage', () => {
  it('has all 23 operations, the same set both clients have commands for', () => {
    assert.equal(OPERATIONS.length, 23);
    assert.deepEqual(OPERATIONS, commandNames('json'));
    assert.deepEqual(OPERATIONS, commandNames('query'));
  });

  it('reads required members the way the SDK types declare them', () => {
    const req = (op: string) => requiredMemberNames(inputSchema(op)).sort();
    assert.deepEqual(req('SendMessage'), ['MessageBody', 'QueueUrl']);
    assert.deepEqual(req('ReceiveMessage'), ['QueueUrl']);
    assert.deepEqual(req('CreateQueue'), ['QueueName']);
    assert.deepEqual(req('ListQueues'), []);
    assert.deepEqual(req('ChangeMessageVisibility'), ['QueueUrl', 'ReceiptHandle', 'VisibilityTimeout']);
    const entry = NormalizedSchema.of(jsonSdk.SendMessageBatchRequestEntry$);
    assert.deepEqual(requiredMemberNames(entry).sort(), ['Id', 'MessageBody']);
  });

  it('generates typed samples: numbers, booleans, blobs, lists of 2, message attributes per data type', () => {
    const s = sampleInput('SendMessage', 'full');
    assert.equal(s.QueueUrl, QUEUE_URL);
    assert.equal(typeof s.DelaySeconds, 'number');
    const attrs = s.MessageAttributes as Record<string, Record<string, unknown>>;
    const types = Object.values(attrs).map((a) => a.DataType);
    assert.deepEqual(types, ['String', 'Number', 'Binary', 'String.custom']);
    assert.ok(Object.values(attrs)[2]!.BinaryValue instanceof Uint8Array);
    const batch = sampleInput('DeleteMessageBatch', 'full').Entries as unknown[];
    assert.equal(batch.length, 2);
    assert.deepEqual(Object.keys(sampleInput('SendMessage', 'required')).sort(), ['MessageBody', 'QueueUrl']);
    assert.deepEqual(sampleInput('CreateQueue', 'empty').Attributes, {});
  });
});

for (const flavor of ['json', 'query'] as Flavor[]) {
  describe(`SQS ${flavor} requests: SDK serializes, we parse`, () => {
    for (const op of OPERATIONS) {
      for (const mode of SAMPLE_MODES) {
        it(`${op} (${mode})`, async () => {
          const input = sampleInput(op, mode);
          const raw = await captureRequest(flavor, op, input);
          const d = detect(raw, [sqsModel]);
          assert.ok(d, 'detected');
          assert.equal(d.model.id, 'sqs');
          assert.equal(d.protocol, flavor);
          assert.equal(d.operation, op);
          const parsed = parseInput(d, raw);
          const expected = flavor === 'json' ? input : expectedQueryInput(inputSchema(op), input);
          assert.deepStrictEqual(canon(parsed), canon(expected));
        });
      }
    }
  });
}

describe('SQS query requests: what the 3.445 client sends', () => {
  it('omits the members listed as unknown to it', async () => {
    for (const [shape, members] of Object.entries(UNSENT_BY_QUERY_CLIENT)) {
      const op = shape.replace(/Request$/, '');
      const ns = inputSchema(op);
      for (const m of members) assert.ok(ns.getMemberSchemas()[m], `${shape}.${m} exists in the model`);
      const raw = await captureRequest('query', op, sampleInput(op, 'full'));
      const sent = new URLSearchParams(raw.body.toString('utf8'));
      for (const m of members) {
        const prefix = wireName(ns.getMemberSchema(m), m);
        // The wire name may be shared; the values generated for this member must not be there.
        const mine = sampleInput(op, 'full')[m] as string[];
        for (const [k, v] of sent) if (k.startsWith(`${prefix}.`)) assert.ok(!mine.includes(v), `${k}=${v} is not from ${m}`);
      }
    }
  });

  it('ReceiveMessage: AttributeName.N fills both AttributeNames and MessageSystemAttributeNames', async () => {
    const raw = await captureRequest('query', 'ReceiveMessage', {
      QueueUrl: QUEUE_URL,
      AttributeNames: ['All', 'SenderId'],
      MessageAttributeNames: ['a.*'],
    });
    assert.match(raw.body.toString('utf8'), /AttributeName\.1=All&AttributeName\.2=SenderId/);
    const d = detect(raw, [sqsModel]);
    assert.ok(d);
    assert.deepStrictEqual(parseInput(d, raw), {
      QueueUrl: QUEUE_URL,
      AttributeNames: ['All', 'SenderId'],
      MessageSystemAttributeNames: ['All', 'SenderId'],
      MessageAttributeNames: ['a.*'],
    });
  });

  it('sends an empty list as `Name=` and the parser reads it as []', async () => {
    const raw = await captureRequest('query', 'UntagQueue', { QueueUrl: QUEUE_URL, TagKeys: [] });
    assert.match(raw.body.toString('utf8'), /(^|&)TagKey=(&|$)/);
    const d = detect(raw, [sqsModel]);
    assert.ok(d);
    assert.deepStrictEqual(parseInput(d, raw), { QueueUrl: QUEUE_URL, TagKeys: [] });
  });
});
