/**
 * The EventBridge service: AWS operation names → handlers over the bus engine, plus the target
 * delivery port (SQS, SNS, event buses, API destinations, Step Functions).
 *
 * LIMITATIONS: resource policies and RoleArns are stored, not enforced; Lambda, Kinesis,
 * Logs and other non-emulated targets are accepted and logged, not delivered;
 * global endpoints' failover is not emulated (see connections/ for their API).
 */
import { eventsModel } from '../../../protocols/index.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Scheduler } from '../../core/scheduler.js';
import { BusEngine } from '../../engines/bus/index.js';
import type { QueueEngine } from '../../engines/queue/index.js';
import type { TopicEngine } from '../../engines/topic/index.js';
import { mapHandlerErrors, type Handlers } from '../context.js';
import { archiveOperations } from './archive-operations.js';
import { busOperations } from './bus-operations.js';
import { ConnectionStore, createApiDestinationInvoker, typedConnectionOperations } from './connections/index.js';
import { createTargetPort } from './deliver.js';
import { DirectoryStore, typedDirectoryOperations } from './directory/index.js';
import { mapEngineError } from './errors.js';
import { entrySize, eventOperations } from './event-operations.js';
import { ruleOperations } from './rule-operations.js';
import { tagOperations } from './tag-operations.js';
import { targetOperations } from './target-operations.js';
import { toHandlers, type AllEventsHandlers, type Equals, type EventsOperation } from './typed.js';
import type { Randomness } from '../../core/ids.js';

export interface EventsServiceDeps {
  queues: QueueEngine;
  topics: TopicEngine;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** Default account/region (for the always-present default bus). */
  defaults: { account: string; region: string };
  /** The instance's ids and randomness (event, archive and replay ids); default node:crypto. */
  ids?: Randomness;
  /** Step Functions targets (wired by createSignalbox once Step Functions exists). */
  startExecution?: (stateMachineArn: string, input: string, traceHeader?: string) => Promise<unknown>;
}

/** An AWS service's own event (`aws.states`, ...), as that service sends it to EventBridge. */
export interface ServiceEvent {
  source: string;
  detailType: string;
  detail: object;
  resources: string[];
}

export interface EventsService {
  model: typeof eventsModel;
  handlers: Handlers;
  engine: BusEngine;
  /**
   * Ingest an AWS service's event on the default bus of `scope` (archives, rules, targets as for
   * PutEvents). It skips PutEvents' caller checks: AWS services may use `aws.*` sources.
   */
  putServiceEvent(scope: { account: string; region: string }, e: ServiceEvent): string;
  close(): void;
}

export function createEventsService(deps: EventsServiceDeps): EventsService {
  const engine = new BusEngine({ clock: deps.clock, scheduler: deps.scheduler, logger: deps.logger, ...(deps.ids ? { random: deps.ids } : {}) });
  const connections = new ConnectionStore({ clock: deps.clock });
  const directory = new DirectoryStore({ clock: deps.clock });
  const invoker = createApiDestinationInvoker(connections);
  let origin = `http://localhost:4566`;
  engine.connect(createTargetPort({ engine, queues: deps.queues, topics: deps.topics, logger: deps.logger, origin: () => origin, apiDestinations: () => invoker, ...(deps.startExecution ? { startExecution: deps.startExecution } : {}) }));
  const typed = {
    ...busOperations(engine),
    ...ruleOperations(engine),
    ...targetOperations(engine, deps.queues),
    ...eventOperations(engine),
    ...archiveOperations(engine),
    ...tagOperations(engine),
    ...typedConnectionOperations(connections),
    ...typedDirectoryOperations(directory),
  } satisfies AllEventsHandlers;
  // Every operation of the model is served, and nothing else: a missing one is a compile error.
  const covered: Equals<keyof typeof typed, EventsOperation> = true;
  void covered;
  // Bus-engine errors become AWS errors; the others (connections, directory) pass through unchanged.
  const own = mapHandlerErrors(toHandlers(typed), mapEngineError);
  const handlers: Handlers = {};
  for (const [name, h] of Object.entries(own)) {
    handlers[name] = (input, ctx) => {
      origin = `http://${ctx.host}`;
      return h(input, ctx);
    };
  }
  return {
    model: eventsModel,
    handlers,
    engine,
    putServiceEvent(scope, e) {
      const Detail = JSON.stringify(e.detail);
      return engine.putEvent(scope, {
        source: e.source,
        detailType: e.detailType,
        detail: e.detail,
        resources: e.resources,
        size: entrySize({ Source: e.source, DetailType: e.detailType, Detail, Resources: e.resources }),
      });
    },
    close: () => {
      engine.close();
      connections.close();
    },
  };
}
