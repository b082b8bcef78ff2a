/**
 * The one strict JSON reader for text AWS reads with Jackson: event patterns, filter policies,
 * input templates, state machine definitions.
 *
 * Why not JSON.parse: the errors users see quote Jackson ("Unrecognized token 'invalid': was
 * expecting ..." with a line and column), and the filter compiler needs what JSON.parse throws
 * away: the order of keys as written (JavaScript objects move integer-like keys first) and the
 * literal text of numbers (AWS echoes `Invalid member in numeric match: 1.50`). Duplicate keys
 * keep their first position and their last value, as Jackson's tree does; text after the first
 * complete value is ignored, as Jackson's default ObjectMapper does. Documents nesting deeper than
 * Jackson's default limit (1000) are refused before anything walks them.
 *
 * The callers quote Jackson in two ways (SNS/EventBridge and Step Functions), which differ in a
 * few texts and in the column of an offending character: `JsonReaderOptions` names them.
 */

/**
 * jackson-core's default `StreamReadConstraints` nesting limit (2.15+). It also bounds every
 * recursive walk of such documents here.
 */
export const MAX_JSON_DEPTH = 1000;

/** Jackson's StreamConstraintsException text when a document nests deeper than the limit. */
export function nestingDepthMessage(depth: number): string {
  return `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;
}

/**
 * The nesting depth at which JSON text goes past `limit`, or undefined when it stays within it:
 * one pass counting brackets outside strings, no allocation, no recursion. Malformed text is not
 * judged (the reader reports it).
 */
export function excessiveNesting(text: string, limit = MAX_JSON_DEPTH): number | undefined {
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
      if (++depth > limit) return depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** Whether JSON text nests arrays and objects deeper than `limit`. */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  return excessiveNesting(text, limit) !== undefined;
}

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;
export interface JsonObject { readonly kind: 'object'; readonly entries: JsonEntry[] }
export interface JsonEntry { readonly key: string; value: JsonNode }
export interface JsonArray { readonly kind: 'array'; readonly items: JsonNode[] }
export interface JsonString { readonly kind: 'string'; readonly value: string }
export interface JsonNumber { readonly kind: 'number'; readonly value: number; readonly text: string }
export interface JsonLiteral { readonly kind: 'true' | 'false' | 'null' }

/**
 * A syntax error, worded as Jackson words it (without the "at [Source: …]" suffix, which
 * depends on how the caller's Jackson is configured), with Jackson's 1-based line and column.
 * `constraint` marks the nesting-limit error, which Jackson prints without a location.
 */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** The offset in the text that `line` and `column` name. */
    readonly offset: number,
    readonly constraint = false,
  ) {
    super(message);
  }
}

/** How Jackson prints a location when the source text is redacted (as SNS configures it). */
export function redactedLocation(line: number, column: number): string {
  return `[Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: ${line}, column: ${column}]`;
}

/** Jackson's `getText()` of the token that starts this node: what AWS echoes in some messages. */
export function tokenText(node: JsonNode): string {
  switch (node.kind) {
    case 'object': return '{';
    case 'array': return '[';
    case 'string': return node.value;
    case 'number': return node.text;
    default: return node.kind;
  }
}

/**
 * The differences between the two ways Signalbox quotes Jackson. The defaults are the
 * SNS/EventBridge ones; `DEFINITION_JSON` gathers the Step Functions ones.
 */
export interface JsonReaderOptions {
  /** The column of an offending character: its own ('at') or the one after it ('after'). */
  readonly charColumn?: 'at' | 'after';
  /** How a location prints inside "(start marker at …)"; redacted by default. */
  readonly location?: (line: number, column: number) => string;
  /**
   * End of input after a field name, a colon or a comma: "Unexpected end-of-input within/between
   * Object entries" ('between-entries') or "…: expected close marker for Object (start marker at
   * …)" ('close-marker').
   */
  readonly endInEntries?: 'between-entries' | 'close-marker';
  /**
   * The Step Functions wording ('definition'): `/` where a token is expected mentions comments;
   * `]`, `}`, `,`, `:` where a value is expected say "expected a value"; letters right after a
   * number are an unrecognized token; number errors read "Unexpected character (…): <reason>" and
   * end-of-input in a number names the part; a control character is no white space and is
   * described without the outer parentheses; characters past Latin-1 show no hex code; field
   * names are "string value" too; bad tokens are runs of letters, digits, `_` and `$`, untruncated.
   */
  readonly wording?: 'filter' | 'definition';
}

/** Step Functions' definition reader (ReaderBasedJsonParser over a String source). */
export const DEFINITION_JSON: JsonReaderOptions = { charColumn: 'after', endInEntries: 'close-marker', wording: 'definition' };

/** The node tree of the first JSON value in `text`. */
export function readJson(text: string, options: JsonReaderOptions = {}): JsonNode {
  return new Reader(text, options).document().node;
}

/** The first JSON value in `text` and where it ends (the offset just past it). */
export function readJsonValue(text: string, options: JsonReaderOptions = {}): { node: JsonNode; end: number } {
  return new Reader(text, options).document();
}

const VALUE_LIST = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
const MAX_ERROR_TOKEN = 256;
// Approximations of Java's Character.isJavaIdentifierStart / isJavaIdentifierPart, which decide
// how much of a bad token Jackson quotes.
const IDENT_START = /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u;
const IDENT_PART = /[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;

function charDesc(code: number): string {
  const c = String.fromCharCode(code);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `(CTRL-CHAR, code ${code})`;
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`;
  return `'${c}' (code ${code})`;
}

class Reader {
  private pos = 0;
  /** Open arrays and objects: Jackson refuses more than MAX_JSON_DEPTH (and so bounds recursion). */
  private depth = 0;
  private line = 1;
  private lineStart = 0;
  private readonly after: number;
  private readonly location: (line: number, column: number) => string;
  private readonly closeMarker: boolean;
  private readonly sfn: boolean;

  constructor(private readonly text: string, options: JsonReaderOptions) {
    this.after = options.charColumn === 'after' ? 1 : 0;
    this.location = options.location ?? redactedLocation;
    this.closeMarker = options.endInEntries === 'close-marker';
    this.sfn = options.wording === 'definition';
  }

  document(): { node: JsonNode; end: number } {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('No content to map due to end-of-input', this.pos);
    const node = this.value(null);
    return { node, end: this.pos };
  }

  /** `context` names the enclosing container, for Jackson's end-of-input wording. */
  private value(context: 'Object' | 'Array' | null): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b || c === 0x5b) {
      if (++this.depth > MAX_JSON_DEPTH) throw new JsonSyntaxError(nestingDepthMessage(this.depth), this.line, this.column(this.pos + this.after), this.pos + this.after, true);
      const node = c === 0x7b ? this.object() : this.array();
      this.depth--;
      return node;
    }
    if (c === 0x22) return { kind: 'string', value: this.string('string value') };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (Number.isNaN(c)) this.eof(context === null ? '' : ` within/between ${context} entries`);
    const ch = String.fromCharCode(c);
    if (this.sfn ? WORD_PART.test(ch) : IDENT_START.test(ch)) {
      const word = this.identifierRun();
      if (word === 'true' || word === 'false' || word === 'null') return { kind: word };
      this.fail(`Unrecognized token '${word}': was expecting ${VALUE_LIST}`, this.pos);
    }
    if (this.sfn && (c === 0x5d || c === 0x7d || c === 0x2c || c === 0x3a)) this.unexpected('expected a value');
    return this.unexpected(`expected a valid value ${VALUE_LIST}`);
  }

  private object(): JsonObject {
    const startLine = this.line;
    const startColumn = this.pos - this.lineStart + 1;
    this.pos++;
    const entries: JsonEntry[] = [];
    const index = new Map<string, JsonEntry>();
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return { kind: 'object', entries };
    }
    const endInEntries = (): never =>
      this.closeMarker ? this.eofInContainer('Object', startLine, startColumn) : this.eof(' within/between Object entries');
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.eofInContainer('Object', startLine, startColumn);
      if (c !== 0x22) this.unexpected('was expecting double-quote to start field name');
      const key = this.string(this.sfn ? 'string value' : 'name');
      this.skipSpace();
      const colon = this.text.charCodeAt(this.pos);
      if (Number.isNaN(colon)) endInEntries();
      if (colon !== 0x3a) this.unexpected('was expecting a colon to separate field name and value');
      this.pos++;
      this.skipSpace();
      if (this.pos >= this.text.length) endInEntries();
      const value = this.value('Object');
      const seen = index.get(key);
      if (seen) {
        seen.value = value;
      } else {
        const entry = { key, value };
        index.set(key, entry);
        entries.push(entry);
      }
      this.skipSpace();
      const next = this.text.charCodeAt(this.pos);
      if (next === 0x7d) {
        this.pos++;
        return { kind: 'object', entries };
      }
      if (Number.isNaN(next)) this.eofInContainer('Object', startLine, startColumn);
      if (next !== 0x2c) this.unexpected('was expecting comma to separate Object entries');
      this.pos++;
      this.skipSpace();
      if (this.pos >= this.text.length) endInEntries();
    }
  }

  private array(): JsonArray {
    const startLine = this.line;
    const startColumn = this.pos - this.lineStart + 1;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return { kind: 'array', items };
    }
    if (this.pos >= this.text.length) this.eofInContainer('Array', startLine, startColumn);
    for (;;) {
      items.push(this.value('Array'));
      this.skipSpace();
      const next = this.text.charCodeAt(this.pos);
      if (next === 0x5d) {
        this.pos++;
        return { kind: 'array', items };
      }
      if (Number.isNaN(next)) this.eofInContainer('Array', startLine, startColumn);
      if (next !== 0x2c) this.unexpected('was expecting comma to separate Array entries');
      this.pos++;
      this.skipSpace();
      if (this.pos >= this.text.length) {
        if (this.closeMarker) this.eofInContainer('Array', startLine, startColumn);
        this.eof(' within/between Array entries');
      }
    }
  }

  /** Reads a quoted string starting at the opening quote; `what` is Jackson's "string value" or "name". */
  private string(what: string): string {
    this.pos++;
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.eof(': was expecting closing quote for a string value');
      if (c === 0x22) {
        out += this.text.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) {
        this.failAt(`Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in ${what}`, this.pos);
      }
      if (c === 0x5c) {
        out += this.text.slice(chunkStart, this.pos);
        this.pos++;
        out += this.escape();
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private escape(): string {
    const c = this.text.charCodeAt(this.pos);
    if (Number.isNaN(c)) this.eof(' in character escape sequence');
    this.pos++;
    switch (c) {
      case 0x22: return '"';
      case 0x5c: return '\\';
      case 0x2f: return '/';
      case 0x62: return '\b';
      case 0x66: return '\f';
      case 0x6e: return '\n';
      case 0x72: return '\r';
      case 0x74: return '\t';
      case 0x75: {
        const first = this.pos;
        let code = 0;
        for (let i = 0; i < 4; i++) {
          const h = this.text.charCodeAt(this.pos);
          if (Number.isNaN(h)) {
            // The definition reader reads four characters at once: too few read as a NUL.
            if (this.sfn) this.failAt('Unexpected character (CTRL-CHAR, code 0): expected a hex-digit for character escape sequence', first);
            this.eof(' in character escape sequence');
          }
          const digit = hexValue(h);
          if (digit < 0) {
            if (this.sfn) this.failAt(`Unexpected character ${this.describe()}: expected a hex-digit for character escape sequence`, this.pos);
            this.unexpected('expected a hex-digit for character escape sequence');
          }
          code = code * 16 + digit;
          this.pos++;
        }
        return String.fromCharCode(code);
      }
      default:
        this.pos--;
        if (this.sfn) return this.failAt(`Unrecognized character escape ${this.describe().slice(1, -1)}`, this.pos);
        return this.failAt(`Unrecognized character escape ${charDesc(c)}`, this.pos);
    }
  }

  private number(): JsonNumber {
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) === 0x2d) {
      this.pos++;
      if (!isDigit(this.text.charCodeAt(this.pos))) this.numberFault('expected digit (0-9) to follow minus sign, for valid numeric value', ': No digit following minus sign');
    }
    if (this.text.charCodeAt(this.pos) === 0x30 && isDigit(this.text.charCodeAt(this.pos + 1))) {
      this.failAt('Invalid numeric value: Leading zeroes not allowed', this.pos + 1);
    }
    while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.text.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (!isDigit(this.text.charCodeAt(this.pos))) this.numberFault('Decimal point not followed by a digit', ' in floating-point value');
      while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    }
    const e = this.text.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.text.charCodeAt(this.pos);
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (!isDigit(this.text.charCodeAt(this.pos))) this.numberFault('Exponent indicator not followed by a digit', ' in exponent');
      while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    }
    if (this.sfn && this.pos < this.text.length && WORD_PART.test(this.text.charAt(this.pos))) {
      // Letters glued to a number: the definition reader quotes the run from the number's start.
      this.pos = start;
      const word = this.identifierRun();
      if (word === '') {
        this.pos = start + 1;
        this.fail(`Unrecognized token '${this.text.charAt(start)}': was expecting ${VALUE_LIST}`, this.pos);
      }
      this.fail(`Unrecognized token '${word}': was expecting ${VALUE_LIST}`, this.pos);
    }
    const text = this.text.slice(start, this.pos);
    return { kind: 'number', value: Number(text), text };
  }

  /** `reason` is Jackson's text for a bad character, `end` the definition wording's end-of-input detail. */
  private numberFault(reason: string, end: string): never {
    const c = this.text.charCodeAt(this.pos);
    if (this.sfn) {
      if (Number.isNaN(c)) this.eof(end);
      return this.failAt(`Unexpected character ${this.describe()}: ${reason}`, this.pos);
    }
    if (Number.isNaN(c)) this.eof(' in a Number value');
    return this.failAt(`Unexpected character (${charDesc(c)}) in numeric value: ${reason}`, this.pos);
  }

  private identifierRun(): string {
    const start = this.pos;
    if (this.sfn) {
      while (this.pos < this.text.length && WORD_PART.test(this.text.charAt(this.pos))) this.pos++;
      return this.text.slice(start, this.pos);
    }
    while (this.pos < this.text.length && IDENT_PART.test(this.text.charAt(this.pos))) {
      this.pos++;
      if (this.pos - start >= MAX_ERROR_TOKEN) return `${this.text.slice(start, this.pos)}...`;
    }
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09) {
        this.pos++;
      } else if (c === 0x0a || c === 0x0d) {
        this.pos++;
        if (c === 0x0d && this.text.charCodeAt(this.pos) === 0x0a) this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c < 0x20 && !this.sfn) {
        this.fail(`Illegal character (${charDesc(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`, this.pos);
      } else {
        return;
      }
    }
  }

  /** The definition wording's description of the character at `pos`, outer parentheses included. */
  private describe(): string {
    const code = this.text.charCodeAt(this.pos);
    if (code < 32) return `(CTRL-CHAR, code ${code})`;
    return `('${this.text.charAt(this.pos)}' (code ${code}))`;
  }

  /** "Unexpected character" errors name the character at the current position. */
  private unexpected(reason: string): never {
    if (this.sfn) {
      if (this.text.charCodeAt(this.pos) === 0x2f) {
        return this.failAt(
          "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
          this.pos,
        );
      }
      return this.failAt(`Unexpected character ${this.describe()}: ${reason}`, this.pos);
    }
    return this.failAt(`Unexpected character (${charDesc(this.text.charCodeAt(this.pos))}): ${reason}`, this.pos);
  }

  private eof(detail: string): never {
    return this.fail(`Unexpected end-of-input${detail}`, this.text.length);
  }

  private eofInContainer(kind: 'Object' | 'Array', line: number, column: number): never {
    return this.eof(`: expected close marker for ${kind} (start marker at ${this.location(line, column)})`);
  }

  private column(at: number): number {
    return at - this.lineStart + 1;
  }

  /** An error about the character at `at` (its column per `charColumn`). */
  private failAt(message: string, at: number): never {
    return this.fail(message, at + this.after);
  }

  private fail(message: string, at: number): never {
    throw new JsonSyntaxError(message, this.line, this.column(at), at);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
