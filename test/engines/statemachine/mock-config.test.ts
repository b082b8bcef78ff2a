import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SfnDomainError } from '../../../src/engines/statemachine/errors.js';
import { loadMockConfig } from '../../../src/engines/statemachine/mock-config.js';

// The AWS guide's example (LocalStack fixture local_mocked_service_integrations/mock_config_files/lambda_sqs_integration.json5).
const AWS_EXAMPLE = {
  StateMachines: {
    LambdaSQSIntegration: {
      TestCases: {
        HappyPath: { LambdaState: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess' },
        RetryPath: { LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess' },
        HybridPath: { LambdaState: 'MockedLambdaSuccess' },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: { '0': { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } } },
    LambdaMockedResourceNotReady: { '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } } },
    MockedSQSSuccess: { '0': { Return: { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' } } },
    MockedLambdaRetry: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } },
      '3': { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } },
    },
  },
};

const load = (doc: unknown, source = 'MockConfigFile.json') => loadMockConfig(typeof doc === 'string' ? doc : JSON.stringify(doc), source);

function invalid(doc: unknown, pattern: RegExp): void {
  assert.throws(() => load(doc), (e: Error) => {
    assert.match(e.message, /^Invalid Step Functions mock config MockConfigFile\.json at /);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('loadMockConfig: the AWS example', () => {
  const mocks = load(AWS_EXAMPLE);

  it('hasTestCase', () => {
    assert.equal(mocks.hasTestCase('LambdaSQSIntegration', 'HappyPath'), true);
    assert.equal(mocks.hasTestCase('LambdaSQSIntegration', 'Nope'), false);
    assert.equal(mocks.hasTestCase('Other', 'HappyPath'), false);
  });

  it('Return responses by invocation', () => {
    assert.deepEqual(mocks.response('LambdaSQSIntegration', 'HappyPath', 'LambdaState', 0), {
      Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } },
    });
    assert.deepEqual(mocks.response('LambdaSQSIntegration', 'HappyPath', 'SQSState', 0), {
      Return: { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' },
    });
  });

  it('ranges are inclusive: retries walk 0, 1-2, 3', () => {
    const at = (n: number) => mocks.response('LambdaSQSIntegration', 'RetryPath', 'LambdaState', n);
    assert.deepEqual(at(0), { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } });
    assert.deepEqual(at(1), { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } });
    assert.deepEqual(at(2), { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } });
    assert.equal((at(3) as { Return: { StatusCode: number } }).Return.StatusCode, 200);
  });

  it('past the last invocation: a States.Runtime Throw naming the state and the defined range', () => {
    const r = mocks.response('LambdaSQSIntegration', 'RetryPath', 'LambdaState', 4);
    assert.ok(r && 'Throw' in r);
    assert.equal(r.Throw.Error, 'States.Runtime');
    assert.match(r.Throw.Cause!, /state 'LambdaState' invocation 4 .*'MockedLambdaRetry' .*0-3/);
  });

  it('a state the test case does not mock: undefined (the real integration runs)', () => {
    assert.equal(mocks.response('LambdaSQSIntegration', 'HybridPath', 'SQSState', 0), undefined);
  });

  it('unknown machine or test case: SfnDomainError', () => {
    assert.throws(
      () => mocks.response('LambdaSQSIntegration', 'Nope', 'LambdaState', 0),
      (e: unknown) => e instanceof SfnDomainError && e.code === 'InvalidName' && /test case name 'Nope'.*HappyPath, RetryPath, HybridPath/.test(e.message),
    );
    assert.throws(() => mocks.response('Other', 'HappyPath', 'S', 0), (e: unknown) => e instanceof SfnDomainError && /no state machine 'Other'/.test(e.message));
  });

  it('responses are copies', () => {
    const a = mocks.response('LambdaSQSIntegration', 'HappyPath', 'LambdaState', 0) as { Return: { StatusCode: number } };
    a.Return.StatusCode = 500;
    assert.equal((mocks.response('LambdaSQSIntegration', 'HappyPath', 'LambdaState', 0) as { Return: { StatusCode: number } }).Return.StatusCode, 200);
  });

  it('Throw without Cause; Return of any JSON value', () => {
    const m = load({
      StateMachines: { M: { TestCases: { T: { A: 'R1', B: 'R2' } } } },
      MockedResponses: { R1: { '0': { Throw: { Error: 'Custom' } } }, R2: { '0-1': { Return: 'text' } } },
    });
    assert.deepEqual(m.response('M', 'T', 'A', 0), { Throw: { Error: 'Custom' } });
    assert.deepEqual(m.response('M', 'T', 'B', 1), { Return: 'text' });
  });
});

describe('loadMockConfig: invalid files name the source, the JSON path and the fix', () => {
  it('not JSON', () => invalid('{', /at \$: not valid JSON/));
  it('unknown top-level field', () => invalid({ StateMachines: {}, MockResponses: {} }, /at \$\.MockResponses: unknown field/));
  it('machine without TestCases', () => invalid({ StateMachines: { M: {} } }, /at \$\.StateMachines\.M\.TestCases: must be an object/));
  it('test case value not a string', () =>
    invalid({ StateMachines: { M: { TestCases: { T: { S: 1 } } } } }, /at \$\.StateMachines\.M\.TestCases\.T\.S: must be the name of a mocked response/));
  it('reference to an undefined response', () =>
    invalid({ StateMachines: { M: { TestCases: { T: { S: 'Missing' } } } }, MockedResponses: {} }, /\.T\.S: names mocked response 'Missing', which is not defined/));
  it('bad key', () => invalid({ MockedResponses: { R: { first: { Return: 1 } } } }, /at \$\.MockedResponses\.R\.first: 'first' is not an invocation number/));
  it('reversed range', () => invalid({ MockedResponses: { R: { '0': { Return: 1 }, '3-1': { Return: 1 } } } }, /\["3-1"\]: range '3-1' ends before it starts/));
  it('both Return and Throw', () =>
    invalid({ MockedResponses: { R: { '0': { Return: 1, Throw: { Error: 'E' } } } } }, /at \$\.MockedResponses\.R\["0"\]: has both "Return" and "Throw"/));
  it('neither', () => invalid({ MockedResponses: { R: { '0': {} } } }, /needs exactly one of "Return" or "Throw"/));
  it('Throw without Error', () => invalid({ MockedResponses: { R: { '0': { Throw: { Cause: 'c' } } } } }, /\["0"\]\.Throw\.Error: must be a non-empty string/));
  it('gap in the numbering', () => invalid({ MockedResponses: { R: { '0': { Return: 1 }, '2': { Return: 1 } } } }, /numbered consecutively from 0: expected a key starting at 1, found '2'/));
  it('not starting at 0', () => invalid({ MockedResponses: { R: { '1': { Return: 1 } } } }, /expected a key starting at 0/));
  it('overlap', () => invalid({ MockedResponses: { R: { '0-2': { Return: 1 }, '1': { Return: 1 } } } }, /invocation 1 is defined twice/));
  it('empty response', () => invalid({ MockedResponses: { R: {} } }, /defines no responses/));
  it('names with spaces are quoted in the path', () =>
    invalid({ MockedResponses: { 'My Mock': { x: { Return: 1 } } } }, /at \$\.MockedResponses\["My Mock"\]\.x:/));
});
