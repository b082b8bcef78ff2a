/**
 * Everything one key's value list accepts, compiled once into lookups: exact values go into
 * Sets, prefixes and ranges into small arrays, so testing a message value never walks the
 * policy text. Value tests are typed like JSON: strings only meet string operators, numbers
 * only numeric ones (a String "100" is not the number 100).
 */
import type { AnythingBut, Scalar, ValuePattern } from '../pattern/ast.js';
import { ipInRange, parseIp, type IpRange } from '../operators/cidr.js';
import { inRange, type NumericRange } from '../operators/numeric.js';
import { matchWildcard, type WildcardPattern } from '../operators/wildcard.js';

export class FieldMatcher {
  readonly existsTrue: boolean = false;
  readonly existsFalse: boolean = false;
  readonly anythingButs: readonly AnythingBut[];
  private readonly strings = new Set<string>();
  private readonly numbers = new Set<number>();
  private readonly literals = new Set<boolean | null>();
  private readonly prefixes: string[] = [];
  private readonly suffixes: string[] = [];
  private readonly lowerPrefixes: string[] = [];
  private readonly lowerSuffixes: string[] = [];
  private readonly lowerEquals = new Set<string>();
  private readonly wildcards: WildcardPattern[] = [];
  private readonly ranges: NumericRange[] = [];
  /** CIDR blocks, and exact strings that are IP literals (AWS compares those as addresses). */
  private readonly ipRanges: IpRange[] = [];

  constructor(patterns: readonly ValuePattern[]) {
    const anythingButs: AnythingBut[] = [];
    for (const p of patterns) {
      switch (p.op) {
        case 'exact':
          if (typeof p.value === 'string') {
            this.strings.add(p.value);
            const ip = parseIp(p.value);
            if (ip) this.ipRanges.push({ family: ip.family, low: ip.value, high: ip.value });
          } else if (typeof p.value === 'number') {
            this.numbers.add(p.value);
          } else {
            this.literals.add(p.value);
          }
          break;
        case 'prefix': (p.ignoreCase ? this.lowerPrefixes : this.prefixes).push(p.value); break;
        case 'suffix': (p.ignoreCase ? this.lowerSuffixes : this.suffixes).push(p.value); break;
        case 'equals-ignore-case': this.lowerEquals.add(p.value); break;
        case 'wildcard': this.wildcards.push(p.pattern); break;
        case 'numeric': this.ranges.push(p.range); break;
        case 'cidr': this.ipRanges.push(p.range); break;
        case 'exists':
          if (p.value) this.existsTrue = true;
          else this.existsFalse = true;
          break;
        case 'anything-but': anythingButs.push(p.exclude); break;
      }
    }
    this.anythingButs = anythingButs;
  }

  /** Whether a plain (not anything-but, not exists) pattern accepts the value. */
  matchesValue(value: Scalar): boolean {
    if (typeof value === 'string') return this.matchesString(value);
    if (typeof value === 'number') {
      if (this.numbers.has(value)) return true;
      for (const r of this.ranges) if (inRange(r, value)) return true;
      return false;
    }
    return this.literals.has(value);
  }

  /** Whether some anything-but of this key accepts the (present) value. */
  anythingButAccepts(value: Scalar): boolean {
    for (const exclude of this.anythingButs) if (accepts(exclude, value)) return true;
    return false;
  }

  /** Whether one anything-but of this key accepts every value (SNS String.Array attributes). */
  anythingButAcceptsAll(values: readonly Scalar[]): boolean {
    return this.anythingButs.some((exclude) => values.every((v) => accepts(exclude, v)));
  }

  // Plain loops: this runs per message value per condition, and closures here cost a call each.
  private matchesString(value: string): boolean {
    if (this.strings.has(value)) return true;
    for (const p of this.prefixes) if (value.startsWith(p)) return true;
    for (const s of this.suffixes) if (value.endsWith(s)) return true;
    if (this.lowerEquals.size > 0 || this.lowerPrefixes.length > 0 || this.lowerSuffixes.length > 0) {
      const lower = value.toLowerCase();
      if (this.lowerEquals.has(lower)) return true;
      for (const p of this.lowerPrefixes) if (lower.startsWith(p)) return true;
      for (const s of this.lowerSuffixes) if (lower.endsWith(s)) return true;
    }
    for (const w of this.wildcards) if (matchWildcard(w, value)) return true;
    if (this.ipRanges.length > 0) {
      const ip = parseIp(value);
      if (ip && this.ipRanges.some((r) => ipInRange(r, ip))) return true;
    }
    return false;
  }
}

/** anything-but accepts every present value it does not exclude: other types (numbers, null, booleans) included. */
function accepts(exclude: AnythingBut, value: Scalar): boolean {
  switch (exclude.kind) {
    case 'values':
      if (typeof value === 'string') return !exclude.strings.has(value);
      if (typeof value === 'number') return !exclude.numbers.has(value);
      return true;
    case 'prefix':
      return typeof value !== 'string' || !exclude.values.some((p) => value.startsWith(p));
    case 'suffix':
      return typeof value !== 'string' || !exclude.values.some((s) => value.endsWith(s));
    case 'equals-ignore-case':
      return typeof value !== 'string' || !exclude.values.includes(value.toLowerCase());
    case 'wildcard':
      return typeof value !== 'string' || !exclude.patterns.some((w) => matchWildcard(w, value));
  }
}
