/**
 * Activities and callbacks (Create/Delete/Describe/ListActivities, GetActivityTask,
 * SendTaskSuccess/Failure/Heartbeat), tags, and map runs (Describe/List/UpdateMapRun).
 */
import type * as sdk from '@aws-sdk/client-sfn';
import type { MapRunRecord } from '../../engines/statemachine/execution/types.js';
import type { SfnDeps } from './deps.js';
import { requireExecution } from './execution-operations.js';
import { encryptionOf, encryptionOut } from './machine-operations.js';
import {
  checkDataLength,
  checkNesting,
  MAX_DATA,
  checkActivityArn,
  checkMapRunArn,
  checkName,
  checkRange,
  compact,
  date,
  isJson,
  lengthAtMost,
  page,
  parseArn,
  required,
  scopeOf,
  sfnError,
  tagList,
  tagRecord,
  validation,
  type SfnHandlers,
  type SfnOutput,
} from './shared.js';

/** GetActivityTask waits this long (AWS: 60 s) before answering with no task. */
export const ACTIVITY_POLL_MS = 60_000;

const mapRunNotFound = (arn: string) => sfnError('ResourceNotFound', `Resource not found: '${arn}'`); // unverified text

/** `…:mapRun:machine/label:uuid` → `…:stateMachine:machine/label` (ListMapRuns shows it). */
function mapRunMachineArn(mapRunArn: string): string {
  const a = parseArn(mapRunArn);
  return `arn:${a.partition}:states:${a.region}:${a.account}:stateMachine:${a.parts[0]}`;
}

function describeMapRun(r: MapRunRecord): SfnOutput<'DescribeMapRun'> {
  const { failuresNotRedrivable: _f1, pendingRedrive: _p1, ...itemCounts } = r.itemCounts;
  const { failuresNotRedrivable: _f2, pendingRedrive: _p2, ...executionCounts } = r.executionCounts;
  const redriven = r.redriveCount > 0;
  return compact({
    mapRunArn: r.mapRunArn,
    executionArn: r.executionArn,
    status: r.status,
    startDate: new Date(r.startDate),
    stopDate: date(r.stopDate),
    maxConcurrency: r.maxConcurrency,
    toleratedFailurePercentage: r.toleratedFailurePercentage,
    toleratedFailureCount: r.toleratedFailureCount,
    itemCounts: redriven ? r.itemCounts : itemCounts,
    executionCounts: redriven ? r.executionCounts : executionCounts,
    redriveCount: r.redriveCount,
    redriveDate: date(r.redriveDate),
  });
}

function checkTaskToken(token: string | undefined): string {
  const t = required(token, 'taskToken');
  // unverified text
  if (t.length > 2048) throw lengthAtMost('taskToken', t, 2048);
  return t;
}

type ActivityOperation =
  | 'CreateActivity'
  | 'DeleteActivity'
  | 'DescribeActivity'
  | 'ListActivities'
  | 'GetActivityTask'
  | 'SendTaskSuccess'
  | 'SendTaskFailure'
  | 'SendTaskHeartbeat'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource'
  | 'DescribeMapRun'
  | 'ListMapRuns'
  | 'UpdateMapRun';

export function activityOperations(deps: SfnDeps): SfnHandlers<ActivityOperation> {
  const { registry, executions } = deps;
  return {
    CreateActivity(input, ctx) {
      const name = required(input.name, 'name');
      checkName(name);
      const enc = encryptionOf(input.encryptionConfiguration);
      const a = registry.createActivity(scopeOf(ctx), { name, tags: tagRecord(input.tags), ...(enc ? { encryptionConfiguration: enc } : {}) });
      return { activityArn: a.arn, creationDate: new Date(a.creationDate) };
    },

    DeleteActivity(input, ctx) {
      const arn = required(input.activityArn, 'activityArn');
      checkActivityArn(arn);
      registry.deleteActivity(scopeOf(ctx), arn);
      return {};
    },

    DescribeActivity(input, ctx) {
      const arn = required(input.activityArn, 'activityArn');
      checkActivityArn(arn);
      const a = registry.requireActivity(scopeOf(ctx), arn);
      return { activityArn: a.arn, name: a.name, creationDate: new Date(a.creationDate), encryptionConfiguration: a.encryptionConfiguration && encryptionOut(a.encryptionConfiguration) };
    },

    ListActivities(input, ctx) {
      const { items, nextToken } = page(registry.listActivities(scopeOf(ctx)), input);
      return compact({ activities: items.map((a): sdk.ActivityListItem => ({ activityArn: a.arn, name: a.name, creationDate: new Date(a.creationDate) })), nextToken });
    },

    async GetActivityTask(input, ctx) {
      const arn = required(input.activityArn, 'activityArn');
      checkActivityArn(arn);
      const workerName = input.workerName;
      if (workerName !== undefined && workerName.length > 80) throw lengthAtMost('workerName', workerName, 80);
      registry.requireActivity(scopeOf(ctx), arn);
      const task = await executions.pollActivity(arn, workerName, ACTIVITY_POLL_MS, ctx.signal);
      return task ? { taskToken: task.taskToken, input: task.input } : {};
    },

    SendTaskSuccess(input) {
      // Constraint validation (member lengths) comes before any token lookup.
      checkDataLength('output', input.output, MAX_DATA);
      const token = checkTaskToken(input.taskToken);
      const output = required(input.output, 'output');
      // unverified text
      if (!isJson(output)) throw sfnError('InvalidOutput', `Invalid Output: '${output}'`);
      checkNesting(output, (detail) => sfnError('InvalidOutput', `Invalid Output: '${detail}'`)); // unverified text
      executions.sendTaskSuccess(token, output);
      return {};
    },

    SendTaskFailure(input) {
      const token = checkTaskToken(input.taskToken);
      const error = input.error;
      const cause = input.cause;
      if (error !== undefined && error.length > 256) throw lengthAtMost('error', error, 256);
      if (cause !== undefined && cause.length > 32768) throw lengthAtMost('cause', cause, 32768);
      executions.sendTaskFailure(token, error, cause);
      return {};
    },

    SendTaskHeartbeat(input) {
      executions.sendTaskHeartbeat(checkTaskToken(input.taskToken));
      return {};
    },

    TagResource(input, ctx) {
      const arn = required(input.resourceArn, 'resourceArn');
      parseArn(arn);
      registry.tag(scopeOf(ctx), arn, tagRecord(input.tags));
      return {};
    },

    UntagResource(input, ctx) {
      const arn = required(input.resourceArn, 'resourceArn');
      parseArn(arn);
      registry.untag(scopeOf(ctx), arn, input.tagKeys ?? []);
      return {};
    },

    ListTagsForResource(input, ctx) {
      const arn = required(input.resourceArn, 'resourceArn');
      parseArn(arn);
      return { tags: tagList(registry.tags(scopeOf(ctx), arn)) };
    },

    DescribeMapRun(input) {
      const arn = required(input.mapRunArn, 'mapRunArn');
      checkMapRunArn(arn);
      const r = executions.getMapRun(arn);
      if (!r) throw mapRunNotFound(arn);
      return describeMapRun(r);
    },

    ListMapRuns(input) {
      const rec = requireExecution(deps, required(input.executionArn, 'executionArn'));
      const { items, nextToken } = page(executions.listMapRuns(rec.executionArn), input);
      return compact({
        mapRuns: items.map((r) =>
          compact<sdk.MapRunListItem>({
            executionArn: r.executionArn,
            mapRunArn: r.mapRunArn,
            stateMachineArn: mapRunMachineArn(r.mapRunArn),
            startDate: new Date(r.startDate),
            stopDate: date(r.stopDate),
          }),
        ),
        nextToken,
      });
    },

    UpdateMapRun(input) {
      const arn = required(input.mapRunArn, 'mapRunArn');
      checkMapRunArn(arn);
      const { maxConcurrency, toleratedFailurePercentage, toleratedFailureCount } = input;
      if (maxConcurrency === undefined && toleratedFailurePercentage === undefined && toleratedFailureCount === undefined)
        // unverified text
        throw validation('Must specify at least one of maxConcurrency, toleratedFailurePercentage, or toleratedFailureCount');
      checkRange('maxConcurrency', maxConcurrency, 0, Number.MAX_SAFE_INTEGER);
      checkRange('toleratedFailurePercentage', toleratedFailurePercentage, 0, 100);
      checkRange('toleratedFailureCount', toleratedFailureCount, 0, Number.MAX_SAFE_INTEGER);
      if (!executions.getMapRun(arn)) throw mapRunNotFound(arn);
      executions.updateMapRun(arn, compact<Parameters<typeof executions.updateMapRun>[1]>({ maxConcurrency, toleratedFailurePercentage, toleratedFailureCount }));
      return {};
    },
  };
}
