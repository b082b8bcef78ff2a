/**
 * Serves one AWS protocol request: context from SigV4 scope, parse by schema, run the
 * service handler, serialize the output or the AWS-shaped error. Never throws.
 */
import type { ServerResponse } from 'node:http';
import { constants as h2constants, Http2ServerResponse } from 'node:http2';
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
import { identifyUnserved, unservedMessage, UNSERVED_CODE, UNSERVED_STATUS } from './unserved.js';

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
  /** Run `rollback` once if the response does not reach the caller (see RequestContext.onUndelivered). */
  onUndelivered?(rollback: () => void): void;
}

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Event-loop turns a long poll answered with messages waits before writing (see dispatchAws). */
const HANG_UP_TURNS = 2;
/** How long after a long poll's answer a connection reset still undoes it. */
const RESET_WINDOW_MS = 1000;

/** Serve one detected AWS request over HTTP/1.1 or h2 (h2c.ts). */
export async function dispatchAws(d: Detected, raw: RawRequest, res: ServerResponse | Http2ServerResponse, deps: DispatchDeps): Promise<void> {
  if (res instanceof Http2ServerResponse) return dispatchAwsH2(d, raw, res, deps);
  // Watch for the hang-up from the start (a cheap listener), so a long poll that asks for its
  // abort signal later can never miss a close that already happened. The response closing
  // before we finished means the client hung up: what the handler handed out is undone.
  const socket = res.req.socket as ServedSocket;
  // A new request on the connection: its client read the previous answer.
  socket[DISARM_RESET]?.();
  const watch = new HangUpWatch();
  res.once('close', () => {
    if (res.writableFinished) return;
    watch.hangUp();
    watch.undo();
  });
  // The server ends a socket whose peer ended it (no half-open HTTP) as soon as it reads the
  // FIN, long before the response's 'close': nothing can be written once it is not writable.
  const gone = (): boolean => watch.hungUp || res.destroyed || !socket.writable;
  const hangUp = (): void => watch.hangUp();
  const { wire, answersPoll } = await serveWatched(d, raw, deps, watch, gone, () => socket.once('end', hangUp));
  if (watch.longPoll) socket.off('end', hangUp);
  if (gone()) {
    watch.undo();
    return;
  }
  res.writeHead(wire.status, wire.headers);
  // From here the response's 'close' before it finished writing undoes (above), and so does a
  // reset soon after: a client ends a connection it read with a FIN, but resets one that
  // still holds unread data (our answer, or bytes that reached it after it closed).
  res.end(wire.body);
  if (answersPoll) undoOnReset(socket, () => watch.undo());
}

/**
 * The same over an h2 stream. Hang-ups are per stream: the client resets it (RST_STREAM, what
 * an aborted SDK call sends) or the session goes away. A stream that closes with an error code,
 * before or after our answer was queued, did not deliver it: undo. One that closes cleanly
 * (both END_STREAMs) delivered it, so no reset window is needed.
 */
async function dispatchAwsH2(d: Detected, raw: RawRequest, res: Http2ServerResponse, deps: DispatchDeps): Promise<void> {
  const stream = res.stream;
  const watch = new HangUpWatch();
  stream.once('close', () => {
    if (stream.rstCode === h2constants.NGHTTP2_NO_ERROR && res.writableEnded) return;
    watch.hangUp();
    watch.undo();
  });
  const gone = (): boolean => watch.hungUp || stream.destroyed || stream.closed;
  const { wire } = await serveWatched(d, raw, deps, watch, gone, () => {});
  if (gone()) {
    watch.undo();
    return;
  }
  res.writeHead(wire.status, wire.headers);
  res.end(wire.body);
}

/** One request's hang-up state: the long poll's listener and the handler's rollback. */
class HangUpWatch {
  hungUp = false;
  longPoll = false;
  defer = false;
  onHangUp: (() => void) | undefined;
  rollback: (() => void) | undefined;
  hangUp(): void {
    if (this.hungUp) return;
    this.hungUp = true;
    this.onHangUp?.();
  }
  undo(): void {
    const r = this.rollback;
    this.rollback = undefined;
    r?.();
  }
}

/** serveAws with the watch as its lifecycle, then the wait that lets a late hang-up be read. */
async function serveWatched(
  d: Detected,
  raw: RawRequest,
  deps: DispatchDeps,
  watch: HangUpWatch,
  gone: () => boolean,
  watchLongPoll: () => void,
): Promise<{ wire: WireResponse; answersPoll: boolean }> {
  const wire = await serveAws(d, raw, deps, {
    aborted: gone,
    onAbort: (listener) => {
      watch.onHangUp = listener;
      // Only long polls ask: the peer's FIN stops the wait as soon as it is read.
      watch.longPoll = true;
      watchLongPoll();
    },
    deferResponse: () => {
      watch.defer = true;
    },
    onUndelivered: (fn) => {
      watch.rollback = fn;
    },
  });
  const answersPoll = watch.rollback !== undefined && watch.longPoll;
  if (answersPoll) {
    // A long poll answered with messages, typically woken by a send on another connection
    // while its own client was hanging up. Each setImmediate ends a turn of the event loop:
    // the first once the I/O already read in this turn is handled (a hang-up read just after
    // the send), the second after one more read of the sockets (a hang-up sent just after it).
    for (let i = 0; i < HANG_UP_TURNS; i++) await nextTurn();
  } else if (watch.defer) {
    // The woken long polls answer after HANG_UP_TURNS turns; one more puts this after them.
    for (let i = 0; i <= HANG_UP_TURNS; i++) await nextTurn();
  }
  return { wire, answersPoll };
}

const DISARM_RESET = Symbol('signalbox.disarmReset');
type ServedSocket = ServerResponse['req']['socket'] & { [DISARM_RESET]?: () => void };

/** Undo if the connection closes with an error (a reset) before the client sends another
 * request on it, within RESET_WINDOW_MS. */
function undoOnReset(socket: ServedSocket, undo: () => void): void {
  const onClose = (hadError: boolean): void => {
    disarm();
    if (hadError) undo();
  };
  const timer = setTimeout(() => disarm(), RESET_WINDOW_MS);
  timer.unref();
  const disarm = (): void => {
    clearTimeout(timer);
    socket.off('close', onClose);
    if (socket[DISARM_RESET] === disarm) socket[DISARM_RESET] = undefined;
  };
  socket.once('close', onClose);
  socket[DISARM_RESET] = disarm;
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

  private rollbacks: (() => void)[] | undefined;

  onUndelivered(rollback: () => void): void {
    (this.rollbacks ??= []).push(rollback);
  }

  /** Every registered rollback as one function that runs them once, or undefined. */
  takeRollback(): (() => void) | undefined {
    const fns = this.rollbacks;
    this.rollbacks = undefined;
    if (!fns) return undefined;
    return () => {
      for (const fn of fns.splice(0)) fn();
    };
  }

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
  let failed = false;
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
    failed = true;
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
  // An error answer carries none of what the handler took; else the transport decides.
  const rollback = ctx.takeRollback();
  if (rollback) {
    if (failed) rollback();
    else lifecycle.onUndelivered?.(rollback);
  }
  const headers = wire.headers;
  headers['x-amzn-requestid'] = requestId;
  headers['content-length'] = String(Buffer.byteLength(wire.body));
  return wire;
}

/**
 * The error for a request no service model claimed but that is signed or targeted at an AWS API
 * (one we do not serve), or `undefined` when it does not look like an AWS request at all. The
 * HTTP server answers these in the caller's own protocol (unserved.ts); this AwsError is for
 * transports that write errors through serializeError (the in-process bridge).
 */
export function unservedApi(raw: RawRequest, models: readonly ServiceModel[]): AwsError | undefined {
  const call = identifyUnserved(raw);
  if (!call) return undefined;
  return new AwsError({
    name: UNSERVED_CODE,
    status: UNSERVED_STATUS,
    message: unservedMessage(call, models),
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
