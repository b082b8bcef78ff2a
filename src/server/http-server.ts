/**
 * The one port (design §1–2): plain `node:http` reads the bytes and dispatches AWS protocol
 * requests directly; anything else is handed to the express developer app. Connections that
 * open with the HTTP/2 preface are served by `node:http2` on the same port (h2c.ts), through
 * the same handler. Every request first passes the front door (front-door.ts: Host, browser
 * origin, CORS, URL length); bodies are limited per service and connections, headers and slow
 * clients by limits.ts. A request for an AWS service we do not serve is answered in its own
 * protocol (unserved.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { constants as h2constants, Http2ServerResponse, type Http2ServerRequest } from 'node:http2';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import { detect, internalFailure, serializeError, type AwsError, type RawRequest, type ServiceModel } from '../../protocols/index.js';
import { dispatchAws, type DispatchDeps } from './aws-dispatch.js';
import { admit, createFrontDoor, headerShapedError, type FrontDoor } from './front-door.js';
import { answerJson, proxyToHttp1, serveH2c } from './h2c.js';
import { identifyUnserved, serviceLabel, unservedMessage, unservedResponse } from './unserved.js';
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
    (req, res) => handle(req, res, deps, door, server),
  );
  // SDKs keep sockets alive; Node's 5 s default makes them hit ECONNRESET after idle gaps. The
  // idle time between requests is not bounded by headersTimeout (that starts with a request).
  server.keepAliveTimeout = 65_000;
  // Before limitConnections: the sniff takes over the server's 'connection' listeners.
  serveH2c(server, {
    firstBytesTimeoutMs: headersTimeout,
    requestTimeoutMs: limits.requestTimeoutMs,
    idleTimeoutMs: server.keepAliveTimeout,
    onRequest: (req, res) => handle(req, res, deps, door, server),
    onRequestTimeout: (res) => {
      answerJson(res, 408, 'RequestTimeout', 'The request was not received in time; the stream is closed.');
    },
    isRefused: (socket) => (socket as Socket & { [REFUSED]?: true })[REFUSED] === true,
    refuseHttp1: (socket) => refuseSocket(socket, limits.maxConnections),
    refuseH2: (res) => {
      answerJson(res, 503, 'ServiceUnavailable', refusedMessage(limits.maxConnections));
    },
  });
  limitConnections(server, limits.maxConnections, deps);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket));
  return server;
}

/**
 * Beyond `max` open connections (HTTP/1.1 and h2 alike), new ones get a 503 (SDKs retry it with
 * backoff) and are closed: marked here, answered once the sniff knows their protocol.
 */
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

function refusedMessage(max: number): string {
  return `Signalbox already has ${max} open connections (--max-connections); try again later.`;
}

function refuseSocket(socket: Socket, max: number): void {
  socket.end(rawErrorResponse(503, 'Service Unavailable', 'ServiceUnavailable', refusedMessage(max)));
  setTimeout(() => socket.destroy(), 1000).unref();
}

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

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** One request, over HTTP/1.1 or h2 (the compatibility API; `headers.host` is `:authority`). */
function handle(req: AnyRequest, res: AnyResponse, deps: HttpServerDeps, door: FrontDoor, server: Server): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : '';
  // The front door uses only what both APIs share: headers, method, url, setHeader, writeHead, end, resume.
  if (admit(req as IncomingMessage, res as ServerResponse, door, deps.models, path)) return;
  // Developer endpoints go straight to express without buffering (it limits its own bodies).
  if (path.startsWith('/_signalbox/')) {
    serveDeveloper(req, res, deps, server);
    return;
  }
  const announced = serviceFromHeaders(req.headers, query);
  let limit = bodyLimit(announced);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    // Not worth draining: answer and close.
    sendError(req, res, deps, query, requestTooLarge(limit), { connection: 'close' });
    abandon(req, res);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      sendError(req, res, deps, query, requestTooLarge(limit), { connection: 'close' });
      abandon(req, res);
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
    // Signed or targeted at an AWS API we do not serve: say so in that service's own protocol.
    const call = identifyUnserved(raw);
    if (call) {
      const message = unservedMessage(call, deps.models);
      deps.logger.info(`${serviceLabel(call.service)}.${call.operation} (${call.protocol}) → 501 NotImplemented: Signalbox does not serve ${call.service}`);
      void unservedResponse(call, raw, message).then(
        (wire) => {
          if (res.headersSent || res.writableEnded) return;
          res.writeHead(wire.status, wire.headers);
          res.end(wire.body);
        },
        (e: unknown) => {
          deps.logger.error('answering an unserved API request failed', e);
          sendError(req, res, deps, query, internalFailure(), {});
        },
      );
      return;
    }
    serveDeveloper(req, res, deps, server, raw.body);
  });
  req.on('error', () => res.destroy());
}

/** The express developer app; over h2 through loopback HTTP/1.1 (express cannot serve h2 objects). */
function serveDeveloper(req: AnyRequest, res: AnyResponse, deps: HttpServerDeps, server: Server, body?: Buffer): void {
  if (res instanceof Http2ServerResponse) {
    proxyToHttp1(server, req as Http2ServerRequest, res, body);
    return;
  }
  deps.app().then(
    (app) => app(req as IncomingMessage, res),
    (e: unknown) => {
      deps.logger.error('the developer app failed to load', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'InternalFailure', message: 'The developer endpoints failed to load; see the server log.' }));
    },
  );
}

/** Stop reading a request body that is too large, once the answer is on its way. */
function abandon(req: AnyRequest, res: AnyResponse): void {
  // h2: RST_STREAM(NO_ERROR) after the response (Node sends it once the stream has finished).
  if (res instanceof Http2ServerResponse) res.stream.close(h2constants.NGHTTP2_NO_ERROR);
  else req.destroy();
}

/** An error for a request before (or without) a detected operation, in the protocol its headers announce. */
function sendError(req: AnyRequest, res: AnyResponse, deps: HttpServerDeps, query: string, err: AwsError, extra: Record<string, string>): void {
  if (res.headersSent) return;
  const wire = headerShapedError(req.headers, query, deps.models, err);
  // h2 has no `connection` header: the stream is closed instead (abandon).
  res.writeHead(wire.status, res instanceof Http2ServerResponse ? wire.headers : { ...wire.headers, ...extra });
  res.end(wire.body);
}
