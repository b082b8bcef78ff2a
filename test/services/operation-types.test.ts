/**
 * The typed-operations helpers read the SDK modules correctly: required and optional inputs,
 * outputs without `$metadata`, no `$Command` pseudo-operation, exception names only. The type
 * checks run under `npm run typecheck`; the runtime check pins the command-name rule they encode.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as sfnSdk from '@aws-sdk/client-sfn';
import type * as sqs from '@aws-sdk/client-sqs';
import type { ErrorNames, OperationName, OperationTypes } from '../../src/services/operation-types.js';

type Sfn = OperationTypes<typeof sfnSdk>;
type Sqs = OperationTypes<typeof sqs>;

// A command with an optional input (no required member) still has its input and output types.
const listInput: Sfn['ListActivities']['input'] = { maxResults: 3 };
const listOutput: Sfn['ListActivities']['output'] = { activities: [] };
// @ts-expect-error a misspelt member of an optional input
const badListInput: Sfn['ListActivities']['input'] = { maxResultz: 3 };
// A required input, and its output.
const send: Sqs['SendMessage']['input'] = { QueueUrl: 'u', MessageBody: 'b' };
// @ts-expect-error a wrong member type
const badSend: Sqs['SendMessage']['input'] = { QueueUrl: 'u', MessageBody: 5 };
// @ts-expect-error outputs carry no $metadata
const sent: Sqs['SendMessage']['output'] = { MessageId: 'm', $metadata: {} };
// @ts-expect-error $Command is smithy's base class, not an operation
const dollar: OperationName<typeof sfnSdk> = '$';
const errorName: ErrorNames<typeof sqs, sqs.SQSServiceException> = 'QueueDoesNotExist';
// @ts-expect-error not an exception of the model
const badError: ErrorNames<typeof sqs, sqs.SQSServiceException> = 'QueueDoesNotExists';
// @ts-expect-error the base class is no error of the model
const baseError: ErrorNames<typeof sqs, sqs.SQSServiceException> = 'SQSServiceException';
void [baseError, listInput, listOutput, badListInput, send, badSend, sent, dollar, errorName, badError];

it('operation names are the <Op>Command exports, less $Command', () => {
  const names = Object.keys(sfnSdk)
    .map((k) => /^(.+)Command$/.exec(k)?.[1])
    .filter((op): op is string => op !== undefined && op !== '$');
  assert.equal(names.length, 37);
  assert.ok(names.includes('ListActivities') && names.includes('StartExecution'));
  assert.ok(!names.includes('$'));
});
