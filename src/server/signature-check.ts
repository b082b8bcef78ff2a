/**
 * Optional SigV4 verification for servers shared by a team (`verifySignatures` /
 * `--verify-signatures`): every AWS protocol request over HTTP must be signed with one of the
 * configured access keys. The wire rules live in protocols/sigv4; this module owns the real
 * clock (injectable for tests), the key lookup, the signing-key cache and the logging.
 *
 * Not checked: the developer endpoints (`/_signalbox/*`, health) and in-process bridge calls,
 * which never reach the HTTP dispatch.
 */
import type { Detected, RawRequest, AwsError } from '../../protocols/index.js';
import { authError, signatureSkewMs, verifySigV4, type SigV4Credential } from '../../protocols/sigv4/index.js';
import type { Logger } from '../core/logger.js';

export type { SigV4Credential } from '../../protocols/sigv4/index.js';

export interface VerifySignaturesOptions {
  /** The access keys requests may be signed with (at least one). */
  credentials: readonly SigV4Credential[];
  /** Epoch milliseconds to check signing dates against (tests); default the system clock. */
  now?: () => number;
}

/** The AWS error for a request whose signature does not check out, else undefined. */
export type SignatureCheck = (d: Detected, raw: RawRequest) => AwsError | undefined;

export function createSignatureCheck(options: VerifySignaturesOptions, logger: Logger): SignatureCheck {
  const keys = new Map<string, SigV4Credential>();
  for (const c of validCredentials(options.credentials)) keys.set(c.accessKeyId, c);
  const now = options.now ?? Date.now;
  const keyCache = new Map<string, Buffer>();
  const lookup = (id: string) => keys.get(id);
  return (d, raw) => {
    const result = verifySigV4(raw, { service: d.model.signingName, now: now(), skewMs: signatureSkewMs(d.model, d.protocol), lookup, keyCache });
    if (result.ok) return undefined;
    if (logger.enabled('debug')) {
      logger.debug(`${d.model.label}.${d.operation || '?'} signature check failed (${result.kind}): ${result.message}`);
      if (result.canonicalRequest !== undefined) {
        logger.debug(`canonical request:\n${result.canonicalRequest}\nstring to sign:\n${result.stringToSign ?? ''}`);
      }
    }
    return authError(d.model, d.protocol, result);
  };
}

function validCredentials(list: readonly SigV4Credential[] | undefined): readonly SigV4Credential[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError('verifySignatures.credentials must list at least one { accessKeyId, secretAccessKey }');
  }
  list.forEach((c, i) => {
    if (!c || typeof c.accessKeyId !== 'string' || !c.accessKeyId || typeof c.secretAccessKey !== 'string' || !c.secretAccessKey) {
      throw new TypeError(`verifySignatures.credentials[${i}] needs a non-empty accessKeyId and secretAccessKey`);
    }
    if (c.sessionToken !== undefined && (typeof c.sessionToken !== 'string' || !c.sessionToken)) {
      throw new TypeError(`verifySignatures.credentials[${i}].sessionToken must be a non-empty string when given`);
    }
  });
  return list;
}

/**
 * Credentials written as `AKID:SECRET[:SESSION_TOKEN]`, separated by commas or newlines (the
 * `--credentials` flag, `SIGNALBOX_CREDENTIALS`, or a credentials file). Blank lines and lines
 * starting with `#` are skipped. Throws a message naming `source` for a malformed entry.
 */
export function parseCredentialList(text: string, source: string): SigV4Credential[] {
  const out: SigV4Credential[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    for (const entry of line.split(',')) {
      const e = entry.trim();
      if (!e) continue;
      const parts = e.split(':');
      if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
        throw new Error(`${source}: expected AKID:SECRET or AKID:SECRET:SESSION_TOKEN, got '${e.replace(/:.*/, ':…')}'`);
      }
      const [accessKeyId, secretAccessKey, sessionToken] = parts as [string, string, string | undefined];
      out.push({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
    }
  }
  if (!out.length) throw new Error(`${source}: no credentials (expected AKID:SECRET[,AKID2:SECRET2])`);
  return out;
}

/**
 * `--credentials` / `SIGNALBOX_CREDENTIALS`: the list itself, or `@path` to a file holding it
 * (`readFile` is the caller's, so only bin/ touches the file system).
 */
export function credentialsFromSpec(spec: string, source: string, readFile: (path: string) => string): SigV4Credential[] {
  if (!spec.startsWith('@')) return parseCredentialList(spec, source);
  const file = spec.slice(1);
  let text: string;
  try {
    text = readFile(file);
  } catch {
    throw new Error(`${source}: cannot read '${file}'`);
  }
  return parseCredentialList(text, file);
}
