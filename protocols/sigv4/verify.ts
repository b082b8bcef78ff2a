/**
 * Checks one request's SigV4 signature, in the Authorization header form or the presigned
 * query form, against the configured credentials. Pure: the caller passes `now`, the signing
 * name and the clock-skew window. Returns the signer's access key, or why the request fails;
 * `authError` (errors.ts) turns a failure into the service's AWS error.
 *
 * The order of the checks follows what AWS answers for a request with several faults (recorded
 * in dynalite's index.js for DynamoDB): missing token, incomplete signature, date, host signed,
 * algorithm, credential shape, credential scope, access key, signature, session token.
 *
 * LIMITATIONS: SigV4A (AWS4-ECDSA-P256-SHA256), chunked `STREAMING-*` payloads, HTTP/2
 * `:authority` and S3's single-encoded paths are not supported (no served service uses them).
 */
import { timingSafeEqual } from 'node:crypto';
import {
  ALGORITHM,
  UNSIGNED_PAYLOAD,
  amzDate,
  canonicalRequest,
  headerValues,
  parseAmzDate,
  queryPairs,
  scopeString,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
  type SignableRequest,
} from './canonical.js';

export interface SigV4Credential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests signed with this key must carry exactly this `x-amz-security-token`. */
  sessionToken?: string;
}

export type AuthFailureKind =
  /** No Authorization header and no presigned query parameters. */
  | 'missing'
  /** A part of the signature is absent or malformed (400 everywhere). */
  | 'incomplete'
  /** The scope, the signed headers or the signature itself is wrong, or the date is outside the window. */
  | 'signature'
  /** Unknown access key, or a session token that does not belong to it. */
  | 'unknownKey';

export interface AuthFailure {
  ok: false;
  kind: AuthFailureKind;
  message: string;
  /** For a signature mismatch: what we computed (for a debug log, never sent). */
  canonicalRequest?: string;
  stringToSign?: string;
}

export interface AuthSuccess {
  ok: true;
  accessKeyId: string;
}

export interface VerifyOptions {
  /** The service's signing name (`sqs`, `sns`, `events`, `states`). */
  service: string;
  /** Epoch milliseconds. */
  now: number;
  /** How far (ms) a signing date may lie before or after `now`. */
  skewMs: number;
  lookup(accessKeyId: string): SigV4Credential | undefined;
  /** A signing-key cache owned by the caller (one per server), keyed by secret/date/region/service. */
  keyCache?: Map<string, Buffer>;
}

const MAX_PRESIGN_EXPIRES = 604800;
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function fail(kind: AuthFailureKind, message: string, extra: Partial<AuthFailure> = {}): AuthFailure {
  return { ok: false, kind, message, ...extra };
}

function header(req: SignableRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The fields of either signature form, before any check beyond presence. */
interface Signed {
  presigned: boolean;
  credential: string;
  signedHeaders: string;
  signature: string;
  /** The signing date as `YYYYMMDDTHHMMSSZ` (from X-Amz-Date, or the Date header). */
  date: string;
  /** Presigned: X-Amz-Expires as sent. */
  expires?: string;
  /** Presigned: X-Amz-Content-Sha256 from the query. */
  contentSha256?: string;
  securityToken?: string;
}

function fromHeader(req: SignableRequest, auth: string): Signed | AuthFailure {
  const trimmed = auth.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const params = new Map<string, string>();
  let problems = '';
  for (const part of (space < 0 ? '' : trimmed.slice(space + 1)).split(',')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq < 0) {
      // unverified text (dynalite's notes quote it for a part without '=')
      problems += `'${p}' not a valid key=value pair (missing equal-sign) in Authorization header: '${auth}'. `;
      continue;
    }
    params.set(p.slice(0, eq), p.slice(eq + 1));
  }
  if (problems) return fail('incomplete', problems.trimEnd());
  // The IncompleteSignature texts below, the date, host, algorithm and scope texts further down:
  // DynamoDB's, recorded in dynalite's index.js.
  const xDate = header(req, 'x-amz-date');
  const httpDate = header(req, 'date');
  let msg = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) msg += `Authorization header requires '${name}' parameter. `;
  }
  if (!xDate && !httpDate) msg += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (msg) return fail('incomplete', `${msg}Authorization=${auth}`);
  let date = xDate ?? '';
  if (!xDate) {
    const ms = Date.parse(httpDate!);
    date = Number.isNaN(ms) ? httpDate! : amzDate(ms);
  }
  if (algorithm !== ALGORITHM) {
    return fail('incomplete', `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `);
  }
  const token = header(req, 'x-amz-security-token');
  return {
    presigned: false,
    credential: params.get('Credential')!,
    signedHeaders: params.get('SignedHeaders')!,
    signature: params.get('Signature')!,
    date,
    ...(token !== undefined ? { securityToken: token } : {}),
  };
}

function fromQuery(req: SignableRequest): Signed | AuthFailure {
  const q = new Map<string, string>();
  for (const [k, v] of queryPairs(req.query)) if (!q.has(k)) q.set(k, v);
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'];
  const absent = required.filter((n) => !q.get(n));
  if (absent.length) {
    // unverified text (S3 words this as AuthorizationQueryParametersError)
    return fail('incomplete', `AWS query-string parameters must include ${absent.map((n) => `'${n}'`).join(', ')}. Re-examine the query-string parameters.`);
  }
  const algorithm = q.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) {
    return fail('incomplete', `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `);
  }
  const expires = q.get('X-Amz-Expires');
  const sha = q.get('X-Amz-Content-Sha256');
  const token = q.get('X-Amz-Security-Token') ?? header(req, 'x-amz-security-token');
  return {
    presigned: true,
    credential: q.get('X-Amz-Credential')!,
    signedHeaders: q.get('X-Amz-SignedHeaders')!,
    signature: q.get('X-Amz-Signature')!,
    date: q.get('X-Amz-Date')!,
    ...(expires !== undefined ? { expires } : {}),
    ...(sha !== undefined ? { contentSha256: sha } : {}),
    ...(token !== undefined ? { securityToken: token } : {}),
  };
}

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function verifySigV4(req: SignableRequest, opts: VerifyOptions): AuthSuccess | AuthFailure {
  const auth = header(req, 'authorization');
  const presign = /(^|&)X-Amz-(Algorithm|Credential|Signature)=/.test(req.query);
  // A non-SigV4 Authorization header (Basic, AWS signature version 2) counts as no token.
  let signed: Signed | AuthFailure;
  if (auth && auth.trim().startsWith('AWS4-')) signed = fromHeader(req, auth);
  else if (presign) signed = fromQuery(req);
  // DynamoDB's text (dynalite); unverified text for SQS, SNS, Step Functions and EventBridge.
  else return fail('missing', 'Request is missing Authentication Token');
  if ('ok' in signed) return signed;

  // The date: format, then the clock-skew window (the presigned form: X-Amz-Expires instead of the past window).
  const dateMs = parseAmzDate(signed.date);
  if (dateMs === undefined) {
    return fail('incomplete', `Date must be in ISO-8601 'basic format'. Got '${signed.date}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const nowMs = Math.floor(opts.now / 1000) * 1000;
  const minutes = Math.round(opts.skewMs / 60000);
  if (signed.presigned) {
    let expires = 900;
    if (signed.expires !== undefined) {
      if (!/^\d+$/.test(signed.expires) || +signed.expires < 1) {
        // unverified text
        return fail('incomplete', `X-Amz-Expires must be a positive integer number of seconds, got '${signed.expires}'.`);
      }
      if (+signed.expires > MAX_PRESIGN_EXPIRES) {
        // unverified text (S3's wording)
        return fail('incomplete', `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_EXPIRES}`);
      }
      expires = +signed.expires;
    }
    // unverified text
    if (nowMs > dateMs + expires * 1000) return fail('signature', 'Request has expired.');
  } else if (dateMs < nowMs - opts.skewMs) {
    // Recorded from SQS, SNS and DynamoDB (errors.ts lists the sources).
    return fail('signature', `Signature expired: ${signed.date} is now earlier than ${amzDate(nowMs - opts.skewMs)} (${amzDate(nowMs)} - ${minutes} min.)`);
  }
  // Recorded from Kinesis ("+ 5 min."); for SQS and SNS the 15 minutes are unverified.
  if (dateMs > nowMs + opts.skewMs) {
    return fail('signature', `Signature not yet current: ${signed.date} is still later than ${amzDate(nowMs + opts.skewMs)} (${amzDate(nowMs)} + ${minutes} min.)`);
  }

  const signedNames = signed.signedHeaders.split(';');
  // Over HTTP/2 the SDKs sign the host as the `:authority` pseudo-header.
  if (!signedNames.includes('host') && !signedNames.includes(':authority')) return fail('signature', "'Host' must be a 'SignedHeader' in the AWS Authorization.");

  // The credential: five elements, then each scope element (all problems in one message).
  const cred = signed.credential.replace(/\/+$/, '').split('/');
  if (cred.length !== 5) {
    return fail(
      'incomplete',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${signed.credential}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = cred as [string, string, string, string, string];
  let scopeMsg = '';
  if (!REGION_RE.test(region)) scopeMsg += `Credential should be scoped to a valid region, not '${region}'. `;
  if (service !== opts.service) scopeMsg += `Credential should be scoped to correct service: '${opts.service}'. `;
  if (terminator !== 'aws4_request') scopeMsg += `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `;
  if (scopeDate !== signed.date.slice(0, 8)) {
    scopeMsg += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${signed.date.slice(0, 8)}', from '${signed.date}'.`;
  }
  if (scopeMsg) return fail('signature', scopeMsg.trimEnd());

  const credential = opts.lookup(accessKeyId);
  if (!credential) return fail('unknownKey', 'The security token included in the request is invalid.');

  // The signature. The payload line: the body's hash; UNSIGNED-PAYLOAD when the request says so
  // (x-amz-content-sha256 header, or X-Amz-Content-Sha256 of a presigned URL); a presigned URL
  // made without either may have been signed either way (botocore presigns UNSIGNED-PAYLOAD).
  const declared = signed.contentSha256 ?? header(req, 'x-amz-content-sha256');
  const bodyHash = sha256Hex(req.body);
  const candidates =
    declared === UNSIGNED_PAYLOAD ? [UNSIGNED_PAYLOAD] : signed.presigned && declared === undefined ? [bodyHash, UNSIGNED_PAYLOAD] : [bodyHash];
  const key = cachedKey(opts, credential.secretAccessKey, scopeDate, region, service);
  const scope = scopeString(scopeDate, region, service);
  const values = headerValues(req);
  let canonical = '';
  let toSign = '';
  let matched = false;
  for (const payloadHash of candidates) {
    canonical = canonicalRequest(req, { signedHeaders: signed.signedHeaders, payloadHash, ...(signed.presigned ? { omitQuery: 'X-Amz-Signature' } : {}) }, values);
    toSign = stringToSign(signed.date, scope, canonical);
    if (equalHex(signature(key, toSign), signed.signature.toLowerCase())) {
      matched = true;
      break;
    }
  }
  // DynamoDB's text (dynalite), which AWS follows there with the canonical request and string to
  // sign; we log those at debug instead. The same sentence is what SQS/SNS clients report.
  if (!matched) {
    return fail(
      'signature',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      { canonicalRequest: canonical, stringToSign: toSign },
    );
  }
  // DynamoDB words a bad token without the final period (dynalite); unverified text here.
  if (credential.sessionToken !== undefined && signed.securityToken !== credential.sessionToken) {
    return fail('unknownKey', 'The security token included in the request is invalid.');
  }
  return { ok: true, accessKeyId };
}

function cachedKey(opts: VerifyOptions, secret: string, date: string, region: string, service: string): Buffer {
  const cache = opts.keyCache;
  if (!cache) return signingKey(secret, date, region, service);
  const id = `${secret}\n${date}\n${region}\n${service}`;
  let key = cache.get(id);
  if (!key) {
    if (cache.size >= 256) cache.clear();
    key = signingKey(secret, date, region, service);
    cache.set(id, key);
  }
  return key;
}
