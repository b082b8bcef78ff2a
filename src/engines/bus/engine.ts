/**
 * The bus engine: event buses per account and region (the `default` bus always exists), rules
 * (an event pattern, indexed, or a schedule), targets, PutEvents fan-out through the
 * `BusTargetPort`, retries and dead-letter queues, scheduled rules on the instance scheduler,
 * archives and paced replays. Pure TypeScript: no HTTP, no AWS wire shapes beyond the event.
 */
import type { Clock } from '../../core/clock.js';
import { cryptoRandomness, type Randomness } from '../../core/ids.js';
import type { Logger } from '../../core/logger.js';
import type { Scheduler } from '../../core/scheduler.js';
import { compileEventPattern } from '../filter/index.js';
import { Archive, Replay, type ArchivedEvent } from './archive.js';
import { busArn, EventBus, Rule, ruleArn, type PatternRule } from './bus.js';
import { DeliveryRunner } from './delivery.js';
import { buildEvent, eventTime, parseEventsArn, withReplayName } from './envelope.js';
import * as E from './errors.js';
import {
  DEFAULT_BACKOFF,
  type BackoffSettings,
  type BusEvent,
  type BusTargetPort,
  type EventMatcher,
  type PutEventInput,
  type RuleState,
  type Schedule,
  type Scope,
  type TargetSpec,
} from './types.js';
import { buildArn, partitionOf } from '../../core/arn.js';

export interface BusEngineDeps {
  clock: Clock;
  scheduler: Scheduler;
  logger?: Logger;
  /** Where ids come from (default node:crypto). */
  random?: Randomness;
  /** Event, archive and replay ids; default `random.uuid()`. */
  newId?: () => string;
  backoff?: BackoffSettings;
  /** Replay pacing: this many events per step, one step every `replayIntervalMs`. */
  replayBatch?: number;
  replayIntervalMs?: number;
  /** How long a replay stays STARTING before it runs (default 500 ms). */
  replayStartDelayMs?: number;
}

export interface RuleSpec {
  eventPattern?: { json: string; matcher: EventMatcher };
  schedule?: { expression: string; schedule: Schedule };
  state?: RuleState;
  description?: string;
  roleArn?: string;
  tags?: Record<string, string>;
}

export const MAX_TARGETS_PER_RULE = 5;
export const MAX_ACTIVE_REPLAYS = 10;
/**
 * An archive's managed rule: `Events-Archive-<archive>` on its bus, `ManagedBy` EventBridge's
 * archive service, pattern = the archive's pattern plus `"replay-name":[{"exists":false}]`
 * (replayed events are never archived), one target (Id = the rule name) whose input is the
 * archive record. Name, ManagedBy and target shape: moto, and public tools reading real accounts.
 * unverified text: the pattern's exact formatting (AWS's key order and spacing).
 */
export const ARCHIVE_RULE_MANAGED_BY = 'prod.vhs.events.aws.internal';
export const archiveRuleName = (archive: string): string => `Events-Archive-${archive}`;

function archiveRulePattern(archivePattern: string | undefined): string {
  const p = archivePattern === undefined ? {} : (JSON.parse(archivePattern) as Record<string, unknown>);
  return JSON.stringify({ ...p, 'replay-name': [{ exists: false }] });
}

/** Bus → bus forwarding deeper than this is dropped (a loop guard). */
const MAX_HOPS = 5;

const key = (s: Scope) => `${s.account}\u0000${s.region}`;

export class BusEngine {
  private readonly buses = new Map<string, Map<string, EventBus>>();
  private readonly archives = new Map<string, Map<string, Archive>>();
  private readonly replays = new Map<string, Map<string, Replay>>();
  private readonly newId: () => string;
  private readonly runner: DeliveryRunner;
  private port: BusTargetPort | undefined;
  private closed = false;

  constructor(private readonly deps: BusEngineDeps) {
    const random = deps.random ?? cryptoRandomness;
    this.newId = deps.newId ?? (() => random.uuid());
    this.runner = new DeliveryRunner({
      scheduler: deps.scheduler,
      ...(deps.logger ? { logger: deps.logger } : {}),
      backoff: deps.backoff ?? DEFAULT_BACKOFF,
      port: () => this.port,
      isClosed: () => this.closed,
    });
  }

  /** Set once by the service that implements target delivery. */
  connect(port: BusTargetPort): void {
    this.port = port;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  // ---- buses -------------------------------------------------------------------------------

  private busesOf(scope: Scope): Map<string, EventBus> {
    let m = this.buses.get(key(scope));
    if (!m) {
      m = new Map();
      const s = { account: scope.account, region: scope.region };
      m.set('default', new EventBus(s, 'default', busArn(s, 'default'), this.deps.clock.now()));
      this.buses.set(key(scope), m);
    }
    return m;
  }

  createBus(scope: Scope, name: string, opts: { description?: string; kmsKeyIdentifier?: string; deadLetterArn?: string; tags?: Record<string, string> } = {}): EventBus {
    const m = this.busesOf(scope);
    if (m.has(name)) throw new E.BusExists(name);
    const bus = new EventBus({ account: scope.account, region: scope.region }, name, busArn(scope, name), this.deps.clock.now());
    bus.description = opts.description;
    bus.kmsKeyIdentifier = opts.kmsKeyIdentifier;
    bus.deadLetterArn = opts.deadLetterArn;
    for (const [k, v] of Object.entries(opts.tags ?? {})) bus.tags.set(k, v);
    m.set(name, bus);
    return bus;
  }

  getBus(scope: Scope, name: string): EventBus | undefined {
    return this.busesOf(scope).get(name);
  }

  /** A bus by name (in `scope`) or by ARN (any scope). */
  resolveBus(scope: Scope, nameOrArn: string | undefined): EventBus | undefined {
    if (nameOrArn === undefined || nameOrArn === '') return this.getBus(scope, 'default');
    if (nameOrArn.startsWith('arn:')) {
      const p = parseEventsArn(nameOrArn);
      if (!p || p.type !== 'event-bus') return undefined;
      return this.getBus(p.scope, p.name);
    }
    return this.getBus(scope, nameOrArn);
  }

  requireBus(scope: Scope, nameOrArn: string | undefined): EventBus {
    const bus = this.resolveBus(scope, nameOrArn);
    if (!bus) {
      const name = nameOrArn?.startsWith('arn:') ? (parseEventsArn(nameOrArn)?.name ?? nameOrArn) : (nameOrArn ?? 'default');
      throw new E.BusNotFound(name);
    }
    return bus;
  }

  /** Buses of a scope, default first, then creation order. */
  listBuses(scope: Scope, prefix?: string): EventBus[] {
    return [...this.busesOf(scope).values()].filter((b) => !prefix || b.name.startsWith(prefix));
  }

  /** Deleting an unknown bus is a no-op (recorded); the default bus cannot be deleted. */
  deleteBus(scope: Scope, name: string): void {
    if (name === 'default') throw new E.CannotDeleteDefaultBus();
    const m = this.busesOf(scope);
    const bus = m.get(name);
    if (!bus) return;
    for (const r of bus.rules.values()) r.timer?.cancel();
    m.delete(name);
  }

  // ---- rules -------------------------------------------------------------------------------

  /** Creates or updates a rule. Returns it. */
  putRule(bus: EventBus, name: string, spec: RuleSpec, createdBy: string): Rule {
    if (spec.schedule && bus.name !== 'default') throw new E.ScheduleOnCustomBus();
    let rule = bus.rules.get(name);
    if (!rule) {
      rule = new Rule(bus.nextRuleSeq(), bus.scope, bus.name, name, ruleArn(bus.scope, bus.name, name), createdBy, bus.disabledRules);
      bus.rules.set(name, rule);
    }
    rule.eventPattern = spec.eventPattern?.json;
    rule.matcher = spec.eventPattern?.matcher;
    rule.scheduleExpression = spec.schedule?.expression;
    rule.schedule = spec.schedule?.schedule;
    rule.state = spec.state ?? 'ENABLED';
    rule.description = spec.description;
    rule.roleArn = spec.roleArn;
    for (const [k, v] of Object.entries(spec.tags ?? {})) rule.tags.set(k, v);
    if (rule.matcher && rule.eventPattern !== undefined) bus.index.add(rule as PatternRule, rule.eventPattern);
    else bus.index.remove(rule as PatternRule);
    this.armSchedule(rule);
    return rule;
  }

  getRule(bus: EventBus, name: string): Rule | undefined {
    return bus.rules.get(name);
  }

  requireRule(bus: EventBus, name: string): Rule {
    const r = bus.rules.get(name);
    if (!r) throw new E.RuleNotFound(name, bus.name);
    return r;
  }

  /** Rules of a bus in creation order, optionally by name prefix. */
  listRules(bus: EventBus, prefix?: string): Rule[] {
    return [...bus.rules.values()].filter((r) => !prefix || r.name.startsWith(prefix));
  }

  /**
   * Deleting an unknown rule is a no-op; a rule with targets is refused. An archive whose managed
   * rule is (forcibly) deleted stops recording and becomes DISABLED.
   */
  deleteRule(bus: EventBus, name: string): void {
    const rule = bus.rules.get(name);
    if (!rule) return;
    if (rule.targets.size) throw new E.RuleHasTargets(name);
    this.dropRule(bus, rule);
    const archive = rule.archive;
    if (archive && this.archives.get(key(archive.scope))?.get(archive.name) === archive) {
      archive.state = 'DISABLED';
      // unverified text
      archive.stateReason = 'Managed rule for the archive was forcefully deleted.';
    }
  }

  private dropRule(bus: EventBus, rule: Rule): void {
    rule.timer?.cancel();
    bus.index.remove(rule as PatternRule);
    bus.rules.delete(rule.name);
    rule.detach();
  }

  setRuleState(rule: Rule, state: RuleState): void {
    rule.state = state;
    this.armSchedule(rule);
  }

  /** Adds or replaces targets (by id). Over 5 targets in total → LimitExceeded, nothing changes. */
  putTargets(rule: Rule, targets: TargetSpec[]): void {
    const ids = new Set(rule.targets.keys());
    for (const t of targets) ids.add(t.id);
    if (ids.size > MAX_TARGETS_PER_RULE) throw new E.LimitExceeded();
    for (const t of targets) rule.targets.set(t.id, t);
  }

  /** Removes targets by id; unknown ids are ignored. */
  removeTargets(rule: Rule, ids: string[]): void {
    for (const id of ids) rule.targets.delete(id);
  }

  /** Names of the rules of a bus with a target of this ARN. */
  ruleNamesByTarget(bus: EventBus, targetArn: string): string[] {
    const out: string[] = [];
    for (const r of bus.rules.values()) for (const t of r.targets.values()) if (t.arn === targetArn) { out.push(r.name); break; }
    return out;
  }

  // ---- events ------------------------------------------------------------------------------

  /**
   * Ingest one event: archive it, then deliver it to the targets of every enabled rule that
   * matches. An unknown bus drops the event (AWS still answers with an EventId).
   */
  putEvent(scope: Scope, input: PutEventInput): string {
    const id = this.newId();
    const bus = this.resolveBus(scope, input.eventBusName);
    const now = this.deps.clock.now();
    const event = buildEvent(id, { account: scope.account, region: bus?.scope.region ?? scope.region }, {
      source: input.source,
      detailType: input.detailType,
      detail: input.detail,
      time: input.time ?? now,
      resources: input.resources,
    });
    if (!bus) {
      this.deps.logger?.info(`EventBridge event ${id} dropped: event bus ${input.eventBusName ?? 'default'} does not exist`);
      return id;
    }
    this.ingest(bus, event, now, input.size ?? 0, input.traceHeader, 0);
    return id;
  }

  /**
   * An event forwarded by a bus target: same id and account; another region gets a new id
   * (recorded in LocalStack's cross-region AWS snapshots).
   */
  forward(targetBusArn: string, event: BusEvent, hops: number, traceHeader?: string): boolean {
    const p = parseEventsArn(targetBusArn);
    const bus = p && p.type === 'event-bus' ? this.getBus(p.scope, p.name) : undefined;
    if (!bus) return false;
    if (hops >= MAX_HOPS) {
      this.deps.logger?.warn(`EventBridge event ${event.id} not forwarded to ${targetBusArn}: more than ${MAX_HOPS} bus-to-bus hops`);
      return true;
    }
    const copy: BusEvent = bus.scope.region === event.region ? { ...event } : { ...event, id: this.newId(), region: bus.scope.region };
    delete copy['replay-name'];
    this.ingest(bus, copy, this.deps.clock.now(), 0, traceHeader, hops + 1);
    return true;
  }

  /** Rules of a bus that an event matches (enabled event-pattern rules; uses the index). */
  matchingRules(bus: EventBus, event: BusEvent): Rule[] {
    const matched: Rule[] = bus.index.match(event);
    // The index returns a fresh array: hand it over as is unless the bus has disabled rules.
    return bus.disabledRules.count === 0 ? matched : matched.filter((r) => r.enabled);
  }

  private ingest(bus: EventBus, event: BusEvent, now: number, size: number, traceHeader: string | undefined, hops: number): void {
    for (const rule of this.matchingRules(bus, event)) {
      if (rule.archive) this.archiveVia(rule, rule.archive, { event, at: now, size, ...(traceHeader ? { traceHeader } : {}) });
      else this.fanOut(rule, event, now, traceHeader, hops);
    }
  }

  /** An archive's managed rule matched: its target (while present) records the event. */
  private archiveVia(rule: Rule, archive: Archive, e: ArchivedEvent): void {
    if (!rule.targets.has(rule.name)) return;
    if (this.archives.get(key(archive.scope))?.get(archive.name) !== archive) return;
    archive.record(e);
  }

  private fanOut(rule: Rule, event: BusEvent, ingestedAt: number, traceHeader: string | undefined, hops: number): void {
    const ingestionTime = eventTime(ingestedAt);
    for (const target of rule.targets.values()) {
      let input: string | undefined;
      try {
        input = target.input ? target.input.render(event, { ruleArn: rule.arn, ruleName: rule.name, ingestionTime }) : JSON.stringify(event);
      } catch (e) {
        this.deps.logger?.warn(`EventBridge target ${target.id} of ${rule.arn}: input not rendered (${(e as Error).message})`);
        continue;
      }
      if (input === undefined) continue;
      this.runner.start({ ruleArn: rule.arn, ruleName: rule.name, target, event, input, hops, ...(traceHeader ? { traceHeader } : {}) }, ingestedAt);
    }
  }

  // ---- schedules ---------------------------------------------------------------------------

  private armSchedule(rule: Rule): void {
    rule.timer?.cancel();
    rule.timer = undefined;
    if (!rule.schedule || !rule.enabled || this.closed) return;
    const next = rule.schedule.next(this.deps.clock.now());
    if (next === undefined) return;
    rule.timer = this.deps.scheduler.at(next, () => this.fireSchedule(rule, next));
  }

  private fireSchedule(rule: Rule, due: number): void {
    rule.timer = undefined;
    const bus = this.getBus(rule.scope, rule.busName);
    if (!bus || bus.rules.get(rule.name) !== rule || !rule.enabled || !rule.schedule) return;
    const event = buildEvent(this.newId(), rule.scope, { source: 'aws.events', detailType: 'Scheduled Event', detail: {}, time: due, resources: [rule.arn] });
    this.fanOut(rule, event, this.deps.clock.now(), undefined, 0);
    const next = rule.schedule.next(due);
    if (next !== undefined) rule.timer = this.deps.scheduler.at(next, () => this.fireSchedule(rule, next));
  }

  // ---- archives ----------------------------------------------------------------------------

  private archivesOf(scope: Scope): Map<string, Archive> {
    let m = this.archives.get(key(scope));
    if (!m) this.archives.set(key(scope), (m = new Map()));
    return m;
  }

  /** Creates an archive and its managed rule on the source bus (`eventPattern` already validated). */
  createArchive(
    scope: Scope,
    name: string,
    sourceArn: string,
    opts: { description?: string; eventPattern?: { json: string; matcher: EventMatcher }; retentionDays?: number },
  ): Archive {
    const bus = this.resolveBus(scope, sourceArn);
    if (!bus) throw new E.BusNotFound(parseEventsArn(sourceArn)?.name ?? sourceArn);
    const m = this.archivesOf(scope);
    if (m.has(name)) throw new E.ArchiveExists(name);
    const ruleName = archiveRuleName(name);
    if (bus.rules.has(ruleName)) throw new E.RuleExists(ruleName);
    const a = new Archive(scope, name, buildArn({ service: 'events', region: scope.region, account: scope.account, resource: `archive/${name}` }), bus.arn, this.deps.clock.now(), this.newId());
    a.description = opts.description;
    a.eventPattern = opts.eventPattern?.json;
    a.retentionDays = opts.retentionDays ?? 0;
    a.ruleName = ruleName;
    const json = archiveRulePattern(a.eventPattern);
    const rule = this.putRule(bus, ruleName, { eventPattern: { json, matcher: compileEventPattern(json) } }, scope.account);
    rule.managedBy = ARCHIVE_RULE_MANAGED_BY;
    rule.archive = a;
    rule.targets.set(ruleName, {
      id: ruleName,
      arn: `arn:${partitionOf(bus.scope.region)}:events:${bus.scope.region}:::`,
      raw: {
        Id: ruleName,
        Arn: `arn:${partitionOf(bus.scope.region)}:events:${bus.scope.region}:::`,
        InputTransformer: {
          InputPathsMap: {},
          InputTemplate: `{"archive-arn": "${a.arn}:${a.incarnation}","event": <aws.events.event.json>,"ingestion-time": <aws.events.event.ingestion-time>}`,
        },
      },
    });
    m.set(name, a);
    return a;
  }

  /** UpdateArchive's EventPattern: the archive's and its managed rule's (`eventPattern` already validated). */
  setArchivePattern(archive: Archive, eventPattern: string): void {
    archive.eventPattern = eventPattern;
    const rule = this.archiveRule(archive);
    if (!rule) return;
    const bus = this.getBus(rule.scope, rule.busName)!;
    const json = archiveRulePattern(eventPattern);
    rule.eventPattern = json;
    rule.matcher = compileEventPattern(json);
    bus.index.add(rule as PatternRule, json);
  }

  /** The archive's managed rule, while it exists. */
  private archiveRule(archive: Archive): Rule | undefined {
    const p = parseEventsArn(archive.sourceArn);
    const bus = p ? this.getBus(p.scope, p.name) : undefined;
    const rule = bus?.rules.get(archive.ruleName);
    return rule?.archive === archive ? rule : undefined;
  }

  requireArchive(scope: Scope, name: string): Archive {
    const a = this.archivesOf(scope).get(name);
    if (!a) throw new E.ArchiveNotFound(name);
    a.expire(this.deps.clock.now());
    return a;
  }

  listArchives(scope: Scope, filter: { prefix?: string; sourceArn?: string; state?: string }): Archive[] {
    const now = this.deps.clock.now();
    return [...this.archivesOf(scope).values()].filter((a) => {
      a.expire(now);
      return (!filter.prefix || a.name.startsWith(filter.prefix)) && (!filter.sourceArn || a.sourceArn === filter.sourceArn) && (!filter.state || a.state === filter.state);
    });
  }

  /** Deletes the archive and its managed rule. */
  deleteArchive(scope: Scope, name: string): void {
    const archive = this.requireArchive(scope, name);
    const rule = this.archiveRule(archive);
    if (rule) {
      rule.targets.clear();
      this.dropRule(this.getBus(rule.scope, rule.busName)!, rule);
    }
    this.archivesOf(scope).delete(name);
  }

  // ---- replays -----------------------------------------------------------------------------

  private replaysOf(scope: Scope): Map<string, Replay> {
    let m = this.replays.get(key(scope));
    if (!m) this.replays.set(key(scope), (m = new Map()));
    return m;
  }

  startReplay(
    scope: Scope,
    input: { name: string; description?: string; archiveArn: string; start: number; end: number; destinationArn: string; filterArns?: string[] },
  ): Replay {
    const p = parseEventsArn(input.archiveArn);
    const archive = p && p.type === 'archive' ? this.archivesOf(p.scope).get(p.name) : undefined;
    if (!archive) throw new E.ReplayArchiveNotFound(p?.name ?? input.archiveArn);
    const m = this.replaysOf(scope);
    if (m.has(input.name)) throw new E.ReplayExists(input.name);
    const bus = this.resolveBus(scope, input.destinationArn);
    if (!bus) throw new E.BusNotFound(parseEventsArn(input.destinationArn)?.name ?? input.destinationArn);
    if (bus.arn !== archive.sourceArn) throw new E.CrossBusReplay();
    let active = 0;
    for (const r of m.values()) if (r.active) active++;
    if (active >= MAX_ACTIVE_REPLAYS) throw new E.LimitExceeded();
    archive.expire(this.deps.clock.now());
    const events = archive.events.filter((e) => e.at >= input.start && e.at <= input.end);
    const r = new Replay(
      scope,
      input.name,
      buildArn({ service: 'events', region: scope.region, account: scope.account, resource: `replay/${input.name}` }),
      archive.arn,
      input.start,
      input.end,
      bus.arn,
      input.filterArns,
      this.deps.clock.now(),
      events,
    );
    r.description = input.description;
    m.set(input.name, r);
    r.timer = this.deps.scheduler.after(this.deps.replayStartDelayMs ?? 500, () => this.replayStep(r));
    return r;
  }

  requireReplay(scope: Scope, name: string): Replay {
    const r = this.replaysOf(scope).get(name);
    if (!r) throw new E.ReplayNotFound(name);
    return r;
  }

  listReplays(scope: Scope, filter: { prefix?: string; sourceArn?: string; state?: string }): Replay[] {
    return [...this.replaysOf(scope).values()].filter(
      (r) => (!filter.prefix || r.name.startsWith(filter.prefix)) && (!filter.sourceArn || r.archiveArn === filter.sourceArn) && (!filter.state || r.state === filter.state),
    );
  }

  /** STARTING/RUNNING → CANCELLING now, CANCELLED at the next pacing step. */
  cancelReplay(scope: Scope, name: string): Replay {
    const r = this.requireReplay(scope, name);
    if (r.state !== 'STARTING' && r.state !== 'RUNNING') throw new E.ReplayNotCancellable(name, r.state);
    r.state = 'CANCELLING';
    return r;
  }

  private replayStep(r: Replay): void {
    r.timer = undefined;
    if (this.closed) return;
    if (r.state === 'CANCELLING') {
      r.state = 'CANCELLED';
      r.replayEndTime = this.deps.clock.now();
      return;
    }
    if (r.state === 'STARTING') r.state = 'RUNNING';
    const bus = this.resolveBus(r.scope, r.destinationArn);
    const batch = this.deps.replayBatch ?? 10;
    for (let n = 0; n < batch && r.position < r.events.length; n++) {
      const archived: ArchivedEvent = r.events[r.position++]!;
      if (bus) this.replayOne(bus, r, archived);
      r.eventLastReplayedTime = archived.at;
    }
    if (r.position >= r.events.length) {
      r.state = 'COMPLETED';
      r.replayEndTime = this.deps.clock.now();
      return;
    }
    r.timer = this.deps.scheduler.after(this.deps.replayIntervalMs ?? 100, () => this.replayStep(r));
  }

  private replayOne(bus: EventBus, r: Replay, archived: ArchivedEvent): void {
    const event = withReplayName(archived.event, r.name);
    const filter = r.filterArns?.length ? new Set(r.filterArns) : undefined;
    for (const rule of this.matchingRules(bus, event)) {
      if (filter && !filter.has(rule.arn)) continue;
      this.fanOut(rule, event, this.deps.clock.now(), archived.traceHeader, 0);
    }
  }

  close(): void {
    this.closed = true;
    for (const m of this.buses.values()) for (const b of m.values()) for (const r of b.rules.values()) r.timer?.cancel();
    for (const m of this.replays.values()) for (const r of m.values()) r.timer?.cancel();
    this.buses.clear();
    this.archives.clear();
    this.replays.clear();
  }
}
