/**
 * Ids and randomness are injected (like time, design §5): engines draw UUIDs, random numbers and
 * random bytes from a `Randomness` they are given, never from `Math.random` or node:crypto, so a
 * test can seed one and get the same ids, tokens and retry jitter on every run.
 *
 * `cryptoRandomness` is the default of a Signalbox instance (node:crypto for ids, bytes and
 * integers, Math.random for numbers: what the engines used before);
 * `seededRandomness(seed)` is deterministic (a PRNG, not for secrets) for tests.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export interface Randomness {
  /** A version 4 UUID in lower case (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`). */
  uuid(): string;
  /** A number in [0, 1). */
  random(): number;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
  /** An integer in [0, max) (max ≤ 2^48, as node:crypto's randomInt). */
  int(max: number): number;
}

export const cryptoRandomness: Randomness = {
  uuid: () => randomUUID(),
  random: () => Math.random(),
  bytes: (n) => randomBytes(n),
  int: (max) => randomInt(max),
};

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Formats 16 bytes as a v4 UUID (sets the version and variant bits, as randomUUID does). */
export function uuidFromBytes(b: Uint8Array): string {
  const h = (i: number, v = b[i]!): string => HEX[v]!;
  return (
    h(0) + h(1) + h(2) + h(3) + '-' + h(4) + h(5) + '-' + h(6, (b[6]! & 0x0f) | 0x40) + h(7) + '-' +
    h(8, (b[8]! & 0x3f) | 0x80) + h(9) + '-' + h(10) + h(11) + h(12) + h(13) + h(14) + h(15)
  );
}

/**
 * A deterministic Randomness: the same seed gives the same sequence of values across every
 * method (one shared sfc32 stream, seeded from the number through splitmix32).
 */
export function seededRandomness(seed: number): Randomness {
  let s = Math.trunc(seed) | 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  const random = (): number => next32() / 4294967296;
  const bytes = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      let w = next32();
      for (let k = i; k < i + 4 && k < n; k++, w >>>= 8) out[k] = w & 0xff;
    }
    return out;
  };
  return {
    uuid: () => uuidFromBytes(bytes(16)),
    random,
    bytes,
    int: (max) => {
      if (!Number.isSafeInteger(max) || max <= 0) throw new RangeError(`int(max): max must be a positive safe integer, got ${max}`);
      // 53 bits of randomness, then reduce (the bias is below 2^-5 for max ≤ 2^48).
      const r = (next32() >>> 5) * 67108864 + (next32() >>> 6);
      return Math.floor((r / 9007199254740992) * max);
    },
  };
}
