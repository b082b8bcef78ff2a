/**
 * SQS queue-level operations: create/delete/get-url/list, attributes, purge, tags,
 * permissions and dead-letter source listing.
 */
import type { Queue, QueueEngine, QueueSettings, Scope } from '../../engines/queue/index.js';
import type { RequestContext } from '../context.js';
import {
  DEFAULT_SETTINGS,
  applyStored,
  firstDifferingAttribute,
  parseAttributeChanges,
  selectAttributes,
  type AttributeChanges,
} from './attributes.js';
import { invalidParam, invalidParameterValue, mapEngineError, queueDoesNotExist, required, sqsError } from './errors.js';
import { parseQueueArn, queueUrl, resolveQueueUrl } from './queue-url.js';
import { addPermission, removePermission } from './permissions.js';
import { buildArn } from '../../core/arn.js';
import { jsonAfterTokens, pageAfterKey, type Page } from '../../core/pager.js';
import type { SqsHandlers, SqsOutput } from './types.js';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

export function scopeOf(ctx: RequestContext): Scope {
  return { account: ctx.account, region: ctx.region };
}

/** The queue a request's QueueUrl names, or QueueDoesNotExist. */
export function queueFor(engine: QueueEngine, input: { QueueUrl: string | undefined }, ctx: RequestContext): Queue {
  const { scope, name } = resolveQueueUrl(required(input.QueueUrl, 'QueueUrl'), ctx);
  const q = engine.getQueue(scope, name);
  if (!q) throw queueDoesNotExist(ctx);
  return q;
}

/** Check a RedrivePolicy against the queues it names (exists, same type, allowed). */
function checkRedriveTarget(engine: QueueEngine, source: { arn: string; fifo: boolean }, changes: AttributeChanges, raw: string | undefined): void {
  const p = changes.redrivePolicy;
  if (!p) return;
  const dlq = engine.getQueueByArn(p.deadLetterTargetArn);
  if (!dlq) throw invalidParam('RedrivePolicy', raw, 'Dead letter target does not exist.');
  if (dlq.settings.fifo !== source.fifo) throw invalidParam('RedrivePolicy', raw, 'Dead-letter queue must be same type of queue as the source.');
  const allow = dlq.extraAttributes.get('RedriveAllowPolicy');
  if (allow) {
    const policy = JSON.parse(allow) as { redrivePermission: string; sourceQueueArns?: string[] };
    const ok =
      policy.redrivePermission === 'allowAll' ||
      (policy.redrivePermission === 'byQueue' && (policy.sourceQueueArns ?? []).includes(source.arn));
    if (!ok) throw invalidParam('RedrivePolicy', raw, 'Dead letter target does not allow this queue to use it as a dead letter queue.');
  }
}

type QueueOperationName =
  | 'CreateQueue'
  | 'GetQueueUrl'
  | 'DeleteQueue'
  | 'ListQueues'
  | 'GetQueueAttributes'
  | 'SetQueueAttributes'
  | 'PurgeQueue'
  | 'TagQueue'
  | 'UntagQueue'
  | 'ListQueueTags'
  | 'AddPermission'
  | 'RemovePermission'
  | 'ListDeadLetterSourceQueues';

export function queueOperations(engine: QueueEngine): Pick<SqsHandlers, QueueOperationName> {
  return {
    CreateQueue(input, ctx) {
      const name = required(input.QueueName, 'QueueName');
      const attrs = input.Attributes ?? {};
      const tags = input.tags ?? {};
      const fifo = name.endsWith('.fifo');
      const wantsFifo = String(attrs.FifoQueue ?? '').toLowerCase() === 'true';
      if (fifo ? !FIFO_NAME.test(name) || !wantsFifo : !NAME.test(name) || wantsFifo) {
        throw invalidParameterValue(
          fifo || wantsFifo
            ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
            : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
        );
      }
      const scope = scopeOf(ctx);
      const changes = parseAttributeChanges(attrs, fifo, true);
      if (Object.keys(tags).length > 50) throw invalidParameterValue('Too many tags added for queue ' + name + '.');
      const existing = engine.getQueue(scope, name);
      if (existing) {
        const diff = firstDifferingAttribute(existing, attrs);
        if (diff) throw sqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${diff}`);
        return { QueueUrl: queueUrl(ctx, scope.account, name) };
      }
      const arn = buildArn({ service: 'sqs', region: scope.region, account: scope.account, resource: name });
      checkRedriveTarget(engine, { arn, fifo }, changes, attrs.RedrivePolicy);
      const settings: QueueSettings = { ...DEFAULT_SETTINGS, ...changes.settings, fifo };
      if (changes.redrivePolicy) settings.redrivePolicy = changes.redrivePolicy;
      try {
        const q = engine.createQueue(scope, name, settings, tags);
        applyStored(q, changes);
      } catch (e) {
        throw mapEngineError(e, ctx);
      }
      return { QueueUrl: queueUrl(ctx, scope.account, name) };
    },

    GetQueueUrl(input, ctx) {
      const owner = input.QueueOwnerAWSAccountId ?? ctx.account;
      const name = required(input.QueueName, 'QueueName');
      if (!engine.getQueue({ account: owner, region: ctx.region }, name)) throw queueDoesNotExist(ctx);
      return { QueueUrl: queueUrl(ctx, owner, name) };
    },

    DeleteQueue(input, ctx) {
      const q = queueFor(engine, input, ctx);
      engine.deleteQueue(q.scope, q.name);
      return {};
    },

    ListQueues(input, ctx) {
      const prefix = input.QueueNamePrefix;
      const max = input.MaxResults;
      if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000))
        throw invalidParam('MaxResults', max, 'MaxResults must be an integer between 1 and 1000.');
      const names = engine.listQueues(scopeOf(ctx), prefix).map((q) => q.name);
      const page = pageAfterName(names, (n) => n, input.NextToken, max);
      const out: SqsOutput<'ListQueues'> = {};
      if (page.items.length) out.QueueUrls = page.items.map((n) => queueUrl(ctx, ctx.account, n));
      if (page.nextToken !== undefined) out.NextToken = page.nextToken;
      return out;
    },

    GetQueueAttributes(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const attrs = selectAttributes(q, input.AttributeNames);
      return attrs ? { Attributes: attrs } : {};
    },

    SetQueueAttributes(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const attrs = input.Attributes ?? {};
      const changes = parseAttributeChanges(attrs, q.settings.fifo, false);
      checkRedriveTarget(engine, { arn: q.arn, fifo: q.settings.fifo }, changes, attrs.RedrivePolicy);
      const patch: Partial<QueueSettings> = { ...changes.settings };
      if (changes.redrivePolicy !== undefined) patch.redrivePolicy = changes.redrivePolicy ?? undefined;
      q.updateSettings(patch);
      applyStored(q, changes);
      return {};
    },

    PurgeQueue(input, ctx) {
      const q = queueFor(engine, input, ctx);
      try {
        q.purge();
      } catch (e) {
        throw mapEngineError(e, ctx);
      }
      return {};
    },

    TagQueue(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const tags = input.Tags ?? {};
      if (Object.keys(tags).length === 0) throw invalidParameterValue('The request must contain a non-empty Tags map.');
      const next = new Map(q.tags);
      for (const [k, v] of Object.entries(tags)) next.set(k, v);
      if (next.size > 50) throw invalidParameterValue(`Too many tags added for queue ${q.name}.`);
      for (const [k, v] of Object.entries(tags)) q.tags.set(k, v);
      return {};
    },

    UntagQueue(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const keys = input.TagKeys ?? [];
      if (keys.length === 0) throw invalidParameterValue('The request must contain a non-empty TagKeys list.');
      for (const k of keys) q.tags.delete(k);
      return {};
    },

    ListQueueTags(input, ctx) {
      const q = queueFor(engine, input, ctx);
      return q.tags.size ? { Tags: Object.fromEntries(q.tags) } : {};
    },

    AddPermission(input, ctx) {
      addPermission(queueFor(engine, input, ctx), input);
      return {};
    },

    RemovePermission(input, ctx) {
      removePermission(queueFor(engine, input, ctx), required(input.Label, 'Label'));
      return {};
    },

    ListDeadLetterSourceQueues(input, ctx) {
      const q = queueFor(engine, input, ctx);
      const max = input.MaxResults;
      if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000))
        throw invalidParam('MaxResults', max, 'MaxResults must be an integer between 1 and 1000.');
      const names = engine.deadLetterSourceQueues(q.arn).map((s) => ({ account: s.scope.account, name: s.name }));
      const page = pageAfterName(names, (n) => n.name, input.NextToken, max);
      const out: SqsOutput<'ListDeadLetterSourceQueues'> = { queueUrls: page.items.map((n) => queueUrl(ctx, n.account, n.name)) };
      if (page.nextToken !== undefined) out.NextToken = page.nextToken;
      return out;
    },
  };
}

/**
 * One page of queues in name order, resuming after the name the token carries (base64 of
 * `{"after": name}`). Without MaxResults a list answers up to 1000 queues and no token.
 */
function pageAfterName<T>(all: readonly T[], name: (t: T) => string, token: string | undefined, max: number | undefined): Page<T> {
  const page = pageAfterKey(all, name, token, max ?? 1000, jsonAfterTokens, () => invalidParameterValue('Invalid or expired next token.'));
  return max === undefined ? { items: page.items, nextToken: undefined } : page;
}

export { parseQueueArn };
