/**
 * Queue attributes: AWS's 22 names, defaults, ranges and messages. Create/Set input is checked
 * here and turned into typed `QueueSettings` (what the engine acts on) plus attributes stored
 * as given (Policy, RedriveAllowPolicy, KMS).
 */
import { DEFAULT_QUEUE_SETTINGS, type Queue, type QueueSettings, type RedrivePolicy } from '../../engines/queue/index.js';
import { invalidAttributeName, invalidAttributeValue, invalidParam, sqsError } from './errors.js';
import type { AttributeMap } from './types.js';

export const DEFAULT_SETTINGS = DEFAULT_QUEUE_SETTINGS;

type NumericSetting = 'delaySeconds' | 'maximumMessageSize' | 'messageRetentionPeriod' | 'receiveMessageWaitTimeSeconds' | 'visibilityTimeout';
const RANGES: Record<string, [NumericSetting, number, number]> = {
  DelaySeconds: ['delaySeconds', 0, 900],
  MaximumMessageSize: ['maximumMessageSize', 1024, 1_048_576],
  MessageRetentionPeriod: ['messageRetentionPeriod', 60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: ['receiveMessageWaitTimeSeconds', 0, 20],
  VisibilityTimeout: ['visibilityTimeout', 0, 43_200],
};

const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const STORED = new Set(['Policy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled']);
const READ_ONLY = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];
export const ALL_ATTRIBUTE_NAMES = new Set([
  'All',
  ...Object.keys(RANGES),
  ...FIFO_ONLY,
  ...STORED,
  ...READ_ONLY,
  'RedrivePolicy',
]);

/** Parsed Create/Set attributes. `redrivePolicy: null` removes it. */
export interface AttributeChanges {
  settings: Partial<QueueSettings>;
  redrivePolicy?: RedrivePolicy | null;
  stored: Map<string, string | null>;
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  const n = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalidAttributeValue(name);
  return n;
}

function parseBoolean(name: string, raw: string): boolean {
  const v = raw.toLowerCase();
  if (v !== 'true' && v !== 'false') throw invalidAttributeValue(name);
  return v === 'true';
}

export function parseRedrivePolicy(raw: string): RedrivePolicy {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(raw) as Record<string, unknown>;
    if (!p || typeof p !== 'object' || Array.isArray(p)) throw new Error();
  } catch {
    throw invalidParam('RedrivePolicy', raw, 'Redrive policy is not a valid JSON map.');
  }
  const arn = p.deadLetterTargetArn;
  const count = p.maxReceiveCount;
  if (typeof arn !== 'string' || !arn) throw invalidParam('RedrivePolicy', raw, "The required parameter 'deadLetterTargetArn' is missing");
  if (count === undefined || count === null) throw invalidParam('RedrivePolicy', raw, "The required parameter 'maxReceiveCount' is missing");
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw invalidParam('RedrivePolicy', raw, `Invalid value for maxReceiveCount: ${String(count)}, valid values are from 1 to 1000 both inclusive.`);
  return { deadLetterTargetArn: arn, maxReceiveCount: n };
}

function checkRedriveAllowPolicy(raw: string): void {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw invalidParam('RedriveAllowPolicy', raw, 'Redrive allow policy is not a valid JSON map.');
  }
  const perm = p?.redrivePermission;
  if (perm !== 'allowAll' && perm !== 'denyAll' && perm !== 'byQueue')
    throw invalidParam('RedriveAllowPolicy', raw, 'Invalid value for redrivePermission. Valid values are allowAll, denyAll or byQueue.');
  const arns = p.sourceQueueArns;
  if (perm === 'byQueue') {
    if (!Array.isArray(arns) || arns.length === 0)
      throw invalidParam('RedriveAllowPolicy', raw, 'At least one source queue ARN is required when redrivePermission is byQueue.');
    if (arns.length > 10) throw invalidParam('RedriveAllowPolicy', raw, 'Maximum of 10 source queue ARNs is allowed.');
  } else if (arns !== undefined) {
    throw invalidParam('RedriveAllowPolicy', raw, 'sourceQueueArns is only allowed when redrivePermission is byQueue.');
  }
}

/**
 * Check attributes for CreateQueue (`existing` undefined) or SetQueueAttributes.
 * `fifo` is whether the queue is (or will be) FIFO.
 */
export function parseAttributeChanges(attrs: AttributeMap, fifo: boolean, creating: boolean): AttributeChanges {
  const out: AttributeChanges = { settings: {}, stored: new Map() };
  for (const [name, raw] of Object.entries(attrs)) {
    if (typeof raw !== 'string') throw invalidAttributeValue(name);
    const range = Object.hasOwn(RANGES, name) ? RANGES[name] : undefined; // not `toString`, `__proto__`
    if (range) {
      out.settings[range[0]] = parseInteger(name, raw, range[1], range[2]);
      continue;
    }
    if (FIFO_ONLY.has(name)) {
      if (name === 'FifoQueue') {
        // The queue type is fixed by the name at creation (service checks name vs FifoQueue).
        if (!fifo) throw invalidAttributeName(name);
        if (!parseBoolean(name, raw)) throw invalidAttributeValue(name, 'Modifying queue type is not supported.');
        continue;
      }
      if (!fifo) {
        if (name === 'ContentBasedDeduplication') throw invalidAttributeName(name);
        throw fifoOnly(name);
      }
      if (name === 'ContentBasedDeduplication') out.settings.contentBasedDeduplication = parseBoolean(name, raw);
      else if (name === 'DeduplicationScope') {
        if (raw !== 'queue' && raw !== 'messageGroup') throw invalidAttributeValue(name);
        out.settings.deduplicationScope = raw;
      } else {
        if (raw !== 'perQueue' && raw !== 'perMessageGroupId') throw invalidAttributeValue(name);
        out.settings.fifoThroughputLimit = raw;
      }
      continue;
    }
    if (name === 'RedrivePolicy') {
      out.redrivePolicy = raw === '' ? null : parseRedrivePolicy(raw);
      continue;
    }
    if (STORED.has(name)) {
      if (name === 'KmsDataKeyReusePeriodSeconds') parseInteger(name, raw, 60, 86_400);
      if (name === 'SqsManagedSseEnabled') parseBoolean(name, raw);
      if (name === 'RedriveAllowPolicy' && raw !== '') checkRedriveAllowPolicy(raw);
      if (name === 'Policy' && raw !== '') checkPolicy(raw);
      out.stored.set(name, raw === '' ? null : name === 'SqsManagedSseEnabled' ? raw.toLowerCase() : raw);
      continue;
    }
    throw invalidAttributeName(name);
  }
  const kms = out.stored.get('KmsMasterKeyId');
  if (kms && out.stored.get('SqsManagedSseEnabled') === 'true')
    throw sqsError(
      'InvalidAttributeName',
      'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
    );
  const s = { ...DEFAULT_SETTINGS, ...out.settings };
  if (fifo && s.fifoThroughputLimit === 'perMessageGroupId' && s.deduplicationScope !== 'messageGroup' && ('fifoThroughputLimit' in out.settings) && creating)
    throw invalidAttributeValue('FifoThroughputLimit', 'FifoThroughputLimit perMessageGroupId requires DeduplicationScope messageGroup.');
  return out;
}

function fifoOnly(name: string) {
  return sqsError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`);
}

function checkPolicy(raw: string): void {
  try {
    const p = JSON.parse(raw) as unknown;
    if (!p || typeof p !== 'object' || Array.isArray(p)) throw new Error();
  } catch {
    throw invalidAttributeValue('Policy', 'Invalid JSON policy document.');
  }
}

/** Apply parsed changes to a queue's stored attributes (KMS and SSE keep AWS's coupling). */
export function applyStored(queue: Queue, changes: AttributeChanges): void {
  for (const [name, value] of changes.stored) {
    if (value === null) {
      queue.extraAttributes.delete(name);
      if (name === 'KmsMasterKeyId') queue.extraAttributes.delete('KmsDataKeyReusePeriodSeconds');
    } else queue.extraAttributes.set(name, value);
  }
  if (changes.stored.get('KmsMasterKeyId')) {
    queue.extraAttributes.set('SqsManagedSseEnabled', 'false');
    if (!queue.extraAttributes.has('KmsDataKeyReusePeriodSeconds')) queue.extraAttributes.set('KmsDataKeyReusePeriodSeconds', '300');
  }
}

export function formatRedrivePolicy(p: RedrivePolicy): string {
  return JSON.stringify({ deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: p.maxReceiveCount });
}

/** Every attribute AWS would return for `All`, as strings. */
export function allAttributes(queue: Queue): Record<string, string> {
  const s = queue.settings;
  const c = queue.counts();
  const out: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(c.visible),
    ApproximateNumberOfMessagesNotVisible: String(c.inflight),
    ApproximateNumberOfMessagesDelayed: String(c.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdTimestamp / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedTimestamp / 1000)),
    VisibilityTimeout: String(s.visibilityTimeout),
    MaximumMessageSize: String(s.maximumMessageSize),
    MessageRetentionPeriod: String(s.messageRetentionPeriod),
    DelaySeconds: String(s.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(s.receiveMessageWaitTimeSeconds),
  };
  if (!queue.extraAttributes.has('SqsManagedSseEnabled') && !queue.extraAttributes.has('KmsMasterKeyId')) out.SqsManagedSseEnabled = 'true';
  for (const [k, v] of queue.extraAttributes) out[k] = v;
  // The reuse period only means something with a KMS key: AWS drops it with the key, even when
  // the same call sets it ([SNAP] test_set_queue_attributes_default_values).
  if (!queue.extraAttributes.has('KmsMasterKeyId')) delete out.KmsDataKeyReusePeriodSeconds;
  if (s.redrivePolicy) out.RedrivePolicy = formatRedrivePolicy(s.redrivePolicy);
  if (s.fifo) {
    out.FifoQueue = 'true';
    out.ContentBasedDeduplication = String(s.contentBasedDeduplication);
    out.DeduplicationScope = s.deduplicationScope;
    out.FifoThroughputLimit = s.fifoThroughputLimit;
  }
  return out;
}

/** GetQueueAttributes: `All`, or the named ones (unknown names are refused). */
export function selectAttributes(queue: Queue, names: string[] | undefined): Record<string, string> | undefined {
  if (!names?.length) return undefined;
  for (const n of names) if (!ALL_ATTRIBUTE_NAMES.has(n)) throw invalidAttributeName(n);
  const all = allAttributes(queue);
  if (names.includes('All')) return all;
  const out: Record<string, string> = {};
  for (const n of names) if (all[n] !== undefined) out[n] = all[n];
  return Object.keys(out).length ? out : undefined;
}

/** CreateQueue on an existing name: the first given attribute whose value differs, if any. */
export function firstDifferingAttribute(queue: Queue, attrs: AttributeMap): string | undefined {
  const current = allAttributes(queue);
  for (const [name, given] of Object.entries(attrs)) {
    if (given === undefined) continue; // parseAttributeChanges refused it already
    const have = current[name];
    if (name === 'RedrivePolicy' && have !== undefined && given) {
      try {
        if (formatRedrivePolicy(parseRedrivePolicy(given)) === have) continue;
      } catch {
        return name;
      }
    }
    if (have === undefined ? given !== '' && !(name === 'FifoQueue' && given === 'false') : !sameValue(have, given)) return name;
  }
  return undefined;
}

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  if (/^-?\d+$/.test(a.trim()) && /^-?\d+$/.test(b.trim())) return Number(a) === Number(b);
  return a.toLowerCase() === b.toLowerCase() && (a.toLowerCase() === 'true' || a.toLowerCase() === 'false');
}
