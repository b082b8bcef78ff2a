/**
 * The rule index's fast paths (refinement of exact anchors by a second exact path, the merge of
 * matched branches into creation order, the engine handing the index's result over when no rule
 * is disabled) against a linear scan and against the enabled/disabled bookkeeping.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileEventPattern } from '../../../src/engines/filter/index.js';
import { RuleIndex, type BusEvent, type IndexedRule } from '../../../src/engines/bus/index.js';
import { pattern, SCOPE, setup } from './fixtures.js';

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type TestRule = IndexedRule & { json: string };

/** Values that look alike but are not equal to the matcher (types, case, -0/0, null). */
const VALUES: unknown[] = ['1', 1, -0, 0, 'a', 'A', null, true, 'false', false, 2.5, 'x.y'];

describe('rule index fast paths', () => {
  it('refined exact anchors (source + second exact path) give a linear scan\'s answers through adds, updates and removals', () => {
    const r = rng(7);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
    const sources = ['s1', 's2', 's3'];
    const make = (): unknown => {
      const p: Record<string, unknown> = { source: r() < 0.8 ? [pick(sources)] : [pick(sources), pick(sources)] };
      const k = r();
      // A second exact path: detail-type, a detail key (values of every type), or both; sometimes several values.
      if (k < 0.4) p['detail-type'] = r() < 0.7 ? [pick(['T1', 'T2', 'T3', 'T4'])] : [pick(['T1', 'T2']), pick(['T3', 'T4'])];
      else if (k < 0.8) p['detail'] = { v: r() < 0.7 ? [pick(VALUES)] : [pick(VALUES), pick(VALUES)] };
      else {
        p['detail-type'] = [pick(['T1', 'T2', 'T3', 'T4'])];
        p['detail'] = { v: [pick(VALUES)], w: [{ numeric: ['>', 0] }] };
      }
      if (r() < 0.1) p['$or'] = [{ detail: { v: [pick(VALUES)] } }, { 'detail-type': ['T1'] }];
      return p;
    };
    const event = (i: number): Record<string, unknown> => {
      const v = r() < 0.2 ? [pick(VALUES), pick(VALUES)] : r() < 0.1 ? [{ no: 1 }] : pick(VALUES);
      const detail: Record<string, unknown> = { v, w: pick([0, 1, 5]) };
      const e: Record<string, unknown> = { id: String(i), source: pick(sources), 'detail-type': pick(['T1', 'T2', 'T3', 'T4']), detail };
      // The same path through a dotted key.
      if (r() < 0.1) e['detail.v'] = pick(VALUES);
      return e;
    };
    const index = new RuleIndex<TestRule>();
    let rules: TestRule[] = [];
    let seq = 0;
    const add = () => {
      const json = JSON.stringify(make());
      const rule = { seq: seq++, json, matcher: compileEventPattern(json) };
      rules.push(rule);
      index.add(rule, json);
    };
    const verify = (n: number) => {
      for (let i = 0; i < n; i++) {
        const e = event(i);
        const linear = rules.filter((x) => x.matcher.matches(e)).map((x) => x.seq);
        assert.deepEqual(index.match(e).map((x) => x.seq), linear, JSON.stringify(e));
      }
    };
    for (let i = 0; i < 300; i++) add();
    verify(300);
    // Remove half, update some in place, add more; then all.
    for (const rule of rules.filter((_, i) => i % 2 === 0)) index.remove(rule);
    rules = rules.filter((_, i) => i % 2 !== 0);
    for (const rule of rules.filter((_, i) => i % 4 === 0)) {
      rule.json = JSON.stringify(make());
      (rule as { matcher: IndexedRule['matcher'] }).matcher = compileEventPattern(rule.json);
      index.add(rule, rule.json);
    }
    for (let i = 0; i < 100; i++) add();
    verify(300);
    for (const rule of rules) index.remove(rule);
    rules = [];
    verify(20);
    for (let i = 0; i < 50; i++) add();
    verify(100);
  });

  it('evaluates only the rules of the event\'s (source, detail-type) pair among many rules of one source', () => {
    const index = new RuleIndex<TestRule>();
    for (let i = 0; i < 400; i++) {
      const json = JSON.stringify({ source: ['shop'], 'detail-type': [`T${i}`] });
      index.add({ seq: i, json, matcher: compileEventPattern(json) }, json);
    }
    const e = { source: 'shop', 'detail-type': 'T7' };
    assert.deepEqual(index.match(e).map((x) => x.seq), [7]);
    assert.deepEqual(index.candidates(e).map((x) => x.seq), [7]);
    // The other way round (many sources, one detail-type): the same.
    const other = new RuleIndex<TestRule>();
    for (let i = 0; i < 400; i++) {
      const json = JSON.stringify({ source: [`s${i}`], 'detail-type': ['T'] });
      other.add({ seq: i, json, matcher: compileEventPattern(json) }, json);
    }
    assert.deepEqual(other.candidates({ source: 's9', 'detail-type': 'T' }).map((x) => x.seq), [9]);
    assert.deepEqual(other.candidates({ source: 's9', 'detail-type': 'U' }), []);
  });

  it('merges one large branch (identical rules) with other matches in creation order, without repeats', () => {
    const index = new RuleIndex<TestRule>();
    const all: TestRule[] = [];
    for (let i = 0; i < 500; i++) {
      const p = i % 7 === 0 ? { source: [{ prefix: 'com.' }] } : i % 11 === 0 ? { $or: [{ source: ['com.a'] }, { detail: { n: [1] } }] } : { source: ['com.b'] };
      const json = JSON.stringify(p);
      const rule = { seq: i, json, matcher: compileEventPattern(json) };
      all.push(rule);
      index.add(rule, json);
    }
    for (const e of [{ source: 'com.a', detail: { n: 1 } }, { source: 'com.b', detail: { n: 1 } }, { source: 'com.c' }, { source: 'x' }]) {
      assert.deepEqual(index.match(e).map((x) => x.seq), all.filter((x) => x.matcher.matches(e)).map((x) => x.seq));
    }
  });
});

describe('bus engine: matching with disabled rules', () => {
  it('leaves out disabled rules however their state changes, and after a disabled rule is deleted', () => {
    const { engine } = setup();
    const bus = engine.requireBus(SCOPE, 'default');
    const e: BusEvent = { version: '0', id: '1', 'detail-type': 'x', source: 'shop', account: SCOPE.account, time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: {} };
    const names = () => engine.matchingRules(bus, e).map((r) => r.name);
    const a = engine.putRule(bus, 'a', { eventPattern: pattern({ source: ['shop'] }) }, SCOPE.account);
    engine.putRule(bus, 'b', { eventPattern: pattern({ source: ['shop'] }), state: 'DISABLED' }, SCOPE.account);
    engine.putRule(bus, 'c', { eventPattern: pattern({ source: ['shop'] }) }, SCOPE.account);
    assert.deepEqual(names(), ['a', 'c']);
    engine.setRuleState(a, 'DISABLED');
    engine.setRuleState(a, 'DISABLED');
    assert.deepEqual(names(), ['c']);
    engine.setRuleState(a, 'ENABLED');
    assert.deepEqual(names(), ['a', 'c']);
    // PutRule without a state enables; with DISABLED disables again.
    engine.putRule(bus, 'b', { eventPattern: pattern({ source: ['shop'] }) }, SCOPE.account);
    assert.deepEqual(names(), ['a', 'b', 'c']);
    engine.putRule(bus, 'c', { eventPattern: pattern({ source: ['shop'] }), state: 'DISABLED' }, SCOPE.account);
    assert.deepEqual(names(), ['a', 'b']);
    engine.deleteRule(bus, 'c');
    assert.deepEqual(names(), ['a', 'b']);
    engine.putRule(bus, 'c', { eventPattern: pattern({ source: ['shop'] }) }, SCOPE.account);
    assert.deepEqual(names(), ['a', 'b', 'c']);
    assert.equal(bus.disabledRules.count, 0);
  });
});
