/** Scopes the language layer evaluates against. */
import type { Json } from '../asl.js';

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
