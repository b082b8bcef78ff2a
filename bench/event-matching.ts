/**
 * EventBridge rule matching in process (no delivery): events/s through the bus engine's rule
 * index with 10, 1,000 and 10,000 mixed rules, against a baseline of the same compiled matchers
 * run as a linear scan over every rule (what an emulator without an index does).
 *
 * Rules: ~85% name an exact source (200 sources) and mostly an exact detail-type (20 types), with
 * detail conditions using numeric ranges, prefix, anything-but, exists, equals-ignore-case,
 * wildcard and $or; ~15% have no exact source (prefix/wildcard source, or detail only). The
 * index hangs those on a detail-type value or on the literal prefix of the source prefix/wildcard.
 * Note the mix's output grows with the rule count: the 5% wildcard-source rules (identical) match
 * about half of all events, so at 10,000 rules an event matches ~264 rules, and any matcher pays
 * at least that output per event.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FakeTime } from '../src/core/fake-time.js';
import { BusEngine, type BusEvent, type EventMatcher } from '../src/engines/bus/index.js';
import { compileEventPattern } from '../src/engines/filter/index.js';

const SCOPE = { account: '000000000000', region: 'us-east-1' };

/**
 * The rule/event vocabulary. `mixed` (the headline rows): 200 sources whatever the rule count,
 * so matches per event grow with it. `scaled` (the flatness rows): sources and detail-types
 * grow with the rule count (rules/10 and rules/50, at least 10 and 20) and the prefix/wildcard rules name one source each, so matches
 * per event stay about constant and the rows show the index's cost, not the output's.
 */
interface Vocabulary {
  sources: string[];
  types: string[];
  prefixSource(pick: <T>(a: readonly T[]) => T): string;
  wildcardSource(pick: <T>(a: readonly T[]) => T): string;
}

function vocabulary(size: number, scaled: boolean): Vocabulary {
  if (!scaled) {
    return {
      sources: Array.from({ length: 200 }, (_, i) => `com.example.svc${i}`),
      types: Array.from({ length: 20 }, (_, i) => `Thing ${i} Changed`),
      prefixSource: () => 'com.example.svc1',
      wildcardSource: () => 'com.example.*',
    };
  }
  const sources = Array.from({ length: Math.max(10, Math.floor(size / 10)) }, (_, i) => `com.example.svc${i}.v1`);
  return {
    sources,
    types: Array.from({ length: Math.max(20, Math.floor(size / 50)) }, (_, i) => `Thing ${i} Changed`),
    prefixSource: (pick) => pick(sources).slice(0, -2),
    wildcardSource: (pick) => `${pick(sources).slice(0, -2)}.*`,
  };
}

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pattern(r: () => number, v: Vocabulary): unknown {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const SOURCES = v.sources;
  const TYPES = v.types;
  const detail = [
    { amount: [{ numeric: ['>', Math.floor(r() * 100), '<=', 1000] }] },
    { state: [{ prefix: pick(['run', 'stop', 'pend']) }] },
    { state: [{ 'anything-but': ['terminated', 'stopped'] }] },
    { customer: { tier: [{ exists: true }] } },
    { region: [{ 'equals-ignore-case': pick(['EU', 'US', 'APAC']) }] },
    { file: [{ wildcard: '*/images/*.png' }] },
    { ip: [{ cidr: '10.0.0.0/16' }] },
  ][Math.floor(r() * 7)];
  const k = r();
  if (k < 0.7) return { source: [pick(SOURCES)], 'detail-type': [pick(TYPES)], detail };
  if (k < 0.8) return { source: [pick(SOURCES)], detail };
  if (k < 0.85) return { source: [pick(SOURCES)], $or: [{ 'detail-type': [pick(TYPES)] }, { detail }] };
  if (k < 0.9) return { source: [{ prefix: v.prefixSource(pick) }], 'detail-type': [pick(TYPES)], detail };
  if (k < 0.95) return { 'detail-type': [pick(TYPES)], detail };
  return { source: [{ wildcard: v.wildcardSource(pick) }], detail: { amount: [{ numeric: ['>', 999] }] } };
}

function events(r: () => number, n: number, v: Vocabulary): BusEvent[] {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const SOURCES = v.sources;
  const TYPES = v.types;
  return Array.from({ length: n }, (_, i) => ({
    version: '0', id: String(i), 'detail-type': pick(TYPES), source: pick(SOURCES), account: SCOPE.account,
    time: '2026-01-01T00:00:00Z', region: SCOPE.region, resources: [],
    detail: {
      amount: Math.floor(r() * 2000), state: pick(['running', 'stopped', 'pending', 'terminated']), region: pick(['eu', 'us', 'apac']),
      customer: r() < 0.5 ? { tier: 'gold', id: 'c-1' } : { id: 'c-2' }, file: pick(['a/images/x.png', 'b/docs/y.pdf']), ip: pick(['10.0.3.4', '192.168.1.1']),
      items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }],
    },
  }));
}

export interface MatchingResult {
  rules: number;
  eventsPerSecond: number;
  linearEventsPerSecond: number;
  matchesPerEvent: number;
}

/** The rule patterns (JSON) and events the bench uses for one size (deterministic). */
export function matchingFixture(size: number, scaled = false): { patterns: string[]; events: BusEvent[] } {
  const r = rng(size);
  const v = vocabulary(size, scaled);
  const patterns = Array.from({ length: size }, () => JSON.stringify(pattern(r, v)));
  return { patterns, events: events(r, 2_000, v) };
}

/**
 * A full garbage collection between building the rules and timing the matching, so the garbage
 * left by compiling 10,000 rules is not collected (and counted) inside the matching rounds.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export function benchEventMatching(sizes: number[] = [10, 1_000, 10_000], opts: { linear?: boolean; scaled?: boolean } = {}): MatchingResult[] {
  const out: MatchingResult[] = [];
  for (const size of sizes) {
    const fixture = matchingFixture(size, opts.scaled);
    const time = new FakeTime();
    const engine = new BusEngine({ clock: time.clock, scheduler: time.scheduler });
    const bus = engine.requireBus(SCOPE, 'default');
    const matchers: EventMatcher[] = [];
    for (const [i, json] of fixture.patterns.entries()) {
      const eventPattern = { json, matcher: compileEventPattern(json) };
      matchers.push(eventPattern.matcher);
      engine.putRule(bus, `rule-${i}`, { eventPattern }, SCOPE.account);
    }
    const evs = fixture.events;
    const timeIt = (fn: (e: BusEvent) => number, minMs = 400) => {
      let n = 0;
      let matched = 0;
      const t0 = performance.now();
      do {
        for (const e of evs) {
          matched += fn(e);
          n++;
        }
      } while (performance.now() - t0 < minMs);
      return { perSecond: (n * 1000) / (performance.now() - t0), perEvent: matched / n };
    };
    timeIt((e) => engine.matchingRules(bus, e).length, 100); // warm-up
    collectGarbage();
    const indexed = timeIt((e) => engine.matchingRules(bus, e).length);
    const linear = opts.linear === false ? { perSecond: NaN } : timeIt((e) => {
      let m = 0;
      for (const x of matchers) if (x.matches(e)) m++;
      return m;
    });
    out.push({ rules: size, eventsPerSecond: indexed.perSecond, linearEventsPerSecond: linear.perSecond, matchesPerEvent: indexed.perEvent });
  }
  return out;
}
