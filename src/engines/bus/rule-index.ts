/**
 * The rule index: which rules of a bus can possibly match an event, without testing every rule.
 *
 * Every event has a string `source` and `detail-type` (the envelope guarantees both). A rule
 * whose pattern constrains `source` at the top level to exact strings only (`"source":["a","b"]`)
 * can match only events whose source is one of them; the same holds for `detail-type`. `$or`
 * branches are ANDed with the top-level keys, so a top-level exact `source` still constrains a
 * pattern that also has `$or` — unless a branch names `source` too (the matcher then accepts
 * either, as event-ruler merges the two), which sends the key to "not exact". Rules are bucketed:
 *
 *   bySource[s].byDetailType[d]   exact source AND exact detail-type
 *   bySource[s].anyDetailType     exact source only
 *   byDetailType[d]               exact detail-type only
 *   residual                      neither (prefix, wildcard, no source key, ...)
 *
 * An event's candidates are the union of the four buckets it hits (a handful of Map lookups),
 * so the cost per event is O(candidates), not O(rules): with N rules spread over many sources
 * only the rules of the event's source (plus the residual list) run their matcher. Candidates
 * are returned in rule creation order, so results equal a linear scan's.
 */
import type { EventMatcher } from './types.js';

export interface IndexedRule {
  /** Creation order within the bus (stable output order). */
  readonly seq: number;
  readonly matcher: EventMatcher;
}

interface SourceBucket<R> {
  byDetailType: Map<string, Set<R>>;
  anyDetailType: Set<R>;
}

interface Placement {
  sources: string[] | undefined;
  detailTypes: string[] | undefined;
}

/** The exact strings a top-level key accepts, or undefined when it is not exact-only. */
function exactStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out = new Set<string>();
  for (const v of value) {
    if (typeof v !== 'string') return undefined;
    out.add(v);
  }
  return [...out];
}

/** Where a pattern goes in the index (from its JSON text; anything unexpected → residual). */
export function placement(patternJson: string): Placement {
  let p: unknown;
  try {
    p = JSON.parse(patternJson);
  } catch {
    return { sources: undefined, detailTypes: undefined };
  }
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return { sources: undefined, detailTypes: undefined };
  const o = p as Record<string, unknown>;
  // A key repeated inside a top-level `$or` branch widens what the top-level key accepts (the
  // matcher merges both), so such a key is not indexable.
  const or = o['$or'];
  return {
    sources: or !== undefined && orMentions(or, 'source') ? undefined : exactStrings(o['source']),
    detailTypes: or !== undefined && orMentions(or, 'detail-type') ? undefined : exactStrings(o['detail-type']),
  };
}

/** Whether any branch of a `$or` (nested ones included) names `key` at its top level. */
function orMentions(or: unknown, key: string): boolean {
  if (!Array.isArray(or)) return true;
  for (const b of or) {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return true;
    const o = b as Record<string, unknown>;
    if (key in o) return true;
    if (o['$or'] !== undefined && orMentions(o['$or'], key)) return true;
  }
  return false;
}

export class RuleIndex<R extends IndexedRule> {
  private readonly bySource = new Map<string, SourceBucket<R>>();
  private readonly byDetailType = new Map<string, Set<R>>();
  private readonly residual = new Set<R>();
  private readonly placed = new Map<R, Placement>();

  get size(): number {
    return this.placed.size;
  }

  add(rule: R, patternJson: string): void {
    this.remove(rule);
    const pl = placement(patternJson);
    this.placed.set(rule, pl);
    if (pl.sources) {
      for (const s of pl.sources) {
        let b = this.bySource.get(s);
        if (!b) this.bySource.set(s, (b = { byDetailType: new Map(), anyDetailType: new Set() }));
        if (pl.detailTypes) for (const d of pl.detailTypes) setIn(b.byDetailType, d).add(rule);
        else b.anyDetailType.add(rule);
      }
    } else if (pl.detailTypes) {
      for (const d of pl.detailTypes) setIn(this.byDetailType, d).add(rule);
    } else this.residual.add(rule);
  }

  remove(rule: R): void {
    const pl = this.placed.get(rule);
    if (!pl) return;
    this.placed.delete(rule);
    if (pl.sources) {
      for (const s of pl.sources) {
        const b = this.bySource.get(s);
        if (!b) continue;
        if (pl.detailTypes) for (const d of pl.detailTypes) deleteIn(b.byDetailType, d, rule);
        else b.anyDetailType.delete(rule);
        if (!b.byDetailType.size && !b.anyDetailType.size) this.bySource.delete(s);
      }
    } else if (pl.detailTypes) {
      for (const d of pl.detailTypes) deleteIn(this.byDetailType, d, rule);
    } else this.residual.delete(rule);
  }

  /** Rules that may match an event with this source and detail-type, in creation order. */
  candidates(source: string, detailType: string): R[] {
    const out: R[] = [];
    const b = this.bySource.get(source);
    if (b) {
      const exact = b.byDetailType.get(detailType);
      if (exact) for (const r of exact) out.push(r);
      for (const r of b.anyDetailType) out.push(r);
    }
    const dt = this.byDetailType.get(detailType);
    if (dt) for (const r of dt) out.push(r);
    for (const r of this.residual) out.push(r);
    // Buckets are disjoint per rule, so no duplicates; sort only when several buckets contributed.
    if (out.length > 1) out.sort((a, b2) => a.seq - b2.seq);
    return out;
  }

  /** Rules that match the event (matcher run on the candidates only). */
  match(event: { source: string; 'detail-type': string }): R[] {
    const out: R[] = [];
    for (const r of this.candidates(event.source, event['detail-type'])) if (r.matcher.matches(event)) out.push(r);
    return out;
  }
}

function setIn<K, V>(m: Map<K, Set<V>>, k: K): Set<V> {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  return s;
}

function deleteIn<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (!s.size) m.delete(k);
}
