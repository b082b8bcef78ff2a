/**
 * The limits SNS adds on top of the pattern language (SNS docs "Filter policy constraints";
 * error texts and the arithmetic from LocalStack's AWS-recorded snapshots):
 *
 *  - MessageAttributes scope takes no nesting:
 *    "Filter policy scope MessageAttributes does not support nested filter policy"
 *    (AWS reports it without the "FilterPolicy: " parameter name).
 *  - At most 5 keys; "for a nested policy, only parent keys are counted":
 *    "Filter policy can not have more than 5 keys". `$or` is not a key: each way the top-level
 *    `$or`s can be resolved is counted, and the largest count must stay within 5.
 *  - At most 150 combinations: "Filter policy is too complex". Each leaf key contributes
 *    (number of values) x (its nesting depth); keys multiply, `$or` branches add. Recorded
 *    cases: 3x4x2x3x1x3 = 216 refused; (4x6)+(4x4x4)+(4x4x4) = 152 refused;
 *    (3x6)+(3x4x4)+(3x4x7) = 150 accepted; (3+2)x(2x2)x(2x1 + 2x3) = 160 refused.
 */
import { FilterPolicyError } from '../errors.js';
import type { PatternObject } from '../pattern/ast.js';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

export const MAX_KEYS = 5;
export const MAX_COMBINATIONS = 150;
export const TOO_COMPLEX = 'Filter policy is too complex';

export function checkSnsLimits(policy: PatternObject, scope: FilterPolicyScope): void {
  if (scope === 'MessageAttributes' && hasNesting(policy)) {
    throw new FilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy', null);
  }
  if (maxKeys(policy) > MAX_KEYS) throw new FilterPolicyError(`Filter policy can not have more than ${MAX_KEYS} keys`);
  if (combinations(policy, 1) > MAX_COMBINATIONS) throw new FilterPolicyError(TOO_COMPLEX);
}

function hasNesting(object: PatternObject): boolean {
  return object.entries.some((e) => e.kind === 'nested' || (e.kind === 'or' && e.branches.some(hasNesting)));
}

/** The most top-level names one resolution of the `$or`s can combine. */
function maxKeys(object: PatternObject, inherited: ReadonlySet<string> = new Set()): number {
  const names = new Set(inherited);
  for (const e of object.entries) if (e.kind !== 'or') names.add(e.name);
  let total = names.size;
  for (const e of object.entries) {
    if (e.kind === 'or') total += Math.max(...e.branches.map((b) => maxKeys(b, names) - names.size));
  }
  return total;
}

/** Sum over the rules the policy expands to of the product of (values x depth) of their keys. */
function combinations(object: PatternObject, depth: number): number {
  let product = 1;
  for (const e of object.entries) {
    if (e.kind === 'field') product *= e.values.length * depth;
    else if (e.kind === 'nested') product *= combinations(e.object, depth + 1);
    else product *= e.branches.reduce((sum, b) => sum + combinations(b, depth), 0);
  }
  return product;
}
