/**
 * Valid requests on the wire, written by the real SDK clients (so query flattening, xmlName,
 * map `entry` forms and JSON timestamps are exactly what clients send): a client whose request
 * handler captures the signed request instead of sending it.
 */
import * as sqsJson from '@aws-sdk/client-sqs';
import * as sqsQuery from 'client-sqs-query';
import * as sns from '@aws-sdk/client-sns';
import * as events from '@aws-sdk/client-eventbridge';
import * as sfn from '@aws-sdk/client-sfn';
import type { HttpRequest } from '@smithy/core/protocols';
import { eventsModel, sfnModel, snsModel, sqsModel, type RawRequest, type ServiceModel } from '../../protocols/index.js';
import { toRawRequest } from '../protocols/sdk-harness.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** One way of speaking to one service: `sqs-json` and `sqs-query` are both SQS. */
export type Target = 'sqs-json' | 'sqs-query' | 'sns' | 'events' | 'sfn';
export const TARGETS: readonly Target[] = ['sqs-json', 'sqs-query', 'sns', 'events', 'sfn'];

/** The `--only` service each target belongs to. */
export const SERVICE_OF: Record<Target, string> = { 'sqs-json': 'sqs', 'sqs-query': 'sqs', sns: 'sns', events: 'events', sfn: 'sfn' };

export interface TargetInfo {
  target: Target;
  model: ServiceModel;
  protocol: 'json' | 'query';
}

export const TARGET_INFO: Record<Target, TargetInfo> = {
  'sqs-json': { target: 'sqs-json', model: sqsModel, protocol: 'json' },
  'sqs-query': { target: 'sqs-query', model: sqsModel, protocol: 'query' },
  sns: { target: 'sns', model: snsModel, protocol: 'query' },
  events: { target: 'events', model: eventsModel, protocol: 'json' },
  sfn: { target: 'sfn', model: sfnModel, protocol: 'json' },
};

class Captured extends Error {
  constructor(readonly raw: RawRequest) {
    super('captured');
  }
}

const handler = {
  handle(req: HttpRequest): Promise<never> {
    return Promise.reject(new Captured(toRawRequest(req)));
  },
};

const CONFIG = {
  endpoint: 'http://127.0.0.1:4566',
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
  maxAttempts: 1,
  requestHandler: handler as never,
};

type Mod = Record<string, unknown>;
interface AnyClient {
  send(command: unknown): Promise<unknown>;
}
type Ctor = new (input: unknown) => unknown;

const modules: Record<Target, Mod> = {
  'sqs-json': sqsJson as unknown as Mod,
  'sqs-query': sqsQuery as unknown as Mod,
  sns: sns as unknown as Mod,
  events: events as unknown as Mod,
  sfn: sfn as unknown as Mod,
};
const clientClass: Record<Target, string> = {
  'sqs-json': 'SQSClient',
  'sqs-query': 'SQSClient',
  sns: 'SNSClient',
  events: 'EventBridgeClient',
  sfn: 'SFNClient',
};
const clients = new Map<Target, AnyClient>();

function client(t: Target): AnyClient {
  let c = clients.get(t);
  if (!c) {
    const C = modules[t][clientClass[t]] as new (config: unknown) => AnyClient;
    // The SQS JSON client re-targets to the QueueUrl's host; captured requests ignore hosts.
    c = new C(t === 'sqs-json' ? { ...CONFIG, useQueueUrlAsEndpoint: false } : CONFIG);
    clients.set(t, c);
  }
  return c;
}

/** Operations the target's client has a command for (the 3.445 query client lacks some newer ones). */
export function hasCommand(t: Target, op: string): boolean {
  return typeof modules[t][`${op}Command`] === 'function';
}

/** The request the real client sends for `input`, or undefined when it refuses to serialize it. */
export async function capture(t: Target, op: string, input: Record<string, unknown>): Promise<RawRequest | undefined> {
  const C = modules[t][`${op}Command`] as Ctor | undefined;
  if (!C) return undefined;
  try {
    await client(t).send(new C(input));
  } catch (e) {
    if (e instanceof Captured) return e.raw;
    return undefined;
  }
  return undefined;
}
