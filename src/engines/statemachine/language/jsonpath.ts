/**
 * JSONPath as AWS evaluates it (Jayway JsonPath semantics), compiled once into a step array.
 *
 * Roots: `$` (state input), `$$` (context object), `$name` (a variable), `@` (the current node
 * inside a filter). Steps: `.name`, `['name']`, `['a','b']`, `[0]`, `[-1]`, `[0,2]`, `[*]`, `.*`,
 * `[1:3]`, `[::2]`, `..name` / `..*` / `..[0]` (deep scan) and filters `[?(@.x == 1)]`.
 * A definite path (names and single indices only) reads one value; an indefinite one returns an
 * array of every match (possibly empty), as Jayway does.
 */
import type { Json, JsonObject } from '../asl.js';
import { isObject, jsonEquals, LanguageCompileError } from './json.js';

export type PathRoot = 'input' | 'context' | 'variable' | 'current';

export type Step =
  | { t: 'prop'; name: string; own: boolean }
  | { t: 'props'; names: string[] }
  | { t: 'index'; i: number }
  | { t: 'indices'; list: number[] }
  | { t: 'wild' }
  | { t: 'slice'; start: number | undefined; end: number | undefined; step: number }
  | { t: 'scan'; inner: Step }
  | { t: 'filter'; pred: FilterPred; text: string };

/** A compiled filter predicate: `node` is `@`, `root` is `$` of the path being evaluated. */
export type FilterPred = (node: Json, root: Json) => boolean;

export interface JsonPath {
  readonly text: string;
  readonly root: PathRoot;
  /** Variable name for root 'variable'. */
  readonly variable: string;
  readonly steps: readonly Step[];
  /** True when every step selects at most one node. */
  readonly definite: boolean;
}

/** Marker for "no value" (distinct from JSON null). */
export const MISSING: unique symbol = Symbol('missing');
export type Maybe = Json | typeof MISSING;

const protoNames = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['__proto__']));
const hasOwn = Object.prototype.hasOwnProperty;

const cache = new Map<string, JsonPath>();

/** Parses a JSONPath (compile time); throws LanguageCompileError when malformed. Cached by text. */
export function parseJsonPath(text: string): JsonPath {
  let p = cache.get(text);
  if (!p) {
    const parser = new PathParser(text, 0, false);
    p = parser.parsePath();
    if (parser.i !== text.length) parser.fail(`unexpected '${text[parser.i]}'`);
    if (cache.size > 10000) cache.clear();
    cache.set(text, p);
  }
  return p;
}

export function isJsonPathText(text: string): boolean {
  try {
    parseJsonPath(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads `path` from `root`: definite → the value or MISSING; indefinite → an array of matches. */
export function readPath(path: JsonPath, root: Json): Maybe {
  const steps = path.steps;
  if (path.definite) {
    let cur: Json = root;
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k]!;
      if (s.t === 'prop') {
        if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return MISSING;
        const v: Json | undefined = (cur as JsonObject)[s.name];
        if (v === undefined || (s.own && !hasOwn.call(cur, s.name))) return MISSING;
        cur = v;
      } else {
        // index
        if (!Array.isArray(cur)) return MISSING;
        const i = (s as { i: number }).i;
        const j = i < 0 ? cur.length + i : i;
        if (j < 0 || j >= cur.length) return MISSING;
        cur = cur[j]!;
      }
    }
    return cur;
  }
  let nodes: Json[] = [root];
  for (const s of steps) nodes = applyStep(s, nodes, root);
  return nodes;
}

function applyStep(s: Step, nodes: Json[], root: Json): Json[] {
  const out: Json[] = [];
  for (const n of nodes) applyOne(s, n, root, out);
  return out;
}

function applyOne(s: Step, n: Json, root: Json, out: Json[]): void {
  switch (s.t) {
    case 'prop':
      if (isObject(n) && hasOwn.call(n, s.name)) out.push(n[s.name]!);
      return;
    case 'props':
      if (isObject(n)) for (const name of s.names) if (hasOwn.call(n, name)) out.push(n[name]!);
      return;
    case 'index':
    case 'indices':
      if (Array.isArray(n)) {
        for (const i of s.t === 'index' ? [s.i] : s.list) {
          const j = i < 0 ? n.length + i : i;
          if (j >= 0 && j < n.length) out.push(n[j]!);
        }
      }
      return;
    case 'wild':
      if (Array.isArray(n)) out.push(...n);
      else if (isObject(n)) for (const k in n) out.push(n[k]!);
      return;
    case 'slice':
      if (Array.isArray(n)) for (const j of sliceIndices(n.length, s.start, s.end, s.step)) out.push(n[j]!);
      return;
    case 'scan':
      scan(s.inner, n, root, out);
      return;
    case 'filter':
      if (Array.isArray(n)) {
        for (const e of n) if (s.pred(e, root)) out.push(e);
      } else if (isObject(n) && s.pred(n, root)) out.push(n);
      return;
  }
}

function scan(inner: Step, n: Json, root: Json, out: Json[]): void {
  if (inner.t === 'filter') {
    // Jayway: `..[?()]` tests each array element / object value at any depth.
    if (Array.isArray(n)) {
      for (const e of n) if (inner.pred(e, root)) out.push(e);
    } else if (isObject(n)) {
      for (const k in n) {
        const e = n[k]!;
        if (isObject(e) && inner.pred(e, root)) out.push(e);
      }
    }
  } else {
    applyOne(inner, n, root, out);
  }
  if (Array.isArray(n)) for (const e of n) scan(inner, e, root, out);
  else if (isObject(n)) for (const k in n) scan(inner, n[k]!, root, out);
}

function sliceIndices(len: number, start: number | undefined, end: number | undefined, step: number): number[] {
  const res: number[] = [];
  if (step > 0) {
    let a = start === undefined ? 0 : start < 0 ? Math.max(0, len + start) : Math.min(start, len);
    const b = end === undefined ? len : end < 0 ? Math.max(0, len + end) : Math.min(end, len);
    for (; a < b; a += step) res.push(a);
  } else if (step < 0) {
    let a = start === undefined ? len - 1 : start < 0 ? len + start : Math.min(start, len - 1);
    const b = end === undefined ? -1 : end < 0 ? Math.max(-1, len + end) : end;
    for (; a > b; a += step) if (a >= 0) res.push(a);
  }
  return res;
}

/** Jayway's normalized form of the first `count` steps, e.g. `$['a']['b'][0]`. */
export function normalizedPath(path: JsonPath, count = path.steps.length): string {
  let s = path.root === 'context' ? '$$' : path.root === 'variable' ? `$${path.variable}` : path.root === 'current' ? '@' : '$';
  for (let k = 0; k < count; k++) s += stepText(path.steps[k]!);
  return s;
}

function stepText(s: Step): string {
  switch (s.t) {
    case 'prop':
      return `['${s.name}']`;
    case 'props':
      return `[${s.names.map((n) => `'${n}'`).join(',')}]`;
    case 'index':
      return `[${s.i}]`;
    case 'indices':
      return `[${s.list.join(',')}]`;
    case 'wild':
      return '[*]';
    case 'slice':
      return `[${s.start ?? ''}:${s.end ?? ''}${s.step !== 1 ? `:${s.step}` : ''}]`;
    case 'scan':
      return `..${stepText(s.inner)}`;
    case 'filter':
      return `[?]`;
  }
}

function javaType(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'java.lang.Integer' : 'java.lang.Double';
  return Array.isArray(v) ? 'java.util.ArrayList' : 'java.util.LinkedHashMap';
}

/**
 * Jayway's reason why a definite path reads nothing from `root`, e.g.
 * `No results for path: $['x']` or `Missing property in path $['no']`.
 */
export function missingReason(path: JsonPath, root: Json): string {
  let cur: Json = root;
  const steps = path.steps;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k]!;
    const leaf = k === steps.length - 1;
    if (s.t === 'prop') {
      if (!isObject(cur)) {
        // unverified text (Jayway's wording; AWS's JSON provider class name unknown)
        return `Expected to find an object with property ${stepText(s)} in path ${normalizedPath(path, k)} but found '${javaType(cur)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.`;
      }
      if (!hasOwn.call(cur, s.name)) {
        return leaf ? `No results for path: ${normalizedPath(path)}` : `Missing property in path ${normalizedPath(path, k + 1)}`;
      }
      cur = cur[s.name]!;
    } else if (s.t === 'index') {
      if (!Array.isArray(cur)) {
        // unverified text
        return `Filter: ${stepText(s)} can only be applied to arrays. Current context is: ${JSON.stringify(cur)}`;
      }
      const j = s.i < 0 ? cur.length + s.i : s.i;
      if (j < 0 || j >= cur.length) return `No results for path: ${normalizedPath(path)}`;
      cur = cur[j]!;
    } else {
      break;
    }
  }
  return `No results for path: ${normalizedPath(path)}`;
}

// ---------------------------------------------------------------------------------------------
// Parser

const FILTER_STOP = new Set([' ', '\t', '\n', ')', '=', '!', '<', '>', '&', '|', ',', ']', '~']);

class PathParser {
  constructor(
    readonly s: string,
    public i: number,
    /** Inside a filter: names also stop at operators and blanks. */
    readonly inFilter: boolean,
  ) {}

  fail(why: string): never {
    throw new LanguageCompileError(`Invalid JSONPath '${this.s}': ${why}`);
  }

  parsePath(): JsonPath {
    const s = this.s;
    const start = this.i;
    let root: PathRoot;
    let variable = '';
    if (s[this.i] === '@') {
      root = 'current';
      this.i++;
    } else if (s[this.i] !== '$') {
      this.fail('a path must start with $');
    } else if (s[this.i + 1] === '$') {
      root = 'context';
      this.i += 2;
    } else {
      this.i++;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i));
      if (m) {
        root = 'variable';
        variable = m[0];
        this.i += m[0].length;
      } else {
        root = 'input';
      }
    }
    const steps: Step[] = [];
    for (;;) {
      const c = s[this.i];
      if (c === undefined) break;
      if (c === '.' && s[this.i + 1] === '.') {
        this.i += 2;
        const inner = s[this.i] === '[' ? this.parseBracket() : this.parseDotName();
        steps.push({ t: 'scan', inner });
      } else if (c === '.') {
        this.i++;
        if (s.startsWith('length()', this.i) && this.inFilter) {
          this.fail('functions are not supported');
        }
        steps.push(this.parseDotName());
      } else if (c === '[') {
        steps.push(this.parseBracket());
      } else if (this.inFilter) {
        break;
      } else {
        this.fail(`unexpected '${c}'`);
      }
    }
    const definite = steps.every((x) => x.t === 'prop' || x.t === 'index');
    return { text: s.slice(start, this.i), root, variable, steps, definite };
  }

  private parseDotName(): Step {
    const s = this.s;
    if (s[this.i] === '*') {
      this.i++;
      return { t: 'wild' };
    }
    const start = this.i;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '.' || c === '[' || c === ']') break;
      if (this.inFilter && FILTER_STOP.has(c)) break;
      this.i++;
    }
    if (this.i === start) this.fail('empty property name');
    const name = s.slice(start, this.i);
    return { t: 'prop', name, own: protoNames.has(name) };
  }

  private skipBlanks(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private parseBracket(): Step {
    const s = this.s;
    this.i++; // [
    this.skipBlanks();
    const c = s[this.i];
    let step: Step;
    if (c === '*') {
      this.i++;
      step = { t: 'wild' };
    } else if (c === "'" || c === '"') {
      const names: string[] = [];
      for (;;) {
        names.push(this.parseQuoted());
        this.skipBlanks();
        if (s[this.i] !== ',') break;
        this.i++;
        this.skipBlanks();
      }
      step = names.length === 1 ? { t: 'prop', name: names[0]!, own: protoNames.has(names[0]!) } : { t: 'props', names };
    } else if (c === '?') {
      this.i++;
      this.skipBlanks();
      if (s[this.i] !== '(') this.fail("expected '(' after '?'");
      const start = this.i;
      const end = findClose(s, this.i);
      if (end < 0) this.fail('unterminated filter');
      const fp = new FilterParser(s, this.i + 1, end, this);
      const pred = fp.parse();
      this.i = end + 1;
      step = { t: 'filter', pred, text: s.slice(start, end + 1) };
    } else {
      // indices or slice
      const m = /^\s*(-?\d*)\s*(?::\s*(-?\d*)\s*(?::\s*(-?\d*)\s*)?)?/.exec(s.slice(this.i))!;
      if (m[0].includes(':')) {
        this.i += m[0].length;
        const num = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
        const stepN = num(m[3]) ?? 1;
        if (stepN === 0) this.fail('slice step cannot be 0');
        step = { t: 'slice', start: num(m[1]), end: num(m[2]), step: stepN };
      } else {
        const list: number[] = [];
        for (;;) {
          this.skipBlanks();
          const n = /^-?\d+/.exec(s.slice(this.i));
          if (!n) this.fail('expected an index');
          list.push(Number(n[0]));
          this.i += n[0].length;
          this.skipBlanks();
          if (s[this.i] !== ',') break;
          this.i++;
        }
        step = list.length === 1 ? { t: 'index', i: list[0]! } : { t: 'indices', list };
      }
    }
    this.skipBlanks();
    if (s[this.i] !== ']') this.fail("expected ']'");
    this.i++;
    return step;
  }

  parseQuoted(): string {
    const s = this.s;
    const q = s[this.i]!;
    this.i++;
    let out = '';
    while (this.i < s.length && s[this.i] !== q) {
      // AWS keeps a backslash literally, except before the closing quote character.
      if (s[this.i] === '\\' && s[this.i + 1] === q) {
        this.i++;
      }
      out += s[this.i];
      this.i++;
    }
    if (s[this.i] !== q) this.fail('unterminated string');
    this.i++;
    return out;
  }
}

/** Index of the `)` closing the `(` at `open`, skipping quoted strings and regex literals. */
function findClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Filters: `||`, `&&`, `!`, parentheses, comparisons (== != < <= > >= =~ in nin), existence.

type Operand = (node: Json, root: Json) => Maybe;

class FilterParser {
  i: number;
  constructor(
    readonly s: string,
    start: number,
    readonly end: number,
    readonly outer: PathParser,
  ) {
    this.i = start;
  }

  fail(why: string): never {
    return this.outer.fail(`filter: ${why}`);
  }

  parse(): FilterPred {
    const p = this.parseOr();
    this.blanks();
    if (this.i !== this.end) this.fail(`unexpected '${this.s[this.i]}'`);
    return p;
  }

  private blanks(): void {
    while (this.i < this.end && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private eat(tok: string): boolean {
    this.blanks();
    if (this.s.startsWith(tok, this.i)) {
      this.i += tok.length;
      return true;
    }
    return false;
  }

  private parseOr(): FilterPred {
    let left = this.parseAnd();
    while (this.eat('||')) {
      const a = left;
      const b = this.parseAnd();
      left = (n, r) => a(n, r) || b(n, r);
    }
    return left;
  }

  private parseAnd(): FilterPred {
    let left = this.parseUnary();
    while (this.eat('&&')) {
      const a = left;
      const b = this.parseUnary();
      left = (n, r) => a(n, r) && b(n, r);
    }
    return left;
  }

  private parseUnary(): FilterPred {
    this.blanks();
    if (this.s[this.i] === '!' && this.s[this.i + 1] !== '=') {
      this.i++;
      const inner = this.parseUnary();
      return (n, r) => !inner(n, r);
    }
    if (this.s[this.i] === '(') {
      this.i++;
      const inner = this.parseOr();
      if (!this.eat(')')) this.fail("expected ')'");
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterPred {
    const left = this.parseOperand();
    this.blanks();
    const ops = ['==', '!=', '<=', '>=', '<', '>', '=~', ' in ', ' nin '];
    let op: string | undefined;
    for (const o of ops) {
      const t = o.trim();
      if (this.s.startsWith(t, this.i) && (o.startsWith(' ') ? /\s/.test(this.s[this.i + t.length] ?? '') : true)) {
        op = t;
        this.i += t.length;
        break;
      }
    }
    if (!op) return (n, r) => left(n, r) !== MISSING;
    this.blanks();
    if (op === '=~') {
      const m = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(this.s.slice(this.i, this.end));
      if (!m) this.fail('expected a regular expression');
      this.i += m[0].length;
      const re = new RegExp(m[1]!, m[2]!.replace(/[^imsu]/g, ''));
      return (n, r) => {
        const v = left(n, r);
        return typeof v === 'string' && matchesWhole(re, v);
      };
    }
    const right = this.parseOperand();
    return compareOp(op, left, right);
  }

  private parseOperand(): Operand {
    this.blanks();
    const s = this.s;
    const c = s[this.i];
    if (c === '@' || c === '$') {
      const pp = new PathParser(s.slice(0, this.end), this.i, true);
      const path = pp.parsePath();
      this.i = pp.i;
      if (path.root === 'current') return (n) => readPath(path, n);
      if (path.root === 'input') return (_n, r) => readPath(path, r);
      this.fail('only @ and $ paths are supported in filters');
    }
    if (c === "'" || c === '"') {
      const pp = new PathParser(s, this.i, true);
      const str = pp.parseQuoted();
      this.i = pp.i;
      return () => str;
    }
    if (c === '[' || c === '{') {
      // JSON literal (list for in/nin)
      const close = c === '[' ? ']' : '}';
      let depth = 0;
      let j = this.i;
      for (; j < this.end; j++) {
        if (s[j] === c) depth++;
        else if (s[j] === close && --depth === 0) break;
      }
      const text = s.slice(this.i, j + 1).replace(/'/g, '"');
      let lit: Json;
      try {
        lit = JSON.parse(text) as Json;
      } catch {
        this.fail('invalid literal');
      }
      this.i = j + 1;
      return () => lit;
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.slice(this.i, this.end));
    if (!m) this.fail(`unexpected '${c ?? ''}'`);
    this.i += m[0].length;
    const lit = JSON.parse(m[0]) as Json;
    return () => lit;
  }
}

function matchesWhole(re: RegExp, v: string): boolean {
  // Java's Pattern.matcher(v).matches(): the whole string must match.
  const m = re.exec(v);
  re.lastIndex = 0;
  return m !== null && m.index === 0 && m[0].length === v.length;
}

function compareOp(op: string, a: Operand, b: Operand): FilterPred {
  const rel = (f: (x: number | string, y: number | string) => boolean): FilterPred => (n, r) => {
    const x = a(n, r);
    const y = b(n, r);
    if (typeof x === 'number' && typeof y === 'number') return f(x, y);
    if (typeof x === 'string' && typeof y === 'string') return f(x, y);
    return false;
  };
  switch (op) {
    case '==':
      return (n, r) => {
        const x = a(n, r);
        const y = b(n, r);
        return x !== MISSING && y !== MISSING && jsonEquals(x, y);
      };
    case '!=':
      return (n, r) => {
        const x = a(n, r);
        const y = b(n, r);
        return !(x !== MISSING && y !== MISSING && jsonEquals(x, y));
      };
    case '<':
      return rel((x, y) => x < y);
    case '<=':
      return rel((x, y) => x <= y);
    case '>':
      return rel((x, y) => x > y);
    case '>=':
      return rel((x, y) => x >= y);
    case 'in':
    case 'nin': {
      const want = op === 'in';
      return (n, r) => {
        const x = a(n, r);
        const y = b(n, r);
        if (x === MISSING || !Array.isArray(y)) return !want;
        return y.some((e) => jsonEquals(e, x)) === want;
      };
    }
  }
  throw new LanguageCompileError(`unsupported filter operator ${op}`);
}

// ---------------------------------------------------------------------------------------------
// Writing (ResultPath)

/**
 * Returns a copy of `doc` with `value` written at the definite path `path` (root `$`), creating
 * missing intermediate objects. Objects along the path are shallow-copied; `doc` is untouched.
 * Returns an error reason (string) when a step cannot be applied.
 */
export function writePath(path: JsonPath, doc: Json, value: Json): { ok: true; value: Json } | { ok: false; reason: string } {
  const steps = path.steps;
  if (steps.length === 0) return { ok: true, value };
  const write = (cur: Json | undefined, k: number): Json | string => {
    const s = steps[k]!;
    if (s.t === 'prop') {
      if (cur === undefined) cur = {};
      if (!isObject(cur)) {
        // unverified text
        return `Expected to find an object with property ${stepText(s)} in path ${normalizedPath(path, k)} but found '${javaType(cur)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.`;
      }
      const inner = k === steps.length - 1 ? value : write(hasOwn.call(cur, s.name) ? cur[s.name] : undefined, k + 1);
      if (typeof inner === 'string' && k !== steps.length - 1) return inner;
      const copy: JsonObject = { ...cur };
      if (s.own) Object.defineProperty(copy, s.name, { value: inner, enumerable: true, writable: true, configurable: true });
      else copy[s.name] = inner as Json;
      return copy;
    }
    if (s.t === 'index') {
      if (!Array.isArray(cur)) return `Missing property in path ${normalizedPath(path, k)}`; // unverified text
      const j = s.i < 0 ? cur.length + s.i : s.i;
      if (j < 0 || j >= cur.length) return `Index out of bounds when evaluating path ${normalizedPath(path, k + 1)}`; // unverified text
      const inner = k === steps.length - 1 ? value : write(cur[j], k + 1);
      if (typeof inner === 'string' && k !== steps.length - 1) return inner;
      const copy = cur.slice();
      copy[j] = inner as Json;
      return copy;
    }
    return `Invalid path '${path.text}'`;
  };
  // write() returns the updated container, or a string (an error reason): a container is never
  // a string, so the two cannot be confused.
  const r = write(doc, 0);
  return typeof r === 'string' ? { ok: false, reason: r } : { ok: true, value: r };
}
