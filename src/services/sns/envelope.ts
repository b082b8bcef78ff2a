/**
 * The JSON documents SNS sends: Notification, SubscriptionConfirmation and
 * UnsubscribeConfirmation, with AWS's field order, signature fields and URLs.
 */
import type { Notification, Protocol, SnsMessageAttributes, SubscriptionView } from '../../engines/topic/index.js';
import type { SnsSigner } from './signing/index.js';

export interface EnvelopeContext {
  signer: SnsSigner;
  /** '1' (SHA1withRSA, the default) or '2' (SHA256withRSA): the topic's SignatureVersion. */
  signatureVersion: '1' | '2';
}

/** MessageStructure=json: the protocol's own entry, else `default`. */
export function messageFor(protocol: Protocol | string, n: Notification): string {
  if (!n.structure) return n.message;
  return n.structure[protocol] ?? n.structure.default ?? n.message;
}

export function envelopeAttributes(attrs: SnsMessageAttributes): Record<string, { Type: string; Value: string }> | undefined {
  const names = Object.keys(attrs);
  if (!names.length) return undefined;
  const out: Record<string, { Type: string; Value: string }> = Object.create(null); // user names
  for (const k of names) {
    const a = attrs[k]!;
    out[k] = { Type: a.DataType, Value: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : (a.StringValue ?? '') };
  }
  return out;
}

function signed(doc: Record<string, string | undefined>, ctx: EnvelopeContext, origin: string): Record<string, string | undefined> {
  return {
    ...doc,
    SignatureVersion: ctx.signatureVersion,
    Signature: ctx.signer.sign(doc, ctx.signatureVersion),
    SigningCertURL: `${origin}${ctx.signer.certPath}`,
  };
}

/**
 * AWS puts ARNs into these URLs as they are, colons unescaped (recorded: `UnsubscribeURL ==
 * f"{service_url}/?Action=Unsubscribe&SubscriptionArn={subscription_arn}"`); ARNs of topics and
 * subscriptions hold only characters a query string carries unchanged.
 */
export function unsubscribeUrl(origin: string, subscriptionArn: string): string {
  return `${origin}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
}

export function subscribeUrl(origin: string, topicArn: string, token: string): string {
  return `${origin}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
}

/** The Notification document; FIFO topics add SequenceNumber and carry no signature fields. */
export function notificationEnvelope(sub: SubscriptionView, n: Notification, ctx: EnvelopeContext): string {
  const base: Record<string, string | undefined> = {
    Type: 'Notification',
    MessageId: n.messageId,
    SequenceNumber: n.sequenceNumber,
    TopicArn: n.topicArn,
    Subject: n.subject,
    Message: messageFor(sub.protocol, n),
    Timestamp: new Date(n.timestamp).toISOString(),
  };
  const doc: Record<string, unknown> = sub.fifoTopic ? { ...base } : signed(base, ctx, n.origin);
  doc.UnsubscribeURL = unsubscribeUrl(n.origin, sub.arn);
  const attrs = envelopeAttributes(n.attributes);
  if (attrs) doc.MessageAttributes = attrs;
  return JSON.stringify(doc);
}

/** SubscriptionConfirmation or UnsubscribeConfirmation (both carry a Token and SubscribeURL). */
export function confirmationEnvelope(
  type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
  topicArn: string,
  token: string,
  messageId: string,
  timestamp: number,
  origin: string,
  ctx: EnvelopeContext,
  subscriptionArn?: string,
): string {
  const message =
    type === 'SubscriptionConfirmation'
      ? `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
      : `You have chosen to deactivate subscription ${subscriptionArn ?? topicArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
  const doc = {
    Type: type,
    MessageId: messageId,
    Token: token,
    TopicArn: topicArn,
    Message: message,
    SubscribeURL: subscribeUrl(origin, topicArn, token),
    Timestamp: new Date(timestamp).toISOString(),
  };
  return JSON.stringify(signed(doc, ctx, origin));
}
