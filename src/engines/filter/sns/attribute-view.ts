/**
 * SNS message attributes seen as name -> values, for the MessageAttributes scope.
 *
 * Types (SNS docs, filter policy constraints and message attributes):
 *   - String and custom `String.<label>`: one string value.
 *   - Number and `Number.<label>`: one number, so `[100]` matches "100.0" and "1e2", while a
 *     string pattern never matches it.
 *   - String.Array (and Number.Array, shown in the numeric-matching docs): a JSON array; each
 *     element is a value of its own JSON type, and the attribute matches when an element does.
 *     Except anything-but on String.Array, which must accept every element (the current
 *     string-matching page: "it matches if none of the array elements are listed"); the
 *     numeric page still shows Number.Array [100, 50] passing anything-but [100, 500].
 *   - Binary: ignored, as if the attribute were absent.
 */
import type { Scalar } from '../pattern/ast.js';
import { NO_VALUES, type Leaf, type MessageView, type PathValues } from '../match/leaf.js';

export interface SnsMessageAttribute {
  readonly Type: string;
  readonly Value: string;
}

export type SnsMessageAttributes = Readonly<Record<string, SnsMessageAttribute>>;

// Decimal numbers as Java's BigDecimal reads them ("+5", "5.", ".5", "1e2"); JS's Number() would
// also take "0x10", " 5" and "", which SNS does not accept as numbers.
const NUMBER_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Reads attributes lazily and converts each one at most once per message. */
export class AttributeView implements MessageView {
  private readonly cache = new Map<string, PathValues>();

  constructor(private readonly attributes: SnsMessageAttributes) {}

  values(name: string): PathValues {
    let values = this.cache.get(name);
    if (values === undefined) {
      const attribute = Object.hasOwn(this.attributes, name) ? this.attributes[name] : undefined;
      values = attribute ? attributeValues(attribute) : NO_VALUES;
      this.cache.set(name, values);
    }
    return values;
  }

  /** Whether any attribute carries a value the filter can see (SNS matches nothing without one). */
  hasAnyValue(): boolean {
    for (const name of Object.keys(this.attributes)) if (this.values(name).leaves.length > 0) return true;
    return false;
  }
}

function attributeValues(attribute: SnsMessageAttribute): PathValues {
  const type = attribute.Type;
  if (type.startsWith('Binary')) return NO_VALUES;
  if (type === 'String.Array' || type === 'Number.Array') {
    const elements = parseArray(attribute.Value);
    if (elements !== null) return { leaves: elements.map(leaf), anythingButOverAll: type === 'String.Array' };
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
  // An explicit stack of (array, next index): a value may nest as deep as its size allows.
  const stack: Array<[unknown[], number]> = [[parsed, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [items, i] = top;
    if (i >= items.length) {
      stack.pop();
      continue;
    }
    top[1] = i + 1;
    const item = items[i];
    if (Array.isArray(item)) stack.push([item, 0]);
    else if (item === null || typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out.push(item);
  }
  return out;
}
