/** A subscription: where a topic's messages go, under which filter, and whether it is confirmed. */
import type { Protocol, SnsFilter, SubscriptionView } from './types.js';

export class Subscription implements SubscriptionView {
  /** Stored as given: RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, DeliveryPolicy, ... */
  readonly attributes = new Map<string, string>();
  /** Compiled when FilterPolicy/FilterPolicyScope are set; undefined = everything matches. */
  filter: SnsFilter | undefined;
  /** Body-scope policies need the message parsed as JSON; attribute scope does not. */
  filterScope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes';
  pendingConfirmation: boolean;
  confirmationWasAuthenticated = false;
  /** Confirmation token while pending (http/https/email/email-json). */
  token: string | undefined;

  constructor(
    readonly arn: string,
    readonly topicArn: string,
    readonly protocol: Protocol,
    readonly endpoint: string,
    readonly owner: string,
    readonly fifoTopic: boolean,
    pending: boolean,
  ) {
    this.pendingConfirmation = pending;
    if (!pending) this.confirmationWasAuthenticated = true;
  }
}
