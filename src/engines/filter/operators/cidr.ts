/**
 * IP addresses and CIDR blocks, read the way AWS's engine reads them (event-ruler's CIDR class on
 * Java's InetAddress): a text is an address only if it looks like dotted-quad IPv4 or like
 * hex-and-colons IPv6; anything else is a "Nonstandard IP address", and something that looks
 * right but does not parse is an "Invalid IP address". Masks of /32 (IPv4) and /128 (IPv6) are
 * refused. Addresses are 128-bit integers so both families share one comparison.
 */
import { FilterPolicyError } from '../errors.js';

export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** All addresses of one family between `low` and `high`, inclusive. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly low: bigint;
  readonly high: bigint;
}

/**
 * event-ruler raises CIDR problems outside its JSON parser (no source pointer in AWS's message,
 * and no retry of the pattern without `$or`); parse-pattern needs to tell them apart.
 */
export class CidrError extends FilterPolicyError {}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Parses an address, or returns null when the text is not one (event values that are not IPs simply do not match). */
export function parseIp(text: string): IpAddress | null {
  // Matching parses the same event values again and again (once per CIDR condition per event):
  // remember recent answers (results are immutable, so sharing them is safe).
  const known = ipCache.get(text);
  if (known !== undefined) return known;
  const ip = IPV4_SHAPE.test(text) ? parseIpv4(text) : IPV6_SHAPE.test(text) ? parseIpv6(text) : null;
  if (ipCache.size >= IP_CACHE_MAX) ipCache.clear();
  ipCache.set(text, ip);
  return ip;
}

const IP_CACHE_MAX = 1024;
const ipCache = new Map<string, IpAddress | null>();

export function ipInRange(range: IpRange, ip: IpAddress): boolean {
  return ip.family === range.family && ip.value >= range.low && ip.value <= range.high;
}

export function parseCidr(text: string): IpRange {
  // Java's String.split drops trailing empty strings: "10.0.0.0/8/" has two parts.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  const [address, maskText] = parts;
  if (parts.length !== 2 || address === undefined || maskText === undefined) {
    throw new CidrError("Malformed CIDR, one '/' required");
  }
  const maskBits = parseJavaInt(maskText);
  if (maskBits === null) throw new CidrError('Malformed CIDR, mask bits must be an integer');
  if (maskBits < 0) throw new CidrError('Malformed CIDR, mask bits must not be negative');

  const looksLikeIp = IPV4_SHAPE.test(address) || IPV6_SHAPE.test(address);
  const ip = looksLikeIp ? parseIp(address) : null;
  if (looksLikeIp && ip === null) throw new CidrError(`Invalid IP address: ${address}`);
  if (ip === null) throw new CidrError(`Nonstandard IP address: ${address}`);
  if (ip.family === 4 && maskBits > 31) throw new CidrError('IPv4 mask bits must be < 32');
  if (ip.family === 6 && maskBits > 127) throw new CidrError('IPv6 mask bits must be < 128');

  const width = ip.family === 4 ? 32n : 128n;
  const hostBits = width - BigInt(maskBits);
  const hostMask = (1n << hostBits) - 1n;
  return { family: ip.family, low: ip.value & ~hostMask, high: ip.value | hostMask };
}

/** Integer.parseInt: optional sign, decimal digits, 32-bit range. */
function parseJavaInt(text: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const value = Number(text);
  return value >= -2147483648 && value <= 2147483647 ? value : null;
}

function parseIpv4(text: string): IpAddress | null {
  let value = 0n;
  for (const part of text.split('.')) {
    if (part.length > 10) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return { family: 4, value };
}

function parseIpv6(text: string): IpAddress | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string | undefined) => (half === undefined || half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  const compressed = halves.length === 2;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return null;
  const groups = compressed ? [...head, ...Array<string>(missing).fill('0'), ...tail] : head;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  // Java turns IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) into IPv4 addresses.
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}
