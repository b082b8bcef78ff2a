/**
 * The query language, chosen once per state at compile time: each compiled state carries one
 * `StateIO` strategy (JSONPath or JSONata) holding the language-specific pipeline pieces, so the
 * state runners never test which language a state uses. Every piece is a closure built here
 * once per state; calling one allocates nothing beyond what the pipeline itself needs.
 */
import type { Json, JsonObject, QueryLanguage } from '../asl.js';
import { StatesError } from '../errors.js';
import type { JsonataScope, PathScope } from '../language/index.js';
import type { CompiledCatcher, CompiledChoice, CompiledState, DynamicValue } from './compile.js';
import { jsonText } from './history.js';
import type { StateResult, StateRun } from './interpreter.js';

/** A scope of the state's own language (PathScope for JSONPath, JsonataScope for JSONata). */
export type QueryScope = PathScope | JsonataScope;

type Maybe<T> = T | Promise<T>;

export interface StateIO {
  readonly language: QueryLanguage;
  /** The input the state's work sees: InputPath applied (JSONPath) or the raw input (JSONata). */
  input(st: StateRun): Json;
  /** Task/Parallel: Parameters over the effective input, or JSONata Arguments; the input when absent. */
  payload(st: StateRun): Maybe<Json>;
  /** Pass: its result (Parameters or Result over the effective input; JSONata: the input). */
  result(st: StateRun): Json;
  /**
   * From the work's result to StateExited: JSONPath ResultSelector → Assign → ResultPath →
   * OutputPath; JSONata Assign and Output over `$states.result` (Pass: over `$states.input`).
   */
  finish(st: StateRun, result: Json, previous?: number): Maybe<StateResult>;
  /** The scope Choice rules and dynamic fields evaluate in (JSONPath: over `effective`). */
  scope(st: StateRun, effective: Json): QueryScope;
  /** Assign and output (OutputPath over `effective`, or Output) then StateExited towards `next` (Choice default, Wait). */
  settle(st: StateRun, scope: QueryScope | undefined, effective: Json, next: string | undefined): Maybe<StateResult>;
  /** Output only (Succeed). */
  output(st: StateRun, effective: Json): Maybe<Json>;
  /** A literal, `…Path` or JSONata field's value (undefined when absent). */
  resolve(st: StateRun, v: DynamicValue, scope: QueryScope | undefined): Maybe<Json | undefined>;
  /** A catcher's `{Error, Cause}` placed by ResultPath (or JSONata Output), with its Assign, then Next. */
  caught(st: StateRun, c: CompiledCatcher, errorOutput: JsonObject, previous: number): Maybe<StateResult>;
  /** Map: the items array. */
  items(st: StateRun): Maybe<Json[]>;
  /** Map: an iteration's input (ItemSelector / legacy Parameters see `$$.Map.Item`). */
  itemInput(st: StateRun, item: Json, extra: JsonObject): Maybe<Json>;
  /** Distributed Map: ItemBatcher's BatchInput. */
  batchInput(st: StateRun): Maybe<Json>;
  /** An unparsable Timestamp (JSONata: a query evaluation error with an EvaluationFailed event, as recorded). */
  badTimestamp(message: string): StatesError;
}

const WORK_RESULT = new Set(['Task', 'Parallel', 'Map']);

export function jsonPathIO(s: CompiledState): StateIO {
  const { inputPath, outputPath, resultPath, assignPath } = s;
  const resultSelector = WORK_RESULT.has(s.type) ? s.resultSelector : undefined;
  const parameters = s.parameters;
  const hasResult = s.type === 'Pass' && 'Result' in s.def;
  const literalResult = hasResult ? (s.def.Result as Json) : undefined;
  const input = inputPath ? (st: StateRun) => inputPath(st.pathScope(st.input)) : (st: StateRun) => st.input;
  return {
    language: 'JSONPath',
    input,
    payload: parameters ? (st) => parameters(st.pathScope(input(st))) : input,
    result: parameters
      ? (st) => parameters(st.pathScope(input(st)))
      : hasResult
        ? (st) => {
            input(st);
            return literalResult as Json;
          }
        : input,
    finish(st, result, previous) {
      const selected = resultSelector ? resultSelector(st.pathScope(result)) : result;
      const assigned = assignPath ? assignPath(st.pathScope(selected)) : undefined;
      let output = resultPath(st.input, selected);
      if (outputPath) output = outputPath(st.pathScope(output));
      return st.exit(output, assigned, undefined, previous);
    },
    scope: (st, effective) => st.pathScope(effective),
    settle(st, scope, effective, next) {
      const assigned = assignPath ? assignPath((scope as PathScope | undefined) ?? st.pathScope(effective)) : undefined;
      const output = outputPath ? outputPath(st.pathScope(effective)) : effective;
      return st.exit(output, assigned, next);
    },
    output: (st, effective) => (outputPath ? outputPath(st.pathScope(effective)) : effective),
    resolve(st, v, scope) {
      switch (v.kind) {
        case 'none':
          return undefined;
        case 'literal':
          return v.value;
        case 'path':
          return v.read((scope as PathScope | undefined) ?? st.pathScope(input(st)));
        case 'jsonata':
          return v.eval(st.ataScope(st.input));
      }
    },
    caught(st, c, errorOutput, previous) {
      const assigned = c.assignPath ? c.assignPath(st.pathScope(errorOutput)) : undefined;
      return st.exit(c.resultPath(st.input, errorOutput), assigned, c.next, previous);
    },
    items(st) {
      const effective = input(st);
      const items = s.items.kind === 'path' ? s.items.read(st.pathScope(effective)) : effective;
      if (!Array.isArray(items)) {
        // unverified text
        throw new StatesError('States.Runtime', `Invalid path '${s.items.kind === 'path' ? s.items.path : '$'}': The ItemsPath field must point to a JSON array, but was: ${jsonText(items)}`);
      }
      return items;
    },
    itemInput: (st, item, extra) => (s.itemSelector ? s.itemSelector(st.pathScope(input(st), extra)) : item),
    batchInput: (st) => (s.itemBatcher?.batchInput ? s.itemBatcher.batchInput(st.pathScope(input(st))) : {}),
    badTimestamp: (message) => new StatesError('States.Runtime', message),
  };
}

export function jsonataIO(s: CompiledState): StateIO {
  const { output: outputFn, assignAta } = s;
  const args = s.arguments;
  const input = (st: StateRun) => st.input;
  // Pass has no work result: Assign and Output see `$states.input` only.
  const passLike = !WORK_RESULT.has(s.type);
  return {
    language: 'JSONata',
    input,
    payload: args ? (st) => args(st.ataScope(st.input)) : input,
    result: input,
    async finish(st, result, previous) {
      const scope = passLike ? st.ataScope(st.input) : st.ataScope(st.input, result);
      const assigned = assignAta ? await assignAta(scope) : undefined;
      const output = outputFn ? await outputFn(scope) : passLike ? st.input : result;
      return st.exit(output, assigned, undefined, previous);
    },
    scope: (st) => st.ataScope(st.input),
    async settle(st, scope, _effective, next) {
      const sc = (scope as JsonataScope | undefined) ?? st.ataScope(st.input);
      const assigned = assignAta ? await assignAta(sc) : undefined;
      const output = outputFn ? await outputFn(sc) : st.input;
      return st.exit(output, assigned, next);
    },
    output: (st) => (outputFn ? outputFn(st.ataScope(st.input)) : st.input),
    resolve(st, v, scope) {
      switch (v.kind) {
        case 'none':
          return undefined;
        case 'literal':
          return v.value;
        case 'path':
          return v.read(st.pathScope(st.input));
        case 'jsonata':
          return v.eval((scope as JsonataScope | undefined) ?? st.ataScope(st.input));
      }
    },
    async caught(st, c, errorOutput, previous) {
      const scope = st.ataScope(st.input, undefined, errorOutput);
      const assigned = c.assignAta ? await c.assignAta(scope) : undefined;
      const output = c.output ? await c.output(scope) : errorOutput;
      return st.exit(output, assigned, c.next, previous);
    },
    async items(st) {
      const items = s.items.kind === 'jsonata' ? await s.items.eval(st.ataScope(st.input)) : s.items.kind === 'literal' ? s.items.value : st.input;
      if (!Array.isArray(items) && s.items.kind === 'none') {
        throw new StatesError('States.QueryEvaluationError', `Map state input must be an array but was: ${jsonText(items)}`, 'Items');
      }
      if (!Array.isArray(items)) {
        const expr = String(s.def.Items ?? '').replace(/^\{%\s*|\s*%\}$/g, '');
        throw new StatesError(
          'States.QueryEvaluationError',
          `The JSONata expression '${expr}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${jsonText(items)}`,
          'Items',
        );
      }
      return items;
    },
    itemInput: (st, item, extra) => (s.itemSelectorAta ? s.itemSelectorAta(st.ataScope(st.input, undefined, undefined, extra)) : item),
    batchInput: (st) => (s.itemBatcher?.batchInputAta ? s.itemBatcher.batchInputAta(st.ataScope(st.input)) : {}),
    badTimestamp: (message) => new StatesError('States.QueryEvaluationError', message, 'Timestamp'),
  };
}

/** A Choice rule's test and its exit, for the rule's language. */
export function jsonPathRule(s: CompiledState, c: CompiledChoice, test: (scope: PathScope) => boolean): void {
  c.matches = test as CompiledChoice['matches'];
  c.take = (st, scope, effective) => {
    const assigned = c.assignPath ? c.assignPath(scope as PathScope) : s.assignPath ? s.assignPath(scope as PathScope) : undefined;
    const output = s.outputPath ? s.outputPath(st.pathScope(effective)) : effective;
    return st.exit(output, assigned, c.next);
  };
}

export function jsonataRule(c: CompiledChoice, test: (scope: JsonataScope) => Promise<boolean>): void {
  c.matches = test as CompiledChoice['matches'];
  c.take = async (st, scope) => {
    const assigned = c.assignAta ? await c.assignAta(scope as JsonataScope) : undefined;
    const output = c.output ? await c.output(scope as JsonataScope) : st.input;
    return st.exit(output, assigned, c.next);
  };
}

function typeName(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
