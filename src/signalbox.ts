/**
 * `createSignalbox(options)` builds one fully isolated emulator (design §4): its own clock,
 * scheduler, engines and services. No module-level state; `close()` ends it all.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { systemClock, type Clock } from './core/clock.js';
import { nodeTimers, Scheduler } from './core/scheduler.js';
import { createLogger, type Logger, type LogLevel } from './core/logger.js';
import { QueueEngine } from './engines/queue/index.js';
import { createSqsService } from './services/sqs/index.js';
import { createSnsService } from './services/sns/index.js';
import { createEventsService } from './services/events/index.js';
import { MobileStore } from './engines/topic/mobile/store.js';
import { TopicEngine } from './engines/topic/index.js';
import type { Handlers } from './services/context.js';
import type { Express } from 'express';
import { createHttpServer } from './server/http-server.js';
import type { ServiceModel } from '../protocols/index.js';

export interface SignalboxOptions {
  /** Default region when a request is not signed (default us-east-1). */
  region?: string;
  /** Account used unless the access key is a 12-digit account id (default 000000000000). */
  account?: string;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Inject a clock (tests); default the system clock. */
  clock?: Clock;
}

export interface Signalbox {
  readonly engines: { queues: QueueEngine; topics: TopicEngine; mobile: MobileStore };
  readonly scheduler: Scheduler;
  readonly server: Server;
  /** Set once listening, e.g. http://127.0.0.1:4566 */
  url: string | undefined;
  /** Start serving; port 0 picks a free port. Resolves to the endpoint URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stop timers, end waiting long polls, close sockets. */
  close(): Promise<void>;
}

export async function createSignalbox(options: SignalboxOptions = {}): Promise<Signalbox> {
  const defaults = { account: options.account ?? '000000000000', region: options.region ?? 'us-east-1' };
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const clock = options.clock ?? systemClock;
  const scheduler = new Scheduler(clock, nodeTimers);
  const queues = new QueueEngine({ clock, scheduler });

  const mobile = new MobileStore({ clock });
  const topics = new TopicEngine({ clock, scheduler });

  const sqs = createSqsService(queues);
  const sns = createSnsService({ topics, queues, mobile, clock, scheduler, logger });
  const events = createEventsService({ queues, topics, clock, scheduler, logger, defaults });
  const services = new Map<string, Handlers>([
    ['sqs', sqs.handlers],
    ['sns', sns.handlers],
    ['events', events.handlers],
  ]);
  const models: ServiceModel[] = [sqs.model, sns.model, events.model];
  // Express (~100 ms to load) serves only the developer endpoints: load it on their first request.
  const startedAt = Date.now();
  let app: Promise<Express> | undefined;
  const developerApp = () =>
    (app ??= import('./server/developer-app.js').then((m) =>
      m.createDeveloperApp({ queues, mobile, signer: sns.signer, startedAt, defaults, services: [...services.keys()] }),
    ));
  const server = createHttpServer({ models, app: developerApp, services, defaults, logger });

  const sb: Signalbox = {
    engines: { queues, topics, mobile },
    scheduler,
    server,
    url: undefined,
    listen(port = 4566, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          sb.url = `http://${shown}:${addr.port}`;
          resolve(sb.url);
        });
      });
    },
    async close() {
      events.close();
      sns.close();
      topics.close();
      queues.close();
      scheduler.close();
      if (server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    },
  };
  return sb;
}
