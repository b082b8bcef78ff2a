/**
 * `{"anything-but": ...}` in its forms: a string or number, a list of strings or of numbers, or
 * an operator object (`{"prefix": "x"}`; EventBridge also suffix, equals-ignore-case, wildcard,
 * each with a string or a list). Reason texts and their order follow event-ruler, as recorded in
 * LocalStack's SNS and EventBridge snapshots.
 */
import type { AnythingButOperator, DialectRules } from '../dialect.js';
import { FilterPolicyError } from '../errors.js';
import type { JsonEntry, JsonNode } from '../../../core/json-reader.js';
import { comparableNumber } from '../operators/numeric.js';
import { parseWildcard } from '../operators/wildcard.js';
import type { AnythingBut } from './ast.js';

const NOT_SCALAR = 'Value of anything-but must be an array or single string/number value.';
const LIST_MEMBER = 'Inside anything but list, start|null|boolean is not supported.';
const MIXED = 'Inside anything but list, either all values are number or string, mixed type is not supported';

/** `operand` is the value of "anything-but"; `siblings` are further keys of the same match expression. */
export function parseAnythingBut(operand: JsonNode, siblings: readonly JsonEntry[], rules: DialectRules): AnythingBut {
  if (operand.kind === 'object') return parseOperatorForm(operand.entries, siblings, rules);
  let exclude: AnythingBut;
  if (operand.kind === 'array') exclude = parseList(operand.items);
  else if (operand.kind === 'string') exclude = { kind: 'values', strings: new Set([operand.value]), numbers: new Set() };
  else if (operand.kind === 'number') exclude = { kind: 'values', strings: new Set(), numbers: new Set([comparableNumber(operand)]) };
  else throw new FilterPolicyError(NOT_SCALAR);
  if (siblings.length > 0) throw new FilterPolicyError('Too many elements in numeric expression');
  return exclude;
}

function parseList(items: readonly JsonNode[]): AnythingBut {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const item of items) {
    if (item.kind === 'string') strings.add(item.value);
    else if (item.kind === 'number') numbers.add(comparableNumber(item));
    else throw new FilterPolicyError(LIST_MEMBER);
  }
  if ((strings.size > 0) === (numbers.size > 0)) throw new FilterPolicyError(MIXED);
  return { kind: 'values', strings, numbers };
}

function parseOperatorForm(entries: readonly JsonEntry[], siblings: readonly JsonEntry[], rules: DialectRules): AnythingBut {
  const [entry, ...others] = entries;
  if (!entry) throw new FilterPolicyError('Anything-But expression name not found');
  const operator = entry.key;
  if (!isAllowed(operator, rules)) throw new FilterPolicyError(`Unsupported anything-but pattern: ${operator}`);
  const operand = entry.value;

  // SNS runs the older form: one string, checked before anything else.
  if (!rules.anythingButOperatorLists && operand.kind !== 'string') {
    throw new FilterPolicyError(rules.anythingButAffixNotString);
  }
  if (operand.kind !== 'array' && operand.kind !== 'string' && operand.kind !== 'number') {
    throw new FilterPolicyError(NOT_SCALAR);
  }
  const values: string[] = [];
  for (const member of operand.kind === 'array' ? operand.items : [operand]) {
    if (member.kind !== 'string') throw new FilterPolicyError(notStringReason(operator, rules));
    if (member.value === '' && (operator === 'prefix' || operator === 'suffix')) {
      throw new FilterPolicyError(rules.anythingButAffixEmpty);
    }
    values.push(member.value);
  }
  const exclude: AnythingBut =
    operator === 'wildcard'
      ? { kind: 'wildcard', patterns: values.map(parseWildcard) }
      : { kind: operator, values: operator === 'equals-ignore-case' ? values.map((v) => v.toLowerCase()) : values };
  if (others.length > 0 || siblings.length > 0) throw new FilterPolicyError(rules.anythingButOperatorExtraKey);
  return exclude;
}

function isAllowed(operator: string, rules: DialectRules): operator is AnythingButOperator {
  return (rules.anythingButOperators as ReadonlySet<string>).has(operator);
}

function notStringReason(operator: AnythingButOperator, rules: DialectRules): string {
  if (operator === 'equals-ignore-case') return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
  if (operator === 'wildcard') return 'wildcard match pattern must be a string';
  return rules.anythingButAffixNotString;
}
