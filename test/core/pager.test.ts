/** The shared pager: each service's token format stays as it was on the wire. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { base64urlKeyTokens, jsonAfterTokens, offsetTokens, pageAfterKey, pageByOffset } from '../../src/core/pager.js';

const invalid = (): Error => new Error('invalid');
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('core pager', () => {
  it('offset tokens: base64 of prefix + offset, slices and stops', () => {
    const sfn = offsetTokens({ prefix: 'sfn:', syntax: 'digits' });
    const first = pageByOffset([1, 2, 3, 4, 5], undefined, 2, sfn, invalid);
    assert.deepEqual(first, { items: [1, 2], nextToken: b64('sfn:2') });
    assert.deepEqual(pageByOffset([1, 2, 3, 4, 5], b64('sfn:4'), 2, sfn, invalid), { items: [5], nextToken: undefined });
    assert.throws(() => pageByOffset([1], b64('4'), 2, sfn, invalid), /invalid/);
  });
  it('offset syntaxes: digits only, safe integers only, or any non-negative JS number', () => {
    assert.equal(offsetTokens({ syntax: 'safe-digits' }).decode(b64('99999999999999999999')), undefined);
    assert.equal(offsetTokens({ syntax: 'digits' }).decode(b64('99999999999999999999')), 1e20);
    assert.equal(offsetTokens({ syntax: 'digits' }).decode(b64('1e2')), undefined);
    assert.equal(offsetTokens({ syntax: 'number' }).decode(b64('1e2')), 100);
    assert.equal(offsetTokens({ syntax: 'number' }).decode(b64('-1')), undefined);
  });
  it('key tokens resume after the named key', () => {
    const names = ['a', 'b', 'c'];
    const p = pageAfterKey(names, (n) => n, undefined, 2, jsonAfterTokens, invalid);
    assert.deepEqual(p, { items: ['a', 'b'], nextToken: b64('{"after":"b"}') });
    assert.deepEqual(pageAfterKey(names, (n) => n, p.nextToken, 2, jsonAfterTokens, invalid), { items: ['c'], nextToken: undefined });
    assert.throws(() => pageAfterKey(names, (n) => n, 'bm90IGpzb24=', 2, jsonAfterTokens, invalid), /invalid/);
  });
  it('base64url key tokens accept only their canonical form', () => {
    assert.equal(base64urlKeyTokens.decode(base64urlKeyTokens.encode('arn:x/y')), 'arn:x/y');
    assert.equal(base64urlKeyTokens.decode(`${base64urlKeyTokens.encode('arn:x/y')}=`), undefined);
  });
});
