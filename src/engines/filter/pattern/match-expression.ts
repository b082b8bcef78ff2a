/**
 * One object inside a key's value list, such as `{"prefix": "a"}` or `{"numeric": [">", 0]}`.
 * Its first key names the operator; a second key is an error whose wording depends on the
 * operator (event-ruler's, as AWS returns it).
 */
import type { DialectRules } from '../dialect.js';
import { FilterPolicyError } from '../errors.js';
import type { JsonEntry, JsonNode, JsonObject } from '../../../core/json-reader.js';
import { parseCidr } from '../operators/cidr.js';
import { parseNumericExpression } from '../operators/numeric.js';
import { parseWildcard } from '../operators/wildcard.js';
import { parseAnythingBut } from './anything-but.js';
import type { ValuePattern } from './ast.js';

const ONE_KEY = 'Only one key allowed in match expression';

export function parseMatchExpression(expression: JsonObject, rules: DialectRules): ValuePattern {
  const [entry, ...siblings] = expression.entries;
  if (!entry) throw new FilterPolicyError('Match expression name not found');
  const { key: operator, value: operand } = entry;
  const onlyKey = (reason = ONE_KEY) => {
    if (siblings.length > 0) throw new FilterPolicyError(reason);
  };

  switch (operator) {
    case 'prefix':
    case 'suffix': {
      if (operand.kind === 'object' && rules.affixIgnoreCase) return parseAffixIgnoreCase(operator, operand, siblings);
      if (operand.kind !== 'string') throw new FilterPolicyError(`${operator} match pattern must be a string`);
      onlyKey();
      return { op: operator, value: operand.value, ignoreCase: false };
    }
    case 'equals-ignore-case': {
      if (operand.kind !== 'string') throw new FilterPolicyError('equals-ignore-case match pattern must be a string');
      onlyKey();
      return { op: 'equals-ignore-case', value: operand.value.toLowerCase() };
    }
    case 'numeric': {
      if (operand.kind !== 'array') throw new FilterPolicyError('Value of numeric must be an array.');
      const range = parseNumericExpression(operand.items);
      onlyKey('Too many elements in numeric expression');
      return { op: 'numeric', range };
    }
    case 'anything-but':
      return { op: 'anything-but', exclude: parseAnythingBut(operand, siblings, rules) };
    case 'exists': {
      if (operand.kind !== 'true' && operand.kind !== 'false') {
        throw new FilterPolicyError('exists match pattern must be either true or false.');
      }
      onlyKey();
      return { op: 'exists', value: operand.kind === 'true' };
    }
    case 'cidr': {
      // event-ruler reuses the prefix wording here (recorded in both snapshots).
      if (operand.kind !== 'string') throw new FilterPolicyError('prefix match pattern must be a string');
      const range = parseCidr(operand.value);
      onlyKey();
      return { op: 'cidr', range };
    }
    case 'wildcard': {
      if (!rules.wildcard) break;
      if (operand.kind !== 'string') throw new FilterPolicyError('wildcard match pattern must be a string');
      const pattern = parseWildcard(operand.value);
      onlyKey();
      return { op: 'wildcard', pattern };
    }
  }
  throw new FilterPolicyError(`Unrecognized match type ${operator}`);
}

/** EventBridge's `{"prefix": {"equals-ignore-case": "a"}}` (and suffix). */
function parseAffixIgnoreCase(operator: 'prefix' | 'suffix', inner: JsonObject, siblings: readonly JsonEntry[]): ValuePattern {
  const Name = operator === 'prefix' ? 'Prefix' : 'Suffix';
  const [entry, ...others] = inner.entries;
  if (!entry) throw new FilterPolicyError(`${Name} expression name not found`);
  if (entry.key !== 'equals-ignore-case') throw new FilterPolicyError(`Unsupported ${operator} pattern: ${entry.key}`);
  const operand: JsonNode = entry.value;
  if (operand.kind !== 'string') throw new FilterPolicyError('equals-ignore-case match pattern must be a string');
  if (others.length > 0 || siblings.length > 0) throw new FilterPolicyError(ONE_KEY);
  return { op: operator, value: operand.value.toLowerCase(), ignoreCase: true };
}
