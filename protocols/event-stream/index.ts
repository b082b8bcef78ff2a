export { EVENT_STREAM_CONTENT_TYPE, EventStreamError, MessageDecoder, decodeMessage, decodeMessages, encodeMessage, MAX_MESSAGE_BYTES } from './codec.js';
export type { Message, MessageHeaders, MessageHeaderValue } from './codec.js';
export { decodeEvent, encodeErrorMessage, encodeEvent, encodeInitialResponse, eventStreamOf, writeEventStream } from './events.js';
export type { DecodedEvent, EventStreamBinding, EventStreamWriterOptions, PayloadCodec, StreamEvent } from './events.js';
