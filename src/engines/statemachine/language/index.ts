/**
 * STUB (being replaced): the ASL expression layer's contract. See the helper brief.
 */
import type { ChoiceRule, Json, JsonObject } from '../asl.js';

/** Variables visible to a state (inner scopes read outer ones). undefined = not defined. */
export interface Variables {
  get(name: string): Json | undefined;
}
/** What a JSONPath-mode expression reads: `$` input, `$$` context object, `$name` variables. */
export interface PathScope {
  input: Json;
  context: Json;
  variables: Variables;
}
/** `$states` in JSONata mode. */
export interface StatesVar {
  input: Json;
  context: Json;
  result?: Json;
  errorOutput?: Json;
}
export interface JsonataScope {
  states: StatesVar;
  variables: Variables;
}

const notYet = (): never => {
  throw new Error('language layer not implemented yet');
};

export const compileInputPath: (path: string | null | undefined) => (scope: PathScope) => Json = notYet;
export const compileOutputPath: (path: string | null | undefined) => (scope: PathScope) => Json = notYet;
export const compileResultPath: (path: string | null | undefined) => (input: Json, result: Json) => Json = notYet;
export const compileReferencePath: (path: string, field: string) => (scope: PathScope) => Json = notYet;
export const compilePayloadTemplate: (template: Json, field: string) => (scope: PathScope) => Json = notYet;
export const compileAssignJsonPath: (assign: JsonObject) => (scope: PathScope) => Record<string, Json> = notYet;
export const compileChoiceRuleJsonPath: (rule: ChoiceRule) => (scope: PathScope) => boolean = notYet;
export const compileJsonataValue: (value: Json, field: string) => (scope: JsonataScope) => Promise<Json> = notYet;
export const compileJsonataAssign: (assign: JsonObject) => (scope: JsonataScope) => Promise<Record<string, Json>> = notYet;
export const compileJsonataCondition: (value: Json, field: string) => (scope: JsonataScope) => Promise<boolean> = notYet;
export const isJsonataExpression: (value: unknown) => boolean = notYet;
export const parseTimestamp: (text: string) => number | undefined = notYet;
