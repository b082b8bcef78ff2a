/**
 * Rule operations: Put/Delete/Describe/List/Enable/DisableRule, ListRuleNamesByTarget,
 * TestEventPattern. Patterns are compiled once, here, and handed to the engine.
 *
 * Rules an AWS service manages (an archive's `Events-Archive-<name>`) refuse user changes
 * (ManagedRuleException); DeleteRule takes `Force` for them.
 *
 * LIMITATIONS: RoleArn is stored, never assumed.
 */
import type { BusEngine, EventMatcher, Rule, RuleSpec, RuleState } from '../../engines/bus/index.js';
import { parseScheduleExpression, ScheduleExpressionError } from '../../engines/bus/schedule/index.js';
import { compileEventPattern } from '../../engines/filter/index.js';
import type { DescribeRuleResponse } from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../context.js';
import { Coral } from './connections/coral.js';
import { invalidPattern, managedRule, validation } from './errors.js';
import { page } from './paging.js';
import { compact, required, scopeOf, tagRecord } from './shared.js';
import type { EventsHandlers } from './typed.js';

export const RULE_NAME = { min: 1, max: 64, pattern: '[\\.\\-_A-Za-z0-9]+' };
const STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

export function compilePattern(json: string): { json: string; matcher: EventMatcher } {
  try {
    return { json, matcher: compileEventPattern(json) };
  } catch (e) {
    throw invalidPattern(e);
  }
}

/** DescribeRule's view; ListRules' items are the same less CreatedBy. */
export function ruleView(r: Rule, withCreatedBy: boolean): DescribeRuleResponse {
  return compact({
    Name: r.name,
    Arn: r.arn,
    EventPattern: r.eventPattern,
    ScheduleExpression: r.scheduleExpression,
    State: r.state,
    Description: r.description,
    RoleArn: r.roleArn,
    ManagedBy: r.managedBy,
    EventBusName: r.busName,
    CreatedBy: withCreatedBy ? r.createdBy : undefined,
  });
}

/** The fields TestEventPattern requires of its Event (AWS API reference). */
const ENVELOPE_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

type RuleOperation = 'PutRule' | 'DeleteRule' | 'DescribeRule' | 'ListRules' | 'EnableRule' | 'DisableRule' | 'ListRuleNamesByTarget' | 'TestEventPattern';

/** The members that name a rule, common to the rule operations' requests. */
interface RuleRef {
  EventBusName?: string | undefined;
  Name?: string | undefined;
}

export function ruleOperations(engine: BusEngine): EventsHandlers<RuleOperation> {
  const bus = (input: { EventBusName?: string | undefined }, ctx: RequestContext) => engine.requireBus(scopeOf(ctx), input.EventBusName);
  const rule = (input: RuleRef, ctx: RequestContext) => {
    const b = bus(input, ctx);
    return engine.requireRule(b, required(input.Name));
  };
  /** A rule the caller may change (not one an AWS service manages). */
  const ownRule = (input: RuleRef, ctx: RequestContext) => {
    const r = rule(input, ctx);
    if (r.managedBy !== undefined) throw managedRule(r.name, false);
    return r;
  };

  return {
    PutRule(input, ctx) {
      const coral = new Coral();
      coral.string(['Name'], input.Name, RULE_NAME);
      coral.string(['EventPattern'], input.EventPattern, { max: 4096 });
      coral.string(['ScheduleExpression'], input.ScheduleExpression, { max: 256 });
      coral.string(['Description'], input.Description, { max: 512 });
      coral.enumValue(['State'], input.State, STATES);
      coral.throwIfAny();
      const b = bus(input, ctx);
      if (engine.getRule(b, required(input.Name))?.managedBy !== undefined) throw managedRule(required(input.Name), false);
      const name = required(input.Name);
      const patternText = input.EventPattern;
      const expression = input.ScheduleExpression;
      if (patternText === undefined && expression === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
      const spec: RuleSpec = compact({
        state: input.State, // checked against the enum above (the parser delivers any string)
        description: input.Description,
        roleArn: input.RoleArn,
        tags: tagRecord(input.Tags),
      });
      if (patternText !== undefined) spec.eventPattern = compilePattern(patternText);
      if (expression !== undefined) {
        if (b.name !== 'default') throw validation('ScheduleExpression is supported only on the default event bus.');
        try {
          spec.schedule = { expression, schedule: parseScheduleExpression(expression, engine.clock.now()) };
        } catch (e) {
          if (e instanceof ScheduleExpressionError) throw validation('Parameter ScheduleExpression is not valid.');
          throw e;
        }
      }
      const r = engine.putRule(b, name, spec, ctx.account);
      return { RuleArn: r.arn };
    },

    DeleteRule(input, ctx) {
      const b = bus(input, ctx);
      const existing = engine.getRule(b, required(input.Name));
      if (existing?.managedBy !== undefined && input.Force !== true) throw managedRule(existing.name, true);
      engine.deleteRule(b, required(input.Name));
      return {};
    },

    DescribeRule(input, ctx) {
      return ruleView(rule(input, ctx), true);
    },

    ListRules(input, ctx) {
      const all = engine.listRules(bus(input, ctx), input.NamePrefix);
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return compact({ Rules: items.map((r) => ruleView(r, false)), NextToken: nextToken });
    },

    EnableRule(input, ctx) {
      engine.setRuleState(ownRule(input, ctx), 'ENABLED');
      return {};
    },

    DisableRule(input, ctx) {
      engine.setRuleState(ownRule(input, ctx), 'DISABLED');
      return {};
    },

    ListRuleNamesByTarget(input, ctx) {
      const names = engine.ruleNamesByTarget(bus(input, ctx), required(input.TargetArn));
      const { items, nextToken } = page(names, input.NextToken, input.Limit);
      return compact({ RuleNames: items, NextToken: nextToken });
    },

    TestEventPattern(input) {
      const { matcher } = compilePattern(required(input.EventPattern));
      let event: unknown;
      try {
        event = JSON.parse(required(input.Event));
      } catch {
        throw validation('Parameter Event is not valid.');
      }
      if (event === null || typeof event !== 'object' || Array.isArray(event) || ENVELOPE_FIELDS.some((f) => !(f in event)))
        throw validation('Parameter Event is not valid.');
      return { Result: matcher.matches(event) };
    },
  };
}
