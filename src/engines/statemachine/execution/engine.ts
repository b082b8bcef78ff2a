/**
 * The execution engine: runs executions of compiled state machines on the instance's clock
 * and scheduler, records their history, holds task tokens and activity task queues.
 * (Skeleton: the interpreter lands in this folder.)
 */
import type { Clock } from '../../../core/clock.js';
import type { Scheduler } from '../../../core/scheduler.js';
import type { Logger } from '../../../core/logger.js';
import type { MachineDefinition } from '../asl.js';
import { SfnDomainError } from '../errors.js';
import type {
  CompiledMachineRef,
  ExecutionRecord,
  ExecutionTarget,
  ListExecutionsFilter,
  MapRunRecord,
  MockLookup,
  StartOptions,
  TaskPort,
} from './types.js';

export interface ExecutionEngineOptions {
  clock: Clock;
  scheduler: Scheduler;
  tasks: TaskPort;
  mocks?: MockLookup;
  /** Multiplies Wait durations and retry intervals (0 = instant), like SFN Local's -waitTimeScale. */
  waitTimeScale?: number;
  logger?: Logger;
}

export interface ActivityTask {
  taskToken: string;
  input: string;
}

export function compileMachine(_definition: MachineDefinition): CompiledMachineRef {
  throw new Error('not implemented yet');
}

export class ExecutionEngine {
  constructor(readonly options: ExecutionEngineOptions) {}

  /** Start an execution (Standard, or Express async). Throws SfnDomainError('ExecutionAlreadyExists'). */
  start(_target: ExecutionTarget, _options: StartOptions): ExecutionRecord {
    throw new SfnDomainError('InternalFailure', 'not implemented yet');
  }

  /** StartSyncExecution (Express): resolves when the execution ends. */
  startSync(_target: ExecutionTarget, _options: StartOptions): Promise<ExecutionRecord> {
    throw new SfnDomainError('InternalFailure', 'not implemented yet');
  }

  get(_executionArn: string): ExecutionRecord | undefined {
    return undefined;
  }

  /** Newest first. */
  list(_filter: ListExecutionsFilter): ExecutionRecord[] {
    return [];
  }

  stop(_executionArn: string, _error?: string, _cause?: string): ExecutionRecord {
    throw new SfnDomainError('InternalFailure', 'not implemented yet');
  }

  redrive(_executionArn: string): ExecutionRecord {
    throw new SfnDomainError('InternalFailure', 'not implemented yet');
  }

  /** Throws SfnDomainError('InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut'). */
  sendTaskSuccess(_taskToken: string, _output: string): void {}
  sendTaskFailure(_taskToken: string, _error?: string, _cause?: string): void {}
  sendTaskHeartbeat(_taskToken: string): void {}

  /** Long-poll an activity's task queue for up to `waitMs`; undefined when nothing came. */
  pollActivity(_activityArn: string, _workerName: string | undefined, _waitMs: number, _signal: AbortSignal): Promise<ActivityTask | undefined> {
    return Promise.resolve(undefined);
  }

  getMapRun(_mapRunArn: string): MapRunRecord | undefined {
    return undefined;
  }
  listMapRuns(_executionArn: string): MapRunRecord[] {
    return [];
  }
  updateMapRun(_mapRunArn: string, _changes: { maxConcurrency?: number; toleratedFailurePercentage?: number; toleratedFailureCount?: number }): void {}

  /** Called when a state machine is deleted: its running executions are stopped. */
  machineDeleted(_stateMachineArn: string): void {}

  close(): void {}
}
