/**
 * The one port (design §1–2): plain `node:http` reads the bytes and dispatches AWS protocol
 * requests directly; anything else is handed to the express developer app. Every request first
 * passes the front door (front-door.ts: Host, browser origin, CORS, URL length); bodies are
 * limited per service and connections, headers and slow clients by limits.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import { detect, serializeError, type AwsError, type RawRequest, type ServiceModel } from '../../protocols/index.js';
import { dispatchAws, unservedApi, type DispatchDeps } from './aws-dispatch.js';
import { admit, createFrontDoor, headerShapedError, type FrontDoor } from './front-door.js';
import { bodyLimit, MAX_BODY_BYTES, MAX_HEADER_BYTES, rawErrorResponse, requestTooLarge, serviceFromHeaders } from './limits.js';

export interface HttpServerDeps extends DispatchDeps {
  models: ServiceModel[];
  /** The express developer app, created on first use. */
  app: () => Promise<Express>;
  /** Host, origin and limit settings (default: local hosts and dev-server origins only). */
  frontDoor?: FrontDoor;
}

export function createHttpServer(deps: HttpServerDeps): Server {
  const door = deps.frontDoor ?? createFrontDoor();
  const { limits } = door;
  // Node refuses a headers timeout longer than a (non-zero) request timeout.
  const headersTimeout = limits.requestTimeoutMs > 0 ? Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) : limits.headersTimeoutMs;
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for requests past those timeouts (its default is every 30 s).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor((headersTimeout || 2000) / 2))),
    },
    (req, res) => handle(req, res, deps, door),
  );
  // SDKs keep sockets alive; Node's 5 s default makes them hit ECONNRESET after idle gaps. The
  // idle time between requests is not bounded by headersTimeout (that starts with a request).
  server.keepAliveTimeout = 65_000;
  limitConnections(server, limits.maxConnections, deps);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket));
  return server;
}

/** Beyond `max` open connections, new ones get a 503 (SDKs retry it with backoff) and are closed. */
function limitConnections(server: Server, max: number, deps: HttpServerDeps): void {
  let open = 0;
  let warned = false;
  // Prepended: runs before Node's HTTP parser is attached to the socket.
  server.prependListener('connection', (socket: Socket) => {
    if (open >= max) {
      if (!warned) deps.logger.warn(`refusing connections beyond --max-connections ${max}`);
      warned = true;
      (socket as Socket & { [REFUSED]?: true })[REFUSED] = true;
      socket.on('error', () => socket.destroy());
      socket.end(
        rawErrorResponse(503, 'Service Unavailable', 'ServiceUnavailable', `Signalbox already has ${max} open connections (--max-connections); try again later.`),
      );
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    open++;
    socket.once('close', () => {
      open--;
      if (open < max) warned = false;
    });
  });
}

const REFUSED = Symbol('refused connection');

/** Errors Node finds before a request exists: header overflow, slow clients, malformed requests. */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const inProgress = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  let raw: string;
  if (err.code === 'HPE_HEADER_OVERFLOW')
    raw = rawErrorResponse(431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLarge', `The request line and headers are larger than ${MAX_HEADER_BYTES} bytes.`);
  else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    raw = rawErrorResponse(408, 'Request Timeout', 'RequestTimeout', 'The request was not received in time; the connection is closed.');
  else raw = rawErrorResponse(400, 'Bad Request', 'BadRequest', `The request is not valid HTTP/1.1 (${err.code ?? 'parse error'}).`);
  socket.end(raw);
  setTimeout(() => socket.destroy(), 1000).unref();
}

function handle(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, door: FrontDoor): void {
  if ((req.socket as Socket & { [REFUSED]?: true })[REFUSED]) {
    res.destroy();
    return;
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : '';
  if (admit(req, res, door, deps.models, path)) return;
  // Developer endpoints go straight to express without buffering (it limits its own bodies).
  if (path.startsWith('/_signalbox/')) {
    serveDeveloper(req, res, deps);
    return;
  }
  const announced = serviceFromHeaders(req.headers, query);
  let limit = bodyLimit(announced);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    // Not worth draining: answer and close.
    sendError(req, res, deps, query, requestTooLarge(limit), { connection: 'close' });
    req.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      sendError(req, res, deps, query, requestTooLarge(limit), { connection: 'close' });
      req.destroy();
      return;
    }
    // Past the limit, keep reading (and dropping) to the end so the 413 reaches the client
    // before the connection is reused, instead of a reset mid-upload.
    if (size > limit) over = true;
    if (!over) chunks.push(c);
  });
  req.on('end', () => {
    if (res.writableEnded) return;
    if (over) {
      sendError(req, res, deps, query, requestTooLarge(limit), {});
      return;
    }
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
    };
    const detected = detect(raw, deps.models);
    if (detected) {
      // A form post names its service only in the body: its own limit applies now.
      limit = bodyLimit(detected.model.id);
      if (raw.body.length > limit) {
        const requestId = randomUUID();
        const wire = serializeError(detected.model, detected.protocol, requestTooLarge(limit), requestId);
        res.writeHead(wire.status, { ...wire.headers, 'x-amzn-requestid': requestId, 'content-length': String(Buffer.byteLength(wire.body)) });
        res.end(wire.body);
        return;
      }
      void dispatchAws(detected, raw, res, deps);
      return;
    }
    // Signed or targeted at an AWS API we do not serve: say so in the protocol's own shape.
    const unserved = unservedApi(raw, deps.models);
    if (unserved) {
      sendError(req, res, deps, query, unserved, {});
      return;
    }
    serveDeveloper(req, res, deps);
  });
  req.on('error', () => res.destroy());
}

function serveDeveloper(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps): void {
  deps.app().then(
    (app) => app(req, res),
    (e: unknown) => {
      deps.logger.error('the developer app failed to load', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'InternalFailure', message: 'The developer endpoints failed to load; see the server log.' }));
    },
  );
}

/** An error for a request before (or without) a detected operation, in the protocol its headers announce. */
function sendError(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, query: string, err: AwsError, extra: Record<string, string>): void {
  if (res.headersSent) return;
  const wire = headerShapedError(req.headers, query, deps.models, err);
  res.writeHead(wire.status, { ...wire.headers, ...extra });
  res.end(wire.body);
}
