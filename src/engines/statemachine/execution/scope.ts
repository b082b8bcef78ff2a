/**
 * Variable scopes (JSONata `Assign`, also readable from JSONPath as `$name`): a state reads
 * its own scope and every outer one; Parallel branches and Map iterations open an inner scope.
 * Assignments apply after all of a state's expressions are evaluated (entry-time values).
 */
import type { Json } from '../asl.js';
import type { Variables } from '../language/index.js';

export class VariableScope implements Variables {
  private readonly vars = new Map<string, Json>();
  constructor(private readonly parent?: VariableScope) {}

  get(name: string): Json | undefined {
    const v = this.vars.get(name);
    if (v !== undefined || this.vars.has(name)) return v;
    return this.parent?.get(name);
  }

  assign(values: Record<string, Json>): void {
    for (const k in values) this.vars.set(k, values[k] as Json);
  }

  child(): VariableScope {
    return new VariableScope(this);
  }

  /** A scope that sees nothing outside (Distributed Map iterations). */
  static isolated(): VariableScope {
    return new VariableScope();
  }
}

export const NO_VARIABLES: Variables = { get: () => undefined };
