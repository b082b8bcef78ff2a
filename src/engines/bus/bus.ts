/**
 * An event bus, its rules and their targets (plain state; the engine drives them).
 */
import type { Timer } from '../../core/scheduler.js';
import type { Archive } from './archive.js';
import { RuleIndex } from './rule-index.js';
import type { EventMatcher, RuleState, Schedule, Scope, TargetSpec } from './types.js';
import { buildArn } from '../../core/arn.js';

export function busArn(scope: Scope, name: string): string {
  return buildArn({ service: 'events', region: scope.region, account: scope.account, resource: `event-bus/${name}` });
}

export function ruleArn(scope: Scope, bus: string, name: string): string {
  return bus === 'default'
    ? buildArn({ service: 'events', region: scope.region, account: scope.account, resource: `rule/${name}` })
    : buildArn({ service: 'events', region: scope.region, account: scope.account, resource: `rule/${bus}/${name}` });
}

export interface PolicyStatement {
  Sid?: string;
  [k: string]: unknown;
}

export class Rule {
  eventPattern: string | undefined;
  matcher: EventMatcher | undefined;
  scheduleExpression: string | undefined;
  schedule: Schedule | undefined;
  timer: Timer | undefined;
  private stateValue: RuleState = 'ENABLED';
  description: string | undefined;
  roleArn: string | undefined;
  managedBy: string | undefined;
  /** Set on an archive's managed rule (`Events-Archive-<name>`): matching events are archived, not delivered. */
  archive: Archive | undefined;
  /** Target id → target, in insertion order (ListTargetsByRule order). */
  readonly targets = new Map<string, TargetSpec>();
  readonly tags = new Map<string, string>();

  constructor(
    readonly seq: number,
    readonly scope: Scope,
    readonly busName: string,
    readonly name: string,
    readonly arn: string,
    readonly createdBy: string,
    /** The bus's count of disabled rules, kept by the state setter (lets matching skip the enabled filter). */
    private disabledCount?: { count: number },
  ) {}

  get state(): RuleState {
    return this.stateValue;
  }

  set state(state: RuleState) {
    const counter = this.disabledCount;
    if (counter !== undefined && (this.stateValue === 'DISABLED') !== (state === 'DISABLED')) counter.count += state === 'DISABLED' ? 1 : -1;
    this.stateValue = state;
  }

  get enabled(): boolean {
    return this.stateValue !== 'DISABLED';
  }

  /** The rule leaves its bus: it no longer counts among the bus's disabled rules. */
  detach(): void {
    if (this.disabledCount !== undefined && this.stateValue === 'DISABLED') this.disabledCount.count--;
    this.disabledCount = undefined;
  }
}

/** A rule as seen by the index (only event-pattern rules are indexed). */
export interface PatternRule extends Rule {
  matcher: EventMatcher;
}

export class EventBus {
  description: string | undefined;
  kmsKeyIdentifier: string | undefined;
  deadLetterArn: string | undefined;
  /** The resource policy (PutPermission / RemovePermission). */
  policy: { Version: string; Statement: PolicyStatement[] } | undefined;
  readonly rules = new Map<string, Rule>();
  readonly index = new RuleIndex<PatternRule>();
  /** How many of its rules are DISABLED (kept by Rule's state setter). */
  readonly disabledRules = { count: 0 };
  readonly tags = new Map<string, string>();
  lastModified: number;
  private ruleSeq = 0;

  constructor(
    readonly scope: Scope,
    readonly name: string,
    readonly arn: string,
    readonly created: number,
  ) {
    this.lastModified = created;
  }

  nextRuleSeq(): number {
    return this.ruleSeq++;
  }
}
