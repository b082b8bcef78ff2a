/**
 * Publish and PublishBatch: to a topic (fan-out through the topic engine), to a platform
 * endpoint (TargetArn) or to a phone number (SMS), with AWS's checks.
 */
import { createHash } from 'node:crypto';
import { isAwsError } from '../../../protocols/index.js';
import type { BatchResultErrorEntry, PublishBatchRequestEntry, PublishBatchResultEntry } from '@aws-sdk/client-sns';
import type { PublishInput, Topic, TopicEngine } from '../../engines/topic/index.js';
import type { MobileStore } from '../../engines/topic/mobile/store.js';
import type { RequestContext } from '../context.js';
import { parseArn } from './arns.js';
import { invalidParameter, snsError } from './errors.js';
import { checkMessageAttributes, checkSubject, engineAttributes, MAX_MESSAGE_BYTES, parseStructure } from './message-attributes.js';
import { mapMobileError } from './mobile/index.js';
import { topicFor } from './topic-operations.js';
import type { SnsHandlersFor } from './types.js';

/** The message members Publish and a PublishBatch entry share (the SDK's own member types). */
type Entry = Pick<PublishBatchRequestEntry, 'Message' | 'Subject' | 'MessageStructure' | 'MessageAttributes' | 'MessageGroupId' | 'MessageDeduplicationId'>;

const FIFO_ID = /^[\x21-\x7E]{1,128}$/;

/** A message that passed `checkMessage`: its text (present, not empty) and parsed structure. */
interface CheckedMessage {
  message: string;
  structure: Record<string, string> | undefined;
}

/** Checks that depend only on the message (not on where it goes); returns the text and parsed structure. */
function checkMessage(e: Entry, requireDefault = true, checkSize = true): CheckedMessage {
  const message = e.Message;
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  checkSubject(e.Subject);
  const size = Buffer.byteLength(message) + checkMessageAttributes(e.MessageAttributes);
  if (checkSize && size > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (e.MessageStructure !== undefined && e.MessageStructure !== 'json') throw invalidParameter('MessageStructure');
  return { message, structure: e.MessageStructure === 'json' ? parseStructure(message, requireDefault) : undefined };
}

/** FIFO rules: group id required, dedup id or content-based; standard topics refuse dedup ids. */
function checkFifo(topic: Topic, e: Entry): void {
  if (!topic.fifo) {
    if (e.MessageDeduplicationId !== undefined)
      throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    return;
  }
  if (e.MessageGroupId === undefined) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  if (!FIFO_ID.test(e.MessageGroupId)) throw invalidParameter('MessageGroupId Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
  if (e.MessageDeduplicationId === undefined && topic.attributes.get('ContentBasedDeduplication') !== 'true')
    throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  if (e.MessageDeduplicationId !== undefined && !FIFO_ID.test(e.MessageDeduplicationId))
    throw invalidParameter('MessageDeduplicationId Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
}

function publishInput(topic: Topic, e: Entry, { message, structure }: CheckedMessage, ctx: RequestContext): PublishInput {
  const dedup =
    e.MessageDeduplicationId ??
    (topic.fifo && topic.attributes.get('ContentBasedDeduplication') === 'true' ? createHash('sha256').update(message).digest('hex') : undefined);
  return {
    message,
    subject: e.Subject,
    attributes: engineAttributes(e.MessageAttributes),
    structure,
    groupId: e.MessageGroupId,
    deduplicationId: topic.fifo ? dedup : undefined,
    origin: `http://${ctx.host}`,
    traceHeader: ctx.traceHeader,
  };
}

export function publishOperations(topics: TopicEngine, mobile: MobileStore): SnsHandlersFor<'Publish' | 'PublishBatch'> {
  return {
    Publish(input, ctx) {
      const e: Entry = input;
      // An empty TopicArn is a malformed ARN to AWS ("An ARN must have at least 6 elements, not 1").
      const targets = [input.TopicArn, input.TargetArn, input.PhoneNumber].filter((v) => v !== undefined);
      if (targets.length === 0) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
      if (targets.length > 1) throw invalidParameter('TopicArn or TargetArn or PhoneNumber Reason: Only one of these parameters may be specified');
      const scope = { account: ctx.account, region: ctx.region };

      if (input.PhoneNumber !== undefined) {
        const phone = input.PhoneNumber;
        if (!/^\+?[1-9]\d{1,14}$/.test(phone)) throw invalidParameter(`PhoneNumber Reason: ${phone} is not valid to publish to`);
        const { message, structure } = checkMessage(e);
        try {
          return { MessageId: mobile.sendSms(scope, phone, structure?.sms ?? structure?.default ?? message, engineAttributes(e.MessageAttributes)).messageId };
        } catch (err) {
          throw mapMobileError(err);
        }
      }

      // Exactly one of the two is set here (PhoneNumber was handled above).
      const arn = input.TopicArn ?? input.TargetArn ?? '';
      const param = input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn';
      const parsed = parseArn(arn, param);
      if (param === 'TargetArn' && parsed.resource.startsWith('endpoint/')) {
        const { message, structure } = checkMessage(e, false);
        try {
          const r = mobile.publishToEndpoint(scope, arn, message, structure, { subject: e.Subject, messageAttributes: engineAttributes(e.MessageAttributes) });
          return { MessageId: r.messageId };
        } catch (err) {
          throw mapMobileError(err);
        }
      }
      const topic = topicFor(topics, arn, ctx, param);
      const message = checkMessage(e);
      checkFifo(topic, e);
      const r = topics.publish(topic, publishInput(topic, e, message, ctx));
      return { MessageId: r.messageId, SequenceNumber: r.sequenceNumber };
    },

    /*
     * AWS refuses the whole request when any entry is malformed (recorded: a missing group id,
     * a missing dedup id, a MessageStructure without `default`, bad attributes all fail the call,
     * not the entry), so every entry is checked before any is published. Order, as recorded: the
     * entry count, the ids, then each entry (message, attributes, structure, FIFO ids), then the
     * total size. `Failed` lists entries whose publish failed after that (none in practice).
     */
    PublishBatch(input, ctx) {
      const topic = topicFor(topics, input.TopicArn, ctx);
      // Id is required (typed `string | undefined`): the parser refuses an entry without one.
      const entries = (input.PublishBatchRequestEntries ?? []).map((e) => ({ ...e, Id: e.Id ?? '' }));
      if (entries.length === 0) throw snsError('EmptyBatchRequestException', 'The batch request doesn\'t contain any entries.');
      if (entries.length > 10) throw snsError('TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible.');
      const ids = new Set<string>();
      for (const e of entries) {
        if (ids.has(e.Id)) throw snsError('BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.');
        ids.add(e.Id);
      }
      for (const e of entries) {
        if (e.Id.length > 80) throw snsError('InvalidBatchEntryIdException', `The Id of a batch entry in the batch request is too long: ${e.Id}`);
        if (!/^[A-Za-z0-9_-]+$/.test(e.Id))
          throw snsError('InvalidBatchEntryIdException', `The Id of a batch entry in the batch request contains an impermissible character: ${e.Id}`);
      }
      let total = 0;
      const checked: Array<{ e: Entry & { Id: string }; message: CheckedMessage }> = [];
      for (const e of entries) {
        // Size is only judged for the batch as a whole (below).
        const message = checkMessage(e, true, false);
        checkFifo(topic, e);
        total += Buffer.byteLength(message.message) + checkMessageAttributes(e.MessageAttributes);
        checked.push({ e, message });
      }
      if (total > MAX_MESSAGE_BYTES) throw snsError('BatchRequestTooLongException', 'The length of all the messages put together is more than the limit.');
      const Successful: PublishBatchResultEntry[] = [];
      const Failed: BatchResultErrorEntry[] = [];
      for (const { e, message } of checked) {
        try {
          const r = topics.publish(topic, publishInput(topic, e, message, ctx));
          Successful.push({ Id: e.Id, MessageId: r.messageId, SequenceNumber: r.sequenceNumber });
        } catch (err) {
          if (!isAwsError(err) || err.status >= 500) throw err;
          Failed.push({ Id: e.Id, Code: err.queryCode, Message: err.message, SenderFault: err.fault === 'Sender' });
        }
      }
      return { Successful, Failed };
    },
  };
}
