/** AWS's message for every rejected schedule expression (LocalStack AWS-recorded snapshots, PutRule). */
export const INVALID_SCHEDULE_EXPRESSION_MESSAGE = 'Parameter ScheduleExpression is not valid.';

/**
 * Thrown by `parseScheduleExpression` for any expression AWS would refuse. The service answers it as
 * `ValidationException` with `message` unchanged. AWS says nothing more specific, so the cause is kept
 * apart in `reason`, for logs and tests only; it must not reach the client.
 */
export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';

  constructor(
    /** Why the expression was refused (ours, never sent to the client). */
    readonly reason: string,
  ) {
    super(INVALID_SCHEDULE_EXPRESSION_MESSAGE);
  }
}
