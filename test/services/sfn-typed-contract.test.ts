/**
 * The Step Functions service's typed contract (design §3): handlers take the SDK's request types
 * and return its result types, errors are named by the model. The compile-time half runs under
 * `npm run typecheck` (each `@ts-expect-error` fails the typecheck if its line stops being an
 * error); the run-time half checks the served handler map against the SDK's commands.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as sdk from '@aws-sdk/client-sfn';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { Scheduler } from '../../src/core/scheduler.js';
import type { ExecutionEngine } from '../../src/engines/statemachine/execution/engine.js';
import { createSfnService, type SfnTypedHandlers } from '../../src/services/sfn/index.js';
import { sfnError, type SfnErrorName, type SfnInput, type SfnOperationName, type SfnOutput } from '../../src/services/sfn/shared.js';

type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The handler map has exactly the model's operations, each typed by its SDK command.
export type CoversModel = Assert<Same<keyof SfnTypedHandlers, SfnOperationName>>;
export type InputIsSdk = Assert<Same<SfnInput<'StartExecution'>, sdk.StartExecutionCommandInput>>;
export type OutputIsSdk = Assert<Same<SfnOutput<'StartExecution'>, Omit<sdk.StartExecutionCommandOutput, '$metadata'>>>;
// The operations whose input has no required member are typed too (not `never`).
export type ListInputIsSdk = Assert<Same<SfnInput<'ListStateMachines'>, sdk.ListStateMachinesCommandInput>>;
export type ErrorsAreModel = Assert<Same<Extract<SfnErrorName, 'StateMachineDoesNotExist' | 'ValidationException'>, 'StateMachineDoesNotExist' | 'ValidationException'>>;

/** Never called: its body only has to typecheck (and its expected errors to be errors). */
function compileTimeOnly(all: SfnTypedHandlers): void {
  const readsInput: SfnTypedHandlers['DescribeExecution'] = (input) => {
    // @ts-expect-error a wrong member name: DescribeExecutionInput has `executionArn`
    void input.executionArnn;
    // @ts-expect-error a wrong member type: `executionArn` is a string
    const n: number = input.executionArn;
    void n;
    return { executionArn: 'a', stateMachineArn: 'b', status: 'RUNNING', startDate: new Date(0) };
  };
  void readsInput;

  // @ts-expect-error a wrong output member name: StartExecutionOutput has `executionArn`
  const wrongOutputName: SfnTypedHandlers['StartExecution'] = () => ({ executionArnn: 'a', startDate: new Date(0) });
  void wrongOutputName;

  // @ts-expect-error a wrong output member type: `startDate` is a Date, not epoch milliseconds
  const wrongOutputType: SfnTypedHandlers['StartExecution'] = () => ({ executionArn: 'a', startDate: 0 });
  void wrongOutputType;

  // @ts-expect-error a wrong enum value: `status` is an ExecutionStatus
  const wrongEnum: SfnTypedHandlers['DescribeExecution'] = () => ({ executionArn: 'a', stateMachineArn: 'b', status: 'DONE', startDate: new Date(0) });
  void wrongEnum;

  // @ts-expect-error a misspelt error name: the model's exception is `StateMachineDoesNotExist`
  void sfnError('StateMachineDoesNotExists', 'x');
  void sfnError('StateMachineDoesNotExist', 'x');

  const { TestState: _testState, ...withoutTestState } = all;
  void _testState;
  // @ts-expect-error a missing operation: every operation of the model needs a handler
  const missing: SfnTypedHandlers = withoutTestState;
  void missing;
}
void compileTimeOnly;

describe('Step Functions typed contract', () => {
  it("serves a handler for exactly the SDK's commands", () => {
    const clock = new ManualClock();
    const svc = createSfnService({
      clock,
      scheduler: new Scheduler(clock, { setTimeout: () => 0, clearTimeout: () => {} } as never),
      logger: createLogger('silent'),
      defaults: { account: '000000000000', region: 'us-east-1' },
      executions: {} as ExecutionEngine,
    });
    // `$Command` is smithy's base class, re-exported by the client: no operation.
    const commands = Object.keys(sdk)
      .filter((k) => k.endsWith('Command') && k !== '$Command')
      .map((k) => k.slice(0, -'Command'.length));
    assert.equal(commands.length, 37);
    assert.deepEqual(Object.keys(svc.handlers).sort(), commands.sort());
  });
});
