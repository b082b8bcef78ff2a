import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkedMap } from '../../src/core/linked-map.js';

test('keeps insertion order; set on an existing key keeps its place', () => {
  const m = new LinkedMap<string, number>();
  m.set('a', 1).set('b', 2).set('c', 3).set('a', 10);
  assert.deepEqual([...m.values()], [10, 2, 3]);
  assert.equal(m.first(), 10);
  assert.equal(m.firstKey(), 'a');
  assert.equal(m.size, 3);
});

test('delete anywhere, first() follows', () => {
  const m = new LinkedMap<string, number>();
  for (const [k, v] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const) m.set(k, v);
  assert.equal(m.delete('b'), true);
  assert.equal(m.delete('b'), false);
  assert.deepEqual([...m.values()], [1, 3, 4]);
  m.delete('a');
  assert.equal(m.first(), 3);
  m.delete('d');
  m.delete('c');
  assert.equal(m.first(), undefined);
  assert.equal(m.size, 0);
  m.set('e', 5);
  assert.deepEqual([...m.values()], [5]);
});

test('deleting while iterating (the yielded entry and the next ones) continues in order', () => {
  const m = new LinkedMap<number, number>();
  for (let i = 0; i < 6; i++) m.set(i, i);
  const seen: number[] = [];
  for (const v of m.values()) {
    seen.push(v);
    m.delete(v);
    if (v === 1) {
      m.delete(2);
      m.delete(3);
    }
  }
  assert.deepEqual(seen, [0, 1, 4, 5]);
  assert.equal(m.size, 0);
});

test('draining from the front yields every entry once, in order', () => {
  const n = 50_000;
  const m = new LinkedMap<number, number>();
  for (let i = 0; i < n; i++) m.set(i, i);
  let expected = 0;
  while (m.size) {
    const k = m.firstKey()!;
    assert.equal(k, expected++);
    m.delete(k);
  }
  assert.equal(expected, n);
});
