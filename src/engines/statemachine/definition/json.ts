/**
 * JSON reading with the error texts of Jackson (the parser behind AWS's definition checks), e.g.
 * `Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null',
 * 'true' or 'false')\n at [Source: (String)"not a definition"; line: 1, column: 4]`.
 * Like Jackson's readTree, content after the first complete value is ignored.
 */
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

/**
 * jackson-core's default `StreamReadConstraints` nesting limit (2.15+): deeper documents are
 * refused before anything walks them, so validation, compilation and the interpreter (all
 * recursive) never see more than this many levels.
 */
export const MAX_NESTING_DEPTH = 1000;

/** Jackson's StreamConstraintsException text (what AWS says for a deeper definition is unverified). */
export const nestingDepthMessage = (depth: number): string =>
  `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;

function sourceDesc(text: string): string {
  const shown = text.length > MAX_SOURCE ? `${text.slice(0, MAX_SOURCE)}"[truncated ${text.length - MAX_SOURCE} chars]` : `${text}"`;
  return `(String)"${shown}`;
}

function isIdentPart(c: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(c);
}

function charDesc(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 32) return `(CTRL-CHAR, code ${code})`;
  return `('${c}' (code ${code}))`;
}

/** Returns the parsed value, or `undefined` when the text holds no value at all (blank). */
export function parseJson(text: string): unknown {
  let i = 0;
  const n = text.length;
  const src = sourceDesc(text);

  const where = (pos: number): { line: number; column: number } => {
    let line = 1;
    let start = 0;
    for (let k = 0; k < pos && k < n; k++) {
      if (text[k] === '\n') {
        line++;
        start = k + 1;
      } else if (text[k] === '\r') {
        if (text[k + 1] !== '\n') {
          line++;
          start = k + 1;
        }
      }
    }
    // A "\r\n" counts as one line break; a column is 1-based from the line start.
    return { line, column: pos - start + 1 };
  };
  const fail = (msg: string, pos: number): never => {
    const { line, column } = where(pos);
    const loc = `[Source: ${src}; line: ${line}, column: ${column}]`;
    throw new JsonSyntaxError(`${msg}\n at ${loc}`, loc);
  };
  const startMarker = (pos: number): string => {
    const { line, column } = where(pos);
    return `[Source: ${src}; line: ${line}, column: ${column}]`;
  };
  const skipWs = (): void => {
    while (i < n) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const unexpected = (c: string, expecting: string): never => {
    if (c === '/') {
      return fail(
        `Unexpected character ${charDesc(c)}: maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)`,
        i + 1,
      );
    }
    return fail(`Unexpected character ${charDesc(c)}: ${expecting}`, i + 1);
  };
  const invalidToken = (from: number): never => {
    let k = from;
    while (k < n && isIdentPart(text[k]!)) k++;
    if (k === from) k = from + 1;
    return fail(
      `Unrecognized token '${text.slice(from, k)}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
      k,
    );
  };

  const parseString = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('Unexpected end-of-input: was expecting closing quote for a string value', n);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) fail('Unexpected end-of-input in character escape sequence', n);
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            const bad = [...hex].find((h) => !/[0-9a-fA-F]/.test(h)) ?? '';
            i = i + 2 + Math.max(0, [...hex].findIndex((h) => !/[0-9a-fA-F]/.test(h)));
            fail(`Unexpected character ${charDesc(bad)}: expected a hex-digit for character escape sequence`, i + 1);
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e!)) {
          i += 1;
          fail(`Unrecognized character escape ${charDesc(e!).slice(1, -1)}`, i + 1);
        }
        i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 32) {
        fail(
          `Illegal unquoted character ((CTRL-CHAR, code ${c.charCodeAt(0)})): has to be escaped using backslash to be included in string value`,
          i + 1,
        );
      }
      i++;
    }
  };

  const parseNumber = (): void => {
    const start = i;
    if (text[i] === '-') i++;
    if (i >= n) fail('Unexpected end-of-input: No digit following minus sign', n);
    if (!/[0-9]/.test(text[i]!)) {
      fail(`Unexpected character ${charDesc(text[i]!)}: expected digit (0-9) to follow minus sign, for valid numeric value`, i + 1);
    }
    if (text[i] === '0' && /[0-9]/.test(text[i + 1] ?? '')) fail('Invalid numeric value: Leading zeroes not allowed', i + 2);
    while (i < n && /[0-9]/.test(text[i]!)) i++;
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) {
        if (i >= n) fail('Unexpected end-of-input in floating-point value', n);
        fail(`Unexpected character ${charDesc(text[i]!)}: Decimal point not followed by a digit`, i + 1);
      }
      while (i < n && /[0-9]/.test(text[i]!)) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) {
        if (i >= n) fail('Unexpected end-of-input in exponent', n);
        fail(`Unexpected character ${charDesc(text[i]!)}: Exponent indicator not followed by a digit`, i + 1);
      }
      while (i < n && /[0-9]/.test(text[i]!)) i++;
    }
    if (i < n && isIdentPart(text[i]!)) invalidToken(start);
  };

  const parseValue = (depth: number): void => {
    skipWs();
    if (i >= n) fail('Unexpected end-of-input: expected a value', n); // unverified text
    const c = text[i]!;
    if ((c === '{' || c === '[') && depth >= MAX_NESTING_DEPTH) {
      // Jackson's constraint exception carries no "at [Source: ...]" suffix; the location is kept for diagnostics.
      const { line, column } = where(i + 1);
      throw new JsonSyntaxError(nestingDepthMessage(depth + 1), `[Source: ${src}; line: ${line}, column: ${column}]`);
    }
    if (c === '{') {
      const open = i;
      i++;
      skipWs();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipWs();
        if (i >= n) fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${startMarker(open)})`, n);
        if (text[i] !== '"') unexpected(text[i]!, 'was expecting double-quote to start field name');
        parseString();
        skipWs();
        if (i >= n) fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${startMarker(open)})`, n);
        if (text[i] !== ':') unexpected(text[i]!, 'was expecting a colon to separate field name and value');
        i++;
        skipWs();
        if (i >= n) fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${startMarker(open)})`, n);
        parseValue(depth + 1);
        skipWs();
        if (i >= n) fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${startMarker(open)})`, n);
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        unexpected(text[i]!, 'was expecting comma to separate Object entries');
      }
    }
    if (c === '[') {
      const open = i;
      i++;
      skipWs();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        skipWs();
        if (i >= n) fail(`Unexpected end-of-input: expected close marker for Array (start marker at ${startMarker(open)})`, n);
        parseValue(depth + 1);
        skipWs();
        if (i >= n) fail(`Unexpected end-of-input: expected close marker for Array (start marker at ${startMarker(open)})`, n);
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        unexpected(text[i]!, 'was expecting comma to separate Array entries');
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || /[0-9]/.test(c)) return parseNumber();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i) && !isIdentPart(text[i + lit.length] ?? ' ')) {
        i += lit.length;
        return;
      }
    }
    if (isIdentPart(c)) invalidToken(i);
    if (c === ']' || c === '}' || c === ',' || c === ':') unexpected(c, 'expected a value');
    unexpected(c, 'expected a valid value (JSON String, Number, Array, Object or token \'null\', \'true\' or \'false\')');
  };

  skipWs();
  if (i >= n) return undefined;
  const start = i;
  parseValue(0);
  return JSON.parse(text.slice(start, i)) as unknown;
}

/**
 * The nesting depth at which `text` (already known to be valid JSON) goes past
 * MAX_NESTING_DEPTH, or undefined when it stays within it. One pass, no recursion: for
 * execution input, task output and TestState payloads (AWS reads them with Jackson too).
 */
export function excessiveNesting(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_NESTING_DEPTH) return depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}
