/**
 * A JSON document (an SNS message body, an EventBridge event) seen as path -> values.
 *
 * Keys join with dots, and a key may itself contain dots: {"a": {"b": 1}} and {"a.b": 1} both
 * hold 1 at "a.b" (AWS-recorded: LocalStack's test_filter_policy_on_message_body_dot_attribute).
 * Arrays contribute each element at the array's own path; arrays of arrays too. Only branches
 * that lead to a path the policy reads are walked, so a large body costs what the policy reads.
 */
import type { Scalar } from '../pattern/ast.js';
import { NO_VALUES, type Leaf, type MessageView, type PathValues } from './leaf.js';

/** The paths a policy reads, and every dot-boundary prefix of them (the branches worth entering). */
export class PathIndex {
  private readonly leaves: ReadonlySet<string>;
  private readonly branches = new Set<string>();

  constructor(paths: Iterable<string>) {
    this.leaves = new Set(paths);
    for (const path of this.leaves) {
      let dot = path.indexOf('.');
      while (dot >= 0) {
        this.branches.add(path.slice(0, dot));
        dot = path.indexOf('.', dot + 1);
      }
      this.branches.add(path);
    }
  }

  isRead(path: string): boolean {
    return this.leaves.has(path);
  }

  leadsToRead(path: string): boolean {
    return this.branches.has(path);
  }
}

export function jsonView(root: Readonly<Record<string, unknown>>, index: PathIndex): MessageView {
  return new JsonView(root, index);
}

class JsonView implements MessageView {
  private readonly found = new Map<string, Leaf[]>();
  private nextArrayId = 0;

  constructor(root: Readonly<Record<string, unknown>>, private readonly index: PathIndex) {
    this.visitObject(root, '', null);
  }

  values(path: string): PathValues {
    const leaves = this.found.get(path);
    return leaves ? { leaves, anythingButOverAll: false } : NO_VALUES;
  }

  private visit(value: unknown, path: string, membership: readonly number[] | null): void {
    if (Array.isArray(value)) {
      const id = this.nextArrayId++;
      for (let i = 0; i < value.length; i++) {
        this.visit(value[i], path, membership === null ? [id, i] : [...membership, id, i]);
      }
    } else if (value !== null && typeof value === 'object') {
      this.visitObject(value as Readonly<Record<string, unknown>>, `${path}.`, membership);
    } else if (isScalar(value) && this.index.isRead(path)) {
      let list = this.found.get(path);
      if (!list) this.found.set(path, (list = []));
      list.push({ value, membership });
    }
  }

  private visitObject(object: Readonly<Record<string, unknown>>, prefix: string, membership: readonly number[] | null): void {
    for (const key of Object.keys(object)) {
      const path = prefix + key;
      if (this.index.leadsToRead(path)) this.visit(object[key], path, membership);
    }
  }
}

/** Whether the document holds any value at all (SNS matches nothing against a message without one). */
export function hasAnyValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAnyValue);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasAnyValue);
  return isScalar(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
