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
import { mapDomainError, type SfnOperationName, type SfnOperations } from './shared.js';
import type { TypedHandlers } from '../operation-types.js';
import { testStateOperations } from './test-state.js';
import { versionAliasOperations } from './version-alias-operations.js';
import { cryptoRandomness, type Randomness } from '../../core/ids.js';

export interface SfnServiceDeps {
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  defaults: { account: string; region: string };
  executions: ExecutionEngine;
  /** Alias routing's random source (default: `ids.random`). */
  random?: () => number;
  /** The instance's ids and randomness (revision ids, alias routing); default node:crypto. */
  ids?: Randomness;
}

export interface SfnService {
  model: typeof sfnModel;
  handlers: Handlers;
  registry: StateMachineRegistry;
  close(): void;
}

export function createSfnService(deps: SfnServiceDeps): SfnService {
  const ids = deps.ids ?? cryptoRandomness;
  const registry = new StateMachineRegistry({ clock: deps.clock, random: ids });
  const sfn: SfnDeps = { registry, executions: deps.executions, clock: deps.clock, logger: deps.logger, random: deps.random ?? (() => ids.random()) };
  const handlers = mapHandlerErrors(toDispatch(sfnHandlers(sfn, deps.executions)), mapDomainError);
  return {
    model: sfnModel,
    handlers,
    registry,
    close() {
      // The engine is owned (and closed) by whoever created it; the registry holds no timers.
    },
  };
}

/** Every Step Functions operation's typed handler. */
export type SfnTypedHandlers = TypedHandlers<SfnOperations>;

/** True when A and B are the same set of names (a type-level assertion). */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The typed handler map: one handler per operation of the model, none missing, none extra. */
export function sfnHandlers(sfn: SfnDeps, executions: ExecutionEngine): SfnTypedHandlers {
  const handlers = {
    ...machineOperations(sfn),
    ...versionAliasOperations(sfn),
    ...executionOperations(sfn),
    ...activityOperations(sfn),
    ...testStateOperations(executions),
  };
  // A missing (or unknown) operation is a compile error here, before the return's check.
  const coversModel: SameKeys<keyof typeof handlers, SfnOperationName> = true;
  void coversModel;
  return handlers;
}

/**
 * The one boundary between the typed handlers and the server's untyped dispatch map
 * (`Handlers`, keyed by operation name, taking `Record<string, unknown>`). It is sound because
 * the server only calls a handler with what the protocol parser built for that very operation
 * from the same `@aws-sdk/client-sfn` schema the handler's input type comes from: required
 * members present, every member of its modeled type (enums are any string: see checkEnum).
 * LIMITATIONS: in-process calls from Task states (integrations/shape.ts `toHandlerInput`) take
 * member names and required members from the same schema but do not check scalar types.
 */
function toDispatch(typed: SfnTypedHandlers): Handlers {
  return typed as unknown as Handlers;
}

export { StateMachineRegistry };
