/**
 * `createSignalbox(options)` builds one fully isolated emulator (design §4): its own clock,
 * scheduler, engines and services. No module-level state; `close()` ends it all.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { systemClock, type Clock } from './core/clock.js';
import { nodeTimers, Scheduler } from './core/scheduler.js';
import { createLogger, type Logger, type LogLevel } from './core/logger.js';
import type { Randomness } from './core/ids.js';
import { loadMockConfig } from './engines/statemachine/mock-config.js';
import { readFile } from 'node:fs/promises';
import { createServiceGraph, type ServiceGraph } from './services/wire.js';
import type { Express } from 'express';
import { applyResources, loadConfigFile, type ResourcesConfig } from './config/index.js';
import { createHttpServer } from './server/http-server.js';
import { createSignatureCheck, type VerifySignaturesOptions } from './server/signature-check.js';
import { createFrontDoor } from './server/front-door.js';
import { bridgeClientClass, InProcessHandler, type Bridge, type BridgeableClient, type BridgeableClientClass } from './server/in-process.js';

export interface SignalboxOptions {
  /** Resources to create at startup, idempotently and in dependency order (same format as a config file's `resources`). */
  resources?: ResourcesConfig;
  /** A YAML or JSON config file to seed from (what `--config` / SIGNALBOX_CONFIG pass). */
  config?: string;
  /** Default region when a request is not signed (default us-east-1). */
  region?: string;
  /** Account used unless the access key is a 12-digit account id (default 000000000000). */
  account?: string;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Inject a clock (tests); default the system clock. */
  clock?: Clock;
  /** Inject the engines' ids and randomness (tests: `seededRandomness(seed)` from src/core/ids); default node:crypto. */
  random?: Randomness;
  /**
   * Step Functions Local mock config (file path, or the parsed object): test cases selected with
   * `StartExecution` on `stateMachineArn#TestCaseName`. The CLI passes `--sfn-mock-config` / SFN_MOCK_CONFIG.
   */
  sfnMockConfig?: string | object;
  /**
   * Multiplies Step Functions Wait durations, retry intervals and timeouts (default 1; 0 = no
   * waiting at all, 0.01 = a hundred times faster), like Step Functions Local's -waitTimeScale.
   */
  sfnWaitTimeScale?: number;
  /**
   * Check the SigV4 signature of every AWS API request over HTTP against these access keys (off
   * by default): unsigned requests, unknown keys, wrong secrets and skewed clocks get AWS's
   * errors. The developer endpoints (`/_signalbox/*`) and in-process bridge calls are not checked.
   */
  verifySignatures?: VerifySignaturesOptions;
  /**
   * Host names to answer besides the local ones (localhost, *.localhost, 127.0.0.1, [::1], the
   * listen address; bound to 0.0.0.0/:: also IP literals, this machine's name and single-label
   * names): exact names or `*.example.com`; `'*'` turns the Host check off. Other hosts get 403.
   */
  allowedHosts?: string | string[];
  /**
   * Browser origins allowed to call Signalbox (CORS) besides its own origin and local dev
   * servers (http(s)://localhost|127.0.0.1|[::1]|*.localhost on any port): `https://app.example`,
   * `http://host:*`, `https://*.example`; `'*'` allows every origin. Other origins get 403.
   */
  corsOrigins?: string | string[];
  /** Open connections beyond this get a 503 and are closed (default 1024). */
  maxConnections?: number;
  /** Time a client has to send a request's headers (default 10 000 ms) and the whole request (default 60 000 ms). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface Signalbox {
  readonly engines: ServiceGraph['engines'];
  readonly scheduler: Scheduler;
  readonly server: Server;
  /** Set once listening, e.g. http://127.0.0.1:4566 */
  url: string | undefined;
  /** Start serving; port 0 picks a free port. Resolves to the endpoint URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Route every command sent by any instance of an AWS SDK v3 client class (`SQSClient`,
   * `SNSClient`, `EventBridgeClient`, ...) to this Signalbox in process, with no sockets: same
   * validation, semantics and errors as over HTTP. Bridging a class again replaces the earlier
   * bridge; `restore()` (or `close()`) gives the class its real `send` back.
   */
  bridge<C extends BridgeableClient>(ClientClass: BridgeableClientClass<C>): Bridge;
  /** Stop timers, end waiting long polls, restore bridged clients, close sockets. */
  close(): Promise<void>;
}

export async function createSignalbox(options: SignalboxOptions = {}): Promise<Signalbox> {
  const defaults = { account: options.account ?? '000000000000', region: options.region ?? 'us-east-1' };
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  // Bad credentials fail here, before anything that needs closing is built.
  const checkSignature = options.verifySignatures ? createSignatureCheck(options.verifySignatures, logger) : undefined;
  const clock = options.clock ?? systemClock;
  const scheduler = new Scheduler(clock, nodeTimers);
  const mocks = options.sfnMockConfig === undefined ? undefined : await readMockConfig(options.sfnMockConfig);
  const graph = createServiceGraph({
    clock,
    scheduler,
    logger,
    defaults,
    sfnWaitTimeScale: options.sfnWaitTimeScale ?? 1,
    ...(options.random ? { random: options.random } : {}),
    // Step Functions executions continue on the next event-loop turn once their budget is spent.
    defer: (fn) => void setImmediate(fn),
    ...(mocks ? { sfnMocks: mocks } : {}),
  });
  const { services, models, engines } = graph;
  const { queues, mobile, executions } = engines;
  // Express (~100 ms to load) serves only the developer endpoints: load it on their first request.
  const startedAt = Date.now();
  let app: Promise<Express> | undefined;
  const developerApp = () =>
    (app ??= import('./server/developer-app.js').then((m) =>
      m.createDeveloperApp({ queues, mobile, executions, signer: graph.signer, startedAt, defaults, services: [...services.keys()], logger }),
    ));
  const frontDoor = createFrontDoor({
    ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.corsOrigins !== undefined ? { corsOrigins: options.corsOrigins } : {}),
    limits: { maxConnections: options.maxConnections, headersTimeoutMs: options.headersTimeoutMs, requestTimeoutMs: options.requestTimeoutMs },
  });
  const server = createHttpServer({ models, app: developerApp, services, defaults, logger, frontDoor, ...(checkSignature ? { checkSignature } : {}) });
  let inProcess: InProcessHandler | undefined;
  const bridges = new Map<BridgeableClientClass, Bridge>();

  const sb: Signalbox = {
    engines,
    scheduler,
    server,
    url: undefined,
    listen(port = 4566, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        frontDoor.hosts.bind(host);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          sb.url = `http://${shown}:${addr.port}`;
          graph.setHost(`${shown}:${addr.port}`);
          resolve(sb.url);
        });
      });
    },
    bridge(ClientClass) {
      bridges.get(ClientClass)?.restore();
      inProcess ??= new InProcessHandler({ models, services, defaults, logger });
      const inner = bridgeClientClass(ClientClass, inProcess, defaults.region);
      const bridge: Bridge = {
        restore() {
          inner.restore();
          if (bridges.get(ClientClass) === bridge) bridges.delete(ClientClass);
        },
      };
      bridges.set(ClientClass, bridge);
      return bridge;
    },
    async close() {
      for (const b of [...bridges.values()]) b.restore();
      graph.close();
      scheduler.close();
      if (server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    },
  };
  // Seeding goes through the services' own handlers, so AWS validation applies; a bad file or
  // resource stops startup with a ConfigError naming the file and key path.
  try {
    if (options.config !== undefined) {
      const config = await loadConfigFile(options.config);
      await applyResources(services, config.resources ?? {}, {
        account: config.account ?? defaults.account,
        region: config.region ?? defaults.region,
        source: options.config,
      });
    }
    if (options.resources !== undefined)
      await applyResources(services, options.resources, { ...defaults, source: 'createSignalbox({ resources })' });
  } catch (e) {
    await sb.close();
    throw e;
  }
  return sb;
}

async function readMockConfig(source: string | object) {
  if (typeof source === 'string') return loadMockConfig(await readFile(source, 'utf8'), source);
  return loadMockConfig(JSON.stringify(source), 'createSignalbox({ sfnMockConfig })');
}
