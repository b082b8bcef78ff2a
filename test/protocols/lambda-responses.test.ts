/**
 * Every Lambda operation's response, generated from the SDK's schemas: our
 * `serializeRestOutput` writes a generated output (status from the model's `@http` code,
 * header members, blob payloads, JSON bodies, outputs without members), the Lambda client
 * parses it back into the same output. Invoke's status codes, payload and headers are checked
 * by name below. InvokeWithResponseStream's event-stream output belongs to the event-stream
 * encoder and is only routed here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedSchema } from '@smithy/core/schema';
import { detect, serializeRestOutput } from '../../protocols/index.js';
import { lambdaModel } from '../../protocols/models/lambda.js';
import { lambdaExchange, reply } from './sdk-harness.js';
import { SAMPLE_MODES, canon, sampleStructure, withoutMetadata } from './sample-values.js';
import { LAMBDA_OPERATIONS, lambdaSchemas } from './lambda-operations.js';

const EVENT_STREAM_OPS = new Set(['InvokeWithResponseStream']);

/** A sample output the wire can carry: the response-code member holds the modeled status. */
function sampleOutput(op: string, ns: NormalizedSchema, mode: (typeof SAMPLE_MODES)[number]): Record<string, unknown> {
  const out = sampleStructure(ns, mode);
  for (const [name, member] of ns.structIterator()) {
    if (member.getMergedTraits().httpResponseCode) out[name] = lambdaModel.operations.get(op)!.http!.code;
  }
  return out;
}

/** What the SDK hands back: unset payload members as null; an empty blob payload is no body (unset). */
function expectedOutput(ns: NormalizedSchema, output: Record<string, unknown>): Record<string, unknown> {
  const expected = structuredClone(output);
  for (const [name, member] of ns.structIterator()) {
    const t = member.getMergedTraits();
    const v = expected[name];
    if (t.httpHeader && Array.isArray(v) && v.length === 0) delete expected[name];
    if (t.httpPayload && (v === undefined || (v instanceof Uint8Array && v.length === 0))) expected[name] = null;
  }
  return expected;
}

async function roundTrip(op: string, output: Record<string, unknown>): Promise<{ result: Record<string, unknown>; wire: ReturnType<typeof serializeRestOutput> }> {
  const input = sampleStructure(lambdaSchemas(op).input, 'required');
  let wire: ReturnType<typeof serializeRestOutput> | undefined;
  const requestId = `rid-lambda-${op}`;
  const ex = await lambdaExchange(op, input, (raw) => {
    const d = detect(raw, [lambdaModel]);
    assert.ok(d, 'detected');
    assert.equal(d.operation, op);
    wire = serializeRestOutput(d, output);
    return reply(wire, requestId);
  });
  if (ex.error) throw ex.error;
  assert.ok(ex.output && wire);
  const meta = ex.output.$metadata as { httpStatusCode?: number; requestId?: string };
  assert.equal(meta.httpStatusCode, wire.status);
  assert.equal(meta.requestId, requestId);
  return { result: withoutMetadata(ex.output), wire };
}

let covered = 0;

describe('Lambda responses: we serialize, SDK deserializes', () => {
  for (const op of LAMBDA_OPERATIONS) {
    if (EVENT_STREAM_OPS.has(op)) continue;
    for (const mode of SAMPLE_MODES) {
      it(`${op} (${mode})`, async () => {
        const outSchema = lambdaSchemas(op).output;
        const output = sampleOutput(op, outSchema, mode);
        const { result, wire } = await roundTrip(op, output);
        assert.equal(wire.status, lambdaModel.operations.get(op)!.http!.code, 'the modeled status');
        assert.deepStrictEqual(canon(result), canon(expectedOutput(outSchema, output)));
        if (mode === 'full') covered++;
      });
    }
  }

  it('covers every operation but the event-stream one', () => {
    assert.equal(covered, LAMBDA_OPERATIONS.length - EVENT_STREAM_OPS.size);
  });
});

describe('Lambda Invoke on the wire', () => {
  it('200: the payload is the raw body, headers become members', async () => {
    const payload = Buffer.from('{"errorMessage":"boom","errorType":"Error"}');
    const { result, wire } = await roundTrip('Invoke', {
      StatusCode: 200,
      Payload: payload,
      FunctionError: 'Unhandled',
      LogResult: Buffer.from('START RequestId: 1\n').toString('base64'),
      ExecutedVersion: '$LATEST',
    });
    assert.equal(wire.status, 200);
    assert.deepEqual(Buffer.from(wire.body as Buffer), payload);
    assert.equal(wire.headers['content-type'], 'application/octet-stream');
    assert.equal(wire.headers['x-amz-function-error'], 'Unhandled');
    assert.equal(wire.headers['x-amz-executed-version'], '$LATEST');
    assert.equal(wire.headers['x-amz-log-result'], Buffer.from('START RequestId: 1\n').toString('base64'));
    assert.equal(result.StatusCode, 200);
    assert.equal(result.FunctionError, 'Unhandled');
    assert.equal(result.ExecutedVersion, '$LATEST');
    assert.deepEqual(Buffer.from(result.Payload as Uint8Array), payload);
  });

  it('202 (Event): empty body, no executed version', async () => {
    const { result, wire } = await roundTrip('Invoke', { StatusCode: 202 });
    assert.equal(wire.status, 202);
    assert.equal(wire.body, '');
    assert.equal(result.StatusCode, 202);
    assert.equal(result.ExecutedVersion, undefined);
  });

  it('204 (DryRun): no body even when a payload is given', async () => {
    const { result, wire } = await roundTrip('Invoke', { StatusCode: 204, Payload: Buffer.from('x') });
    assert.equal(wire.status, 204);
    assert.equal(wire.body, '');
    assert.equal(result.StatusCode, 204);
  });

  it('InvokeAsync: 202 with Status from the response code', async () => {
    const { result, wire } = await roundTrip('InvokeAsync', { Status: 202 });
    assert.equal(wire.status, 202);
    assert.equal(result.Status, 202);
  });

  it('outputs without body members have no body: DeleteFunction, TagResource (204)', async () => {
    for (const op of ['TagResource', 'UntagResource', 'DeleteAlias', 'DeleteFunctionConcurrency']) {
      const { wire } = await roundTrip(op, {});
      assert.equal(wire.status, 204, op);
      assert.equal(wire.body, '', op);
    }
    const { wire } = await roundTrip('CreateFunction', {});
    assert.equal(wire.status, 201);
    assert.equal(wire.body, '{}');
  });
});
