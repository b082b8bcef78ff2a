/**
 * SNS message attributes seen as name -> values, for the MessageAttributes scope.
 *
 * Types (SNS docs, filter policy constraints and message attributes):
 *   - String and custom `String.<label>`: one string value.
 *   - Number and `Number.<label>`: one number, so `[100]` matches "100.0" and "1e2", while a
 *     string pattern never matches it.
 *   - String.Array (and Number.Array, shown in the numeric-matching docs): a JSON array; each
 *     element is a value of its own JSON type; anything-but must accept every element.
 *   - Binary: ignored, as if the attribute were absent.
 */
import type { Scalar } from '../pattern/ast.js';
import { NO_VALUES, type Leaf, type MessageView, type PathValues } from '../match/leaf.js';

export interface SnsMessageAttribute {
  readonly Type: string;
  readonly Value: string;
}

export type SnsMessageAttributes = Readonly<Record<string, SnsMessageAttribute>>;

// JSON's number grammar: what SNS accepts as a Number attribute is stricter than JS's Number().
const NUMBER_TEXT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export function attributeView(attributes: SnsMessageAttributes): MessageView {
  const cache = new Map<string, PathValues>();
  return {
    values(name: string): PathValues {
      let values = cache.get(name);
      if (values === undefined) {
        const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
        values = attribute ? attributeValues(attribute) : NO_VALUES;
        cache.set(name, values);
      }
      return values;
    },
  };
}

/** Whether any attribute carries a value the filter can see (SNS matches nothing without one). */
export function hasComparableAttribute(attributes: SnsMessageAttributes): boolean {
  for (const name of Object.keys(attributes)) {
    const attribute = attributes[name];
    if (attribute && attributeValues(attribute).leaves.length > 0) return true;
  }
  return false;
}

function attributeValues(attribute: SnsMessageAttribute): PathValues {
  const type = attribute.Type;
  if (type.startsWith('Binary')) return NO_VALUES;
  if (type === 'String.Array' || type === 'Number.Array') {
    const elements = parseArray(attribute.Value);
    if (elements !== null) return { leaves: elements.map(leaf), anythingButOverAll: true };
  } else if (type === 'Number' || type.startsWith('Number.')) {
    if (NUMBER_TEXT.test(attribute.Value)) return { leaves: [leaf(Number(attribute.Value))], anythingButOverAll: false };
  }
  return { leaves: [leaf(attribute.Value)], anythingButOverAll: false };
}

function leaf(value: Scalar): Leaf {
  return { value, membership: null };
}

/** The scalars of a String.Array value (nested arrays flattened, objects skipped); null if it is not a JSON array. */
function parseArray(text: string): Scalar[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const out: Scalar[] = [];
  const collect = (items: unknown[]) => {
    for (const item of items) {
      if (Array.isArray(item)) collect(item);
      else if (item === null || typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out.push(item);
    }
  };
  collect(parsed);
  return out;
}
