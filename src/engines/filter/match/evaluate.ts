/**
 * Decides whether a message matches compiled rules: OR over rules, AND over a rule's conditions,
 * OR over a condition's value patterns and the message's values at that path.
 *
 * Absent keys: only `exists: false` matches them. Present means "has a value"; an empty array
 * or an object is not a value (exists works on leaves only). Whether null is a value for
 * `exists` is the dialect's `nullCountsAsPresent`. anything-but never matches an absent key.
 *
 * Array consistency (event-ruler): values chosen for different conditions must come from the
 * same element of any array they share, so {"a": [{"x": 1}, {"y": 2}]} does not match
 * {"a": {"x": [1], "y": [2]}}. Most messages hold no arrays and skip this search.
 */
import type { Leaf, MessageView, PathValues } from './leaf.js';
import type { CompiledRules, Condition } from './rules.js';

/** A condition's outcome: false, true (no element constraint), or the leaves that satisfied it. */
export type Outcome = boolean | readonly Leaf[];

export function evaluate(compiled: CompiledRules, view: MessageView, nullCountsAsPresent: boolean): boolean {
  const memo: (Outcome | undefined)[] = new Array<Outcome | undefined>(compiled.conditionCount);
  rules: for (const rule of compiled.rules) {
    let constrained: (readonly Leaf[])[] | null = null;
    for (const condition of rule) {
      let result = memo[condition.id];
      if (result === undefined) {
        result = evaluateCondition(condition, view, nullCountsAsPresent);
        memo[condition.id] = result;
      }
      if (result === false) continue rules;
      if (result !== true) (constrained ??= []).push(result);
    }
    if (constrained === null || constrained.length < 2 || consistentChoiceExists(constrained)) return true;
  }
  return false;
}

export function evaluateCondition(condition: Condition, view: MessageView, nullCountsAsPresent: boolean): Outcome {
  return evaluateConditionOn(condition, view.values(condition.path), nullCountsAsPresent);
}

/** evaluateCondition with the values at the condition's path already looked up. */
export function evaluateConditionOn(condition: Condition, values: PathValues, nullCountsAsPresent: boolean): Outcome {
  const { matcher } = condition;
  const { leaves, anythingButOverAll } = values;

  if (matcher.existsFalse && !hasPresentLeaf(leaves, nullCountsAsPresent)) return true;

  if (anythingButOverAll && leaves.length > 0 && matcher.anythingButs.length > 0) {
    if (matcher.anythingButAcceptsAll(leaves.map((l) => l.value))) return true;
  }

  let candidates: Leaf[] | null = null;
  for (const leaf of leaves) {
    const hit =
      (matcher.existsTrue && (nullCountsAsPresent || leaf.value !== null)) ||
      matcher.matchesValue(leaf.value) ||
      (!anythingButOverAll && matcher.anythingButAccepts(leaf.value));
    if (!hit) continue;
    if (leaf.membership === null) return true;
    (candidates ??= []).push(leaf);
  }
  return candidates ?? false;
}

function hasPresentLeaf(leaves: readonly Leaf[], nullCountsAsPresent: boolean): boolean {
  if (nullCountsAsPresent) return leaves.length > 0;
  for (const leaf of leaves) if (leaf.value !== null) return true;
  return false;
}

/**
 * Is there one leaf per list such that no two come from different elements of the same array?
 * A depth-first search; each list is grouped by its outermost array element, so once that
 * element is chosen (e.g. one of "Records") only its leaves are tried.
 */
export function consistentChoiceExists(lists: (readonly Leaf[])[]): boolean {
  const groups = lists.map(groupByOuterElement).sort((a, b) => a.size - b.size);
  const chosen = new Map<number, number>(); // arrayId -> element index
  const pick = (i: number): boolean => {
    const group = groups[i];
    if (group === undefined) return true;
    const bound = group.outerArray === null ? undefined : chosen.get(group.outerArray);
    const candidates = bound === undefined ? group.all : [...(group.byIndex.get(bound) ?? []), ...group.elsewhere];
    for (const leaf of candidates) {
      const added = bind(chosen, leaf.membership ?? []);
      if (added === null) continue;
      if (pick(i + 1)) return true;
      for (const id of added) chosen.delete(id);
    }
    return false;
  };
  return pick(0);
}

interface LeafGroup {
  readonly all: readonly Leaf[];
  readonly size: number;
  /** The outermost array of the first leaf; leaves of one path nearly always share it. */
  readonly outerArray: number | null;
  readonly byIndex: ReadonlyMap<number, Leaf[]>;
  /** Leaves outside that array. */
  readonly elsewhere: readonly Leaf[];
}

function groupByOuterElement(leaves: readonly Leaf[]): LeafGroup {
  const outerArray = leaves[0]?.membership?.[0] ?? null;
  const byIndex = new Map<number, Leaf[]>();
  const elsewhere: Leaf[] = [];
  for (const leaf of leaves) {
    const m = leaf.membership;
    if (m !== null && m[0] === outerArray && m[1] !== undefined) {
      let list = byIndex.get(m[1]);
      if (!list) byIndex.set(m[1], (list = []));
      list.push(leaf);
    } else {
      elsewhere.push(leaf);
    }
  }
  return { all: leaves, size: leaves.length, outerArray, byIndex, elsewhere };
}

/** Adds a leaf's memberships to the choice; returns the array ids it added, or null on a conflict. */
function bind(chosen: Map<number, number>, membership: readonly number[]): number[] | null {
  const added: number[] = [];
  for (let k = 0; k + 1 < membership.length; k += 2) {
    const id = membership[k] as number;
    const index = membership[k + 1] as number;
    const bound = chosen.get(id);
    if (bound === undefined) {
      chosen.set(id, index);
      added.push(id);
    } else if (bound !== index) {
      for (const undo of added) chosen.delete(undo);
      return null;
    }
  }
  return added;
}
