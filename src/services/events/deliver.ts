/**
 * The bus engine's BusTargetPort: delivers a rendered event to its target — in-process to SQS,
 * SNS and other event buses, over HTTP to API destinations — and writes dead letters to SQS with
 * the message attributes AWS documents (eb-rule-dlq).
 *
 * LIMITATIONS: Lambda, Kinesis, Firehose, CloudWatch Logs, API Gateway, ECS,
 * Batch, SageMaker and Redshift targets are accepted and logged, not delivered (no such engines
 * yet); SenderId of SQS messages is the rule's account.
 */
import type { Logger } from '../../core/logger.js';
import type { BusEngine, BusTargetPort, DeadLetter, Delivery, DeliveryResult } from '../../engines/bus/index.js';
import type { MessageAttributes, QueueEngine } from '../../engines/queue/index.js';
import type { TopicEngine } from '../../engines/topic/index.js';
import { storedTarget } from './shared.js';

/** What an API-destination invoker answers (src/services/events/connections). */
export interface ApiDestinationInvoker {
  invoke(
    arn: string,
    req: { body: string; pathParameterValues?: string[]; headerParameters?: Record<string, string>; queryStringParameters?: Record<string, string> },
  ): Promise<{ ok: boolean; status?: number; error?: string; retryable: boolean }>;
}

export interface DeliveryDeps {
  engine: BusEngine;
  queues: QueueEngine;
  topics: TopicEngine;
  logger: Logger;
  /** `http://host:port` clients use (SNS envelopes link back to it). */
  origin: () => string;
  apiDestinations?: () => ApiDestinationInvoker | undefined;
  /** Step Functions targets: start an execution in process (throws the AWS error). */
  startExecution?: (stateMachineArn: string, input: string, traceHeader?: string) => Promise<unknown>;
}

const fail = (code: Extract<DeliveryResult, { ok: false }>['code'], message: string, retryable = false): DeliveryResult => ({ ok: false, retryable, code, message });

function service(arn: string): string {
  return arn.split(':')[2] ?? '';
}

export function createTargetPort(deps: DeliveryDeps): BusTargetPort {
  function toSqs(d: Delivery): DeliveryResult {
    const queue = deps.queues.getQueueByArn(d.target.arn);
    if (!queue) return fail('NO_RESOURCE', `Queue ${d.target.arn} does not exist.`);
    const sqsParams = storedTarget(d.target.raw).SqsParameters;
    // A FIFO target must deduplicate by content (SqsParameters has no deduplication id; AWS API
    // reference, SqsParameters). Otherwise SQS refuses the send: a client error, so no retries,
    // straight to the target's dead-letter queue (eb-rule-dlq).
    // unverified text: the DLQ's ERROR_CODE / ERROR_MESSAGE for this case (SQS's own message)
    if (queue.settings.fifo && !queue.settings.contentBasedDeduplication)
      return fail('INVALID_PARAMETER', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    try {
      queue.send({
        body: d.input,
        groupId: queue.settings.fifo ? sqsParams?.MessageGroupId : undefined,
        systemAttributes: d.traceHeader ? { AWSTraceHeader: { DataType: 'String', StringValue: d.traceHeader } } : undefined,
        senderId: d.event.account,
      });
      return { ok: true };
    } catch (e) {
      return fail('INVALID_PARAMETER', (e as Error).message);
    }
  }

  function toSns(d: Delivery): DeliveryResult {
    const topic = deps.topics.getTopic(d.target.arn);
    if (!topic) return fail('NO_RESOURCE', `Topic ${d.target.arn} does not exist.`);
    const sqsParams = storedTarget(d.target.raw).SqsParameters;
    try {
      deps.topics.publish(topic, {
        message: d.input,
        attributes: {},
        origin: deps.origin(),
        ...(topic.fifo ? { groupId: sqsParams?.MessageGroupId ?? d.ruleName, deduplicationId: d.event.id } : {}),
        ...(d.traceHeader ? { traceHeader: d.traceHeader } : {}),
      });
      return { ok: true };
    } catch (e) {
      return fail('INVALID_PARAMETER', (e as Error).message);
    }
  }

  async function toApiDestination(d: Delivery): Promise<DeliveryResult> {
    const invoker = deps.apiDestinations?.();
    if (!invoker) return fail('NO_RESOURCE', `API destination ${d.target.arn} does not exist.`);
    const http = storedTarget(d.target.raw).HttpParameters ?? {};
    const r = await invoker.invoke(d.target.arn, {
      body: d.input,
      ...(http.PathParameterValues ? { pathParameterValues: http.PathParameterValues } : {}),
      ...(http.HeaderParameters ? { headerParameters: http.HeaderParameters } : {}),
      ...(http.QueryStringParameters ? { queryStringParameters: http.QueryStringParameters } : {}),
    });
    if (r.ok) return { ok: true };
    if (r.status === 429) return fail('THROTTLING', `HTTP 429${r.error ? `: ${r.error}` : ''}`, r.retryable);
    if (r.status !== undefined) return fail('ERROR_FROM_TARGET', `HTTP ${r.status}${r.error ? `: ${r.error}` : ''}`, r.retryable);
    return fail(/not exist|not found/i.test(r.error ?? '') ? 'NO_RESOURCE' : 'CONNECTION_FAILURE', r.error ?? 'connection failed', r.retryable);
  }

  /** Step Functions target: StartExecution with the event (or the target's input) as input. */
  async function toStateMachine(d: Delivery): Promise<DeliveryResult> {
    try {
      await deps.startExecution!(d.target.arn, d.input, d.traceHeader);
      return { ok: true };
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      if (name === 'StateMachineDoesNotExist') return fail('NO_RESOURCE', (e as Error).message);
      return fail('INVALID_PARAMETER', (e as Error).message);
    }
  }

  return {
    deliver(d) {
      const svc = service(d.target.arn);
      if (svc === 'sqs') return toSqs(d);
      if (svc === 'sns') return toSns(d);
      if (svc === 'events') {
        if (d.target.arn.includes(':event-bus/'))
          return deps.engine.forward(d.target.arn, d.event, d.hops, d.traceHeader) ? { ok: true } : fail('NO_RESOURCE', `Event bus ${d.target.arn} does not exist.`);
        if (d.target.arn.includes(':api-destination/')) return toApiDestination(d);
      }
      if (svc === 'states' && deps.startExecution) return toStateMachine(d);
      deps.logger.info(`EventBridge target ${d.target.arn} (${svc}) of ${d.ruleArn}: event ${d.event.id} accepted, not delivered (${svc} is not emulated yet)`);
      return { ok: true };
    },

    deadLetter(dl: DeadLetter): boolean {
      const dlq = deps.queues.getQueueByArn(dl.dlqArn);
      if (!dlq) return false;
      const s = (v: string) => ({ DataType: 'String', StringValue: v });
      const attributes: MessageAttributes = {
        RULE_ARN: s(dl.ruleArn),
        TARGET_ARN: s(dl.targetArn),
        ERROR_CODE: s(dl.errorCode),
        ERROR_MESSAGE: s(dl.errorMessage),
        ...(dl.exhaustedRetryCondition ? { EXHAUSTED_RETRY_CONDITION: s(dl.exhaustedRetryCondition) } : {}),
        RETRY_ATTEMPTS: s(String(dl.retryAttempts)),
      };
      try {
        dlq.send({
          body: JSON.stringify(dl.event),
          attributes,
          groupId: dlq.settings.fifo ? dl.ruleArn.split('/').pop() : undefined,
          deduplicationId: dlq.settings.fifo ? dl.event.id : undefined,
          senderId: dl.event.account,
        });
        return true;
      } catch {
        return false;
      }
    },
  };
}
