/**
 * Every modeled Lambda error through `serializeError` (restJson1): the status from the error
 * shape's `httpError`, `x-amzn-errortype: <Name>`, a JSON body with the message under the
 * shape's own member (`Message` or `message`) plus `"Type"`; the Lambda client raises that
 * error class with its message, fault and members (TooManyRequestsException's `Retry-After`
 * header included). Unmodeled errors (ValidationException) become LambdaServiceException.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError, detect, modeledError, parseInput, serializeError, serializeRestJsonError } from '../../protocols/index.js';
import { lambdaModel, lambdaValidationException } from '../../protocols/models/lambda.js';
import type { RawRequest } from '../../protocols/index.js';
import { exceptionClass, lambdaExchange, reply } from './sdk-harness.js';

const ERRORS = [...lambdaModel.errors.values()].sort((a, b) => a.name.localeCompare(b.name));
const INPUT = { FunctionName: 'f1' };

async function sendError(wire: { status: number; headers: Record<string, string>; body: string }): Promise<Record<string, unknown>> {
  const ex = await lambdaExchange('GetFunction', INPUT, () => reply(wire, 'rid-err'));
  assert.ok(ex.error, 'the call failed');
  return ex.error as Record<string, unknown>;
}

describe('Lambda errors: we serialize, SDK raises the class', () => {
  it('has the modeled errors', () => {
    assert.ok(ERRORS.length >= 50, `${ERRORS.length} errors`);
  });

  for (const e of ERRORS) {
    it(e.name, async () => {
      const err = modeledError(lambdaModel, e.name, `${e.name} happened: "quoted" é`);
      const wire = serializeError(lambdaModel, 'restJson1', err, 'rid-err');
      assert.equal(wire.status, e.status);
      assert.equal(wire.headers['x-amzn-errortype'], e.name);
      const body = JSON.parse(wire.body) as Record<string, unknown>;
      assert.equal(body.Type, e.name === 'ServiceException' ? 'Service' : 'User');
      const thrown = await sendError(wire);
      const Ctor = exceptionClass('lambda', e.name);
      assert.ok(Ctor, `client exports ${e.name}`);
      assert.ok(thrown instanceof Ctor, `${String(thrown.name)} is a ${e.name}`);
      assert.equal(thrown.name, e.name);
      assert.equal(thrown.message, err.message);
      assert.equal(thrown.$fault, e.fault === 'Receiver' ? 'server' : 'client');
      assert.equal((thrown.$metadata as { httpStatusCode: number }).httpStatusCode, e.status);
      assert.equal((thrown.$metadata as { requestId: string }).requestId, 'rid-err');
      assert.equal(thrown.Type, body.Type);
    });
  }

  it("the message goes under the shape's own member: Message or message", () => {
    const notFound = JSON.parse(serializeError(lambdaModel, 'restJson1', modeledError(lambdaModel, 'ResourceNotFoundException', 'nope'), 'r').body);
    assert.deepEqual(notFound, { Type: 'User', Message: 'nope' });
    const conflict = JSON.parse(serializeError(lambdaModel, 'restJson1', modeledError(lambdaModel, 'ResourceConflictException', 'busy'), 'r').body);
    assert.deepEqual(conflict, { Type: 'User', message: 'busy' });
  });

  it('TooManyRequestsException: Retry-After header and Reason member', async () => {
    const err = modeledError(lambdaModel, 'TooManyRequestsException', 'Rate Exceeded.');
    const wire = serializeRestJsonError(lambdaModel, err, { retryAfterSeconds: '3', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    assert.equal(wire.status, 429);
    assert.equal(wire.headers['retry-after'], '3');
    assert.deepEqual(JSON.parse(wire.body), { Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    const thrown = await sendError(wire);
    assert.equal(thrown.name, 'TooManyRequestsException');
    assert.equal(thrown.retryAfterSeconds, '3');
    assert.equal(thrown.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  it('unmodeled ValidationException: a LambdaServiceException of that name, no Type', async () => {
    const wire = serializeError(lambdaModel, 'restJson1', lambdaValidationException('1 validation error detected: x'), 'r');
    assert.deepEqual(JSON.parse(wire.body), { message: '1 validation error detected: x' });
    const thrown = await sendError(wire);
    assert.equal(thrown.name, 'ValidationException');
    assert.equal(thrown.message, '1 validation error detected: x');
    assert.ok(thrown instanceof exceptionClass('lambda', 'LambdaServiceException')!);
  });
});

function raw(method: string, path: string, query = '', body = '', headers: Record<string, string> = {}): RawRequest {
  return {
    method,
    path,
    query,
    headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x', ...headers },
    body: Buffer.from(body),
  };
}

describe('Lambda request errors', () => {
  it('a missing required body member: ValidationException, coral wording', () => {
    const d = detect(raw('POST', '/2015-03-31/functions', '', '{"FunctionName":"f"}'), [lambdaModel]);
    assert.ok(d);
    assert.equal(d.operation, 'CreateFunction');
    assert.throws(
      () => parseInput(d, raw('POST', '/2015-03-31/functions', '', '{"FunctionName":"f"}')),
      (e: unknown) => e instanceof AwsError && e.code === 'ValidationException' && /Value null at 'role' failed to satisfy constraint: Member must not be null/.test(e.message),
    );
  });

  it('a wrong type: InvalidRequestContentException; not JSON: SerializationException', () => {
    const r = raw('POST', '/2015-03-31/functions', '', '{"FunctionName":"f","Role":"r","Code":{},"Timeout":"x"}');
    const d = detect(r, [lambdaModel]);
    assert.ok(d);
    assert.throws(() => parseInput(d, r), (e: unknown) => e instanceof AwsError && e.code === 'InvalidRequestContentException' && e.status === 400);
    const bad = raw('POST', '/2015-03-31/functions', '', '{');
    assert.throws(() => parseInput(d, bad), (e: unknown) => e instanceof AwsError && e.code === 'SerializationException');
  });

  it('a bad query number: InvalidRequestContentException', () => {
    const r = raw('GET', '/2015-03-31/functions/', 'MaxItems=ten');
    const d = detect(r, [lambdaModel]);
    assert.ok(d);
    assert.equal(d.operation, 'ListFunctions');
    assert.throws(() => parseInput(d, r), (e: unknown) => e instanceof AwsError && e.code === 'InvalidRequestContentException');
  });

  it('a lambda-scoped request on no route: unknown operation, 404', () => {
    const r = raw('GET', '/2015-03-31/nothing-here');
    const d = detect(r, [lambdaModel]);
    assert.ok(d);
    assert.equal(d.operation, '');
    assert.throws(() => parseInput(d, r), (e: unknown) => e instanceof AwsError && e.code === 'UnknownOperationException' && e.status === 404);
  });

  it('nesting deeper than the JSON depth limit is refused before parsing', () => {
    const deep = `{"FunctionName":"f","Role":"r","Code":{},"Environment":${'['.repeat(1001)}${']'.repeat(1001)}}`;
    const r = raw('POST', '/2015-03-31/functions', '', deep);
    const d = detect(r, [lambdaModel]);
    assert.ok(d);
    assert.throws(() => parseInput(d, r), (e: unknown) => e instanceof AwsError && e.code === 'SerializationException' && /nesting depth/.test(e.message));
  });
});

describe('Lambda hostile input', () => {
  it('a malformed percent escape in a label matches no route', () => {
    const r = raw('GET', '/2015-03-31/functions/%E0%A4%A');
    assert.equal(detect(r, [lambdaModel])?.operation, '');
  });

  it('a body that is not a JSON object is a SerializationException', () => {
    for (const body of ['null', '[]', '"text"', '7']) {
      const r = raw('POST', '/2015-03-31/functions', '', body);
      const d = detect(r, [lambdaModel]);
      assert.ok(d);
      assert.throws(() => parseInput(d, r), (e: unknown) => e instanceof AwsError && e.code === 'SerializationException', body);
    }
  });

  it('__proto__ as a map key stays an ordinary key', () => {
    const body = '{"FunctionName":"f","Role":"r","Code":{},"Environment":{"Variables":{"__proto__":"x","A":"1"}}}';
    const r = raw('POST', '/2015-03-31/functions', '', body);
    const d = detect(r, [lambdaModel]);
    assert.ok(d);
    const input = parseInput(d, r) as { Environment: { Variables: Record<string, string> } };
    assert.deepEqual(Object.keys(input.Environment.Variables), ['__proto__', 'A']);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('a long wrong value is quoted only in part', () => {
    const r = raw('POST', '/2015-03-31/functions', '', `{"FunctionName":"f","Role":"r","Code":{},"Timeout":"${'9'.repeat(100_000)}x"}`);
    const d = detect(r, [lambdaModel]);
    assert.ok(d);
    assert.throws(() => parseInput(d, r), (e: unknown) => e instanceof AwsError && e.message.length < 1000);
  });
});
