/**
 * The contract between the Step Functions service layer and the execution engine: what an
 * execution runs (resolved by the service from a machine, version or alias ARN), what it
 * records, and the ports it calls out through.
 */
import type { Json } from '../asl.js';

export type MachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/** Opaque compiled definition (made once per machine revision by `compileMachine`). */
export interface CompiledMachineRef {
  readonly kind: 'compiled-machine';
}

/** What to run: resolved by the service layer from a state machine, version or alias ARN. */
export interface ExecutionTarget {
  account: string;
  region: string;
  /** Unqualified state machine ARN (`arn:aws:states:R:A:stateMachine:N`). */
  stateMachineArn: string;
  stateMachineName: string;
  type: MachineType;
  roleArn: string;
  /** The definition text the execution runs (DescribeStateMachineForExecution returns it). */
  definition: string;
  compiled: CompiledMachineRef;
  versionArn?: string;
  aliasArn?: string;
  /** Revision id of the definition (DescribeStateMachineForExecution). */
  revisionId?: string;
}

/** One execution history event as GetExecutionHistory returns it (timestamp in epoch ms). */
export interface HistoryEvent {
  timestamp: number;
  type: string;
  id: number;
  previousEventId: number;
  /** Exactly one `<x>EventDetails` member, named as in the API (e.g. `stateEnteredEventDetails`). */
  [details: string]: unknown;
}

export interface ExecutionRecord {
  executionArn: string;
  name: string;
  target: ExecutionTarget;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  /** Input as JSON text, as given. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  traceHeader?: string;
  /** Set when a Distributed Map started this execution as a child. */
  mapRunArn?: string;
  redriveCount: number;
  redriveDate?: number;
  /** Step Functions Local mock test case this execution runs under (`arn#TestCase`). */
  testCase?: string;
  history: HistoryEvent[];
}

/**
 * Where a Standard execution's status changes go: RUNNING when it starts (or is redriven), then
 * its end status. The service graph turns them into EventBridge's "Step Functions Execution
 * Status Change" events on the default bus. Read the record now: it is live.
 */
export interface ExecutionStatusPort {
  changed(record: ExecutionRecord): void;
}

export interface StartOptions {
  name?: string;
  /** JSON text; the service has already checked it parses (InvalidExecutionInput otherwise). */
  input: string;
  traceHeader?: string;
  /** From `stateMachineArn#TestCase` (Step Functions Local mocks). */
  testCase?: string;
}

export interface ListExecutionsFilter {
  stateMachineArn?: string;
  versionArn?: string;
  aliasArn?: string;
  mapRunArn?: string;
  status?: ExecutionStatus;
  redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN';
}

export interface MapRunRecord {
  mapRunArn: string;
  executionArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount: number;
  redriveDate?: number;
}

export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

/** A call a Task state makes to an AWS service integration (not activities: those are in-engine). */
export interface TaskInvocation {
  /** The Resource ARN as written, e.g. `arn:aws:states:::sqs:sendMessage.waitForTaskToken`. */
  resource: string;
  /** `sqs`, `sns`, `events`, `states`, `lambda`, `aws-sdk:sqs`, ... (history `resourceType`). */
  resourceType: string;
  /** `sendMessage`, `sendMessage.waitForTaskToken`, `startExecution.sync:2` (history `resource`). */
  resourceName: string;
  /** The action without the pattern suffix, e.g. `sendMessage`, `startExecution`, `getQueueUrl`. */
  action: string;
  pattern: 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken';
  /** Evaluated Parameters (JSONPath) or Arguments (JSONata). */
  parameters: Json;
  account: string;
  region: string;
  executionArn: string;
  stateName: string;
  taskToken?: string;
  traceHeader?: string;
  /** Aborted when the state times out, the execution stops, or a Parallel sibling fails. */
  signal: AbortSignal;
}

export interface TaskHooks {
  /** `.sync` only: the job was started; `output` is recorded as the TaskSubmitted event. */
  submitted(output: Json): void;
}

/**
 * How Task states reach other services (implemented by the service layer, in process).
 * Resolve with the task result; reject with a `StatesError(error, cause)` for task failures
 * (e.g. `SQS.AmazonSQSException`, `EventBridge.FailedEntry`). For `waitForTaskToken` resolve
 * with the submit result (the engine then waits for the token); for `.sync` call
 * `hooks.submitted` when started and resolve with the final output.
 */
export interface TaskPort {
  invoke(invocation: TaskInvocation, hooks: TaskHooks): Promise<Json>;
}

/** Step Functions Local mock responses for a test case (see mock-config.ts). */
export type MockedResponse = { Return: Json } | { Throw: { Error: string; Cause?: string } };

export interface MockLookup {
  /**
   * The mocked response for a state's `invocation`-th call (0-based, counting retries), or
   * undefined when the test case does not mock this state (then the real integration runs).
   * Throws SfnDomainError when the machine or test case is not in the mock config.
   */
  response(stateMachineName: string, testCase: string, stateName: string, invocation: number): MockedResponse | undefined;
  /** True when the mock config defines this test case for this machine. */
  hasTestCase(stateMachineName: string, testCase: string): boolean;
}
