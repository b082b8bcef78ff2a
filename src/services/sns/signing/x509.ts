/**
 * A minimal DER (ASN.1) encoder and a self-signed X.509 v3 certificate builder.
 *
 * Node's `crypto` can generate keys, sign and parse certificates (`X509Certificate`), but it
 * cannot create one. SNS subscribers fetch `SigningCertURL` and verify the message signature
 * with the public key inside; all they need is a well-formed certificate holding our key.
 *
 * Structures (RFC 5280 §4.1), each a DER SEQUENCE unless noted:
 *   Certificate     = { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 *   TBSCertificate  = { [0] EXPLICIT version, serialNumber INTEGER, signature AlgorithmIdentifier,
 *                       issuer Name, validity { notBefore, notAfter }, subject Name,
 *                       subjectPublicKeyInfo, [3] EXPLICIT extensions }
 *   Name            = SEQUENCE OF RelativeDistinguishedName (a SET OF { type OID, value })
 * DER encodes every element as tag | length | contents, lengths in the shortest form.
 */
import { randomBytes, sign, type KeyObject } from 'node:crypto';

// --- DER primitives -------------------------------------------------------------------------

/** Length octets: one byte below 128, else 0x80|n followed by n big-endian bytes. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV element. */
function tlv(tag: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(contents.length), contents]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const nullValue = () => tlv(0x05, Buffer.alloc(0));
const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const octetString = (b: Buffer) => tlv(0x04, b);
const boolean = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
/** BIT STRING whose length is a whole number of bytes: a leading 0 counts the unused bits. */
const bitString = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
/** Context-specific, constructed, explicit tag [n]. */
const explicit = (n: number, inner: Buffer) => tlv(0xa0 | n, inner);

/** INTEGER from unsigned big-endian bytes: minimal, and a 0x00 prefix keeps it positive. */
function unsignedInteger(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let body = bytes.subarray(i);
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return tlv(0x02, body.length ? body : Buffer.from([0]));
}

/** OBJECT IDENTIFIER: the first two arcs share a byte (40*a+b), the rest are base-128. */
function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let g = 0; g < groups.length - 1; g++) groups[g]! |= 0x80;
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

/** RFC 5280 §4.1.2.5: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime from 2050. */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-:T]/g, ''); // 20260101000000
  const year = new Date(ms).getUTCFullYear();
  return year < 2050 ? tlv(0x17, Buffer.from(digits.slice(2) + 'Z')) : tlv(0x18, Buffer.from(digits + 'Z'));
}

// --- The certificate ------------------------------------------------------------------------

const OID = {
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
};

/** A Name with one attribute per RDN, in the order given (e.g. O then CN). */
function name(attrs: Array<[string, string]>): Buffer {
  return sequence(...attrs.map(([type, value]) => set(sequence(oid(type), utf8String(value)))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

export interface SelfSignedOptions {
  privateKey: KeyObject;
  publicKey: KeyObject;
  commonName: string;
  organization?: string;
  notBefore: number;
  notAfter: number;
}

/** A PEM certificate, subject = issuer, signed SHA256withRSA by its own key. */
export function selfSignedCertificatePem(o: SelfSignedOptions): string {
  const algorithm = sequence(oid(OID.sha256WithRSAEncryption), nullValue());
  const subject = name([
    ...(o.organization ? [[OID.organizationName, o.organization] as [string, string]] : []),
    [OID.commonName, o.commonName],
  ]);
  // 16 random bytes, top bit cleared: a positive serial of at most 20 octets (RFC 5280 §4.1.2.2).
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const extensions = sequence(
    extension(OID.basicConstraints, true, sequence()), // cA defaults to FALSE
    // keyUsage BIT STRING: bit 0 digitalSignature → 0x80, with 7 unused bits.
    extension(OID.keyUsage, true, tlv(0x03, Buffer.from([7, 0x80]))),
  );
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    algorithm,
    subject, // issuer
    sequence(time(o.notBefore), time(o.notAfter)),
    subject,
    o.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, o.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
