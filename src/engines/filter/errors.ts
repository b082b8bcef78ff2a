/**
 * The one error the filter engine throws: a policy (or event pattern) AWS would refuse.
 *
 * `message` is AWS's reason text and nothing else, so a service can frame it the way its API
 * does. SNS frames it in two ways (LocalStack's AWS-recorded snapshots):
 *   - `parameter === 'FilterPolicy'` (almost every error):
 *       SetSubscriptionAttributes: `Invalid parameter: FilterPolicy: <message>`
 *       Subscribe:                 `Invalid parameter: Attributes Reason: FilterPolicy: <message>`
 *   - `parameter === null` (the scope/nesting error, which AWS reports without a parameter name):
 *       `Invalid parameter: <message>`
 * `awsMessage(prefix)` does this framing. EventBridge will frame the same reason texts as
 * `Event pattern is not valid. Reason: <message>`.
 */
export class FilterPolicyError extends Error {
  override readonly name = 'FilterPolicyError';

  constructor(
    message: string,
    /** The parameter name AWS puts between its prefix and the reason; null when it puts none. */
    readonly parameter: 'FilterPolicy' | null = 'FilterPolicy',
  ) {
    super(message);
  }

  /**
   * The full AWS message, given the operation's prefix: `Invalid parameter: ` (SetSubscriptionAttributes)
   * or `Invalid parameter: Attributes Reason: ` (Subscribe).
   */
  awsMessage(prefix = 'Invalid parameter: '): string {
    return this.parameter === null ? `${prefix}${this.message}` : `${prefix}${this.parameter}: ${this.message}`;
  }
}
