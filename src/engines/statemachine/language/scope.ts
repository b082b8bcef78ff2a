/** Scopes the language layer evaluates against. */
import type { Json } from '../asl.js';
import type { Randomness } from '../../../core/ids.js';

/** Variables visible to a state (inner scopes read outer ones). undefined = not defined. */
export interface Variables {
  get(name: string): Json | undefined;
}
/** What a JSONPath-mode expression reads: `$` input, `$$` context object, `$name` variables. */
export interface PathScope {
  input: Json;
  context: Json;
  variables: Variables;
  /** States.UUID and States.MathRandom without a seed (the execution's injected Randomness). */
  random: Randomness;
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
  /** $random() and $uuid() (the execution's injected Randomness). */
  random: Randomness;
}
