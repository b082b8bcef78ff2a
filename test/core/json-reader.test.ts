/** The shared Jackson-style reader: the two wordings its callers quote. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFINITION_JSON, JsonSyntaxError, readJson, type JsonReaderOptions } from '../../src/core/json-reader.js';

function error(text: string, options?: JsonReaderOptions): string {
  try {
    readJson(text, options);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return `${e.message} @${e.line}:${e.column}`;
    throw e;
  }
  return 'no error';
}

describe('core json reader', () => {
  it('keeps key order, number text and the last value of a duplicate key', () => {
    assert.deepEqual(readJson('{"2":1.50,"1":true,"2":null}'), {
      kind: 'object',
      entries: [{ key: '2', value: { kind: 'null' } }, { key: '1', value: { kind: 'true' } }],
    });
    assert.deepEqual(readJson('1.50 trailing'), { kind: 'number', value: 1.5, text: '1.50' });
  });
  it('filter wording (default) and definition wording differ where their callers do', () => {
    assert.equal(error('[1 2]'), "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries @1:4");
    assert.equal(error('[1 2]', DEFINITION_JSON), "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries @1:5");
    assert.equal(error('{"a":1,'), 'Unexpected end-of-input within/between Object entries @1:8');
    assert.match(error('{"a":1,', DEFINITION_JSON), /^Unexpected end-of-input: expected close marker for Object \(start marker at .*line: 1, column: 1\]\) @1:8$/);
    assert.equal(error('[1,]', DEFINITION_JSON), "Unexpected character (']' (code 93)): expected a value @1:5");
    assert.equal(error('12ab', DEFINITION_JSON), "Unrecognized token '12ab': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') @1:5");
  });
  it('refuses nesting past 1000 with Jackson\'s constraint text', () => {
    assert.match(error(`${'['.repeat(1001)}${']'.repeat(1001)}`), /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000,/);
    assert.equal(error(`${'['.repeat(1000)}${']'.repeat(1000)}`), 'no error');
  });
});
