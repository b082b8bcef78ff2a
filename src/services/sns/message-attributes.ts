/**
 * SNS message attributes and message checks with AWS's texts (recorded in LocalStack's
 * AWS-validated snapshots): names, types, values, and the 256 KB size limit.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { SnsMessageAttributes } from '../../engines/topic/index.js';
import { invalidParameter, parameterValueInvalid } from './errors.js';

export const MAX_MESSAGE_BYTES = 262_144;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;

function hexOf(ch: string): string {
  return `#x${ch.codePointAt(0)!.toString(16).toUpperCase()}`;
}

/** Checks the attributes; returns their size in bytes (names, types and values count). */
export function checkMessageAttributes(attrs: Record<string, MessageAttributeValue> | undefined): number {
  if (!attrs) return 0;
  let size = 0;
  for (const [name, a] of Object.entries(attrs)) {
    if (Buffer.byteLength(name) >= 256) throw parameterValueInvalid('Length of message attribute name must be less than 256 bytes.');
    for (const ch of name)
      if (!NAME_CHAR.test(ch))
        throw parameterValueInvalid(
          `Invalid non-alphanumeric character '${hexOf(ch)}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
        );
    if (name.startsWith('.')) throw parameterValueInvalid("Invalid message attribute name starting with character '.' was found.");
    if (name.endsWith('.')) throw parameterValueInvalid("Invalid message attribute name ending with character '.' was found.");
    if (name.includes('..')) throw parameterValueInvalid("Message attribute name can not have successive '.' character.");
    // The SDK types the required DataType `string | undefined`; the parser refuses an attribute
    // without one (ValidationError), so '' is never judged here.
    const type = a.DataType ?? '';
    if (!TYPE.test(type))
      throw parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    const base = type.startsWith('Binary') ? 'Binary' : type.startsWith('Number') ? 'Number' : 'String';
    if (base === 'Binary') {
      if (a.BinaryValue === undefined) {
        if (a.StringValue !== undefined) throw parameterValueInvalid(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
        throw parameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type 'Binary'.`);
      }
      if (a.BinaryValue.length === 0)
        throw parameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type 'Binary'.`);
      size += a.BinaryValue.length;
    } else {
      if (a.StringValue === undefined) {
        if (a.BinaryValue !== undefined) throw parameterValueInvalid(`The message attribute '${name}' with type '${base}' must use field 'String'.`);
        throw parameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
      }
      if (a.StringValue === '')
        throw parameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
      if (base === 'Number' && !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(a.StringValue))
        throw parameterValueInvalid(`Could not cast message attribute '${name}' value to number.`);
      if (type === 'String.Array') {
        let ok = false;
        try {
          ok = Array.isArray(JSON.parse(a.StringValue));
        } catch {
          ok = false;
        }
        if (!ok) throw parameterValueInvalid(`The message attribute '${name}' with type 'String.Array' must use a valid JSON array.`);
      }
      size += Buffer.byteLength(a.StringValue);
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(type);
  }
  return size;
}

/**
 * Checked attributes as the engines take them (`DataType` a string: see checkMessageAttributes).
 * The query parser delivers maps as null-prototype objects, which `Record<string, …>` does not
 * say: names are the user's (`__proto__`, `constructor` are ordinary names, and a filter policy
 * naming `toString` must not find Object.prototype's), so the copy keeps a null prototype.
 */
export function engineAttributes(attrs: Record<string, MessageAttributeValue> | undefined): SnsMessageAttributes {
  const out: SnsMessageAttributes = Object.create(null);
  for (const [name, a] of Object.entries(attrs ?? {})) {
    out[name] = {
      DataType: a.DataType ?? '',
      ...(a.StringValue !== undefined && { StringValue: a.StringValue }),
      ...(a.BinaryValue !== undefined && { BinaryValue: a.BinaryValue }),
    };
  }
  return out;
}

/**
 * MessageStructure=json: a JSON object of strings; topics require a `default` entry (a platform
 * endpoint only needs its own platform's key, checked where the push is made).
 */
export function parseStructure(message: string, requireDefault = true): Record<string, string> {
  let v: unknown;
  try {
    v = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalidParameter('Message Structure - JSON message body failed to parse');
  const obj = v as Record<string, unknown>;
  if (requireDefault && typeof obj.default !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  // Recorded: an entry that is not a string is ignored ({"default":"d","sqs":{"field":"value"}}
  // delivers "d" to SQS).
  const out: Record<string, string> = Object.create(null);
  for (const [k, x] of Object.entries(obj)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function checkSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  // ASCII, no line breaks or control characters, fewer than 100 characters, not empty.
  if (subject === '' || subject.length >= 100 || /[^\x20-\x7E]/.test(subject)) throw invalidParameter('Subject');
}
