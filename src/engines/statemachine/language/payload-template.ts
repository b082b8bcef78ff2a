/**
 * JSONPath-mode payload templates (Parameters, ResultSelector, ItemSelector) and Assign: a key
 * ending in `.$` takes a path (`$.x`, `$$.x`, `$var.x`) or an intrinsic function and is emitted
 * without the suffix; nested objects and arrays recurse; anything else is copied.
 */
import type { Json, JsonObject } from '../asl.js';
import { compileIntrinsic, isIntrinsicCall } from './intrinsics.js';
import { isObject, LanguageCompileError } from './json.js';
import { MISSING, parseJsonPath } from './jsonpath.js';
import { compilePathReader, notFoundInInput } from './paths.js';
import type { PathScope } from './scope.js';

type Evaluator = (scope: PathScope) => Json;

/** Compiles the value of a `key.$` field: a path or an intrinsic function call. */
export function compileDollarValue(value: Json, key: string): Evaluator {
  if (typeof value !== 'string') {
    // unverified text
    throw new LanguageCompileError(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`);
  }
  const text = value.trim();
  if (isIntrinsicCall(text)) return compileIntrinsic(text, key);
  let path;
  try {
    path = parseJsonPath(text);
  } catch {
    throw new LanguageCompileError(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`);
  }
  if (path.root === 'input' && path.steps.length === 0) return (scope) => scope.input;
  const read = compilePathReader(text);
  return (scope) => {
    const v = read(scope);
    if (v === MISSING) throw notFoundInInput(path, key, scope);
    return v;
  };
}

function compileNode(node: Json): Evaluator | undefined {
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    if (items.every((x) => x === undefined)) return undefined;
    const evs = items.map((ev, k) => ev ?? constant(node[k]!));
    return (scope) => evs.map((ev) => ev(scope));
  }
  if (isObject(node)) return compileObject(node);
  return undefined;
}

function constant(v: Json): Evaluator {
  // Static values are shared between evaluations: callers must not mutate outputs.
  return () => v;
}

function compileObject(obj: JsonObject): Evaluator | undefined {
  const keys: string[] = [];
  const evs: Evaluator[] = [];
  let dynamic = false;
  for (const key of Object.keys(obj)) {
    const v = obj[key]!;
    if (key.endsWith('.$')) {
      keys.push(key.slice(0, -2));
      evs.push(compileDollarValue(v, key));
      dynamic = true;
    } else {
      const ev = compileNode(v);
      if (ev) dynamic = true;
      keys.push(key);
      evs.push(ev ?? constant(v));
    }
  }
  if (!dynamic) return undefined;
  const n = keys.length;
  return (scope) => {
    const out: JsonObject = {};
    for (let k = 0; k < n; k++) {
      const key = keys[k]!;
      if (key === '__proto__') Object.defineProperty(out, key, { value: evs[k]!(scope), enumerable: true, writable: true, configurable: true });
      else out[key] = evs[k]!(scope);
    }
    return out;
  };
}

export function compilePayloadTemplate(template: Json, _field: string): (scope: PathScope) => Json {
  return compileNode(template) ?? constant(template);
}

export function compileAssignJsonPath(assign: JsonObject): (scope: PathScope) => Record<string, Json> {
  const ev = compileObject(assign);
  if (!ev) return () => ({ ...assign });
  return ev as (scope: PathScope) => Record<string, Json>;
}
