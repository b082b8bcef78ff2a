/**
 * Malformed input against the real service handlers, for every operation of every service
 * (generated from the compiled operation schemas): whatever the member, the answer is the
 * protocol's AWS-shaped 4xx, never a 500 InternalFailure, a crash or a hang.
 *
 * - JSON services: `null` as the item of every list (of structures or scalars); a 10,000-deep nested array
 *   as the value of every member (at any depth);
 * - every service: a 10,000-deep JSON text as the value of every string member (the members
 *   that carry JSON documents: patterns, filter policies, policies, details, templates);
 * - query services: a list item with sub-keys but no value.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compiledOperation } from '../../protocols/operations.js';
import { detect, type RawRequest, type ServiceModel } from '../../protocols/index.js';
import type { Shape, StructureShape } from '../../protocols/shape.js';
import { serveAws, type DispatchDeps } from '../../src/server/aws-dispatch.js';
import { createServiceGraph, type ServiceGraph } from '../../src/services/wire.js';
import { createLogger } from '../../src/core/logger.js';
import { nodeTimers, Scheduler } from '../../src/core/scheduler.js';
import { systemClock } from '../../src/core/clock.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const QUEUE_URL = `http://127.0.0.1:4566/${ACCOUNT}/q1`;
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:t1`;
const DEPTH = 10_000;
const DEEP_ARRAY = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const DEEP_OBJECT = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A plausible wire value for a shape (existing resources' names where members name them). */
function sample(shape: Shape, name: string, seen: Set<string>): Json {
  switch (shape.kind) {
    case 'structure': {
      if (seen.has(shape.name)) return {};
      const inner = new Set(seen).add(shape.name);
      const out: Record<string, Json> = {};
      for (const m of shape.members) out[m.name] = sample(m.shape, m.name, inner);
      return out;
    }
    case 'list':
      return [sample(shape.member, name, seen)];
    case 'map':
      return { k1: sample(shape.value, name, seen) };
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'blob':
      return 'AQID';
    case 'timestamp':
      return 1_700_000_000;
    case 'string':
      if (/^QueueUrl$/i.test(name)) return QUEUE_URL;
      if (/TopicArn$/i.test(name)) return TOPIC_ARN;
      if (name === 'DataType') return 'String';
      return 'v1';
    default:
      return {};
  }
}

interface Site {
  /** Member names and list/map steps from the input root, for the test title. */
  path: string[];
  shape: Shape;
}

/** Every member (at any depth, recursive shapes once), with its shape. */
function sites(shape: StructureShape, path: string[] = [], seen = new Set<string>()): Site[] {
  if (seen.has(shape.name)) return [];
  const inner = new Set(seen).add(shape.name);
  const out: Site[] = [];
  for (const m of shape.members) {
    const p = [...path, m.name];
    out.push({ path: p, shape: m.shape });
    let s: Shape = m.shape;
    const steps: string[] = [];
    while (s.kind === 'list' || s.kind === 'map') {
      steps.push(s.kind === 'list' ? '0' : 'k1');
      s = s.kind === 'list' ? s.member : s.value;
    }
    if (s.kind === 'structure') out.push(...sites(s, [...p, ...steps], inner));
  }
  return out;
}

/** Set the value at `path` in a sample (creating nothing: the sample has every member). */
function setAt(root: Json, path: string[], value: Json): void {
  let node = root as Record<string, Json>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string, Json>;
  node[path[path.length - 1]!] = value;
}

const SCOPE = (svc: string) => `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/${REGION}/${svc}/aws4_request, SignedHeaders=host, Signature=00`;

function jsonRaw(model: ServiceModel, op: string, body: string): RawRequest {
  const headers: RawRequest['headers'] = {
    'content-type': `application/x-amz-json-${model.jsonVersion}`,
    'x-amz-target': `${model.targetPrefix}.${op}`,
    authorization: SCOPE(model.signingName),
    host: '127.0.0.1:4566',
  };
  if (model.queryCompatible) headers['x-amzn-query-mode'] = 'true';
  return { method: 'POST', path: '/', query: '', headers, body: Buffer.from(body) };
}

function queryRaw(model: ServiceModel, op: string, params: Array<[string, string]>): RawRequest {
  const form = new URLSearchParams([['Action', op], ['Version', model.queryVersion!], ...params]);
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: SCOPE(model.signingName), host: '127.0.0.1:4566' },
    body: Buffer.from(form.toString()),
  };
}

/** Query params for a sample value, by the model's query names. */
function queryParams(shape: Shape, flattened: boolean, value: Json, prefix: string, out: Array<[string, string]>): void {
  if (value === null) return;
  switch (shape.kind) {
    case 'structure':
      for (const m of shape.members) {
        const v = (value as Record<string, Json>)[m.name];
        if (v !== undefined) queryParams(m.shape, m.flattened, v, `${prefix}${m.xmlName}${m.shape.kind === 'structure' ? '.' : ''}`, out);
      }
      return;
    case 'list':
      (value as Json[]).forEach((item, i) => {
        const p = flattened ? `${prefix}.${i + 1}` : `${prefix}.${shape.memberXmlName}.${i + 1}`;
        queryParams(shape.member, false, item, shape.member.kind === 'structure' ? `${p}.` : p, out);
      });
      return;
    case 'map':
      Object.entries(value as Record<string, Json>).forEach(([k, v], i) => {
        const p = flattened ? `${prefix}.${i + 1}` : `${prefix}.entry.${i + 1}`;
        out.push([`${p}.${shape.keyXmlName}`, k]);
        const vp = `${p}.${shape.valueXmlName}`;
        queryParams(shape.value, false, v, shape.value.kind === 'structure' ? `${vp}.` : vp, out);
      });
      return;
    default:
      out.push([prefix, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
}

function queryParamsOf(shape: StructureShape, value: Record<string, Json>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of shape.members) {
    const v = value[m.name];
    if (v === undefined) continue;
    queryParams(m.shape, m.flattened, v, m.shape.kind === 'structure' ? `${m.xmlName}.` : m.xmlName, out);
  }
  return out;
}

let graph: ServiceGraph;
let deps: DispatchDeps;
let scheduler: Scheduler;

async function send(raw: RawRequest): Promise<{ status: number; body: string }> {
  const d = detect(raw, graph.models);
  assert.ok(d, 'detected');
  const wire = await Promise.race([
    serveAws(d, raw, deps, { aborted: () => false, onAbort: () => {} }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), 5000).unref()),
  ]);
  return { status: wire.status, body: wire.body };
}

/** A 4xx with the protocol's error shape (JSON `__type`, or a query `<ErrorResponse>`). */
function assertAwsClientError(r: { status: number; body: string }, json: boolean): void {
  assert.ok(r.status >= 400 && r.status < 500, `expected a 4xx, got ${r.status} ${r.body.slice(0, 300)}`);
  if (json) {
    const body = JSON.parse(r.body) as { __type?: string };
    assert.ok(body.__type && !/InternalFailure/.test(body.__type), r.body.slice(0, 300));
  } else {
    assert.match(r.body, /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>[A-Za-z.]+<\/Code>/, r.body.slice(0, 300));
  }
}

before(async () => {
  scheduler = new Scheduler(systemClock, nodeTimers);
  graph = createServiceGraph({ clock: systemClock, scheduler, logger: createLogger('silent'), defaults: { account: ACCOUNT, region: REGION } });
  deps = { services: graph.services, defaults: { account: ACCOUNT, region: REGION }, logger: createLogger('silent') };
  const sqs = graph.models.find((m) => m.id === 'sqs')!;
  const sns = graph.models.find((m) => m.id === 'sns')!;
  assert.equal((await send(jsonRaw(sqs, 'CreateQueue', '{"QueueName":"q1"}'))).status, 200);
  assert.equal((await send(queryRaw(sns, 'CreateTopic', [['Name', 't1']]))).status, 200);
});

after(() => {
  graph.close();
  scheduler.close();
});

const CASES: Array<[string, 'json' | 'query']> = [
  ['sqs', 'json'],
  ['sqs', 'query'],
  ['sns', 'query'],
  ['events', 'json'],
  ['states', 'json'],
];

for (const [id, flavor] of CASES) {
  describe(`${id} (${flavor}): malformed members get the protocol's 4xx`, () => {
    // Models are needed to build the cases: take them from a throwaway graph.
    const probe = createServiceGraph({ clock: systemClock, scheduler: new Scheduler(systemClock, nodeTimers), logger: createLogger('silent'), defaults: { account: ACCOUNT, region: REGION } });
    const model = probe.models.find((m) => m.id === id)!;
    probe.close();
    const json = flavor === 'json';
    for (const op of [...model.operations.keys()].sort()) {
      const input = compiledOperation(model, op)!.input;
      const all = sites(input);
      const base = () => sample(input, op, new Set()) as Record<string, Json>;
      const body = (v: Record<string, Json>) => (json ? JSON.stringify(v) : '');
      const request = (v: Record<string, Json>): RawRequest => (json ? jsonRaw(model, op, body(v)) : queryRaw(model, op, queryParamsOf(input, v)));
      if (json) {
        for (const s of all.filter((s) => s.shape.kind === 'list')) {
          it(`${op} ${s.path.join('.')}: [null]`, async () => {
            const v = base();
            setAt(v, s.path, [null]);
            assertAwsClientError(await send(request(v)), json);
          });
        }
        it(`${op}: a ${DEPTH}-deep array in every member`, async () => {
          for (const s of all) {
            const v = base();
            setAt(v, s.path, '\u0000DEEP');
            const text = body(v).replace('"\\u0000DEEP"', DEEP_ARRAY);
            const r = await send(jsonRaw(model, op, text));
            assertAwsClientError(r, json);
          }
        });
      }
      const strings = all.filter((s) => s.shape.kind === 'string');
      if (strings.length && id !== 'states') {
        it(`${op}: ${DEPTH}-deep JSON text in every string member`, async () => {
          for (const s of strings) {
            for (const deep of [DEEP_ARRAY, DEEP_OBJECT]) {
              const v = base();
              setAt(v, s.path, deep);
              const r = await send(request(v));
              assert.ok(r.status < 500, `${s.path.join('.')}: ${r.status} ${r.body.slice(0, 300)}`);
            }
          }
        });
      }
      if (!json) {
        const lists = all.filter((s) => s.shape.kind === 'list');
        for (const s of lists) {
          it(`${op} ${s.path.join('.')}: an item with sub-keys but no value`, async () => {
            const params = queryParamsOf(input, base());
            const member = input.byName.get(s.path[0]!);
            if (!member || s.path.length > 1 || s.shape.kind !== 'list') return;
            const key = member.flattened ? `${member.xmlName}.1.x` : `${member.xmlName}.${s.shape.memberXmlName}.1.x`;
            const kept = params.filter(([k]) => !k.startsWith(member.xmlName + '.') && k !== member.xmlName);
            const r = await send(queryRaw(model, op, [...kept, [key, 'z']]));
            assert.ok(r.status < 500, `${r.status} ${r.body.slice(0, 300)}`);
          });
        }
      }
    }
  });
}
