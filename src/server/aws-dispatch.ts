/**
 * Serves one AWS protocol request: context from SigV4 scope, parse by schema, run the
 * service handler, serialize the output or the AWS-shaped error. Never throws.
 */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  AwsError,
  credentialScope,
  internalFailure,
  isAwsError,
  parseInput,
  serializeError,
  serializeOutput,
  unknownOperation,
  type Detected,
  type RawRequest,
  type ServiceModel,
  type WireResponse,
} from '../../protocols/index.js';
import type { Handlers, RequestContext } from '../services/context.js';
import type { Logger } from '../core/logger.js';
import type { SignatureCheck } from './signature-check.js';

export interface DispatchDeps {
  services: Map<string, Handlers>;
  defaults: { account: string; region: string };
  logger: Logger;
  /** `verifySignatures` is on: the signature is checked before the input is parsed. */
  checkSignature?: SignatureCheck;
}

function notImplemented(service: string, op: string): AwsError {
  return new AwsError({
    name: 'NotImplemented',
    status: 501,
    message: `Signalbox does not implement ${service}.${op} yet.`,
    namespace: 'com.amazon.coral.service',
  });
}

/**
 * How the transport tells a request that its caller went away (the socket closed, the SDK call
 * was aborted): long polls stop waiting.
 */
export interface RequestLifecycle {
  /** The caller is already gone. */
  aborted(): boolean;
  /** Call `listener` once if the caller goes away before the response is complete. */
  onAbort(listener: () => void): void;
  /** The handler woke long polls: write this response after theirs (see RequestContext). */
  deferResponse?(): void;
}

/** Serve one detected AWS request over HTTP. */
export async function dispatchAws(d: Detected, raw: RawRequest, res: ServerResponse, deps: DispatchDeps): Promise<void> {
  // Watch for the hang-up from the start (a cheap listener), so a long poll that asks for its
  // abort signal later can never miss a close that already happened. The response closing
  // before we finished means the client hung up.
  let hungUp = false;
  let onHangUp: (() => void) | undefined;
  res.once('close', () => {
    if (res.writableFinished) return;
    hungUp = true;
    onHangUp?.();
  });
  let defer = false;
  const wire = await serveAws(d, raw, deps, {
    aborted: () => hungUp || res.destroyed,
    onAbort: (listener) => {
      onHangUp = listener;
    },
    deferResponse: () => {
      defer = true;
    },
  });
  // The woken long polls answer through promise chains; setImmediate runs after all of them.
  if (defer) await new Promise<void>((resolve) => setImmediate(resolve));
  if (res.destroyed) return;
  res.writeHead(wire.status, wire.headers);
  res.end(wire.body);
}

/**
 * A request's context. A class (not a literal with a getter) keeps the per-request object cheap;
 * only long polls ask for `signal`, so the AbortController is made on first use.
 */
class DispatchContext implements RequestContext {
  traceHeader?: string;
  respondAfterWaiters?: boolean;
  private abort: AbortController | undefined;
  constructor(
    readonly requestId: string,
    readonly account: string,
    readonly region: string,
    readonly accessKey: string,
    readonly host: string,
    readonly protocol: RequestContext['protocol'],
    private readonly lifecycle: RequestLifecycle,
  ) {}

  get signal(): AbortSignal {
    if (!this.abort) {
      const ac = (this.abort = new AbortController());
      if (this.lifecycle.aborted()) ac.abort();
      else this.lifecycle.onAbort(() => ac.abort());
    }
    return this.abort.signal;
  }
}

/**
 * Serve one detected AWS request without any transport: the response (output or AWS-shaped
 * error) with `x-amzn-requestid` and `content-length` set. Never throws.
 */
export async function serveAws(d: Detected, raw: RawRequest, deps: DispatchDeps, lifecycle: RequestLifecycle): Promise<WireResponse> {
  const started = performance.now();
  const requestId = randomUUID();
  const scope = credentialScope(raw.headers, raw.query);
  const accessKey = scope?.accessKey ?? 'AKIAIOSFODNN7EXAMPLE';
  const ctx = new DispatchContext(
    requestId,
    /^\d{12}$/.test(accessKey) ? accessKey : deps.defaults.account,
    scope?.region ?? deps.defaults.region,
    accessKey,
    (raw.headers.host as string | undefined) ?? '127.0.0.1:4566',
    d.protocol,
    lifecycle,
  );
  const trace = raw.headers['x-amzn-trace-id'];
  if (typeof trace === 'string' && trace) ctx.traceHeader = trace;

  let wire: WireResponse;
  try {
    if (!d.operation) throw unknownOperation(d);
    const denied = deps.checkSignature?.(d, raw);
    if (denied) throw denied;
    const handlers = deps.services.get(d.model.id);
    // Query clients (and .NET/Java v1) may post to the queue URL path instead of sending QueueUrl.
    if (d.protocol === 'query' && d.model.id === 'sqs' && d.params && !d.params.has('QueueUrl') && /^\/\d{12}\/[^/]+\/?$/.test(raw.path)) {
      d.params.set('QueueUrl', `http://${ctx.host}${raw.path.replace(/\/$/, '')}`);
    }
    const input = parseInput(d, raw);
    const handler = handlers?.[d.operation];
    if (!handler) throw notImplemented(d.model.label, d.operation);
    // Most handlers answer synchronously; only await real promises (long polls, deliveries).
    const result = handler(input, ctx);
    const output = result instanceof Promise ? await result : result;
    wire = serializeOutput(d, output, requestId);
  } catch (e) {
    let err: AwsError;
    if (isAwsError(e)) err = e;
    else {
      deps.logger.error(`${d.model.id}.${d.operation} failed unexpectedly (request ${requestId})`, e);
      err = internalFailure();
    }
    wire = serializeError(d.model, d.protocol, err, requestId);
    if (err.status >= 500 || deps.logger.enabled('debug'))
      deps.logger.info(`${d.model.label}.${d.operation || '?'} → ${err.status} ${err.code}: ${err.message}`);
  }
  if (deps.logger.enabled('debug'))
    deps.logger.debug(`${d.model.label}.${d.operation} (${d.protocol}) ${wire.status} ${(performance.now() - started).toFixed(1)}ms`);
  if (ctx.respondAfterWaiters) lifecycle.deferResponse?.();
  const headers = wire.headers;
  headers['x-amzn-requestid'] = requestId;
  headers['content-length'] = String(Buffer.byteLength(wire.body));
  return wire;
}

/**
 * The error for a request no service model claimed but that is signed or targeted at an AWS API
 * (one we do not serve), or `undefined` when it does not look like an AWS request at all.
 */
export function unservedApi(raw: RawRequest, models: readonly ServiceModel[]): AwsError | undefined {
  const target = raw.headers['x-amz-target'];
  const scope = credentialScope(raw.headers, raw.query);
  if (!target && !scope) return undefined;
  const what = typeof target === 'string' && target ? target : `${scope?.service ?? 'unknown'} ${raw.method} ${raw.path}`;
  const served = models.map((m) => m.label).join(', ');
  return new AwsError({
    name: 'NotImplemented',
    status: 501,
    message: `Signalbox does not serve this API yet (${what}). It serves: ${served}.`,
    namespace: 'com.amazon.coral.service',
  });
}

/** An error for a request no service model claimed: JSON for JSON clients, else query XML. */
export function unclaimedErrorResponse(headers: RawRequest['headers'], models: readonly ServiceModel[], err: AwsError): WireResponse {
  const requestId = randomUUID();
  const json = String(headers['content-type'] ?? '').includes('json') || Boolean(headers['x-amz-target']);
  const model = models[0]!;
  const wire = serializeError({ ...model, queryCompatible: false }, json ? 'json' : 'query', err, requestId);
  wire.headers['x-amzn-requestid'] = requestId;
  return wire;
}
