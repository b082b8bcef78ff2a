/**
 * What one client can hold: request body size per service, URL and header size, connections,
 * and how long a request may take to arrive (slow clients). Long polls are response waits and
 * are not limited here: the timeouts end once the whole request has been received.
 *
 * Body limits are the largest valid request of each service on the wire, so the services' own
 * validation (with AWS's exact messages) still answers every request that could be valid:
 * - SQS: 1 MiB of message and attributes (SQS quotas; raised from 256 KiB on 2026-01-29, AWS
 *   Compute Blog "serverless services now support payloads up to 1 MB"), percent-encoded (query)
 *   or \u-escaped (botocore JSON) up to 3×: 4 MiB.
 * - SNS: 256 KiB messages (SNS quotas), 3× encoded: 1 MiB.
 * - EventBridge: 1 MB of entries (same 2026-01-29 announcement; PutEvents entry sizes per
 *   "Calculating PutEvents event entry size"), escaped Detail JSON: 4 MiB.
 * - Step Functions: "Maximum request size: 1 MB per request" (Step Functions service quotas), but
 *   a definition may itself be 1,048,576 characters (the model's length constraint, answered with
 *   ValidationException) and arrives escaped inside the JSON body: 4 MiB, so that validation
 *   still answers.
 * Anything else (not yet known to be one service) gets the largest of them, checked again once
 * the service is detected; no request is ever buffered past MAX_BODY_BYTES.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError, credentialScope } from '../../protocols/index.js';

const MiB = 1024 * 1024;

/** Body limit per service id (see the module comment for the sources). */
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  sqs: 4 * MiB,
  sns: 1 * MiB,
  events: 4 * MiB,
  states: 4 * MiB,
};
/** A request not (yet) attributed to one service. */
export const DEFAULT_BODY_LIMIT = 4 * MiB;
/** Never buffered or drained past this, whatever the service. */
export const MAX_BODY_BYTES = 16 * MiB;
/** Request line URL (path and query). */
export const MAX_URL_BYTES = 8 * 1024;
/** Node's `maxHeaderSize` (request line and all headers); Node's own default. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface ServerLimits {
  maxConnections: number;
  /** Time for a client to send the request line and headers. */
  headersTimeoutMs: number;
  /** Time for a client to send the whole request (headers and body). */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

const TARGET_PREFIXES: ReadonlyArray<[string, string]> = [
  ['AmazonSQS.', 'sqs'],
  ['AWSEvents.', 'events'],
  ['AWSStepFunctions.', 'states'],
];

/** The service a request is for, from its headers alone (X-Amz-Target, then the SigV4 scope). */
export function serviceFromHeaders(headers: IncomingHttpHeaders, query: string): string | undefined {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    for (const [prefix, id] of TARGET_PREFIXES) if (target.startsWith(prefix)) return id;
  }
  return credentialScope(headers, query)?.service;
}

export function bodyLimit(service: string | undefined): number {
  return (service !== undefined ? BODY_LIMITS[service] : undefined) ?? DEFAULT_BODY_LIMIT;
}

/**
 * 413. AWS's SQS front end answered an oversized request with 413 and the text "HTTP content
 * length exceeded 1662976 bytes." (aws/aws-sdk-js#479, dusterio/laravel-aws-worker#63, in the
 * 256 KiB era); we keep the words and status but answer in the service's own protocol so SDKs
 * surface it as an error with a name. // unverified text for SNS, EventBridge and Step Functions
 */
export function requestTooLarge(limit: number): AwsError {
  return new AwsError({
    name: 'RequestEntityTooLarge',
    status: 413,
    message: `HTTP content length exceeded ${limit} bytes.`,
    namespace: 'com.amazon.coral.service',
  });
}

/** 414 for a request line longer than MAX_URL_BYTES. // unverified text */
export function uriTooLong(length: number): AwsError {
  return new AwsError({
    name: 'RequestURITooLong',
    status: 414,
    message: `The request URL is ${length} bytes long; Signalbox accepts at most ${MAX_URL_BYTES}. Send the parameters in a POST body.`,
    namespace: 'com.amazon.coral.service',
  });
}

/**
 * A raw HTTP/1.1 response for errors found before a request exists (header overflow, slow
 * client, too many connections): JSON with `x-amzn-errortype`, which every JSON client reads; a
 * query client still gets the status. // unverified text
 */
export function rawErrorResponse(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ __type: code, message });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
    `x-amzn-errortype: ${code}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
