/**
 * Table-driven parity cases: execution histories recorded against real AWS (LocalStack's
 * snapshot tests, see each case's `source`) replayed on the fake clock. Each case asserts the
 * final status, output / error / cause and the exact `[id, previousEventId, type]` history.
 *
 * Fixture format (`test/fixtures/sfn-cases/*.json`, each an array of cases):
 *   { name, source, definition, input, expect: { status, output?, error?, cause?, events },
 *     type?: 'STANDARD' | 'EXPRESS', placeholders?: true, wildcards?: string[], knownDifference?: string }
 *
 * Recorded values went through LocalStack's snapshot transformers, so comparisons normalise
 * both sides the same way: any string holding a JSON object/array is compared parsed, and
 * with `placeholders: true` an expected string containing `<token>` markers (anonymised ARNs,
 * uuids, ...; the anonymised account `111111111111` too) matches any actual string of that shape,
 * and an expected string listed in `wildcards` matches any string. Events inside a Parallel
 * state were made order-independent by the recorder (ids masked as `[0]`, sorted): the actual
 * history goes through the same transformation (see `recorderParallel`) before comparing. Cases marked `knownDifference` are a
 * recorded engine divergence from AWS: they run as node:test todo, so they report without
 * failing the suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { links, runToEnd, setup, target } from './execution-helpers.js';

interface Case {
  name: string;
  source: string;
  definition: object;
  input: unknown;
  type?: 'STANDARD' | 'EXPRESS';
  placeholders?: boolean;
  /** Expected strings that a snapshot transformer substituted (e.g. `snf_role_arn`, `date`): match any string. */
  wildcards?: string[];
  knownDifference?: string;
  expect: { status: string; output?: unknown; error?: string; cause?: unknown; events: Array<[number, number, string]> };
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/sfn-cases');

/** Parse strings that hold JSON objects/arrays (as the snapshot transformer does), recursively. */
function norm(v: unknown): unknown {
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('{') || s.startsWith('[')) {
      try {
        return norm(JSON.parse(s));
      } catch {
        return v;
      }
    }
    return v;
  }
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  return v;
}

const PLACEHOLDER = /<[A-Za-z_][\w:.-]*>|111111111111/;
const PLACEHOLDERS = new RegExp(PLACEHOLDER.source, 'g');

/** Replace expected `<token>` / wildcard strings by the actual value when the actual string has that shape. */
function fillPlaceholders(expected: unknown, actual: unknown, c: Case): unknown {
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (c.wildcards?.includes(expected)) return actual;
    if (c.placeholders && PLACEHOLDER.test(expected)) {
      const re = new RegExp(
        '^' + expected.split(PLACEHOLDERS).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+') + '$',
        's',
      );
      return re.test(actual) ? actual : expected;
    }
    return expected;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) return expected.map((e, i) => fillPlaceholders(e, actual[i], c));
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    const a = actual as Record<string, unknown>;
    return Object.fromEntries(Object.entries(expected).map(([k, e]) => [k, fillPlaceholders(e, a[k], c)]));
  }
  return expected;
}

function same(actual: unknown, expected: unknown, c: Case, what: string): void {
  const a = norm(actual);
  let e = norm(expected);
  if (c.placeholders || c.wildcards) e = fillPlaceholders(e, a, c);
  assert.deepEqual(a, e, what);
}

type Ev = [number | number[], number, string];
const PARALLEL_END = new Set(['ParallelStateSucceeded', 'ParallelStateAborted', 'ParallelStateExited', 'ParallelStateFailed']);

const byType = (x: Ev, y: Ev) => (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);

/**
 * The recorder's Parallel normalisation (LocalStack `SfnNoneRecursiveParallelTransformer`),
 * reproduced faithfully on the actual history: events after a ParallelStateStarted get id `[0]`
 * and previousEventId 0 and are sorted; at each Parallel end event the slice from the sublist
 * start up to that event is replaced by the sorted sublist. When two end events follow each
 * other (ParallelStateSucceeded, ParallelStateExited) that replacement drops the first one
 * (and skips the next event, as the Python loop does) - which is why recorded histories show
 * an id gap before ParallelStateExited. Sorting is by type here (the recorder sorted by the
 * full event JSON), so masked runs of the expected history are re-sorted by type too.
 */
function recorderParallel(events: Ev[]): Ev[] {
  const out = events.map((e) => [...e] as Ev);
  let start = 0;
  let sub: Ev[] = [];
  let inSub = false;
  for (let i = 0; i < out.length; i++) {
    const type = out[i]![2];
    if (PARALLEL_END.has(type)) {
      out.splice(start, i - start, ...[...sub].sort(byType));
      inSub = false;
    } else if (type === 'ParallelStateStarted') {
      inSub = true;
      sub = [];
      start = i + 1;
    } else if (inSub) {
      out[i] = [[0], 0, type];
      sub.push(out[i]!);
    }
  }
  return out;
}

/** Sort each run of masked (`[0]`-id) events by type. */
function sortMaskedRuns(events: Ev[]): Ev[] {
  const out: Ev[] = [];
  let run: Ev[] = [];
  for (const e of [...events, null]) {
    if (e && Array.isArray(e[0])) run.push(e);
    else {
      out.push(...run.sort(byType));
      run = [];
      if (e) out.push(e);
    }
  }
  return out;
}

function parseText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case[];
  for (const c of cases) {
    test(`${file.replace(/\.json$/, '')}: ${c.name}`, { todo: c.knownDifference }, async () => {
      const s = setup();
      const rec = s.engine.start(target(c.definition, c.type ?? 'STANDARD'), { input: JSON.stringify(c.input) });
      await runToEnd(s, rec, 1000, 100_000);
      const x = c.expect;
      assert.equal(rec.status, x.status, `status (error=${rec.error} cause=${rec.cause})`);
      if ('output' in x) same(parseText(rec.output), x.output, c, 'output');
      if ('error' in x) assert.equal(rec.error, x.error, 'error');
      if ('cause' in x) same(rec.cause, x.cause, c, 'cause');
      if (x.events.some((e) => Array.isArray(e[0]))) {
        assert.deepEqual(sortMaskedRuns(recorderParallel(links(rec))), sortMaskedRuns(x.events), 'events (Parallel-normalised as recorded)');
      } else {
        assert.deepEqual(links(rec), x.events, 'events');
      }
    });
  }
}
