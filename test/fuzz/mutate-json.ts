/**
 * Mutations of an AWS JSON request body, driven by the operation's input schema: wrong types per
 * member, nulls in lists and maps, deep nesting, huge strings and numbers, prototype keys,
 * unicode and invalid UTF-8, and broken JSON syntax. Raw fragments (text JSON.stringify cannot
 * produce: `1e309`, `NaN`, 100,000 brackets, invalid UTF-8) are spliced in after stringifying.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import type { Rng } from './prng.js';
import { deepJsonText, hostileJsonText, hugeString, NUMBER_TEXTS, PROTO_KEYS, weirdString } from './values.js';

export type JsonCategory = 'valid' | 'type' | 'null' | 'deep' | 'string' | 'number' | 'proto' | 'json-in-string' | 'syntax' | 'collection';

export const JSON_CATEGORIES: ReadonlyArray<readonly [JsonCategory, number]> = [
  ['valid', 10], ['type', 18], ['null', 8], ['deep', 10], ['string', 8], ['number', 8], ['proto', 8], ['json-in-string', 10], ['syntax', 8], ['collection', 4],
];

export interface Mutated {
  body: Buffer;
  label: string;
}

/** A place in the parsed body: `holder[key]` with the member's schema. */
interface Slot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  ns: NormalizedSchema;
  path: string;
}

function slots(ns: NormalizedSchema, value: unknown, path: string, out: Slot[]): void {
  if (value === null || typeof value !== 'object') return;
  if (ns.isStructSchema() || ns.isUnionSchema()) {
    const obj = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      if (!(name in obj)) continue;
      out.push({ holder: obj, key: name, ns: member, path: path ? `${path}.${name}` : name });
      slots(member, obj[name], path ? `${path}.${name}` : name, out);
    }
  } else if (ns.isListSchema() && Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ holder: value, key: i, ns: ns.getValueSchema(), path: `${path}[${i}]` });
      slots(ns.getValueSchema(), item, `${path}[${i}]`, out);
    });
  } else if (ns.isMapSchema()) {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      out.push({ holder: obj, key: k, ns: ns.getValueSchema(), path: `${path}{${k}}` });
      slots(ns.getValueSchema(), obj[k], `${path}{${k}}`, out);
    }
  }
}

/** Splices raw text fragments into stringified JSON in place of sentinel strings. */
class Raw {
  private parts: Buffer[] = [];
  put(fragment: string | Buffer): string {
    this.parts.push(typeof fragment === 'string' ? Buffer.from(fragment, 'utf8') : fragment);
    return `\u0001RAW${this.parts.length - 1}\u0001`;
  }
  render(value: unknown): Buffer {
    const text = JSON.stringify(value);
    if (this.parts.length === 0) return Buffer.from(text, 'utf8');
    const out: Buffer[] = [];
    const re = /"\\u0001RAW(\d+)\\u0001"/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(Buffer.from(text.slice(last, m.index), 'utf8'), this.parts[Number(m[1])]!);
      last = m.index + m[0].length;
    }
    out.push(Buffer.from(text.slice(last), 'utf8'));
    return Buffer.concat(out);
  }
}

function wrongType(rng: Rng, ns: NormalizedSchema, raw: Raw): [unknown, string] {
  const choices: Array<[unknown, string]> = [
    ['text', 'string'], [7, 'number'], [true, 'boolean'], [{ a: 1 }, 'object'], [['a'], 'array'], [null, 'null'], [{}, 'empty object'], [[], 'empty array'],
  ];
  if (ns.isStringSchema()) choices.push([raw.put('1e300'), 'number 1e300']);
  if (ns.isNumericSchema()) choices.push(['12', 'numeric string'], [1.5, 'fraction']);
  if (ns.isBlobSchema()) choices.push(['!!!not base64', 'bad base64'], ['QQ', 'unpadded base64']);
  if (ns.isTimestampSchema()) choices.push(['2024-01-01T00:00:00Z', 'ISO string'], [raw.put('1e300'), 'timestamp 1e300'], [-1e15, 'negative timestamp']);
  const kind = ns.isStructSchema() ? 'object' : ns.isListSchema() ? 'array' : ns.isMapSchema() ? 'object' : typeof (ns.isNumericSchema() ? 1 : ns.isBooleanSchema() ? true : 's');
  const filtered = choices.filter(([, label]) => !label.endsWith(kind));
  return rng.pick(filtered.length ? filtered : choices);
}

const JSON_IN_STRING = /pattern|detail|policy|definition|input|output|document|result|message|body|cause|error|template|state|value|filter|redrive|delivery|attributes/i;

/** Mutate a parsed JSON body of an operation with input schema `ns`. */
export function mutateJson(rng: Rng, ns: NormalizedSchema, body: Record<string, unknown>, category: JsonCategory): Mutated {
  const raw = new Raw();
  const all: Slot[] = [];
  slots(ns, body, '', all);
  const slot = all.length ? rng.pick(all) : undefined;
  const at = (s: Slot | undefined) => (s ? s.path : '(root)');
  const set = (s: Slot | undefined, v: unknown) => {
    if (s) (s.holder as Record<string, unknown>)[s.key] = v;
    else body[rng.pick(['Foo', 'QueueUrl', 'Name', 'Entries', 'name'])] = v;
  };
  switch (category) {
    case 'valid':
      return { body: raw.render(body), label: 'valid input' };
    case 'type': {
      const [v, label] = slot ? wrongType(rng, slot.ns, raw) : [1, 'number'];
      set(slot, v);
      return { body: raw.render(body), label: `${label} at ${at(slot)}` };
    }
    case 'null': {
      const lists = all.filter((s) => s.ns.isListSchema() || s.ns.isMapSchema());
      const target = lists.length && rng.chance(0.7) ? rng.pick(lists) : slot;
      if (target && Array.isArray((target.holder as Record<string, unknown>)[target.key])) {
        ((target.holder as Record<string, unknown>)[target.key] as unknown[]).splice(rng.int(0, 1), 0, null);
        return { body: raw.render(body), label: `null list item in ${target.path}` };
      }
      if (target && target.ns.isMapSchema()) {
        const m = (target.holder as Record<string, unknown>)[target.key] as Record<string, unknown>;
        m[rng.pick(['k', 'All', 'DataType'])] = null;
        return { body: raw.render(body), label: `null map value in ${target.path}` };
      }
      set(target, null);
      return { body: raw.render(body), label: `null at ${at(target)}` };
    }
    case 'deep': {
      const depth = rng.depth();
      set(slot, raw.put(deepJsonText(rng, depth)));
      return { body: raw.render(body), label: `nesting ×${depth} at ${at(slot)}` };
    }
    case 'string': {
      const strings = all.filter((s) => s.ns.isStringSchema());
      const s = strings.length ? rng.pick(strings) : slot;
      const which = rng.int(0, 3);
      if (which === 0) {
        const v = hugeString(rng);
        set(s, v);
        return { body: raw.render(body), label: `string of ${v.length} chars at ${at(s)}` };
      }
      if (which === 1) {
        set(s, raw.put(Buffer.from([0x22, 0x61, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22])));
        return { body: raw.render(body), label: `invalid UTF-8 bytes at ${at(s)}` };
      }
      if (which === 2) {
        set(s, raw.put(rng.pick(['"\\ud800"', '"\\udc00x\\ud800"', '"\\u0000"', '"\\x41"', '"\\u12"', '"a\tb"', '"\u0001"'])));
        return { body: raw.render(body), label: `escape trouble at ${at(s)}` };
      }
      const v = weirdString(rng);
      set(s, v);
      return { body: raw.render(body), label: `weird string ${JSON.stringify(v)} at ${at(s)}` };
    }
    case 'number': {
      const nums = all.filter((s) => s.ns.isNumericSchema() || s.ns.isTimestampSchema());
      const s = nums.length ? rng.pick(nums) : slot;
      const t = rng.pick(NUMBER_TEXTS);
      set(s, raw.put(t));
      return { body: raw.render(body), label: `number ${t} at ${at(s)}` };
    }
    case 'proto': {
      const objects = all.filter((s) => s.ns.isStructSchema() || s.ns.isMapSchema());
      const s = objects.length && rng.chance(0.7) ? rng.pick(objects) : undefined;
      const obj = s ? ((s.holder as Record<string, unknown>)[s.key] as Record<string, unknown>) : body;
      const key = rng.pick(PROTO_KEYS);
      const value = rng.pick<unknown>([{ polluted: 1 }, 'x', 1, null, [], { DataType: 'String', StringValue: 'x' }]);
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
      return { body: raw.render(body), label: `key ${key}=${JSON.stringify(value)} in ${s ? s.path : '(root)'}` };
    }
    case 'json-in-string': {
      const strings = all.filter((s) => s.ns.isStringSchema());
      const preferred = strings.filter((s) => JSON_IN_STRING.test(String(s.key)));
      const s = preferred.length && rng.chance(0.8) ? rng.pick(preferred) : strings.length ? rng.pick(strings) : slot;
      const text = hostileJsonText(rng);
      set(s, text);
      return { body: raw.render(body), label: `JSON text ${preview(text)} at ${at(s)}` };
    }
    case 'collection': {
      const lists = all.filter((s) => s.ns.isListSchema() || s.ns.isMapSchema());
      const s = lists.length ? rng.pick(lists) : slot;
      const n = rng.pick([11, 101, 10_001, 100_000]);
      const item = s?.ns.isListSchema() ? (((s.holder as Record<string, unknown>)[s.key] as unknown[])[0] ?? 'x') : 'v';
      const v = s?.ns.isMapSchema()
        ? Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, Object.values((s.holder as Record<string, Record<string, unknown>>)[s.key] ?? {})[0] ?? 'v']))
        : Array.from({ length: n }, () => item);
      set(s, v);
      return { body: raw.render(body), label: `${n} items at ${at(s)}` };
    }
    case 'syntax':
      return syntax(rng, raw.render(body));
  }
}

function syntax(rng: Rng, valid: Buffer): Mutated {
  const text = valid.toString('utf8');
  const cut = rng.int(0, Math.max(0, text.length - 1));
  const cases: Array<() => Mutated> = [
    () => ({ body: valid.subarray(0, cut), label: `truncated at byte ${cut}` }),
    () => ({ body: Buffer.concat([valid, Buffer.from(rng.pick(['}', ']', ',', 'x', '{}', '\u0000']))]), label: 'trailing garbage' }),
    () => ({ body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]), label: 'UTF-8 BOM' }),
    () => ({ body: Buffer.from(rng.pick(['[]', '"x"', '1', 'null', 'true', '[{}]', '1e300'])), label: 'non-object top level' }),
    () => ({ body: Buffer.from(text.replace('{', '{"a":1,"a":{},')), label: 'duplicate and extra keys' }),
    () => ({ body: Buffer.from(text.replace('{', '{/* c */ ')), label: 'comment' }),
    () => ({ body: Buffer.from(text.replace(/"/g, "'")), label: 'single quotes' }),
    () => ({ body: Buffer.from(' '.repeat(rng.pick([1000, 1_000_000])) + text), label: 'leading whitespace' }),
    () => ({ body: Buffer.from('{"a":"'), label: 'unterminated string' }),
    () => ({ body: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), label: 'UTF-16 body' }),
    () => ({ body: Buffer.alloc(0), label: 'empty body' }),
    () => ({ body: Buffer.from(deepJsonText(rng)), label: 'deep top level' }),
  ];
  return rng.pick(cases)();
}

export function preview(s: string, n = 60): string {
  const t = JSON.stringify(s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  return t;
}
