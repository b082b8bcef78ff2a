/**
 * The Step Functions service: all 37 AWS operations over the resource registry (machines,
 * versions, aliases, activities, tags) and the execution engine (executions, history, task
 * tokens, activity queues, map runs).
 *
 * LIMITATIONS: KMS encryption and CloudWatch Logs destinations are stored, not used; roles are not assumed.
 */
import { sfnModel } from '../../../protocols/index.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { ExecutionEngine } from '../../engines/statemachine/execution/engine.js';
import { StateMachineRegistry } from '../../engines/statemachine/registry.js';
import { mapHandlerErrors, type Handlers } from '../context.js';
import { activityOperations } from './activity-operations.js';
import type { SfnDeps } from './deps.js';
import { executionOperations } from './execution-operations.js';
import { machineOperations } from './machine-operations.js';
import { mapDomainError } from './shared.js';
import { testStateOperations } from './test-state.js';
import { versionAliasOperations } from './version-alias-operations.js';

export interface SfnServiceDeps {
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  defaults: { account: string; region: string };
  executions: ExecutionEngine;
  /** Alias routing's random source (default Math.random). */
  random?: () => number;
}

export interface SfnService {
  model: typeof sfnModel;
  handlers: Handlers;
  registry: StateMachineRegistry;
  close(): void;
}

export function createSfnService(deps: SfnServiceDeps): SfnService {
  const registry = new StateMachineRegistry({ clock: deps.clock });
  const sfn: SfnDeps = { registry, executions: deps.executions, clock: deps.clock, logger: deps.logger, random: deps.random ?? Math.random };
  const handlers = mapHandlerErrors({
    ...machineOperations(sfn),
    ...versionAliasOperations(sfn),
    ...executionOperations(sfn),
    ...activityOperations(sfn),
    ...testStateOperations(deps.executions),
  }, mapDomainError);
  return {
    model: sfnModel,
    handlers,
    registry,
    close() {
      // The engine is owned (and closed) by whoever created it; the registry holds no timers.
    },
  };
}

export { StateMachineRegistry };
