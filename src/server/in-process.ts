/**
 * The in-process bridge: every command sent by any instance of an AWS SDK v3 client class is
 * executed by this Signalbox's services directly, with no sockets.
 *
 * `aws-sdk-client-mock` stubs `send` on the class. The stub runs the real, unstubbed `send` on a
 * shadow client of the same class whose request handler turns the signed `HttpRequest` into a
 * `RawRequest` and runs the same detection and dispatch as the HTTP server. So serialization,
 * validation, errors (the SDK's own exception classes with `$metadata`), MD5 checks and long polls
 * behave exactly as over HTTP.
 */
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import type { mockClient as MockClient } from 'aws-sdk-client-mock';

// aws-sdk-client-mock (and sinon under it, ~90 ms to load) is only needed once a test bridges a
// client: load it then, synchronously, so the CLI's cold start does not pay for it.
let mockClientFn: typeof MockClient | undefined;
function mockClient(...args: Parameters<typeof MockClient>): ReturnType<typeof MockClient> {
  mockClientFn ??= (createRequire(import.meta.url)('aws-sdk-client-mock') as { mockClient: typeof MockClient }).mockClient;
  return mockClientFn(...args);
}
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { detect, type RawRequest, type ServiceModel, type WireResponse } from '../../protocols/index.js';
import { serveAws, unclaimedErrorResponse, unservedApi, type DispatchDeps } from './aws-dispatch.js';
import { AwsError } from '../../protocols/index.js';

/** The endpoint bridged clients talk to; queue URLs they get back use this host. */
export const BRIDGE_HOST = 'signalbox.internal';
const BRIDGE_ENDPOINT = `http://${BRIDGE_HOST}`;
const BRIDGE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'signalbox' };

export interface InProcessDeps extends DispatchDeps {
  models: ServiceModel[];
}

/** Any AWS SDK v3 client: what `bridge` needs of an instance. */
export interface BridgeableClient {
  send(...args: never[]): unknown;
}

/** An AWS SDK v3 client class, e.g. `SQSClient`, `SNSClient`, `EventBridgeClient`. */
export type BridgeableClientClass<C extends BridgeableClient = BridgeableClient> = abstract new (...args: never) => C;

/** A live bridge; `restore()` gives the class its real `send` back (idempotent). */
export interface Bridge {
  restore(): void;
}

/** What the SDK passes to a request handler. */
interface HandlerOptions {
  abortSignal?: AbortSignalLike;
  requestTimeout?: number;
}
interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
  onabort?: unknown;
}

type SendFn = (this: unknown, command: unknown, optionsOrCb?: unknown, cb?: unknown) => unknown;
type ShadowCtor = new (config: ShadowConfig) => { destroy?(): void };
interface ShadowConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
  /** Operations with an endpoint host prefix (SFN StartSyncExecution/TestState: `sync-`) keep the bridge host. */
  disableHostPrefix: boolean;
  requestHandler: InProcessHandler;
}
interface CallerConfig {
  region?: unknown;
}

function abortError(): Error {
  const err = new Error('Request aborted');
  err.name = 'AbortError';
  return err;
}

/** A smithy request handler that serves requests with this Signalbox, in process. */
export class InProcessHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(private readonly deps: InProcessDeps) {}

  async handle(request: HttpRequest, options: HandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const signal = options.abortSignal;
    if (signal?.aborted) throw abortError();
    const raw = await toRawRequest(request);
    const listeners: (() => void)[] = [];
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      for (const l of listeners.splice(0)) l();
    };
    let wire: Promise<WireResponse>;
    const detected = detect(raw, this.deps.models);
    if (detected) {
      wire = serveAws(detected, raw, this.deps, {
        aborted: () => aborted || Boolean(signal?.aborted),
        onAbort: (l) => listeners.push(l),
      });
    } else {
      const err =
        unservedApi(raw, this.deps.models) ??
        new AwsError({
          name: 'NotImplemented',
          status: 501,
          message: `Signalbox's in-process bridge serves AWS API requests only (got ${raw.method} ${raw.path}).`,
          namespace: 'com.amazon.coral.service',
        });
      wire = Promise.resolve(unclaimedErrorResponse(raw.headers, this.deps.models, err));
    }
    if (!signal) return { response: toHttpResponse(await wire) };
    return new Promise((resolve, reject) => {
      const abortListener = (): void => {
        onAbort();
        reject(abortError());
      };
      if (signal.addEventListener) signal.addEventListener('abort', abortListener, { once: true });
      else signal.onabort = abortListener;
      wire.then(
        (w) => {
          signal.removeEventListener?.('abort', abortListener);
          if (!aborted) resolve({ response: toHttpResponse(w) });
        },
        (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
      );
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

async function toRawRequest(req: HttpRequest): Promise<RawRequest> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) query.append(k, item);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  headers.host ??= req.port ? `${req.hostname}:${req.port}` : req.hostname;
  return { method: req.method, path: req.path, query: query.toString(), headers, body: await bodyBytes(req.body) };
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const c of body as AsyncIterable<unknown>) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c as Uint8Array));
    return Buffer.concat(chunks);
  }
  throw new TypeError(`Signalbox's in-process bridge cannot read a request body of type ${typeof body}`);
}

function toHttpResponse(wire: WireResponse): HttpResponse {
  const bytes = Buffer.from(wire.body, 'utf8');
  // A stream, as the node HTTP handler returns: every SDK body deserializer accepts it.
  return new HttpResponse({ statusCode: wire.status, headers: { ...wire.headers }, body: Readable.from([bytes]) });
}

/**
 * Route every `send` of `ClientClass` instances to `handler`. A shadow client per region keeps
 * the caller's region (so ARNs and queue URLs match it); credentials are fixed (account = the
 * Signalbox default) so no credential provider ever runs.
 */
export function bridgeClientClass(ClientClass: BridgeableClientClass, handler: InProcessHandler, defaultRegion: string): Bridge {
  const proto = (ClientClass as unknown as { prototype: { send: SendFn } }).prototype;
  const shadows = new Map<string, { send: SendFn; destroy?(): void }>();
  const shadowFor = (region: string) => {
    let shadow = shadows.get(region);
    if (!shadow) {
      const Ctor = ClientClass as unknown as ShadowCtor;
      shadow = new Ctor({ region, endpoint: BRIDGE_ENDPOINT, credentials: BRIDGE_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true, requestHandler: handler }) as unknown as {
        send: SendFn;
        destroy?(): void;
      };
      shadows.set(region, shadow);
    }
    return shadow;
  };
  const run = async (caller: unknown, command: unknown, options: unknown): Promise<unknown> => {
    const region = await callerRegion(caller, defaultRegion);
    return realSend.call(shadowFor(region), command, options);
  };

  // mockClient first undoes any earlier stub of the class (another Signalbox's bridge, a test's
  // own mock), so the stub's wrapped method is the SDK's real `send`.
  const mock = mockClient(ClientClass as unknown as Parameters<typeof MockClient>[0]);
  const stub = mock.send as unknown as { callsFake(fn: SendFn): void; wrappedMethod: SendFn };
  const realSend = stub.wrappedMethod;
  stub.callsFake(function (this: unknown, command: unknown, optionsOrCb?: unknown, cb?: unknown): unknown {
    const callback = (typeof optionsOrCb === 'function' ? optionsOrCb : cb) as ((err: unknown, out?: unknown) => void) | undefined;
    const options = typeof optionsOrCb === 'function' ? undefined : optionsOrCb;
    const result = run(this, command, options);
    if (typeof callback !== 'function') return result;
    result.then(
      (out) => callback(null, out),
      (err: unknown) => callback(err),
    );
    return undefined;
  });
  const installed = proto.send;
  let restored = false;
  return {
    restore() {
      if (restored) return;
      restored = true;
      // Only undo our own stub: another bridge (or a test's own mock) may have replaced it since.
      if (proto.send === installed) mock.restore();
      for (const s of shadows.values()) s.destroy?.();
      shadows.clear();
    },
  };
}

async function callerRegion(caller: unknown, fallback: string): Promise<string> {
  const config = (caller as { config?: CallerConfig } | undefined)?.config;
  const region = config?.region;
  try {
    const value: unknown = typeof region === 'function' ? await (region as () => unknown)() : region;
    return typeof value === 'string' && value ? value : fallback;
  } catch {
    return fallback;
  }
}
