/**
 * The seeding config's types and its validator (see ./index.ts for the format). Validation stops
 * at the first problem with a ConfigError naming the key path: unknown keys (with a "did you
 * mean"), wrong types, missing names, duplicate names and references to queues, topics, buses
 * or state machines the config does not define. AWS-level rules (name patterns, attribute
 * values, pattern syntax) are left to the services' own handlers at apply time.
 */
import { ConfigError, type KeyPath } from './errors.js';

/** A value for an AWS attribute map: scalars become strings, objects and arrays become JSON. */
export type AttributeValue = string | number | boolean | JsonObject | unknown[];
export type JsonObject = { [key: string]: unknown };

export interface SignalboxConfig {
  /** Account owning the resources (default: the emulator's --account). */
  account?: string;
  /** Region of the resources (default: the emulator's --region). */
  region?: string;
  resources: ResourcesConfig;
}

export interface ResourcesConfig {
  queues?: QueueConfig[];
  topics?: TopicConfig[];
  buses?: BusConfig[];
  stateMachines?: StateMachineConfig[];
}

export interface QueueConfig {
  name: string;
  /** Shorthand for `attributes.FifoQueue: true` (the name must end in `.fifo`). */
  fifo?: boolean;
  attributes?: Record<string, AttributeValue>;
  /** Readable redrive policy: the dead-letter queue (defined in `queues`) and its receive count. */
  deadLetterQueue?: { name: string; maxReceiveCount: number };
  tags?: Record<string, string>;
}

export interface TopicConfig {
  name: string;
  /** Shorthand for `attributes.FifoTopic: true`. */
  fifo?: boolean;
  attributes?: Record<string, AttributeValue>;
  tags?: Record<string, string>;
  subscriptions?: SubscriptionConfig[];
}

export interface SubscriptionConfig {
  /** Required unless `queue` is given (then `sqs`). */
  protocol?: string;
  endpoint?: string;
  /** Shorthand: an SQS subscription to this queue (defined in `queues`). */
  queue?: string;
  filterPolicy?: JsonObject;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
  rawMessageDelivery?: boolean;
  /** The subscription's dead-letter queue (defined in `queues`). */
  deadLetterQueue?: string;
  /** Any other subscription attribute, raw (e.g. DeliveryPolicy). */
  attributes?: Record<string, AttributeValue>;
}

export interface BusConfig {
  /** `default` names the account's default bus (never created, rules are added to it). */
  name: string;
  description?: string;
  tags?: Record<string, string>;
  rules?: RuleConfig[];
}

export interface RuleConfig {
  name: string;
  description?: string;
  eventPattern?: JsonObject;
  scheduleExpression?: string;
  /** ENABLED (default) or DISABLED. */
  state?: string;
  tags?: Record<string, string>;
  targets?: TargetConfig[];
}

export interface TargetConfig {
  /** Default: `<kind>-<name>` for the shorthands; required with `arn`. */
  id?: string;
  arn?: string;
  queue?: string;
  topic?: string;
  bus?: string;
  stateMachine?: string;
  /** Constant input: an object/array is sent as its JSON, a string as is. */
  input?: string | JsonObject | unknown[];
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
  sqsParameters?: { messageGroupId: string };
  /** Dead-letter queue for failed deliveries (defined in `queues`). */
  deadLetterQueue?: string;
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  roleArn?: string;
}

export interface StateMachineConfig {
  name: string;
  type?: 'STANDARD' | 'EXPRESS';
  /** Amazon States Language, as an object or JSON text. */
  definition?: JsonObject | string;
  /** Path to an ASL file (JSON or YAML), relative to the config file (loadConfigFile inlines it as `definition`). */
  definitionFile?: string;
  /** Default `arn:aws:iam::<account>:role/signalbox` (stored, never assumed). */
  roleArn?: string;
  tags?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------

type Path = KeyPath;
const fail = (path: Path, reason: string): never => {
  throw new ConfigError(reason, { path });
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

function isMap(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A map with only the allowed keys. */
function map(v: unknown, path: Path, allowed: readonly string[]): JsonObject {
  if (!isMap(v)) return fail(path, `expected a map, got ${typeName(v)}`);
  for (const key of Object.keys(v)) {
    if (allowed.includes(key)) continue;
    const near = allowed.filter((a) => distance(key, a) <= Math.max(1, Math.floor(a.length / 4)));
    const hint = near.length ? ` (did you mean "${near[0]}"?)` : ` (allowed: ${allowed.join(', ')})`;
    fail([...path, key], `unknown key "${key}"${hint}`);
  }
  return v;
}

function str(o: JsonObject, key: string, path: Path, required: true): string;
function str(o: JsonObject, key: string, path: Path, required?: false): string | undefined;
function str(o: JsonObject, key: string, path: Path, required = false): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return required ? fail([...path, key], `"${key}" is required`) : undefined;
  if (typeof v !== 'string') return fail([...path, key], `expected a string, got ${typeName(v)}`);
  if (required && v === '') return fail([...path, key], `"${key}" must not be empty`);
  return v;
}

function bool(o: JsonObject, key: string, path: Path): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') return fail([...path, key], `expected true or false, got ${typeName(v)}`);
  return v;
}

function int(o: JsonObject, key: string, path: Path, required = false): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return required ? fail([...path, key], `"${key}" is required`) : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) return fail([...path, key], `expected an integer, got ${typeName(v)}`);
  return v;
}

function object(o: JsonObject, key: string, path: Path): JsonObject | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!isMap(v)) return fail([...path, key], `expected a map, got ${typeName(v)}`);
  return v;
}

function list(o: JsonObject, key: string, path: Path): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail([...path, key], `expected a list, got ${typeName(v)}`);
  return v;
}

function stringMap(o: JsonObject, key: string, path: Path): Record<string, string> | undefined {
  const m = object(o, key, path);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else fail([...path, key, k], `expected a string, got ${typeName(v)}`);
  }
  return out;
}

function attributes(o: JsonObject, key: string, path: Path, forbidden: readonly string[] = []): Record<string, AttributeValue> | undefined {
  const m = object(o, key, path);
  if (!m) return undefined;
  for (const [k, v] of Object.entries(m)) {
    if (forbidden.includes(k)) fail([...path, key, k], `"${k}" is not an attribute here`);
    if (v === null || v === undefined) fail([...path, key, k], `expected a value, got ${typeName(v)}`);
  }
  return m as Record<string, AttributeValue>;
}

function exclusive(o: JsonObject, keys: readonly string[], path: Path, required: boolean): string | undefined {
  const present = keys.filter((k) => o[k] !== undefined && o[k] !== null);
  if (present.length > 1) fail([...path, present[1]!], `give only one of ${present.map((k) => `"${k}"`).join(' and ')}`);
  if (required && present.length === 0) fail(path, `one of ${keys.map((k) => `"${k}"`).join(', ')} is required`);
  return present[0];
}

function set<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

function uniqueNames(items: Array<{ name: string }>, path: Path, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.name);
    if (first !== undefined) fail([...path, i, 'name'], `duplicate ${what} name "${item.name}" (also ${what} [${first}])`);
    seen.set(item.name, i);
  });
}

// ---------------------------------------------------------------------------------------------

function queue(v: unknown, path: Path): QueueConfig {
  const o = map(v, path, ['name', 'fifo', 'attributes', 'deadLetterQueue', 'tags']);
  const q: QueueConfig = { name: str(o, 'name', path, true) };
  const dlq = object(o, 'deadLetterQueue', path);
  let deadLetterQueue: QueueConfig['deadLetterQueue'];
  if (dlq) {
    const p = [...path, 'deadLetterQueue'];
    map(dlq, p, ['name', 'maxReceiveCount']);
    deadLetterQueue = { name: str(dlq, 'name', p, true), maxReceiveCount: int(dlq, 'maxReceiveCount', p, true)! };
  }
  const attrs = attributes(o, 'attributes', path, ['QueueName']);
  if (deadLetterQueue && attrs?.RedrivePolicy !== undefined)
    fail([...path, 'attributes', 'RedrivePolicy'], 'give either "deadLetterQueue" or attributes.RedrivePolicy, not both');
  return set(q, { fifo: bool(o, 'fifo', path), attributes: attrs, deadLetterQueue, tags: stringMap(o, 'tags', path) });
}

function subscription(v: unknown, path: Path): SubscriptionConfig {
  const o = map(v, path, ['protocol', 'endpoint', 'queue', 'filterPolicy', 'filterPolicyScope', 'rawMessageDelivery', 'deadLetterQueue', 'attributes']);
  exclusive(o, ['queue', 'endpoint'], path, true);
  const protocol = str(o, 'protocol', path);
  const q = str(o, 'queue', path);
  if (q === undefined && protocol === undefined) fail([...path, 'protocol'], '"protocol" is required with "endpoint" (or use "queue: <name>")');
  if (q !== undefined && protocol !== undefined && protocol !== 'sqs') fail([...path, 'protocol'], `"queue" subscriptions are sqs, not "${protocol}"`);
  const scope = str(o, 'filterPolicyScope', path);
  if (scope !== undefined && scope !== 'MessageAttributes' && scope !== 'MessageBody')
    fail([...path, 'filterPolicyScope'], `expected MessageAttributes or MessageBody, got "${scope}"`);
  return set({} as SubscriptionConfig, {
    protocol,
    endpoint: str(o, 'endpoint', path),
    queue: q,
    filterPolicy: object(o, 'filterPolicy', path),
    filterPolicyScope: scope as SubscriptionConfig['filterPolicyScope'],
    rawMessageDelivery: bool(o, 'rawMessageDelivery', path),
    deadLetterQueue: str(o, 'deadLetterQueue', path),
    attributes: attributes(o, 'attributes', path),
  });
}

function topic(v: unknown, path: Path): TopicConfig {
  const o = map(v, path, ['name', 'fifo', 'attributes', 'tags', 'subscriptions']);
  const t: TopicConfig = { name: str(o, 'name', path, true) };
  const subs = list(o, 'subscriptions', path).map((s, i) => subscription(s, [...path, 'subscriptions', i]));
  return set(t, {
    fifo: bool(o, 'fifo', path),
    attributes: attributes(o, 'attributes', path, ['Name']),
    tags: stringMap(o, 'tags', path),
    subscriptions: subs.length ? subs : undefined,
  });
}

const SHORTHANDS = ['queue', 'topic', 'bus', 'stateMachine'] as const;

function target(v: unknown, path: Path): TargetConfig {
  const o = map(v, path, ['id', 'arn', ...SHORTHANDS, 'input', 'inputPath', 'inputTransformer', 'sqsParameters', 'deadLetterQueue', 'retryPolicy', 'roleArn']);
  const kind = exclusive(o, ['arn', ...SHORTHANDS], path, true)!;
  const t: TargetConfig = {};
  t[kind as 'arn'] = str(o, kind, path, true);
  const id = str(o, 'id', path);
  if (id === undefined && kind === 'arn') fail([...path, 'id'], '"id" is required with "arn"');
  exclusive(o, ['input', 'inputPath', 'inputTransformer'], path, false);
  const input = o.input;
  if (input !== undefined && input !== null && typeof input !== 'string' && typeof input !== 'object')
    fail([...path, 'input'], `expected a string, map or list, got ${typeName(input)}`);
  let inputTransformer: TargetConfig['inputTransformer'];
  const it = object(o, 'inputTransformer', path);
  if (it) {
    const p = [...path, 'inputTransformer'];
    map(it, p, ['inputPathsMap', 'inputTemplate']);
    inputTransformer = set<NonNullable<TargetConfig['inputTransformer']>>({ inputTemplate: str(it, 'inputTemplate', p, true) }, { inputPathsMap: stringMap(it, 'inputPathsMap', p) });
  }
  let sqsParameters: TargetConfig['sqsParameters'];
  const sp = object(o, 'sqsParameters', path);
  if (sp) {
    const p = [...path, 'sqsParameters'];
    map(sp, p, ['messageGroupId']);
    sqsParameters = { messageGroupId: str(sp, 'messageGroupId', p, true) };
  }
  let retryPolicy: TargetConfig['retryPolicy'];
  const rp = object(o, 'retryPolicy', path);
  if (rp) {
    const p = [...path, 'retryPolicy'];
    map(rp, p, ['maximumRetryAttempts', 'maximumEventAgeInSeconds']);
    retryPolicy = set({}, { maximumRetryAttempts: int(rp, 'maximumRetryAttempts', p), maximumEventAgeInSeconds: int(rp, 'maximumEventAgeInSeconds', p) });
  }
  return set(t, {
    id,
    input: input === null ? undefined : (input as TargetConfig['input']),
    inputPath: str(o, 'inputPath', path),
    inputTransformer,
    sqsParameters,
    deadLetterQueue: str(o, 'deadLetterQueue', path),
    retryPolicy,
    roleArn: str(o, 'roleArn', path),
  });
}

function rule(v: unknown, path: Path): RuleConfig {
  const o = map(v, path, ['name', 'description', 'eventPattern', 'scheduleExpression', 'state', 'tags', 'targets']);
  const r: RuleConfig = { name: str(o, 'name', path, true) };
  const eventPattern = object(o, 'eventPattern', path);
  const scheduleExpression = str(o, 'scheduleExpression', path);
  if (!eventPattern && scheduleExpression === undefined) fail(path, 'one of "eventPattern", "scheduleExpression" is required');
  const targets = list(o, 'targets', path).map((t, i) => target(t, [...path, 'targets', i]));
  const ids = new Map<string, number>();
  targets.forEach((t, i) => {
    const id = targetId(t);
    const first = ids.get(id);
    if (first !== undefined) fail([...path, 'targets', i, 'id'], `duplicate target id "${id}" (also targets[${first}])`);
    ids.set(id, i);
  });
  return set(r, {
    description: str(o, 'description', path),
    eventPattern,
    scheduleExpression,
    state: str(o, 'state', path),
    tags: stringMap(o, 'tags', path),
    targets: targets.length ? targets : undefined,
  });
}

/** A target's id: given, else `<kind>-<name>` (e.g. `queue-orders`). */
export function targetId(t: TargetConfig): string {
  if (t.id !== undefined) return t.id;
  for (const k of SHORTHANDS) {
    const name = t[k];
    if (name !== undefined) return `${k}-${name}`.replace(/[^.\-_A-Za-z0-9]/g, '_').slice(0, 64);
  }
  return '';
}

function bus(v: unknown, path: Path): BusConfig {
  const o = map(v, path, ['name', 'description', 'tags', 'rules']);
  const b: BusConfig = { name: str(o, 'name', path, true) };
  const rules = list(o, 'rules', path).map((r, i) => rule(r, [...path, 'rules', i]));
  uniqueNames(rules, [...path, 'rules'], 'rule');
  return set(b, { description: str(o, 'description', path), tags: stringMap(o, 'tags', path), rules: rules.length ? rules : undefined });
}

function stateMachine(v: unknown, path: Path): StateMachineConfig {
  const o = map(v, path, ['name', 'type', 'definition', 'definitionFile', 'roleArn', 'tags']);
  const sm: StateMachineConfig = { name: str(o, 'name', path, true) };
  exclusive(o, ['definition', 'definitionFile'], path, true);
  const def = o.definition;
  if (def !== undefined && def !== null && typeof def !== 'string' && !isMap(def))
    fail([...path, 'definition'], `expected a map or JSON text, got ${typeName(def)}`);
  const type = str(o, 'type', path);
  if (type !== undefined && type !== 'STANDARD' && type !== 'EXPRESS') fail([...path, 'type'], `expected STANDARD or EXPRESS, got "${type}"`);
  return set(sm, {
    type: type as StateMachineConfig['type'],
    definition: def === null ? undefined : (def as StateMachineConfig['definition']),
    definitionFile: str(o, 'definitionFile', path),
    roleArn: str(o, 'roleArn', path),
    tags: stringMap(o, 'tags', path),
  });
}

/** Validate a `resources` object (from a file or `createSignalbox({ resources })`). */
export function validateResources(v: unknown, path: Path = ['resources']): ResourcesConfig {
  const o = map(v ?? {}, path, ['queues', 'topics', 'buses', 'stateMachines']);
  const queues = list(o, 'queues', path).map((q, i) => queue(q, [...path, 'queues', i]));
  const topics = list(o, 'topics', path).map((t, i) => topic(t, [...path, 'topics', i]));
  const buses = list(o, 'buses', path).map((b, i) => bus(b, [...path, 'buses', i]));
  const stateMachines = list(o, 'stateMachines', path).map((s, i) => stateMachine(s, [...path, 'stateMachines', i]));
  uniqueNames(queues, [...path, 'queues'], 'queue');
  uniqueNames(topics, [...path, 'topics'], 'topic');
  uniqueNames(buses, [...path, 'buses'], 'bus');
  uniqueNames(stateMachines, [...path, 'stateMachines'], 'state machine');

  // References.
  const names = {
    queue: new Set(queues.map((q) => q.name)),
    topic: new Set(topics.map((t) => t.name)),
    bus: new Set([...buses.map((b) => b.name), 'default']),
    stateMachine: new Set(stateMachines.map((s) => s.name)),
  };
  const plural = { queue: 'queues', topic: 'topics', bus: 'buses', stateMachine: 'stateMachines' } as const;
  const ref = (kind: keyof typeof names, name: string | undefined, at: Path) => {
    if (name !== undefined && !names[kind].has(name))
      fail(at, `${kind} "${name}" is not defined in ${[...path, plural[kind]].join('.')}`);
  };
  queues.forEach((q, i) => ref('queue', q.deadLetterQueue?.name, [...path, 'queues', i, 'deadLetterQueue', 'name']));
  topics.forEach((t, i) =>
    t.subscriptions?.forEach((s, j) => {
      const at = [...path, 'topics', i, 'subscriptions', j];
      ref('queue', s.queue, [...at, 'queue']);
      ref('queue', s.deadLetterQueue, [...at, 'deadLetterQueue']);
    }),
  );
  buses.forEach((b, i) =>
    b.rules?.forEach((r, j) =>
      r.targets?.forEach((t, k) => {
        const at = [...path, 'buses', i, 'rules', j, 'targets', k];
        for (const kind of SHORTHANDS) ref(kind, t[kind], [...at, kind]);
        ref('queue', t.deadLetterQueue, [...at, 'deadLetterQueue']);
      }),
    ),
  );
  return set({} as ResourcesConfig, {
    queues: queues.length ? queues : undefined,
    topics: topics.length ? topics : undefined,
    buses: buses.length ? buses : undefined,
    stateMachines: stateMachines.length ? stateMachines : undefined,
  });
}

/** Validate a whole config file's content. */
export function validateConfig(v: unknown): SignalboxConfig {
  if (v === undefined || v === null) fail([], 'the file is empty (expected a map with "resources")');
  const o = map(v, [], ['account', 'region', 'resources']);
  if (typeof o.account === 'number') fail(['account'], `expected a string: quote the account id (account: "123456789012"), got number ${o.account}`);
  const account = str(o, 'account', []);
  if (account !== undefined && !/^\d{12}$/.test(account)) fail(['account'], `expected a 12-digit account id, got "${account}"`);
  if (o.resources === undefined || o.resources === null) fail(['resources'], '"resources" is required');
  return set({ resources: validateResources(o.resources) } as SignalboxConfig, { account, region: str(o, 'region', []) });
}
