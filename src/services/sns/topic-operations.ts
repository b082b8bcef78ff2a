/**
 * SNS topic operations: create (idempotent), delete, list, attributes, permissions, data
 * protection policies and tags.
 */
import type { Topic, TopicEngine } from '../../engines/topic/index.js';
import type { RequestContext } from '../context.js';
import { checkTopicArn, parseArn } from './arns.js';
import { invalidParameter, required, snsError, topicNotFound } from './errors.js';
import { checkTopicAttribute, defaultTopicPolicy, topicAttributes } from './topic-attributes.js';
import { page } from './paging.js';
import { buildArn, iamArn } from '../../core/arn.js';
import type { SnsHandlersFor } from './types.js';

type TopicOperation =
  | 'CreateTopic'
  | 'DeleteTopic'
  | 'ListTopics'
  | 'GetTopicAttributes'
  | 'SetTopicAttributes'
  | 'AddPermission'
  | 'RemovePermission'
  | 'GetDataProtectionPolicy'
  | 'PutDataProtectionPolicy'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource';

/** A tag as the SDK types it (`Key`/`Value` both required, typed `string | undefined`). */
interface TagInput {
  Key: string | undefined;
  Value: string | undefined;
}

const NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const TOPIC_ACTIONS = new Set([
  'GetTopicAttributes',
  'SetTopicAttributes',
  'AddPermission',
  'RemovePermission',
  'DeleteTopic',
  'Subscribe',
  'ListSubscriptionsByTopic',
  'Publish',
  'Receive',
]);


/** The topic a TopicArn names, in the request's account scope checks done like AWS. */
export function topicFor(engine: TopicEngine, arn: string | undefined, ctx: RequestContext, param = 'TopicArn'): Topic {
  const a = checkTopicArn(arn ?? '', param);
  if (a.region !== ctx.region) throw invalidParameter(param);
  const t = engine.getTopic(arn ?? '');
  if (!t) throw topicNotFound();
  return t;
}

function topicForTags(engine: TopicEngine, arn: string | undefined): Topic {
  parseArn(arn ?? '', 'ResourceArn');
  const t = engine.getTopic(arn ?? '');
  if (!t) throw snsError('ResourceNotFoundException', 'Resource does not exist');
  return t;
}

function sameMap(a: Map<string, string>, b: Record<string, string>): boolean {
  return Object.entries(b).every(([k, v]) => a.get(k) === v);
}

function checkTags(tags: TagInput[]): void {
  for (const t of tags) {
    if (!t.Key || t.Key.length > 128) throw invalidParameter('Tags Reason: Tag key must be between 1 and 128 characters long');
    if ((t.Value ?? '').length > 256) throw invalidParameter('Tags Reason: Tag value must be at most 256 characters long');
  }
}

export function topicOperations(engine: TopicEngine): SnsHandlersFor<TopicOperation> {
  return {
    CreateTopic(input, ctx) {
      const name = required(input.Name, 'Name');
      const attrs = input.Attributes ?? {};
      const tags = input.Tags ?? [];
      const fifo = (attrs.FifoTopic ?? '').toLowerCase() === 'true';
      // AWS answers the same text for every bad name, FIFO or not (recorded: "test.fifo" without
      // FifoTopic, "test" with FifoTopic=true, "", 257 characters, ":;!@|^% " characters).
      if (fifo ? !FIFO_NAME.test(name) : !NAME.test(name)) throw invalidParameter('Topic Name');
      const checked: Record<string, string> = Object.create(null);
      for (const [k, v] of Object.entries(attrs)) if (k !== 'FifoTopic') checked[k] = checkTopicAttribute(k, v, fifo);
      checkTags(tags);
      const scope = { account: ctx.account, region: ctx.region };
      const arn = buildArn({ service: 'sns', region: scope.region, account: scope.account, resource: name });
      const existing = engine.getTopic(arn);
      if (existing) {
        if (!sameMap(existing.attributes, checked) || existing.fifo !== fifo)
          throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
        if (!sameMap(existing.tags, Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']))))
          throw invalidParameter('Tags Reason: Topic already exists with different tags');
        return { TopicArn: arn };
      }
      const t = engine.createTopic(scope, name, fifo);
      for (const [k, v] of Object.entries(checked)) if (v !== '') t.attributes.set(k, v);
      for (const tag of tags) t.tags.set(tag.Key ?? '', tag.Value ?? '');
      if (input.DataProtectionPolicy !== undefined) t.dataProtectionPolicy = input.DataProtectionPolicy;
      return { TopicArn: arn };
    },

    DeleteTopic(input, ctx) {
      const arn = required(input.TopicArn, 'TopicArn');
      const a = checkTopicArn(arn);
      if (a.region !== ctx.region) throw invalidParameter('TopicArn');
      // Idempotent: AWS answers 200 for a topic that does not (or no longer) exist.
      engine.deleteTopic(arn);
      return {};
    },

    ListTopics(input, ctx) {
      const topics = engine.listTopics({ account: ctx.account, region: ctx.region });
      const { items, nextToken } = page(topics, input.NextToken, 100);
      return { Topics: items.map((t) => ({ TopicArn: t.arn })), NextToken: nextToken };
    },

    GetTopicAttributes(input, ctx) {
      return { Attributes: topicAttributes(topicFor(engine, input.TopicArn, ctx)) };
    },

    SetTopicAttributes(input, ctx) {
      const t = topicFor(engine, input.TopicArn, ctx);
      const name = required(input.AttributeName, 'AttributeName');
      // The topic type is fixed at creation: AWS refuses FifoTopic here like any unknown name.
      if (name === 'FifoTopic') throw invalidParameter('AttributeName');
      const value = checkTopicAttribute(name, input.AttributeValue ?? '', t.fifo);
      if (value === '') t.attributes.delete(name);
      else t.attributes.set(name, value);
      return {};
    },

    AddPermission(input, ctx) {
      const t = topicFor(engine, input.TopicArn, ctx);
      const label = required(input.Label, 'Label');
      const accounts = input.AWSAccountId ?? [];
      const actions = input.ActionName ?? [];
      for (const a of actions) if (!TOPIC_ACTIONS.has(a)) throw invalidParameter('Policy statement action out of service scope!');
      const doc = JSON.parse(t.attributes.get('Policy') ?? defaultTopicPolicy(t)) as { Statement: Array<Record<string, unknown>> };
      if (doc.Statement.some((s) => s.Sid === label)) throw invalidParameter('Statement already exists');
      const principals = accounts.map((a) => iamArn(ctx.region, a, 'root'));
      const acts = actions.map((a) => `SNS:${a}`);
      doc.Statement.push({
        Sid: label,
        Effect: 'Allow',
        Principal: { AWS: principals.length === 1 ? principals[0] : principals },
        Action: acts.length === 1 ? acts[0] : acts,
        Resource: t.arn,
      });
      t.attributes.set('Policy', JSON.stringify(doc));
      return {};
    },

    RemovePermission(input, ctx) {
      const t = topicFor(engine, input.TopicArn, ctx);
      const label = required(input.Label, 'Label');
      const doc = JSON.parse(t.attributes.get('Policy') ?? defaultTopicPolicy(t)) as { Statement: Array<Record<string, unknown>> };
      doc.Statement = doc.Statement.filter((s) => s.Sid !== label);
      t.attributes.set('Policy', JSON.stringify(doc));
      return {};
    },

    GetDataProtectionPolicy(input, ctx) {
      const t = topicFor(engine, input.ResourceArn, ctx, 'ResourceArn');
      return { DataProtectionPolicy: t.dataProtectionPolicy ?? '' };
    },

    PutDataProtectionPolicy(input, ctx) {
      const t = topicFor(engine, input.ResourceArn, ctx, 'ResourceArn');
      const policy = required(input.DataProtectionPolicy, 'DataProtectionPolicy');
      try {
        const v: unknown = JSON.parse(policy);
        if (!v || typeof v !== 'object') throw new Error();
      } catch {
        throw invalidParameter('DataProtectionPolicy: failed to parse JSON.');
      }
      t.dataProtectionPolicy = policy;
      return {};
    },

    TagResource(input) {
      const t = topicForTags(engine, input.ResourceArn);
      const tags = input.Tags ?? [];
      checkTags(tags);
      if (new Set(tags.map((x) => x.Key)).size !== tags.length) throw invalidParameter('Duplicated keys are not allowed.');
      const keys = new Set([...t.tags.keys(), ...tags.map((x) => x.Key ?? '')]);
      if (keys.size > 50) throw snsError('TagLimitExceededException', 'Could not complete request: tag quota of per resource exceeded');
      for (const tag of tags) t.tags.set(tag.Key ?? '', tag.Value ?? '');
      return {};
    },

    UntagResource(input) {
      const t = topicForTags(engine, input.ResourceArn);
      for (const k of input.TagKeys ?? []) t.tags.delete(k);
      return {};
    },

    ListTagsForResource(input) {
      const t = topicForTags(engine, input.ResourceArn);
      return { Tags: [...t.tags].map(([Key, Value]) => ({ Key, Value })) };
    },
  };
}
