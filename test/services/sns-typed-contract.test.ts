/**
 * The SNS service's typed contract (handlers typed from `@aws-sdk/client-sns`). The compile-time
 * half runs under `npm run typecheck`: each `@ts-expect-error` line must be an error, so a
 * contract that stopped catching a wrong member name, a wrong member type, a misspelt error name
 * or a missing operation fails the typecheck. The run-time half checks the handler keys the
 * server dispatches on against the SDK's command names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as sdk from '@aws-sdk/client-sns';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { nodeTimers, Scheduler } from '../../src/core/scheduler.js';
import { QueueEngine } from '../../src/engines/queue/index.js';
import { MobileStore } from '../../src/engines/topic/mobile/store.js';
import { TopicEngine } from '../../src/engines/topic/index.js';
import { snsError, type SnsErrorName } from '../../src/services/sns/errors.js';
import { createSnsService } from '../../src/services/sns/index.js';
import type { SameKeys, SnsHandlers, SnsOperationName } from '../../src/services/sns/types.js';

// --- Compile time (checked by `npm run typecheck`; these functions are never called) ---------

export function wrongInputMemberName(): SnsHandlers['Publish'] {
  return (input) => {
    // @ts-expect-error PublishInput has no member `Topic` (it is `TopicArn`)
    void input.Topic;
    return {};
  };
}

export function wrongInputMemberType(): SnsHandlers['CreateTopic'] {
  return (input) => {
    // @ts-expect-error CreateTopicInput.Name is a string, not a number
    const n: number = input.Name;
    void n;
    return { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t' };
  };
}

export function wrongOutputMemberType(): SnsHandlers['CheckIfPhoneNumberIsOptedOut'] {
  // @ts-expect-error isOptedOut is a boolean
  return () => ({ isOptedOut: 'false' });
}

export function wrongOutputMemberName(): SnsHandlers['CreateTopic'] {
  // @ts-expect-error CreateTopicResponse has no member `Arn` (it is `TopicArn`)
  return () => ({ Arn: 'arn:aws:sns:us-east-1:000000000000:t' });
}

export function misspeltErrorName(): void {
  // @ts-expect-error the model has InvalidParameterException, not InvalidParameterExceptoin
  throw snsError('InvalidParameterExceptoin', 'x');
}

export function unmodeledErrorName(): SnsErrorName {
  // @ts-expect-error QueueDoesNotExist is an SQS error, no SNS shape or coral extra
  return 'QueueDoesNotExist';
}

export function missingOperation(all: SnsHandlers): SnsHandlers {
  const { Publish, ...rest } = all;
  void Publish;
  // @ts-expect-error a handler map without Publish does not cover the model
  return rest;
}

// Every SNS operation has a handler type, and '$' (smithy's `$Command` base) is none.
const operationsCovered: SameKeys<keyof SnsHandlers, SnsOperationName> = true;
// @ts-expect-error the key set less one operation is not the model's
const oneShort: SameKeys<Exclude<SnsOperationName, 'Publish'>, SnsOperationName> = true;
// @ts-expect-error '$' is no operation
const dollar: SnsOperationName = '$';
void [operationsCovered, oneShort, dollar];

// --- Run time ----------------------------------------------------------------------------------

test('the SNS handler keys are exactly the SDK command names', () => {
  const clock = systemClock;
  const scheduler = new Scheduler(clock, nodeTimers);
  const queues = new QueueEngine({ clock, scheduler });
  const sns = createSnsService({ topics: new TopicEngine({ clock, scheduler }), queues, mobile: new MobileStore({ clock }), clock, scheduler, logger: createLogger('silent') });
  try {
    const commands = Object.keys(sdk)
      .filter((k) => k.endsWith('Command') && k !== '$Command')
      .map((k) => k.slice(0, -'Command'.length))
      .sort();
    assert.ok(commands.length >= 42, `SDK commands: ${commands.length}`);
    assert.deepEqual(Object.keys(sns.handlers).sort(), commands);
  } finally {
    sns.close();
  }
});
