/**
 * A strict JSON reader for policy text.
 *
 * Why not JSON.parse: AWS reads filter policies with Jackson, and the errors users see quote
 * Jackson ("failed to parse JSON. Unrecognized token 'invalid': was expecting ..." with a line and
 * column). The compiler also needs what JSON.parse throws away: the order of keys as written
 * (JavaScript objects move integer-like keys first) and the literal text of numbers (AWS echoes
 * `Invalid member in numeric match: 1.50`). Duplicate keys keep their first position and their
 * last value, as Jackson's tree does; text after the first complete value is ignored, as
 * Jackson's default ObjectMapper does.
 */

import { MAX_JSON_DEPTH, nestingDepthMessage } from './depth.js';

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;
export interface JsonObject { readonly kind: 'object'; readonly entries: JsonEntry[] }
export interface JsonEntry { readonly key: string; value: JsonNode }
export interface JsonArray { readonly kind: 'array'; readonly items: JsonNode[] }
export interface JsonString { readonly kind: 'string'; readonly value: string }
export interface JsonNumber { readonly kind: 'number'; readonly value: number; readonly text: string }
export interface JsonLiteral { readonly kind: 'true' | 'false' | 'null' }

/** A syntax error, worded as Jackson words it, with Jackson's 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
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

export function readJson(text: string): JsonNode {
  return new Reader(text).document();
}

const VALUE_LIST = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
const MAX_ERROR_TOKEN = 256;
// Approximations of Java's Character.isJavaIdentifierStart / isJavaIdentifierPart, which decide
// how much of a bad token Jackson quotes.
const IDENT_START = /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u;
const IDENT_PART = /[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}]/u;

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

  constructor(private readonly text: string) {}

  document(): JsonNode {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('No content to map due to end-of-input', this.pos);
    return this.value(null);
  }

  /** `context` names the enclosing container, for Jackson's end-of-input wording. */
  private value(context: 'Object' | 'Array' | null): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b || c === 0x5b) {
      if (++this.depth > MAX_JSON_DEPTH) this.fail(nestingDepthMessage(this.depth), this.pos);
      const node = c === 0x7b ? this.object() : this.array();
      this.depth--;
      return node;
    }
    if (c === 0x22) return { kind: 'string', value: this.string('string value') };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (Number.isNaN(c)) this.eof(context === null ? '' : ` within/between ${context} entries`);
    const ch = String.fromCharCode(c);
    if (IDENT_START.test(ch)) {
      const word = this.identifierRun();
      if (word === 'true' || word === 'false' || word === 'null') return { kind: word };
      this.fail(`Unrecognized token '${word}': was expecting ${VALUE_LIST}`, this.pos);
    }
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
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.eofInContainer('Object', startLine, startColumn);
      if (c !== 0x22) this.unexpected('was expecting double-quote to start field name');
      const key = this.string('name');
      this.skipSpace();
      const colon = this.text.charCodeAt(this.pos);
      if (Number.isNaN(colon)) this.eof(' within/between Object entries');
      if (colon !== 0x3a) this.unexpected('was expecting a colon to separate field name and value');
      this.pos++;
      this.skipSpace();
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
      if (this.pos >= this.text.length) this.eof(' within/between Object entries');
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
      if (this.pos >= this.text.length) this.eof(' within/between Array entries');
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
        this.fail(`Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in ${what}`, this.pos);
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
        let code = 0;
        for (let i = 0; i < 4; i++) {
          const h = this.text.charCodeAt(this.pos);
          if (Number.isNaN(h)) this.eof(' in character escape sequence');
          const digit = hexValue(h);
          if (digit < 0) this.unexpected('expected a hex-digit for character escape sequence');
          code = code * 16 + digit;
          this.pos++;
        }
        return String.fromCharCode(code);
      }
      default:
        this.pos--;
        return this.fail(`Unrecognized character escape ${charDesc(c)}`, this.pos);
    }
  }

  private number(): JsonNumber {
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) === 0x2d) {
      this.pos++;
      if (!isDigit(this.text.charCodeAt(this.pos))) this.numberFault('expected digit (0-9) to follow minus sign, for valid numeric value');
    }
    if (this.text.charCodeAt(this.pos) === 0x30 && isDigit(this.text.charCodeAt(this.pos + 1))) {
      this.fail('Invalid numeric value: Leading zeroes not allowed', this.pos + 1);
    }
    while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.text.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (!isDigit(this.text.charCodeAt(this.pos))) this.numberFault('Decimal point not followed by a digit');
      while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    }
    const e = this.text.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.text.charCodeAt(this.pos);
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (!isDigit(this.text.charCodeAt(this.pos))) this.numberFault('Exponent indicator not followed by a digit');
      while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    }
    const text = this.text.slice(start, this.pos);
    return { kind: 'number', value: Number(text), text };
  }

  private numberFault(reason: string): never {
    const c = this.text.charCodeAt(this.pos);
    if (Number.isNaN(c)) this.eof(' in a Number value');
    return this.fail(`Unexpected character (${charDesc(c)}) in numeric value: ${reason}`, this.pos);
  }

  private identifierRun(): string {
    const start = this.pos;
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
      } else if (c < 0x20) {
        this.fail(`Illegal character (${charDesc(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`, this.pos);
      } else {
        return;
      }
    }
  }

  /** "Unexpected character" errors point at the character itself. */
  private unexpected(reason: string): never {
    return this.fail(`Unexpected character (${charDesc(this.text.charCodeAt(this.pos))}): ${reason}`, this.pos);
  }

  private eof(detail: string): never {
    return this.fail(`Unexpected end-of-input${detail}`, this.text.length);
  }

  private eofInContainer(kind: 'Object' | 'Array', line: number, column: number): never {
    return this.eof(`: expected close marker for ${kind} (start marker at ${redactedLocation(line, column)})`);
  }

  private fail(message: string, at: number): never {
    throw new JsonSyntaxError(message, this.line, at - this.lineStart + 1);
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
