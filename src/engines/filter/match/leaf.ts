import type { Scalar } from '../pattern/ast.js';

/**
 * One value a message holds at a path. `membership` records which element of which array it
 * came from, as flat [arrayId, index, arrayId, index, ...] pairs (outermost first), or null
 * outside arrays: a rule may only combine values from the same element of a shared array
 * (event-ruler's "array consistency").
 */
export interface Leaf {
  readonly value: Scalar;
  readonly membership: readonly number[] | null;
}

/** The values a message holds at one path. */
export interface PathValues {
  readonly leaves: readonly Leaf[];
  /**
   * SNS String.Array attributes: an anything-but accepts the attribute only if it accepts every
   * element (current SNS docs: "it matches if none of the array elements are listed"). Elsewhere
   * an array matches when any element does.
   */
  readonly anythingButOverAll: boolean;
}

export const NO_VALUES: PathValues = { leaves: [], anythingButOverAll: false };

/** Where the matcher reads a message from; the SNS attributes and JSON bodies each provide one. */
export interface MessageView {
  values(path: string): PathValues;
}
