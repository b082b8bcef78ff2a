/**
 * Errors of the Step Functions engine.
 *
 * `StatesError` is an ASL runtime error: it has an error name a Retry/Catch can match
 * (`States.Runtime`, `States.QueryEvaluationError`, `SQS.SdkClientException`, a Fail state's
 * Error, ...) and an optional cause. The language layer throws it with the cause *fragment*
 * (e.g. "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input
 * '{}'"); the interpreter adds AWS's "An error occurred while executing the state 'S' (entered at
 * the event id #N). " prefix where AWS does. `location` (JSONata only) names the field that
 * failed, e.g. "Assign/result": the interpreter then records an `EvaluationFailed` event.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause?: string,
    readonly location?: string,
  ) {
    super(cause ? `${error}: ${cause}` : error);
  }
}

export function isStatesError(e: unknown): e is StatesError {
  return e instanceof StatesError;
}

/** Domain errors the service layer maps to AWS exceptions (name = the AWS error code). */
export class SfnDomainError extends Error {
  constructor(
    /** AWS exception name from the model, e.g. 'ExecutionDoesNotExist', 'InvalidToken'. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
