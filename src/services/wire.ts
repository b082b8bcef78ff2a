/**
 * The service graph of one Signalbox: engines, the four services, and the in-process calls
 * between them (Step Functions tasks and EventBridge targets reach other services' handlers
 * directly, design §7). `createSignalbox` adds the HTTP server and bridges around it.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceModel } from '../../protocols/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { cryptoRandomness, type Randomness } from '../core/ids.js';
import type { Scheduler } from '../core/scheduler.js';
import { QueueEngine } from '../engines/queue/index.js';
import { TopicEngine } from '../engines/topic/index.js';
import { MobileStore } from '../engines/topic/mobile/store.js';
import { ExecutionEngine } from '../engines/statemachine/execution/engine.js';
import type { MockLookup } from '../engines/statemachine/execution/types.js';
import type { Handlers, RequestContext } from './context.js';
import { createSqsService } from './sqs/index.js';
import { createSnsService } from './sns/index.js';
import type { SnsSigner } from './sns/signing/index.js';
import { createEventsService, type EventsService } from './events/index.js';
import { createSfnService } from './sfn/index.js';
import { createTaskPort } from './sfn/integrations/index.js';
import { executionStatusChange } from './sfn/status-events.js';

export interface ServiceGraphOptions {
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  defaults: { account: string; region: string };
  /** Ids, tokens and random numbers of the engines (default node:crypto; tests may seed one). */
  random?: Randomness;
  sfnMocks?: MockLookup;
  sfnWaitTimeScale?: number;
  /** Runs a callback from a later macrotask: how Step Functions executions yield to the event loop. */
  defer?: (fn: () => void) => void;
}

export interface ServiceGraph {
  /** Handlers by service id ('sqs', 'sns', 'events', 'states'). */
  services: Map<string, Handlers>;
  models: ServiceModel[];
  engines: { queues: QueueEngine; topics: TopicEngine; mobile: MobileStore; executions: ExecutionEngine };
  signer: SnsSigner;
  /** `host[:port]` queue URLs made by in-process calls use (the listening address once known). */
  setHost(host: string): void;
  close(): void;
}

export function createServiceGraph(o: ServiceGraphOptions): ServiceGraph {
  const { clock, scheduler, logger, defaults } = o;
  const random = o.random ?? cryptoRandomness;
  const queues = new QueueEngine({ clock, scheduler, random });
  const mobile = new MobileStore({ clock, random });
  const topics = new TopicEngine({ clock, scheduler, random });
  const sqs = createSqsService(queues);
  const sns = createSnsService({ topics, queues, mobile, clock, scheduler, logger });
  const services = new Map<string, Handlers>();
  let host = '127.0.0.1:4566';
  const call = async (service: string, operation: string, input: Record<string, unknown>, ctx: { account: string; region: string; traceHeader?: string }) => {
    const handler = services.get(service)?.[operation];
    if (!handler) throw new Error(`${service}.${operation} is not served`);
    const requestContext: RequestContext = {
      requestId: randomUUID(),
      account: ctx.account,
      region: ctx.region,
      accessKey: ctx.account,
      host,
      protocol: 'json',
      signal: new AbortController().signal,
    };
    if (ctx.traceHeader !== undefined) requestContext.traceHeader = ctx.traceHeader;
    return handler(input, requestContext);
  };
  // Step Functions → EventBridge: execution status changes on the execution's default bus.
  let eventsService: EventsService | undefined;
  const executions: ExecutionEngine = new ExecutionEngine({
    clock,
    scheduler,
    logger,
    waitTimeScale: o.sfnWaitTimeScale ?? 1,
    random,
    ...(o.defer ? { defer: o.defer } : {}),
    tasks: createTaskPort({ call, awaitExecution: (arn, signal) => executions.awaitEnd(arn, signal) }, { now: () => new Date(clock.now()) }),
    ...(o.sfnMocks ? { mocks: o.sfnMocks } : {}),
    statusChanges: {
      changed: (record) => void eventsService?.putServiceEvent({ account: record.target.account, region: record.target.region }, executionStatusChange(record)),
    },
  });
  const sfn = createSfnService({ clock, scheduler, logger, defaults, executions, ids: random });
  const events = createEventsService({
    queues,
    topics,
    clock,
    scheduler,
    ids: random,
    logger,
    defaults,
    startExecution: (stateMachineArn, input, traceHeader) => {
      const [, , , region = defaults.region, account = defaults.account] = stateMachineArn.split(':');
      return call('states', 'StartExecution', { stateMachineArn, input }, { account, region, ...(traceHeader ? { traceHeader } : {}) });
    },
  });
  eventsService = events;
  services.set('sqs', sqs.handlers).set('sns', sns.handlers).set('events', events.handlers).set('states', sfn.handlers);
  return {
    services,
    models: [sqs.model, sns.model, events.model, sfn.model],
    engines: { queues, topics, mobile, executions },
    signer: sns.signer,
    setHost(h) {
      host = h;
    },
    close() {
      executions.close();
      sfn.close();
      events.close();
      sns.close();
      topics.close();
      queues.close();
    },
  };
}
