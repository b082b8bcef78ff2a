/**
 * A validated policy/pattern, in the shape it was written: the SNS limits (key count,
 * combinations, nesting per scope) are counted on this tree before it is expanded into rules.
 */
import type { IpRange } from '../operators/cidr.js';
import type { NumericRange } from '../operators/numeric.js';
import type { WildcardPattern } from '../operators/wildcard.js';

/** A JSON leaf value, in a policy or in a message. */
export type Scalar = string | number | boolean | null;

export interface PatternObject {
  readonly entries: readonly PatternEntry[];
}

export type PatternEntry =
  /** `"key": [values...]`: the key matches if any value pattern matches. */
  | { readonly kind: 'field'; readonly name: string; readonly values: readonly ValuePattern[] }
  /** `"key": {...}`: the names inside are joined to this one with a dot. */
  | { readonly kind: 'nested'; readonly name: string; readonly object: PatternObject }
  /** `"$or": [{...}, {...}]`: the enclosing object matches if any branch does (with its siblings). */
  | { readonly kind: 'or'; readonly branches: readonly PatternObject[] };

export type ValuePattern =
  | { readonly op: 'exact'; readonly value: Scalar }
  | { readonly op: 'prefix' | 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly op: 'equals-ignore-case'; readonly value: string }
  | { readonly op: 'wildcard'; readonly pattern: WildcardPattern }
  | { readonly op: 'numeric'; readonly range: NumericRange }
  | { readonly op: 'cidr'; readonly range: IpRange }
  | { readonly op: 'exists'; readonly value: boolean }
  | { readonly op: 'anything-but'; readonly exclude: AnythingBut };

/** What an anything-but excludes; it matches every present value that is not excluded. */
export type AnythingBut =
  | { readonly kind: 'values'; readonly strings: ReadonlySet<string>; readonly numbers: ReadonlySet<number> }
  | { readonly kind: 'prefix' | 'suffix' | 'equals-ignore-case'; readonly values: readonly string[] }
  | { readonly kind: 'wildcard'; readonly patterns: readonly WildcardPattern[] };
