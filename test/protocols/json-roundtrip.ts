/**
 * One round-trip driver for the AWS JSON 1.0/1.1 services, generated from the SDK's schemas
 * (every operation, every sample mode, every error each operation declares):
 * - requests: the real client serializes a generated input, our `detect` + `parseInput` read it
 *   back, and the result must equal the input;
 * - responses: our `serializeOutput` writes a generated output, the client deserializes it, and
 *   the command's result must equal that output (status and request id included);
 * - errors: for each modeled error an operation declares, our `serializeError` writes it and the
 *   client raises that exception class with the same name, message, status and request id.
 *
 * The per-operation error lists are not in the static schemas (an operation schema names only
 * its input and output): they are read from the `@throws` lines the SDK's code generator writes
 * into each command's type declarations, which come from the same Smithy model.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NormalizedSchema } from '@smithy/core/schema';
import { detect, modeledError, parseInput, serializeError, serializeOutput, type ServiceModel } from '../../protocols/index.js';
import { assertOutput, captureVia, commandNames, exceptionClass, exchangeVia, reply, type Sender } from './sdk-harness.js';
import { SAMPLE_MODES, canon, sampleStructure, type SampleMode } from './sample-values.js';

export interface JsonService {
  model: ServiceModel;
  sender: Sender;
  /** The npm package of the client, whose `dist-types/commands` carry the `@throws` lines. */
  packageName: string;
  /** How many operations the pinned client has (a changed count is SDK drift to look at). */
  operationCount: number;
  /** JSON `__type` the service writes for an error name (bare or `namespace#Name`). */
  errorType(name: string): string;
  /**
   * Sample values the client itself refuses to send (say where and why at the service), fixed
   * in place before every call; the driver's samples are used as they are otherwise.
   */
  fixInput?(op: string, input: Record<string, unknown>): void;
}

/** The operation's generated input in `mode`, after the service's `fixInput`. */
export function sampleInput(svc: JsonService, op: string, mode: SampleMode): Record<string, unknown> {
  const input = sampleStructure(operationSchemas(svc.model, op).input, mode);
  svc.fixInput?.(op, input);
  return input;
}

export function operationSchemas(model: ServiceModel, op: string): { input: NormalizedSchema; output: NormalizedSchema } {
  const m = model.operations.get(op);
  assert.ok(m, `model has ${op}`);
  return m;
}

/** `{ Operation: [ErrorName, ...] }` from each `<Op>Command.d.ts`, the service base exception left out. */
export function declaredErrors(packageName: string): Map<string, string[]> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve(`${packageName}/package.json`)), 'dist-types', 'commands');
  const out = new Map<string, string[]>();
  for (const file of readdirSync(dir)) {
    const m = /^(\w+)Command\.d\.ts$/.exec(file);
    if (!m) continue;
    const names = [...readFileSync(join(dir, file), 'utf8').matchAll(/@throws \{@link (\w+)\}/g)].map((x) => x[1]!);
    out.set(m[1]!, [...new Set(names.filter((n) => !n.endsWith('ServiceException')))].sort());
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Send `input` and answer with our serialization of `output` (or of `error`). */
export async function respondWith(
  svc: JsonService,
  op: string,
  input: Record<string, unknown>,
  requestId: string,
  answer: { output: unknown } | { error: ReturnType<typeof modeledError> },
) {
  let body = '';
  const ex = await exchangeVia(svc.sender, op, input, (raw) => {
    const d = detect(raw, [svc.model]);
    assert.ok(d, 'detected');
    assert.equal(d.model.id, svc.model.id);
    assert.equal(d.operation, op);
    const wire = 'output' in answer ? serializeOutput(d, answer.output, requestId) : serializeError(svc.model, 'json', answer.error, requestId);
    assert.equal(wire.headers['content-type'], `application/x-amz-json-${svc.model.jsonVersion}`);
    body = wire.body;
    return reply(wire, requestId);
  });
  return { ...ex, body };
}

export type Feature = 'timestamp' | 'blob' | 'map' | 'list in a list item' | 'list in a map' | 'idempotency token' | 'Unit output' | 'output without members';

/**
 * Which operations exercise each wire feature, so a round trip is known to cover (or not) what it
 * claims: `{ timestamp: ['CreateArchive', ...], ... }`, operations sorted, features absent when unused.
 */
export function modelFeatures(model: ServiceModel): Partial<Record<Feature, string[]>> {
  const found = new Map<Feature, Set<string>>();
  const note = (f: Feature, op: string) => found.set(f, (found.get(f) ?? new Set()).add(op));
  for (const [op, { input, output }] of model.operations) {
    if (!output.isStructSchema()) note('Unit output', op);
    else if (output.getMemberSchemas() && Object.keys(output.getMemberSchemas()).length === 0) note('output without members', op);
    if (input.isStructSchema()) for (const [, m] of input.structIterator()) if (m.getMergedTraits().idempotencyToken) note('idempotency token', op);
    const seen = new Set<string>();
    const walk = (ns: NormalizedSchema, inListItem: boolean, inMap: boolean): void => {
      if (ns.isStructSchema() || ns.isUnionSchema()) {
        const key = `${ns.getName(true)}:${inListItem}:${inMap}`;
        if (seen.has(key)) return;
        seen.add(key);
        for (const [, m] of ns.structIterator()) walk(m, inListItem, inMap);
      } else if (ns.isListSchema()) {
        if (inListItem) note('list in a list item', op);
        if (inMap) note('list in a map', op);
        walk(ns.getValueSchema(), true, inMap);
      } else if (ns.isMapSchema()) {
        note('map', op);
        walk(ns.getValueSchema(), inListItem, true);
      } else if (ns.isBlobSchema()) note('blob', op);
      else if (ns.isTimestampSchema()) note('timestamp', op);
    };
    walk(input, false, false);
    walk(output, false, false);
  }
  return Object.fromEntries([...found].map(([f, ops]) => [f, [...ops].sort()]));
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * What the parser should read for `input`: the input itself, plus the idempotency tokens the
 * client fills in when they are absent (SDK behaviour: a fresh UUID v4 per call, e.g. SFN
 * RedriveExecution's `clientToken`), taken from `parsed` after checking they are UUIDs.
 */
export function expectedJsonInput(ns: NormalizedSchema, input: Record<string, unknown>, parsed: Record<string, unknown>): Record<string, unknown> {
  const expected = { ...input };
  if (!ns.isStructSchema()) return expected;
  for (const [name, member] of ns.structIterator()) {
    if (!member.getMergedTraits().idempotencyToken || input[name] !== undefined) continue;
    assert.match(String(parsed[name]), UUID_V4, `${name}: the client generates a UUID v4 idempotency token`);
    expected[name] = parsed[name];
  }
  return expected;
}

function sampleOutput(svc: JsonService, op: string, mode: SampleMode): Record<string, unknown> {
  return sampleStructure(operationSchemas(svc.model, op).output, mode);
}

export function describeJsonRoundTrips(svc: JsonService): void {
  const { model } = svc;
  const label = model.label;
  const operations = [...model.operations.keys()].sort();
  const errorsByOperation = declaredErrors(svc.packageName);

  describe(`${label} model coverage`, () => {
    it(`has the ${svc.operationCount} operations the client has commands for`, () => {
      assert.equal(operations.length, svc.operationCount);
      assert.deepEqual(operations, commandNames(svc.sender));
      assert.deepEqual([...errorsByOperation.keys()], operations);
    });

    it('every declared error is a modeled error with an exception class', () => {
      for (const [op, names] of errorsByOperation) {
        for (const name of names) {
          assert.ok(model.errors.has(name), `${op} declares ${name}, the model has it`);
          assert.equal(typeof exceptionClass(svc.sender, name), 'function', name);
        }
      }
      const declared = new Set([...errorsByOperation.values()].flat());
      assert.deepEqual([...model.errors.keys()].filter((n) => !declared.has(n)), [], 'no modeled error is declared by no operation');
    });
  });

  describe(`${label} requests: SDK serializes, we parse`, () => {
    for (const op of operations) {
      for (const mode of SAMPLE_MODES) {
        it(`${op} (${mode})`, async () => {
          const input = sampleInput(svc, op, mode);
          const raw = await captureVia(svc.sender, op, input);
          assert.equal(raw.headers['content-type'], `application/x-amz-json-${model.jsonVersion}`);
          const d = detect(raw, [model]);
          assert.ok(d, 'detected');
          assert.equal(d.model.id, model.id);
          assert.equal(d.protocol, 'json');
          assert.equal(d.operation, op);
          const parsed = parseInput(d, raw);
          assert.deepStrictEqual(canon(parsed), canon(expectedJsonInput(operationSchemas(model, op).input, input, parsed)));
        });
      }
    }
  });

  describe(`${label} responses: we serialize, SDK deserializes`, () => {
    for (const op of operations) {
      for (const mode of SAMPLE_MODES) {
        it(`${op} (${mode})`, async () => {
          const input = sampleInput(svc, op, 'required');
          const output = sampleOutput(svc, op, mode);
          const requestId = `rid-${model.id}-${op}-${mode}`;
          assertOutput(await respondWith(svc, op, input, requestId, { output }), requestId, output);
        });
      }
    }
  });

  describe(`${label} errors: we serialize each error an operation declares, SDK raises it`, () => {
    for (const op of operations) {
      for (const name of errorsByOperation.get(op) ?? []) {
        it(`${op}: ${name}`, async () => {
          const known = model.errors.get(name);
          assert.ok(known, `modeled ${name}`);
          const requestId = `rid-${model.id}-${op}-${name}`;
          const message = `${name} from ${op}: <&>"é😀`;
          const input = sampleInput(svc, op, 'required');
          const ex = await respondWith(svc, op, input, requestId, { error: modeledError(model, name, message) });
          assert.deepEqual(JSON.parse(ex.body), { __type: svc.errorType(name), message });
          const Cls = exceptionClass(svc.sender, name);
          assert.ok(Cls && ex.error instanceof Cls, `instance of ${name}, got ${String(ex.error)}`);
          const e = ex.error as Error & { $fault?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
          assert.equal(e.name, name);
          assert.equal(e.message, message);
          assert.equal(e.$fault, known.fault === 'Sender' ? 'client' : 'server');
          assert.equal(e.$metadata?.httpStatusCode, known.status);
          assert.equal(e.$metadata?.requestId, requestId);
        });
      }
    }
  });
}
