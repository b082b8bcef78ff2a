/**
 * Syntactic checks of the expression languages inside a definition: JSONPath (Jayway flavour,
 * with `$$` context paths and `$var` variables), intrinsic function calls, JSONata `{% %}`
 * templates, and RFC 3339 timestamps. These are reasonable approximations of AWS's create-time
 * checks, not full parsers.
 */
import jsonata from 'jsonata';

export const INTRINSIC_FUNCTIONS = new Set([
  'States.Format',
  'States.StringToJson',
  'States.JsonToString',
  'States.Array',
  'States.ArrayPartition',
  'States.ArrayContains',
  'States.ArrayRange',
  'States.ArrayGetItem',
  'States.ArrayLength',
  'States.ArrayUnique',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.Hash',
  'States.JsonMerge',
  'States.MathRandom',
  'States.MathAdd',
  'States.StringSplit',
  'States.UUID',
]);

/** Scans a bracket segment starting at text[i] === '['; returns the index after ']' or -1. */
function skipBracket(text: string, i: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let k = i; k < text.length; k++) {
    const c = text[k]!;
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) return c === ']' ? k + 1 : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

export interface PathOptions {
  /** Reference paths (ResultPath) allow no wildcards, filters or deep scans. */
  reference?: boolean;
}

/** `$`, `$.a.b`, `$['a'][0]`, `$..x`, `$[*]`, `$[?(@.x > 1)]`, `$$.Execution.Id`, `$var.x`. */
export function isValidJsonPath(path: string, opts: PathOptions = {}): boolean {
  if (!path.startsWith('$')) return false;
  let i = 1;
  if (path[1] === '$') i = 2;
  else if (/[A-Za-z_]/.test(path[1] ?? '')) {
    // variable reference $name
    while (i < path.length && /[A-Za-z0-9_]/.test(path[i]!)) i++;
  }
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      if (path[i + 1] === '.') {
        if (opts.reference) return false;
        i += 2;
      } else i += 1;
      if (path[i] === '*') {
        if (opts.reference) return false;
        i++;
        continue;
      }
      if (path[i] === '[') continue;
      const start = i;
      while (i < path.length && !'.[]()\'" \t\n'.includes(path[i]!)) i++;
      if (i === start) return false;
      // Jayway function call such as .length()
      if (path.slice(i, i + 2) === '()') i += 2;
      continue;
    }
    if (c === '[') {
      const end = skipBracket(path, i);
      if (end < 0) return false;
      const inner = path.slice(i + 1, end - 1).trim();
      if (inner === '') return false;
      if (opts.reference && !/^(\d+|'[^']*'|"[^"]*")$/.test(inner)) return false;
      i = end;
      continue;
    }
    return false;
  }
  return true;
}

/** `States.Format('x {}', $.a)`, nested calls, literals with the escapes \' \{ \} \\ only. */
export function isValidIntrinsic(text: string): boolean {
  const s = text.trim();
  let i = 0;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const call = (depth: number): boolean => {
    if (depth > 10) return false;
    const m = /^States\.[A-Za-z0-9]+/.exec(s.slice(i));
    if (!m || !INTRINSIC_FUNCTIONS.has(m[0])) return false;
    i += m[0].length;
    ws();
    if (s[i] !== '(') return false;
    i++;
    ws();
    if (s[i] === ')') {
      i++;
      return true;
    }
    for (;;) {
      ws();
      if (!arg(depth)) return false;
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')') {
        i++;
        return true;
      }
      return false;
    }
  };
  const arg = (depth: number): boolean => {
    const c = s[i];
    if (c === undefined) return false;
    if (c === "'") {
      i++;
      for (;;) {
        if (i >= s.length) return false;
        const d = s[i]!;
        if (d === '\\') {
          if (!"'{}\\".includes(s[i + 1] ?? 'x')) return false;
          i += 2;
          continue;
        }
        i++;
        if (d === "'") return true;
      }
    }
    if (s.startsWith('States.', i)) return call(depth + 1);
    if (c === '$') {
      const start = i;
      let bracket = 0;
      let quote: string | null = null;
      while (i < s.length) {
        const d = s[i]!;
        if (quote) {
          if (d === '\\') i++;
          else if (d === quote) quote = null;
        } else if (d === "'" || d === '"') quote = d;
        else if (d === '[' || d === '(') bracket++;
        else if (d === ']' || d === ')') {
          if (bracket === 0) break;
          bracket--;
        } else if ((d === ',' || d === ' ') && bracket === 0) break;
        i++;
      }
      return isValidJsonPath(s.slice(start, i));
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i));
    if (m) {
      i += m[0].length;
      return true;
    }
    return false;
  };
  if (!call(0)) return false;
  ws();
  return i === s.length;
}

/** A `.$` payload value: a JSONPath (incl. `$$`/`$var`) or an intrinsic call. */
export function isValidPayloadExpression(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.startsWith('$')) return isValidJsonPath(value);
  if (value.trimStart().startsWith('States.')) return isValidIntrinsic(value);
  return false;
}

/** True when a string is a JSONata template, `{% expr %}`. */
export function isJsonataTemplate(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

/** Returns null when the JSONata template compiles, or jsonata's error message. */
export function jsonataSyntaxError(template: string): string | null {
  const expr = template.slice(2, -2);
  if (expr.trim() === '') return 'empty expression'; // unverified text
  try {
    jsonata(expr);
    return null;
  } catch (e) {
    const m = (e as { message?: unknown } | null)?.message;
    return typeof m === 'string' ? m : String(e);
  }
}

/** RFC 3339 date-time (`T` separator and an offset are required). */
export function isRfc3339(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > days || hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}
