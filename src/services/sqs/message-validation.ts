/**
 * Checks AWS makes on a message before accepting it: body characters and size, message
 * attributes, delay, FIFO ids. Each throws the AWS error with AWS's text.
 */
import type { MessageAttributes, Queue, SendInput } from '../../engines/queue/index.js';
import type { SdkMessageAttributeValue, SqsInput } from './types.js';
import { invalidParam, invalidParameterValue, missingParameter, sqsError } from './errors.js';

// #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF, as AWS documents; lone surrogates fail.
const INVALID_CHARS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const FIFO_ID = /^[\x21-\x7E]{1,128}$/;
const ATTR_NAME = /^[A-Za-z0-9_.-]+$/;
const ATTR_TYPE = /^(String|Number|Binary)(\..+)?$/;

export function checkContents(text: string): void {
  if (INVALID_CHARS.test(text))
    throw sqsError(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
}

/**
 * Validates user message attributes; returns their byte size (counts toward the limit) and the
 * attributes as the engine takes them (a DataType is required: the SDK types it `string | undefined`).
 */
export function checkMessageAttributes(attrs: Record<string, SdkMessageAttributeValue> | undefined): { size: number; attributes: MessageAttributes | undefined } {
  if (!attrs) return { size: 0, attributes: undefined };
  const attributes: MessageAttributes = Object.create(null); // user names: `__proto__` is one
  const names = Object.keys(attrs);
  if (names.length > 10) throw invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  let size = 0;
  for (const name of names) {
    const a = attrs[name]!;
    if (Buffer.byteLength(name) >= 256) throw invalidParameterValue('Message (user) attribute names must be shorter than 256 Bytes');
    if (!ATTR_NAME.test(name))
      throw invalidParameterValue('Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ');
    const lower = name.toLowerCase();
    if (lower.startsWith('aws.') || lower.startsWith('amazon.') || name.startsWith('.') || name.endsWith('.') || name.includes('..'))
      throw invalidParameterValue(
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
      );
    const type = a.DataType;
    if (!type) throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (!ATTR_TYPE.test(type))
      throw invalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    if (Buffer.byteLength(type) >= 256) throw invalidParameterValue('Message (user) attribute types must be shorter than 256 Bytes');
    if (type.startsWith('Binary')) {
      if (!a.BinaryValue || a.BinaryValue.length === 0)
        throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
      size += a.BinaryValue.length;
    } else {
      const v = a.StringValue;
      if (v === undefined || v === '')
        throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${type.startsWith('Number') ? 'Number' : 'String'}'.`);
      if (type.startsWith('Number') && !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v))
        throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
      checkContents(v);
      size += Buffer.byteLength(v);
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(type);
    attributes[name] = { DataType: type, StringValue: a.StringValue, BinaryValue: a.BinaryValue };
  }
  return { size, attributes };
}

/**
 * Only AWSTraceHeader (String) may be sent as a message system attribute. The SDK keys the map
 * by that one name; the parsers deliver whatever names were sent, so it is read with string keys.
 */
export function checkSystemAttributes(attrs: SendEntry['MessageSystemAttributes']): MessageAttributes | undefined {
  if (!attrs) return undefined;
  const out: MessageAttributes = {};
  for (const [name, a] of Object.entries(attrs)) {
    if (name !== 'AWSTraceHeader')
      throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (a?.DataType !== 'String' || !a.StringValue)
      throw invalidParameterValue(`Message system attribute '${name}' must contain a non-empty value of type 'String'.`);
    out[name] = { DataType: a.DataType, StringValue: a.StringValue, BinaryValue: a.BinaryValue };
  }
  return out;
}

/** One message of SendMessage or a SendMessageBatch entry (their members are the same). */
export type SendEntry = Omit<SqsInput<'SendMessage'>, 'QueueUrl'>;

/** A checked message, as the engine takes it (without the sender). */
export type CheckedSend = Omit<SendInput, 'senderId'> & { size: number };

/**
 * Everything checked for one message of SendMessage or a SendMessageBatch entry; returns its
 * size in bytes. `inBatch`: AWS words the size and missing-MessageGroupId errors differently there.
 */
export function checkSendEntry(queue: Queue, e: SendEntry, inBatch: boolean): CheckedSend {
  const body = e.MessageBody;
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  checkContents(body);
  const { size: attributesSize, attributes } = checkMessageAttributes(e.MessageAttributes);
  const size = Buffer.byteLength(body) + attributesSize;
  const systemAttributes = checkSystemAttributes(e.MessageSystemAttributes);
  const max = queue.settings.maximumMessageSize;
  // AWS words it differently for a batch entry ([SNAP] test_send_batch_message_size).
  if (size > max)
    throw invalidParameterValue(
      `One or more parameters ${inBatch ? 'cannot be validated' : 'are invalid'}. Reason: Message must be shorter than ${max} bytes.`,
    );
  const fifo = queue.settings.fifo;
  if (e.DelaySeconds !== undefined) {
    if (!Number.isInteger(e.DelaySeconds) || e.DelaySeconds < 0 || e.DelaySeconds > 900)
      throw invalidParam('DelaySeconds', e.DelaySeconds, 'DelaySeconds must be >= 0 and <= 900.');
    if (fifo && e.DelaySeconds !== 0)
      throw invalidParam('DelaySeconds', e.DelaySeconds, 'The request include parameter that is not valid for this queue type.');
  }
  if (e.MessageGroupId !== undefined && !FIFO_ID.test(e.MessageGroupId))
    throw invalidParam('MessageGroupId', e.MessageGroupId, 'MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
  if (e.MessageDeduplicationId !== undefined) {
    if (!fifo)
      throw invalidParam('MessageDeduplicationId', e.MessageDeduplicationId, 'The request includes a parameter that is not valid for this queue type.');
    if (!FIFO_ID.test(e.MessageDeduplicationId))
      throw invalidParam(
        'MessageDeduplicationId',
        e.MessageDeduplicationId,
        'MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      );
  }
  checkFifoIds(queue, e, inBatch);
  return {
    size,
    body,
    delaySeconds: e.DelaySeconds,
    attributes,
    systemAttributes,
    groupId: e.MessageGroupId,
    deduplicationId: e.MessageDeduplicationId,
  };
}

/**
 * A FIFO message needs a group id and a deduplication id (explicit or content-based). In a
 * batch, a missing one fails the whole request, not just the entry, and a missing group id is
 * InvalidParameterValue there instead of MissingParameter ([SNAP]
 * test_send_batch_missing_message_group_id_for_fifo_queue, …_deduplication_id_…).
 */
export function checkFifoIds(queue: Queue, e: SendEntry, inBatch: boolean): void {
  if (!queue.settings.fifo) return;
  if (e.MessageGroupId === undefined) {
    if (inBatch) throw invalidParameterValue('The request must contain the parameter MessageGroupId.');
    throw missingParameter('MessageGroupId');
  }
  if (e.MessageDeduplicationId === undefined && !queue.settings.contentBasedDeduplication)
    throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
}
