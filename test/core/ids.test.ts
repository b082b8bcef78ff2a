/** The injected Randomness (src/core/ids.ts): the node:crypto default and the seeded one for tests. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cryptoRandomness, seededRandomness, uuidFromBytes, type Randomness } from '../../src/core/ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draw(r: Randomness): unknown[] {
  return [r.uuid(), r.random(), Array.from(r.bytes(7)), r.int(1_000_000), r.uuid(), r.random()];
}

function checkShapes(r: Randomness): void {
  for (let i = 0; i < 200; i++) {
    assert.match(r.uuid(), UUID_V4);
    const x = r.random();
    assert.ok(x >= 0 && x < 1, String(x));
    const n = r.int(10);
    assert.ok(Number.isInteger(n) && n >= 0 && n < 10, String(n));
  }
  for (const n of [0, 1, 3, 4, 5, 96]) assert.equal(r.bytes(n).length, n);
}

describe('Randomness', () => {
  it('cryptoRandomness gives v4 UUIDs, numbers in [0, 1), bytes and integers below max', () => {
    checkShapes(cryptoRandomness);
    assert.notEqual(cryptoRandomness.uuid(), cryptoRandomness.uuid());
  });

  it('seededRandomness has the same shapes', () => {
    checkShapes(seededRandomness(1));
  });

  it('the same seed gives the same sequence, another seed another one', () => {
    assert.deepEqual(draw(seededRandomness(42)), draw(seededRandomness(42)));
    assert.notDeepEqual(draw(seededRandomness(42)), draw(seededRandomness(43)));
    const r = seededRandomness(0);
    assert.notEqual(r.uuid(), r.uuid());
  });

  it('seeded values spread over their range', () => {
    const r = seededRandomness(9);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[r.int(10)]!++;
    for (const b of buckets) assert.ok(b > 800 && b < 1200, String(buckets));
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += r.random();
    assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
  });

  it('uuidFromBytes sets the version and variant bits', () => {
    assert.equal(uuidFromBytes(new Uint8Array(16).fill(0xff)), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
    assert.equal(uuidFromBytes(new Uint8Array(16)), '00000000-0000-4000-8000-000000000000');
  });

  it('int rejects a max that is not a positive safe integer', () => {
    assert.throws(() => seededRandomness(1).int(0), RangeError);
    assert.throws(() => seededRandomness(1).int(2 ** 60), RangeError);
  });
});
