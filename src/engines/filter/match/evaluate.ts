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
import type { Leaf, MessageView } from './leaf.js';
import type { CompiledRules, Condition } from './rules.js';

/** A condition's outcome: false, true (no element constraint), or the leaves that satisfied it. */
type Outcome = boolean | readonly Leaf[];

export function evaluate(compiled: CompiledRules, view: MessageView, nullCountsAsPresent: boolean): boolean {
  const memo: (Outcome | undefined)[] = new Array<Outcome | undefined>(compiled.conditionCount);
  const outcome = (c: Condition): Outcome => {
    let result = memo[c.id];
    if (result === undefined) {
      result = evaluateCondition(c, view, nullCountsAsPresent);
      memo[c.id] = result;
    }
    return result;
  };

  rules: for (const rule of compiled.rules) {
    let constrained: (readonly Leaf[])[] | null = null;
    for (const condition of rule) {
      const result = outcome(condition);
      if (result === false) continue rules;
      if (result !== true) (constrained ??= []).push(result);
    }
    if (constrained === null || constrained.length < 2 || consistentChoiceExists(constrained)) return true;
  }
  return false;
}

function evaluateCondition(condition: Condition, view: MessageView, nullCountsAsPresent: boolean): Outcome {
  const { matcher } = condition;
  const { leaves, anythingButOverAll } = view.values(condition.path);
  const isPresent = (leaf: Leaf) => nullCountsAsPresent || leaf.value !== null;

  if (matcher.existsFalse && !leaves.some(isPresent)) return true;

  if (anythingButOverAll && leaves.length > 0 && matcher.anythingButs.length > 0) {
    if (matcher.anythingButAcceptsAll(leaves.map((l) => l.value))) return true;
  }

  let candidates: Leaf[] | null = null;
  let constrained = false;
  for (const leaf of leaves) {
    const hit =
      (matcher.existsTrue && isPresent(leaf)) ||
      matcher.matchesValue(leaf.value) ||
      (!anythingButOverAll && matcher.anythingButAccepts(leaf.value));
    if (!hit) continue;
    if (leaf.membership === null) return true;
    (candidates ??= []).push(leaf);
    constrained = true;
  }
  return constrained && candidates !== null ? candidates : false;
}

/** Is there one leaf per list such that no two come from different elements of the same array? */
function consistentChoiceExists(lists: (readonly Leaf[])[]): boolean {
  lists.sort((a, b) => a.length - b.length);
  const chosen = new Map<number, number>(); // arrayId -> element index
  const pick = (i: number): boolean => {
    const list = lists[i];
    if (list === undefined) return true;
    for (const leaf of list) {
      const added = bind(chosen, leaf.membership ?? []);
      if (added === null) continue;
      if (pick(i + 1)) return true;
      for (const id of added) chosen.delete(id);
    }
    return false;
  };
  return pick(0);
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
