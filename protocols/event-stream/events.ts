/**
 * Schema-driven event streams: the events of an operation's event-stream member (a union such
 * as Kinesis SubscribeToShard's `EventStream`, Lambda InvokeWithResponseStream's) ⇄ messages.
 *
 * Per event (the union member's name is `:event-type`): members with `@eventHeader` become typed
 * headers; an `@eventPayload` member is the whole payload (a blob raw, a string as UTF-8, a
 * structure in the payload codec); without one, the other members are the payload, as JSON
 * (AWS JSON 1.0/1.1, restJson1) or CBOR (JSON 1.1 over CBOR). A union member with the error
 * trait is written as an exception message (`:message-type: exception`, `:exception-type`).
 * These are the rules `@smithy/core`'s `EventStreamSerde` reads them by.
 *
 * LIMITATIONS: a numeric `@eventHeader` goes out as `integer` when it fits 32 bits, else `long`
 * (the schema does not say byte/short/int/long; the SDKs read any of them as a number); no
 * header is ever written as `uuid`; an `error` message read back is given status 400.
 */
import { Int64 } from '@smithy/core/event-streams';
import type { NormalizedSchema } from '@smithy/core/schema';
import { AwsError, isAwsError } from '../errors.js';
import type { ServiceModel } from '../service-model.js';
import { compileShape, compileStructure, type StructureShape } from '../shape.js';
import { parseJsonBody } from '../json/parse.js';
import { serializeJsonOutput } from '../json/serialize.js';
import { CBOR_CONTENT_TYPE, parseCborBody } from '../cbor/parse.js';
import { cborBytes } from '../cbor/serialize.js';
import { encodeMessage, EventStreamError, type Message, type MessageHeaders, type MessageHeaderValue } from './codec.js';

export type PayloadCodec = 'json' | 'cbor';

/** One event: `{ [unionMemberName]: value }`, as the SDKs yield them. */
export type StreamEvent = Record<string, unknown>;

export interface EventStreamBinding {
  /** The output member that holds the stream (`EventStream`). */
  member: string;
  union: NormalizedSchema;
}

/** The event-stream member of an operation's output, if it has one. */
export function eventStreamOf(model: ServiceModel, operation: string): EventStreamBinding | undefined {
  const op = model.operations.get(operation);
  if (!op || !op.output.isStructSchema()) return undefined;
  const member = op.output.getEventStreamMember();
  if (!member) return undefined;
  return { member, union: op.output.getMemberSchema(member) };
}

const PAYLOAD_CONTENT_TYPE: Record<PayloadCodec, string> = { json: 'application/json', cbor: CBOR_CONTENT_TYPE };

function payloadBytes(model: ServiceModel, codec: PayloadCodec, shape: StructureShape, value: unknown): Buffer {
  return codec === 'cbor' ? cborBytes(shape, value) : Buffer.from(serializeJsonOutput(model, shape, value).body, 'utf8');
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A header value typed by its member's schema (integral numbers: `integer` when they fit, else `long`). */
function headerValue(member: NormalizedSchema, v: unknown): MessageHeaderValue {
  if (member.isBooleanSchema()) return { type: 'boolean', value: Boolean(v) };
  if (member.isBlobSchema()) return { type: 'binary', value: v as Uint8Array };
  if (member.isTimestampSchema()) return { type: 'timestamp', value: v instanceof Date ? v : new Date(Number(v)) };
  if (member.isNumericSchema() || member.isBigIntegerSchema()) {
    const n = Number(v);
    return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? { type: 'integer', value: n } : { type: 'long', value: Int64.fromNumber(n) };
  }
  return { type: 'string', value: String(v) };
}

/** The message for one event of the stream. */
export function encodeEvent(model: ServiceModel, binding: EventStreamBinding, codec: PayloadCodec, event: StreamEvent): Buffer {
  const name = Object.keys(event).find((k) => event[k] !== undefined);
  if (name === undefined) throw new Error('an event names no union member');
  const members = binding.union.getMemberSchemas();
  const schema = members[name];
  if (!schema) throw new Error(`${name} is not an event of ${binding.union.getName(true)}`);
  const value = (event[name] ?? {}) as Record<string, unknown>;
  const isError = Boolean(schema.getMergedTraits().error);
  const headers: MessageHeaders = isError
    ? { ':message-type': { type: 'string', value: 'exception' }, ':exception-type': { type: 'string', value: name } }
    : { ':message-type': { type: 'string', value: 'event' }, ':event-type': { type: 'string', value: name } };

  let body: Buffer | undefined;
  let contentType = PAYLOAD_CONTENT_TYPE[codec];
  const rest: Record<string, unknown> = {};
  for (const [memberName, member] of schema.structIterator()) {
    const traits = member.getMergedTraits();
    const v = value[memberName];
    if (traits.eventHeader) {
      if (v !== undefined && v !== null) headers[memberName] = headerValue(member, v);
    } else if (traits.eventPayload) {
      if (member.isBlobSchema()) {
        contentType = 'application/octet-stream';
        body = v === undefined || v === null ? Buffer.alloc(0) : Buffer.from(v as Uint8Array);
      } else if (member.isStringSchema()) {
        contentType = 'text/plain';
        body = Buffer.from(v === undefined || v === null ? '' : String(v), 'utf8');
      } else body = payloadBytes(model, codec, compileStructure(member), v ?? {});
    } else rest[memberName] = v;
  }
  body ??= payloadBytes(model, codec, compileShape(schema) as StructureShape, rest);
  headers[':content-type'] = { type: 'string', value: contentType };
  return encodeMessage({ headers, body });
}

const initialShapes = new WeakMap<NormalizedSchema, StructureShape>();

/** The output's shape without its event-stream member: what an `initial-response` holds. */
function initialShape(model: ServiceModel, operation: string, binding: EventStreamBinding): StructureShape {
  const output = model.operations.get(operation)!.output;
  let shape = initialShapes.get(output);
  if (!shape) {
    const full = compileStructure(output);
    const members = full.members.filter((m) => m.name !== binding.member);
    const required = new Set([...full.required].filter((n) => n !== binding.member));
    shape = { ...full, members, byName: new Map(members.map((m) => [m.name, m])), required };
    initialShapes.set(output, shape);
  }
  return shape;
}

/** An `initial-response` event: the output's members other than the stream (AWS JSON protocols send it first). */
export function encodeInitialResponse(model: ServiceModel, operation: string, codec: PayloadCodec, output: Record<string, unknown> = {}): Buffer {
  const binding = eventStreamOf(model, operation);
  if (!binding) throw new Error(`${operation} has no event-stream output`);
  const shape = initialShape(model, operation, binding);
  const rest = { ...output };
  delete rest[binding.member];
  return encodeMessage({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: 'initial-response' },
      ':content-type': { type: 'string', value: PAYLOAD_CONTENT_TYPE[codec] },
    },
    body: payloadBytes(model, codec, shape, rest),
  });
}

/** An unmodeled error that ends a stream (`:message-type: error`); the SDKs throw it named `code`. */
export function encodeErrorMessage(code: string, message: string): Buffer {
  return encodeMessage({
    headers: {
      ':message-type': { type: 'string', value: 'error' },
      ':error-code': { type: 'string', value: code },
      ':error-message': { type: 'string', value: message },
    },
    body: Buffer.alloc(0),
  });
}

export interface EventStreamWriterOptions {
  model: ServiceModel;
  operation: string;
  /** `json` for AWS JSON and restJson1, `cbor` for JSON 1.1 over CBOR. */
  codec: PayloadCodec;
  /**
   * AWS JSON 1.0/1.1 (and CBOR) streams start with an `initial-response` event holding the
   * output's other members (Kinesis SubscribeToShard: `{}`; botocore requires it, JS does not
   * mind); restJson1 binds those members to HTTP instead: pass false.
   */
  initialResponse: Record<string, unknown> | false;
  /** Told of a failure that is not an AwsError (it goes out as InternalFailure): for the log. */
  onError?: (error: unknown) => void;
}

/**
 * The bytes of a whole response stream, one chunk per message, for a node:http response:
 * `pipeline(Readable.from(writeEventStream(...)), res)` gives backpressure, and a client that
 * goes away ends `events` (its `return()` runs, so a subscription's `finally` can let go).
 * An AwsError thrown by `events` ends the stream: as an exception event when the union models
 * that error, else as an error message; any other error ends it as an `InternalFailure` error
 * message (and is passed to `onError`).
 */
export async function* writeEventStream(options: EventStreamWriterOptions, events: AsyncIterable<StreamEvent> | Iterable<StreamEvent>): AsyncGenerator<Buffer> {
  const { model, operation, codec } = options;
  const binding = eventStreamOf(model, operation);
  if (!binding) throw new Error(`${operation} has no event-stream output`);
  if (options.initialResponse) yield encodeInitialResponse(model, operation, codec, options.initialResponse);
  try {
    for await (const event of events) yield encodeEvent(model, binding, codec, event);
  } catch (e) {
    if (isAwsError(e) && binding.union.getMemberSchemas()[e.code]) {
      yield encodeEvent(model, binding, codec, { [e.code]: e.hasMessage ? { message: e.message } : {} });
    } else if (isAwsError(e)) yield encodeErrorMessage(e.code, e.message);
    else {
      options.onError?.(e);
      yield encodeErrorMessage('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
    }
  }
}

/** A decoded event, or the error an exception/error message stands for. */
export type DecodedEvent = { event: StreamEvent } | { initialResponse: Record<string, unknown> } | { error: AwsError };

const headerText = (h: MessageHeaderValue | undefined) => (h?.type === 'string' ? h.value : undefined);

/** One message of an operation's stream read back by its schema (for clients that send event streams, and tests). */
export function decodeEvent(model: ServiceModel, operation: string, codec: PayloadCodec, message: Message): DecodedEvent {
  const binding = eventStreamOf(model, operation);
  if (!binding) throw new Error(`${operation} has no event-stream output`);
  const type = headerText(message.headers[':message-type']);
  if (type === 'error') {
    const code = headerText(message.headers[':error-code']) ?? 'UnknownError';
    return { error: new AwsError({ name: code, status: 400, message: headerText(message.headers[':error-message']) }) };
  }
  const name = headerText(message.headers[type === 'exception' ? ':exception-type' : ':event-type']);
  if ((type !== 'event' && type !== 'exception') || name === undefined) throw new EventStreamError(`Unrecognised event-stream message type ${String(type)}`);
  const read = (shape: StructureShape, body: Uint8Array) =>
    codec === 'cbor' ? parseCborBody(model, shape, body) : parseJsonBody(model, shape, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  if (type === 'event' && name === 'initial-response') return { initialResponse: read(initialShape(model, operation, binding), message.body) };
  const schema = binding.union.getMemberSchemas()[name];
  if (!schema) throw new EventStreamError(`${name} is not an event of ${operation}`);
  const value: Record<string, unknown> = {};
  let hasPayload = false;
  for (const [memberName, member] of schema.structIterator()) {
    const traits = member.getMergedTraits();
    if (traits.eventHeader) {
      const h = message.headers[memberName];
      if (h) value[memberName] = h.type === 'long' ? Number(h.value.valueOf()) : h.value;
    } else if (traits.eventPayload) {
      hasPayload = true;
      value[memberName] = member.isBlobSchema()
        ? Buffer.from(message.body)
        : member.isStringSchema()
          ? Buffer.from(message.body).toString('utf8')
          : read(compileStructure(member), message.body);
    }
  }
  // Without an @eventPayload member, the members that are not headers are the payload.
  const data = hasPayload ? value : { ...read(compileShape(schema) as StructureShape, message.body), ...value };
  if (type === 'exception') {
    return { error: new AwsError({ name, status: schema.getMergedTraits().error === 'server' ? 500 : 400, message: data.message as string | undefined }) };
  }
  return { event: { [name]: data } };
}
