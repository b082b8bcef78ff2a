/**
 * The JSON parser's limits: nesting depth (checked on the raw bytes before JSON.parse), null
 * list items, timestamps outside JavaScript's date range, bounded value texts in errors, and
 * `__proto__` as an ordinary map key. The query parser's counterparts where they exist.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError, eventsModel, sqsModel, snsModel } from '../../protocols/index.js';
import { boundedJson, MAX_JSON_DEPTH, parseJsonBody } from '../../protocols/json/parse.js';
import { formParams, parseQueryParams } from '../../protocols/query/parse.js';
import { compiledOperation } from '../../protocols/operations.js';
import type { ServiceModel } from '../../protocols/index.js';

const input = (model: ServiceModel, op: string) => compiledOperation(model, op)!.input;

function error(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  assert.fail('expected an AwsError');
}

describe('JSON nesting depth', () => {
  const nested = (d: number, inner = '') => '['.repeat(d) + inner + ']'.repeat(d);
  it(`${MAX_JSON_DEPTH} levels are read; one more is a SerializationException before parsing`, () => {
    const ok = error(() => parseJsonBody(sqsModel, input(sqsModel, 'SendMessage'), `{"QueueUrl":"u","MessageBody":${nested(MAX_JSON_DEPTH - 1)}}`));
    assert.equal(ok.code, 'InvalidParameterValueException'); // read, then the member type is wrong
    const e = error(() => parseJsonBody(sqsModel, input(sqsModel, 'SendMessage'), `{"QueueUrl":"u","MessageBody":${nested(MAX_JSON_DEPTH)}}`));
    assert.deepEqual([e.code, e.status, e.message], ['SerializationException', 400, 'Document nesting depth (1001) exceeds the maximum allowed (1000).']);
  });

  it('brackets inside strings (escaped quotes included) do not count', () => {
    const body = JSON.stringify({ QueueUrl: 'u', MessageBody: `\\"${'['.repeat(5000)}` });
    assert.equal(parseJsonBody(sqsModel, input(sqsModel, 'SendMessage'), Buffer.from(body)).MessageBody, `\\"${'['.repeat(5000)}`);
  });

  it('a 16 MB body of brackets is refused without building it', () => {
    const n = 8 * 1024 * 1024;
    const body = Buffer.from(nested(n));
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    assert.equal(error(() => parseJsonBody(eventsModel, input(eventsModel, 'PutEvents'), body)).code, 'SerializationException');
    assert.ok(performance.now() - t0 < 500, 'fast');
    assert.ok(process.memoryUsage().heapUsed - before < 16 * 1024 * 1024, 'no tree built');
  });
});

describe('JSON members', () => {
  it('a null list item is a SerializationException naming the item', () => {
    const e = error(() => parseJsonBody(eventsModel, input(eventsModel, 'PutEvents'), '{"Entries":[{"Source":"a","DetailType":"b","Detail":"{}"},null]}'));
    assert.deepEqual([e.code, e.message], ['SerializationException', 'Null value in a list is not allowed (Entries.2).']);
  });

  for (const time of [1e300, -1e300, 8.64e12 + 1, '+275760-09-14T00:00:01Z', 'not a date']) {
    it(`timestamp ${time} is an invalid value`, () => {
      const e = error(() => parseJsonBody(eventsModel, input(eventsModel, 'PutEvents'), JSON.stringify({ Entries: [{ Time: time }] })));
      assert.deepEqual([e.code, e.message], ['SerializationException', 'Unexpected value for Entries.1.Time']);
    });
  }

  it('a wrong value is quoted at most 256 characters long, however deep or large', () => {
    const e = error(() => parseJsonBody(sqsModel, input(sqsModel, 'SendMessage'), JSON.stringify({ QueueUrl: 'u', MessageBody: { a: 'x'.repeat(100_000) } })));
    assert.equal(e.message, `Value {"a":"${'x'.repeat(250)}... for parameter MessageBody is invalid. Reason: Must be of the expected type.`);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(boundedJson(deep, 10), '[[[[[[[[[[...');
    assert.equal(boundedJson({ a: [1, 'b', null, true], c: {} }), '{"a":[1,"b",null,true],"c":{}}');
  });

  it('__proto__ is an ordinary map key', () => {
    const parsed = parseJsonBody(sqsModel, input(sqsModel, 'TagQueue'), '{"QueueUrl":"u","Tags":{"__proto__":"v","toString":"w"}}');
    const tags = parsed.Tags as Record<string, string>;
    assert.deepEqual(Object.keys(tags), ['__proto__', 'toString']);
    assert.equal(tags['__proto__'], 'v');
  });
});

describe('query members', () => {
  const query = (model: ServiceModel, op: string, form: string) => parseQueryParams(model, input(model, op), formParams(form));

  it('a list item with sub-keys but no value is a missing parameter', () => {
    const e = error(() => query(sqsModel, 'ReceiveMessage', 'QueueUrl=u&MessageAttributeName.1.x=z'));
    assert.deepEqual([e.queryCode, e.message], ['MissingParameter', 'The request must contain the parameter MessageAttributeName.1.']);
  });

  it('an infinite number is an invalid value', () => {
    const e = error(() => query(sqsModel, 'ReceiveMessage', 'QueueUrl=u&MaxNumberOfMessages=1e400'));
    assert.equal(e.queryCode, 'InvalidParameterValue');
  });

  it('__proto__ is an ordinary map key', () => {
    const parsed = query(snsModel, 'Publish', 'Message=m&MessageAttributes.entry.1.Name=__proto__&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=p');
    assert.deepEqual(Object.keys(parsed.MessageAttributes as object), ['__proto__']);
  });
});
