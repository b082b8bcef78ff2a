/**
 * The SQS service's typed contract (design §3): handlers are typed from `@aws-sdk/client-sqs`,
 * errors by the model's exception names. The `@ts-expect-error` lines below are the assertions:
 * `npm run typecheck` (part of `npm test`) fails if any of them stops being an error. The
 * runtime test checks that the served operations are exactly the SDK's commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-sqs';
import { sqsInvalidParameterValue, sqsMissingParameter } from '../../protocols/index.js';
import { FakeTime } from '../../src/core/fake-time.js';
import { QueueEngine } from '../../src/engines/queue/index.js';
import { sqsError } from '../../src/services/sqs/errors.js';
import { createSqsService, sqsHandlers } from '../../src/services/sqs/index.js';
import type { SqsHandlers, SqsInput, SqsOperationName } from '../../src/services/sqs/types.js';

// --- compile-time assertions (checked by tsc, never called) ---

// A wrong input member name: SendMessage has MessageBody, not Body.
export const wrongInputName: SqsHandlers['SendMessage'] = (input) => {
  // @ts-expect-error Property 'Body' does not exist on SendMessageRequest
  void input.Body;
  return {};
};

// A wrong input member type: DelaySeconds is a number.
// @ts-expect-error Type 'string' is not assignable to type 'number'
export const wrongInputType: SqsInput<'SendMessage'> = { QueueUrl: 'q', MessageBody: 'b', DelaySeconds: '5' };

// A wrong output member name and a wrong output member type.
// @ts-expect-error CreateQueueResult has QueueUrl, not QueueURL
export const wrongOutputName: SqsHandlers['CreateQueue'] = () => ({ QueueURL: 'http://h/000000000000/q' });
// @ts-expect-error QueueUrl is a string
export const wrongOutputType: SqsHandlers['GetQueueUrl'] = () => ({ QueueUrl: 42 });

// ListQueues (a command constructible without input) is typed, not `never`.
// @ts-expect-error QueueNamePrefx is not a member of ListQueuesRequest
export const listQueuesTyped: SqsInput<'ListQueues'> = { QueueNamePrefx: 'a' };

// A misspelt error name, and a common name SQS does not list.
// @ts-expect-error 'QueueDoesntExist' is not an SQS error
export const misspeltError = () => sqsError('QueueDoesntExist');
// @ts-expect-error AccessDenied is not in SqsCommonErrorName
export const unlistedCommonError = () => sqsError('AccessDenied');
// @ts-expect-error the SDK's base exception class is no error shape of the model
export const baseClassError = () => sqsError('SQSServiceException');

// A missing operation: a handler map without SendMessage is not an SqsHandlers.
export function missingOperation(withoutSendMessage: Omit<SqsHandlers, 'SendMessage'>): SqsHandlers {
  // @ts-expect-error Property 'SendMessage' is missing
  return withoutSendMessage;
}

// `$Command` (smithy's command builder) is not an operation.
// @ts-expect-error '$' is not an SQS operation name
export const notAnOperation: SqsOperationName = '$';

// --- runtime assertions ---

test('the SQS service serves exactly the commands of @aws-sdk/client-sqs', () => {
  const time = new FakeTime();
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler });
  try {
    const commands = Object.keys(sdk)
      .filter((k) => k.endsWith('Command') && k !== '$Command')
      .map((k) => k.slice(0, -'Command'.length))
      .sort();
    assert.ok(commands.includes('SendMessage') && commands.includes('ListQueues'));
    assert.deepEqual(Object.keys(sqsHandlers(engine)).sort(), commands);
    assert.deepEqual(Object.keys(createSqsService(engine).handlers).sort(), commands);
  } finally {
    engine.close();
  }
});

test('the common error names build the same errors as the protocol constructors', () => {
  const pick = (e: Error & { code: string; queryCode: string; status: number; fault: string; namespace: string | undefined }) => ({
    code: e.code,
    queryCode: e.queryCode,
    status: e.status,
    fault: e.fault,
    namespace: e.namespace,
    message: e.message,
  });
  assert.deepEqual(pick(sqsError('InvalidParameterValue', 'm')), pick(sqsInvalidParameterValue('m')));
  const missing = sqsMissingParameter('QueueUrl');
  assert.deepEqual(pick(sqsError('MissingParameter', missing.message)), pick(missing));
  assert.equal(sqsError('QueueDoesNotExist', 'x').queryCode, 'AWS.SimpleQueueService.NonExistentQueue');
});
