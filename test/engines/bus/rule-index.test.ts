import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileEventPattern } from '../../../src/engines/filter/index.js';
import { RuleIndex, type IndexedRule } from '../../../src/engines/bus/index.js';

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

/** Every operator the index treats specially, on paths that events fill in many shapes. */
function randomValuePattern(r: () => number): unknown {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const s = pick(['abc', 'ABC', 'abd', 'xbc', '', 'a', '10.0.0.1', 'Ab']);
  switch (Math.floor(r() * 22)) {
    case 0: return s;
    case 1: return pick([0, 1, 2.5, -1, 100]);
    case 2: return null;
    case 3: return pick([true, false]);
    case 4: return { prefix: s.slice(0, 2) };
    case 5: return { suffix: s.slice(-2) };
    case 6: return { prefix: { 'equals-ignore-case': pick(['A', 'ab', 'X']) } };
    case 7: return { suffix: { 'equals-ignore-case': pick(['C', 'bc', 'D']) } };
    case 8: return { 'equals-ignore-case': s };
    case 9: return { wildcard: pick(['a*', '*c', 'a*c', '*b*', 'abc', '*', 'A*d']) };
    case 10: return { numeric: pick([['>', 0], ['>=', 1, '<', 3], ['<=', -1], ['=', 100]]) };
    case 11: return { exists: true };
    case 12: return { exists: false };
    case 13: return { cidr: '10.0.0.0/24' };
    case 14: return { 'anything-but': pick(['abc', 'a']) };
    case 15: return { 'anything-but': pick([[0, 1], [100]]) };
    case 16: return { 'anything-but': { prefix: pick(['a', 'x']) } };
    case 17: return { 'anything-but': { suffix: 'c' } };
    case 18: return { 'anything-but': { 'equals-ignore-case': ['ABC', 'xbc'] } };
    case 19: return { 'anything-but': { wildcard: 'a*' } };
    case 20: return '10.0.0.001';
    default: return pick(['abc', 'ABC']);
  }
}

const PATHS = [['f'], ['g'], ['o', 'x'], ['o', 'y'], ['arr', 'x'], ['arr', 'y']] as const;

function randomRichPattern(r: () => number): unknown {
  const branch = (): Record<string, unknown> => {
    const p: Record<string, unknown> = {};
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      const path = PATHS[Math.floor(r() * PATHS.length)]!;
      const values = Array.from({ length: 1 + Math.floor(r() * 2) }, () => randomValuePattern(r));
      if (path.length === 1) p[path[0]] = values;
      else {
        const inner = (p[path[0]] ??= {}) as Record<string, unknown>;
        inner[path[1]] = values;
      }
    }
    return p;
  };
  const p = branch();
  if (r() < 0.25) p['$or'] = [branch(), r() < 0.3 ? { $or: [branch(), branch()] } : branch()];
  if (r() < 0.5) p['source'] = [SOURCES[Math.floor(r() * SOURCES.length)]!];
  return p;
}

function randomLeaf(r: () => number): unknown {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  return pick(['abc', 'ABC', 'abd', 'xbc', '', 'a', 'Ab', 'aXc', '10.0.0.1', '10.0.0.7', '10.0.1.1', 0, 1, 2, 2.5, -1, 100, -5, null, true, false]);
}

function randomRichEvent(r: () => number, i: number): Record<string, unknown> {
  const value = (): unknown => {
    const k = r();
    if (k < 0.6) return randomLeaf(r);
    if (k < 0.8) return [randomLeaf(r), randomLeaf(r)];
    if (k < 0.9) return [];
    return { nested: randomLeaf(r) };
  };
  const e: Record<string, unknown> = {
    version: '0', id: String(i), 'detail-type': TYPES[Math.floor(r() * TYPES.length)]!, source: SOURCES[Math.floor(r() * SOURCES.length)]!,
    account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [],
  };
  if (r() < 0.8) e['f'] = value();
  if (r() < 0.6) e['g'] = value();
  if (r() < 0.7) e['o'] = r() < 0.1 ? 'flat' : { ...(r() < 0.8 ? { x: value() } : {}), ...(r() < 0.6 ? { y: value() } : {}) };
  // A dotted key is the same path as the nested one ({"o.x": 1} holds 1 at "o.x").
  if (r() < 0.15) e['o.x'] = value();
  if (r() < 0.6) {
    e['arr'] = Array.from({ length: Math.floor(r() * 3) }, () => ({ ...(r() < 0.8 ? { x: randomLeaf(r) } : {}), ...(r() < 0.8 ? { y: randomLeaf(r) } : {}) }));
  }
  return e;
}

type TestRule = IndexedRule & { json: string };

function check(seed: number, makePattern: (r: () => number) => unknown, makeEvent: (r: () => number, i: number) => Record<string, unknown>, opts: { rules: number; events: number; minMatched: number; sparse: boolean }): void {
  const r = rng(seed);
  const index = new RuleIndex<TestRule>();
  let rules: TestRule[] = [];
  for (let i = 0; i < opts.rules; i++) {
    const json = JSON.stringify(makePattern(r));
    const rule = { seq: i, json, matcher: compileEventPattern(json) };
    rules.push(rule);
    index.add(rule, json);
  }
  // remove a third, re-add some with a new pattern (PutRule update), add a few more
  for (const rule of rules.filter((_, i) => i % 3 === 0)) index.remove(rule);
  rules = rules.filter((_, i) => i % 3 !== 0);
  for (const rule of rules.filter((_, i) => i % 5 === 0)) {
    rule.json = JSON.stringify(makePattern(r));
    (rule as { matcher: IndexedRule['matcher'] }).matcher = compileEventPattern(rule.json);
    index.add(rule, rule.json);
  }
  for (let i = 0; i < 20; i++) {
    const json = JSON.stringify(makePattern(r));
    const rule = { seq: opts.rules + i, json, matcher: compileEventPattern(json) };
    rules.push(rule);
    index.add(rule, json);
  }
  assert.equal(index.size, rules.length);
  let matched = 0;
  let candidates = 0;
  for (let i = 0; i < opts.events; i++) {
    const event = makeEvent(r, i);
    const linear = rules.filter((x) => x.matcher.matches(event)).map((x) => x.seq);
    const indexed = index.match(event).map((x) => x.seq);
    assert.deepEqual(indexed, linear, `event ${JSON.stringify(event)}`);
    matched += linear.length;
    candidates += index.candidates(event).length;
  }
  assert.ok(matched > opts.minMatched, `enough matches to be meaningful (${matched})`);
  if (opts.sparse) assert.ok(candidates < (rules.length * opts.events) / 2, `the index prunes (${candidates} candidates)`);
  // Removing everything leaves an empty index that matches nothing.
  for (const rule of rules) index.remove(rule);
  assert.equal(index.size, 0);
  assert.deepEqual(index.match(makeEvent(r, 0)), []);
}

describe('rule index', () => {
  it('anchors each branch on its most selective indexable condition, or sends it to the residual list', () => {
    const index = new RuleIndex<TestRule>();
    assert.deepEqual(index.explain('{"source":["a"],"detail-type":["X"]}'), ['source exact']);
    assert.deepEqual(index.explain('{"source":["a","b"],"detail-type":["X"]}'), ['detail-type exact']);
    assert.deepEqual(index.explain('{"source":[{"prefix":"a"}],"detail-type":["X"]}'), ['detail-type exact']);
    assert.deepEqual(index.explain('{"source":["a", null]}'), ['source exact']);
    assert.deepEqual(index.explain('{"detail":{"source":["a"]}}'), ['detail.source exact']);
    assert.deepEqual(index.explain('{"source":[{"anything-but":"a"}],"detail":{"x":[{"exists":false}]}}'), ['residual']);
    assert.deepEqual(index.explain('{"source":[{"anything-but":"a"}],"detail":{"x":[{"exists":true}]}}'), ['detail.x exists']);
    assert.deepEqual(index.explain('{"source":[{"wildcard":"com.*"}]}'), ['source prefix']);
    assert.deepEqual(index.explain('{"source":[{"wildcard":"*.png"}]}'), ['source suffix']);
    assert.deepEqual(index.explain('{"source":[{"wildcard":"*x*"}]}'), ['residual']);
    assert.deepEqual(index.explain('{"ip":["10.0.0.1"]}'), ['residual']);
    assert.deepEqual(index.explain('{"ip":[{"cidr":"10.0.0.0/24"}],"n":[{"numeric":[">",1]}]}'), ['n numeric']);
    assert.deepEqual(index.explain('{"source":["a"],"$or":[{"detail-type":["X"]},{"detail":{"n":[{"numeric":[">",1]}]}}]}'), ['source exact', 'source exact']);
    assert.deepEqual(index.explain('{"a":[{"equals-ignore-case":"X"},{"prefix":{"equals-ignore-case":"y"}}]}'), ['a eic+prefix']);
  });

  it('prefers the path with more distinct exact values', () => {
    const index = new RuleIndex<TestRule>();
    let seq = 0;
    for (const s of ['s1', 's2', 's3', 's4']) {
      const json = JSON.stringify({ 'detail-type': ['T'], source: [s] });
      index.add({ seq: seq++, json, matcher: compileEventPattern(json) }, json);
    }
    assert.deepEqual(index.explain('{"detail-type":["T"],"source":["s9"]}'), ['source exact']);
  });

  it('shares identical conditions and branches across rules', () => {
    const index = new RuleIndex<TestRule>();
    const json = '{"source":[{"wildcard":"com.*"}],"detail":{"n":[{"numeric":[">",5]}]}}';
    const rules = [0, 1, 2].map((seq) => ({ seq, json, matcher: compileEventPattern(json) }));
    for (const rule of rules) index.add(rule, json);
    const event = { source: 'com.x', 'detail-type': 'T', detail: { n: 6 } };
    assert.deepEqual(index.match(event).map((x) => x.seq), [0, 1, 2]);
    index.remove(rules[1]!);
    assert.deepEqual(index.match(event).map((x) => x.seq), [0, 2]);
    assert.deepEqual(index.match({ ...event, detail: { n: 5 } }), []);
  });

  it('returns exactly the rules a linear scan would, in creation order (randomized, with removals)', () => {
    check(20260101, randomPattern, (r, i) => ({
      version: '0', id: String(i), 'detail-type': TYPES[Math.floor(r() * TYPES.length)]!, source: SOURCES[Math.floor(r() * SOURCES.length)]!,
      account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [],
      detail: { n: Math.floor(r() * 12), tag: ['a', 'b', 'c', 'd'][Math.floor(r() * 4)] },
    }), { rules: 600, events: 2000, minMatched: 1000, sparse: true });
  });

  it('agrees with a linear scan on every operator, nested paths, $or, nulls and arrays of objects (randomized)', () => {
    for (const seed of [1, 2, 3]) {
      check(seed, randomRichPattern, randomRichEvent, { rules: 400, events: 1500, minMatched: 2000, sparse: false });
    }
  });
});
