/**
 * Definition JSON, read by the shared Jackson-style reader (src/core/json-reader.ts) with Step
 * Functions' wording, and errors carrying Jackson's String-source location, e.g.
 * `Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null',
 * 'true' or 'false')\n at [Source: (String)"not a definition"; line: 1, column: 4]`.
 * Like Jackson's readTree, content after the first complete value is ignored.
 */
import { DEFINITION_JSON, JsonSyntaxError as ReaderError, readJsonValue } from '../../../core/json-reader.js';

export { excessiveNesting, nestingDepthMessage, MAX_JSON_DEPTH as MAX_NESTING_DEPTH } from '../../../core/json-reader.js';

export class JsonSyntaxError extends Error {
  constructor(
    /** Jackson's message including the "\n at [Source: ...]" suffix. */
    message: string,
    /** The "[Source: ...; line: L, column: C]" part (AWS's diagnostic location). */
    readonly location: string,
  ) {
    super(message);
  }
}

const MAX_SOURCE = 500;

function sourceDesc(text: string): string {
  const shown = text.length > MAX_SOURCE ? `${text.slice(0, MAX_SOURCE)}"[truncated ${text.length - MAX_SOURCE} chars]` : `${text}"`;
  return `(String)"${shown}`;
}

/** Returns the parsed value, or `undefined` when the text holds no value at all (blank). */
export function parseJson(text: string): unknown {
  const start = /^[ \t\n\r]*/.exec(text)![0].length;
  if (start === text.length) return undefined;
  const src = sourceDesc(text);
  const location = (line: number, column: number): string => `[Source: ${src}; line: ${line}, column: ${column}]`;
  let end: number;
  try {
    end = readJsonValue(text, { ...DEFINITION_JSON, location }).end;
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
    const { line, column } = lineAndColumn(text, e.offset);
    const at = location(line, column);
    // Jackson's constraint exception carries no "at [Source: ...]" suffix; the location is kept for diagnostics.
    throw new JsonSyntaxError(e.constraint ? e.message : `${e.message}\n at ${at}`, at);
  }
  return JSON.parse(text.slice(start, end)) as unknown;
}

/**
 * Line and column of an offset, counting every line break before it (a "\r\n" is one), also one
 * inside a string or the offending character itself.
 */
function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = 0; k < pos && k < text.length; k++) {
    if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] !== '\n')) {
      line++;
      start = k + 1;
    }
  }
  return { line, column: pos - start + 1 };
}
