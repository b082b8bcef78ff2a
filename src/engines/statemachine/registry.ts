/**
 * The Step Functions resource registry: state machines (with their published versions and
 * aliases), activities, and their tags, kept per account and region. Plain TypeScript on an
 * injected clock: no HTTP, no AWS wording beyond the domain errors' messages (which the service
 * layer passes through as the AWS error of the same name).
 *
 * LIMITATIONS: deletion is immediate (AWS shows `DELETING` while executions drain); no KMS.
 */
import { cryptoRandomness, type Randomness } from '../../core/ids.js';
import type { Clock } from '../../core/clock.js';
import { SfnDomainError } from './errors.js';
import type { CompiledMachineRef, MachineType } from './execution/types.js';
import { buildArn } from '../../core/arn.js';

export interface Scope {
  account: string;
  region: string;
}

export interface LoggingConfiguration {
  level?: string;
  includeExecutionData?: boolean;
  destinations?: unknown[];
}
export interface TracingConfiguration {
  enabled?: boolean;
}
export interface EncryptionConfiguration {
  type: string;
  kmsKeyId?: string;
  kmsDataKeyReusePeriodSeconds?: number;
}

/** What a machine, and each version published from it, runs with. */
export interface MachineRevision {
  definition: string;
  roleArn: string;
  type: MachineType;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: TracingConfiguration;
  encryptionConfiguration: EncryptionConfiguration;
  /** Internal revision key (changes on every effective update; set at creation). */
  revisionKey: string;
  /** The revisionId AWS shows: absent until the first UpdateStateMachine. */
  revisionId?: string;
  /** Compiled definition, cached by the service layer once per revision. */
  compiled?: CompiledMachineRef;
}

export interface MachineRecord extends MachineRevision {
  arn: string;
  name: string;
  status: 'ACTIVE' | 'DELETING';
  creationDate: number;
  /** Last UpdateStateMachine (creationDate until then). */
  updateDate: number;
  label?: string;
  description?: string;
  tags: Map<string, string>;
  versions: Map<number, VersionRecord>;
  /** Next version number: numbers are never reused, even after deletions. */
  nextVersion: number;
  aliases: Map<string, AliasRecord>;
}

export interface VersionRecord extends MachineRevision {
  arn: string;
  number: number;
  machineArn: string;
  name: string;
  creationDate: number;
  description?: string;
}

export interface RoutingEntry {
  stateMachineVersionArn: string;
  weight: number;
}

export interface AliasRecord {
  arn: string;
  name: string;
  machineArn: string;
  description?: string;
  routingConfiguration: RoutingEntry[];
  creationDate: number;
  updateDate?: number;
}

export interface ActivityRecord {
  arn: string;
  name: string;
  creationDate: number;
  encryptionConfiguration: EncryptionConfiguration;
  tags: Map<string, string>;
}

export interface CreateMachineInput {
  name: string;
  definition: string;
  roleArn: string;
  type: MachineType;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  encryptionConfiguration?: EncryptionConfiguration;
  tags?: Record<string, string>;
}

export interface UpdateMachineInput {
  definition?: string;
  roleArn?: string;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  encryptionConfiguration?: EncryptionConfiguration;
}

export const MAX_TAGS = 50;
export const MAX_VERSIONS = 1000;

const DEFAULT_LOGGING: LoggingConfiguration = { level: 'OFF', includeExecutionData: false };
const DEFAULT_TRACING: TracingConfiguration = { enabled: false };
const DEFAULT_ENCRYPTION: EncryptionConfiguration = { type: 'AWS_OWNED_KEY' };

interface Region {
  machines: Map<string, MachineRecord>;
  activities: Map<string, ActivityRecord>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class StateMachineRegistry {
  private readonly regions = new Map<string, Region>();

  private readonly random: Randomness;

  /** `random` makes revision ids (default node:crypto). */
  constructor(private readonly deps: { clock: Clock; random?: Randomness }) {
    this.random = deps.random ?? cryptoRandomness;
  }

  private region(scope: Scope): Region {
    const key = `${scope.account}/${scope.region}`;
    let r = this.regions.get(key);
    if (!r) this.regions.set(key, (r = { machines: new Map(), activities: new Map() }));
    return r;
  }

  static machineArn(scope: Scope, name: string): string {
    return buildArn({ service: 'states', region: scope.region, account: scope.account, resource: `stateMachine:${name}` });
  }
  static activityArn(scope: Scope, name: string): string {
    return buildArn({ service: 'states', region: scope.region, account: scope.account, resource: `activity:${name}` });
  }

  // ---- state machines ----

  /** Creates a machine; the same name with the same definition and role is idempotent. */
  createMachine(scope: Scope, input: CreateMachineInput): { machine: MachineRecord; created: boolean } {
    const r = this.region(scope);
    const arn = StateMachineRegistry.machineArn(scope, input.name);
    const existing = r.machines.get(arn);
    if (existing) {
      const matches =
        existing.definition === input.definition &&
        existing.roleArn === input.roleArn &&
        existing.type === input.type &&
        same(existing.loggingConfiguration, input.loggingConfiguration ?? DEFAULT_LOGGING) &&
        same(existing.tracingConfiguration, input.tracingConfiguration ?? DEFAULT_TRACING);
      if (!matches || existing.status !== 'ACTIVE') throw new SfnDomainError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      return { machine: existing, created: false };
    }
    const now = this.deps.clock.now();
    const machine: MachineRecord = {
      arn,
      name: input.name,
      status: 'ACTIVE',
      type: input.type,
      definition: input.definition,
      roleArn: input.roleArn,
      loggingConfiguration: input.loggingConfiguration ?? { ...DEFAULT_LOGGING },
      tracingConfiguration: input.tracingConfiguration ?? { ...DEFAULT_TRACING },
      encryptionConfiguration: input.encryptionConfiguration ?? { ...DEFAULT_ENCRYPTION },
      revisionKey: this.random.uuid(),
      creationDate: now,
      updateDate: now,
      tags: new Map(Object.entries(input.tags ?? {})),
      versions: new Map(),
      nextVersion: 1,
      aliases: new Map(),
    };
    if (machine.tags.size > MAX_TAGS) throw tooManyTags(arn);
    r.machines.set(arn, machine);
    return { machine, created: true };
  }

  getMachine(scope: Scope, arn: string): MachineRecord | undefined {
    return this.region(scope).machines.get(arn);
  }

  requireMachine(scope: Scope, arn: string): MachineRecord {
    const m = this.getMachine(scope, arn);
    if (!m) throw new SfnDomainError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return m;
  }

  /** Machines in name order. */
  listMachines(scope: Scope): MachineRecord[] {
    return [...this.region(scope).machines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Applies an update; a new revision only when something actually changed. */
  updateMachine(scope: Scope, arn: string, changes: UpdateMachineInput): MachineRecord {
    const m = this.requireMachine(scope, arn);
    const next = {
      definition: changes.definition ?? m.definition,
      roleArn: changes.roleArn ?? m.roleArn,
      loggingConfiguration: changes.loggingConfiguration ?? m.loggingConfiguration,
      tracingConfiguration: changes.tracingConfiguration ?? m.tracingConfiguration,
      encryptionConfiguration: changes.encryptionConfiguration ?? m.encryptionConfiguration,
    };
    const changed =
      next.definition !== m.definition ||
      next.roleArn !== m.roleArn ||
      !same(next.loggingConfiguration, m.loggingConfiguration) ||
      !same(next.tracingConfiguration, m.tracingConfiguration) ||
      !same(next.encryptionConfiguration, m.encryptionConfiguration);
    m.updateDate = this.deps.clock.now();
    if (changed) {
      if (next.definition !== m.definition) delete m.compiled;
      Object.assign(m, next);
      m.revisionKey = this.random.uuid();
      m.revisionId = m.revisionKey;
    } else {
      m.revisionId ??= m.revisionKey;
    }
    return m;
  }

  deleteMachine(scope: Scope, arn: string): MachineRecord | undefined {
    const r = this.region(scope);
    const m = r.machines.get(arn);
    if (m) r.machines.delete(arn);
    return m;
  }

  // ---- versions ----

  /**
   * Publishes the machine's current revision. When the newest version already holds this
   * revision it is returned unchanged. `expectedRevisionId` (PublishStateMachineVersion's
   * revisionId) must match the current revision.
   */
  publishVersion(scope: Scope, machineArn: string, description?: string, expectedRevisionId?: string): { version: VersionRecord; created: boolean } {
    const m = this.requireMachine(scope, machineArn);
    if (expectedRevisionId !== undefined && expectedRevisionId !== (m.revisionId ?? m.revisionKey))
      // unverified text
      throw new SfnDomainError(
        'ConflictException',
        `Failed to publish the State Machine version for revision ${expectedRevisionId}. The current State Machine revision is ${m.revisionId ?? m.revisionKey}.`,
      );
    const latest = [...m.versions.values()].pop();
    if (latest && latest.revisionKey === m.revisionKey) return { version: latest, created: false };
    if (m.versions.size >= MAX_VERSIONS)
      // unverified text
      throw new SfnDomainError('ServiceQuotaExceededException', `Maximum number of versions (${MAX_VERSIONS}) reached for state machine: '${m.arn}'`);
    const number = m.nextVersion++;
    const version: VersionRecord = {
      arn: `${m.arn}:${number}`,
      number,
      machineArn: m.arn,
      name: m.name,
      creationDate: this.deps.clock.now(),
      definition: m.definition,
      roleArn: m.roleArn,
      type: m.type,
      loggingConfiguration: m.loggingConfiguration,
      tracingConfiguration: m.tracingConfiguration,
      encryptionConfiguration: m.encryptionConfiguration,
      revisionKey: m.revisionKey,
      ...(m.revisionId !== undefined ? { revisionId: m.revisionId } : {}),
      ...(m.compiled ? { compiled: m.compiled } : {}),
      ...(description !== undefined ? { description } : {}),
    };
    m.versions.set(number, version);
    return { version, created: true };
  }

  getVersion(scope: Scope, machineArn: string, number: number): VersionRecord | undefined {
    return this.getMachine(scope, machineArn)?.versions.get(number);
  }

  /** Newest first, as ListStateMachineVersions answers. */
  listVersions(scope: Scope, machineArn: string): VersionRecord[] {
    return [...this.requireMachine(scope, machineArn).versions.values()].reverse();
  }

  /** Deleting a missing version succeeds; a version an alias routes to cannot be deleted. */
  deleteVersion(scope: Scope, machineArn: string, number: number): void {
    const m = this.getMachine(scope, machineArn);
    const v = m?.versions.get(number);
    if (!m || !v) return;
    const referencing = [...m.aliases.values()].filter((a) => a.routingConfiguration.some((e) => e.stateMachineVersionArn === v.arn)).map((a) => a.name);
    if (referencing.length)
      throw new SfnDomainError(
        'ConflictException',
        `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing.join(', ')}]`,
      );
    m.versions.delete(number);
  }

  // ---- aliases ----

  /** Same name and same routing/description is idempotent; a different one conflicts. */
  createAlias(
    scope: Scope,
    machineArn: string,
    input: { name: string; description?: string; routingConfiguration: RoutingEntry[] },
  ): { alias: AliasRecord; created: boolean } {
    const m = this.requireMachine(scope, machineArn);
    const existing = m.aliases.get(input.name);
    if (existing) {
      if (existing.description === input.description && same(existing.routingConfiguration, input.routingConfiguration)) return { alias: existing, created: false };
      throw new SfnDomainError('ConflictException', 'Failed to create alias because an alias with the same name and a different routing configuration already exists.');
    }
    const alias: AliasRecord = {
      arn: `${m.arn}:${input.name}`,
      name: input.name,
      machineArn: m.arn,
      routingConfiguration: input.routingConfiguration.map((e) => ({ ...e })),
      creationDate: this.deps.clock.now(),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    m.aliases.set(alias.name, alias);
    return { alias, created: true };
  }

  getAlias(scope: Scope, machineArn: string, name: string): AliasRecord | undefined {
    return this.getMachine(scope, machineArn)?.aliases.get(name);
  }

  updateAlias(scope: Scope, machineArn: string, name: string, changes: { description?: string; routingConfiguration?: RoutingEntry[] }): AliasRecord {
    const a = this.getAlias(scope, machineArn, name);
    if (!a) throw new SfnDomainError('ResourceNotFound', 'Request references a resource that does not exist.');
    if (changes.description !== undefined) a.description = changes.description;
    if (changes.routingConfiguration !== undefined) a.routingConfiguration = changes.routingConfiguration.map((e) => ({ ...e }));
    a.updateDate = this.deps.clock.now();
    return a;
  }

  deleteAlias(scope: Scope, machineArn: string, name: string): void {
    this.getMachine(scope, machineArn)?.aliases.delete(name);
  }

  /** Aliases of a machine in creation order. */
  listAliases(scope: Scope, machineArn: string): AliasRecord[] {
    return [...this.requireMachine(scope, machineArn).aliases.values()];
  }

  // ---- activities ----

  /** Creating an existing activity returns it (tags are merged, as AWS does). */
  createActivity(scope: Scope, input: { name: string; tags?: Record<string, string>; encryptionConfiguration?: EncryptionConfiguration }): ActivityRecord {
    const r = this.region(scope);
    const arn = StateMachineRegistry.activityArn(scope, input.name);
    const existing = r.activities.get(arn);
    if (existing) return existing;
    const activity: ActivityRecord = {
      arn,
      name: input.name,
      creationDate: this.deps.clock.now(),
      encryptionConfiguration: input.encryptionConfiguration ?? { ...DEFAULT_ENCRYPTION },
      tags: new Map(Object.entries(input.tags ?? {})),
    };
    if (activity.tags.size > MAX_TAGS) throw tooManyTags(arn);
    r.activities.set(arn, activity);
    return activity;
  }

  getActivity(scope: Scope, arn: string): ActivityRecord | undefined {
    return this.region(scope).activities.get(arn);
  }

  requireActivity(scope: Scope, arn: string): ActivityRecord {
    const a = this.getActivity(scope, arn);
    if (!a) throw new SfnDomainError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
    return a;
  }

  deleteActivity(scope: Scope, arn: string): void {
    this.region(scope).activities.delete(arn);
  }

  /** Activities in creation order. */
  listActivities(scope: Scope): ActivityRecord[] {
    return [...this.region(scope).activities.values()];
  }

  // ---- tags (machines and activities only) ----

  private tagged(scope: Scope, arn: string): Map<string, string> {
    const r = this.region(scope);
    const tags = r.machines.get(arn)?.tags ?? r.activities.get(arn)?.tags;
    if (!tags) throw new SfnDomainError('ResourceNotFound', `Resource not found: '${arn}'`);
    return tags;
  }

  tag(scope: Scope, arn: string, tags: Record<string, string>): void {
    const current = this.tagged(scope, arn);
    const merged = new Map(current);
    for (const [k, v] of Object.entries(tags)) merged.set(k, v);
    if (merged.size > MAX_TAGS) throw tooManyTags(arn);
    for (const [k, v] of Object.entries(tags)) current.set(k, v);
  }

  untag(scope: Scope, arn: string, keys: string[]): void {
    const current = this.tagged(scope, arn);
    for (const k of keys) current.delete(k);
  }

  tags(scope: Scope, arn: string): Map<string, string> {
    return this.tagged(scope, arn);
  }
}

// unverified text
const tooManyTags = (arn: string): SfnDomainError => new SfnDomainError('TooManyTags', `Too many tags: the limit is ${MAX_TAGS} tags per resource ('${arn}').`);
