/**
 * Runs every filter case in test/fixtures/filter-policies/*.json. A case is one policy with
 * either the AWS error it must produce ("invalid") or messages it must match and not match.
 * Each case names its source: an AWS-recorded snapshot, the AWS docs, AWS's event-ruler engine,
 * or our own reading of those (see each file's "about").
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
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
  /** ...or as exact text (for malformed JSON, key order, duplicate keys)... */
  policyText?: string;
  /** ...or generated: each key gets that many values "value0".."valueN-1". */
  policyGenerator?: Record<string, number>;
  invalid?: string;
  matches?: unknown[];
  nonMatches?: unknown[];
  /** MessageBody scope: raw message texts. */
  matchingTexts?: string[];
  nonMatchingTexts?: string[];
}

interface FixtureFile {
  about: string;
  cases: FilterCase[];
}

const CASE_KEYS = new Set([
  'name', 'source', 'scope', 'operation', 'policy', 'policyText', 'policyGenerator', 'invalid',
  'matches', 'nonMatches', 'matchingTexts', 'nonMatchingTexts',
]);
const EXPECTATIONS = ['matches', 'nonMatches', 'matchingTexts', 'nonMatchingTexts'] as const;

function loadFixtures(): { file: string; cases: FilterCase[] }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as FixtureFile;
      assert.ok(typeof parsed.about === 'string' && Array.isArray(parsed.cases), `${file}: needs "about" and "cases"`);
      return { file, cases: parsed.cases };
    });
}

/** A malformed case must fail loudly, not pass by checking nothing. */
function checkCaseShape(c: FilterCase): void {
  for (const key of Object.keys(c)) assert.ok(CASE_KEYS.has(key), `unknown case key "${key}"`);
  assert.ok(c.name && c.source, 'a case needs a name and a source');
  const policyForms = [c.policy, c.policyText, c.policyGenerator].filter((p) => p !== undefined);
  assert.equal(policyForms.length, 1, 'exactly one of policy, policyText, policyGenerator');
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
    const policy: Record<string, string[]> = {};
    for (const [key, count] of Object.entries(c.policyGenerator)) {
      policy[key] = Array.from({ length: count }, (_, i) => `value${i}`);
    }
    return JSON.stringify(policy);
  }
  return JSON.stringify(c.policy);
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

function runCase(c: FilterCase): void {
  checkCaseShape(c);
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

const fixtures = loadFixtures();

describe('SNS filter policies (fixture cases)', () => {
  for (const { file, cases } of fixtures) {
    describe(file, () => {
      for (const c of cases) it(c.name, () => runCase(c));
    });
  }

  it('covers at least 150 cases, every case name unique within its file', () => {
    let total = 0;
    for (const { file, cases } of fixtures) {
      const names = cases.map((c) => c.name);
      assert.equal(new Set(names).size, names.length, `${file} repeats a case name`);
      total += cases.length;
    }
    assert.ok(total >= 150, `only ${total} cases`);
  });
});
