/**
 * Every Lambda operation's request, generated from the SDK's schemas: `@aws-sdk/client-lambda`
 * serializes a generated input (labels, query strings, headers, blob payloads, JSON bodies),
 * our `detect` routes it by method + path and `parseInput` reads it back into the same input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedSchema } from '@smithy/core/schema';
import { detect, parseInput } from '../../protocols/index.js';
import { lambdaModel } from '../../protocols/models/lambda.js';
import { commandNames, lambdaCaptureRequest } from './sdk-harness.js';
import { SAMPLE_MODES, canon, sampleStructure } from './sample-values.js';
import { LAMBDA_OPERATIONS, lambdaSchemas } from './lambda-operations.js';


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What survives the wire: an empty query list or header list is not sent at all, so it comes
 * back absent (nested empty lists and maps in the JSON body do survive); an unset structure
 * payload is sent as `{}`; an unset
 * `@idempotencyToken` member is filled by the SDK with a UUID.
 */
function expectedInput(ns: NormalizedSchema, input: Record<string, unknown>, parsed: Record<string, unknown>): Record<string, unknown> {
  const expected = structuredClone(input);
  for (const [name, member] of ns.structIterator()) {
    if (member.isIdempotencyToken() && expected[name] === undefined) {
      assert.match(String(parsed[name]), UUID, `${name}: an SDK-made idempotency token`);
      expected[name] = parsed[name];
    }
    const t = member.getMergedTraits() as Record<string, unknown>;
    const v = expected[name];
    if ((t.httpQuery || t.httpHeader) && Array.isArray(v) && v.length === 0) delete expected[name];
    if (t.httpPayload && v instanceof Uint8Array && v.length === 0) delete expected[name];
    // The SDK writes `{}` for an unset structure payload: on the wire it is an empty structure.
    if (t.httpPayload && member.isStructSchema() && v === undefined) expected[name] = {};
  }
  return expected;
}

describe('Lambda model coverage', () => {
  it('has every operation the client has a command for, each with an http route', () => {
    assert.ok(LAMBDA_OPERATIONS.length >= 90, `${LAMBDA_OPERATIONS.length} operations`);
    assert.deepEqual(LAMBDA_OPERATIONS, commandNames('lambda'));
    for (const op of LAMBDA_OPERATIONS) assert.ok(lambdaModel.operations.get(op)?.http, `${op} has @http`);
  });
});

describe('Lambda requests: SDK serializes, we route and parse', () => {
  for (const op of LAMBDA_OPERATIONS) {
    for (const mode of SAMPLE_MODES) {
      it(`${op} (${mode})`, async () => {
        const { input: inSchema } = lambdaSchemas(op);
        const input = sampleStructure(inSchema, mode);
        const raw = await lambdaCaptureRequest(op, input);
        const d = detect(raw, [lambdaModel]);
        assert.ok(d, `detected ${raw.method} ${raw.path}?${raw.query}`);
        assert.equal(d.model.id, 'lambda');
        assert.equal(d.protocol, 'restJson1');
        assert.equal(d.operation, op, `${raw.method} ${raw.path}?${raw.query}`);
        const parsed = parseInput(d, raw);
        assert.deepStrictEqual(canon(parsed), canon(expectedInput(inSchema, input, parsed)));
      });
    }
  }
});
