/**
 * EventBridge's AWS errors: names and statuses from the SDK model, messages as AWS words them
 * (LocalStack's AWS-recorded snapshots), and the mapping from bus-engine domain errors.
 */
import { AwsError, eventsModel, eventsValidationException, modeledError } from '../../../protocols/index.js';
import * as E from '../../engines/bus/errors.js';
import { FilterPolicyError } from '../../engines/filter/index.js';

export const eventsError = (shape: string, message: string): AwsError => modeledError(eventsModel, shape, message);
export const validation = eventsValidationException;
export const notFound = (message: string): AwsError => eventsError('ResourceNotFoundException', message);

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
  if (e instanceof E.BusExists || e instanceof E.ArchiveExists || e instanceof E.ReplayExists) return eventsError('ResourceAlreadyExistsException', e.message);
  if (e instanceof E.LimitExceeded) return eventsError('LimitExceededException', e.message);
  if (e instanceof E.ReplayNotCancellable) return eventsError('IllegalStatusException', e.message);
  return validation(e.message);
}
