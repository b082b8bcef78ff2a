/**
 * The resources the fuzz requests point at (a queue, a FIFO queue, a topic, a bus and rule, a
 * state machine, an activity, an execution), created at start and re-created now and then (fuzzed
 * Delete* calls remove them), so valid-ish requests reach the handlers instead of NotFound.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import type { RawRequest } from '../../protocols/index.js';
import { walkStructures } from '../protocols/sample-values.js';
import { capture, type Target } from './capture.js';
import { send } from './http-client.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const PASS_DEFINITION = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/fuzz`;

export interface World {
  port: number;
  queueUrl: string;
  fifoUrl: string;
  queueArn: string;
  topicArn: string;
  subscriptionArn: string;
  busName: string;
  ruleName: string;
  stateMachineArn: string;
  activityArn: string;
  executionArn: string;
}

export function worldFor(port: number): World {
  const base = `http://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    port,
    queueUrl: `${base}/fuzz-q`,
    fifoUrl: `${base}/fuzz-q.fifo`,
    queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:fuzz-q`,
    topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:fuzz-t`,
    subscriptionArn: '',
    busName: 'fuzz-bus',
    ruleName: 'fuzz-rule',
    stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:fuzz-sm`,
    activityArn: `arn:aws:states:${REGION}:${ACCOUNT}:activity:fuzz-act`,
    executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:fuzz-sm:fuzz-exec`,
  };
}

async function call(w: World, t: Target, op: string, input: Record<string, unknown>): Promise<string> {
  const raw = await capture(t, op, input);
  if (!raw) throw new Error(`cannot serialize ${t} ${op}`);
  const out = await send(w.port, raw, 5000);
  return out.kind === 'response' ? out.body.toString('utf8') : '';
}

/** Create (idempotently) every resource of the world. */
export async function setUpWorld(w: World): Promise<void> {
  await call(w, 'sqs-json', 'CreateQueue', { QueueName: 'fuzz-q' });
  await call(w, 'sqs-json', 'CreateQueue', { QueueName: 'fuzz-q.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
  await call(w, 'sns', 'CreateTopic', { Name: 'fuzz-t' });
  const sub = await call(w, 'sns', 'Subscribe', { TopicArn: w.topicArn, Protocol: 'sqs', Endpoint: w.queueArn, ReturnSubscriptionArn: true });
  w.subscriptionArn = /<SubscriptionArn>([^<]+)</.exec(sub)?.[1] ?? `${w.topicArn}:00000000-0000-0000-0000-000000000000`;
  await call(w, 'events', 'CreateEventBus', { Name: w.busName });
  await call(w, 'events', 'PutRule', { Name: w.ruleName, EventPattern: '{"source":["fuzz"]}' });
  await call(w, 'events', 'PutTargets', { Rule: w.ruleName, Targets: [{ Id: 't1', Arn: w.queueArn }] });
  await call(w, 'sfn', 'CreateStateMachine', { name: 'fuzz-sm', definition: PASS_DEFINITION, roleArn: ROLE });
  await call(w, 'sfn', 'CreateActivity', { name: 'fuzz-act' });
  const exec = await call(w, 'sfn', 'StartExecution', { stateMachineArn: w.stateMachineArn, input: '{}' });
  const arn = /"executionArn":"([^"]+)"/.exec(exec)?.[1];
  if (arn) w.executionArn = arn;
}

/**
 * Point a generated input at the world's resources: identifier members by name. Other
 * members keep the schema's sample values. `WaitTimeSeconds` is 0 (no long polls by default).
 */
export function aimAtWorld(w: World, target: Target, ns: NormalizedSchema, input: Record<string, unknown>, fifo: boolean): void {
  walkStructures(ns, input, (_struct, obj) => {
    for (const key of Object.keys(obj)) {
      const v = byName(w, target, key, fifo);
      if (v !== undefined) obj[key] = v;
    }
  });
}

function byName(w: World, target: Target, key: string, fifo: boolean): unknown {
  switch (key) {
    case 'QueueUrl':
      return fifo ? w.fifoUrl : w.queueUrl;
    case 'QueueName':
      return fifo ? 'fuzz-q.fifo' : 'fuzz-q';
    case 'QueueNamePrefix':
      return 'fuzz';
    case 'SourceArn':
    case 'DestinationArn':
      return target.startsWith('sqs') ? w.queueArn : undefined;
    case 'TaskHandle':
      return undefined;
    case 'WaitTimeSeconds':
      return 0;
    case 'DelaySeconds':
      return 0;
    case 'TopicArn':
    case 'TargetArn':
      return w.topicArn;
    case 'SubscriptionArn':
      return w.subscriptionArn;
    case 'EventBusName':
      return fifo ? 'default' : w.busName;
    case 'Rule':
      return w.ruleName;
    case 'EventPattern':
      return '{"source":["fuzz"]}';
    case 'Detail':
      return '{"a":1}';
    case 'stateMachineArn':
      return w.stateMachineArn;
    case 'executionArn':
      return w.executionArn;
    case 'activityArn':
      return w.activityArn;
    case 'definition':
      return PASS_DEFINITION;
    case 'roleArn':
    case 'RoleArn':
      return ROLE;
    case 'input':
      return target === 'sfn' ? '{"x":1}' : undefined;
    case 'ResourceARN':
    case 'ResourceArn':
    case 'resourceArn':
      return target === 'sns' ? w.topicArn : target === 'sfn' ? w.stateMachineArn : `arn:aws:events:${REGION}:${ACCOUNT}:rule/${w.ruleName}`;
    default:
      return undefined;
  }
}

export type { RawRequest };
