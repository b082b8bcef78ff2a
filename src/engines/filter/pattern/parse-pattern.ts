/**
 * Reads a parsed policy/pattern into the validated tree, in document order, so that the first
 * problem found is the one AWS reports (event-ruler reads the JSON front to back and stops at
 * the first error). The structure rules are the same for SNS and EventBridge; operator
 * differences come in through `rules`.
 *
 * `$or` has a fallback, as in event-ruler's Machine.addRule: a pattern that fails to compile
 * with `$or` as an operator is compiled again with `$or` as an ordinary key, and that second
 * result (or its error) stands. So `{"$or": {"a": ["b"]}}` is the nested key "$or.a", and
 * `{"$or": [{"numeric": 123}, {"prefix": "abc"}]}` fails as a plain key would ("Value of numeric
 * must be an array."). The SNS docs describe the same: when the `$or` conditions are not met,
 * "$or" is treated as a regular attribute name. CIDR errors are not retried: event-ruler raises
 * them outside its parser, where the fallback does not catch them.
 */
import type { DialectRules } from '../dialect.js';
import { FilterPolicyError } from '../errors.js';
import type { JsonNode, JsonObject } from '../../../core/json-reader.js';
import { CidrError } from '../operators/cidr.js';
import type { PatternEntry, PatternObject, ValuePattern } from './ast.js';
import { parseMatchExpression } from './match-expression.js';

export const OR_KEY = '$or';

/** Names event-ruler refuses as keys inside `$or` branches (operators, and names it reserves for later ones). */
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

export function parsePattern(root: JsonNode, rules: DialectRules): PatternObject {
  if (root.kind !== 'object') throw new FilterPolicyError('Filter is not an object');
  try {
    return parseObject(root, { rules, orIsOperator: true }, false);
  } catch (e) {
    if (!(e instanceof FilterPolicyError) || e instanceof CidrError || !mentionsOr(root)) throw e;
    return parseObject(root, { rules, orIsOperator: false }, false);
  }
}

interface Mode {
  readonly rules: DialectRules;
  /** false for the fallback reading, where "$or" is just a key. */
  readonly orIsOperator: boolean;
}

function mentionsOr(node: JsonNode): boolean {
  if (node.kind === 'object') return node.entries.some((e) => e.key === OR_KEY || mentionsOr(e.value));
  if (node.kind === 'array') return node.items.some(mentionsOr);
  return false;
}

function parseObject(object: JsonObject, mode: Mode, insideOr: boolean): PatternObject {
  const entries: PatternEntry[] = [];
  for (const { key, value } of object.entries) {
    if (key === OR_KEY && mode.orIsOperator) {
      entries.push({ kind: 'or', branches: parseOr(value, mode) });
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw new FilterPolicyError(`${key} is Ruler reserved fieldName which cannot be used inside ${OR_KEY}.`);
    }
    if (value.kind === 'object') entries.push({ kind: 'nested', name: key, object: parseObject(value, mode, insideOr) });
    else if (value.kind === 'array') entries.push({ kind: 'field', name: key, values: parseValues(value.items, mode.rules) });
    else throw new FilterPolicyError(`"${key}" must be an object or an array`);
  }
  if (entries.length === 0) throw new FilterPolicyError('Empty objects are not allowed');
  return { entries };
}

function parseOr(value: JsonNode, mode: Mode): PatternObject[] {
  if (value.kind !== 'array') throw new FilterPolicyError(`It must be an Array followed with ${OR_KEY}.`);
  const branches = value.items.map((item) => {
    if (item.kind !== 'object') throw new FilterPolicyError(`Only JSON object is allowed in array of ${OR_KEY} relationship.`);
    return parseObject(item, mode, true);
  });
  if (branches.length < 2) throw new FilterPolicyError(`There must have at least 2 Objects in ${OR_KEY} relationship.`);
  return branches;
}

function parseValues(items: readonly JsonNode[], rules: DialectRules): ValuePattern[] {
  const values = items.map((item): ValuePattern => {
    switch (item.kind) {
      case 'object': return parseMatchExpression(item, rules);
      case 'string': return { op: 'exact', value: item.value };
      case 'number': return { op: 'exact', value: item.value };
      case 'true': return { op: 'exact', value: true };
      case 'false': return { op: 'exact', value: false };
      case 'null': return { op: 'exact', value: null };
      case 'array': throw new FilterPolicyError('Match value must be String, number, true, false, or null');
    }
  });
  if (values.length === 0) throw new FilterPolicyError('Empty arrays are not allowed');
  return values;
}
