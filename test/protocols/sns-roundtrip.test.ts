/**
 * Every SNS operation, both directions, generated from the SDK's schemas:
 * - requests: the SNS client serializes a generated input, our `detect` + `parseInput` read it;
 * - responses: our `serializeOutput` writes a generated output (empty outputs included), the
 *   client deserializes it, and the XML carries `<OperationResult>` exactly when the operation has
 *   an output structure (botocore raises KeyError 'UntagResourceResult' without it).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedSchema } from '@smithy/core/schema';
import { detect, parseInput, serializeOutput, snsModel } from '../../protocols/index.js';
import { assertOutput, commandNames, reply, snsCaptureRequest, snsExchange } from './sdk-harness.js';
import { SAMPLE_MODES, canon, sampleStructure, walkStructures } from './sample-values.js';

const OPERATIONS = [...snsModel.operations.keys()].sort();

function schemas(op: string): { input: NormalizedSchema; output: NormalizedSchema } {
  const m = snsModel.operations.get(op);
  assert.ok(m, `model has ${op}`);
  return m;
}

/** The client writes nothing for an empty map, so the parser cannot see one: it comes back absent. */
function expectedInput(ns: NormalizedSchema, input: Record<string, unknown>): Record<string, unknown> {
  const expected = structuredClone(input);
  walkStructures(ns, expected, (struct, obj) => {
    for (const [name, member] of struct.structIterator()) {
      const v = obj[name];
      if (member.isMapSchema() && v && Object.keys(v).length === 0) delete obj[name];
    }
  });
  return expected;
}

describe('SNS model coverage', () => {
  it('has the operations the client has commands for', () => {
    assert.ok(OPERATIONS.length >= 42, `${OPERATIONS.length} operations`);
    assert.deepEqual(OPERATIONS, commandNames('sns'));
  });
});

describe('SNS requests: SDK serializes, we parse', () => {
  for (const op of OPERATIONS) {
    for (const mode of SAMPLE_MODES) {
      it(`${op} (${mode})`, async () => {
        const input = sampleStructure(schemas(op).input, mode);
        const raw = await snsCaptureRequest(op, input);
        const d = detect(raw, [snsModel]);
        assert.ok(d, 'detected');
        assert.equal(d.model.id, 'sns');
        assert.equal(d.protocol, 'query');
        assert.equal(d.operation, op);
        assert.deepStrictEqual(canon(parseInput(d, raw)), canon(expectedInput(schemas(op).input, input)));
      });
    }
  }
});

describe('SNS responses: we serialize, SDK deserializes', () => {
  for (const op of OPERATIONS) {
    for (const mode of SAMPLE_MODES) {
      it(`${op} (${mode})`, async () => {
        const { input: inSchema, output: outSchema } = schemas(op);
        const input = sampleStructure(inSchema, 'required');
        const output = sampleStructure(outSchema, mode);
        const requestId = `rid-sns-${op}-${mode}`;
        let xml = '';
        const ex = await snsExchange(op, input, (raw) => {
          const d = detect(raw, [snsModel]);
          assert.ok(d, 'detected');
          assert.equal(d.operation, op);
          const wire = serializeOutput(d, output, requestId);
          xml = wire.body;
          return reply(wire, requestId);
        });
        assertOutput(ex, requestId, output);
        // botocore's rule: an output shape (even without members) has a resultWrapper to find.
        const wrapped = outSchema.isStructSchema();
        assert.equal(new RegExp(`<${op}Result[ />]`).test(xml), wrapped, `${op}Result element ${wrapped ? 'present' : 'absent'}: ${xml}`);
        assert.match(xml, new RegExp(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>$`));
      });
    }
  }

  it('empty outputs: <TagResourceResult/> and friends, none for Unit outputs', async () => {
    const cases: Array<[string, string]> = [
      ['TagResource', '<TagResourceResult/>'],
      ['UntagResource', '<UntagResourceResult/>'],
      ['SetSMSAttributes', '<SetSMSAttributesResult/>'],
      ['OptInPhoneNumber', '<OptInPhoneNumberResult/>'],
      ['CreateSMSSandboxPhoneNumber', '<CreateSMSSandboxPhoneNumberResult/>'],
    ];
    for (const [op, element] of cases) {
      const ex = await snsExchange(op, sampleStructure(schemas(op).input, 'required'), (raw) => {
        const d = detect(raw, [snsModel]);
        assert.ok(d);
        const wire = serializeOutput(d, {}, 'r');
        assert.ok(wire.body.includes(`<${op}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/">${element}<ResponseMetadata>`), wire.body);
        return reply(wire, 'r');
      });
      if (ex.error) throw ex.error;
    }
    const ex = await snsExchange('DeleteTopic', { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t' }, (raw) => {
      const d = detect(raw, [snsModel]);
      assert.ok(d);
      const wire = serializeOutput(d, undefined, 'r');
      assert.ok(!wire.body.includes('DeleteTopicResult'), wire.body);
      return reply(wire, 'r');
    });
    if (ex.error) throw ex.error;
  });
});
