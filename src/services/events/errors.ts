/**
 * EventBridge's AWS errors: names and statuses from the SDK model, messages as AWS words them
 * (LocalStack's AWS-recorded snapshots), and the mapping from bus-engine domain errors.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import { AwsError, eventsModel, modeledError } from '../../../protocols/index.js';
import * as E from '../../engines/bus/errors.js';
import { FilterPolicyError } from '../../engines/filter/index.js';
import type { ErrorNames } from '../operation-types.js';

/** The error shapes of the EventBridge model (the SDK's exception classes). */
export type EventsErrorName = ErrorNames<typeof sdk, sdk.EventBridgeServiceException>;

/**
 * Errors EventBridge answers with that its model does not declare: coral's (the AWS service
 * framework's) constraint and parsing errors, shared by every AWS JSON service. 400, Sender, no
 * namespace, as protocols/models/events.ts builds them.
 */
export type CommonErrorName = 'ValidationException' | 'SerializationException';

/** A modeled EventBridge error: status and fault from the model. */
export const eventsError = (shape: EventsErrorName, message: string): AwsError => modeledError(eventsModel, shape, message);
/** A coral error the model does not declare. */
export const commonError = (name: CommonErrorName, message: string): AwsError => new AwsError({ name, status: 400, message });
export const validation = (message: string): AwsError => commonError('ValidationException', message);
export const notFound = (message: string): AwsError => eventsError('ResourceNotFoundException', message);

/**
 * A user's change to a rule an AWS service manages (`ManagedBy` set). DeleteRule and
 * RemoveTargets may override it with Force: their text is AWS's as users report it
 * (aws-nuke#448, cloud-custodian#10308). PutRule, PutTargets, Enable/DisableRule and
 * Tag/UntagResource have no Force (API reference, ManagedRuleException).
 */
export function managedRule(rule: string, forceable: boolean): AwsError {
  if (forceable) return eventsError('ManagedRuleException', `${rule} is a managed rule. Set 'force' parameter to true to override.`);
  // unverified text
  return eventsError('ManagedRuleException', `Rule ${rule} is managed by an AWS service and cannot be modified.`);
}

/** A bad event pattern (PutRule, TestEventPattern, archives). */
export function invalidPattern(e: unknown): AwsError {
  const reason = e instanceof FilterPolicyError ? e.message : String((e as Error)?.message ?? e);
  return eventsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
}

/** Translate a bus-engine error into the AWS error a client expects. */
export function mapEngineError(e: unknown): unknown {
  if (!(e instanceof E.BusEngineError)) return e;
  if (e instanceof E.BusNotFound || e instanceof E.RuleNotFound || e instanceof E.ArchiveNotFound || e instanceof E.ReplayNotFound || e instanceof E.StatementNotFound)
    return notFound(e.message);
  if (e instanceof E.BusExists || e instanceof E.ArchiveExists || e instanceof E.ReplayExists || e instanceof E.RuleExists) return eventsError('ResourceAlreadyExistsException', e.message);
  if (e instanceof E.LimitExceeded) return eventsError('LimitExceededException', e.message);
  if (e instanceof E.ReplayNotCancellable) return eventsError('IllegalStatusException', e.message);
  return validation(e.message);
}
