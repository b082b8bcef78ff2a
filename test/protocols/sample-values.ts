/**
 * Sample inputs and outputs for protocol round trips, generated from the SDK's static schemas
 * (walked through `NormalizedSchema`), so every operation the SDK knows is covered without a
 * hand-written fixture. Also: a canonical form for deep comparison (blobs as bytes, dates as ISO
 * strings, undefined members dropped) and the MD5 fix-ups the SQS client checks on responses.
 */
import { createHash } from 'node:crypto';
import { NormalizedSchema } from '@smithy/core/schema';

export const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/q1';

/**
 * - `full`: every member, lists of 2, maps of 2 (message attributes: one per data type);
 * - `single`: every member, lists and maps of 1 (XML readers special-case lone elements);
 * - `required`: only the required members, recursively;
 * - `empty`: the required members plus every optional list and map member, empty.
 */
export type SampleMode = 'full' | 'single' | 'required' | 'empty';
export const SAMPLE_MODES: readonly SampleMode[] = ['full', 'single', 'required', 'empty'];

/** Text that needs escaping in JSON, form encoding and XML, plus non-ASCII and a surrogate pair. */
const TRICKY = ' <&>"\'\r\n+%=/?é€😀';

/** Names of the required members of a structure: the first N names, N in the 7th slot. */
export function requiredMemberNames(ns: NormalizedSchema): string[] {
  const raw = ns.getSchema() as unknown as unknown[];
  const names = (raw[4] as string[] | undefined) ?? [];
  const count = typeof raw[6] === 'number' ? raw[6] : 0;
  return names.slice(0, count);
}

/** Message attribute values are a union in all but name: one sample per data type. */
const ATTRIBUTE_VALUE_SHAPES = new Set(['MessageAttributeValue', 'MessageSystemAttributeValue']);

class Generator {
  private n = 0;
  constructor(private readonly mode: SampleMode) {}

  private next(): number {
    return ++this.n;
  }

  structure(ns: NormalizedSchema): Record<string, unknown> {
    const required = new Set(requiredMemberNames(ns));
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      if (required.has(name) || this.mode === 'full' || this.mode === 'single') out[name] = this.value(member, name);
      else if (this.mode === 'empty' && member.isListSchema()) out[name] = [];
      else if (this.mode === 'empty' && member.isMapSchema()) out[name] = {};
    }
    return out;
  }

  value(ns: NormalizedSchema, label: string): unknown {
    if (ns.isStructSchema() || ns.isUnionSchema()) return this.structure(ns);
    if (ns.isListSchema()) {
      const item = ns.getValueSchema();
      const first = this.value(item, `${label}1`);
      return this.mode === 'single' ? [first] : [first, this.value(item, `${label}2`)];
    }
    if (ns.isMapSchema()) return this.map(ns, label);
    if (ns.isBlobSchema()) return this.blob();
    if (ns.isTimestampSchema()) return this.timestamp();
    if (ns.isBooleanSchema()) return this.next() % 2 === 1;
    if (ns.isNumericSchema() || ns.isBigIntegerSchema()) return this.next() + 2;
    if (ns.isStringSchema()) return label === 'QueueUrl' ? QUEUE_URL : `${label}-${this.next()}${TRICKY}`;
    throw new Error(`no sample for schema ${ns.getName(true) ?? label}`);
  }

  /**
   * Seconds plus a millisecond fraction that differs from one timestamp to the next, so the
   * epoch-seconds wire forms of JSON carry `.xyz` and a lost or rounded fraction shows.
   */
  private timestamp(): Date {
    const n = this.next();
    return new Date(Date.UTC(2024, 0, 2, 3, 4, 5) + n * 1000 + ((n * 7919) % 1000));
  }

  private blob(): Uint8Array {
    // 0xfb 0xff 0xbf: base64 `+/+/`, so both base64 alphabets' odd characters appear.
    return Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x0a, this.next() & 0xff]);
  }

  private map(ns: NormalizedSchema, label: string): Record<string, unknown> {
    const value = ns.getValueSchema();
    const valueName = value.getName() ?? '';
    if (value.isStructSchema() && ATTRIBUTE_VALUE_SHAPES.has(valueName)) {
      if (this.mode === 'single') return { [`${label}.b`]: { DataType: 'Binary', BinaryValue: this.blob() } };
      const out: Record<string, unknown> = {
        [`${label}.s`]: { DataType: 'String', StringValue: `text-${this.next()}${TRICKY}` },
        [`${label}.n`]: { DataType: 'Number', StringValue: '-12.5e3' },
        [`${label}.b`]: { DataType: 'Binary', BinaryValue: this.blob() },
      };
      // One value with every member set (list values included), for the wire forms only.
      out[`${label}.all`] = { ...this.structure(value), DataType: 'String.custom' };
      return out;
    }
    const out: Record<string, unknown> = { [`${label}Key1`]: this.value(value, `${label}Value1`) };
    if (this.mode !== 'single') out[`${label}Key2${TRICKY}`] = this.value(value, `${label}Value2`);
    return out;
  }
}

export function sampleStructure(ns: NormalizedSchema, mode: SampleMode): Record<string, unknown> {
  if (!ns.isStructSchema()) return {}; // smithy.api#Unit
  return new Generator(mode).structure(ns);
}

export function md5Hex(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

/**
 * Make an SQS output consistent with its request where the SDK checks it: body MD5s of
 * SendMessage, SendMessageBatch (matched by entry Id) and ReceiveMessage. The SDK compares even
 * an absent MD5 (to the MD5 of ""), so the member is set in every mode.
 */
export function fixSqsOutput(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): Record<string, unknown> {
  if (operation === 'SendMessage') {
    output.MD5OfMessageBody = md5Hex(String(input.MessageBody));
  }
  if (operation === 'SendMessageBatch') {
    const entries = input.Entries as Array<Record<string, unknown>>;
    const ok = output.Successful as Array<Record<string, unknown>>;
    ok.forEach((result, i) => {
      const entry = entries[i % entries.length]!;
      result.Id = entry.Id;
      result.MD5OfMessageBody = md5Hex(String(entry.MessageBody));
    });
  }
  if (operation === 'ReceiveMessage' && Array.isArray(output.Messages)) {
    for (const m of output.Messages as Array<Record<string, unknown>>) {
      m.MD5OfBody = md5Hex(m.Body === undefined ? '' : String(m.Body));
    }
  }
  return output;
}

/**
 * Canonical form for `deepStrictEqual`: any byte array (Buffer or Uint8Array) becomes
 * `{ $bytes: hex }`, a Date `{ $date: iso }`, undefined members vanish; numbers, strings and
 * booleans stay as they are, so `'7'` and `7` still differ.
 */
export function canon(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') };
  if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString() };
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = canon(x);
    return out;
  }
  return v;
}

/** A copy of an SDK command result without `$metadata`. */
export function withoutMetadata(result: unknown): Record<string, unknown> {
  const { $metadata: _ignored, ...rest } = result as Record<string, unknown>;
  return rest;
}

/** Depth-first walk of a value along its schema; `visit` may rewrite each structure in place. */
export function walkStructures(
  ns: NormalizedSchema,
  value: unknown,
  visit: (ns: NormalizedSchema, obj: Record<string, unknown>) => void,
): void {
  if (value === undefined || value === null) return;
  if (ns.isStructSchema()) {
    const obj = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) walkStructures(member, obj[name], visit);
    visit(ns, obj);
  } else if (ns.isListSchema()) {
    for (const item of value as unknown[]) walkStructures(ns.getValueSchema(), item, visit);
  } else if (ns.isMapSchema()) {
    for (const item of Object.values(value as Record<string, unknown>)) walkStructures(ns.getValueSchema(), item, visit);
  }
}

/** The member's query/XML name: its xmlName trait, else the member name. */
export function wireName(member: NormalizedSchema, name: string): string {
  return (member.getMergedTraits().xmlName as string | undefined) ?? name;
}
