/**
 * Test helpers: the service graph of one emulator (the same createServiceGraph that
 * createSignalbox() wraps), and a handler map that sends every operation over HTTP with the AWS SDK.
 */
import { rmSync } from 'node:fs';
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
import type { QueueEngine } from '../../src/engines/queue/index.js';
import type { ExecutionEngine } from '../../src/engines/statemachine/execution/engine.js';
import { createServiceGraph } from '../../src/services/wire.js';
import type { Handlers } from '../../src/services/context.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const DEFAULTS = { account: '000000000000', region: 'us-east-1' };

export interface Services {
  handlers: Map<string, Handlers>;
  queues: QueueEngine;
  executions: ExecutionEngine;
  close(): void;
}

export function createServices(): Services {
  const scheduler = new Scheduler(systemClock, nodeTimers);
  const graph = createServiceGraph({ clock: systemClock, scheduler, logger: createLogger('error'), defaults: DEFAULTS });
  return {
    handlers: graph.services,
    queues: graph.engines.queues,
    executions: graph.engines.executions,
    close() {
      graph.close();
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

/** A fresh temp dir, removed when the test process exits (no litter in /tmp across runs). */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'signalbox-config-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Write `text` to a fresh temp dir as `name`; returns the path. */
export async function writeTemp(name: string, text: string): Promise<string> {
  const dir = await tempDir();
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}
