/**
 * Expands the validated tree into rules: a policy matches when any rule matches, and a rule
 * matches when each of its conditions does. `$or` multiplies the rules built so far by its
 * branches; nested objects only lengthen the path (`{"a": {"b": [...]}}` is path "a.b").
 * As in event-ruler, a later key for the same path in one rule replaces the earlier one.
 * Each condition is built once and shared by every rule that uses it, so evaluation can
 * remember its result per message.
 */
import { FilterPolicyError } from '../errors.js';
import type { PatternObject, ValuePattern } from '../pattern/ast.js';
import { FieldMatcher } from './field-matcher.js';

export interface Condition {
  /** Index into a per-message memo; unique within one compiled policy. */
  readonly id: number;
  readonly path: string;
  readonly matcher: FieldMatcher;
  /** The value patterns the matcher was built from (for indexes over many compiled patterns). */
  readonly values: readonly ValuePattern[];
}

export type Rule = readonly Condition[];

export interface CompiledRules {
  readonly rules: readonly Rule[];
  readonly conditionCount: number;
  /** Every path any rule reads. */
  readonly paths: ReadonlySet<string>;
}

/** `limit` caps the number of rules (each `$or` multiplies them); past it, `tooComplex` is thrown. */
export function expandRules(root: PatternObject, limit: number, tooComplex: string): CompiledRules {
  let conditionCount = 0;
  const paths = new Set<string>();
  const check = (count: number) => {
    if (count > limit) throw new FilterPolicyError(tooComplex);
  };

  const walk = (object: PatternObject, prefix: string, rules: Map<string, Condition>[]): Map<string, Condition>[] => {
    for (const entry of object.entries) {
      if (entry.kind === 'field') {
        const path = prefix + entry.name;
        const condition: Condition = { id: conditionCount++, path, matcher: new FieldMatcher(entry.values), values: entry.values };
        paths.add(path);
        for (const rule of rules) rule.set(path, condition);
      } else if (entry.kind === 'nested') {
        rules = walk(entry.object, `${prefix}${entry.name}.`, rules);
      } else {
        const before = rules;
        rules = [];
        for (const branch of entry.branches) {
          rules.push(...walk(branch, prefix, before.map((rule) => new Map(rule))));
          check(rules.length);
        }
      }
    }
    return rules;
  };

  const rules = walk(root, '', [new Map()]).map((rule) => [...rule.values()]);
  return { rules, conditionCount, paths };
}
