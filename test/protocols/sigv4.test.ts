/**
 * SigV4 verification without sockets: AWS's published test-suite vectors (aws-sig-v4-test-suite:
 * AKIDEXAMPLE, 20150830T123600Z, us-east-1, service `service`) in the header form, requests signed
 * and presigned by @smithy/signature-v4 (what every JS v3 client uses) with a fixed date, and each
 * failure with its exact text and the error each service family answers with.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { HttpRequest, buildQueryString } from '@smithy/core/protocols';
import { verifySigV4, authError, canonicalUri, canonicalQuery, canonicalRequest, stringToSign, signingKey, type SignableRequest, type VerifyOptions } from '../../protocols/sigv4/index.js';
import { sha256Hex, signature } from '../../protocols/sigv4/canonical.js';
import { sfnModel, snsModel, sqsModel, eventsModel } from '../../protocols/index.js';

const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SUITE_NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
const MIN = 60_000;

function opts(over: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    service: 'service',
    now: SUITE_NOW,
    skewMs: 5 * MIN,
    lookup: (id) => (id === AKID ? { accessKeyId: AKID, secretAccessKey: SECRET } : undefined),
    ...over,
  };
}

/** A request as Node delivers it: rawHeaders in order, headers lower-cased (duplicates joined). */
function wire(method: string, url: string, headers: [string, string][], body = ''): SignableRequest {
  const q = url.indexOf('?');
  const h: Record<string, string> = {};
  for (const [k, v] of headers) h[k.toLowerCase()] = h[k.toLowerCase()] === undefined ? v : `${h[k.toLowerCase()]}, ${v}`;
  return {
    method,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: h,
    rawHeaders: headers.flat(),
    body: Buffer.from(body),
  };
}

const suiteAuth = (signed: string, sig: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signed}, Signature=${sig}`;
const HOST: [string, string] = ['Host', 'example.amazonaws.com'];
const DATE: [string, string] = ['X-Amz-Date', '20150830T123600Z'];

describe('AWS SigV4 test suite vectors (header form)', () => {
  const vectors: { name: string; req: SignableRequest }[] = [
    {
      name: 'get-vanilla',
      req: wire('GET', '/', [HOST, DATE, ['Authorization', suiteAuth('host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31')]]),
    },
    {
      name: 'get-vanilla-query-order-key-case',
      req: wire('GET', '/?Param2=value2&Param1=value1', [
        HOST,
        DATE,
        ['Authorization', suiteAuth('host;x-amz-date', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500')],
      ]),
    },
    {
      name: 'get-vanilla-utf8-query',
      req: wire('GET', `/?${encodeURIComponent('ሴ')}=bar`, [
        HOST,
        DATE,
        ['Authorization', suiteAuth('host;x-amz-date', '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04')],
      ]),
    },
    {
      name: 'get-header-value-trim',
      req: wire('GET', '/', [
        HOST,
        ['My-Header1', ' value1'],
        ['My-Header2', ' "a   b   c"'],
        DATE,
        ['Authorization', suiteAuth('host;my-header1;my-header2;x-amz-date', 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736')],
      ]),
    },
    {
      name: 'get-header-value-order (a header sent four times)',
      req: wire('GET', '/', [
        HOST,
        ['My-Header1', 'value4'],
        ['My-Header1', 'value1'],
        ['My-Header1', 'value3'],
        ['My-Header1', 'value2'],
        DATE,
        ['Authorization', suiteAuth('host;my-header1;x-amz-date', '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01')],
      ]),
    },
    {
      name: 'post-vanilla-query',
      req: wire('POST', '/?Param1=value1', [HOST, DATE, ['Authorization', suiteAuth('host;x-amz-date', '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11')]]),
    },
    {
      name: 'post-x-www-form-urlencoded',
      req: wire(
        'POST',
        '/',
        [
          ['Content-Type', 'application/x-www-form-urlencoded'],
          HOST,
          DATE,
          ['Authorization', suiteAuth('content-type;host;x-amz-date', 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a')],
        ],
        'Param1=value1',
      ),
    },
  ];
  for (const v of vectors) {
    it(v.name, () => {
      assert.deepEqual(verifySigV4(v.req, opts()), { ok: true, accessKeyId: AKID });
    });
  }

  it('a changed body, header or query no longer matches', () => {
    const form = vectors.at(-1)!.req;
    const tampered = { ...form, body: Buffer.from('Param1=value2') };
    const r = verifySigV4(tampered, opts());
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.kind, 'signature');
    const q = { ...vectors[1]!.req, query: 'Param2=value2&Param1=value3' };
    assert.equal(verifySigV4(q, opts()).ok, false);
  });
});

describe('canonical URI and query (non-S3 rules)', () => {
  it('normalizes the path and encodes each segment a second time', () => {
    assert.equal(canonicalUri('/'), '/');
    assert.equal(canonicalUri(''), '/');
    assert.equal(canonicalUri('/a/./b/../c/'), '/a/c/');
    assert.equal(canonicalUri('//a//b'), '/a/b');
    assert.equal(canonicalUri('/example%20space/'), '/example%2520space/');
    assert.equal(canonicalUri('/000000000000/q-1_x.fifo'), '/000000000000/q-1_x.fifo');
  });
  it('re-encodes query names and values (RFC 3986) and sorts by name, then value', () => {
    assert.equal(canonicalQuery('b=2&a=2&a=1&c'), 'a=1&a=2&b=2&c=');
    assert.equal(canonicalQuery("k=a%20b%2Bc!'()*~"), 'k=a%20b%2Bc%21%27%28%29%2A~');
    assert.equal(canonicalQuery('X-Amz-Signature=abc&Action=X', 'X-Amz-Signature'), 'Action=X');
  });
});

// ---- Requests signed by @smithy/signature-v4, as the JS v3 clients sign them. ----

const FIXED = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
const FIXED_MS = FIXED.getTime();

function signer(service: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = { accessKeyId: AKID, secretAccessKey: SECRET }) {
  return new SignatureV4({ service, region: 'us-east-1', credentials, sha256: Hash.bind(null, 'sha256') });
}

/** A smithy request as NodeHttpHandler puts it on the wire. */
function toWire(r: HttpRequest, repeat?: [string, string]): SignableRequest {
  const qs = buildQueryString(r.query ?? {});
  const raw: string[] = [];
  for (const [k, v] of Object.entries(r.headers)) raw.push(k, v);
  if (repeat) raw.push(...repeat);
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i]!.toLowerCase();
    headers[k] = headers[k] === undefined ? raw[i + 1]! : `${headers[k]}, ${raw[i + 1]!}`;
  }
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body as string);
  return { method: r.method, path: r.path, query: qs, headers, rawHeaders: raw, body };
}

function sqsJsonRequest(body: string, extra: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: '/',
    headers: {
      host: '127.0.0.1:4566',
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.SendMessage',
      ...extra,
    },
    body,
  });
}

const sqsOpts = (over: Partial<VerifyOptions> = {}) => opts({ service: 'sqs', now: FIXED_MS, skewMs: 15 * MIN, ...over });

describe('requests signed by @smithy/signature-v4', () => {
  it('a JSON request with x-amz-content-sha256, and one without', async () => {
    const body = '{"QueueUrl":"http://127.0.0.1:4566/000000000000/q","MessageBody":"hé"}';
    const a = await signer('sqs').sign(sqsJsonRequest(body, { 'x-amz-content-sha256': 'required' }), { signingDate: FIXED });
    // smithy signs the header's value as the payload hash: give it the real one.
    const b = await signer('sqs').sign(sqsJsonRequest(body), { signingDate: FIXED });
    assert.equal(verifySigV4(toWire(b as HttpRequest), sqsOpts()).ok, true);
    assert.equal((a as HttpRequest).headers['x-amz-content-sha256'], 'required');
    assert.equal(verifySigV4(toWire(a as HttpRequest), sqsOpts()).ok, false, 'a declared hash that is not the body hash fails');
  });

  it('UNSIGNED-PAYLOAD is accepted when the request declares it', async () => {
    const r = await signer('sqs').sign(sqsJsonRequest('{"a":1}', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), { signingDate: FIXED });
    assert.equal(verifySigV4(toWire(r as HttpRequest), sqsOpts()).ok, true);
  });

  it('a path needing double encoding, query parameters with reserved characters', async () => {
    const req = new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: '/000000000000/my%20queue',
      query: { Action: 'SendMessage', MessageBody: "a b+c/d=e&f!'()*", Version: '2012-11-05' },
      headers: { host: '127.0.0.1:4566', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    const r = await signer('sqs').sign(req, { signingDate: FIXED });
    assert.equal(verifySigV4(toWire(r as HttpRequest), sqsOpts()).ok, true);
  });

  it('a session token is signed along and must be the configured one', async () => {
    const creds = { accessKeyId: 'ASIATEMP', secretAccessKey: 'tmpsecret', sessionToken: 'TOKEN/abc+=' };
    const r = (await signer('sqs', creds).sign(sqsJsonRequest('{}'), { signingDate: FIXED })) as HttpRequest;
    assert.equal(r.headers['x-amz-security-token'], creds.sessionToken);
    assert.match(r.headers.authorization!, /x-amz-security-token/);
    const lookup = (token: string | undefined) => (id: string) => (id === 'ASIATEMP' ? { accessKeyId: id, secretAccessKey: 'tmpsecret', ...(token ? { sessionToken: token } : {}) } : undefined);
    assert.equal(verifySigV4(toWire(r), sqsOpts({ lookup: lookup(creds.sessionToken) })).ok, true);
    assert.equal(verifySigV4(toWire(r), sqsOpts({ lookup: lookup(undefined) })).ok, true, 'no token configured: any (signed) token');
    const wrong = verifySigV4(toWire(r), sqsOpts({ lookup: lookup('other') }));
    assert.deepEqual(wrong.ok ? undefined : [wrong.kind, wrong.message], ['unknownKey', 'The security token included in the request is invalid.']);
  });

  it('a header sent twice is signed with both values', async () => {
    const r = (await signer('sqs').sign(sqsJsonRequest('{}', { 'x-custom': 'one' }), { signingDate: FIXED })) as HttpRequest;
    assert.equal(verifySigV4(toWire(r), sqsOpts()).ok, true);
    assert.equal(verifySigV4(toWire(r, ['x-custom', 'two']), sqsOpts()).ok, false);
  });

  it('presigned GET (query form), with X-Amz-Expires', async () => {
    const req = new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: '/',
      query: { Action: 'ListQueues', Version: '2012-11-05' },
      headers: { host: '127.0.0.1:4566' },
    });
    const p = (await signer('sqs').presign(req, { signingDate: FIXED, expiresIn: 60 })) as HttpRequest;
    const w = toWire(p);
    assert.match(w.query, /X-Amz-Expires=60/);
    assert.equal(verifySigV4(w, sqsOpts()).ok, true);
    assert.equal(verifySigV4(w, sqsOpts({ now: FIXED_MS + 60_000 })).ok, true, 'valid through its last second');
    const late = verifySigV4(w, sqsOpts({ now: FIXED_MS + 61_000 }));
    assert.deepEqual(late.ok ? undefined : [late.kind, late.message], ['signature', 'Request has expired.']);
    const bad = { ...w, query: w.query.replace('ListQueues', 'DeleteQueue') };
    assert.equal(verifySigV4(bad, sqsOpts()).ok, false);
  });
});

describe('failures, with AWS texts', () => {
  const req = async (over: Partial<VerifyOptions> = {}, date = FIXED) =>
    verifySigV4(toWire((await signer('sqs').sign(sqsJsonRequest('{}'), { signingDate: date })) as HttpRequest), sqsOpts(over));
  const why = (r: ReturnType<typeof verifySigV4>) => (r.ok ? 'ok' : `${r.kind}: ${r.message}`);

  it('no signature at all, or a non-SigV4 Authorization', () => {
    assert.equal(why(verifySigV4(wire('POST', '/', [HOST]), opts())), 'missing: Request is missing Authentication Token');
    assert.equal(why(verifySigV4(wire('POST', '/', [HOST, ['Authorization', 'Basic eDp5']]), opts())), 'missing: Request is missing Authentication Token');
  });

  it('incomplete Authorization headers', () => {
    const auth = 'AWS4-HMAC-SHA256 Signature=abc';
    assert.equal(
      why(verifySigV4(wire('POST', '/', [HOST, ['Authorization', auth]]), opts())),
      "incomplete: Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Signature=abc",
    );
    const full = `AWS4-HMAC-SHA256 Credential=${AKID}/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab`;
    assert.equal(why(verifySigV4(wire('POST', '/', [HOST, ['X-Amz-Date', '2015'], ['Authorization', full]]), opts())), "incomplete: Date must be in ISO-8601 'basic format'. Got '2015'. See http://en.wikipedia.org/wiki/ISO_8601");
    assert.equal(
      why(verifySigV4(wire('POST', '/', [HOST, DATE, ['Authorization', full.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')]]), opts())),
      "incomplete: Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ", // AWS's trailing space (dynalite)
    );
    assert.equal(
      why(verifySigV4(wire('POST', '/', [HOST, DATE, ['Authorization', full.replace('/service/aws4_request', '/service')]]), opts())),
      `incomplete: Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${AKID}/20150830/us-east-1/service'`,
    );
  });

  it('a wrong scope names every wrong element', () => {
    const auth = `AWS4-HMAC-SHA256 Credential=${AKID}/20150831/moon/sns/aws4_x, SignedHeaders=host;x-amz-date, Signature=ab`;
    assert.equal(
      why(verifySigV4(wire('POST', '/', [HOST, DATE, ['Authorization', auth]]), opts())),
      "signature: Credential should be scoped to a valid region, not 'moon'. Credential should be scoped to correct service: 'service'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_x'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
    );
    const noHost = `AWS4-HMAC-SHA256 Credential=${AKID}/20150830/us-east-1/service/aws4_request, SignedHeaders=x-amz-date, Signature=ab`;
    assert.equal(why(verifySigV4(wire('POST', '/', [HOST, DATE, ['Authorization', noHost]]), opts())), "signature: 'Host' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('unknown key, wrong secret', async () => {
    assert.equal(why(await req({ lookup: () => undefined })), 'unknownKey: The security token included in the request is invalid.');
    const r = await req({ lookup: (id) => ({ accessKeyId: id, secretAccessKey: 'wrong' }) });
    assert.equal(
      why(r),
      'signature: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    assert.match(!r.ok ? (r.canonicalRequest ?? '') : '', /^POST\n\/\n\ncontent-type:application\/x-amz-json-1.0\n/);
  });

  it('the skew window, to the second (injected now)', async () => {
    assert.equal(why(await req({ now: FIXED_MS + 15 * MIN })), 'ok');
    assert.equal(why(await req({ now: FIXED_MS + 15 * MIN + 999 })), 'ok', 'now is truncated to the second');
    assert.equal(
      why(await req({ now: FIXED_MS + 15 * MIN + 1000 })),
      'signature: Signature expired: 20240101T000000Z is now earlier than 20240101T000001Z (20240101T001501Z - 15 min.)',
    );
    assert.equal(why(await req({ now: FIXED_MS - 15 * MIN })), 'ok');
    assert.equal(
      why(await req({ now: FIXED_MS - 15 * MIN - 1000 })),
      'signature: Signature not yet current: 20240101T000000Z is still later than 20231231T235959Z (20231231T234459Z + 15 min.)',
    );
    assert.equal(
      why(await req({ now: FIXED_MS + 10 * MIN, skewMs: 5 * MIN })),
      'signature: Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)',
    );
  });
});

describe('errors per service family', () => {
  const failure = (kind: 'missing' | 'incomplete' | 'unknownKey' | 'signature') => ({ ok: false as const, kind, message: 'm' });
  it('query services and SQS over JSON: the query codes', () => {
    for (const [model, protocol] of [
      [sqsModel, 'query'],
      [sqsModel, 'json'],
      [snsModel, 'query'],
    ] as const) {
      assert.deepEqual(
        (['missing', 'incomplete', 'unknownKey', 'signature'] as const).map((k) => {
          const e = authError(model, protocol, failure(k));
          return `${e.code} ${e.queryCode} ${e.status} ${e.fault}`;
        }),
        [
          'MissingAuthenticationToken MissingAuthenticationToken 403 Sender',
          'IncompleteSignature IncompleteSignature 400 Sender',
          'InvalidClientTokenId InvalidClientTokenId 403 Sender',
          'SignatureDoesNotMatch SignatureDoesNotMatch 403 Sender',
        ],
      );
    }
  });
  it('Step Functions and EventBridge: the coral JSON codes', () => {
    for (const model of [sfnModel, eventsModel]) {
      assert.deepEqual(
        (['missing', 'incomplete', 'unknownKey', 'signature'] as const).map((k) => `${authError(model, 'json', failure(k)).code} ${authError(model, 'json', failure(k)).status}`),
        ['MissingAuthenticationTokenException 400', 'IncompleteSignatureException 400', 'UnrecognizedClientException 400', 'InvalidSignatureException 400'],
      );
    }
  });
});

describe('other header and query details', () => {
  it('a Date header (RFC 7231) stands in for X-Amz-Date', () => {
    // Signed by hand with the exported steps (the vectors above check those steps against AWS).
    const base = wire('POST', '/', [
      ['Host', 'h'],
      ['Date', FIXED.toUTCString()],
    ]);
    const canonical = canonicalRequest(base, { signedHeaders: 'date;host', payloadHash: sha256Hex('') });
    const toSign = stringToSign('20240101T000000Z', '20240101/us-east-1/sqs/aws4_request', canonical);
    const sig = signature(signingKey(SECRET, '20240101', 'us-east-1', 'sqs'), toSign);
    const auth = `AWS4-HMAC-SHA256 Credential=${AKID}/20240101/us-east-1/sqs/aws4_request, SignedHeaders=date;host, Signature=${sig}`;
    const req = wire('POST', '/', [['Host', 'h'], ['Date', FIXED.toUTCString()], ['Authorization', auth]]);
    assert.deepEqual(verifySigV4(req, sqsOpts()), { ok: true, accessKeyId: AKID });
    const late = verifySigV4(req, sqsOpts({ now: FIXED_MS + 16 * MIN }));
    assert.match(late.ok ? '' : late.message, /^Signature expired: 20240101T000000Z is now earlier than/);
  });

  it('presigned with a session token (X-Amz-Security-Token in the query)', async () => {
    const creds = { accessKeyId: 'ASIATEMP', secretAccessKey: 'tmpsecret', sessionToken: 'tok/1+2=' };
    const req = new HttpRequest({ method: 'GET', protocol: 'http:', hostname: 'h', path: '/', query: { Action: 'ListQueues' }, headers: { host: 'h' } });
    const p = (await signer('sqs', creds).presign(req, { signingDate: FIXED, expiresIn: 300 })) as HttpRequest;
    const w = toWire(p);
    assert.match(w.query, /X-Amz-Security-Token=tok%2F1%2B2%3D/);
    const lookup = (token: string) => (id: string) => (id === 'ASIATEMP' ? { accessKeyId: id, secretAccessKey: 'tmpsecret', sessionToken: token } : undefined);
    assert.equal(verifySigV4(w, sqsOpts({ lookup: lookup(creds.sessionToken) })).ok, true);
    assert.equal(verifySigV4(w, sqsOpts({ lookup: lookup('other') })).ok, false);
  });

  it('presigned URLs missing parameters, or valid for more than a week', async () => {
    const r = verifySigV4(wire('GET', '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z', [['Host', 'h']]), sqsOpts());
    assert.equal(
      r.ok ? '' : `${r.kind}: ${r.message}`,
      "incomplete: AWS query-string parameters must include 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    );
    const req = new HttpRequest({ method: 'GET', protocol: 'http:', hostname: 'h', path: '/', query: { Action: 'ListQueues' }, headers: { host: 'h' } });
    const p = toWire((await signer('sqs').presign(req, { signingDate: FIXED, expiresIn: 60 })) as HttpRequest);
    const long = { ...p, query: p.query.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801') };
    const v = verifySigV4(long, sqsOpts());
    assert.equal(v.ok ? '' : `${v.kind}: ${v.message}`, 'incomplete: X-Amz-Expires must be less than a week (in seconds) that is 604800');
  });
});
