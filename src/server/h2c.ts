/**
 * HTTP/2 cleartext (h2c, prior knowledge) on the HTTP/1.1 port (design §1): the JS v3 Kinesis
 * client's default handler (NodeHttp2Handler) and Java v2's async clients speak h2 even to an
 * `http://` endpoint. Node's `allowHTTP1` works only on a TLS server (ALPN), so every new
 * connection is sniffed instead: a client that starts with the h2 connection preface
 * (`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`) is handed to an `http2` server, anything else to the
 * `http.Server`'s own connection handling, with the bytes read so far put back.
 *
 * The `http.Server` stays the listening server (its `listen`, `address`, `close` and the
 * connection limit work as before): its 'connection' listeners run after the sniff, and its
 * `closeIdleConnections` / `closeAllConnections` also close h2 sessions and sockets still
 * being sniffed, so `server.close()` ends h2 clients too.
 *
 * h2 requests go through the same handler as HTTP/1.1 ones, with `:authority` as the Host.
 * Express cannot serve http2 compatibility objects, so developer endpoints over h2 are
 * re-issued to this same server over loopback HTTP/1.1 (proxyToHttp1).
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createH2Server, constants, type Http2Server, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { MAX_HEADER_BYTES } from './limits.js';

export const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface H2cOptions {
  /** Time a new connection has to send its first bytes (the HTTP/1.1 headers timeout). */
  firstBytesTimeoutMs: number;
  /** Time an h2 stream has to send its whole request (the HTTP/1.1 request timeout; 0 = none). */
  requestTimeoutMs: number;
  /** Idle time after which an h2 session is closed (the HTTP/1.1 keep-alive timeout). */
  idleTimeoutMs: number;
  /** Serve one h2 request (`headers.host` is set from `:authority`). */
  onRequest(req: Http2ServerRequest, res: Http2ServerResponse): void;
  /** A connection over the connection limit (marked before the sniff). */
  isRefused(socket: Socket): boolean;
  /** Refuse an HTTP/1.1 connection over the limit. */
  refuseHttp1(socket: Socket): void;
  /** Refuse each stream of an h2 session over the limit (the session is then closed). */
  refuseH2(res: Http2ServerResponse): void;
  /** Answer a stream that did not arrive within requestTimeoutMs. */
  onRequestTimeout(res: Http2ServerResponse): void;
}

/** Whether `bytes` (the first bytes of a connection) could still become the h2 preface. */
function prefaceSoFar(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, H2_PREFACE.length);
  return bytes.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
}

/** Serve h2c on `server` (an http.Server not yet listening); returns the http2 server. */
export function serveH2c(server: Server, options: H2cOptions): Http2Server {
  const h2 = createH2Server({
    // The HTTP/1.1 server's maxHeaderSize, as h2's header list size (names, values, 32 each).
    settings: { maxHeaderListSize: MAX_HEADER_BYTES, maxConcurrentStreams: 128 },
  });
  const sessions = new Set<ServerHttp2Session>();
  const sniffing = new Set<Socket>();
  const refused = new WeakSet<object>();
  let refusing = false;
  h2.on('session', (session: ServerHttp2Session) => {
    if (refusing) refused.add(session);
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    session.on('error', () => session.destroy());
    session.setTimeout(options.idleTimeoutMs, () => session.close());
  });
  h2.on('request', (req: Http2ServerRequest, res: Http2ServerResponse) => {
    const session = req.stream.session;
    if (session && refused.has(session)) {
      options.refuseH2(res);
      session.close();
      return;
    }
    if (req.headers.host === undefined && req.authority) req.headers.host = req.authority;
    if (options.requestTimeoutMs > 0) {
      const timer = setTimeout(() => {
        if (!req.complete && !res.headersSent) options.onRequestTimeout(res);
      }, options.requestTimeoutMs);
      timer.unref();
      req.once('end', () => clearTimeout(timer));
      res.once('close', () => clearTimeout(timer));
    }
    options.onRequest(req, res);
  });
  // A malformed h2 client (bad preface, bad frames): end its session without noise.
  h2.on('sessionError', () => {});

  // Node's own HTTP/1.1 connection handling, now run only once a connection is known to be HTTP/1.1.
  const http1 = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    sniffing.add(socket);
    let seen: Buffer = Buffer.alloc(0);
    // A connection over the limit is not kept waiting long for the bytes that tell how to refuse it.
    const wait = options.isRefused(socket) ? Math.min(options.firstBytesTimeoutMs || 1000, 1000) : options.firstBytesTimeoutMs;
    const timer = wait > 0 ? setTimeout(() => socket.destroy(), wait) : undefined;
    timer?.unref();
    const done = (): void => {
      if (timer) clearTimeout(timer);
      sniffing.delete(socket);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('end', onEnd);
      socket.off('error', onError);
    };
    const onClose = (): void => done();
    // The http.Server allows half-open sockets (its parser ends them): a FIN before any request ends it here.
    const onEnd = (): void => {
      socket.destroy();
    };
    const onError = (): void => {
      socket.destroy();
    };
    const onData = (chunk: Buffer): void => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const maybeH2 = prefaceSoFar(seen);
      if (maybeH2 && seen.length < H2_PREFACE.length) return;
      done();
      socket.pause();
      socket.unshift(seen);
      if (maybeH2) {
        // The session is created (and 'session' emitted) synchronously.
        refusing = options.isRefused(socket);
        h2.emit('connection', socket);
        refusing = false;
      } else if (options.isRefused(socket)) {
        options.refuseHttp1(socket);
        return;
      } else for (const listener of http1) listener.call(server, socket);
      // HTTP/1.1: the parser reads from here, the unshifted bytes first; resume() starts the flow
      // on the next tick, after its listeners are attached. h2: the session reads the buffered
      // bytes and then the handle itself; resuming the JS stream would race it for the data.
      if (!maybeH2) socket.resume();
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('end', onEnd);
    socket.on('error', onError);
  });

  // server.close() calls closeIdleConnections(); Signalbox.close() also closeAllConnections().
  const closeIdle = server.closeIdleConnections.bind(server);
  const closeAll = server.closeAllConnections.bind(server);
  server.closeIdleConnections = () => {
    closeIdle();
    for (const s of sniffing) s.destroy();
    // GOAWAY: streams in flight may finish, no new ones; the session closes when they have.
    for (const session of sessions) session.close();
  };
  server.closeAllConnections = () => {
    closeAll();
    for (const s of sniffing) s.destroy();
    for (const session of sessions) session.destroy();
  };
  return h2;
}

/** Hop-by-hop and h2-only headers that must not be forwarded between HTTP/1.1 and h2. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'http2-settings', 'te', 'host']);

const loopbackAgents = new WeakMap<Server, Agent>();

/**
 * Re-issue an h2 request to `server` over loopback HTTP/1.1 and relay the answer: how the
 * developer endpoints (express) serve h2 clients. `body`: the request body when it was already
 * read; else it is streamed.
 */
export function proxyToHttp1(server: Server, req: Http2ServerRequest, res: Http2ServerResponse, body?: Buffer): void {
  const addr = server.address() as AddressInfo | null;
  if (!addr) {
    answerJson(res, 503, 'ServiceUnavailable', 'Signalbox is not listening.');
    return;
  }
  const host = addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address === '::' ? '::1' : addr.address;
  let agent = loopbackAgents.get(server);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 16 });
    loopbackAgents.set(server, agent);
    const a = agent;
    server.once('close', () => a.destroy());
  }
  const headers: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) if (!k.startsWith(':') && !HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
  headers.host = req.authority ?? req.headers.host;
  if (body) headers['content-length'] = String(body.length);
  const out = httpRequest({ host, port: addr.port, method: req.method, path: req.url, headers, agent }, (up) => {
    const relayed: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) relayed[k] = v;
    res.writeHead(up.statusCode ?? 502, relayed);
    up.pipe(res);
  });
  out.on('error', () => {
    if (!res.headersSent) answerJson(res, 502, 'BadGateway', 'Signalbox could not relay this HTTP/2 request to its developer endpoints.');
    else res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  });
  res.once('close', () => {
    if (!res.writableEnded) out.destroy();
  });
  if (body) out.end(body);
  else req.pipe(out);
}

export function answerJson(res: Http2ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: code, message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
