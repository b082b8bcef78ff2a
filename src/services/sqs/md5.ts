/**
 * The MD5 digests SQS returns. Clients check the body MD5 (JS v3) and Java/.NET/PHP also check
 * the attribute MD5, so the algorithm must be AWS's exactly (research/sqs.md "MD5s").
 */
import * as crypto from 'node:crypto';
import type { MessageAttributes } from '../../engines/queue/index.js';

const { createHash } = crypto;
// One-shot `crypto.hash` (Node ≥ 20.12) is ~3× faster than a Hash object for message-sized input;
// every send and every received message needs one.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export const md5Hex: (s: string) => string = oneShot
  ? (s) => oneShot('md5', s, 'hex')
  : (s) => createHash('md5').update(s, 'utf8').digest('hex');

function lengthPrefixed(bytes: Uint8Array): Buffer[] {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return [len, Buffer.from(bytes)];
}

/** MD5 over sorted names: len+name, len+type, transport byte (1 string/number, 2 binary), len+value. Undefined when empty. */
export function md5OfAttributes(attrs: MessageAttributes | undefined): string | undefined {
  if (!attrs) return undefined;
  const names = Object.keys(attrs).sort();
  if (!names.length) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const a = attrs[name]!;
    parts.push(...lengthPrefixed(Buffer.from(name, 'utf8')), ...lengthPrefixed(Buffer.from(a.DataType, 'utf8')));
    if (a.BinaryValue !== undefined && a.DataType.startsWith('Binary')) {
      parts.push(Buffer.from([2]), ...lengthPrefixed(a.BinaryValue));
    } else {
      parts.push(Buffer.from([1]), ...lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8')));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
