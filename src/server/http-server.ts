/**
 * The one port (design §1–2): plain `node:http` reads the bytes and dispatches AWS protocol
 * requests directly; anything else is handed to the express developer app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import { AwsError, detect, type RawRequest, type ServiceModel } from '../../protocols/index.js';
import { dispatchAws, unclaimedErrorResponse, unservedApi, type DispatchDeps } from './aws-dispatch.js';

/** Larger than any valid AWS request we serve (SQS batches are ≤ 1 MiB before encoding). */
const MAX_BODY = 16 * 1024 * 1024;

export interface HttpServerDeps extends DispatchDeps {
  models: ServiceModel[];
  /** The express developer app, created on first use. */
  app: () => Promise<Express>;
}

export function createHttpServer(deps: HttpServerDeps): Server {
  const server = createServer((req, res) => handle(req, res, deps));
  // SDKs keep sockets alive; Node's 5 s default makes them hit ECONNRESET after idle gaps.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

function handle(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  // Developer endpoints go straight to express without buffering.
  if (path.startsWith('/_signalbox/')) {
    serveDeveloper(req, res, deps);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY) {
      const err = new AwsError({
        name: 'RequestEntityTooLarge',
        status: 413,
        message: `Request body is larger than ${MAX_BODY} bytes.`,
        namespace: 'com.amazon.coral.service',
      });
      sendError(req, res, deps, err, { connection: 'close' });
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (res.writableEnded) return;
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      path,
      query: q >= 0 ? url.slice(q + 1) : '',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
    };
    const detected = detect(raw, deps.models);
    if (detected) {
      void dispatchAws(detected, raw, res, deps);
      return;
    }
    // Signed or targeted at an AWS API we do not serve: say so in the protocol's own shape.
    const unserved = unservedApi(raw, deps.models);
    if (unserved) {
      sendError(req, res, deps, unserved, {});
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

/** An error for a request no service model claimed: JSON for JSON clients, else query XML. */
function sendError(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, err: AwsError, extra: Record<string, string>): void {
  if (res.headersSent) return;
  const wire = unclaimedErrorResponse(req.headers, deps.models, err);
  res.writeHead(wire.status, { ...wire.headers, ...extra });
  res.end(wire.body);
}
