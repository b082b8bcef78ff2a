/**
 * Execution operations: StartExecution, StartSyncExecution, StopExecution, DescribeExecution,
 * ListExecutions, GetExecutionHistory, RedriveExecution. The engine runs and records; this layer
 * checks AWS's rules, resolves machine/version/alias ARNs and shapes the answers.
 */
import type * as sdk from '@aws-sdk/client-sfn';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent, ListExecutionsFilter, StartOptions } from '../../engines/statemachine/execution/types.js';
import { resolveTarget, type SfnDeps } from './deps.js';
import {
  checkDataLength,
  checkNesting,
  executionInputError,
  MAX_DATA,
  checkEnum,
  checkExecutionArn,
  checkMapRunArn,
  checkName,
  compact,
  date,
  invalidArn,
  invalidExecutionInput,
  isJson,
  page,
  parseArn,
  parseMachineRef,
  required,
  scopeOf,
  sfnError,
  validation,
  type SfnHandlers,
  type SfnInput,
  type SfnOutput,
} from './shared.js';

const STATUSES = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'] as const;
const INCLUDED_DATA = ['ALL_DATA', 'METADATA_ONLY'] as const;

export const expressArnError = () => invalidArn('Resource type not valid in this context: express');
export const executionNotFound = (arn: string) => sfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

/** A Standard execution's record: Express ARNs and unknown executions are refused as AWS does. */
export function requireExecution(deps: SfnDeps, arn: string): ExecutionRecord {
  if (parseArn(arn).resourceType === 'express') throw expressArnError();
  checkExecutionArn(arn);
  const rec = deps.executions.get(arn);
  if (!rec) throw executionNotFound(arn);
  return rec;
}

/** Split `arn#TestCase` (Step Functions Local mocks) and read name/input/traceHeader. */
function startOptions(input: SfnInput<'StartExecution'> | SfnInput<'StartSyncExecution'>): { arn: string; options: StartOptions } {
  const raw = required(input.stateMachineArn, 'stateMachineArn');
  const hash = raw.indexOf('#');
  const arn = hash >= 0 ? raw.slice(0, hash) : raw;
  const name = input.name;
  if (name !== undefined) checkName(name);
  const text = input.input ?? '{}';
  checkDataLength('input', text, MAX_DATA);
  if (!isJson(text)) throw invalidExecutionInput(text);
  checkNesting(text, executionInputError);
  const options: StartOptions = { input: text };
  if (name !== undefined) options.name = name;
  const traceHeader = input.traceHeader;
  if (traceHeader !== undefined) options.traceHeader = traceHeader;
  if (hash >= 0) options.testCase = raw.slice(hash + 1);
  return { arn, options };
}

export function redriveStatus(rec: ExecutionRecord): { redriveStatus: sdk.ExecutionRedriveStatus; redriveStatusReason?: string } {
  if (rec.mapRunArn !== undefined && rec.status !== 'RUNNING')
    // unverified text
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is a child of a Map Run and must be redriven through its parent' };
  if (rec.status === 'RUNNING' || rec.status === 'SUCCEEDED' || rec.status === 'PENDING_REDRIVE')
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${rec.status} and cannot be redriven` };
  return { redriveStatus: 'REDRIVABLE' };
}

function describeExecution(rec: ExecutionRecord, metadataOnly: boolean): SfnOutput<'DescribeExecution'> {
  const data = !metadataOnly;
  return compact({
    executionArn: rec.executionArn,
    stateMachineArn: rec.target.stateMachineArn,
    name: rec.name,
    status: rec.status,
    startDate: new Date(rec.startDate),
    stopDate: date(rec.stopDate),
    input: data ? rec.input : undefined,
    inputDetails: { included: data },
    output: data ? rec.output : undefined,
    outputDetails: rec.status === 'SUCCEEDED' ? { included: data } : undefined,
    error: rec.error,
    cause: rec.cause,
    traceHeader: rec.traceHeader,
    mapRunArn: rec.mapRunArn,
    stateMachineVersionArn: rec.target.versionArn,
    stateMachineAliasArn: rec.target.aliasArn,
    redriveCount: rec.redriveCount,
    redriveDate: date(rec.redriveDate),
    ...redriveStatus(rec),
  });
}

/**
 * History events as the API returns them; without execution data, inputs and outputs go.
 * The engine records each event in the API's shape (`type` a HistoryEventType, one
 * `<x>EventDetails` member named as in the API) but types it loosely (`type: string`, details
 * `unknown`): this is the one place its events become `sdk.HistoryEvent`.
 */
function historyEvent(e: HistoryEvent, includeData: boolean): sdk.HistoryEvent {
  const out: Record<string, unknown> = { ...e, timestamp: new Date(e.timestamp) };
  if (!includeData)
    for (const [k, v] of Object.entries(out))
      if (k.endsWith('EventDetails') && v && typeof v === 'object') {
        const d: Record<string, unknown> = { ...v };
        for (const f of ['input', 'output', 'inputDetails', 'outputDetails', 'parameters', 'result']) delete d[f];
        out[k] = d;
      }
  return out as unknown as sdk.HistoryEvent;
}

/**
 * StartSyncExecution's status is the model's SyncExecutionStatus (SUCCEEDED, FAILED, TIMED_OUT);
 * an Express execution that ended otherwise (ABORTED: its machine was deleted, the engine
 * closed) is reported FAILED. // unverified: AWS's status for an aborted synchronous execution
 */
function syncStatus(status: ExecutionStatus): sdk.SyncExecutionStatus {
  return status === 'SUCCEEDED' || status === 'TIMED_OUT' ? status : 'FAILED';
}

type ExecutionOperation =
  | 'StartExecution'
  | 'StartSyncExecution'
  | 'StopExecution'
  | 'DescribeExecution'
  | 'ListExecutions'
  | 'GetExecutionHistory'
  | 'RedriveExecution';

export function executionOperations(deps: SfnDeps): SfnHandlers<ExecutionOperation> {
  const { registry, executions } = deps;
  return {
    StartExecution(input, ctx) {
      const { arn, options } = startOptions(input);
      const target = resolveTarget(deps, scopeOf(ctx), arn);
      if (options.traceHeader === undefined && ctx.traceHeader !== undefined) options.traceHeader = ctx.traceHeader;
      const rec = executions.start(target, options);
      return { executionArn: rec.executionArn, startDate: new Date(rec.startDate) };
    },

    async StartSyncExecution(input, ctx) {
      checkEnum('includedData', input.includedData, INCLUDED_DATA);
      const { arn, options } = startOptions(input);
      const target = resolveTarget(deps, scopeOf(ctx), arn, 'EXPRESS');
      const rec = await executions.startSync(target, options);
      const data = input.includedData !== 'METADATA_ONLY';
      const stop = rec.stopDate ?? deps.clock.now();
      return compact({
        executionArn: rec.executionArn,
        stateMachineArn: target.versionArn ?? target.stateMachineArn,
        name: rec.name,
        startDate: new Date(rec.startDate),
        stopDate: new Date(stop),
        status: syncStatus(rec.status),
        error: rec.error,
        cause: rec.cause,
        input: data ? rec.input : undefined,
        inputDetails: { included: data },
        output: data ? rec.output : undefined,
        outputDetails: rec.output !== undefined ? { included: data } : undefined,
        traceHeader: rec.traceHeader,
        billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil((stop - rec.startDate) / 100) * 100) },
      });
    },

    StopExecution(input) {
      const arn = required(input.executionArn, 'executionArn');
      requireExecution(deps, arn);
      const rec = executions.stop(arn, input.error, input.cause);
      return { stopDate: new Date(rec.stopDate ?? deps.clock.now()) };
    },

    DescribeExecution(input) {
      checkEnum('includedData', input.includedData, INCLUDED_DATA);
      return describeExecution(requireExecution(deps, required(input.executionArn, 'executionArn')), input.includedData === 'METADATA_ONLY');
    },

    ListExecutions(input, ctx) {
      checkEnum('statusFilter', input.statusFilter, STATUSES);
      checkEnum('redriveFilter', input.redriveFilter, ['REDRIVEN', 'NOT_REDRIVEN']);
      const smArn = input.stateMachineArn;
      const mapRunArn = input.mapRunArn;
      const filter: ListExecutionsFilter = {};
      if (smArn !== undefined && mapRunArn !== undefined)
        // unverified text
        throw validation('Only one of stateMachineArn or mapRunArn can be specified');
      if (smArn !== undefined) {
        const ref = parseMachineRef(smArn);
        const scope = scopeOf(ctx);
        const m = registry.getMachine(scope, ref.machineArn);
        if (!m) throw sfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${smArn}'`);
        if (ref.kind === 'version') {
          if (!m.versions.has(ref.version)) throw sfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${smArn}'`);
          filter.versionArn = smArn;
        } else if (ref.kind === 'alias') {
          if (!m.aliases.has(ref.alias)) throw sfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${smArn}'`);
          filter.aliasArn = smArn;
        } else filter.stateMachineArn = m.arn;
        if (m.type === 'EXPRESS') throw sfnError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      } else if (mapRunArn !== undefined) {
        checkMapRunArn(mapRunArn);
        // unverified text
        if (!executions.getMapRun(mapRunArn)) throw sfnError('ResourceNotFound', `Resource not found: '${mapRunArn}'`);
        filter.mapRunArn = mapRunArn;
      } else {
        // unverified text
        throw validation('Must provide a StateMachine ARN or MapRun ARN');
      }
      if (input.statusFilter !== undefined) filter.status = input.statusFilter;
      if (input.redriveFilter !== undefined) filter.redriveFilter = input.redriveFilter;
      const { items, nextToken } = page(executions.list(filter), input, 3096);
      return compact({
        executions: items.map((r) =>
          compact<sdk.ExecutionListItem>({
            executionArn: r.executionArn,
            stateMachineArn: r.target.stateMachineArn,
            name: r.name,
            status: r.status,
            startDate: new Date(r.startDate),
            stopDate: date(r.stopDate),
            mapRunArn: r.mapRunArn,
            stateMachineVersionArn: r.target.versionArn,
            stateMachineAliasArn: r.target.aliasArn,
            redriveCount: r.redriveCount,
            redriveDate: date(r.redriveDate),
          }),
        ),
        nextToken,
      });
    },

    GetExecutionHistory(input) {
      const rec = requireExecution(deps, required(input.executionArn, 'executionArn'));
      const events = input.reverseOrder === true ? [...rec.history].reverse() : rec.history;
      const { items, nextToken } = page(events, input, 3096);
      const includeData = input.includeExecutionData !== false;
      return compact({ events: items.map((e) => historyEvent(e, includeData)), nextToken });
    },

    RedriveExecution(input) {
      const arn = required(input.executionArn, 'executionArn');
      requireExecution(deps, arn);
      const rec = executions.redrive(arn);
      return { redriveDate: new Date(rec.redriveDate ?? deps.clock.now()) };
    },
  };
}
