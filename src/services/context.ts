/** What a service handler knows about the request it serves (no HTTP objects). */
import type { ProtocolName } from '../../protocols/index.js';

export interface RequestContext {
  requestId: string;
  /** Account that owns resources created by this request (12-digit access key, else --account). */
  account: string;
  region: string;
  /** The SigV4 access key, or the default when unsigned. */
  accessKey: string;
  /** `host[:port]` the client used: queue URLs are built from it so clients can reach them. */
  host: string;
  protocol: ProtocolName;
  /** Aborted when the client disconnects (long polls stop waiting and take nothing). */
  signal: AbortSignal;
  /** The X-Ray trace header of the request (`X-Amzn-Trace-Id`), passed on by SNS to SQS. */
  traceHeader?: string;
  /**
   * Set by a handler whose work answered waiting long polls (a send that woke a ReceiveMessage):
   * its own response is written after theirs, so the poller that waited hears first.
   */
  respondAfterWaiters?: boolean;
  /**
   * Registers `rollback` for what only a delivered response may keep (the messages a
   * ReceiveMessage took): the transport runs it once if the response does not reach the client
   * (it hung up before the response could be written, or while it was written), or if the
   * handler's output could not be serialized. Absent where responses cannot be lost (in-process
   * calls between services).
   */
  onUndelivered?(rollback: () => void): void;
}

export type Handler = (input: Record<string, unknown>, ctx: RequestContext) => unknown;
export type Handlers = Record<string, Handler>;

/**
 * Wrap every handler so engine/domain errors become AWS errors through `map` (sync throws and
 * rejected promises alike); errors that are already AWS errors pass through `map` unchanged.
 */
export function mapHandlerErrors(handlers: Record<string, Handler>, map: (e: unknown) => unknown): Handlers {
  const out: Handlers = {};
  for (const [name, h] of Object.entries(handlers)) {
    out[name] = (input, ctx) => {
      try {
        const r = h(input, ctx);
        return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(map(e))) : r;
      } catch (e) {
        throw map(e);
      }
    };
  }
  return out;
}
