/**
 * JSONPath-mode I/O paths: InputPath, OutputPath, ResultPath and the generic reference paths
 * (ItemsPath, SecondsPath, TimestampPath, ErrorPath, CausePath, Choice Variable, ...).
 */
import type { Json } from '../asl.js';
import { StatesError } from '../errors.js';
import { compileIntrinsic, isIntrinsicCall } from './intrinsics.js';
import { LanguageCompileError, toJson } from './json.js';
import { missingReason, MISSING, parseJsonPath, readPath, writePath, type JsonPath, type Maybe } from './jsonpath.js';
import type { PathScope } from './scope.js';

/** The document a path reads: `$` input, `$$` context, `$name` a variable (MISSING if unset). */
export function rootOf(path: JsonPath, scope: PathScope): Maybe {
  switch (path.root) {
    case 'input':
      return scope.input;
    case 'context':
      return scope.context;
    case 'variable': {
      const v = scope.variables.get(path.variable);
      return v === undefined ? MISSING : v;
    }
    default:
      return scope.input;
  }
}

/** Compiles a path into a reader returning the value or MISSING (never throws). */
export function compilePathReader(text: string): (scope: PathScope) => Maybe {
  const path = parseJsonPath(text);
  if (path.root === 'input') {
    if (path.steps.length === 0) return (scope) => scope.input;
    const fast = simplePropReader(path);
    if (fast) return (scope) => fast(scope.input);
    return (scope) => readPath(path, scope.input);
  }
  if (path.root === 'context') {
    const fast = simplePropReader(path);
    if (fast) return (scope) => fast(scope.context);
  }
  return (scope) => {
    const root = rootOf(path, scope);
    return root === MISSING ? MISSING : readPath(path, root);
  };
}

/** A specialised reader for the common `$.a`, `$.a.b`, `$.a.b.c` shapes (no inherited names). */
function simplePropReader(path: JsonPath): ((root: Json) => Maybe) | undefined {
  const steps = path.steps;
  if (steps.length === 0 || steps.length > 3 || !steps.every((st) => st.t === 'prop' && !st.own)) return undefined;
  const names = steps.map((st) => (st as { name: string }).name);
  const get = (o: Json | undefined, name: string): Json | undefined =>
    o !== null && typeof o === 'object' && !Array.isArray(o) ? o[name] : undefined;
  const a = names[0]!;
  if (names.length === 1) {
    return (root) => {
      const v = get(root, a);
      return v === undefined ? MISSING : v;
    };
  }
  const b = names[1]!;
  if (names.length === 2) {
    return (root) => {
      const v = get(get(root, a), b);
      return v === undefined ? MISSING : v;
    };
  }
  const c = names[2]!;
  return (root) => {
    const v = get(get(get(root, a), b), c);
    return v === undefined ? MISSING : v;
  };
}

/** `Invalid path '<p>' : <jayway reason>` (States.Runtime), AWS's text for In/OutputPath. */
function invalidPath(path: JsonPath, scope: PathScope): StatesError {
  const root = rootOf(path, scope);
  const reason =
    root === MISSING
      ? `No results for path: ${path.text}` // unverified text (undefined variable)
      : missingReason(path, root);
  return new StatesError('States.Runtime', `Invalid path '${path.text}' : ${reason}`);
}

function compileIoPath(text: string | null | undefined): (scope: PathScope) => Json {
  if (text === undefined) return (scope) => scope.input;
  if (text === null) return () => ({});
  if (text === '$') return (scope) => scope.input;
  const path = parseJsonPath(text);
  const read = compilePathReader(text);
  return (scope) => {
    const v = read(scope);
    if (v === MISSING) throw invalidPath(path, scope);
    return v;
  };
}

export function compileInputPath(path: string | null | undefined): (scope: PathScope) => Json {
  return compileIoPath(path);
}

export function compileOutputPath(path: string | null | undefined): (scope: PathScope) => Json {
  return compileIoPath(path);
}

export function compileResultPath(text: string | null | undefined): (input: Json, result: Json) => Json {
  if (text === undefined || text === '$') return (_input, result) => result;
  if (text === null) return (input) => input;
  const path = parseJsonPath(text);
  if (path.root !== 'input' || !path.definite) {
    throw new LanguageCompileError(`The value for the field 'ResultPath' must be a valid JSONPath`); // unverified text
  }
  if (path.steps.length === 1 && path.steps[0]!.t === 'prop' && !path.steps[0]!.own) {
    const name = path.steps[0]!.name;
    return (input, result) => {
      if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
        const out = { ...input };
        out[name] = result;
        return out;
      }
      const r = writePath(path, input, result);
      if (!r.ok) throw new StatesError('States.Runtime', `Invalid path '${path.text}' : ${r.reason}`);
      return r.value;
    };
  }
  return (input, result) => {
    const r = writePath(path, input, result);
    if (!r.ok) throw new StatesError('States.Runtime', `Invalid path '${path.text}' : ${r.reason}`);
    return r.value;
  };
}

/** Fields whose missing path AWS reports as "The JSONPath ... could not be found in the input". */
const FOUND_IN_INPUT_FIELDS = new Set(['ErrorPath', 'CausePath']);

/**
 * A reference path read (ItemsPath, SecondsPath, ..., Choice `Variable`). ErrorPath and CausePath
 * also accept an intrinsic function. A missing value throws States.Runtime with AWS's text for
 * the field; use compileReferencePathOptional to handle "missing" yourself.
 */
export function compileReferencePath(text: string, field: string): (scope: PathScope) => Json {
  if ((field === 'ErrorPath' || field === 'CausePath') && isIntrinsicCall(text)) {
    return compileIntrinsic(text, field);
  }
  const path = parseJsonPath(text);
  const read = compilePathReader(text);
  return (scope) => {
    const v = read(scope);
    if (v !== MISSING) return v;
    throw referenceMissing(path, field, scope);
  };
}

/** Like compileReferencePath but returns undefined when the path matches nothing. */
export function compileReferencePathOptional(text: string, field: string): (scope: PathScope) => Json | undefined {
  if (isIntrinsicCall(text)) return compileIntrinsic(text, field);
  const read = compilePathReader(text);
  return (scope) => {
    const v = read(scope);
    return v === MISSING ? undefined : v;
  };
}

export function referenceMissing(path: JsonPath, field: string, scope: PathScope): StatesError {
  if (FOUND_IN_INPUT_FIELDS.has(field)) return notFoundInInput(path, field, scope);
  switch (field) {
    case 'SecondsPath':
      return new StatesError('States.Runtime', `The SecondsPath parameter does not reference an input value: ${path.text}`);
    case 'TimestampPath':
      // unverified text (modelled on SecondsPath)
      return new StatesError('States.Runtime', `The TimestampPath parameter does not reference an input value: ${path.text}`);
    case 'Variable':
      // unverified text
      return new StatesError('States.Runtime', `Invalid path '${path.text}': The choice state's condition path references an invalid value.`);
    default:
      return invalidPath(path, scope);
  }
}

/** `The JSONPath '<p>' specified for the field '<f>' could not be found in the input '<json>'`. */
export function notFoundInInput(path: JsonPath, field: string, scope: PathScope): StatesError {
  // For `$$` paths AWS prints the document the path was read from. unverified text (which document)
  const doc = path.root === 'context' ? scope.context : scope.input;
  return new StatesError(
    'States.Runtime',
    `The JSONPath '${path.text}' specified for the field '${field}' could not be found in the input '${toJson(doc)}'`,
  );
}
