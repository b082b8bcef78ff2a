/**
 * Creating a config's resources through the services' own handlers (so AWS validation and
 * errors apply), in dependency order, idempotently:
 *
 *   1. queues, each after its dead-letter queue (CreateQueue is idempotent with equal attributes);
 *   2. topics (CreateTopic, idempotent with equal attributes/tags), then their subscriptions
 *      (Subscribe returns the existing subscription for the same protocol + endpoint + attributes);
 *   3. state machines (DescribeStateMachine first: CreateStateMachine when missing, else
 *      UpdateStateMachine when the definition or role changed), before the rules targeting them;
 *   4. buses (DescribeEventBus first, CreateEventBus only when missing; `default` is never created);
 *   5. rules (PutRule upserts) and their targets (PutTargets upserts by id).
 *
 * Re-applying the same resources to the same instance changes nothing. Changing an attribute
 * of an existing queue/topic/subscription fails like AWS does ("already exists with different
 * attributes"), reported as a ConfigError; so does changing an existing state machine's type.
 * A changed definition or role updates the machine (a new revision; running executions keep
 * the definition they started with).
 *
 * Errors name the source, the YAML line when the resources come from loadConfigFile/parseConfig
 * (see configOrigin), and the key path, e.g.
 *   Invalid Signalbox config seed.yaml:31: resources.stateMachines[0].definition: states CreateStateMachine failed: InvalidDefinition: ...
 *
 * State machine definitions are sent as written: ARNs and queue URLs inside them are not
 * checked or rewritten (AWS does not check them at creation either).
 */
import { randomUUID } from 'node:crypto';
import type { Handlers, RequestContext } from '../services/context.js';
import { ConfigError, type KeyPath } from './errors.js';
import { configOrigin } from './load.js';
import { targetId, validateResources, type AttributeValue, type ResourcesConfig, type TargetConfig } from './schema.js';
import { buildArn, iamArn } from '../core/arn.js';

export interface ApplyOptions {
  account: string;
  region: string;
  /** Named in errors: the config file, or e.g. `createSignalbox({ resources })`. */
  source?: string;
  /** Default `test`. */
  accessKey?: string;
  /** Host queue URLs are built from; default 127.0.0.1:4566. */
  host?: string;
}

/** The role state machines and their rule targets get when the config names none (never assumed). */
export const defaultRoleArn = (account: string, region = ''): string => iamArn(region, account, 'role/signalbox');

function attributeString(v: AttributeValue): string {
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function attributeMap(attrs: Record<string, AttributeValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) out[k] = attributeString(v);
  return out;
}

const tagList = (tags: Record<string, string> | undefined) => Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

function awsMessage(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code ?? e.name;
    return `${String(code)}: ${e.message}`;
  }
  return String(e);
}

/** Create (or confirm) every resource. `resources` is validated first (it may come from code). */
export async function applyResources(handlers: ReadonlyMap<string, Handlers>, resources: ResourcesConfig | unknown, options: ApplyOptions): Promise<void> {
  const source = options.source ?? 'resources';
  const origin = configOrigin(resources);
  const fail = (path: KeyPath, reason: string): never => {
    throw new ConfigError(reason, { source, path, line: origin?.lineOf(path) });
  };
  let res: ResourcesConfig;
  try {
    res = validateResources(resources);
  } catch (e) {
    throw e instanceof ConfigError ? e.in(source, origin?.lineOf(e.path)) : e;
  }

  // Step Functions may be left out of a handler map (a custom wiring): refuse before creating anything.
  const machines = res.stateMachines ?? [];
  if (machines.length && !handlers.has('states'))
    fail(['resources', 'stateMachines', 0], `Step Functions (the "states" service) is not available in this Signalbox: cannot create state machine "${machines[0]!.name}"`);

  const ctx: RequestContext = {
    requestId: randomUUID(),
    account: options.account,
    region: options.region,
    accessKey: options.accessKey ?? 'test',
    host: options.host ?? '127.0.0.1:4566',
    protocol: 'json',
    signal: new AbortController().signal,
  };

  async function call(service: string, op: string, input: Record<string, unknown>, path: KeyPath): Promise<Record<string, unknown>> {
    const handler = handlers.get(service)?.[op];
    if (!handler) return fail(path, `the ${service} service (${op}) is not available in this Signalbox`);
    try {
      return ((await handler(input, { ...ctx, requestId: randomUUID() })) ?? {}) as Record<string, unknown>;
    } catch (e) {
      return fail(path, `${service} ${op} failed: ${awsMessage(e)}`);
    }
  }

  // 1. Queues, dead-letter queues first.
  const queues = res.queues ?? [];
  const queueArn = new Map<string, string>();
  const queueIndex = new Map(queues.map((q, i) => [q.name, i]));
  const state = new Map<string, 'creating' | 'done'>();
  async function createQueue(i: number): Promise<void> {
    const q = queues[i]!;
    const path = ['resources', 'queues', i];
    if (state.get(q.name) === 'done') return;
    if (state.get(q.name) === 'creating') fail([...path, 'deadLetterQueue', 'name'], `dead-letter queues form a cycle through "${q.name}"`);
    state.set(q.name, 'creating');
    const attributes = attributeMap(q.attributes);
    if (q.fifo !== undefined) attributes.FifoQueue = String(q.fifo);
    if (q.deadLetterQueue) {
      await createQueue(queueIndex.get(q.deadLetterQueue.name)!);
      attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: queueArn.get(q.deadLetterQueue.name), maxReceiveCount: q.deadLetterQueue.maxReceiveCount });
    }
    const input: Record<string, unknown> = { QueueName: q.name, Attributes: attributes };
    if (q.tags) input.tags = q.tags;
    const { QueueUrl } = await call('sqs', 'CreateQueue', input, path);
    if (q.tags) await call('sqs', 'TagQueue', { QueueUrl, Tags: q.tags }, [...path, 'tags']);
    const got = await call('sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] }, path);
    queueArn.set(q.name, String((got.Attributes as Record<string, string> | undefined)?.QueueArn));
    state.set(q.name, 'done');
  }
  for (let i = 0; i < queues.length; i++) await createQueue(i);

  // 2. Topics and their subscriptions.
  const topicArn = new Map<string, string>();
  for (const [i, t] of (res.topics ?? []).entries()) {
    const path = ['resources', 'topics', i];
    const attributes = attributeMap(t.attributes);
    if (t.fifo !== undefined) attributes.FifoTopic = String(t.fifo);
    const input: Record<string, unknown> = { Name: t.name, Attributes: attributes };
    if (t.tags) input.Tags = tagList(t.tags);
    const { TopicArn } = await call('sns', 'CreateTopic', input, path);
    topicArn.set(t.name, String(TopicArn));
    for (const [j, s] of (t.subscriptions ?? []).entries()) {
      const sp = [...path, 'subscriptions', j];
      const attrs = attributeMap(s.attributes);
      if (s.filterPolicy) attrs.FilterPolicy = JSON.stringify(s.filterPolicy);
      if (s.filterPolicyScope) attrs.FilterPolicyScope = s.filterPolicyScope;
      if (s.rawMessageDelivery !== undefined) attrs.RawMessageDelivery = String(s.rawMessageDelivery);
      if (s.deadLetterQueue) attrs.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: queueArn.get(s.deadLetterQueue) });
      const endpoint = s.queue !== undefined ? queueArn.get(s.queue) : s.endpoint;
      await call('sns', 'Subscribe', { TopicArn, Protocol: s.protocol ?? 'sqs', Endpoint: endpoint, Attributes: attrs, ReturnSubscriptionArn: true }, sp);
    }
  }

  // 3. State machines, before the rules whose targets start them.
  const machineArn = new Map<string, string>();
  for (const [i, sm] of machines.entries()) {
    const path = ['resources', 'stateMachines', i];
    const file = origin?.definitionFiles.get(i);
    // Definition problems point at the definition (or the file it came from).
    const defPath = [...path, file !== undefined ? 'definitionFile' : 'definition'];
    const definition = typeof sm.definition === 'string' ? sm.definition : JSON.stringify(sm.definition ?? {});
    const roleArn = sm.roleArn ?? defaultRoleArn(options.account, options.region);
    const type = sm.type ?? 'STANDARD';
    const arn = buildArn({ service: 'states', region: options.region, account: options.account, resource: `stateMachine:${sm.name}` });
    const machineCall = async (op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const handler = handlers.get('states')?.[op];
      if (!handler) return fail(path, `the states service (${op}) is not available in this Signalbox`);
      try {
        return ((await handler(input, { ...ctx, requestId: randomUUID() })) ?? {}) as Record<string, unknown>;
      } catch (e) {
        const name = e instanceof Error ? String((e as { code?: unknown }).code ?? e.name) : '';
        if (op === 'DescribeStateMachine' && name === 'StateMachineDoesNotExist') return {};
        const where = /Definition/.test(name) ? defPath : /RoleArn|InvalidArn/.test(name) ? [...path, 'roleArn'] : path;
        return fail(where, `states ${op} failed: ${awsMessage(e)}${file !== undefined && where === defPath ? ` (definition file ${file})` : ''}`);
      }
    };
    const existing = await machineCall('DescribeStateMachine', { stateMachineArn: arn });
    if (existing.stateMachineArn === undefined) {
      const input: Record<string, unknown> = { name: sm.name, definition, roleArn, type };
      if (sm.tags) input.tags = Object.entries(sm.tags).map(([key, value]) => ({ key, value }));
      const { stateMachineArn } = await machineCall('CreateStateMachine', input);
      machineArn.set(sm.name, String(stateMachineArn));
      continue;
    }
    if (existing.type !== type)
      fail([...path, 'type'], `state machine "${sm.name}" already exists as ${String(existing.type)}: the type of a state machine cannot change (delete it first)`);
    const changes: Record<string, unknown> = {};
    if (existing.definition !== definition) changes.definition = definition;
    if (existing.roleArn !== roleArn) changes.roleArn = roleArn;
    if (Object.keys(changes).length) await machineCall('UpdateStateMachine', { stateMachineArn: arn, ...changes });
    if (sm.tags) await call('states', 'TagResource', { resourceArn: arn, tags: Object.entries(sm.tags).map(([key, value]) => ({ key, value })) }, [...path, 'tags']);
    machineArn.set(sm.name, String(existing.stateMachineArn));
  }

  // 4. Buses (all of them: targets may point at any bus).
  const buses = res.buses ?? [];
  const busArn = new Map<string, string>();
  for (const [i, b] of buses.entries()) {
    const path = ['resources', 'buses', i];
    if (b.name !== 'default') {
      const exists = await handlerSucceeds('events', 'DescribeEventBus', { Name: b.name });
      if (!exists) {
        const input: Record<string, unknown> = { Name: b.name };
        if (b.description !== undefined) input.Description = b.description;
        if (b.tags) input.Tags = tagList(b.tags);
        await call('events', 'CreateEventBus', input, path);
      }
    }
    const { Arn } = await call('events', 'DescribeEventBus', { Name: b.name }, path);
    busArn.set(b.name, String(Arn));
    if (b.tags) await call('events', 'TagResource', { ResourceARN: Arn, Tags: tagList(b.tags) }, [...path, 'tags']);
  }
  if (!busArn.has('default') && buses.some((b) => b.rules?.some((r) => r.targets?.some((t) => t.bus === 'default')))) {
    const { Arn } = await call('events', 'DescribeEventBus', { Name: 'default' }, ['resources', 'buses']);
    busArn.set('default', String(Arn));
  }

  // 5. Rules and targets.
  for (const [i, b] of buses.entries()) {
    for (const [j, r] of (b.rules ?? []).entries()) {
      const path = ['resources', 'buses', i, 'rules', j];
      const input: Record<string, unknown> = { Name: r.name, EventBusName: b.name, State: r.state ?? 'ENABLED' };
      if (r.eventPattern) input.EventPattern = JSON.stringify(r.eventPattern);
      if (r.scheduleExpression !== undefined) input.ScheduleExpression = r.scheduleExpression;
      if (r.description !== undefined) input.Description = r.description;
      if (r.tags) input.Tags = tagList(r.tags);
      await call('events', 'PutRule', input, path);
      const targets = r.targets ?? [];
      // PutTargets takes at most 10 per call; the handler enforces the per-rule limit.
      for (let k = 0; k < targets.length; k += 10) {
        const chunk = targets.slice(k, k + 10);
        const out = await call('events', 'PutTargets', { Rule: r.name, EventBusName: b.name, Targets: chunk.map(targetInput) }, [...path, 'targets']);
        const failed = (out.FailedEntries ?? []) as Array<{ TargetId?: string; ErrorCode?: string; ErrorMessage?: string }>;
        const first = failed[0];
        if (first) {
          const at = chunk.findIndex((t) => targetId(t) === first.TargetId);
          fail([...path, 'targets', at < 0 ? k : k + at], `events PutTargets failed: ${first.ErrorCode}: ${first.ErrorMessage}`);
        }
      }
    }
  }

  function targetInput(t: TargetConfig): Record<string, unknown> {
    const arn =
      t.arn ??
      (t.queue !== undefined
        ? queueArn.get(t.queue)
        : t.topic !== undefined
          ? topicArn.get(t.topic)
          : t.bus !== undefined
            ? busArn.get(t.bus)
            : t.stateMachine !== undefined
              ? machineArn.get(t.stateMachine)
              : undefined);
    const out: Record<string, unknown> = { Id: targetId(t), Arn: arn };
    if (t.input !== undefined) out.Input = typeof t.input === 'string' ? t.input : JSON.stringify(t.input);
    if (t.inputPath !== undefined) out.InputPath = t.inputPath;
    if (t.inputTransformer) {
      out.InputTransformer = { InputTemplate: t.inputTransformer.inputTemplate, ...(t.inputTransformer.inputPathsMap ? { InputPathsMap: t.inputTransformer.inputPathsMap } : {}) };
    }
    if (t.sqsParameters) out.SqsParameters = { MessageGroupId: t.sqsParameters.messageGroupId };
    if (t.deadLetterQueue !== undefined) out.DeadLetterConfig = { Arn: queueArn.get(t.deadLetterQueue) };
    if (t.retryPolicy) {
      const rp: Record<string, number> = {};
      if (t.retryPolicy.maximumRetryAttempts !== undefined) rp.MaximumRetryAttempts = t.retryPolicy.maximumRetryAttempts;
      if (t.retryPolicy.maximumEventAgeInSeconds !== undefined) rp.MaximumEventAgeInSeconds = t.retryPolicy.maximumEventAgeInSeconds;
      out.RetryPolicy = rp;
    }
    if (t.roleArn !== undefined) out.RoleArn = t.roleArn;
    // AWS requires a role for Step Functions targets (Signalbox stores it, never assumes it).
    else if (t.stateMachine !== undefined) out.RoleArn = defaultRoleArn(options.account, options.region);
    return out;
  }

  async function handlerSucceeds(service: string, op: string, input: Record<string, unknown>): Promise<boolean> {
    const handler = handlers.get(service)?.[op];
    if (!handler) return false;
    try {
      await handler(input, { ...ctx, requestId: randomUUID() });
      return true;
    } catch {
      return false;
    }
  }
}
