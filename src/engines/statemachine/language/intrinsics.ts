/**
 * Intrinsic functions (`States.Format('x {}', $.a)` ...): a real parser for the call syntax,
 * compiled once into a closure tree, and the 18 functions with AWS's limits.
 *
 * Syntax: `States.Name(arg, ...)`; an argument is a string literal in single quotes (escapes
 * `\'` `\{` `\}` `\\`), a number, `null`, `true`, `false`, a path (`$.a`, `$$.Execution.Id`,
 * `$var.x`) or a nested call; calls nest at most 10 deep.
 */
import { createHash } from 'node:crypto';
import type { Json, JsonObject } from '../asl.js';
import { StatesError } from '../errors.js';
import { isObject, jsonEquals, LanguageCompileError, toJson } from './json.js';
import { MISSING, parseJsonPath } from './jsonpath.js';
import { compilePathReader, notFoundInInput } from './paths.js';
import type { PathScope } from './scope.js';

type Evaluator = (scope: PathScope) => Json;

/** A compiled argument; string literals keep their Format template parts. */
interface Arg {
  ev: Evaluator;
  /** For a string literal: the text split at unescaped `{}` placeholders. */
  template?: string[];
  literal: boolean;
}

const MAX_DEPTH = 10;

export function isIntrinsicCall(text: string): boolean {
  return text.startsWith('States.');
}

/** Compiles an intrinsic call; `field` names the `X.$` key (or ErrorPath/CausePath) for errors. */
export function compileIntrinsic(text: string, field: string): Evaluator {
  const p = new IntrinsicParser(text, field);
  const ev = p.parseCall(0);
  p.blanks();
  if (p.i !== text.length) p.fail();
  return ev;
}

function runtime(cause: string): StatesError {
  return new StatesError('States.Runtime', cause);
}

class IntrinsicParser {
  i = 0;
  constructor(
    readonly s: string,
    readonly field: string,
  ) {}

  fail(): never {
    // AWS's CreateStateMachine text for a malformed `X.$` value (recorded in scenarios snapshots)
    throw new LanguageCompileError(
      `The value for the field '${this.field}' must be a valid JSONPath or a valid intrinsic function call`,
    );
  }

  blanks(): void {
    while (this.i < this.s.length && (this.s[this.i] === ' ' || this.s[this.i] === '\t')) this.i++;
  }

  parseCall(depth: number): Evaluator {
    if (depth >= MAX_DEPTH) this.fail();
    const m = /^States\.([A-Za-z0-9]+)\s*\(/.exec(this.s.slice(this.i));
    if (!m) this.fail();
    const name = m[1]!;
    this.i += m[0].length;
    const args: Arg[] = [];
    this.blanks();
    if (this.s[this.i] === ')') {
      this.i++;
    } else {
      for (;;) {
        args.push(this.parseArg(depth));
        this.blanks();
        const c = this.s[this.i];
        this.i++;
        if (c === ')') break;
        if (c !== ',') this.fail();
      }
    }
    const def = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!def) this.fail();
    if (args.length < def.min || args.length > def.max) this.fail();
    return def.build(args, `States.${name}`, this.s);
  }

  parseArg(depth: number): Arg {
    this.blanks();
    const s = this.s;
    const c = s[this.i];
    if (c === "'") return this.parseString();
    if (s.startsWith('States.', this.i)) return { ev: this.parseCall(depth + 1), literal: false };
    if (c === '$') {
      const start = this.i;
      let bracket = 0;
      while (this.i < s.length) {
        const ch = s[this.i]!;
        if (ch === "'" || ch === '"') {
          for (this.i++; this.i < s.length && s[this.i] !== ch; this.i++) if (s[this.i] === '\\') this.i++;
        } else if (ch === '[' || ch === '(') bracket++;
        else if (ch === ']' || ch === ')') {
          if (bracket === 0) break;
          bracket--;
        } else if (ch === ',' && bracket === 0) break;
        this.i++;
      }
      const text = s.slice(start, this.i).trim();
      let path;
      try {
        path = parseJsonPath(text);
      } catch {
        this.fail();
      }
      const read = compilePathReader(text);
      const field = this.field;
      return {
        ev: (scope) => {
          const v = read(scope);
          if (v === MISSING) throw notFoundInInput(path, field, scope);
          return v;
        },
        literal: false,
      };
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|null|true|false)(?=\s*[,)])/.exec(s.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
    const v = JSON.parse(m[0]) as Json;
    return { ev: () => v, literal: true };
  }

  parseString(): Arg {
    const s = this.s;
    this.i++; // opening quote
    let value = '';
    const template: string[] = [];
    let part = '';
    for (;;) {
      if (this.i >= s.length) this.fail();
      const c = s[this.i]!;
      if (c === "'") {
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n !== "'" && n !== '{' && n !== '}' && n !== '\\') this.fail();
        value += n;
        part += n;
        this.i += 2;
        continue;
      }
      if (c === '{' && s[this.i + 1] === '}') {
        template.push(part);
        part = '';
        value += '{}';
        this.i += 2;
        continue;
      }
      value += c;
      part += c;
      this.i++;
    }
    template.push(part);
    return { ev: () => value, template, literal: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Functions

interface FunctionDef {
  min: number;
  max: number;
  build(args: Arg[], name: string, text: string): Evaluator;
}

const MAX_STRING = 10000;

/** Java's `toString` rendering AWS uses for States.Format arguments: `{a=1, b=[x, y]}`. */
export function formatValue(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  return `{${Object.keys(v)
    .map((k) => `${k}=${formatValue(v[k]!)}`)
    .join(', ')}}`;
}

// All argument-type texts below are unverified (AWS's exact wording is not recorded).
function wantArray(v: Json, name: string, pos: string): Json[] {
  if (!Array.isArray(v)) throw runtime(`Invalid arguments in ${name}: the ${pos} argument must be an array, but was: ${toJson(v)}`); // unverified text
  return v;
}
function wantString(v: Json, name: string, pos: string): string {
  if (typeof v !== 'string') throw runtime(`Invalid arguments in ${name}: the ${pos} argument must be a string, but was: ${toJson(v)}`); // unverified text
  return v;
}
function wantNumber(v: Json, name: string, pos: string): number {
  if (typeof v !== 'number') throw runtime(`Invalid arguments in ${name}: the ${pos} argument must be a number, but was: ${toJson(v)}`); // unverified text
  return v;
}
function wantInteger(v: Json, name: string, pos: string): number {
  const n = wantNumber(v, name, pos);
  if (!Number.isInteger(n)) throw runtime(`Invalid arguments in ${name}: the ${pos} argument must be an integer, but was: ${toJson(v)}`); // unverified text
  return n;
}
const ORD = ['first', 'second', 'third'];

/** Java Math.round (half up), without -0. */
function javaRound(n: number): number {
  return Math.floor(n + 0.5) + 0;
}

/** Deterministic PRNG for States.MathRandom / $random with a seed (mulberry32). */
export function seededRandom(seed: number): number {
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export function hashHex(data: string, algorithm: string): string | undefined {
  const alg = HASH_ALGORITHMS[algorithm];
  return alg ? createHash(alg).update(data, 'utf8').digest('hex') : undefined;
}

/** Builds a def from a plain function of the evaluated argument values. */
function fn(min: number, max: number, impl: (v: Json[], name: string, scope: PathScope) => Json): FunctionDef {
  return {
    min,
    max,
    build(args, name) {
      const evs = args.map((a) => a.ev);
      if (evs.length === 0) return (scope) => impl([], name, scope);
      if (evs.length === 1) {
        const a = evs[0]!;
        return (scope) => impl([a(scope)], name, scope);
      }
      if (evs.length === 2) {
        const a = evs[0]!;
        const b = evs[1]!;
        return (scope) => impl([a(scope), b(scope)], name, scope);
      }
      return (scope) => impl(evs.map((e) => e(scope)), name, scope);
    },
  };
}

export function stringSplit(s: string, delims: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (delims.includes(ch)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur !== '') out.push(cur);
  return out;
}

export function arrayRange(start: number, end: number, step: number, name: string): number[] {
  if (step === 0) throw runtime(`Invalid arguments in ${name}: the step argument cannot be 0`); // unverified text
  const out: number[] = [];
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    out.push(v);
    if (out.length > 1000) {
      throw runtime(`The ${name} function cannot create an array with more than 1000 items`); // unverified text
    }
  }
  return out;
}

export function arrayPartition(arr: Json[], size: number, name: string): Json[][] {
  if (size <= 0) throw runtime(`Invalid arguments in ${name}: the chunk size must be greater than 0, but was: ${size}`); // unverified text
  const out: Json[][] = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

const FUNCTIONS: Record<string, FunctionDef> = {
  Format: {
    min: 1,
    max: Infinity,
    build(args, name) {
      const first = args[0]!;
      const rest = args.slice(1).map((a) => a.ev);
      const fixed = first.template;
      return (scope) => {
        let parts = fixed;
        if (!parts) parts = wantString(first.ev(scope), name, 'first').split('{}');
        if (parts.length - 1 !== rest.length) {
          // unverified text
          throw runtime(
            `Invalid arguments in ${name}: the number of arguments (${rest.length}) does not match the number of placeholders (${parts.length - 1})`,
          );
        }
        let out = parts[0]!;
        for (let k = 0; k < rest.length; k++) out += formatValue(rest[k]!(scope)) + parts[k + 1]!;
        return out;
      };
    },
  },
  StringToJson: fn(1, 1, ([s], name) => {
    const text = wantString(s!, name, 'first').trim();
    if (text === '') return null;
    try {
      const v = JSON.parse(text) as Json;
      return v === 0 ? 0 : v;
    } catch {
      throw runtime(`Invalid arguments in ${name}: the string is not valid JSON: ${toJson(s!)}`); // unverified text
    }
  }),
  JsonToString: fn(1, 1, ([v]) => JSON.stringify(v)),
  Array: fn(0, Infinity, (v) => v),
  ArrayPartition: fn(2, 2, ([a, n], name) =>
    arrayPartition(wantArray(a!, name, 'first'), wantInteger(n!, name, 'second'), name),
  ),
  ArrayContains: fn(2, 2, ([a, v], name) => wantArray(a!, name, 'first').some((e) => jsonEquals(e, v!))),
  ArrayRange: fn(3, 3, ([a, b, c], name) =>
    arrayRange(wantInteger(a!, name, ORD[0]!), wantInteger(b!, name, ORD[1]!), wantInteger(c!, name, ORD[2]!), name),
  ),
  ArrayGetItem: fn(2, 2, ([a, i], name) => {
    const arr = wantArray(a!, name, 'first');
    const idx = wantInteger(i!, name, 'second');
    if (idx < 0 || idx >= arr.length) {
      throw runtime(`Invalid arguments in ${name}: the index ${idx} is out of bounds for an array of length ${arr.length}`); // unverified text
    }
    return arr[idx]!;
  }),
  ArrayLength: fn(1, 1, ([a], name) => wantArray(a!, name, 'first').length),
  ArrayUnique: fn(1, 1, ([a], name) => {
    const out: Json[] = [];
    for (const e of wantArray(a!, name, 'first')) if (!out.some((x) => jsonEquals(x, e))) out.push(e);
    return out;
  }),
  Base64Encode: fn(1, 1, ([s], name) => {
    const str = wantString(s!, name, 'first');
    if (str.length > MAX_STRING) {
      throw runtime(`Invalid arguments in ${name}: the input string exceeds the maximum length of ${MAX_STRING} characters`); // unverified text
    }
    return Buffer.from(str, 'utf8').toString('base64');
  }),
  Base64Decode: fn(1, 1, ([s], name) => {
    const str = wantString(s!, name, 'first');
    if (str.length > MAX_STRING) {
      throw runtime(`Invalid arguments in ${name}: the input string exceeds the maximum length of ${MAX_STRING} characters`); // unverified text
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(str) || str.length % 4 === 1) {
      throw runtime(`Invalid arguments in ${name}: the input is not a valid Base64 string`); // unverified text
    }
    return Buffer.from(str, 'base64').toString('utf8');
  }),
  Hash: fn(2, 2, ([d, alg], name) => {
    const data = typeof d === 'string' ? d : JSON.stringify(d);
    if (data.length > MAX_STRING) {
      throw runtime(`Invalid arguments in ${name}: the input data exceeds the maximum length of ${MAX_STRING} characters`); // unverified text
    }
    const algorithm = wantString(alg!, name, 'second');
    const h = hashHex(data, algorithm);
    if (h === undefined) {
      // unverified text
      throw runtime(
        `Invalid arguments in ${name}: the hash algorithm '${algorithm}' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512`,
      );
    }
    return h;
  }),
  JsonMerge: fn(3, 3, ([a, b, deep], name) => {
    if (deep !== false) throw runtime(`Invalid arguments in ${name}: deep merging is not supported, the third argument must be false`); // unverified text
    if (!isObject(a!) || !isObject(b!)) {
      throw runtime(`Invalid arguments in ${name}: the first and second arguments must be JSON objects`); // unverified text
    }
    const out: JsonObject = { ...a, ...b };
    return out;
  }),
  MathRandom: fn(2, 3, ([a, b, seed], name, scope) => {
    const start = wantNumber(a!, name, 'first');
    const end = wantNumber(b!, name, 'second');
    const r = seed === undefined ? scope.random.random() : seededRandom(wantNumber(seed, name, 'third'));
    return Math.floor(start + r * (end - start)) + 0;
  }),
  MathAdd: fn(2, 2, ([a, b], name) => javaRound(wantNumber(a!, name, 'first')) + javaRound(wantNumber(b!, name, 'second'))),
  StringSplit: fn(2, 2, ([s, d], name) => stringSplit(wantString(s!, name, 'first'), wantString(d!, name, 'second'))),
  UUID: fn(0, 0, (_v, _name, scope) => scope.random.uuid()),
};

export const INTRINSIC_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS).map((n) => `States.${n}`);
