/**
 * Receipt handles: opaque to clients, but they carry everything needed to find the message
 * again without a lookup table (queue, message id, the message's slot in its queue's table, and
 * the nonce of the receive that produced them). A new nonce per receive is what makes an older
 * handle recognisably stale; the id tells a reused slot from the message that had it.
 *
 * Layout (base64url alphabet only): `<queue prefix><id part>_<slot>_<nonce>`.
 * - The queue prefix is base64url("sb2\n" + arn + "\n"), padded with "\n" to whole 3-byte
 *   groups, so one queue's prefix is never a prefix of another's. It is computed once per queue:
 *   a receive or delete costs a string concatenation or comparison, not a base64 round trip.
 * - The id part is the message id itself when it is made of [A-Za-z0-9-] (UUIDs are), else "_"
 *   and the id in base64url. Either way it holds no "_" of its own but that leading one, so the
 *   last two "_" separate the decimal slot and nonce.
 */
const PLAIN_ID = /^[A-Za-z0-9-]+$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_HANDLE = 1024;

export interface DecodedHandle {
  messageId: string;
  slot: number;
  nonce: number;
}

export function receiptHandlePrefix(arn: string): string {
  let header = `sb2\n${arn}\n`;
  while (Buffer.byteLength(header, 'utf8') % 3 !== 0) header += '\n';
  return Buffer.from(header, 'utf8').toString('base64url');
}

export function encodeReceiptHandle(prefix: string, messageId: string, slot: number, nonce: number): string {
  const idPart = PLAIN_ID.test(messageId) ? messageId : `_${Buffer.from(messageId, 'utf8').toString('base64url')}`;
  return `${prefix}${idPart}_${slot}_${nonce}`;
}

/** The canonical decimal integer in `s` from `start` to `end` (at most 15 digits), else -1. */
function decimalAt(s: string, start: number, end: number): number {
  const len = end - start;
  if (len < 1 || len > 15 || (len > 1 && s.charCodeAt(start) === 48)) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Where the run of digits ending at `end` (exclusive) starts. */
function digitsFrom(s: string, end: number): number {
  let i = end;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  return i;
}

const UNDERSCORE = 95;

/** Undefined for anything this queue did not produce (garbage, truncated, hand-edited, another queue's). */
export function decodeReceiptHandle(prefix: string, handle: string): DecodedHandle | undefined {
  if (handle.length > MAX_HANDLE || !handle.startsWith(prefix)) return undefined;
  // Parsed from the end, without intermediate strings: "_<slot>_<nonce>".
  const nonceStart = digitsFrom(handle, handle.length);
  const nonce = decimalAt(handle, nonceStart, handle.length);
  if (nonce < 0 || handle.charCodeAt(nonceStart - 1) !== UNDERSCORE) return undefined;
  const slotEnd = nonceStart - 1;
  const slotStart = digitsFrom(handle, slotEnd);
  const slot = decimalAt(handle, slotStart, slotEnd);
  if (slot < 0 || handle.charCodeAt(slotStart - 1) !== UNDERSCORE) return undefined;
  const idEnd = slotStart - 1;
  if (idEnd <= prefix.length) return undefined;
  let messageId = handle.slice(prefix.length, idEnd);
  if (messageId.charCodeAt(0) === UNDERSCORE) {
    const encoded = messageId.slice(1);
    if (encoded.length === 0 || !BASE64URL.test(encoded)) return undefined;
    messageId = Buffer.from(encoded, 'base64url').toString('utf8');
    // Only the canonical encoding of a well-formed id is ours.
    if (Buffer.from(messageId, 'utf8').toString('base64url') !== encoded) return undefined;
  } else if (!PLAIN_ID.test(messageId)) {
    return undefined;
  }
  return { messageId, slot, nonce };
}
