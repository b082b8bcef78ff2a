/**
 * Receipt handles: opaque to clients, but they carry everything needed to find the message
 * again without a lookup table (queue ARN, message id, and the nonce of the receive that
 * produced them). A new nonce per receive is what makes an older handle recognisably stale.
 */
const PREFIX = 'sb1';
const SEP = '\n';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface DecodedHandle {
  arn: string;
  messageId: string;
  nonce: number;
}

export function encodeReceiptHandle(arn: string, messageId: string, nonce: number): string {
  return Buffer.from([PREFIX, arn, messageId, String(nonce)].join(SEP), 'utf8').toString('base64url');
}

/** Returns undefined for anything we did not produce (garbage, truncated, hand-edited). */
export function decodeReceiptHandle(handle: string): DecodedHandle | undefined {
  if (handle.length === 0 || handle.length > 1024 || !BASE64URL.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64url').toString('utf8').split(SEP);
  if (parts.length !== 4 || parts[0] !== PREFIX) return undefined;
  const [, arn, messageId, nonceText] = parts as [string, string, string, string];
  const nonce = Number(nonceText);
  if (!arn || !messageId || !Number.isSafeInteger(nonce) || String(nonce) !== nonceText) return undefined;
  return { arn, messageId, nonce };
}
