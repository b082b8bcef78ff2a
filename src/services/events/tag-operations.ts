/**
 * TagResource, UntagResource, ListTagsForResource for event buses and rules.
 *
 * LIMITATIONS: other taggable resources (connections, API destinations, endpoints) answer
 * ResourceNotFoundException here unless their owner adds tag support.
 */
import type { BusEngine } from '../../engines/bus/index.js';
import { BusNotFound, parseEventsArn, RuleNotFound } from '../../engines/bus/index.js';
import { managedRule, notFound } from './errors.js';
import { required, tagList, tagRecord } from './shared.js';
import type { EventsHandlers } from './typed.js';

export function tagOperations(engine: BusEngine): EventsHandlers<'TagResource' | 'UntagResource' | 'ListTagsForResource'> {
  /** `change`: Tag/UntagResource, refused on a rule an AWS service manages. */
  function tagsOf(arn: string, change = false): Map<string, string> {
    const p = parseEventsArn(arn);
    if (p?.type === 'event-bus') {
      const bus = engine.getBus(p.scope, p.name);
      if (!bus) throw new BusNotFound(p.name);
      return bus.tags;
    }
    if (p?.type === 'rule') {
      const slash = p.name.lastIndexOf('/');
      const busName = slash < 0 ? 'default' : p.name.slice(0, slash);
      const ruleName = p.name.slice(slash + 1);
      const bus = engine.getBus(p.scope, busName);
      if (!bus) throw new BusNotFound(busName);
      const rule = bus.rules.get(ruleName);
      if (!rule) throw new RuleNotFound(ruleName, busName);
      if (change && rule.managedBy !== undefined) throw managedRule(rule.name, false);
      return rule.tags;
    }
    throw notFound(`Resource ${arn} does not exist.`);
  }

  return {
    TagResource(input) {
      const tags = tagsOf(required(input.ResourceARN), true);
      for (const [k, v] of Object.entries(tagRecord(input.Tags))) tags.set(k, v);
      return {};
    },
    UntagResource(input) {
      const tags = tagsOf(required(input.ResourceARN), true);
      for (const k of input.TagKeys ?? []) tags.delete(k);
      return {};
    },
    ListTagsForResource(input) {
      return { Tags: tagList(tagsOf(required(input.ResourceARN))) };
    },
  };
}
