/**
 * InputTransformer: an InputTemplate compiled once into literal text and placeholder slots.
 *
 * Two kinds of template, told apart by the first non-blank character:
 *   - `"` — a string template ("For Strings, quotes are required", eb-transform-target-input).
 *     The text is delivered as written, placeholders filled "string style": a string as is, a
 *     missing path as nothing, an object or list as compact JSON with every quote removed
 *     (`{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]`), a boolean, number or null as its
 *     JSON text. No validity check: a multi-line template of several quoted strings is delivered.
 *   - anything else — a JSON template. A placeholder inside a JSON string literal is replaced by
 *     the string as is; a placeholder outside one by the string in quotes (so `<v>` and `"<v>"`
 *     give the same `"v"`), a missing path counting as the empty string. Objects, lists, numbers,
 *     booleans and null are inserted as JSON text wherever they stand. Values are never escaped.
 *     The result must be one JSON value, else nothing is delivered (`{"a": "<object>"}`,
 *     `{"a": "<list>"}`); it is delivered minified.
 * All of this is LocalStack's AWS-recorded test_events_inputs snapshot plus the docs.
 */
import type { RenderContext } from './index.js';
import { compileJsonPath, MISSING } from './json-path.js';
import { minifyJson } from './json-text.js';
import { invalidPlaceholder, TargetInputError } from './errors.js';

type Value = unknown;
type Resolver = (event: Record<string, unknown>, ctx: RenderContext) => Value | typeof MISSING;

/** A placeholder occurrence: which slot, and whether it stands inside a JSON string literal. */
interface Hole { readonly slot: number; readonly inString: boolean }
type Segment = string | Hole;

/** The reserved variables (eb-transform-target-input, "Predefined variables"). */
const PREDEFINED: ReadonlyMap<string, Resolver> = new Map<string, Resolver>([
  ['aws.events.rule-arn', (_e, ctx) => ctx.ruleArn],
  ['aws.events.rule-name', (_e, ctx) => ctx.ruleName],
  ['aws.events.event.ingestion-time', (_e, ctx) => ctx.ingestionTime],
  ['aws.events.event', (e) => eventWithoutDetail(e)],
  ['aws.events.event.json', (e) => e],
]);

export const PREDEFINED_VARIABLES: readonly string[] = [...PREDEFINED.keys()];

/**
 * `aws.events.event`: the envelope without `detail`. AWS's recording (test_input_transformer_
 * predefined_variables) shows these keys in this order, `detail-type` spelled `detailType`; its
 * `time` was redacted by a rule that leaves ISO-8601 strings alone, so it is not the envelope's
 * string. We send epoch milliseconds (how Jackson writes a java.util.Date field): an inference.
 */
const EVENT_FIELDS: readonly (readonly [string, string])[] = [
  ['id', 'id'], ['account', 'account'], ['detail-type', 'detailType'], ['time', 'time'],
  ['source', 'source'], ['region', 'region'], ['resources', 'resources'], ['version', 'version'],
];

function eventWithoutDetail(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [from, to] of EVENT_FIELDS) {
    if (!Object.hasOwn(event, from)) continue;
    let v = event[from];
    if (from === 'time' && typeof v === 'string') {
      const ms = Date.parse(v);
      if (!Number.isNaN(ms)) v = ms;
    }
    out[to] = v;
  }
  return out;
}

/** `<name>`: no blanks, quotes or angle brackets inside. */
const PLACEHOLDER = /<([^<>\s"]+)>/y;

export interface CompiledTemplate {
  render(event: Record<string, unknown>, ctx: RenderContext): string | undefined;
}

export function compileTemplate(
  targetId: string,
  template: string,
  pathsMap: Readonly<Record<string, string>>,
): CompiledTemplate {
  const jsonMode = !template.trimStart().startsWith('"');
  const slots: Resolver[] = [];
  const slotOf = new Map<string, number>();
  const segments: Segment[] = [];

  const slotFor = (name: string): number => {
    const known = slotOf.get(name);
    if (known !== undefined) return known;
    let resolver = PREDEFINED.get(name);
    if (resolver === undefined) {
      if (!Object.hasOwn(pathsMap, name)) throw new TargetInputError(invalidPlaceholder(targetId, name), targetId);
      const path = compileJsonPath(pathsMap[name] ?? '');
      resolver = (event) => path.select(event);
    }
    slots.push(resolver);
    slotOf.set(name, slots.length - 1);
    return slots.length - 1;
  };

  let literalStart = 0;
  let inString = false;
  for (let i = 0; i < template.length;) {
    const c = template[i];
    if (c === '<') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      if (m !== null) {
        if (i > literalStart) segments.push(template.slice(literalStart, i));
        segments.push({ slot: slotFor(m[1] ?? ''), inString });
        i += m[0].length;
        literalStart = i;
        continue;
      }
    } else if (c === '"') {
      inString = !inString;
    } else if (c === '\\' && inString) {
      i += 2;
      continue;
    }
    i++;
  }
  if (literalStart < template.length) segments.push(template.slice(literalStart));

  const fill = jsonMode ? jsonStyle : stringStyle;
  return {
    render(event, ctx) {
      const values = slots.map((resolve) => resolve(event, ctx));
      let text = '';
      for (const seg of segments) text += typeof seg === 'string' ? seg : fill(values[seg.slot], seg.inString);
      return jsonMode ? minifyJson(text) : text;
    },
  };
}

function isContainer(v: Value): boolean {
  return typeof v === 'object' && v !== null;
}

/** In a string template. */
function stringStyle(v: Value | typeof MISSING): string {
  if (v === MISSING) return '';
  if (typeof v === 'string') return v;
  const json = JSON.stringify(v);
  return isContainer(v) ? json.replaceAll('\\"', '').replaceAll('"', '') : json;
}

/** In a JSON template. */
function jsonStyle(v: Value | typeof MISSING, inString: boolean): string {
  const s = v === MISSING ? '' : v;
  if (typeof s === 'string') return inString ? s : `"${s}"`;
  return JSON.stringify(s);
}
