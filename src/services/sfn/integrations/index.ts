/**
 * The TaskPort: how Task states call other services, in process, shaped as AWS Step Functions
 * shapes them (research sfn.md §2.10; LocalStack's recordings of real AWS under
 * tests/aws/services/stepfunctions/v2/{services,error_handling,callback}).
 *
 * - Optimized integrations (`arn:aws:states:::sqs:sendMessage`, `sns:publish`, `events:putEvents`,
 *   `states:startExecution[.sync|.sync:2]`, `lambda:invoke`): AWS's selected parameters, objects
 *   given for string members serialized, Java SDK v1 output (sorted members plus
 *   SdkHttpMetadata/SdkResponseMetadata, except putEvents) and Java SDK v1 error wording.
 * - `aws-sdk:<service>:<action>` for every operation of sqs, sns, eventbridge and sfn: the
 *   handler's output with PascalCase members and Java SDK v2 error wording.
 * - `.waitForTaskToken`: the call is made and its output returned; the engine then waits.
 *
 * LIMITATIONS: Lambda lands with the functions issue: every Lambda call fails as AWS does for a
 * missing function. Other services (dynamodb, ecs, glue, ...) fail with `States.Runtime`.
 */
import { randomUUID } from 'node:crypto';
import { eventsModel, sfnModel, snsModel, sqsModel, type ServiceModel } from '../../../../protocols/index.js';
import { requiredMembers } from '../../../../protocols/schema.js';
import type { Json, JsonObject } from '../../../engines/statemachine/asl.js';
import { StatesError } from '../../../engines/statemachine/errors.js';
import type { TaskHooks, TaskInvocation, TaskPort } from '../../../engines/statemachine/execution/types.js';
import { toTaskFailure, v1Error, v2Error, type ServiceFailure, type V1Naming, type V2Naming } from './errors.js';
import { sdkMetadata, sortedObject } from './metadata.js';
import { toHandlerInput, toTaskOutput, upperFirst } from './shape.js';
import { buildArn } from '../../../core/arn.js';
import type { SfnInput } from '../shared.js';

export interface CallContext {
  account: string;
  region: string;
  traceHeader?: string;
}

export interface TaskPortDeps {
  /** Call one of Signalbox's own service handlers in process ('sqs' | 'sns' | 'events' | 'states'); resolves to the handler's output object or throws its AwsError. */
  call(service: string, operation: string, input: Record<string, unknown>, ctx: CallContext): Promise<unknown>;
  /** Resolves when the execution ends (used by states:startExecution.sync / .sync:2). */
  awaitExecution(executionArn: string, signal: AbortSignal): Promise<void>;
}

export interface TaskPortOptions {
  /** Clock for the Date header of SdkHttpMetadata (default: system time). */
  now?: () => Date;
  /** Request ids (default: random UUIDs). */
  requestId?: () => string;
}

type Pattern = TaskInvocation['pattern'];

const V1: Record<'sqs' | 'sns' | 'events' | 'states' | 'lambda', V1Naming> = {
  sqs: { prefix: 'SQS', service: 'AmazonSQS', base: 'AmazonSQSException', model: sqsModel },
  sns: { prefix: 'SNS', service: 'AmazonSNS', base: 'AmazonSNSException', model: snsModel },
  // unverified text: no recorded non-FailedEntry EventBridge error.
  events: { prefix: 'EventBridge', service: 'AmazonEventBridge', base: 'AmazonEventBridgeException', model: eventsModel },
  states: { prefix: 'StepFunctions', service: 'AWSStepFunctions', base: 'AWSStepFunctionsException', model: sfnModel },
  lambda: { prefix: 'Lambda', service: 'AWSLambda', base: 'AWSLambdaException' },
};

/** `aws-sdk:<service>` → the Signalbox service that serves it and the SDK v2 naming. */
const AWS_SDK: Record<string, { service: string; model: ServiceModel; naming: V2Naming }> = {
  sqs: { service: 'sqs', model: sqsModel, naming: { service: 'Sqs', model: sqsModel } },
  sns: { service: 'sns', model: snsModel, naming: { service: 'Sns', model: snsModel } },
  eventbridge: { service: 'events', model: eventsModel, naming: { service: 'EventBridge', model: eventsModel } },
  sfn: { service: 'states', model: sfnModel, naming: { service: 'Sfn', model: sfnModel } },
};

/** Optimized integrations: action → supported patterns and the parameters AWS passes on. */
const OPTIMIZED: Record<string, Record<string, { patterns: Pattern[]; parameters: string[] }>> = {
  sqs: {
    sendMessage: {
      patterns: ['request-response', 'waitForTaskToken'],
      parameters: ['DelaySeconds', 'MessageAttributes', 'MessageBody', 'MessageDeduplicationId', 'MessageGroupId', 'QueueUrl'],
    },
  },
  sns: {
    publish: {
      patterns: ['request-response', 'waitForTaskToken'],
      parameters: [
        'Message',
        'MessageAttributes',
        'MessageDeduplicationId',
        'MessageGroupId',
        'MessageStructure',
        'PhoneNumber',
        'Subject',
        'TargetArn',
        'TopicArn',
      ],
    },
  },
  events: { putEvents: { patterns: ['request-response', 'waitForTaskToken'], parameters: ['Entries'] } },
  states: {
    startExecution: { patterns: ['request-response', 'sync', 'sync:2', 'waitForTaskToken'], parameters: ['Input', 'Name', 'StateMachineArn'] },
  },
  lambda: {
    invoke: {
      patterns: ['request-response', 'waitForTaskToken'],
      parameters: ['ClientContext', 'FunctionName', 'InvocationType', 'LogType', 'Payload', 'Qualifier'],
    },
  },
};

const LAMBDA_ARN = /^arn:[^:]+:lambda:([^:]*):([^:]*):function:(.+)$/;

/**
 * Why Signalbox cannot run this Task resource, or undefined when it can (for definition checks
 * and for `invoke`). `resourceType`/`action`/`pattern` as in TaskInvocation.
 */
export function unsupportedIntegration(resourceType: string, action: string, pattern: Pattern, resource = `${resourceType}:${action}`): string | undefined {
  if (resourceType.startsWith('aws-sdk:')) {
    const svc = resourceType.slice('aws-sdk:'.length);
    if (svc === 'lambda') return undefined;
    const entry = AWS_SDK[svc];
    if (!entry) return unsupportedServiceMessage(resource, svc);
    if (!entry.model.operations.has(upperFirst(action))) return notRecognized(resource);
    if (pattern !== 'request-response' && pattern !== 'waitForTaskToken') return notRecognized(resource);
    return undefined;
  }
  const svc = OPTIMIZED[resourceType];
  if (!svc) return unsupportedServiceMessage(resource, resourceType);
  const op = svc[action];
  if (!op || !op.patterns.includes(pattern)) return notRecognized(resource);
  return undefined;
}

// AWS's CreateStateMachine wording for a resource it does not know. // unverified text
const notRecognized = (resource: string): string =>
  `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;

const unsupportedServiceMessage = (resource: string, service: string): string =>
  `Signalbox does not emulate the '${service}' service integration used by ${resource}. Supported: sqs:sendMessage, sns:publish, ` +
  `events:putEvents, states:startExecution[.sync|.sync:2], and aws-sdk:sqs|sns|eventbridge|sfn:<action> (each also .waitForTaskToken); ` +
  `mock this state with a Step Functions Local mock config to test it.`;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function pick(parameters: Json, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(parameters)) return out;
  for (const n of names) if (parameters[n] !== undefined && parameters[n] !== null) out[n] = parameters[n];
  return out;
}

/** Step Functions serializes a non-string value given for a string member (MessageBody, Message, Detail, Input). */
const asString = (v: unknown): unknown => (v === undefined || v === null || typeof v === 'string' ? v : JSON.stringify(v));

/** The model's own "missing parameter" error for the first required member not given. */
function checkRequired(model: ServiceModel, operation: string, input: Record<string, unknown>): void {
  const op = model.operations.get(operation);
  if (!op) return;
  for (const m of requiredMembers(op.input)) if (input[m] === undefined || input[m] === null) throw model.validation.missing(m, [m]);
}

export function createTaskPort(deps: TaskPortDeps, options: TaskPortOptions = {}): TaskPort {
  const now = options.now ?? (() => new Date());
  const newRequestId = options.requestId ?? randomUUID;

  const ctxOf = (inv: TaskInvocation): CallContext => ({
    account: inv.account,
    region: inv.region,
    ...(inv.traceHeader !== undefined ? { traceHeader: inv.traceHeader } : {}),
  });

  /** One optimized call: required members checked, errors in SDK v1 wording. */
  async function callV1(inv: TaskInvocation, naming: V1Naming, service: string, operation: string, input: Record<string, unknown>, requestId: string): Promise<unknown> {
    try {
      checkRequired(naming.model!, operation, input);
      return await deps.call(service, operation, input, ctxOf(inv));
    } catch (e) {
      if (inv.signal.aborted) throw e;
      throw toTaskFailure(e, (f) => v1Error(naming, f, requestId));
    }
  }

  async function sqsSendMessage(inv: TaskInvocation): Promise<Json> {
    const requestId = newRequestId();
    const input = pick(inv.parameters, OPTIMIZED.sqs!.sendMessage!.parameters);
    if ('MessageBody' in input) input.MessageBody = asString(input.MessageBody);
    const url = typeof input.QueueUrl === 'string' ? safeUrl(input.QueueUrl) : undefined;
    if (url && (url.pathname === '' || url.pathname === '/')) {
      // A URL naming no queue is a host AWS's SDK tries to reach (recorded for http://no-such-queue-…).
      throw new StatesError('SQS.SdkClientException', `Unable to execute HTTP request: ${url.hostname}: Name or service not known`);
    }
    const out = await callV1(inv, V1.sqs, 'sqs', 'SendMessage', input, requestId);
    return withMetadata(sqsModel, 'SendMessage', out, requestId);
  }

  async function snsPublish(inv: TaskInvocation): Promise<Json> {
    const requestId = newRequestId();
    const input = pick(inv.parameters, OPTIMIZED.sns!.publish!.parameters);
    if ('Message' in input) input.Message = asString(input.Message);
    const out = await callV1(inv, V1.sns, 'sns', 'Publish', input, requestId);
    return withMetadata(snsModel, 'Publish', out, requestId);
  }

  async function eventsPutEvents(inv: TaskInvocation): Promise<Json> {
    const requestId = newRequestId();
    const input = pick(inv.parameters, ['Entries']);
    if (Array.isArray(input.Entries)) {
      // Step Functions appends the state machine and execution ARNs to each event's resources
      // (recorded: test_events_task_service::test_put_events_base, stepfunctions_events).
      const own = [machineArnOf(inv.executionArn), inv.executionArn].filter((a): a is string => a !== undefined);
      input.Entries = input.Entries.map((e: unknown) => {
        if (!isObject(e)) return e;
        const entry: Record<string, unknown> = { ...e, Resources: [...(Array.isArray(e.Resources) ? e.Resources : []), ...own] };
        if ('Detail' in e) entry.Detail = asString(e.Detail);
        return entry;
      });
    }
    const out = (await callV1(inv, V1.events, 'events', 'PutEvents', input, requestId)) as { Entries?: unknown[]; FailedEntryCount?: number };
    // Recorded (test_events_task_service): no SDK metadata; members Entries then FailedEntryCount.
    const result: JsonObject = {
      Entries: (out.Entries ?? []).map((e) => sortedObject(toTaskOutput(e, undefined, 'epoch-millis') as JsonObject)),
      FailedEntryCount: out.FailedEntryCount ?? 0,
    };
    if ((out.FailedEntryCount ?? 0) > 0) throw new StatesError('EventBridge.FailedEntry', JSON.stringify(result));
    return result;
  }

  async function statesStartExecution(inv: TaskInvocation, hooks: TaskHooks): Promise<Json> {
    const requestId = newRequestId();
    const params = pick(inv.parameters, OPTIMIZED.states!.startExecution!.parameters);
    // Without Input the child gets `{}` (AWS: "you still must include the two braces").
    params.Input = params.Input === undefined ? '{}' : asString(params.Input);
    const op = sfnModel.operations.get('StartExecution')!;
    const input = toHandlerInput(params, op.input) as Record<string, unknown>;
    const out = await callV1(inv, V1.states, 'states', 'StartExecution', input, requestId);
    const started = withMetadata(sfnModel, 'StartExecution', out, requestId);
    if (inv.pattern !== 'sync' && inv.pattern !== 'sync:2') return started;

    hooks.submitted(started);
    const executionArn = String((out as { executionArn?: unknown }).executionArn);
    const ctx = ctxOf(inv);
    const stopChild = () => void deps.call('states', 'StopExecution', { executionArn } satisfies SfnInput<'StopExecution'>, ctx).catch(() => undefined);
    // Stopping the state stops the child (AWS's .sync policy grants states:StopExecution for this).
    if (inv.signal.aborted) {
      stopChild();
      throw inv.signal.reason ?? new Error('aborted');
    }
    inv.signal.addEventListener('abort', stopChild, { once: true });
    try {
      await deps.awaitExecution(executionArn, inv.signal);
    } finally {
      inv.signal.removeEventListener('abort', stopChild);
    }
    if (inv.signal.aborted) throw inv.signal.reason ?? new Error('aborted');
    const described = await callV1(inv, V1.states, 'states', 'DescribeExecution', { executionArn } satisfies SfnInput<'DescribeExecution'>, newRequestId());
    const result = describeOutput(described, inv.pattern === 'sync:2');
    if (result.Status !== 'SUCCEEDED') throw new StatesError('States.TaskFailed', JSON.stringify(result));
    return result;
  }

  function lambdaMissing(inv: TaskInvocation, functionRef: string, qualifier: unknown, sdk: 'v1' | 'v2'): never {
    const arn = lambdaArn(functionRef, typeof qualifier === 'string' ? qualifier : undefined, inv.region, inv.account);
    const f: ServiceFailure = { code: 'ResourceNotFoundException', queryCode: 'ResourceNotFoundException', status: 404, message: `Function not found: ${arn}` };
    // Recorded (error_handling/test_task_service_lambda::test_no_such_function) for lambda:invoke;
    // the bare-ARN and aws-sdk:lambda forms use the same message. // unverified text (those two)
    throw sdk === 'v1' ? v1Error(V1.lambda, f, newRequestId()) : v2Error({ service: 'Lambda' }, f, newRequestId());
  }

  async function awsSdk(inv: TaskInvocation): Promise<Json> {
    const svc = inv.resourceType.slice('aws-sdk:'.length);
    if (svc === 'lambda') {
      const p = isObject(inv.parameters) ? inv.parameters : {};
      lambdaMissing(inv, String(p.FunctionName ?? ''), p.Qualifier, 'v2');
    }
    const entry = AWS_SDK[svc]!;
    const operation = upperFirst(inv.action);
    const op = entry.model.operations.get(operation)!;
    const requestId = newRequestId();
    try {
      const input = (toHandlerInput(isObject(inv.parameters) ? inv.parameters : {}, op.input) ?? {}) as Record<string, unknown>;
      checkRequired(entry.model, operation, input);
      const out = await deps.call(entry.service, operation, input, ctxOf(inv));
      const result = toTaskOutput(out ?? {}, op.output, 'iso'); // unverified: ISO-8601 timestamps
      return result === null ? {} : result;
    } catch (e) {
      if (inv.signal.aborted) throw e;
      throw toTaskFailure(e, (f) => v2Error(entry.naming, f, requestId));
    }
  }

  return {
    async invoke(inv, hooks) {
      const bare = LAMBDA_ARN.exec(inv.resource);
      if (bare) lambdaMissing(inv, inv.resource, undefined, 'v1');
      const problem = unsupportedIntegration(inv.resourceType, inv.action, inv.pattern, inv.resource);
      if (problem) throw new StatesError('States.Runtime', problem);
      if (inv.resourceType.startsWith('aws-sdk:')) return awsSdk(inv);
      switch (`${inv.resourceType}:${inv.action}`) {
        case 'sqs:sendMessage':
          return sqsSendMessage(inv);
        case 'sns:publish':
          return snsPublish(inv);
        case 'events:putEvents':
          return eventsPutEvents(inv);
        case 'states:startExecution':
          return statesStartExecution(inv, hooks);
        case 'lambda:invoke': {
          // LIMITATIONS: Lambda lands with the functions issue.
          const p = isObject(inv.parameters) ? inv.parameters : {};
          return lambdaMissing(inv, String(p.FunctionName ?? ''), p.Qualifier, 'v1');
        }
        default:
          throw new StatesError('States.Runtime', notRecognized(inv.resource));
      }
    },
  };

  function withMetadata(model: ServiceModel, operation: string, out: unknown, requestId: string): JsonObject {
    const op = model.operations.get(operation);
    const base = toTaskOutput(out ?? {}, op?.output, 'epoch-millis'); // unverified: epoch-millisecond dates
    return sortedObject({ ...(isObject(base) ? base : {}), ...sdkMetadata(model, operation, out ?? {}, requestId, now()) });
  }
}

/** The DescribeExecution shape `.sync` returns (members as recorded in v2/callback/test_callback). */
function describeOutput(described: unknown, parseJson: boolean): JsonObject {
  const d = toTaskOutput(described, sfnModel.operations.get('DescribeExecution')?.output, 'epoch-millis') as JsonObject;
  const keep = ['Cause', 'Error', 'ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'StartDate', 'StateMachineArn', 'Status', 'StopDate'];
  const out: Record<string, Json> = {};
  for (const k of keep) if (d[k] !== undefined && d[k] !== null) out[k] = d[k]!;
  if (parseJson) {
    for (const k of ['Input', 'Output']) {
      const v = out[k];
      if (typeof v === 'string') {
        try {
          out[k] = JSON.parse(v) as Json;
        } catch {
          // leave as text
        }
      }
    }
  }
  return sortedObject(out);
}

function lambdaArn(ref: string, qualifier: string | undefined, region: string, account: string): string {
  const m = LAMBDA_ARN.exec(ref);
  let name = m ? m[3]! : ref;
  if (m) {
    region = m[1] || region;
    account = m[2] || account;
  } else if (/^\d{12}:function:/.test(ref)) {
    account = ref.slice(0, 12);
    name = ref.slice('000000000000:function:'.length);
  } else if (ref.startsWith('function:')) {
    name = ref.slice('function:'.length);
  }
  const [fn, inlineQualifier] = name.split(':');
  const q = qualifier ?? inlineQualifier ?? '$LATEST';
  return buildArn({ service: 'lambda', region: region, account: account, resource: `function:${fn}:${q}` });
}

/** `arn:aws:states:R:A:execution:Machine:name` → `arn:aws:states:R:A:stateMachine:Machine`. */
function machineArnOf(executionArn: string): string | undefined {
  const m = /^(arn:[^:]+:states:[^:]*:[^:]*):(?:execution|express):([^:]+):/.exec(executionArn);
  return m ? `${m[1]}:stateMachine:${m[2]}` : undefined;
}

function safeUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}
