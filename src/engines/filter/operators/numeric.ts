/**
 * `{"numeric": [...]}`: one comparison (`=`, `<`, `<=`, `>`, `>=`) or a range (`>`/`>=` then
 * `<`/`<=`). The checks run in the order event-ruler reads the array, so the first bad member
 * gives the same reason AWS gives (all texts are in LocalStack's SNS snapshot).
 */
import { FilterPolicyError } from '../errors.js';
import { tokenText, type JsonNode, type JsonNumber } from '../../../core/json-reader.js';

/** An interval of doubles; unbounded ends are ±Infinity. `=` is the closed interval [v, v]. */
export interface NumericRange {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

export function inRange(range: NumericRange, value: number): boolean {
  if (range.lowOpen ? value <= range.low : value < range.low) return false;
  return range.highOpen ? value < range.high : value <= range.high;
}

/** A policy number as a double; numbers a double cannot hold are refused, as event-ruler refuses them. */
export function comparableNumber(node: JsonNumber): number {
  if (!Number.isFinite(node.value)) throw new FilterPolicyError(`Cannot compare number : ${node.text}`);
  return node.value;
}

export function parseNumericExpression(items: readonly JsonNode[]): NumericRange {
  // Jackson's getText() of the member at i; past the end the parser sits on the closing bracket.
  const textAt = (i: number) => {
    const item = items[i];
    return item ? tokenText(item) : ']';
  };
  const numberAt = (i: number, operator: string): number => {
    const item = items[i];
    if (item?.kind !== 'number') throw new FilterPolicyError(`Value of ${operator} must be numeric`);
    return comparableNumber(item);
  };

  const first = items[0];
  if (first?.kind !== 'string') throw new FilterPolicyError(`Invalid member in numeric match: ${textAt(0)}`);
  const operator = first.value;
  switch (operator) {
    case '=': {
      const value = numberAt(1, 'equals');
      if (items.length > 2) throw new FilterPolicyError('Too many elements in numeric expression');
      return { low: value, lowOpen: false, high: value, highOpen: false };
    }
    case '>':
    case '>=': {
      const low = numberAt(1, operator);
      const lowOpen = operator === '>';
      if (items.length === 2) return { low, lowOpen, high: Infinity, highOpen: true };
      return completeRange(items, textAt, low, lowOpen);
    }
    case '<':
    case '<=': {
      const high = numberAt(1, operator);
      if (items.length > 2) throw new FilterPolicyError('Too many elements in numeric expression');
      return { low: -Infinity, lowOpen: true, high, highOpen: operator === '<' };
    }
    default:
      throw new FilterPolicyError(`Unrecognized numeric range operator: ${operator}`);
  }
}

function completeRange(
  items: readonly JsonNode[],
  textAt: (i: number) => string,
  low: number,
  lowOpen: boolean,
): NumericRange {
  const second = items[2];
  if (second?.kind !== 'string') throw new FilterPolicyError(`Bad value in numeric range: ${textAt(2)}`);
  const operator = second.value;
  if (operator !== '<' && operator !== '<=') throw new FilterPolicyError(`Bad numeric range operator: ${operator}`);
  const top = items[3];
  if (top?.kind !== 'number') throw new FilterPolicyError(`Value of ${operator} must be numeric`);
  const high = comparableNumber(top);
  if (items.length > 4) throw new FilterPolicyError('Too many terms in numeric range expression');
  if (low >= high) throw new FilterPolicyError('Bottom must be less than top');
  return { low, lowOpen, high, highOpen: operator === '<' };
}
