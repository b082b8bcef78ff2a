/**
 * The bus engine's public types. The EventBridge service validates AWS input and hands the
 * engine typed values (compiled patterns, input renderers, schedules); the engine owns buses,
 * rules, targets, matching, archives, replays, schedules and retries, and hands each delivery
 * to a `BusTargetPort` (the service implements SQS, SNS, bus, API-destination delivery).
 */

export interface Scope {
  account: string;
  region: string;
}

/** The event as targets receive it (key order is the wire order AWS uses). */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO-8601 UTC without milliseconds, e.g. 2026-01-01T00:00:00Z */
  time: string;
  region: string;
  'replay-name'?: string;
  resources: string[];
  detail: unknown;
}

/** A compiled event pattern (src/engines/filter `compileEventPattern`). */
export interface EventMatcher {
  matches(event: unknown): boolean;
}

/** What a target's Input / InputPath / InputTransformer makes of an event. */
export interface InputRenderer {
  /** The text sent to the target, or undefined when AWS sends nothing. */
  render(event: object, ctx: { ruleArn: string; ruleName: string; ingestionTime: string }): string | undefined;
}

/** A parsed ScheduleExpression: the next firing strictly after `afterMs`. */
export interface Schedule {
  next(afterMs: number): number | undefined;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface RetryPolicy {
  maximumRetryAttempts: number; // 0..185
  maximumEventAgeInSeconds: number; // 60..86400
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 };

/** A target as PutTargets stored it: `raw` is the AWS shape (ListTargetsByRule returns it). */
export interface TargetSpec {
  id: string;
  arn: string;
  /** The AWS Target structure as given (plain data), returned by ListTargetsByRule. */
  raw: Record<string, unknown>;
  input?: InputRenderer;
  retryPolicy?: RetryPolicy;
  deadLetterArn?: string;
}

export interface PutEventInput {
  source: string;
  detailType: string;
  /** The parsed Detail object. */
  detail: unknown;
  /** ms since epoch; default now. */
  time?: number;
  resources: string[];
  /** Bus name or ARN; default `default`. */
  eventBusName?: string;
  traceHeader?: string;
  /** Size counted for archives (PutEvents entry size). */
  size?: number;
}

/** Everything a delivery needs to know (live objects: read, don't keep). */
export interface Delivery {
  ruleArn: string;
  ruleName: string;
  target: TargetSpec;
  event: BusEvent;
  /** The rendered input (the event JSON when the target has no input settings). */
  input: string;
  /** 0 on the first attempt. */
  attempt: number;
  /** Bus-to-bus hops so far (loop guard for event-bus targets). */
  hops: number;
  traceHeader?: string;
}

/** AWS's dead-letter ERROR_CODE values we produce. */
export type DeliveryErrorCode =
  | 'NO_RESOURCE'
  | 'INVALID_PARAMETER'
  | 'THROTTLING'
  | 'TIMEOUT'
  | 'CONNECTION_FAILURE'
  | 'ERROR_FROM_TARGET'
  | 'SDK_CLIENT_ERROR'
  | 'INTERNAL_ERROR';

export type DeliveryResult = { ok: true } | { ok: false; retryable: boolean; code: DeliveryErrorCode; message: string };

export interface DeadLetter {
  dlqArn: string;
  ruleArn: string;
  targetArn: string;
  event: BusEvent;
  errorCode: DeliveryErrorCode;
  errorMessage: string;
  /** Set only when a retry limit ended the delivery. */
  exhaustedRetryCondition?: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';
  retryAttempts: number;
}

/** Where fan-out goes: one call per (matching rule, target) and per retry. */
export interface BusTargetPort {
  deliver(d: Delivery): DeliveryResult | Promise<DeliveryResult>;
  /** Returns false when the dead-letter queue is missing or refused the message. */
  deadLetter(d: DeadLetter): boolean;
}

/** Backoff between retries: attempt n (1-based) waits min(base·2^(n-1), cap). No jitter (deterministic). */
export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1_000, capMs: 300_000 };
