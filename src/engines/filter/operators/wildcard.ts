/**
 * EventBridge `{"wildcard": "a*b"}`: `*` matches any run of characters, `\*` and `\\` are a
 * literal star and backslash, `**` and any other escape are refused. Error positions are
 * event-ruler's: byte offsets in the UTF-8 of the value wrapped in quotes (so the first
 * character is at 1), e.g. "Consecutive wildcard characters at pos 26" in LocalStack's snapshot.
 */
import { FilterPolicyError } from '../errors.js';

/** The literal pieces between stars: `a*b*c` is ['a', 'b', 'c']; no star is one piece. */
export interface WildcardPattern {
  readonly pieces: readonly string[];
}

export function parseWildcard(text: string): WildcardPattern {
  const pieces: string[] = [];
  let current = '';
  let bytePos = 1; // the opening quote is byte 0
  const chars = Array.from(text); // code points, so byte offsets stay right past the BMP
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === '*') {
      if (chars[i + 1] === '*') throw new FilterPolicyError(`Consecutive wildcard characters at pos ${bytePos}`);
      pieces.push(current);
      current = '';
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\') throw new FilterPolicyError(`Invalid escape character at pos ${bytePos}`);
      current += next;
      i += 1;
      bytePos++;
    } else {
      current += ch;
    }
    bytePos += Buffer.byteLength(ch, 'utf8');
  }
  pieces.push(current);
  return { pieces };
}

export function matchWildcard(pattern: WildcardPattern, value: string): boolean {
  const { pieces } = pattern;
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  // Leftmost placement of each middle piece is optimal for star-only globs.
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
