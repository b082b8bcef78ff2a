/** Jackson-style JSON errors, JSONPath / intrinsic / RFC 3339 checks, Resource ARNs. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isRfc3339,
  isValidIntrinsic,
  isValidJsonPath,
  JsonSyntaxError,
  parseJson,
  parseResource,
} from '../../../src/engines/statemachine/definition/index.js';

describe('parseJson (Jackson texts)', () => {
  const src = (t: string, line: number, col: number) => `[Source: (String)"${t}"; line: ${line}, column: ${col}]`;
  const cases: [string, string][] = [
    ['not a definition', `Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at ${src('not a definition', 1, 4)}`],
    ["{'a':1}", `Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at ${src("{'a':1}", 1, 3)}`],
    ['{"a":1,}', `Unexpected character ('}' (code 125)): was expecting double-quote to start field name\n at ${src('{"a":1,}', 1, 9)}`],
    ['{"a" 1}', `Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value\n at ${src('{"a" 1}', 1, 7)}`],
    ['{"a":1 "b":2}', `Unexpected character ('"' (code 34)): was expecting comma to separate Object entries\n at ${src('{"a":1 "b":2}', 1, 9)}`],
    ['[1 2]', `Unexpected character ('2' (code 50)): was expecting comma to separate Array entries\n at ${src('[1 2]', 1, 5)}`],
    ['{"a":1', `Unexpected end-of-input: expected close marker for Object (start marker at ${src('{"a":1', 1, 1)})\n at ${src('{"a":1', 1, 7)}`],
    ['{\n  "a": tru\n}', `Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at ${src('{\n  "a": tru\n}', 2, 11)}`],
  ];
  for (const [input, message] of cases) {
    it(JSON.stringify(input), () => {
      assert.throws(
        () => parseJson(input),
        (e: unknown) => e instanceof JsonSyntaxError && e.message === message && message.endsWith(e.location),
      );
    });
  }
  it('blank text has no value', () => assert.equal(parseJson('  \n'), undefined));
  it('parses values and ignores trailing content like readTree', () => {
    assert.deepEqual(parseJson('{"a":[1,2.5e1,"x\\u0041",true,null]}'), { a: [1, 25, 'xA', true, null] });
    assert.deepEqual(parseJson('{"a":1} trailing'), { a: 1 });
  });
  it('keeps __proto__ as an own key', () => {
    const v = parseJson('{"__proto__":{"x":1}}') as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
});

describe('JSONPath / intrinsic / timestamp checks', () => {
  const paths: [string, boolean][] = [
    ['$', true],
    ['$.a.b', true],
    ["$['a b'][0]", true],
    ['$..x', true],
    ['$.a[*].b', true],
    ['$.a[?(@.b > 1)]', true],
    ['$$.Execution.Input', true],
    ['$var', true],
    ['$var.a[0]', true],
    ['$.a.length()', true],
    ['a.b', false],
    ['$.', false],
    ['$.a[', false],
    ['$ .a', false],
  ];
  for (const [p, ok] of paths) it(`path ${p}`, () => assert.equal(isValidJsonPath(p), ok));
  it('reference paths', () => {
    assert.equal(isValidJsonPath('$.a.b[0]', { reference: true }), true);
    assert.equal(isValidJsonPath('$..a', { reference: true }), false);
    assert.equal(isValidJsonPath('$.a[*]', { reference: true }), false);
  });
  const intrinsics: [string, boolean][] = [
    ["States.Format('Hello {}', $.name)", true],
    ["States.Format('a \\{\\} \\' \\\\ b')", true],
    ['States.Array(1, -2.5, true, null, $$.State.Name)', true],
    ['States.ArrayGetItem(States.Array(1,2), 0)', true],
    ['States.UUID()', true],
    ['States.Foo(1)', false],
    ["States.Format('unterminated)", false],
    ["States.Format('bad \\\" escape')", false],
    ['States.Array(1,', false],
    ['States.Array(1) x', false],
  ];
  for (const [t, ok] of intrinsics) it(`intrinsic ${t}`, () => assert.equal(isValidIntrinsic(t), ok));
  const stamps: [string, boolean][] = [
    ['2016-03-14T01:59:00Z', true],
    ['2016-03-14t01:59:00.123+05:30', true],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2016-03-14T01:59:00', false],
    ['2016-03-14 01:59:00Z', false],
  ];
  for (const [t, ok] of stamps) it(`timestamp ${t}`, () => assert.equal(isRfc3339(t), ok));
});

describe('Resource ARNs', () => {
  const cases: [string, string | null][] = [
    ['arn:aws:states:::lambda:invoke', 'service'],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', 'service'],
    ['arn:aws:states:::sqs:sendMessage', 'service'],
    ['arn:aws:states:::states:startExecution.sync:2', 'service'],
    ['arn:aws:states:::ecs:runTask.sync', 'service'],
    ['arn:aws:states:::events:putEvents', 'service'],
    ['arn:aws:states:::dynamodb:updateItem', 'service'],
    ['arn:aws:states:::http:invoke', 'service'],
    ['arn:aws:states:::aws-sdk:s3:getObject', 'aws-sdk'],
    ['arn:aws:states:::aws-sdk:emr-serverless:startJobRun', 'aws-sdk'],
    ['arn:aws:states:us-east-1:111111111111:activity:act', 'activity'],
    ['arn:aws:lambda:us-east-1:111111111111:function:fn', 'lambda'],
    ['arn:aws:lambda:us-east-1:111111111111:function:fn:$LATEST', 'lambda'],
    ['arn:aws:states:::dynamodb:query', null],
    ['arn:aws:states:::nope:doIt', null],
    ['arn:aws:s3:::bucket', null],
    ['lambda:invoke', null],
  ];
  for (const [arn, kind] of cases) it(arn, () => assert.equal(parseResource(arn)?.kind ?? null, kind));
  it('pattern suffix', () => {
    assert.equal(parseResource('arn:aws:states:::sqs:sendMessage.waitForTaskToken')?.pattern, 'waitForTaskToken');
    assert.equal(parseResource('arn:aws:states:::states:startExecution.sync:2')?.pattern, 'sync:2');
  });
});
