/**
 * "Step Functions Execution Status Change": the event Step Functions sends to the default event
 * bus of the execution's account and region when a Standard execution's status changes (AWS docs
 * "EventBridge (CloudWatch Events) for Step Functions execution status changes"; detail shape and
 * member order as recorded in LocalStack's test_base::test_event_bridge_events_base snapshot,
 * 2024-02): DescribeExecution's data with epoch-millisecond dates and explicit nulls.
 *
 * LIMITATIONS: the 248 KB payload cut counts JSON-escaped UTF-8 bytes (AWS's exact counting is
 * not documented); `redriveStatusReason` is null for redrivable executions (unverified); child
 * executions of a Distributed Map report too, as Standard executions (unverified); PENDING_REDRIVE
 * is never reported (the engine has no such phase).
 */
import type { ExecutionRecord } from '../../engines/statemachine/execution/types.js';
import { redriveStatus } from './execution-operations.js';

export const STATUS_CHANGE_SOURCE = 'aws.states';
export const STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

/**
 * AWS docs: when the escaped input and output together exceed 248 KB the input is left out;
 * when the escaped output alone does, the output is. `inputDetails`/`outputDetails.included` say so.
 */
const PAYLOAD_LIMIT = 248 * 1024;
const escapedBytes = (s: string): number => Buffer.byteLength(JSON.stringify(s), 'utf8') - 2;

export interface StatusChangeEvent {
  source: string;
  detailType: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export function executionStatusChange(rec: ExecutionRecord): StatusChangeEvent {
  const ended = rec.status !== 'RUNNING';
  const outputSize = rec.output === undefined ? 0 : escapedBytes(rec.output);
  const outputIncluded = outputSize <= PAYLOAD_LIMIT;
  const inputIncluded = escapedBytes(rec.input) + (outputIncluded ? outputSize : 0) <= PAYLOAD_LIMIT;
  const redrive = redriveStatus(rec);
  return {
    source: STATUS_CHANGE_SOURCE,
    detailType: STATUS_CHANGE_DETAIL_TYPE,
    resources: [rec.executionArn],
    detail: {
      executionArn: rec.executionArn,
      stateMachineArn: rec.target.stateMachineArn,
      name: rec.name,
      status: rec.status,
      startDate: rec.startDate,
      stopDate: ended ? (rec.stopDate ?? null) : null,
      input: inputIncluded ? rec.input : null,
      output: rec.output !== undefined && outputIncluded ? rec.output : null,
      stateMachineVersionArn: rec.target.versionArn ?? null,
      stateMachineAliasArn: rec.target.aliasArn ?? null,
      redriveCount: rec.redriveCount,
      redriveDate: rec.redriveDate ?? null,
      redriveStatus: redrive.redriveStatus,
      redriveStatusReason: redrive.redriveStatusReason ?? null,
      inputDetails: { included: inputIncluded },
      outputDetails: rec.output !== undefined ? { included: outputIncluded } : null,
      error: rec.error ?? null,
      cause: rec.cause ?? null,
    },
  };
}
