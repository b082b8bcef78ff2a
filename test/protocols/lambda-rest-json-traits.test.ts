/**
 * restJson1 beyond what Lambda's model uses, for the REST services to come (API Gateway v1/v2,
 * Schemas): greedy labels with a literal tail, literal query parts, `@httpQueryParams`,
 * `@httpPrefixHeaders`, list and timestamp headers, `@mediaType` headers (base64), timestamp
 * formats, `@jsonName`, `@httpResponseCode`. The reference is the SDK's own restJson1 protocol
 * (`AwsRestJsonProtocol` from `@aws-sdk/core`) run on synthetic schemas: it serializes the
 * request we parse and deserializes the response we write. Plus router precedence rules.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsRestJsonProtocol } from '@aws-sdk/core/protocols';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { fromBase64, toBase64 } from '@smithy/util-base64';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { AwsError, RestRouter, detect, parseInput, serializeRestOutput, type ServiceModel } from '../../protocols/index.js';
import { lambdaModel } from '../../protocols/models/lambda.js';
import { readSdkSchemas } from '../../protocols/service-model.js';
import { toRawRequest } from './sdk-harness.js';
import { canon } from './sample-values.js';

// Static schemas as the SDK's codegen writes them: 0 string, 1 number, 2 boolean, 4 timestamp
// (protocol default), 5 date-time, 7 epoch-seconds, 21 blob, 64|0 list of strings, 128|0 map
// of strings; member traits as objects or the bit set (1 httpLabel, 16 httpPayload, 32
// httpResponseCode, 64 httpQueryParams).
const TsList = [1, 'test', 'TsList', 0, 4];
const JsonText = [0, 'test', 'JsonText', { mediaType: 'application/json' }, 0];
const Inner = [3, 'test', 'Inner', 0, ['When', 'Named'], [4, [5, { jsonName: 'named' }]]];
const In = [
  3, 'test', 'TraitsIn', 0,
  ['Id', 'Rest', 'Q', 'QL', 'QT', 'QN', 'QB', 'QP', 'H', 'HL', 'HT', 'HTL', 'HM', 'HN', 'HB', 'PH', 'When', 'Epoch', 'Named', 'Blob', 'Nested'],
  [
    [0, 1], [0, 1], [0, { httpQuery: 'q' }], [64 | 0, { httpQuery: 'ql' }], [4, { httpQuery: 'qt' }], [1, { httpQuery: 'qn' }], [2, { httpQuery: 'qb' }],
    [128 | 0, 64], [0, { httpHeader: 'X-H' }], [64 | 0, { httpHeader: 'X-HL' }], [4, { httpHeader: 'X-HT' }], [() => TsList, { httpHeader: 'X-HTL' }],
    [() => JsonText, { httpHeader: 'X-HM' }], [1, { httpHeader: 'X-HN' }], [2, { httpHeader: 'X-HB' }], [128 | 0, { httpPrefixHeaders: 'X-Meta-' }],
    4, 7, [5, { jsonName: 'named' }], 21, () => Inner,
  ],
  2,
];
const Out = [
  3, 'test', 'TraitsOut', 0,
  ['Code', 'HT', 'HL', 'HM', 'PH', 'When', 'Named', 'Nested', 'Items'],
  [[1, 32], [4, { httpHeader: 'X-HT' }], [64 | 0, { httpHeader: 'X-HL' }], [() => JsonText, { httpHeader: 'X-HM' }], [128 | 0, { httpPrefixHeaders: 'X-Meta-' }], 4, [5, { jsonName: 'named' }], () => Inner, 64 | 0],
];
const PayloadIn = [3, 'test', 'PayloadIn', 0, ['Id', 'Doc'], [[0, 1], [() => Inner, 16]], 1];
const PayloadOut = [3, 'test', 'PayloadOut', 0, ['Text'], [[[0, 'test', 'Txt', { mediaType: 'text/csv' }, 0], 16]]];

const ops = {
  Traits$: [9, 'test', 'Traits', { http: ['PUT', '/things/{Id}/{Rest+}/tail?mode=full', 200] }, () => In, () => Out],
  Payload$: [9, 'test', 'Payload', { http: ['POST', '/things/{Id}/doc', 201] }, () => PayloadIn, () => PayloadOut],
};
const { operations, errors, errorSchemas } = readSdkSchemas(ops);
const model: ServiceModel = {
  ...lambdaModel,
  id: 'traits',
  signingName: 'traits',
  namespace: 'test',
  operations,
  errors,
  errorSchemas,
};

const protocol = new AwsRestJsonProtocol({ defaultNamespace: 'test' } as never);
protocol.setSerdeContext({ base64Encoder: toBase64, base64Decoder: fromBase64, utf8Encoder: toUtf8, utf8Decoder: fromUtf8, streamCollector: async (b: Uint8Array) => b } as never);
const context = { endpoint: async () => ({ protocol: 'http:', hostname: '127.0.0.1', port: 4566, path: '/' }) } as never;

function opSchema(name: 'Traits' | 'Payload'): unknown {
  const raw = ops[`${name}$`];
  return { namespace: 'test', name, traits: raw[3], input: raw[4], output: raw[5] };
}

async function sdkRequest(name: 'Traits' | 'Payload', input: Record<string, unknown>): Promise<ReturnType<typeof toRawRequest>> {
  const req = (await protocol.serializeRequest(opSchema(name) as never, input, context)) as HttpRequest;
  req.headers.authorization = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/traits/aws4_request, SignedHeaders=host, Signature=x';
  return toRawRequest(req);
}

async function sdkResponse(name: 'Traits' | 'Payload', wire: { status: number; headers: Record<string, string>; body: string | Buffer }): Promise<Record<string, unknown>> {
  const body = typeof wire.body === 'string' ? Buffer.from(wire.body) : wire.body;
  const res = new HttpResponse({ statusCode: wire.status, headers: wire.headers, body: new Uint8Array(body) });
  const out = (await protocol.deserializeResponse(opSchema(name) as never, context, res)) as unknown as Record<string, unknown>;
  delete out.$metadata;
  return out;
}

const WHEN = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
const LATER = new Date(Date.UTC(2025, 5, 6, 7, 8, 9, 500));

describe('restJson1 traits against the SDK protocol', () => {
  it('request: labels, greedy label, query, query params, headers, prefix headers, body formats', async () => {
    const input = {
      Id: 'a/b c%',
      Rest: 'deep/er/path é',
      Q: 'q & r',
      QL: ['1', '2,3'],
      QT: WHEN,
      QN: 7.5,
      QB: false,
      QP: { other: 'x y', more: 'z' },
      H: 'h value',
      HL: ['a', 'b,c', 'd"e'],
      HT: WHEN,
      HTL: [WHEN, LATER],
      HM: '{"j":1}',
      HN: 42,
      HB: true,
      PH: { one: '1', two: 'zwei' },
      When: LATER,
      Epoch: WHEN,
      Named: LATER,
      Blob: Uint8Array.from([0xfb, 0xff, 0]),
      Nested: { When: WHEN, Named: LATER },
    };
    const raw = await sdkRequest('Traits', input);
    assert.match(raw.path, /^\/things\/a%2Fb%20c%25\/deep\/er\/path%20%C3%A9\/tail$/);
    assert.equal(raw.headers['x-hm'], Buffer.from('{"j":1}').toString('base64'));
    const body = JSON.parse(raw.body.toString()) as Record<string, unknown>;
    assert.equal(body.named, '2025-06-06T07:08:09.500Z');
    const d = detect(raw, [model]);
    assert.ok(d);
    assert.equal(d.operation, 'Traits');
    const parsed = parseInput(d, raw);
    // The SDK's query params keep only keys no @httpQuery member has; mode=full is the template's own.
    const expected = { ...input, QP: { mode: 'full', other: 'x y', more: 'z' }, HTL: [WHEN, new Date(Date.UTC(2025, 5, 6, 7, 8, 9))] };
    assert.deepStrictEqual(canon(parsed), canon(expected));
  });

  it('response: status from the response-code member, header formats, prefix headers, jsonName and timestamps in the body', async () => {
    const output = { Code: 207, HT: WHEN, HL: ['x', 'y,z'], HM: '[1,2]', PH: { alpha: 'A' }, When: LATER, Named: WHEN, Nested: { When: WHEN, Named: LATER }, Items: [] };
    const d = { model, protocol: 'restJson1' as const, operation: 'Traits' };
    const wire = serializeRestOutput(d, output);
    assert.equal(wire.status, 207);
    assert.equal(wire.headers['x-ht'], 'Tue, 02 Jan 2024 03:04:05 GMT');
    assert.equal(wire.headers['x-hl'], 'x, "y,z"');
    assert.equal(wire.headers['x-hm'], Buffer.from('[1,2]').toString('base64'));
    assert.equal(wire.headers['x-meta-alpha'], 'A');
    assert.deepEqual(JSON.parse(wire.body as string), { When: LATER.getTime() / 1000, named: '2024-01-02T03:04:05.000Z', Nested: { When: WHEN.getTime() / 1000, named: LATER.toISOString() }, Items: [] });
    const result = await sdkResponse('Traits', wire);
    // The SDK hands a JSON media-type header back as its LazyJsonString wrapper.
    assert.equal(String(result.HM), '[1,2]');
    delete result.HM;
    const { HM: _hm, ...rest } = output;
    assert.deepStrictEqual(canon(result), canon(rest));
  });

  it('a structure payload is the whole JSON body; a string payload raw text with its media type', async () => {
    const raw = await sdkRequest('Payload', { Id: 'i', Doc: { When: WHEN, Named: LATER } });
    const d = detect(raw, [model]);
    assert.ok(d);
    assert.deepStrictEqual(canon(parseInput(d, raw)), canon({ Id: 'i', Doc: { When: WHEN, Named: LATER } }));
    const wire = serializeRestOutput(d, { Text: 'a,b\n1,2' });
    assert.equal(wire.status, 201);
    assert.equal(wire.headers['content-type'], 'text/csv');
    assert.equal(wire.body, 'a,b\n1,2');
    assert.deepStrictEqual(await sdkResponse('Payload', wire), { Text: 'a,b\n1,2' });
  });

  it('bad header and query values are the service validation error', async () => {
    const raw = await sdkRequest('Traits', { Id: 'i', Rest: 'r' });
    const d = detect(raw, [model]);
    assert.ok(d);
    for (const [k, v] of [['x-hn', 'many'], ['x-hb', 'yes'], ['x-ht', '2024-01-02']] as const) {
      assert.throws(() => parseInput(d, { ...raw, headers: { ...raw.headers, [k]: v } }), (e: unknown) => e instanceof AwsError && e.status === 400, k);
    }
    assert.throws(() => parseInput(d, { ...raw, query: `${raw.query}&qt=yesterday` }), (e: unknown) => e instanceof AwsError && e.status === 400);
  });
});

describe('REST router', () => {
  const op = (name: string, method: string, uri: string) => ({ name, http: { method, uri, code: 200 } });
  const router = new RestRouter([
    op('Greedy', 'GET', '/f/{Name+}'),
    op('GreedyTail', 'GET', '/f/{Name+}/tail'),
    op('Label', 'GET', '/f/{Name}'),
    op('LabelThen', 'GET', '/f/{Name}/config'),
    op('Literal', 'GET', '/f/special'),
    op('List', 'GET', '/layers'),
    op('Find', 'GET', '/layers?find=LayerVersion'),
    op('Versions', 'GET', '/obj/{Key}?versions'),
    op('Post', 'POST', '/f/{Name}'),
  ]);
  const m = (method: string, path: string, query = '') => {
    const r = router.match(method, path, new URLSearchParams(query));
    return r && [r.route.operation, r.labels];
  };

  it('a literal segment beats a label, a label a greedy label', () => {
    assert.deepEqual(m('GET', '/f/special'), ['Literal', {}]);
    assert.deepEqual(m('GET', '/f/other'), ['Label', { Name: 'other' }]);
    assert.deepEqual(m('GET', '/f/other/config'), ['LabelThen', { Name: 'other' }]);
    assert.deepEqual(m('GET', '/f/a/b/c'), ['Greedy', { Name: 'a/b/c' }]);
    assert.deepEqual(m('GET', '/f/a/b/tail'), ['GreedyTail', { Name: 'a/b' }]);
  });

  it('labels are percent-decoded after splitting; greedy labels keep their slashes', () => {
    assert.deepEqual(m('GET', '/f/a%2Fb'), ['Label', { Name: 'a/b' }]);
    assert.deepEqual(m('GET', '/f/x%20y/z%2Fw'), ['Greedy', { Name: 'x y/z/w' }]);
    assert.equal(m('GET', '/f/%zz'), undefined);
  });

  it('literal query parts pick among routes of one path', () => {
    assert.deepEqual(m('GET', '/layers', 'find=LayerVersion&Arn=x'), ['Find', {}]);
    assert.deepEqual(m('GET', '/layers', 'find=Other'), ['List', {}]);
    assert.deepEqual(m('GET', '/layers/'), ['List', {}]);
    assert.deepEqual(m('GET', '/obj/k', 'versions'), ['Versions', { Key: 'k' }]);
    assert.equal(m('GET', '/obj/k'), undefined);
  });

  it('method, empty labels and unknown paths', () => {
    assert.deepEqual(m('POST', '/f/n'), ['Post', { Name: 'n' }]);
    assert.equal(m('DELETE', '/f/n'), undefined);
    // An empty segment is no label value; the greedy label takes what is left.
    assert.deepEqual(m('GET', '/f//config'), ['Greedy', { Name: '/config' }]);
    assert.equal(m('GET', '/f/'), undefined);
    assert.equal(m('GET', '/nothing'), undefined);
  });

  it("Lambda's routing traps: concurrency across API versions, POST vs PUT, ?List=ALL", () => {
    const route = (method: string, path: string, query = '') => detect({ method, path, query, headers: {}, body: Buffer.alloc(0) }, [lambdaModel])?.operation;
    assert.equal(route('GET', '/2019-09-30/functions/f/concurrency'), 'GetFunctionConcurrency');
    assert.equal(route('PUT', '/2017-10-31/functions/f/concurrency'), 'PutFunctionConcurrency');
    assert.equal(route('PUT', '/2019-09-25/functions/f/event-invoke-config'), 'PutFunctionEventInvokeConfig');
    assert.equal(route('POST', '/2019-09-25/functions/f/event-invoke-config'), 'UpdateFunctionEventInvokeConfig');
    assert.equal(route('GET', '/2019-09-25/functions/f/event-invoke-config/list'), 'ListFunctionEventInvokeConfigs');
    assert.equal(route('GET', '/2019-09-30/functions/f/provisioned-concurrency', 'List=ALL'), 'ListProvisionedConcurrencyConfigs');
    assert.equal(route('GET', '/2019-09-30/functions/f/provisioned-concurrency', 'Qualifier=1'), 'GetProvisionedConcurrencyConfig');
    assert.equal(route('GET', '/2018-10-31/layers', 'find=LayerVersion&Arn=a'), 'GetLayerVersionByArn');
    assert.equal(route('GET', '/2018-10-31/layers'), 'ListLayers');
    assert.equal(route('POST', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations'), 'Invoke');
  });
});

describe('restJson1 header lists', () => {
  it('split on commas outside quotes; quoted items keep their spaces and escapes', async () => {
    const { splitHeaderList } = await import('../../protocols/rest-json/values.js');
    const str = { kind: 'string', needsJsonWalk: false } as const;
    assert.deepEqual(splitHeaderList('a, "b,c" , " d ", "e\\"f",g', str), ['a', 'b,c', ' d ', 'e"f', 'g']);
    assert.deepEqual(splitHeaderList('one', str), ['one']);
  });

  it('an event-stream output is left to the event-stream encoder', () => {
    assert.throws(() => serializeRestOutput({ model: lambdaModel, protocol: 'restJson1', operation: 'InvokeWithResponseStream' }, {}), /event-stream/);
  });
});
