/** Hostile scalar values shared by the JSON and query mutators. */
import type { Rng } from './prng.js';

/** Number literals as raw JSON text (some are not JSON at all). */
export const NUMBER_TEXTS = [
  '1e300', '-1e300', '1e309', '-0', '0.0000001', '1e-400', '123456789012345678901234567890', '9007199254740993',
  '2147483648', '-2147483649', '1.5', '-1', '0', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '+1', '.5', '5.', '01',
];

/** The same as form values. */
export const NUMBER_VALUES = [...NUMBER_TEXTS, '', ' 1', '1 ', 'abc', 'true', '１２'];

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** Awkward text: unicode, controls, lone surrogates (as JS strings; UTF-8 encoders turn them into U+FFFD). */
export function weirdString(rng: Rng): string {
  return rng.pick([
    '', ' ', '\u0000', '\u0001\u0002\u001f', '\ud800', '\udfff', 'a\ud800b', '\uffff\ufffe', '\u202e\u200b', '😀'.repeat(100),
    '<![CDATA[', ']]>', '<x>&amp;', '%s%n%d', '${x}', '{{x}}', "'\"\\", '\r\n\r\n', 'é'.normalize('NFD'), 'null', 'undefined',
    '__proto__', 'arn:aws:sqs:us-east-1:000000000000:', 'http://127.0.0.1:1/000000000000/x', '../../etc/passwd', '\u{10ffff}',
  ]);
}

/** A string of `n` characters (up to a few MiB). */
export function hugeString(rng: Rng): string {
  const n = rng.pick([1024, 64 * 1024, 262_145, 1_048_577, 3 * 1024 * 1024]);
  return rng.pick(['x', 'é', '😀', '\\', '"', '<']).repeat(rng.chance(0.5) ? n : Math.ceil(n / 2));
}

/** Deeply nested JSON text (arrays, objects or both), built without recursion. */
export function deepJsonText(rng: Rng, depth = rng.depth()): string {
  switch (rng.int(0, 3)) {
    case 0:
      return '['.repeat(depth) + ']'.repeat(depth);
    case 1:
      return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    case 2:
      return '[{"a":'.repeat(depth) + 'null' + '}]'.repeat(depth);
    default:
      // Unclosed: deep and truncated.
      return '['.repeat(depth);
  }
}

/** JSON text that is valid but hostile inside string members holding JSON (patterns, policies, inputs). */
export function hostileJsonText(rng: Rng): string {
  return rng.pick([
    () => deepJsonText(rng),
    () => '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
    () => '{"a":1e300,"b":-0,"c":123456789012345678901234567890}',
    () => `{"source":[${'"x",'.repeat(rng.int(1000, 100_000))}"y"]}`,
    () => `{"${'k'.repeat(100_000)}":1}`,
    () => '{"a":[null,null,{"b":[null]}],"source":[null],"detail":{"x":[{"numeric":[">",1e300]}]}}',
    () => '{"source":[{"prefix":""},{"wildcard":"*'.padEnd(5000, '*') + '"}]}',
    () => `{"a":"\\ud800","b":"\\u0000"}`,
    () => '{"a":1,"a":2}',
    () => '[]',
    () => 'null',
    () => '{',
  ])();
}
