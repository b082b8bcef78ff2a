/**
 * The lookup structures of one event path in the rule index: which registered items (pattern
 * branches) have an anchor condition that some value at this path can satisfy, found without
 * scanning the items. Every structure answers a superset question (an item it returns may still
 * fail); it must never miss an item whose anchor a value satisfies.
 *
 *   exact      Map value → items (strings, numbers, booleans, null; Map keys are typed like JSON)
 *   eic        Map lowercased string → items (equals-ignore-case)
 *   prefix     per distinct prefix length, Map prefix → items (and the same lowercased, and suffix)
 *   exists     items that any present value satisfies (exists: true)
 *   numeric    ranges → items, scanned (only used when nothing better anchors a branch)
 */
import type { Leaf, Scalar } from '../../filter/index.js';

export interface NumericRangeLike {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

export type AnchorKey =
  | { readonly kind: 'exact'; readonly value: Scalar }
  | { readonly kind: 'eic'; readonly value: string }
  | { readonly kind: 'prefix' | 'suffix'; readonly value: string; readonly lower: boolean }
  | { readonly kind: 'exists' }
  | { readonly kind: 'numeric'; readonly range: NumericRangeLike };

function addTo<K, T>(m: Map<K, T[]>, k: K, item: T): void {
  const list = m.get(k);
  if (list) list.push(item);
  else m.set(k, [item]);
}

function removeFrom<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

function removeIn<K, T>(m: Map<K, T[]>, k: K, item: T): void {
  const list = m.get(k);
  if (!list) return;
  removeFrom(list, item);
  if (list.length === 0) m.delete(k);
}

/** Levels with at most this many affixes are probed by comparison instead of a Map lookup. */
const SMALL_LEVEL = 4;

interface AffixLevel<T> {
  readonly length: number;
  readonly map: Map<string, T[]>;
}

/** Prefixes (or suffixes) grouped by length, so a value probes one Map per distinct length. */
class AffixTable<T> {
  /** Ascending by length. */
  private levels: AffixLevel<T>[] = [];

  constructor(private readonly fromEnd: boolean) {}

  get size(): number {
    return this.levels.length;
  }

  add(affix: string, item: T): void {
    let level = this.levels.find((l) => l.length === affix.length);
    if (!level) {
      level = { length: affix.length, map: new Map() };
      this.levels.push(level);
      this.levels.sort((a, b) => a.length - b.length);
    }
    addTo(level.map, affix, item);
  }

  remove(affix: string, item: T): void {
    const level = this.levels.find((l) => l.length === affix.length);
    if (!level) return;
    removeIn(level.map, affix, item);
    if (level.map.size === 0) this.levels = this.levels.filter((l) => l !== level);
  }

  probe(value: string, out: T[][]): void {
    const n = value.length;
    const levels = this.levels;
    for (let l = 0; l < levels.length; l++) {
      const level = levels[l]!;
      const len = level.length;
      if (len > n) return;
      const map = level.map;
      if (map.size <= SMALL_LEVEL) {
        // A few affixes: comparing in place beats cutting the value and hashing the piece.
        for (const [affix, list] of map) {
          if (this.fromEnd ? value.endsWith(affix) : value.startsWith(affix)) {
            out.push(list);
            break; // affixes of one length are distinct: at most one fits
          }
        }
        continue;
      }
      const list = map.get(this.fromEnd ? value.slice(n - len) : value.slice(0, len));
      if (list) out.push(list);
    }
  }
}

interface NumericEntry<T> {
  readonly key: string;
  readonly range: NumericRangeLike;
  readonly items: T[];
}

export class PathSlot<T> {
  private readonly exact = new Map<Scalar, T[]>();
  private readonly eic = new Map<string, T[]>();
  private readonly prefix = new AffixTable<T>(false);
  private readonly lowerPrefix = new AffixTable<T>(false);
  private readonly suffix = new AffixTable<T>(true);
  private readonly lowerSuffix = new AffixTable<T>(true);
  private readonly exists: T[] = [];
  private numeric: NumericEntry<T>[] = [];
  /** Registrations held (the slot is dropped at zero). */
  count = 0;

  constructor(readonly path: string) {}

  add(key: AnchorKey, item: T): void {
    this.count++;
    switch (key.kind) {
      case 'exact': addTo(this.exact, key.value, item); break;
      case 'eic': addTo(this.eic, key.value, item); break;
      case 'prefix': (key.lower ? this.lowerPrefix : this.prefix).add(key.value, item); break;
      case 'suffix': (key.lower ? this.lowerSuffix : this.suffix).add(key.value, item); break;
      case 'exists': this.exists.push(item); break;
      case 'numeric': {
        const k = rangeKey(key.range);
        const entry = this.numeric.find((e) => e.key === k);
        if (entry) entry.items.push(item);
        else this.numeric.push({ key: k, range: key.range, items: [item] });
        break;
      }
    }
  }

  remove(key: AnchorKey, item: T): void {
    this.count--;
    switch (key.kind) {
      case 'exact': removeIn(this.exact, key.value, item); break;
      case 'eic': removeIn(this.eic, key.value, item); break;
      case 'prefix': (key.lower ? this.lowerPrefix : this.prefix).remove(key.value, item); break;
      case 'suffix': (key.lower ? this.lowerSuffix : this.suffix).remove(key.value, item); break;
      case 'exists': removeFrom(this.exists, item); break;
      case 'numeric': {
        const k = rangeKey(key.range);
        const entry = this.numeric.find((e) => e.key === k);
        if (entry) {
          removeFrom(entry.items, item);
          if (entry.items.length === 0) this.numeric = this.numeric.filter((e) => e !== entry);
        }
        break;
      }
    }
  }

  /** Pushes the item lists whose anchors some of these values (all at this path) satisfy; lists may repeat. */
  probe(leaves: readonly Leaf[], out: T[][]): void {
    if (leaves.length === 0) return;
    if (this.exists.length > 0) out.push(this.exists);
    const lowered = this.eic.size > 0 || this.lowerPrefix.size > 0 || this.lowerSuffix.size > 0;
    for (const leaf of leaves) {
      const v = leaf.value;
      const hit = this.exact.get(v);
      if (hit) out.push(hit);
      if (typeof v === 'string') {
        if (this.prefix.size > 0) this.prefix.probe(v, out);
        if (this.suffix.size > 0) this.suffix.probe(v, out);
        if (lowered) {
          const lower = v.toLowerCase();
          const e = this.eic.get(lower);
          if (e) out.push(e);
          if (this.lowerPrefix.size > 0) this.lowerPrefix.probe(lower, out);
          if (this.lowerSuffix.size > 0) this.lowerSuffix.probe(lower, out);
        }
      } else if (typeof v === 'number') {
        for (const e of this.numeric) if (inRange(e.range, v)) out.push(e.items);
      }
    }
  }
}

function inRange(r: NumericRangeLike, v: number): boolean {
  if (r.lowOpen ? v <= r.low : v < r.low) return false;
  return r.highOpen ? v < r.high : v <= r.high;
}

function rangeKey(r: NumericRangeLike): string {
  return `${r.lowOpen ? '(' : '['}${r.low},${r.high}${r.highOpen ? ')' : ']'}`;
}
