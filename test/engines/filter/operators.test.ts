import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilterPolicyError } from '../../../src/engines/filter/errors.js';
import { readJson, type JsonNode } from '../../../src/core/json-reader.js';
import { ipInRange, parseCidr, parseIp } from '../../../src/engines/filter/operators/cidr.js';
import { inRange, parseNumericExpression } from '../../../src/engines/filter/operators/numeric.js';
import { matchWildcard, parseWildcard } from '../../../src/engines/filter/operators/wildcard.js';

const items = (json: string): JsonNode[] => {
  const node = readJson(json);
  assert.equal(node.kind, 'array');
  return node.kind === 'array' ? node.items : [];
};
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof FilterPolicyError);
    return e.message;
  }
  assert.fail('expected a FilterPolicyError');
};

describe('cidr', () => {
  it('computes the first and last address of a block', () => {
    const r = parseCidr('10.0.0.0/24');
    assert.equal(r.family, 4);
    assert.equal(r.low, 0x0a000000n);
    assert.equal(r.high, 0x0a0000ffn);
  });

  it('masks host bits of the written address', () => {
    const r = parseCidr('10.1.2.3/8');
    assert.equal(r.low, 0x0a000000n);
    assert.equal(r.high, 0x0affffffn);
  });

  it('reads IPv6 with :: in any position, and IPv4-mapped addresses as IPv4', () => {
    assert.equal(parseIp('::1')?.value, 1n);
    assert.equal(parseIp('2001:db8::')?.value, 0x20010db8n << 96n);
    assert.equal(parseIp('1:2:3:4:5:6:7:8')?.value, 0x00010002000300040005000600070008n);
    assert.deepEqual(parseIp('::ffff:0a00:0001'), { family: 4, value: 0x0a000001n });
    const r = parseCidr('2001:db8:1234:1a00::/64');
    assert.ok(ipInRange(r, parseIp('2001:db8:1234:1a00:ffff:ffff:ffff:ffff') ?? assert.fail()));
    assert.ok(!ipInRange(r, parseIp('2001:db8:1234:1a01::') ?? assert.fail()));
  });

  it('rejects texts that are not addresses', () => {
    for (const text of ['10.0.0', '10.0.0.256', '1:2:3', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', 'example.com', '']) {
      assert.equal(parseIp(text), null, text);
    }
  });

  it('splits like Java: a trailing slash is dropped, a leading one is not', () => {
    assert.equal(parseCidr('10.0.0.0/8/').high, 0x0affffffn);
    assert.equal(reason(() => parseCidr('/8')), 'Nonstandard IP address: ');
    assert.equal(reason(() => parseCidr('/')), "Malformed CIDR, one '/' required");
  });

  it('accepts a signed mask as Integer.parseInt does', () => {
    assert.equal(parseCidr('10.0.0.0/+8').high, 0x0affffffn);
    assert.equal(reason(() => parseCidr('10.0.0.0/8.0')), 'Malformed CIDR, mask bits must be an integer');
  });
});

describe('numeric expressions', () => {
  it('builds open and closed ends', () => {
    const r = parseNumericExpression(items('[">", 0, "<=", 5]'));
    assert.deepEqual([inRange(r, 0), inRange(r, 0.000001), inRange(r, 5), inRange(r, 5.000001)], [false, true, true, false]);
    const eq = parseNumericExpression(items('["=", 3.018e2]'));
    assert.deepEqual([inRange(eq, 301.8), inRange(eq, 301.81)], [true, false]);
    const lt = parseNumericExpression(items('["<", -1]'));
    assert.deepEqual([inRange(lt, -1e308), inRange(lt, -1.000001), inRange(lt, -1)], [true, true, false]);
  });

  it('refuses numbers a double cannot hold', () => {
    assert.equal(reason(() => parseNumericExpression(items('[">", 1e400]'))), 'Cannot compare number : 1e400');
  });
});

describe('wildcard', () => {
  it('matches stars anywhere, and only whole values', () => {
    const p = parseWildcard('arn:aws:events:us-east-1:*:event-bus/*');
    assert.ok(matchWildcard(p, 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus'));
    assert.ok(!matchWildcard(p, 'arn:aws:events:us-west-2:123456789012:event-bus/myEventBus'));
    assert.ok(matchWildcard(parseWildcard('*'), ''));
    assert.ok(matchWildcard(parseWildcard('a*a'), 'aa'));
    assert.ok(!matchWildcard(parseWildcard('a*a'), 'a'));
    assert.ok(matchWildcard(parseWildcard('*/dir/*'), 'x/dir/dir/y'));
    assert.ok(!matchWildcard(parseWildcard(''), 'x'));
  });

  it('reads \\* and \\\\ as literals', () => {
    const p = parseWildcard('a\\*b\\\\c*');
    assert.ok(matchWildcard(p, 'a*b\\c-and-more'));
    assert.ok(!matchWildcard(p, 'axb\\c'));
  });

  it('reports positions as event-ruler does (UTF-8 bytes, after the opening quote)', () => {
    assert.equal(reason(() => parseWildcard('arn:aws:events:us-east-1:**:event-bus/*')), 'Consecutive wildcard characters at pos 26');
    assert.equal(reason(() => parseWildcard('é\\x')), 'Invalid escape character at pos 3');
    assert.equal(reason(() => parseWildcard('a\\')), 'Invalid escape character at pos 2');
  });
});

describe('json reader', () => {
  it('keeps keys in written order, even integer-like ones, and the last of duplicate values', () => {
    const node = readJson('{"b": 1, "2": 2, "a": 3, "b": 4}');
    assert.equal(node.kind, 'object');
    if (node.kind !== 'object') return;
    assert.deepEqual(node.entries.map((e) => e.key), ['b', '2', 'a']);
    const first = node.entries[0]?.value;
    assert.deepEqual(first, { kind: 'number', value: 4, text: '4' });
  });

  it('keeps the literal text of numbers', () => {
    assert.deepEqual(readJson('-1.50E+2'), { kind: 'number', value: -150, text: '-1.50E+2' });
  });

  it('counts lines and columns from 1, across \\r\\n', () => {
    try {
      readJson('{\r\n"a": [\r\n  ?]}');
      assert.fail('expected a syntax error');
    } catch (e) {
      assert.ok(e instanceof Error && 'line' in e && 'column' in e);
      assert.deepEqual([e.line, e.column], [3, 3]);
      assert.match(e.message, /^Unexpected character \('\?' \(code 63\)\): expected a valid value/);
    }
  });

  it('refuses control characters inside strings and unknown escapes', () => {
    assert.throws(() => readJson('["a\nb"]'), /Illegal unquoted character \(\(CTRL-CHAR, code 10\)\): has to be escaped using backslash to be included in string value/);
    assert.throws(() => readJson('["\\x"]'), /Unrecognized character escape 'x' \(code 120\)/);
    assert.throws(() => readJson('["\\u12g4"]'), /expected a hex-digit for character escape sequence/);
    assert.throws(() => readJson('"abc'), /Unexpected end-of-input: was expecting closing quote for a string value/);
  });
});
