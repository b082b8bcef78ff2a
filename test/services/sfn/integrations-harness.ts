/**
 * Real SQS, SNS and EventBridge services (built as src/signalbox.ts builds them) behind a
 * TaskPort, plus a small fake Step Functions service for states:startExecution.
 */
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../../src/core/clock.js';
import { createLogger } from '../../../src/core/logger.js';
import { nodeTimers, Scheduler } from '../../../src/core/scheduler.js';
import { QueueEngine } from '../../../src/engines/queue/index.js';
import { MobileStore } from '../../../src/engines/topic/mobile/store.js';
import { TopicEngine } from '../../../src/engines/topic/index.js';
import type { Json } from '../../../src/engines/statemachine/asl.js';
import type { TaskHooks, TaskInvocation } from '../../../src/engines/statemachine/execution/types.js';
import { createEventsService } from '../../../src/services/events/index.js';
import { createSnsService } from '../../../src/services/sns/index.js';
import { createSqsService } from '../../../src/services/sqs/index.js';
import { createTaskPort, type TaskPortDeps } from '../../../src/services/sfn/integrations/index.js';
import type { Handlers, RequestContext } from '../../../src/services/context.js';
import { AwsError } from '../../../protocols/index.js';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

export interface FakeExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  done: Promise<void>;
  finish(status: FakeExecution['status'], result?: { output?: string; error?: string; cause?: string }): void;
}

/** A minimal Step Functions service: machines by ARN, executions the test finishes by hand. */
export function fakeStates() {
  const machines = new Set<string>();
  const executions = new Map<string, FakeExecution>();
  const stopped: string[] = [];
  const handlers: Handlers = {
    StartExecution(input) {
      const arn = String(input.stateMachineArn);
      if (!machines.has(arn)) {
        throw new AwsError({ name: 'StateMachineDoesNotExist', status: 400, message: `State Machine Does Not Exist: '${arn}'` });
      }
      const name = typeof input.name === 'string' ? input.name : randomUUID();
      const executionArn = arn.replace(':stateMachine:', ':execution:') + ':' + name;
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const exec: FakeExecution = {
        executionArn,
        stateMachineArn: arn,
        name,
        status: 'RUNNING',
        input: String(input.input ?? '{}'),
        startDate: new Date(1_700_000_000_000),
        done,
        finish(status, result = {}) {
          exec.status = status;
          exec.stopDate = new Date(1_700_000_001_000);
          Object.assign(exec, result);
          resolve();
        },
      };
      executions.set(executionArn, exec);
      return { executionArn, startDate: exec.startDate };
    },
    DescribeExecution(input) {
      const e = executions.get(String(input.executionArn));
      if (!e) throw new AwsError({ name: 'ExecutionDoesNotExist', status: 400, message: `Execution Does Not Exist: '${String(input.executionArn)}'` });
      return {
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        stopDate: e.stopDate,
        input: e.input,
        inputDetails: { included: true },
        output: e.output,
        outputDetails: e.output !== undefined ? { included: true } : undefined,
        error: e.error,
        cause: e.cause,
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },
    StopExecution(input) {
      const e = executions.get(String(input.executionArn));
      stopped.push(String(input.executionArn));
      e?.finish('ABORTED');
      return { stopDate: new Date() };
    },
    SendTaskSuccess(input) {
      if (input.taskToken === 'Invalid token') throw new AwsError({ name: 'InvalidToken', status: 400, message: "Invalid Token: 'Invalid token'" });
      return {};
    },
    ListStateMachines() {
      return {
        stateMachines: [...machines].map((arn) => ({ stateMachineArn: arn, name: arn.split(':').pop(), type: 'STANDARD', creationDate: new Date(1_700_000_000_000) })),
      };
    },
  };
  return { handlers, machines, executions, stopped };
}

export function createHarness() {
  const logger = createLogger('silent');
  const clock = systemClock;
  const scheduler = new Scheduler(clock, nodeTimers);
  const queues = new QueueEngine({ clock, scheduler });
  const mobile = new MobileStore({ clock });
  const topics = new TopicEngine({ clock, scheduler });
  const sqs = createSqsService(queues);
  const sns = createSnsService({ topics, queues, mobile, clock, scheduler, logger });
  const events = createEventsService({ queues, topics, clock, scheduler, logger, defaults: { account: ACCOUNT, region: REGION } });
  const states = fakeStates();
  const services = new Map<string, Handlers>([
    ['sqs', sqs.handlers],
    ['sns', sns.handlers],
    ['events', events.handlers],
    ['states', states.handlers],
  ]);
  const calls: { service: string; operation: string; input: Record<string, unknown> }[] = [];

  const deps: TaskPortDeps = {
    async call(service, operation, input, c) {
      calls.push({ service, operation, input });
      const handler = services.get(service)?.[operation];
      if (!handler) throw new Error(`no handler ${service}:${operation}`);
      const ctx: RequestContext = {
        requestId: randomUUID(),
        account: c.account,
        region: c.region,
        accessKey: 'test',
        host: 'localhost:4566',
        protocol: 'json',
        signal: new AbortController().signal,
        ...(c.traceHeader !== undefined ? { traceHeader: c.traceHeader } : {}),
      };
      return await handler(input, ctx);
    },
    async awaitExecution(arn, signal) {
      const e = states.executions.get(arn);
      if (!e) throw new Error(`no execution ${arn}`);
      await Promise.race([e.done, new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))]);
    },
  };
  let n = 0;
  const port = createTaskPort(deps, { now: () => new Date(Date.UTC(2024, 3, 18, 6, 27, 1)), requestId: () => `req-${++n}` });

  /** Call a real handler directly (test setup and checks). */
  const direct = (service: string, operation: string, input: Record<string, unknown>) =>
    deps.call(service, operation, input, { account: ACCOUNT, region: REGION }) as Promise<Record<string, any>>;

  const submitted: Json[] = [];
  const hooks: TaskHooks = { submitted: (o) => void submitted.push(o) };

  function invocation(resource: string, parameters: Json, extra: Partial<TaskInvocation> = {}): TaskInvocation {
    // arn:aws:states:::sqs:sendMessage.waitForTaskToken / arn:aws:states:::aws-sdk:sqs:getQueueUrl
    const tail = resource.replace(/^arn:aws:states:::/, '');
    const sdk = tail.startsWith('aws-sdk:');
    const parts = tail.split(':');
    const resourceType = sdk ? `${parts[0]}:${parts[1]}` : parts[0]!;
    const resourceName = sdk ? parts.slice(2).join(':') : parts.slice(1).join(':');
    const dot = resourceName.indexOf('.');
    const action = dot < 0 ? resourceName : resourceName.slice(0, dot);
    const suffix = dot < 0 ? '' : resourceName.slice(dot + 1);
    const pattern = suffix === 'sync' ? 'sync' : suffix === 'sync:2' ? 'sync:2' : suffix === 'waitForTaskToken' ? 'waitForTaskToken' : 'request-response';
    return {
      resource,
      resourceType,
      resourceName,
      action,
      pattern,
      parameters,
      account: ACCOUNT,
      region: REGION,
      executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:Parent:run-1`,
      stateName: 'Task',
      signal: new AbortController().signal,
      ...extra,
    };
  }

  return {
    port,
    deps,
    direct,
    states,
    calls,
    submitted,
    hooks,
    invocation,
    invoke: (resource: string, parameters: Json, extra: Partial<TaskInvocation> = {}) => port.invoke(invocation(resource, parameters, extra), hooks),
    close() {
      events.close();
      sns.close();
      topics.close();
      queues.close();
      scheduler.close();
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;
