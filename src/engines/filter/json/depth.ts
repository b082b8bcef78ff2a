/**
 * The nesting limit of the JSON AWS reads with Jackson (patterns, filter policies, event
 * details): Jackson's default `StreamReadConstraints` maximum depth. It also bounds every
 * recursive walk of such documents here.
 */
export const MAX_JSON_DEPTH = 1000;

/** Jackson's message when a document nests deeper than the limit (2.15 and later). */
export function nestingDepthMessage(depth: number): string {
  return `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;
}

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: one pass counting brackets
 * outside strings, no allocation. Malformed text is not judged (the parser reports it).
 */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
