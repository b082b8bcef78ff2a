import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileEventPattern } from '../../../src/engines/filter/index.js';
import { placement, RuleIndex, type IndexedRule } from '../../../src/engines/bus/index.js';

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = ['aws.ec2', 'aws.s3', 'shop', 'billing', 'Shop', 'x.y'];
const TYPES = ['Created', 'Deleted', 'Updated', 'Scheduled Event'];

function randomPattern(r: () => number): unknown {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const p: Record<string, unknown> = {};
  const srcKind = Math.floor(r() * 7);
  if (srcKind === 0) p['source'] = [pick(SOURCES)];
  else if (srcKind === 1) p['source'] = [pick(SOURCES), pick(SOURCES)];
  else if (srcKind === 2) p['source'] = [{ prefix: pick(SOURCES).slice(0, 2) }];
  else if (srcKind === 3) p['source'] = [{ 'equals-ignore-case': pick(SOURCES) }];
  else if (srcKind === 4) p['source'] = [{ 'anything-but': pick(SOURCES) }];
  else if (srcKind === 5) p['source'] = [pick(SOURCES), { wildcard: '*.s3' }];
  const dtKind = Math.floor(r() * 5);
  if (dtKind === 0) p['detail-type'] = [pick(TYPES)];
  else if (dtKind === 1) p['detail-type'] = [pick(TYPES), pick(TYPES)];
  else if (dtKind === 2) p['detail-type'] = [{ suffix: 'ed' }];
  const dKind = Math.floor(r() * 4);
  if (dKind === 0) p['detail'] = { n: [{ numeric: ['>', Math.floor(r() * 10)] }] };
  else if (dKind === 1) p['detail'] = { tag: [pick(['a', 'b', 'c'])] };
  if (r() < 0.1) p['$or'] = [{ source: [pick(SOURCES)] }, { detail: { tag: ['a'] } }];
  if (Object.keys(p).length === 0) p['account'] = ['000000000000'];
  return p;
}

describe('rule index', () => {
  it('places exact source/detail-type patterns and sends the rest to the residual list', () => {
    assert.deepEqual(placement('{"source":["a","a","b"],"detail-type":["X"]}'), { sources: ['a', 'b'], detailTypes: ['X'] });
    assert.deepEqual(placement('{"source":[{"prefix":"a"}],"detail-type":["X"]}'), { sources: undefined, detailTypes: ['X'] });
    assert.deepEqual(placement('{"source":["a", null]}'), { sources: undefined, detailTypes: undefined });
    assert.deepEqual(placement('{"detail":{"source":["a"]}}'), { sources: undefined, detailTypes: undefined });
    assert.deepEqual(placement('{"source":["a"],"detail-type":["X"],"$or":[{"detail":{"a":[1]}},{"$or":[{"source":["b"]},{"x":[1]}]}]}'), { sources: undefined, detailTypes: ["X"] });
  });

  it('returns exactly the rules a linear scan would, in creation order (randomized, with removals)', () => {
    const r = rng(20260101);
    const index = new RuleIndex<IndexedRule & { json: string }>();
    let rules: Array<IndexedRule & { json: string }> = [];
    for (let i = 0; i < 600; i++) {
      const json = JSON.stringify(randomPattern(r));
      const rule = { seq: i, json, matcher: compileEventPattern(json) };
      rules.push(rule);
      index.add(rule, json);
    }
    // remove a third, re-add some with a new pattern (PutRule update)
    for (const rule of rules.filter((_, i) => i % 3 === 0)) index.remove(rule);
    rules = rules.filter((_, i) => i % 3 !== 0);
    for (const rule of rules.filter((_, i) => i % 5 === 0)) {
      rule.json = JSON.stringify(randomPattern(r));
      (rule as { matcher: IndexedRule['matcher'] }).matcher = compileEventPattern(rule.json);
      index.add(rule, rule.json);
    }
    assert.equal(index.size, rules.length);
    let matched = 0;
    for (let i = 0; i < 2000; i++) {
      const event = {
        version: '0', id: String(i), 'detail-type': TYPES[Math.floor(r() * TYPES.length)]!, source: SOURCES[Math.floor(r() * SOURCES.length)]!,
        account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [],
        detail: { n: Math.floor(r() * 12), tag: ['a', 'b', 'c', 'd'][Math.floor(r() * 4)] },
      };
      const linear = rules.filter((x) => x.matcher.matches(event)).map((x) => x.seq);
      const indexed = index.match(event).map((x) => x.seq);
      assert.deepEqual(indexed, linear, `event ${JSON.stringify(event)}`);
      matched += linear.length;
      assert.ok(index.candidates(event.source, event['detail-type']).length < rules.length);
    }
    assert.ok(matched > 1000, `enough matches to be meaningful (${matched})`);
  });
});
