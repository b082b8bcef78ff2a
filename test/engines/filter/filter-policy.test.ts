/**
 * Runs every filter case in test/fixtures/filter-policies/*.json. A case is one policy with
 * either the AWS error it must produce ("invalid") or messages it must match and not match.
 * Each case names its source: an AWS-recorded snapshot, the AWS docs, AWS's event-ruler engine,
 * or our own reading of those (see each file's "about"). Files are SNS filter policies unless
 * they say "dialect": "eventbridge" (event patterns, matched against whole events).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  compileEventPattern,
  compileSnsFilterPolicy,
  FilterPolicyError,
  type FilterPolicyScope,
  type SnsFilter,
  type SnsMessageAttributes,
} from '../../../src/engines/filter/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/filter-policies/', import.meta.url));

interface FilterCase {
  name: string;
  source: string;
  scope?: FilterPolicyScope;
  /** Which SNS call reported the error: it decides AWS's prefix. */
  operation?: 'Subscribe' | 'SetSubscriptionAttributes';
  /** The policy as JSON (serialized with JSON.stringify)... */
  policy?: unknown;
  /** (EventBridge files) the event pattern as JSON. */
  pattern?: unknown;
  /** ...or as exact text (for malformed JSON, key order, duplicate keys)... */
  policyText?: string;
  /** ...or generated: each key gets that many values "value0".."valueN-1"; "a/b" nests b under a. */
  policyGenerator?: Record<string, number>;
  invalid?: string;
  matches?: unknown[];
  nonMatches?: unknown[];
  /** A recorded AWS behaviour we do not reproduce yet: the case runs as a todo and cannot fail the suite. */
  knownGap?: string;
  /** MessageBody scope: raw message texts. */
  matchingTexts?: string[];
  nonMatchingTexts?: string[];
}

type FixtureDialect = 'sns' | 'eventbridge';

interface FixtureFile {
  about: string;
  dialect?: FixtureDialect;
  cases: FilterCase[];
}

const CASE_KEYS: Record<FixtureDialect, ReadonlySet<string>> = {
  sns: new Set([
    'name', 'source', 'scope', 'operation', 'policy', 'policyText', 'policyGenerator', 'invalid',
    'matches', 'nonMatches', 'matchingTexts', 'nonMatchingTexts',
  ]),
  eventbridge: new Set(['name', 'source', 'pattern', 'policyText', 'invalid', 'matches', 'nonMatches', 'knownGap']),
};
const EXPECTATIONS = ['matches', 'nonMatches', 'matchingTexts', 'nonMatchingTexts'] as const;

function loadFixtures(): { file: string; dialect: FixtureDialect; cases: FilterCase[] }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as FixtureFile;
      assert.ok(typeof parsed.about === 'string' && Array.isArray(parsed.cases), `${file}: needs "about" and "cases"`);
      return { file, dialect: parsed.dialect ?? 'sns', cases: parsed.cases };
    });
}

/** A malformed case must fail loudly, not pass by checking nothing. */
function checkCaseShape(c: FilterCase, dialect: FixtureDialect): void {
  for (const key of Object.keys(c)) assert.ok(CASE_KEYS[dialect].has(key), `unknown case key "${key}"`);
  assert.ok(c.name && c.source, 'a case needs a name and a source');
  const policyForms = [c.policy, c.pattern, c.policyText, c.policyGenerator].filter((p) => p !== undefined);
  assert.equal(policyForms.length, 1, 'exactly one of policy/pattern, policyText, policyGenerator');
  const expected = EXPECTATIONS.reduce((n, k) => n + (c[k]?.length ?? 0), 0);
  if (c.invalid !== undefined) assert.equal(expected, 0, 'an invalid case expects no messages');
  else assert.ok(expected > 0, 'a valid case needs at least one message');
  if ((c.scope ?? 'MessageAttributes') === 'MessageAttributes') {
    assert.equal((c.matchingTexts?.length ?? 0) + (c.nonMatchingTexts?.length ?? 0), 0, 'raw texts are MessageBody only');
  }
}

function policyTextOf(c: FilterCase): string {
  if (c.policyText !== undefined) return c.policyText;
  if (c.policyGenerator !== undefined) {
    const policy: Record<string, unknown> = {};
    for (const [path, count] of Object.entries(c.policyGenerator)) {
      const names = path.split('/');
      const leaf = names.pop() as string;
      let parent = policy;
      for (const name of names) parent = (parent[name] ??= {}) as Record<string, unknown>;
      parent[leaf] = Array.from({ length: count }, (_, i) => `value${i}`);
    }
    return JSON.stringify(policy);
  }
  return JSON.stringify(c.policy ?? c.pattern);
}

function asAttributes(message: unknown): SnsMessageAttributes {
  assert.ok(message !== null && typeof message === 'object' && !Array.isArray(message), 'attributes must be an object');
  for (const [name, attribute] of Object.entries(message)) {
    const a = attribute as { Type?: unknown; Value?: unknown };
    assert.ok(typeof a.Type === 'string' && typeof a.Value === 'string', `attribute ${name} needs string Type and Value`);
  }
  return message as SnsMessageAttributes;
}

function matchMessage(filter: SnsFilter, scope: FilterPolicyScope, message: unknown): boolean {
  return scope === 'MessageAttributes' ? filter.matchAttributes(asAttributes(message)) : filter.matchBody(message);
}

function runSnsCase(c: FilterCase): void {
  checkCaseShape(c, 'sns');
  const scope = c.scope ?? 'MessageAttributes';
  const text = policyTextOf(c);

  if (c.invalid !== undefined) {
    const prefix = c.operation === 'Subscribe' ? 'Invalid parameter: Attributes Reason: ' : 'Invalid parameter: ';
    assert.throws(
      () => compileSnsFilterPolicy(text, scope),
      (e: unknown) => {
        assert.ok(e instanceof FilterPolicyError, `expected a FilterPolicyError, got ${String(e)}`);
        assert.equal(e.awsMessage(prefix), c.invalid);
        return true;
      },
    );
    return;
  }

  const filter = compileSnsFilterPolicy(text, scope);
  const show = (m: unknown) => JSON.stringify(m);
  for (const m of c.matches ?? []) assert.equal(matchMessage(filter, scope, m), true, `should match ${show(m)}`);
  for (const m of c.nonMatches ?? []) assert.equal(matchMessage(filter, scope, m), false, `should not match ${show(m)}`);
  for (const t of c.matchingTexts ?? []) assert.equal(filter.matchBodyText(t), true, `should match text ${t}`);
  for (const t of c.nonMatchingTexts ?? []) assert.equal(filter.matchBodyText(t), false, `should not match text ${t}`);
}

/** EventBridge records only the first line of pattern errors; JSON syntax errors are compared whole. */
function runEventBridgeCase(c: FilterCase): void {
  checkCaseShape(c, 'eventbridge');
  const text = policyTextOf(c);
  if (c.invalid !== undefined) {
    const expected = c.invalid;
    assert.throws(
      () => compileEventPattern(text),
      (e: unknown) => {
        assert.ok(e instanceof FilterPolicyError, `expected a FilterPolicyError, got ${String(e)}`);
        const actual = e.awsMessage('Event pattern is not valid. Reason: ');
        assert.equal(expected.includes('\n') ? actual : actual.split('\n')[0], expected);
        return true;
      },
    );
    return;
  }
  const pattern = compileEventPattern(text);
  for (const m of c.matches ?? []) assert.equal(pattern.matches(m), true, `should match ${JSON.stringify(m)}`);
  for (const m of c.nonMatches ?? []) assert.equal(pattern.matches(m), false, `should not match ${JSON.stringify(m)}`);
}

const fixtures = loadFixtures();

describe('filter policies and event patterns (fixture cases)', () => {
  for (const { file, dialect, cases } of fixtures) {
    describe(file, () => {
      for (const c of cases) {
        const run = () => (dialect === 'sns' ? runSnsCase(c) : runEventBridgeCase(c));
        if (c.knownGap) it(c.name, { todo: c.knownGap }, run);
        else it(c.name, run);
      }
    });
  }

  it('covers at least 150 SNS cases, every case name unique within its file', () => {
    let sns = 0;
    for (const { file, dialect, cases } of fixtures) {
      const names = cases.map((c) => c.name);
      assert.equal(new Set(names).size, names.length, `${file} repeats a case name`);
      if (dialect === 'sns') sns += cases.length;
    }
    assert.ok(sns >= 150, `only ${sns} SNS cases`);
  });
});
