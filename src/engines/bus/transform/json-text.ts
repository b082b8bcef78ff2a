/**
 * Checks that a rendered JSON template is one well-formed JSON value and minifies it.
 *
 * The docs' "Common issues with transforming input" say "The JSON that is passed to the target
 * is minified". Minifying works on tokens, not on a parsed tree: strings and numbers keep the
 * text the template (or the event value) gave them, key order and duplicate keys stay as written.
 * Unlike the Input check (which reads like Jackson and ignores trailing text), the whole text
 * must be one value: a JSON template that renders `["HIGH"] single list item` delivers nothing.
 */

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The minified text, or undefined when `text` is not exactly one JSON value. */
export function minifyJson(text: string): string | undefined {
  const m = new Minifier(text);
  try {
    m.skipWs();
    m.value(0);
    m.skipWs();
    return m.pos === text.length ? m.out.join('') : undefined;
  } catch (e) {
    if (e === INVALID) return undefined;
    throw e;
  }
}

const INVALID = Symbol('invalid');
const MAX_DEPTH = 1000;

class Minifier {
  pos = 0;
  readonly out: string[] = [];

  constructor(private readonly text: string) {}

  skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text.charCodeAt(this.pos))) this.pos++;
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) throw INVALID;
    const c = this.text[this.pos];
    if (c === '{') return this.container('}', depth, true);
    if (c === '[') return this.container(']', depth, false);
    if (c === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.out.push(word);
        this.pos += word.length;
        return;
      }
    }
    NUMBER.lastIndex = this.pos;
    const n = NUMBER.exec(this.text);
    if (n === null) throw INVALID;
    this.out.push(n[0]);
    this.pos += n[0].length;
  }

  private container(close: '}' | ']', depth: number, isObject: boolean): void {
    this.out.push(this.text.charAt(this.pos));
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === close) {
      this.out.push(close);
      this.pos++;
      return;
    }
    for (;;) {
      if (isObject) {
        if (this.text[this.pos] !== '"') throw INVALID;
        this.string();
        this.skipWs();
        if (this.text[this.pos] !== ':') throw INVALID;
        this.out.push(':');
        this.pos++;
        this.skipWs();
      }
      this.value(depth + 1);
      this.skipWs();
      const c = this.text[this.pos];
      if (c === close) {
        this.out.push(close);
        this.pos++;
        return;
      }
      if (c !== ',') throw INVALID;
      this.out.push(',');
      this.pos++;
      this.skipWs();
    }
  }

  private string(): void {
    STRING_BODY.lastIndex = this.pos + 1;
    const m = STRING_BODY.exec(this.text);
    if (m === null) throw INVALID;
    this.out.push(this.text.slice(this.pos, this.pos + 1 + m[0].length));
    this.pos += 1 + m[0].length;
  }
}
