/**
 * STUB (being written): the EventBridge service — AWS operation names → handlers over the bus
 * engine. Wired into createSignalbox already; replace the body, keep the exported shape.
 */
import { eventsModel } from '../../../protocols/index.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { QueueEngine } from '../../engines/queue/index.js';
import type { TopicEngine } from '../../engines/topic/index.js';
import type { Handlers } from '../context.js';

export interface EventsServiceDeps {
  queues: QueueEngine;
  topics: TopicEngine;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** Default account/region (for the always-present default bus). */
  defaults: { account: string; region: string };
}

export interface EventsService {
  model: typeof eventsModel;
  handlers: Handlers;
  close(): void;
}

export function createEventsService(_deps: EventsServiceDeps): EventsService {
  return { model: eventsModel, handlers: {}, close: () => undefined };
}
