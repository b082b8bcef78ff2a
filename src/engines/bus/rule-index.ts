/**
 * The rule index: which rules of a bus match an event, at a cost that follows the event and the
 * rules it can match rather than the number of rules (the role of event-ruler's compiled machine).
 *
 * Each pattern is expanded into its `$or`-free branches, conjunctions of per-path conditions (the
 * filter engine's own expansion, so semantics are its semantics). Conditions are shared across
 * all rules of the bus: two rules that both say `"source": ["aws.ec2"]` hold the same condition,
 * evaluated at most once per event; identical branches are stored once with the list of their
 * rules.
 *
 * Every branch is hung on one *anchor*: the condition most likely to rule it out among those a
 * present value must satisfy and that can be looked up by value (exact values, equals-ignore-case,
 * prefix/suffix, wildcard with a literal start or end, exists: true, numeric ranges; see
 * PathSlot). An event is flattened once (only paths some pattern reads), each anchored path is
 * probed with its values, and only the branches whose anchor fired are evaluated — condition by
 * condition with a per-event memo, with the filter engine's array-consistency check. Branches
 * with no anchorable condition (only anything-but, exists: false, cidr, `*x*` wildcards, IP
 * literals) form the residual list, evaluated for every event.
 *
 * An exact anchor is refined by a second exact condition when the branch has one (source, then
 * detail-type): the slot holds one group per (anchor value, second path), and the event's value
 * at the second path picks the branches, so many rules on one source cost only their pair's.
 * Matched branches are gathered by id and their rules merged into creation order directly into
 * the result (one large branch of identical rules is copied in runs), falling back to bits by seq
 * when many small branches match.
 *
 * Results are the rules in creation order (`seq`), exactly what running every rule's compiled
 * matcher would give (test/engines/bus/rule-index.test.ts checks that against a linear scan).
 */
import {
  consistentChoiceExists,
  EVENT_NULL_COUNTS_AS_PRESENT,
  evaluateConditionOn,
  expandEventPattern,
  parseIp,
  type Condition,
  type Leaf,
  type Outcome,
  type Scalar,
  type ValuePattern,
} from '../filter/index.js';
import { FlatEvent, PathRecord } from './index/flat-event.js';
import { PathSlot, type AnchorKey } from './index/path-slot.js';
import type { EventMatcher } from './types.js';

// Local bindings: the hot loop calls these per condition.
const evaluateOn = evaluateConditionOn;
const consistent = consistentChoiceExists;
const NULL_IS_PRESENT = EVENT_NULL_COUNTS_AS_PRESENT;

export interface IndexedRule {
  /** Creation order within the bus (stable output order): a small non-negative integer, unique per index. */
  readonly seq: number;
  readonly matcher: EventMatcher;
}

/** A condition shared by every branch (of every rule) that states it. */
interface SharedCondition {
  /** Index into the per-event memo arrays (reused after release). */
  readonly id: number;
  readonly key: string;
  readonly condition: Condition;
  refs: number;
}

interface Anchor {
  readonly path: string;
  readonly keys: readonly AnchorKey[];
}

/** A conjunction of conditions and the rules that have it (cold data; the hot data is in typed arrays by `id`). */
interface Branch<R> {
  readonly id: number;
  readonly key: string;
  readonly conditions: readonly SharedCondition[];
  /** Rules with this branch, ascending seq, and their seqs. */
  readonly rules: R[];
  readonly seqs: number[];
  readonly anchor: Anchor | null;
  /** When the anchor is exact: the groups that sort it further by a second exact condition, and that condition's values. */
  readonly refine: { readonly groups: readonly Refinement[]; readonly values: readonly Scalar[] } | null;
}

/**
 * The branches hung on one exact anchor value that also require an exact value at a second path,
 * by that value: the anchor slot holds the group (as item `-1 - id`) instead of each branch, and
 * a probe that hits it looks the event's values at the second path up in `byValue`. With many
 * rules per source this reads only the rules of the event's (source, detail-type) pair.
 */
interface Refinement {
  readonly id: number;
  readonly key: string;
  readonly anchorPath: string;
  readonly anchorKey: AnchorKey;
  readonly path: string;
  readonly byValue: Map<Scalar, number[]>;
  /** Branch registrations held (the group is dropped at zero). */
  count: number;
  /** The record of `path` in the current flattened-event storage. */
  record: PathRecord;
}

/** Ranks for anchors: lower is more selective (a rough probability that an event satisfies it). */
/** Distinct values assumed on a path before any are known (an exact value beats a short prefix). */
const EXACT_PRIOR = 4;
const SCORE_EIC = 1.5;
const SCORE_AFFIX = 0.4;
const SCORE_EXISTS = 0.9;
const SCORE_NUMERIC = 0.95;
/** Beyond this many rules outside the biggest matched branch, output() uses bits rather than a merge. */
const MERGE_REST_MAX = 64;
/** A record no event fills (for released condition ids). */
const NO_RECORD = new PathRecord('');
/** A refinement condition may list at most this many exact values. */
const REFINE_MAX_VALUES = 8;
/** Epochs restart before they leave the Int32 range. */
const MAX_EPOCH = 0x3fffffff;

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Ids for branches and conditions, reused after release so the typed arrays indexed by them stay
 * as small as the live population.
 */
class IdPool {
  private next = 0;
  private readonly free: number[] = [];

  take(): number {
    return this.free.pop() ?? this.next++;
  }

  give(id: number): void {
    this.free.push(id);
  }

  get bound(): number {
    return this.next;
  }
}

export class RuleIndex<R extends IndexedRule> {
  private readonly conditions = new Map<string, SharedCondition>();
  private readonly conditionIds = new IdPool();
  /** By condition id: the condition, and the per-event memo (epoch of the outcome, outcome). */
  private readonly conditionById: (SharedCondition | undefined)[] = [];
  private conditionEpoch = new Int32Array(64);
  private readonly outcome: Outcome[] = [];
  /** By condition id: the record of its path in `flat` (rebuilt when stale). */
  private conditionRecord: PathRecord[] = [];
  private recordsStale = true;

  private readonly branches = new Map<string, Branch<R>>();
  private readonly branchIds = new IdPool();
  private readonly branchById: (Branch<R> | undefined)[] = [];
  /** By branch id: the epoch it was last evaluated in, and its condition ids as a range of `pool`. */
  private branchMark = new Int32Array(64);
  private branchStart = new Int32Array(64);
  private branchEnd = new Int32Array(64);
  /** Condition ids of all branches, appended; compacted when half of it is dead. */
  private pool = new Int32Array(256);
  private poolUsed = 0;
  private poolLive = 0;

  private readonly slots = new Map<string, PathSlot<number>>();
  private readonly refinements = new Map<string, Refinement>();
  private readonly refinementIds = new IdPool();
  private readonly refinementById: (Refinement | undefined)[] = [];
  /** The slots with their path's record in `flat` (rebuilt with it). */
  private probes: Array<{ slot: PathSlot<number>; record: PathRecord }> | null = null;
  /** Ids of branches with no anchor. */
  private residual: number[] = [];
  /** Rules whose pattern the index could not expand; their own matcher runs on every event. */
  private readonly opaque = new Set<R>();
  private readonly placed = new Map<R, Branch<R>[]>();
  /** Distinct exact values per path (ref-counted over shared conditions): the cardinality used to rank anchors. */
  private readonly exactValues = new Map<string, Map<Scalar, number>>();
  /** Paths read by some condition (ref-counted), and the flattened-event storage built from them. */
  private readonly pathRefs = new Map<string, number>();
  private flat: FlatEvent | null = null;
  private epoch = 0;
  private readonly hits: number[][] = [];
  /** Ids of the branches that held for the current event (the first entries; reused). */
  private readonly matched: number[] = [];
  /** Scratch for output(): seqs outside the biggest matched branch. */
  private readonly small = new Int32Array(MERGE_REST_MAX);
  /**
   * Matched rules as bits by seq (which also drops repeats), the words touched, and the rule of
   * each seq. Reading them back in order costs the touched words sorted, or a scan of the span
   * between the lowest and highest touched word when that is cheaper.
   */
  private bits = new Int32Array(64);
  private touched: number[] = [];
  private emitted = 0;
  private readonly bySeq: (R | undefined)[] = [];

  get size(): number {
    return this.placed.size + this.opaque.size;
  }

  add(rule: R, patternJson: string): void {
    this.remove(rule);
    let expanded;
    try {
      expanded = expandEventPattern(patternJson);
    } catch {
      this.opaque.add(rule);
      this.bySeq[rule.seq] = rule;
      return;
    }
    const mine: Branch<R>[] = [];
    for (const conjunction of expanded.rules) {
      const shared = conjunction.map((c) => this.retainCondition(c));
      const key = shared.map((c) => c.key).sort().join('\u0001');
      let branch = this.branches.get(key);
      if (branch) {
        for (const c of shared) this.releaseCondition(c); // the branch already holds them
        if (mine.includes(branch)) continue;
      } else {
        branch = this.createBranch(key, shared);
      }
      insertBySeq(branch, rule);
      mine.push(branch);
    }
    this.placed.set(rule, mine);
    this.bySeq[rule.seq] = rule;
  }

  remove(rule: R): void {
    if (this.bySeq[rule.seq] === rule) this.bySeq[rule.seq] = undefined;
    if (this.opaque.delete(rule)) return;
    const mine = this.placed.get(rule);
    if (!mine) return;
    this.placed.delete(rule);
    for (const branch of mine) {
      const i = branch.rules.indexOf(rule);
      if (i >= 0) {
        branch.rules.splice(i, 1);
        branch.seqs.splice(i, 1);
      }
      if (branch.rules.length === 0) this.dropBranch(branch);
    }
  }

  /** Rules that match the event, in creation order. */
  match(event: object): R[] {
    const view = this.begin(event);
    const epoch = this.epoch;
    const hits = this.hits;
    const mark = this.branchMark;
    const matched = this.matched;
    let m = 0;
    for (let h = 0; h < hits.length; h++) {
      const list = hits[h]!;
      for (let i = 0; i < list.length; i++) {
        const b = list[i]!;
        if (b < 0) {
          this.refine(b, view); // appends to hits: this loop reaches them
          continue;
        }
        if (mark[b] === epoch) continue;
        mark[b] = epoch;
        if (this.holds(b, view, epoch)) matched[m++] = b;
      }
    }
    hits.length = 0;
    const residual = this.residual;
    for (let i = 0; i < residual.length; i++) {
      const b = residual[i]!;
      if (mark[b] === epoch) continue;
      mark[b] = epoch;
      if (this.holds(b, view, epoch)) matched[m++] = b;
    }
    let opaque: number[] | null = null;
    if (this.opaque.size > 0) {
      for (const r of this.opaque) if (r.matcher.matches(event)) (opaque ??= []).push(r.seq);
    }
    return this.output(m, opaque);
  }

  /**
   * The rules of the `m` matched branches in `this.matched` (and of the matched opaque rules), in
   * seq order without repeats. Usually one branch holds most of them (rules with identical
   * patterns share a branch): its rules are already in order, so the others' few seqs are sorted
   * and merged into them, writing the output directly. When the rest is large, bits by seq.
   */
  private output(m: number, opaque: number[] | null): R[] {
    const matched = this.matched;
    if (opaque === null) {
      if (m === 0) return [];
      if (m === 1) return this.branchById[matched[0]!]!.rules.slice();
    }
    const branchById = this.branchById;
    let big: Branch<R> | null = null;
    let total = opaque === null ? 0 : opaque.length;
    for (let i = 0; i < m; i++) {
      const b = branchById[matched[i]!]!;
      total += b.seqs.length;
      if (big === null || b.seqs.length > big.seqs.length) big = b;
    }
    const bigLen = big === null ? 0 : big.seqs.length;
    const rest = total - bigLen;
    if (rest > MERGE_REST_MAX) {
      for (let i = 0; i < m; i++) this.emit(branchById[matched[i]!]!.seqs);
      if (opaque !== null) this.emit(opaque);
      return this.collect();
    }
    // The seqs of everything but the biggest branch, sorted.
    const small = this.small;
    let n = 0;
    for (let i = 0; i < m; i++) {
      const b = branchById[matched[i]!]!;
      if (b === big) continue;
      const seqs = b.seqs;
      for (let k = 0; k < seqs.length; k++) small[n++] = seqs[k]!;
    }
    if (opaque !== null) for (let k = 0; k < opaque.length; k++) small[n++] = opaque[k]!;
    if (n > 16) small.subarray(0, n).sort();
    // Insertion sort: n is small.
    else for (let i = 1; i < n; i++) {
      const v = small[i]!;
      let j = i - 1;
      while (j >= 0 && small[j]! > v) {
        small[j + 1] = small[j]!;
        j--;
      }
      small[j + 1] = v;
    }
    const bySeq = this.bySeq;
    // Large results are sized up front (cheaper than growing; trimmed after repeats), small ones grown.
    const out: R[] = total > 16 ? new Array<R>(total) : [];
    let at = 0;
    let i = 0;
    let j = 0;
    if (big !== null) {
      // Each small seq is placed by binary search in the big branch's seqs; the runs between are
      // copied without comparisons.
      const seqs = big.seqs;
      const rules = big.rules;
      while (j < n) {
        const s = small[j]!;
        let lo = i;
        let hi = bigLen;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (seqs[mid]! < s) lo = mid + 1;
          else hi = mid;
        }
        while (i < lo) out[at++] = rules[i++]!;
        if (i < bigLen && seqs[i] === s) i++;
        out[at++] = bySeq[s]!;
        do j++;
        while (j < n && small[j] === s);
      }
      while (i < bigLen) out[at++] = rules[i++]!;
    }
    while (j < n) {
      const s = small[j]!;
      out[at++] = bySeq[s]!;
      do j++;
      while (j < n && small[j] === s);
    }
    if (at < out.length) out.length = at;
    return out;
  }

  private emit(seqs: readonly number[]): void {
    let bits = this.bits;
    for (let i = 0; i < seqs.length; i++) {
      const s = seqs[i]!;
      const w = s >>> 5;
      if (w >= bits.length) this.bits = bits = grow(bits, w + 1);
      const word = bits[w]!;
      const bit = 1 << (s & 31);
      if (word === 0) this.touched.push(w);
      if ((word & bit) === 0) {
        bits[w] = word | bit;
        this.emitted++;
      }
    }
  }

  /** Writes the rules of one bit word into `out` from `at`, in seq order, and clears it; returns the next position. */
  private take(w: number, out: R[], at: number): number {
    let word = this.bits[w]!;
    this.bits[w] = 0;
    while (word !== 0) {
      const low = word & -word;
      out[at++] = this.bySeq[w * 32 + 31 - Math.clz32(low)]!;
      word ^= low;
    }
    return at;
  }

  /** The emitted rules in seq order; clears the bits. */
  private collect(): R[] {
    const touched = this.touched;
    const t = touched.length;
    if (t === 0) return [];
    const bits = this.bits;
    // Sized up front: filling a preallocated array is cheaper than growing it by push.
    const out = new Array<R>(this.emitted);
    this.emitted = 0;
    if (t === 1) this.take(touched[0]!, out, 0);
    else {
      let lo = touched[0]!;
      let hi = lo;
      for (let i = 1; i < t; i++) {
        const w = touched[i]!;
        if (w < lo) lo = w;
        else if (w > hi) hi = w;
      }
      let at = 0;
      if (hi - lo < t * 8) {
        for (let w = lo; w <= hi; w++) if (bits[w] !== 0) at = this.take(w, out, at);
      } else {
        touched.sort((a, b) => a - b);
        for (let i = 0; i < t; i++) at = this.take(touched[i]!, out, at);
      }
    }
    touched.length = 0;
    return out;
  }

  /** The rules whose branches the index would evaluate for this event (anchored hits, residual, opaque), in creation order. */
  candidates(event: object): R[] {
    const flat = this.begin(event);
    const hits = this.hits;
    for (let h = 0; h < hits.length; h++) {
      for (const b of hits[h]!) {
        if (b < 0) this.refine(b, flat);
        else this.emit(this.branchById[b]!.seqs);
      }
    }
    for (const b of this.residual) this.emit(this.branchById[b]!.seqs);
    this.emit([...this.opaque].map((r) => r.seq));
    this.hits.length = 0;
    return this.collect();
  }

  /** Where each branch of a pattern would hang: `path kind` of its anchor, or "residual" (for tests and debugging). */
  explain(patternJson: string): string[] {
    return expandEventPattern(patternJson).rules.map((conjunction) => {
      const anchor = this.chooseAnchor(conjunction);
      return anchor ? `${anchor.path} ${[...new Set(anchor.keys.map((k) => k.kind))].join('+')}` : 'residual';
    });
  }

  /** Appends to `hits` the branch lists of refinement item `item` (-1 - id) for the event's values at its path. */
  private refine(item: number, flat: FlatEvent): void {
    const group = this.refinementById[-1 - item]!;
    const leaves = flat.leavesOf(group.record);
    for (let i = 0; i < leaves.length; i++) {
      const list = group.byValue.get(leaves[i]!.value);
      if (list !== undefined) this.hits.push(list);
    }
  }

  /** New epoch, the event flattened, and the anchor hits in `this.hits`. */
  private begin(event: object): FlatEvent {
    if (++this.epoch > MAX_EPOCH) {
      this.epoch = 1;
      this.branchMark.fill(0);
      this.conditionEpoch.fill(0);
    }
    let flat = this.flat;
    if (flat === null) {
      this.flat = flat = new FlatEvent(this.pathRefs.keys());
      this.probes = null;
      this.recordsStale = true;
    }
    if (this.recordsStale) {
      const records: PathRecord[] = [];
      for (let id = 0; id < this.conditionById.length; id++) {
        const c = this.conditionById[id];
        records[id] = c === undefined ? NO_RECORD : flat.record(c.condition.path)!;
      }
      this.conditionRecord = records;
      for (const g of this.refinements.values()) g.record = flat.record(g.path) ?? NO_RECORD;
      this.recordsStale = false;
    }
    const probes = (this.probes ??= [...this.slots.values()].map((slot) => ({ slot, record: flat.record(slot.path)! })));
    flat.load(event as Readonly<Record<string, unknown>>);
    this.hits.length = 0;
    for (let i = 0; i < probes.length; i++) {
      const p = probes[i]!;
      const leaves = flat.leavesOf(p.record);
      if (leaves.length > 0) p.slot.probe(leaves, this.hits);
    }
    return flat;
  }

  /** Whether every condition of branch `b` holds, with values from one element of any shared array. */
  private holds(b: number, view: FlatEvent, epoch: number): boolean {
    const pool = this.pool;
    const memoEpoch = this.conditionEpoch;
    const records = this.conditionRecord;
    const end = this.branchEnd[b]!;
    let constrained: (readonly Leaf[])[] | null = null;
    for (let i = this.branchStart[b]!; i < end; i++) {
      const id = pool[i]!;
      let result: Outcome;
      if (memoEpoch[id] === epoch) result = this.outcome[id]!;
      else {
        result = evaluateOn(this.conditionById[id]!.condition, view.valuesOf(records[id]!), NULL_IS_PRESENT);
        memoEpoch[id] = epoch;
        this.outcome[id] = result;
      }
      if (result === false) return false;
      if (result !== true) (constrained ??= []).push(result);
    }
    return constrained === null || constrained.length < 2 || consistent(constrained);
  }

  private retainCondition(condition: Condition): SharedCondition {
    const key = `${condition.path}\u0000${stableKey(condition.values)}`;
    let c = this.conditions.get(key);
    if (c) {
      c.refs++;
      return c;
    }
    c = { id: this.conditionIds.take(), key, condition, refs: 1 };
    this.recordsStale = true;
    this.conditions.set(key, c);
    this.conditionById[c.id] = c;
    this.conditionEpoch = grow(this.conditionEpoch, this.conditionIds.bound);
    this.conditionEpoch[c.id] = 0;
    this.outcome[c.id] = false;
    const path = condition.path;
    const refs = this.pathRefs.get(path) ?? 0;
    this.pathRefs.set(path, refs + 1);
    if (refs === 0) this.flat = null;
    for (const v of condition.values) {
      if (v.op !== 'exact') continue;
      let values = this.exactValues.get(path);
      if (!values) this.exactValues.set(path, (values = new Map()));
      values.set(v.value, (values.get(v.value) ?? 0) + 1);
    }
    return c;
  }

  private releaseCondition(c: SharedCondition): void {
    if (--c.refs > 0) return;
    this.conditions.delete(c.key);
    this.conditionById[c.id] = undefined;
    this.outcome[c.id] = false;
    this.conditionIds.give(c.id);
    const path = c.condition.path;
    const refs = (this.pathRefs.get(path) ?? 1) - 1;
    if (refs === 0) {
      this.pathRefs.delete(path);
      this.flat = null;
    } else this.pathRefs.set(path, refs);
    const values = this.exactValues.get(path);
    if (!values) return;
    for (const v of c.condition.values) {
      if (v.op !== 'exact') continue;
      const n = (values.get(v.value) ?? 1) - 1;
      if (n === 0) values.delete(v.value);
      else values.set(v.value, n);
    }
    if (values.size === 0) this.exactValues.delete(path);
  }

  private createBranch(key: string, shared: SharedCondition[]): Branch<R> {
    const anchor = this.chooseAnchor(shared.map((c) => c.condition));
    const second = anchor !== null && anchor.keys.every((k) => k.kind === 'exact') ? this.chooseRefinement(shared, anchor.path) : null;
    // Evaluate the anchor (and the refinement) last: they are the conditions most likely to hold for a candidate.
    const late = (c: SharedCondition) => c.condition.path === anchor?.path || c.condition.path === second?.path;
    const ordered = anchor ? [...shared.filter((c) => !late(c)), ...shared.filter(late)] : shared;
    const id = this.branchIds.take();
    let refine: Branch<R>['refine'] = null;
    if (anchor !== null && second !== null) {
      const groups = anchor.keys.map((k) => this.retainRefinement(anchor.path, k, second.path));
      refine = { groups, values: second.values };
    }
    const branch: Branch<R> = { id, key, conditions: ordered, rules: [], seqs: [], anchor, refine };
    this.branches.set(key, branch);
    this.branchById[id] = branch;
    const bound = this.branchIds.bound;
    this.branchMark = grow(this.branchMark, bound);
    this.branchStart = grow(this.branchStart, bound);
    this.branchEnd = grow(this.branchEnd, bound);
    this.branchMark[id] = 0;
    this.placeConditions(branch);
    if (!anchor) {
      this.residual.push(id);
      return branch;
    }
    let slot = this.slots.get(anchor.path);
    if (!slot) {
      this.slots.set(anchor.path, (slot = new PathSlot(anchor.path)));
      this.probes = null;
    }
    if (refine !== null) {
      for (const g of refine.groups) {
        if (g.count++ === 0) slot.add(g.anchorKey, -1 - g.id);
        for (const v of refine.values) {
          const list = g.byValue.get(v);
          if (list) list.push(id);
          else g.byValue.set(v, [id]);
        }
      }
    } else for (const k of anchor.keys) slot.add(k, id);
    return branch;
  }

  /**
   * The condition (other than the anchor's path) that sorts an exact-anchored branch further:
   * exact values only, on the path with the most distinct exact values; null when none helps.
   */
  private chooseRefinement(shared: readonly SharedCondition[], anchorPath: string): { path: string; values: Scalar[] } | null {
    let best: { path: string; values: Scalar[] } | null = null;
    let bestCardinality = 0;
    for (const c of shared) {
      const path = c.condition.path;
      if (path === anchorPath || c.condition.values.length > REFINE_MAX_VALUES) continue;
      const values: Scalar[] = [];
      let exactOnly = true;
      for (const v of c.condition.values) {
        const k = anchorKey(v);
        if (k === null || k.kind !== 'exact') {
          exactOnly = false;
          break;
        }
        if (!values.includes(k.value)) values.push(k.value);
      }
      if (!exactOnly || values.length === 0) continue;
      const cardinality = this.exactValues.get(path)?.size ?? 0;
      if (cardinality > bestCardinality) {
        bestCardinality = cardinality;
        best = { path, values };
      }
    }
    return best;
  }

  /** The refinement group of (anchor path, exact anchor key, second path), created on first use (its count is the caller's to raise). */
  private retainRefinement(anchorPath: string, k: AnchorKey, path: string): Refinement {
    const key = `${anchorPath}\u0000${stableKey((k as { value: Scalar }).value)}\u0000${path}`;
    let g = this.refinements.get(key);
    if (g) return g;
    g = { id: this.refinementIds.take(), key, anchorPath, anchorKey: k, path, byValue: new Map(), count: 0, record: NO_RECORD };
    this.refinements.set(key, g);
    this.refinementById[g.id] = g;
    this.recordsStale = true;
    return g;
  }

  /** Appends a branch's condition ids to the pool. */
  private placeConditions(branch: Branch<R>): void {
    const n = branch.conditions.length;
    this.pool = grow(this.pool, this.poolUsed + n);
    this.branchStart[branch.id] = this.poolUsed;
    for (const c of branch.conditions) this.pool[this.poolUsed++] = c.id;
    this.branchEnd[branch.id] = this.poolUsed;
    this.poolLive += n;
  }

  private dropBranch(branch: Branch<R>): void {
    this.branches.delete(branch.key);
    this.branchById[branch.id] = undefined;
    this.branchIds.give(branch.id);
    this.branchStart[branch.id] = 0;
    this.branchEnd[branch.id] = 0;
    this.poolLive -= branch.conditions.length;
    if (this.poolUsed > 1024 && this.poolLive * 2 < this.poolUsed) {
      this.poolUsed = 0;
      this.poolLive = 0;
      for (const b of this.branches.values()) this.placeConditions(b);
    }
    const anchor = branch.anchor;
    if (anchor) {
      const slot = this.slots.get(anchor.path);
      if (slot) {
        const refine = branch.refine;
        if (refine !== null) {
          for (const g of refine.groups) {
            for (const v of refine.values) {
              const list = g.byValue.get(v);
              if (!list) continue;
              const i = list.indexOf(branch.id);
              if (i >= 0) list.splice(i, 1);
              if (list.length === 0) g.byValue.delete(v);
            }
            if (--g.count === 0) {
              slot.remove(g.anchorKey, -1 - g.id);
              this.refinements.delete(g.key);
              this.refinementById[g.id] = undefined;
              this.refinementIds.give(g.id);
            }
          }
        } else for (const k of anchor.keys) slot.remove(k, branch.id);
        if (slot.count === 0) {
          this.slots.delete(anchor.path);
          this.probes = null;
        }
      }
    } else {
      this.residual = this.residual.filter((b) => b !== branch.id);
    }
    for (const c of branch.conditions) this.releaseCondition(c);
  }

  /** The most selective anchorable condition of a conjunction, or null when none is anchorable. */
  private chooseAnchor(conjunction: readonly Condition[]): Anchor | null {
    let best: Anchor | null = null;
    let bestScore = Infinity;
    for (const c of conjunction) {
      const keys: AnchorKey[] = [];
      let score = 0;
      for (const v of c.values) {
        const k = anchorKey(v);
        if (!k) {
          score = Infinity;
          break;
        }
        keys.push(k);
        score += this.score(c.path, k);
      }
      if (score < bestScore) {
        bestScore = score;
        best = { path: c.path, keys };
      }
    }
    return best;
  }

  private score(path: string, k: AnchorKey): number {
    switch (k.kind) {
      case 'exact': return 1 / ((this.exactValues.get(path)?.size ?? 0) + EXACT_PRIOR);
      case 'eic': return SCORE_EIC / ((this.exactValues.get(path)?.size ?? 0) + EXACT_PRIOR);
      case 'prefix':
      case 'suffix': return SCORE_AFFIX / (1 + k.value.length / 8);
      case 'exists': return SCORE_EXISTS;
      case 'numeric': return SCORE_NUMERIC;
    }
  }
}

/**
 * The lookup key under which a value pattern can be found from a present value that satisfies
 * it, or null when it cannot (it may hold for values no lookup finds, or for absent keys).
 */
function anchorKey(v: ValuePattern): AnchorKey | null {
  switch (v.op) {
    case 'exact':
      // An exact string that is an IP literal also matches other spellings of that address.
      if (typeof v.value === 'string' && parseIp(v.value) !== null) return null;
      return { kind: 'exact', value: v.value };
    case 'equals-ignore-case': return { kind: 'eic', value: v.value };
    case 'prefix':
    case 'suffix': return { kind: v.op, value: v.value, lower: v.ignoreCase };
    case 'wildcard': {
      const pieces = v.pattern.pieces;
      const first = pieces[0] ?? '';
      if (pieces.length === 1) return { kind: 'exact', value: first };
      if (first !== '') return { kind: 'prefix', value: first, lower: false };
      const last = pieces[pieces.length - 1] ?? '';
      if (last !== '') return { kind: 'suffix', value: last, lower: false };
      return null;
    }
    case 'numeric': return { kind: 'numeric', range: v.range };
    case 'exists': return v.value ? { kind: 'exists' } : null;
    case 'cidr':
    case 'anything-but': return null;
  }
}

/** A canonical text for a value-pattern list (Sets sorted, bigints and types kept apart). */
function stableKey(x: unknown): string {
  if (x === null) return 'null';
  switch (typeof x) {
    case 'string': return JSON.stringify(x);
    case 'number': return Object.is(x, -0) ? '0' : String(x);
    case 'boolean': return x ? 'true' : 'false';
    case 'bigint': return `${x}n`;
    case 'undefined': return 'undefined';
    case 'object': {
      if (Array.isArray(x)) return `[${x.map(stableKey).join(',')}]`;
      if (x instanceof Set) return `Set[${[...x].map(stableKey).sort().join(',')}]`;
      const o = x as Record<string, unknown>;
      return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableKey(o[k])}`).join(',')}}`;
    }
    default: return String(x);
  }
}

function insertBySeq<R extends IndexedRule>(branch: Branch<R>, rule: R): void {
  let i = branch.seqs.length;
  while (i > 0 && branch.seqs[i - 1]! > rule.seq) i--;
  branch.rules.splice(i, 0, rule);
  branch.seqs.splice(i, 0, rule.seq);
}
