/**
 * Compile a validated definition once per revision: every path, payload template, Choice rule
 * and JSONata expression becomes a closure, so running a state never re-parses anything.
 */
import type { Catcher, Json, JsonObject, MachineDefinition, QueryLanguage, Retrier, StateDefinition, StateType } from '../asl.js';
import { SfnDomainError } from '../errors.js';
import {
  compileAssignJsonPath,
  compileChoiceRuleJsonPath,
  compileInputPath,
  compileJsonataAssign,
  compileJsonataCondition,
  compileJsonataValue,
  compileOutputPath,
  compilePayloadTemplate,
  compileReferencePath,
  compileResultPath,
  isJsonataExpression,
  type JsonataScope,
  type PathScope,
} from '../language/index.js';
import type { CompiledMachineRef } from './types.js';
import { jsonataIO, jsonataRule, jsonPathIO, jsonPathRule, type QueryScope, type StateIO } from './compile-io.js';
import type { StateResult, StateRun } from './interpreter.js';
import { describeResource, type ResourceInfo } from './resource.js';

type PathFn = (scope: PathScope) => Json;
type AtaFn = (scope: JsonataScope) => Promise<Json>;

/** A field that is a literal, a JSONPath reference (`…Path`) or a JSONata expression. */
export type DynamicValue =
  | { kind: 'none' }
  | { kind: 'literal'; value: Json }
  | { kind: 'path'; read: PathFn; path: string; field: string }
  | { kind: 'jsonata'; eval: AtaFn; field: string };

export interface CompiledRetrier {
  errors: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: boolean;
}

export interface CompiledCatcher {
  errors: string[];
  next: string;
  resultPath: (input: Json, result: Json) => Json;
  output?: AtaFn;
  assignPath?: (scope: PathScope) => Record<string, Json>;
  assignAta?: (scope: JsonataScope) => Promise<Record<string, Json>>;
}

export interface CompiledChoice {
  next: string;
  /** The rule's test in its state's language (a promise for JSONata). */
  matches: (scope: QueryScope) => boolean | Promise<boolean>;
  /** Assign and output for this rule, then StateExited towards `next`. */
  take: (st: StateRun, scope: QueryScope, effective: Json) => StateResult | Promise<StateResult>;
  output?: AtaFn;
  assignAta?: (scope: JsonataScope) => Promise<Record<string, Json>>;
  assignPath?: (scope: PathScope) => Record<string, Json>;
}

export interface CompiledState {
  name: string;
  type: StateType;
  def: StateDefinition;
  jsonata: boolean;
  /** The query language's pipeline pieces, chosen once here (compile-io.ts). */
  io: StateIO;
  next?: string;
  end: boolean;
  // JSONPath pipeline (identity when absent)
  inputPath?: PathFn;
  outputPath?: PathFn;
  resultPath: (input: Json, result: Json) => Json;
  parameters?: PathFn;
  resultSelector?: PathFn;
  assignPath?: (scope: PathScope) => Record<string, Json>;
  // JSONata pipeline
  arguments?: AtaFn;
  output?: AtaFn;
  assignAta?: (scope: JsonataScope) => Promise<Record<string, Json>>;
  // Error handling
  retry: CompiledRetrier[];
  catch: CompiledCatcher[];
  // Task
  resource?: ResourceInfo;
  timeoutSeconds: DynamicValue;
  heartbeatSeconds: DynamicValue;
  // Choice
  choices: CompiledChoice[];
  defaultNext?: string;
  // Wait
  seconds: DynamicValue;
  timestamp: DynamicValue;
  // Fail
  error: DynamicValue;
  cause: DynamicValue;
  // Parallel / Map
  branches: CompiledMachine[];
  processor?: CompiledMachine;
  distributed: boolean;
  items: DynamicValue;
  itemSelector?: PathFn;
  itemSelectorAta?: AtaFn;
  maxConcurrency: DynamicValue;
  toleratedFailurePercentage: DynamicValue;
  toleratedFailureCount: DynamicValue;
  itemBatcher?: { maxItems: DynamicValue; maxBytes: DynamicValue; batchInput?: PathFn; batchInputAta?: AtaFn };
}

export interface CompiledMachine extends CompiledMachineRef {
  startAt: string;
  states: Map<string, CompiledState>;
  timeoutSeconds?: number;
  queryLanguage: QueryLanguage;
}

const NONE: DynamicValue = { kind: 'none' };

export function compileMachine(definition: MachineDefinition): CompiledMachine {
  try {
    return compileScope(definition, definition.QueryLanguage ?? 'JSONPath');
  } catch (e) {
    if (e instanceof SfnDomainError) throw e;
    throw new SfnDomainError('InvalidDefinition', `Invalid State Machine Definition: '${(e as Error).message}'`);
  }
}

function compileScope(def: MachineDefinition, inherited: QueryLanguage): CompiledMachine {
  const language = def.QueryLanguage ?? inherited;
  const states = new Map<string, CompiledState>();
  for (const [name, state] of Object.entries(def.States)) states.set(name, compileState(name, state, language));
  return { kind: 'compiled-machine', startAt: def.StartAt, states, timeoutSeconds: def.TimeoutSeconds, queryLanguage: language };
}

function compileState(name: string, def: StateDefinition, inherited: QueryLanguage): CompiledState {
  const jsonata = (def.QueryLanguage ?? inherited) === 'JSONata';
  const language: QueryLanguage = jsonata ? 'JSONata' : 'JSONPath';
  const s: CompiledState = {
    name,
    type: def.Type,
    def,
    jsonata,
    io: undefined as unknown as StateIO,
    next: def.Next,
    end: def.End === true,
    resultPath: jsonata ? (_input, result) => result : compileResultPath(def.ResultPath),
    retry: (def.Retry ?? []).map(compileRetrier),
    catch: (def.Catch ?? []).map((c) => compileCatcher(c, jsonata)),
    timeoutSeconds: dynamic(def, 'TimeoutSeconds', jsonata),
    heartbeatSeconds: dynamic(def, 'HeartbeatSeconds', jsonata),
    choices: [],
    defaultNext: def.Default,
    seconds: dynamic(def, 'Seconds', jsonata),
    timestamp: dynamic(def, 'Timestamp', jsonata),
    error: dynamic(def, 'Error', jsonata),
    cause: dynamic(def, 'Cause', jsonata),
    branches: (def.Branches ?? []).map((b) => compileScope(b, language)),
    distributed: false,
    items: NONE,
    maxConcurrency: dynamic(def, 'MaxConcurrency', jsonata),
    toleratedFailurePercentage: dynamic(def, 'ToleratedFailurePercentage', jsonata),
    toleratedFailureCount: dynamic(def, 'ToleratedFailureCount', jsonata),
  };
  if (jsonata) {
    if (def.Arguments !== undefined) s.arguments = compileJsonataValue(def.Arguments, 'Arguments');
    if (def.Output !== undefined) s.output = compileJsonataValue(def.Output, 'Output');
    if (def.Assign !== undefined) s.assignAta = compileJsonataAssign(def.Assign);
  } else {
    if ('InputPath' in def) s.inputPath = compileInputPath(def.InputPath);
    if ('OutputPath' in def) s.outputPath = compileOutputPath(def.OutputPath);
    if (def.Parameters !== undefined) s.parameters = compilePayloadTemplate(def.Parameters, 'Parameters');
    if (def.ResultSelector !== undefined) s.resultSelector = compilePayloadTemplate(def.ResultSelector, 'ResultSelector');
    if (def.Assign !== undefined) s.assignPath = compileAssignJsonPath(def.Assign);
  }
  if (def.Type === 'Task' && typeof def.Resource === 'string') s.resource = describeResource(def.Resource);
  if (def.Type === 'Choice') {
    s.choices = (def.Choices ?? []).map((rule) => {
      const c = { next: rule.Next as string } as CompiledChoice;
      if (jsonata) {
        const condition = compileJsonataCondition(rule.Condition ?? null, 'Condition');
        if (rule.Output !== undefined) c.output = compileJsonataValue(rule.Output, 'Output');
        if (rule.Assign !== undefined) c.assignAta = compileJsonataAssign(rule.Assign);
        jsonataRule(c, condition);
      } else {
        const test = compileChoiceRuleJsonPath(rule);
        if (rule.Assign !== undefined) c.assignPath = compileAssignJsonPath(rule.Assign);
        jsonPathRule(s, c, test);
      }
      return c;
    });
  }
  if (def.Type === 'Map') {
    const processor = def.ItemProcessor ?? def.Iterator;
    if (processor) s.processor = compileScope(processor, language);
    s.distributed = processor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
    if (jsonata) {
      if (def.Items !== undefined) s.items = { kind: 'jsonata', eval: compileJsonataValue(def.Items, 'Items'), field: 'Items' };
      const selector = def.ItemSelector;
      if (selector !== undefined) s.itemSelectorAta = compileJsonataValue(selector, 'ItemSelector');
    } else {
      if (def.ItemsPath !== undefined) s.items = { kind: 'path', read: compileReferencePath(def.ItemsPath, 'ItemsPath'), path: def.ItemsPath, field: 'ItemsPath' };
      const selector = def.ItemSelector ?? def.Parameters;
      if (selector !== undefined) s.itemSelector = compilePayloadTemplate(selector, def.ItemSelector !== undefined ? 'ItemSelector' : 'Parameters');
      s.parameters = undefined;
    }
    const batcher = def.ItemBatcher as JsonObject | undefined;
    if (batcher) {
      s.itemBatcher = {
        maxItems: dynamic(batcher as unknown as StateDefinition, 'MaxItemsPerBatch', jsonata),
        maxBytes: dynamic(batcher as unknown as StateDefinition, 'MaxInputBytesPerBatch', jsonata),
      };
      if (batcher.BatchInput !== undefined) {
        if (jsonata) s.itemBatcher.batchInputAta = compileJsonataValue(batcher.BatchInput, 'ItemBatcher/BatchInput');
        else s.itemBatcher.batchInput = compilePayloadTemplate(batcher.BatchInput, 'BatchInput');
      }
    }
  }
  s.io = jsonata ? jsonataIO(s) : jsonPathIO(s);
  return s;
}

/** `X` (literal or `{% %}`) or `XPath` (JSONPath reference). */
function dynamic(def: StateDefinition, field: string, jsonata: boolean): DynamicValue {
  const bag = def as unknown as Record<string, Json | undefined>;
  const value = bag[field];
  const path = bag[`${field}Path`];
  if (typeof path === 'string') return { kind: 'path', read: compileReferencePath(path, `${field}Path`), path, field: `${field}Path` };
  if (value === undefined) return NONE;
  if (jsonata && isJsonataExpression(value)) return { kind: 'jsonata', eval: compileJsonataValue(value, field), field };
  return { kind: 'literal', value };
}

function compileRetrier(r: Retrier): CompiledRetrier {
  return {
    errors: r.ErrorEquals,
    intervalSeconds: r.IntervalSeconds ?? 1,
    maxAttempts: r.MaxAttempts ?? 3,
    backoffRate: r.BackoffRate ?? 2,
    maxDelaySeconds: r.MaxDelaySeconds,
    jitter: r.JitterStrategy === 'FULL',
  };
}

function compileCatcher(c: Catcher, jsonata: boolean): CompiledCatcher {
  const out: CompiledCatcher = {
    errors: c.ErrorEquals,
    next: c.Next,
    resultPath: jsonata ? (_i, r) => r : compileResultPath(c.ResultPath),
  };
  if (jsonata) {
    if (c.Output !== undefined) out.output = compileJsonataValue(c.Output, 'Output');
    if (c.Assign !== undefined) out.assignAta = compileJsonataAssign(c.Assign);
  } else if (c.Assign !== undefined) out.assignPath = compileAssignJsonPath(c.Assign);
  return out;
}
