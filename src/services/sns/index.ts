/**
 * The SNS service: AWS operation names → handlers over the topic engine, the mobile store
 * (SMS, platform applications, captured email) and the delivery machinery.
 *
 * LIMITATIONS: topic and subscription policies are stored, not enforced; KMS attributes are
 * stored, messages are not encrypted; lambda and firehose subscriptions are accepted but not
 * delivered (no such services yet); AWS-managed endpoints (SQS) are not retried for days: a
 * message a queue refuses goes to the subscription's dead-letter queue at once.
 */
import { snsModel } from '../../../protocols/index.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Scheduler } from '../../core/scheduler.js';
import type { QueueEngine } from '../../engines/queue/index.js';
import type { TopicEngine } from '../../engines/topic/index.js';
import type { MobileStore } from '../../engines/topic/mobile/store.js';
import { mapHandlerErrors, type Handlers } from '../context.js';
import { createDeliveryPort } from './deliver.js';
import { createHttpDelivery, type HttpDelivery } from './delivery/index.js';
import { mapStoreError, mobileOperations } from './mobile/index.js';
import { publishOperations } from './publish-operations.js';
import { createSnsSigner, type SnsSigner } from './signing/index.js';
import { subscriptionOperations } from './subscription-operations.js';
import { topicOperations } from './topic-operations.js';
import type { SameKeys, SnsHandlers, SnsOperationName } from './types.js';

export interface SnsServiceDeps {
  topics: TopicEngine;
  queues: QueueEngine;
  mobile: MobileStore;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
}

export interface SnsService {
  model: typeof snsModel;
  handlers: Handlers;
  signer: SnsSigner;
  http: HttpDelivery;
  close(): void;
}

export function createSnsService(deps: SnsServiceDeps): SnsService {
  const signer = createSnsSigner();
  const http = createHttpDelivery({ scheduler: deps.scheduler });
  deps.topics.connect(createDeliveryPort({ ...deps, http, signer }));
  const mobile = mobileOperations(deps.mobile);
  const typed = {
    ...topicOperations(deps.topics),
    ...subscriptionOperations({ ...deps, http, signer }),
    ...publishOperations(deps.topics, deps.mobile),
    ...mobile,
  } satisfies SnsHandlers;
  // Every operation of the model, and nothing else: a missing (or extra) handler is a compile error.
  const covers: SameKeys<keyof typeof typed, SnsOperationName> = true;
  void covers;
  const handlers: Handlers = {
    ...untyped(typed),
    // Store domain errors of the mobile operations become their AWS errors (sync handlers).
    ...mapHandlerErrors(untyped(mobile), mapStoreError),
  };
  return { model: snsModel, handlers, signer, http, close: () => http.close() };
}

/**
 * The one boundary between SNS's typed handlers and the server's untyped dispatch map
 * (`Handlers`, keyed by operation name): the query parser builds each input from that same
 * operation's SDK schema, so the record it hands a handler is the operation's typed input.
 * This is the only cast of a handler in the service.
 */
function untyped(handlers: Partial<SnsHandlers>): Handlers {
  return handlers as unknown as Handlers;
}
