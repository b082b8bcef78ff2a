/**
 * Test helpers: the services of one emulator wired like createSignalbox() does (its handler map
 * is not exposed yet), and a handler map that sends every operation over HTTP with the AWS SDK.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sqsSdk from '@aws-sdk/client-sqs';
import * as snsSdk from '@aws-sdk/client-sns';
import * as ebSdk from '@aws-sdk/client-eventbridge';
import * as sfnSdk from '@aws-sdk/client-sfn';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { nodeTimers, Scheduler } from '../../src/core/scheduler.js';
import { QueueEngine } from '../../src/engines/queue/index.js';
import { TopicEngine } from '../../src/engines/topic/index.js';
import { MobileStore } from '../../src/engines/topic/mobile/store.js';
import { ExecutionEngine } from '../../src/engines/statemachine/execution/engine.js';
import type { Handlers } from '../../src/services/context.js';
import { createEventsService } from '../../src/services/events/index.js';
import { createSnsService } from '../../src/services/sns/index.js';
import { createSqsService } from '../../src/services/sqs/index.js';
import { createSfnService } from '../../src/services/sfn/index.js';
import { createTaskPort } from '../../src/services/sfn/integrations/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const DEFAULTS = { account: '000000000000', region: 'us-east-1' };

export interface Services {
  handlers: Map<string, Handlers>;
  queues: QueueEngine;
  executions: ExecutionEngine;
  close(): void;
}

export function createServices(): Services {
  const logger = createLogger('error');
  const clock = systemClock;
  const scheduler = new Scheduler(clock, nodeTimers);
  const queues = new QueueEngine({ clock, scheduler });
  const mobile = new MobileStore({ clock });
  const topics = new TopicEngine({ clock, scheduler });
  const sqs = createSqsService(queues);
  const sns = createSnsService({ topics, queues, mobile, clock, scheduler, logger });
  const handlers = new Map<string, Handlers>();
  const callService = async (service: string, operation: string, input: Record<string, unknown>, ctx: { account: string; region: string }) => {
    const handler = handlers.get(service)?.[operation];
    if (!handler) throw new Error(`${service}.${operation} is not served`);
    return handler(input, { requestId: 'r', ...ctx, accessKey: ctx.account, host: '127.0.0.1:4566', protocol: 'json', signal: new AbortController().signal });
  };
  const executions: ExecutionEngine = new ExecutionEngine({
    clock,
    scheduler,
    logger,
    tasks: createTaskPort({ call: callService, awaitExecution: (arn, signal) => executions.awaitEnd(arn, signal) }, { now: () => new Date(clock.now()) }),
  });
  const sfn = createSfnService({ clock, scheduler, logger, defaults: DEFAULTS, executions });
  const events = createEventsService({
    queues,
    topics,
    clock,
    scheduler,
    logger,
    defaults: DEFAULTS,
    startExecution: (stateMachineArn, input) => callService('states', 'StartExecution', { stateMachineArn, input }, DEFAULTS),
  });
  handlers.set('sqs', sqs.handlers).set('sns', sns.handlers).set('events', events.handlers).set('states', sfn.handlers);
  return {
    handlers,
    queues,
    executions,
    close() {
      executions.close();
      sfn.close();
      events.close();
      sns.close();
      topics.close();
      queues.close();
      scheduler.close();
    },
  };
}

type Sendable = { send(command: unknown): Promise<unknown> };

/** Handlers that run each operation as `new <Op>Command(input)` through an SDK client. */
function sdkHandlers(client: Sendable, sdk: Record<string, unknown>): Handlers {
  return new Proxy({} as Handlers, {
    get(_, op) {
      const Command = sdk[`${String(op)}Command`] as (new (input: unknown) => unknown) | undefined;
      if (!Command) return undefined;
      return (input: Record<string, unknown>) => client.send(new Command(input));
    },
  });
}

export interface SdkClients {
  sqs: sqsSdk.SQSClient;
  sns: snsSdk.SNSClient;
  events: ebSdk.EventBridgeClient;
  sfn: sfnSdk.SFNClient;
  handlers: Map<string, Handlers>;
  destroy(): void;
}

export function sdkClients(endpoint: string): SdkClients {
  const config = { endpoint, region: DEFAULTS.region, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } };
  const sqs = new sqsSdk.SQSClient(config);
  const sns = new snsSdk.SNSClient(config);
  const events = new ebSdk.EventBridgeClient(config);
  const sfn = new sfnSdk.SFNClient(config);
  return {
    sqs,
    sns,
    events,
    sfn,
    handlers: new Map<string, Handlers>([
      ['sqs', sdkHandlers(sqs as unknown as Sendable, sqsSdk as unknown as Record<string, unknown>)],
      ['sns', sdkHandlers(sns as unknown as Sendable, snsSdk as unknown as Record<string, unknown>)],
      ['events', sdkHandlers(events as unknown as Sendable, ebSdk as unknown as Record<string, unknown>)],
      ['states', sdkHandlers(sfn as unknown as Sendable, sfnSdk as unknown as Record<string, unknown>)],
    ]),
    destroy() {
      sfn.destroy();
      sqs.destroy();
      sns.destroy();
      events.destroy();
    },
  };
}

/** Write `text` to a fresh temp dir as `name`; returns the path. */
export async function writeTemp(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'signalbox-config-'));
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}
