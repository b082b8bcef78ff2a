/**
 * EventBridge's typed contract (design §3): handlers are typed from `@aws-sdk/client-eventbridge`,
 * errors from its exception classes. The `@ts-expect-error` lines below are the assertions: each
 * must be an error for `npm run typecheck` (part of `npm test`) to pass. The runtime test checks
 * that the service serves exactly the SDK's commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-eventbridge';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { nodeTimers, Scheduler } from '../../src/core/scheduler.js';
import { createServiceGraph } from '../../src/services/wire.js';
import { commonError, eventsError, type EventsErrorName } from '../../src/services/events/errors.js';
import type { AllEventsHandlers, Equals, EventsHandlers, EventsOperation, InputOf, OutputOf } from '../../src/services/events/typed.js';

// ---- compile-time assertions (never called: some would throw if run) ----

export function typedContract(): void {
  // Inputs are the SDK request types.
  const describeRule: EventsHandlers<'DescribeRule'> = {
    DescribeRule(input) {
      const name: string | undefined = input.Name;
      // @ts-expect-error a wrong member name: DescribeRuleRequest has Name, not RuleName
      void input.RuleName;
      return { Name: name };
    },
  };
  void describeRule;

  // @ts-expect-error a wrong member type: ListRules' Limit is a number
  const badLimit: InputOf<'ListRules'> = { Limit: '10' };
  void badLimit;

  // Outputs are the SDK result types.
  // @ts-expect-error a wrong output member type: State is a RuleState ('ENABLED' | 'DISABLED' | ...)
  const badState: OutputOf<'DescribeRule'> = { State: 'ON' };
  void badState;
  // @ts-expect-error a wrong output member name: PutRuleResponse has RuleArn
  const badArn: OutputOf<'PutRule'> = { Arn: 'arn:aws:events:us-east-1:000000000000:rule/r' };
  void badArn;

  // Error names come from the model (plus coral's explicit extras).
  eventsError('ResourceNotFoundException', 'ok');
  commonError('ValidationException', 'ok');
  // @ts-expect-error a misspelt modeled error name
  eventsError('ResourceNotFound', 'x');
  // @ts-expect-error a coral name that is not one of the listed extras
  commonError('ValidationError', 'x');
  const modeled: EventsErrorName = 'ManagedRuleException';
  void modeled;

  // A missing operation: the full map needs every operation of the model.
  const { PutEvents: _dropped, ...withoutPutEvents } = {} as AllEventsHandlers;
  void _dropped;
  // @ts-expect-error PutEvents is missing
  const incomplete: AllEventsHandlers = withoutPutEvents;
  void incomplete;
  const missingIsNotEqual: Equals<keyof typeof withoutPutEvents, EventsOperation> = false;
  void missingIsNotEqual;
  // @ts-expect-error the map without PutEvents does not cover the model's operations
  const missingCovers: Equals<keyof typeof withoutPutEvents, EventsOperation> = true;
  void missingCovers;
  // @ts-expect-error an operation the model does not have
  const unknownOperation: EventsOperation = 'PutEvent';
  void unknownOperation;
}

// ---- runtime assertion ----

test("the EventBridge service serves exactly the SDK's commands", () => {
  const scheduler = new Scheduler(systemClock, nodeTimers);
  const graph = createServiceGraph({ clock: systemClock, scheduler, logger: createLogger('silent'), defaults: { account: '000000000000', region: 'us-east-1' } });
  try {
    const served = Object.keys(graph.services.get('events') ?? {}).sort();
    const commands = Object.keys(sdk)
      .filter((k) => k.endsWith('Command') && k !== '$Command')
      .map((k) => k.slice(0, -'Command'.length))
      .sort();
    assert.ok(commands.length > 50, `the SDK exports ${commands.length} commands`);
    assert.deepEqual(served, commands);
  } finally {
    graph.close();
    scheduler.close();
  }
});
