/**
 * AWS event-stream framing (`application/vnd.amazon.eventstream`): each message is
 * total length u32 | headers length u32 | CRC32 of those 8 bytes | headers | payload | CRC32 of
 * everything before it; a header is name length u8 | name | type u8 | value. Encoding and the
 * per-message checks (both CRCs, the length fields, typed headers) are `@smithy/core`'s
 * `EventStreamCodec`, the code the SDKs decode with; this file adds the framing of a byte
 * stream into messages and turns every failure into one error type.
 */
import { EventStreamCodec, type Message, type MessageHeaders, type MessageHeaderValue } from '@smithy/core/event-streams';

export type { Message, MessageHeaders, MessageHeaderValue };

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

/** aws-c-event-stream's limits: a message of at most 16 MiB, headers of at most 128 KiB. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const MAX_HEADERS_BYTES = 128 * 1024;
const MIN_MESSAGE_BYTES = 16;

const toUtf8 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
const fromUtf8 = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** A stream that cannot be read: a CRC mismatch, a bad length or header, or a cut-off message. */
export class EventStreamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStreamError';
  }
}

export function encodeMessage(message: Message): Buffer {
  const bytes = codec.encode(message);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decode exactly one whole message (CRCs and lengths checked). */
export function decodeMessage(bytes: Uint8Array): Message {
  try {
    const { headers, body } = codec.decode(bytes);
    return { headers, body: Buffer.from(body) };
  } catch (e) {
    throw new EventStreamError(`Invalid event-stream message: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Splits a byte stream into messages, whatever the chunking: `push` returns the messages the
 * bytes so far complete; `end` throws when a message was cut off.
 */
export class MessageDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private offset = 0; // bytes consumed from `pending`

  push(chunk: Uint8Array): Message[] {
    const rest = this.pending.subarray(this.offset);
    this.pending = rest.length ? Buffer.concat([rest, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.offset = 0;
    const out: Message[] = [];
    while (this.pending.length - this.offset >= 12) {
      const total = this.pending.readUInt32BE(this.offset);
      const headersLength = this.pending.readUInt32BE(this.offset + 4);
      if (total < MIN_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES) throw new EventStreamError(`Invalid event-stream message length ${total}`);
      if (headersLength > MAX_HEADERS_BYTES || headersLength > total - MIN_MESSAGE_BYTES) throw new EventStreamError(`Invalid event-stream headers length ${headersLength}`);
      if (this.pending.length - this.offset < total) break;
      out.push(decodeMessage(this.pending.subarray(this.offset, this.offset + total)));
      this.offset += total;
    }
    return out;
  }

  end(): void {
    const left = this.pending.length - this.offset;
    if (left > 0) throw new EventStreamError(`Truncated event stream: ${left} bytes of an incomplete message`);
  }
}

/** Every message of a byte stream, in order; throws EventStreamError on bad or cut-off input. */
export async function* decodeMessages(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Message> {
  const decoder = new MessageDecoder();
  for await (const chunk of source) yield* decoder.push(chunk);
  decoder.end();
}
