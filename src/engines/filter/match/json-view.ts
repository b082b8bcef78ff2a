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

/** A step in the tree of read paths: one dot-separated component. */
export interface PathNode {
  readonly children: Map<string, PathNode>;
  /** The full path, when a policy reads the values here. */
  readPath: string | null;
}

/**
 * The paths a policy reads, as a tree of their dot-separated components: a node exists for every
 * dot-boundary prefix of a read path (the branches worth entering), so walking a document is one
 * Map lookup per key, with no path strings built.
 */
export class PathIndex {
  private readonly root: PathNode = { children: new Map(), readPath: null };

  constructor(paths: Iterable<string>) {
    for (const path of new Set(paths)) {
      let node = this.root;
      for (const part of path.split('.')) {
        let next = node.children.get(part);
        if (!next) node.children.set(part, (next = { children: new Map(), readPath: null }));
        node = next;
      }
      node.readPath = path;
    }
  }

  isRead(path: string): boolean {
    return (this.child(this.root, path)?.readPath ?? null) !== null;
  }

  leadsToRead(path: string): boolean {
    return this.child(this.root, path) !== undefined;
  }

  /** @internal The top of the tree (the document itself). */
  get top(): PathNode {
    return this.root;
  }

  /** @internal The node an object key leads to from `node`; a key may itself hold dots ({"a.b": 1} is path "a.b"). */
  child(node: PathNode, key: string): PathNode | undefined {
    const direct = node.children.get(key);
    if (direct !== undefined || !key.includes('.')) return direct;
    let at: PathNode | undefined = node;
    for (const part of key.split('.')) {
      at = at.children.get(part);
      if (at === undefined) return undefined;
    }
    return at;
  }
}

export function jsonView(root: Readonly<Record<string, unknown>>, index: PathIndex): MessageView {
  return new JsonView(root, index);
}

class JsonView implements MessageView {
  private readonly found = new Map<string, Leaf[]>();
  private nextArrayId = 0;

  constructor(root: Readonly<Record<string, unknown>>, private readonly index: PathIndex) {
    this.visitObject(root, index.top, null);
  }

  values(path: string): PathValues {
    const leaves = this.found.get(path);
    return leaves ? { leaves, anythingButOverAll: false } : NO_VALUES;
  }

  private visit(value: unknown, node: PathNode, membership: readonly number[] | null): void {
    if (Array.isArray(value)) {
      const id = this.nextArrayId++;
      for (let i = 0; i < value.length; i++) {
        this.visit(value[i], node, membership === null ? [id, i] : [...membership, id, i]);
      }
    } else if (value !== null && typeof value === 'object') {
      this.visitObject(value as Readonly<Record<string, unknown>>, node, membership);
    } else if (node.readPath !== null && isScalar(value)) {
      let list = this.found.get(node.readPath);
      if (!list) this.found.set(node.readPath, (list = []));
      list.push({ value, membership });
    }
  }

  private visitObject(object: Readonly<Record<string, unknown>>, node: PathNode, membership: readonly number[] | null): void {
    if (node.children.size === 0) return;
    for (const key of Object.keys(object)) {
      const child = this.index.child(node, key);
      if (child !== undefined) this.visit(object[key], child, membership);
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
