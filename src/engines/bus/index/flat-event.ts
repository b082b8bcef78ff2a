/**
 * An event flattened to path → values, reused from one event to the next: the rule index reads
 * every event through one of these instead of building a fresh view per event.
 *
 * It gives the same leaves as the filter engine's JsonView (the view each compiled pattern
 * builds): keys join with dots and a key may itself hold dots, arrays contribute each element
 * (with its array membership, for the array-consistency check), only scalars at read paths are
 * values, and only branches leading to a read path are walked. The storage (the tree of read
 * paths, one record per path, the leaf arrays) is kept across events and stamped with an epoch
 * instead of being cleared.
 */
import type { Leaf, MessageView, Scalar } from '../../filter/index.js';

interface PathValues {
  readonly leaves: readonly Leaf[];
  readonly anythingButOverAll: boolean;
}

const NO_VALUES: PathValues = { leaves: [], anythingButOverAll: false };

/** The values at one read path for the current event (valid while `epoch` is the view's). */
export class PathRecord implements PathValues {
  epoch = 0;
  /** Fresh per event (cheaper in V8 than emptying and refilling one array). */
  leaves: Leaf[] = [];
  /** The record is its own PathValues for the current event (no object per path per event). */
  readonly anythingButOverAll = false;
  /**
   * The last single leaf outside arrays and its one-element list: events often repeat a path's
   * value (the same source, detail-type), and then the path costs no allocation. Both are
   * immutable once built (a second value gets a new list).
   */
  single: Leaf[] | null = null;

  constructor(readonly path: string) {}
}

interface Node {
  readonly children: Map<string, Node>;
  record: PathRecord | null;
}

export class FlatEvent implements MessageView {
  private readonly root: Node = { children: new Map(), record: null };
  private readonly records = new Map<string, PathRecord>();
  private epoch = 0;
  private nextArrayId = 0;

  constructor(paths: Iterable<string>) {
    for (const path of new Set(paths)) {
      let node = this.root;
      for (const part of path.split('.')) {
        let next = node.children.get(part);
        if (!next) node.children.set(part, (next = { children: new Map(), record: null }));
        node = next;
      }
      node.record = new PathRecord(path);
      this.records.set(path, node.record);
    }
  }

  /** The record of a read path (undefined for paths not read). */
  record(path: string): PathRecord | undefined {
    return this.records.get(path);
  }

  /** The leaves of a record for the current event (empty when the event has none there). */
  leavesOf(record: PathRecord): readonly Leaf[] {
    return record.epoch === this.epoch ? record.leaves : NO_VALUES.leaves;
  }

  /** Flattens the next event (the previous one's values are dropped). */
  load(event: Readonly<Record<string, unknown>>): void {
    this.epoch++;
    this.nextArrayId = 0;
    this.visitObject(event, this.root, null);
  }

  values(path: string): PathValues {
    const record = this.records.get(path);
    return record !== undefined && record.epoch === this.epoch ? record : NO_VALUES;
  }

  /** The values of a read path's record for the current event (what values(record.path) gives, without the lookup). */
  valuesOf(record: PathRecord): PathValues {
    return record.epoch === this.epoch ? record : NO_VALUES;
  }

  private visit(value: unknown, node: Node, membership: readonly number[] | null): void {
    const record = node.record;
    if (record !== null && membership === null && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)) {
      // The common case: a scalar outside arrays.
      if (record.epoch !== this.epoch) {
        record.epoch = this.epoch;
        const single = record.single;
        if (single !== null && Object.is(single[0]!.value, value)) record.leaves = single;
        else record.leaves = record.single = [{ value: value as Scalar, membership: null }];
      } else this.append(record, { value: value as Scalar, membership: null });
      return;
    }
    if (Array.isArray(value)) {
      const id = this.nextArrayId++;
      for (let i = 0; i < value.length; i++) {
        this.visit(value[i], node, membership === null ? [id, i] : [...membership, id, i]);
      }
    } else if (value !== null && typeof value === 'object') {
      if (node.children.size > 0) this.visitObject(value as Readonly<Record<string, unknown>>, node, membership);
    } else if (node.record !== null && (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      const record = node.record;
      const leaf: Leaf = { value: value as Scalar, membership };
      if (record.epoch !== this.epoch) {
        record.epoch = this.epoch;
        record.leaves = [leaf];
      } else this.append(record, leaf);
    }
  }

  /** Adds a second or later leaf to a record this event (a shared single list is copied, never grown). */
  private append(record: PathRecord, leaf: Leaf): void {
    if (record.leaves === record.single) record.leaves = [record.leaves[0]!, leaf];
    else record.leaves.push(leaf);
  }

  private visitObject(object: Readonly<Record<string, unknown>>, node: Node, membership: readonly number[] | null): void {
    const children = node.children;
    // for-in is faster than Object.keys here; own keys only (checked once a key leads somewhere).
    for (const key in object) {
      let child = children.get(key);
      if (child === undefined) {
        if (key.indexOf('.') < 0) continue;
        child = descend(node, key);
        if (child === undefined) continue;
      }
      if (!hasOwn(object, key)) continue;
      this.visit(object[key], child, membership);
    }
  }
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The node a dotted key ({"a.b": 1}) leads to: one step per component. */
function descend(node: Node, key: string): Node | undefined {
  let at: Node | undefined = node;
  for (const part of key.split('.')) {
    at = at.children.get(part);
    if (at === undefined) return undefined;
  }
  return at;
}
