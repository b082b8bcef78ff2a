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
  type WireResponse,
} from '../../protocols/index.js';
import type { Handlers, RequestContext } from '../services/context.js';
import type { Logger } from '../core/logger.js';

export interface DispatchDeps {
  services: Map<string, Handlers>;
  defaults: { account: string; region: string };
  logger: Logger;
}

function notImplemented(service: string, op: string): AwsError {
  return new AwsError({
    name: 'NotImplemented',
    status: 501,
    message: `Signalbox does not implement ${service}.${op} yet.`,
    namespace: 'com.amazon.coral.service',
  });
}

export async function dispatchAws(d: Detected, raw: RawRequest, res: ServerResponse, deps: DispatchDeps): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const scope = credentialScope(raw.headers, raw.query);
  const accessKey = scope?.accessKey ?? 'AKIAIOSFODNN7EXAMPLE';
  // Only long polls look at the signal: create it (and the close listener) on first use.
  let abort: AbortController | undefined;
  const signal = (): AbortSignal => {
    if (!abort) {
      const ac = (abort = new AbortController());
      if (res.destroyed) ac.abort();
      // The response closing before we finished means the client hung up: stop long polls.
      else res.once('close', () => {
        if (!res.writableFinished) ac.abort();
      });
    }
    return abort.signal;
  };
  const ctx: RequestContext = {
    requestId,
    account: /^\d{12}$/.test(accessKey) ? accessKey : deps.defaults.account,
    region: scope?.region ?? deps.defaults.region,
    accessKey,
    host: (raw.headers.host as string | undefined) ?? '127.0.0.1:4566',
    protocol: d.protocol,
    get signal() {
      return signal();
    },
  };
  const trace = raw.headers['x-amzn-trace-id'];
  if (typeof trace === 'string' && trace) ctx.traceHeader = trace;

  let wire: WireResponse;
  try {
    if (!d.operation) throw unknownOperation(d);
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
  if (res.destroyed) return;
  const headers = wire.headers;
  headers['x-amzn-requestid'] = requestId;
  headers['content-length'] = String(Buffer.byteLength(wire.body));
  res.writeHead(wire.status, headers);
  res.end(wire.body);
}
