/**
 * The JSONPath subset EventBridge evaluates for `InputPath` and `InputPathsMap` values.
 *
 * AWS lists what it supports: dot notation (`$.detail`), dashes, underscores, alphanumerics,
 * forward slashes, array indices and wildcards (eb-transform-target-input). The API reference
 * adds bracket notation for `InputPath`. AWS does not validate paths at PutTargets ("There is no
 * validation when creating JSON path for your template"), so a path we cannot read compiles to
 * one that never matches instead of throwing.
 *
 * A path without wildcards selects one value. A path with a wildcard collects every match into a
 * list, as Jayway's JsonPath (the Java library) does for "indefinite" paths.
 */

/** What a path yields when nothing in the event matches. */
export const MISSING: unique symbol = Symbol('missing');
export type Selected = unknown;

type Step =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

export interface CompiledJsonPath {
  readonly text: string;
  /** The value at the path, or MISSING. Never returns `undefined`. */
  select(root: unknown): Selected | typeof MISSING;
}

export function compileJsonPath(text: string): CompiledJsonPath {
  const steps = parseSteps(text);
  if (steps === null) return { text, select: () => MISSING };
  if (steps.length === 0) return { text, select: (root) => (root === undefined ? MISSING : root) };
  if (!steps.some((s) => s.kind === 'wildcard')) return { text, select: (root) => walkDefinite(root, steps) };
  return {
    text,
    select(root) {
      const found: unknown[] = [];
      collect(root, steps, 0, found);
      return found.length === 0 ? MISSING : found;
    },
  };
}

const NAME_END = /[.[\]]/;

/** Null when the text is not a path we can read. */
function parseSteps(text: string): Step[] | null {
  if (!text.startsWith('$')) return null;
  const steps: Step[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      if (text[i] === '*') {
        steps.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      let end = i;
      while (end < text.length && !NAME_END.test(text.charAt(end))) end++;
      if (end === i) return null; // "$." or "$..x" (deep scan is not supported)
      steps.push({ kind: 'key', key: text.slice(i, end) });
      i = end;
    } else if (c === '[') {
      const close = bracketEnd(text, i + 1);
      if (close === -1) return null;
      const step = bracketStep(text.slice(i + 1, close));
      if (step === null) return null;
      steps.push(step);
      i = close + 1;
    } else {
      return null;
    }
  }
  return steps;
}

/** Index of the `]` closing a bracket that starts at `from` (quotes may contain `]`). */
function bracketEnd(text: string, from: number): number {
  const q = text[from];
  if (q === "'" || q === '"') {
    const endQuote = text.indexOf(q, from + 1);
    if (endQuote === -1 || text[endQuote + 1] !== ']') return -1;
    return endQuote + 1;
  }
  return text.indexOf(']', from);
}

function bracketStep(inner: string): Step | null {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const q = inner[0];
  if ((q === "'" || q === '"') && inner.length >= 2 && inner.endsWith(q)) return { kind: 'key', key: inner.slice(1, -1) };
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stepInto(node: unknown, step: Step): unknown {
  if (step.kind === 'key') return isObject(node) && Object.hasOwn(node, step.key) ? node[step.key] : undefined;
  if (step.kind === 'index' && Array.isArray(node)) {
    const at = step.index < 0 ? node.length + step.index : step.index;
    return at >= 0 && at < node.length ? node[at] : undefined;
  }
  return undefined;
}

function walkDefinite(root: unknown, steps: readonly Step[]): Selected | typeof MISSING {
  let node = root;
  for (const step of steps) {
    node = stepInto(node, step);
    if (node === undefined) return MISSING;
  }
  return node;
}

function collect(node: unknown, steps: readonly Step[], at: number, out: unknown[]): void {
  if (node === undefined) return;
  const step = steps[at];
  if (step === undefined) {
    out.push(node);
    return;
  }
  if (step.kind !== 'wildcard') {
    collect(stepInto(node, step), steps, at + 1, out);
    return;
  }
  const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
  for (const child of children) collect(child, steps, at + 1, out);
}
