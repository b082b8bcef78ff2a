/**
 * Real SDK clients whose request handler never touches the network: it converts the signed
 * `HttpRequest` into our `RawRequest` and answers with whatever the test's responder returns.
 *
 * - `json`: `@aws-sdk/client-sqs` 3.1169 (AWS JSON 1.0, awsQueryCompatible).
 * - `query`: `client-sqs-query` = `@aws-sdk/client-sqs@3.445.0`, the last awsQuery release.
 * - `sns`: `@aws-sdk/client-sns` (awsQuery), through `snsExchange` / `snsCaptureRequest`.
 * - `lambda`: `@aws-sdk/client-lambda` 3.1178.0 (restJson1), through `lambdaExchange` /
 *   `lambdaCaptureRequest`.
 * - any other client module, through `sdkSender(label, module, clientName)` and the
 *   `exchangeVia` / `captureVia` pair (EventBridge, Step Functions).
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import * as jsonSdk from '@aws-sdk/client-sqs';
import * as querySdk from 'client-sqs-query';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import * as snsSdk from '@aws-sdk/client-sns';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import type { RawRequest, WireResponse } from '../../protocols/index.js';
import { canon, withoutMetadata } from './sample-values.js';

export type Flavor = 'json' | 'query';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** What a test answers for a captured request; throwing aborts the call with that error. */
export type Responder = (raw: RawRequest) => Reply;

const CONFIG = {
  endpoint: 'http://127.0.0.1:4566',
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
  maxAttempts: 1,
};

// Node 20 is supported by this project; the SDK's "node >=22 from 2027" notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let responder: Responder | undefined;
let lastRequest: RawRequest | undefined;

/** Alternate streamed and in-memory bodies: the SDKs accept both from a request handler. */
let bodyCounter = 0;

export function toRawRequest(req: HttpRequest): RawRequest {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) query.append(k, item);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  const body: unknown = req.body;
  return {
    method: req.method,
    path: req.path,
    query: query.toString(),
    headers,
    body:
      typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : body instanceof Uint8Array
          ? // Not Buffer.from(body): the JSON client's body adapter warns when read as a string.
            Buffer.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength))
          : Buffer.alloc(0),
  };
}

function toHttpResponse(reply: Reply): HttpResponse {
  const bytes = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const body = bodyCounter++ % 2 === 0 ? Readable.from([Buffer.from(bytes)]) : new Uint8Array(bytes);
  return new HttpResponse({ statusCode: reply.status, headers: { ...reply.headers }, body });
}

const requestHandler = {
  async handle(req: HttpRequest): Promise<{ response: HttpResponse }> {
    const raw = toRawRequest(req);
    lastRequest = raw;
    if (!responder) throw new Error('no responder set');
    return { response: toHttpResponse(responder(raw)) };
  },
};

const jsonClient = new jsonSdk.SQSClient({ ...CONFIG, requestHandler: requestHandler as never });
const queryClient = new querySdk.SQSClient({ ...CONFIG, requestHandler: requestHandler as never });
const snsClient = new snsSdk.SNSClient({ ...CONFIG, requestHandler: requestHandler as never });
const lambdaClient = new lambdaSdk.LambdaClient({ ...CONFIG, requestHandler: requestHandler as never });

/** A client module plus one client built on the capturing request handler. */
export interface Sender {
  mod: Record<string, unknown>;
  send(command: unknown): Promise<unknown>;
  label: string;
}

type ClientCtor = new (config: Record<string, unknown>) => { send(command: never): Promise<unknown> };

/**
 * A sender for any `@aws-sdk/client-*` module: `clientName` is its client class (`SFNClient`),
 * `config` extra client options.
 */
export function sdkSender(label: string, mod: Record<string, unknown>, clientName: string, config: Record<string, unknown> = {}): Sender {
  const Client = mod[clientName];
  if (typeof Client !== 'function') throw new Error(`${label}: the module exports no ${clientName}`);
  const client = new (Client as ClientCtor)({ ...CONFIG, ...config, requestHandler });
  return { mod, send: (c) => client.send(c as never), label };
}

const SENDERS: Record<Flavor | 'sns' | 'lambda', Sender> = {
  lambda: { mod: lambdaSdk as unknown as Record<string, unknown>, send: (c) => lambdaClient.send(c as never), label: 'lambda' },
  json: { mod: jsonSdk as unknown as Record<string, unknown>, send: (c) => jsonClient.send(c as never), label: 'json' },
  query: { mod: querySdk as unknown as Record<string, unknown>, send: (c) => queryClient.send(c as never), label: 'query' },
  sns: { mod: snsSdk as unknown as Record<string, unknown>, send: (c) => snsClient.send(c as never), label: 'sns' },
};

type CommandCtor = new (input: never) => unknown;

export function commandNames(flavor: Flavor | 'sns' | 'lambda' | Sender): string[] {
  const mod = (typeof flavor === 'string' ? SENDERS[flavor] : flavor).mod;
  return Object.keys(mod)
    .filter((k) => /^[A-Z]\w*Command$/.test(k) && typeof mod[k] === 'function')
    .map((k) => k.slice(0, -'Command'.length))
    .sort();
}

function commandFor(sender: Sender, operation: string): CommandCtor {
  const ctor = sender.mod[`${operation}Command`];
  if (typeof ctor !== 'function') throw new Error(`${sender.label} client has no ${operation}Command`);
  return ctor as CommandCtor;
}

/** Exception classes exported by a client module (by name). */
export function exceptionClass(flavor: Flavor | 'lambda' | Sender, name: string): (abstract new (...args: never[]) => Error) | undefined {
  const mod = typeof flavor === 'string' ? SENDERS[flavor].mod : flavor.mod;
  const ctor = mod[name];
  return typeof ctor === 'function' ? (ctor as abstract new (...args: never[]) => Error) : undefined;
}

export interface Exchange {
  request: RawRequest;
  output?: Record<string, unknown>;
  error?: unknown;
}

/** Send one command through a client; the responder sees the captured request and answers. */
export function exchange(flavor: Flavor, operation: string, input: Record<string, unknown>, respond: Responder): Promise<Exchange> {
  return exchangeWith(SENDERS[flavor], operation, input, respond);
}

/** The same through the SNS (awsQuery) client. */
export function snsExchange(operation: string, input: Record<string, unknown>, respond: Responder): Promise<Exchange> {
  return exchangeWith(SENDERS.sns, operation, input, respond);
}

/** The same through any sender made by `sdkSender`. */
export function exchangeVia(sender: Sender, operation: string, input: Record<string, unknown>, respond: Responder): Promise<Exchange> {
  return exchangeWith(sender, operation, input, respond);
}

async function exchangeWith(sender: Sender, operation: string, input: Record<string, unknown>, respond: Responder): Promise<Exchange> {
  responder = respond;
  lastRequest = undefined;
  const Ctor = commandFor(sender, operation);
  const command = new Ctor(input as never);
  let output: Record<string, unknown> | undefined;
  let error: unknown;
  try {
    output = (await sender.send(command)) as Record<string, unknown>;
  } catch (e) {
    error = e;
  } finally {
    responder = undefined;
  }
  if (!lastRequest) throw new Error(`${sender.label} ${operation}: the client sent nothing`, { cause: error });
  return { request: lastRequest, output, error };
}

/** The same through the Lambda (restJson1) client. */
export function lambdaExchange(operation: string, input: Record<string, unknown>, respond: Responder): Promise<Exchange> {
  return exchangeWith(SENDERS.lambda, operation, input, respond);
}

export function lambdaCaptureRequest(operation: string, input: Record<string, unknown>): Promise<RawRequest> {
  return captureWith(SENDERS.lambda, operation, input);
}

class CaptureOnly extends Error {}

/** Only the request the client would send for `input`. */
export function captureRequest(flavor: Flavor, operation: string, input: Record<string, unknown>): Promise<RawRequest> {
  return captureWith(SENDERS[flavor], operation, input);
}

export function snsCaptureRequest(operation: string, input: Record<string, unknown>): Promise<RawRequest> {
  return captureWith(SENDERS.sns, operation, input);
}

export function captureVia(sender: Sender, operation: string, input: Record<string, unknown>): Promise<RawRequest> {
  return captureWith(sender, operation, input);
}

async function captureWith(sender: Sender, operation: string, input: Record<string, unknown>): Promise<RawRequest> {
  const { request, error } = await exchangeWith(sender, operation, input, () => {
    throw new CaptureOnly('captured');
  });
  if (!(error instanceof CaptureOnly)) throw new Error(`${sender.label} ${operation}: expected the capture to abort the call`, { cause: error });
  return request;
}

/** A protocol-layer response as a server would send it: plus the request id header. */
export function reply(wire: WireResponse | { status: number; headers: Record<string, string>; body: string | Uint8Array }, requestId: string): Reply {
  return { status: wire.status, headers: { ...wire.headers, 'x-amzn-requestid': requestId }, body: wire.body };
}

/**
 * A response round trip succeeded: no error, status 200, the request id from our header, and a
 * result (less `$metadata`) equal to `expected` in canonical form. Returns the result.
 */
export function assertOutput(ex: Exchange, requestId: string, expected: Record<string, unknown>): Record<string, unknown> {
  if (ex.error) throw ex.error;
  assert.ok(ex.output, 'an output');
  const meta = ex.output.$metadata as { httpStatusCode?: number; requestId?: string };
  assert.equal(meta.httpStatusCode, 200);
  assert.equal(meta.requestId, requestId);
  assert.deepStrictEqual(canon(withoutMetadata(ex.output)), canon(expected));
  return ex.output;
}
