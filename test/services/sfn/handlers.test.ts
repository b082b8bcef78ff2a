/**
 * Step Functions handlers without HTTP: alias routing by weight, `arn#TestCase`, compiled
 * definitions cached per revision, every model operation has a handler.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sfnModel } from '../../../protocols/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { createLogger } from '../../../src/core/logger.js';
import { Scheduler } from '../../../src/core/scheduler.js';
import type { ExecutionEngine } from '../../../src/engines/statemachine/execution/engine.js';
import type { ExecutionRecord, ExecutionTarget, StartOptions } from '../../../src/engines/statemachine/execution/types.js';
import type { RequestContext } from '../../../src/services/context.js';
import { createSfnService } from '../../../src/services/sfn/index.js';

const ROLE = 'arn:aws:iam::000000000000:role/r';
const DEF = '{"StartAt":"S","States":{"S":{"Type":"Pass","End":true}}}';
const ctx: RequestContext = {
  requestId: 'r',
  account: '000000000000',
  region: 'us-east-1',
  accessKey: 'AKID',
  host: 'localhost',
  protocol: 'json',
  signal: new AbortController().signal,
};

/** A recording stand-in for the engine's start(). */
function fakeEngine() {
  const started: Array<{ target: ExecutionTarget; options: StartOptions }> = [];
  const engine = {
    start(target: ExecutionTarget, options: StartOptions): ExecutionRecord {
      started.push({ target, options });
      return {
        executionArn: `${target.stateMachineArn.replace(':stateMachine:', ':execution:')}:${options.name ?? started.length}`,
        name: options.name ?? String(started.length),
        target,
        status: 'RUNNING',
        startDate: 0,
        input: options.input,
        redriveCount: 0,
        history: [],
      };
    },
    machineDeleted() {},
  } as unknown as ExecutionEngine;
  return { engine, started };
}

function setup(random: () => number) {
  const clock = new ManualClock();
  const { engine, started } = fakeEngine();
  const svc = createSfnService({
    clock,
    scheduler: new Scheduler(clock, { setTimeout: () => 0, clearTimeout: () => {} } as never),
    logger: createLogger('silent'),
    defaults: { account: ctx.account, region: ctx.region },
    executions: engine,
    random,
  });
  const call = (op: string, input: Record<string, unknown>) => svc.handlers[op]!(input, ctx) as Record<string, unknown>;
  return { svc, call, started };
}

describe('Step Functions handlers', () => {
  it('serves every operation of the model', () => {
    const { svc } = setup(Math.random);
    assert.deepEqual(Object.keys(svc.handlers).sort(), [...sfnModel.operations.keys()].sort());
  });

  it('routes alias executions by weight and records version and alias ARNs', () => {
    let roll = 0;
    const { call, started } = setup(() => roll);
    const arn = call('CreateStateMachine', { name: 'm', definition: DEF, roleArn: ROLE, publish: true }).stateMachineArn as string;
    call('UpdateStateMachine', { stateMachineArn: arn, definition: DEF.replace('"S"', '"T"').replace('"S"', '"T"'), publish: true });
    const alias = call('CreateStateMachineAlias', {
      name: 'split',
      routingConfiguration: [
        { stateMachineVersionArn: `${arn}:1`, weight: 30 },
        { stateMachineVersionArn: `${arn}:2`, weight: 70 },
      ],
    }).stateMachineAliasArn as string;
    roll = 0.29;
    call('StartExecution', { stateMachineArn: alias });
    roll = 0.3;
    call('StartExecution', { stateMachineArn: alias });
    assert.equal(started[0]!.target.versionArn, `${arn}:1`);
    assert.equal(started[1]!.target.versionArn, `${arn}:2`);
    assert.equal(started[1]!.target.aliasArn, alias);
    assert.equal(started[1]!.target.stateMachineArn, arn);
    assert.match(started[1]!.target.definition, /"T"/);
    assert.ok(started[1]!.target.revisionId);
  });

  it('passes arn#TestCase, default input and the trace header to the engine; compiles once per revision', () => {
    const { call, started, svc } = setup(Math.random);
    const arn = call('CreateStateMachine', { name: 'm', definition: DEF, roleArn: ROLE }).stateMachineArn as string;
    call('StartExecution', { stateMachineArn: `${arn}#HappyPath`, name: 'e1', traceHeader: 'Root=1-abc' });
    call('StartExecution', { stateMachineArn: arn, name: 'e2', input: '{"a":1}' });
    assert.deepEqual(started[0]!.options, { name: 'e1', input: '{}', traceHeader: 'Root=1-abc', testCase: 'HappyPath' });
    assert.equal(started[1]!.options.input, '{"a":1}');
    assert.equal(started[0]!.target.compiled, started[1]!.target.compiled, 'compiled once for the revision');
    assert.equal(svc.registry.getMachine(ctx, arn)!.compiled, started[0]!.target.compiled);
  });
});
