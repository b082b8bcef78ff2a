/**
 * JSONata mode: `{% expr %}` strings anywhere in a value, Assign and Choice `Condition`.
 *
 * Each expression is compiled once (the closure is the cache). Evaluation binds `$states` and
 * every variable the expression names (found in its AST at compile time, so no enumeration of
 * the scope is needed), plus AWS's extra functions ($partition, $range, $hash, $random, $uuid,
 * $parse). `$eval` is not available, as on AWS (T1006).
 */
import jsonata from 'jsonata';
import type { Json, JsonObject } from '../asl.js';
import { StatesError } from '../errors.js';
import { arrayPartition, hashHex, seededRandom } from './intrinsics.js';
import { isObject, jsonTypeName, LanguageCompileError, toJson } from './json.js';
import type { Randomness } from '../../../core/ids.js';
import type { JsonataScope } from './scope.js';

export function isJsonataExpression(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression inside `{% ... %}`, trimmed. */
export function jsonataBody(value: string): string {
  return value.slice(2, -2).trim();
}

type Evaluate = (scope: JsonataScope) => Promise<Json>;

function qe(cause: string, location: string): StatesError {
  return new StatesError('States.QueryEvaluationError', cause, location);
}

// --- AWS's extra functions -------------------------------------------------------------------

function asSequence<T>(arr: T[]): T[] {
  // Lets JSONata unwrap a one-item result like its own sequences (AWS: $range(1, 9, 9) → 1).
  Object.defineProperty(arr, 'sequence', { value: true, configurable: true, writable: true });
  return arr;
}

/**
 * The evaluation's Randomness is bound under a name no expression can spell (names cannot hold
 * spaces); $random and $uuid find it through the frame JSONata passes them as `this`.
 */
const RANDOM_BINDING = ' random';

interface Focus {
  environment: { lookup(name: string): unknown };
}

function randomness(focus: Focus): Randomness {
  return focus.environment.lookup(RANDOM_BINDING) as Randomness;
}

function fnError(message: string): Error {
  return new Error(message); // unverified text (AWS's wording for these functions is not recorded)
}

const EXTRA_FUNCTIONS: Array<[string, (this: Focus, ...args: never[]) => unknown, string]> = [
  [
    'partition',
    (arr: unknown, size: unknown) => {
      if (!Array.isArray(arr)) throw fnError('$partition: the first argument must be an array');
      if (typeof size !== 'number' || !Number.isInteger(size)) throw fnError('$partition: the second argument must be an integer');
      try {
        return arrayPartition(arr as Json[], size, '$partition');
      } catch {
        throw fnError('$partition: the chunk size must be greater than 0');
      }
    },
    '<an:a>',
  ],
  [
    'range',
    (start: unknown, end: unknown, step: unknown) => {
      if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number') {
        throw fnError('$range: the arguments must be numbers');
      }
      if (step === 0) throw fnError('$range: the step cannot be 0');
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) throw fnError('$range: the result cannot have more than 1000 items');
      }
      return asSequence(out);
    },
    '<nnn:a>',
  ],
  [
    'hash',
    (value: unknown, algorithm: unknown) => {
      if (typeof value !== 'string') throw fnError('$hash: the first argument must be a string');
      if (value.length > 10000) throw fnError('$hash: the input exceeds the maximum length of 10000 characters');
      const h = typeof algorithm === 'string' ? hashHex(value, algorithm) : undefined;
      if (h === undefined) throw fnError(`$hash: unsupported algorithm ${JSON.stringify(algorithm)}; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512`);
      return h;
    },
    '<ss:s>',
  ],
  [
    'random',
    function (this: Focus, seed?: unknown) {
      if (seed === undefined) return randomness(this).random();
      if (typeof seed !== 'number') throw fnError('$random: the seed must be a number');
      return seededRandom(seed);
    },
    '<n?:n>',
  ],
  [
    'uuid',
    function (this: Focus) {
      return randomness(this).uuid();
    },
    '<:s>',
  ],
  [
    'parse',
    (text: unknown) => {
      if (typeof text !== 'string') throw fnError('$parse: the argument must be a string');
      try {
        const v = JSON.parse(text) as Json;
        return v === 0 ? 0 : v;
      } catch {
        throw fnError(`$parse: the argument is not valid JSON: ${text}`);
      }
    },
    '<s:j>',
  ],
];

// --- compiling ---------------------------------------------------------------------------------

interface AstNode {
  type?: string;
  value?: unknown;
  [k: string]: unknown;
}

function collectVariables(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectVariables(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as AstNode;
  if (n.type === 'variable' && typeof n.value === 'string' && n.value !== '') out.add(n.value);
  for (const k of Object.keys(n)) {
    const v = n[k];
    if (v !== null && typeof v === 'object') collectVariables(v, out);
  }
}

const RESERVED = new Set(['states', 'eval', ...EXTRA_FUNCTIONS.map(([n]) => n)]);

/**
 * JSONata keeps a frame's variables in a plain object, where `$__proto__` can neither be bound
 * nor looked up (it reads Object.prototype). AWS keeps `__proto__` as an ordinary variable name,
 * so the compiled AST names it by an alias no expression can spell (names cannot hold spaces).
 */
const PROTO_ALIAS = ' __proto__';

function aliasProtoVariables(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) aliasProtoVariables(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as AstNode;
  if (n.type === 'variable' && n.value === '__proto__') n.value = PROTO_ALIAS;
  for (const k of Object.keys(n)) {
    const v = n[k];
    if (v !== null && typeof v === 'object') aliasProtoVariables(v);
  }
}
const NOT_A_FUNCTION = {};

interface JsonataError {
  code?: string;
  message?: string;
}

/** Compiles one expression (the text inside `{% %}`) evaluated for `location`. */
export function compileJsonataExpression(expr: string, location: string): Evaluate {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expr);
  } catch (e) {
    const err = e as JsonataError;
    // unverified text (AWS rejects the definition; its exact wording is not recorded)
    throw new LanguageCompileError(
      `The JSONata expression '${expr}' specified for the field '${location}' is not valid: ${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`,
    );
  }
  for (const [name, impl, sig] of EXTRA_FUNCTIONS) compiled.registerFunction(name, impl as never, sig);
  compiled.assign('eval', NOT_A_FUNCTION);
  if (expr.includes('__proto__')) aliasProtoVariables(compiled.ast());
  const names = new Set<string>();
  collectVariables(compiled.ast(), names);
  const varNames = [...names].filter((n) => !RESERVED.has(n));
  const usesStates = names.has('states');
  const usesRandom = names.has('random') || names.has('uuid');

  return async (scope) => {
    const bindings: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    if (usesStates) bindings.states = scope.states;
    if (usesRandom) bindings[RANDOM_BINDING] = scope.random;
    for (const n of varNames) {
      const v = scope.variables.get(n === PROTO_ALIAS ? '__proto__' : n);
      if (v !== undefined) bindings[n] = v;
    }
    let result: unknown;
    try {
      result = await compiled.evaluate(null, bindings);
    } catch (e) {
      const err = e as JsonataError;
      const tail = err.code ? `. ${err.code}: ${err.message}` : `: ${err.message ?? String(e)}`;
      throw qe(`The JSONata expression '${expr}' specified for the field '${location}' threw an error during evaluation${tail}`, location);
    }
    if (result === undefined) {
      throw qe(`The JSONata expression '${expr}' specified for the field '${location}' returned nothing (undefined).`, location);
    }
    try {
      return toPlainJson(result);
    } catch (e) {
      if (e !== UNSUPPORTED) throw e;
      throw qe(`The JSONata expression '${expr}' specified for the field '${location}' returned an unsupported result type.`, location);
    }
  };
}

const UNSUPPORTED = Symbol('unsupported');

function isLambda(v: object): boolean {
  const o = v as Record<string, unknown>;
  return o._jsonata_lambda === true || o._jsonata_function === true || o._jsonata_partial === true;
}

/**
 * Checks a JSONata result is plain JSON (no function anywhere, no NaN/Infinity) without copying
 * it; throws UNSUPPORTED otherwise. Results may share structure with the input: never mutate.
 */
function toPlainJson(v: unknown): Json {
  if (v === null) return null;
  if (typeof v !== 'object') {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw UNSUPPORTED;
      return Object.is(v, -0) ? 0 : v;
    }
    if (typeof v === 'function' || v === undefined) throw UNSUPPORTED;
    return v as Json;
  }
  check(v, 0);
  return v as Json;
}

const hasOwn = Object.prototype.hasOwnProperty;
const SEQUENCE_FLAGS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream'];

function check(v: unknown, depth: number): void {
  if (v === null) return;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return;
  if (t === 'number') {
    if (!Number.isFinite(v as number)) throw UNSUPPORTED;
    return;
  }
  if (t !== 'object' || depth > 1000 || isLambda(v as object)) throw UNSUPPORTED;
  if (Array.isArray(v)) {
    // JSONata's own sequences carry enumerable flags; they are always fresh arrays it built.
    if (hasOwn.call(v, 'sequence')) for (const f of SEQUENCE_FLAGS) delete (v as unknown as Record<string, unknown>)[f];
    for (const e of v) if (e !== undefined) check(e, depth + 1);
  } else {
    const o = v as Record<string, unknown>;
    for (const k in o) if (o[k] !== undefined) check(o[k], depth + 1);
  }
}

/** Location of a nested field: `Output/a/b`, array items `Output/list[0]` (unverified format for arrays). */
function childLocation(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : `${parent}/${key}`;
}

function compileNode(value: Json, location: string): Evaluate | undefined {
  if (typeof value === 'string') {
    return isJsonataExpression(value) ? compileJsonataExpression(jsonataBody(value), location) : undefined;
  }
  if (Array.isArray(value)) {
    const evs = value.map((v, k) => compileNode(v, childLocation(location, k)));
    if (evs.every((e) => e === undefined)) return undefined;
    return async (scope) => {
      const out: Json[] = new Array<Json>(value.length);
      for (let k = 0; k < value.length; k++) {
        const ev = evs[k];
        out[k] = ev ? await ev(scope) : value[k]!;
      }
      return out;
    };
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    const evs = keys.map((k) => compileNode(value[k]!, childLocation(location, k)));
    if (evs.every((e) => e === undefined)) return undefined;
    return async (scope) => {
      const out: JsonObject = {};
      for (let k = 0; k < keys.length; k++) {
        const ev = evs[k];
        const key = keys[k]!;
        const v = ev ? await ev(scope) : value[key]!;
        if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[key] = v;
      }
      return out;
    };
  }
  return undefined;
}

export function compileJsonataValue(value: Json, field: string): (scope: JsonataScope) => Promise<Json> {
  const ev = compileNode(value, field);
  if (ev) return ev;
  return () => Promise.resolve(value);
}

export function compileJsonataAssign(assign: JsonObject): (scope: JsonataScope) => Promise<Record<string, Json>> {
  const ev = compileNode(assign, 'Assign');
  if (!ev) return () => Promise.resolve({ ...assign });
  return ev as (scope: JsonataScope) => Promise<Record<string, Json>>;
}

export function compileJsonataCondition(value: Json, field: string): (scope: JsonataScope) => Promise<boolean> {
  if (typeof value === 'boolean') return () => Promise.resolve(value);
  if (!isJsonataExpression(value)) {
    // unverified text
    throw new LanguageCompileError(`The value for the field '${field}' must be a JSONata expression or a boolean`);
  }
  const expr = jsonataBody(value as string);
  const ev = compileJsonataExpression(expr, field);
  return async (scope) => {
    const v = await ev(scope);
    if (typeof v !== 'boolean') {
      // unverified text (modelled on AWS's recorded text for Items)
      throw qe(
        `The JSONata expression '${expr}' specified for the field '${field}' returned an unexpected result type. Expected 'boolean', but was '${jsonTypeName(v)}' for value: ${toJson(v)}`,
        field,
      );
    }
    return v;
  };
}
