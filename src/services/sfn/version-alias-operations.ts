/**
 * Versions and aliases: PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion, Create/Describe/Update/Delete/ListStateMachineAliases.
 */
import type * as sdk from '@aws-sdk/client-sfn';
import type { AliasRecord, RoutingEntry } from '../../engines/statemachine/registry.js';
import { machineNotFound, type SfnDeps } from './deps.js';
import {
  compact,
  date,
  invalidArn,
  lengthAtMost,
  page,
  parseMachineRef,
  required,
  scopeOf,
  sfnError,
  validation,
  type MachineRef,
  type SfnHandlers,
  type SfnOutput,
} from './shared.js';

const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;
const ALIAS_NAME_TEXT = '^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$';
const aliasNotFound = () => sfnError('ResourceNotFound', 'Request references a resource that does not exist.');

function checkAliasName(name: string): void {
  if (name.length > 80) throw lengthAtMost('name', name, 80);
  if (!ALIAS_NAME.test(name))
    throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ALIAS_NAME_TEXT}`);
}

/** AWS's checks of a routing configuration, in its order; returns the machine ARN it routes to. */
function checkRouting(routing: readonly sdk.RoutingConfigurationListItem[]): { entries: RoutingEntry[]; refs: Array<Extract<MachineRef, { kind: 'version' }>> } {
  // Both members are required by the model: the parser has refused an entry without one.
  const entries: RoutingEntry[] = routing.map((e, i) => ({
    stateMachineVersionArn: required(e.stateMachineVersionArn, `routingConfiguration.${i + 1}.member.stateMachineVersionArn`),
    weight: required(e.weight, `routingConfiguration.${i + 1}.member.weight`),
  }));
  if (entries.length > 2) {
    const shown = entries.map((e) => `RoutingConfigurationListItem(stateMachineVersionArn=${e.stateMachineVersionArn}, weight=${e.weight})`).join(', ');
    throw validation(`1 validation error detected: Value '[${shown}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`);
  }
  // unverified text (an empty list)
  if (entries.length === 0) throw validation("1 validation error detected: Value '[]' at 'routingConfiguration' failed to satisfy constraint: Member must have length greater than or equal to 1");
  entries.forEach((e, i) => {
    if (e.weight > 100)
      throw validation(`1 validation error detected: Value '${e.weight}' at 'routingConfiguration.${i + 1}.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100`);
    if (e.weight < 0)
      throw validation(`1 validation error detected: Value '${e.weight}' at 'routingConfiguration.${i + 1}.member.weight' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  });
  const arns = entries.map((e) => e.stateMachineVersionArn);
  const refs = arns.map((a) => {
    try {
      return parseMachineRef(a);
    } catch {
      return undefined;
    }
  });
  if (refs.some((r) => r?.kind !== 'version')) throw validation(`Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`);
  if (new Set(arns).size !== arns.length) throw validation(`Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`);
  if (entries.reduce((s, e) => s + e.weight, 0) !== 100)
    throw validation(`Sum of routing configuration weights must equal 100. Received: [${entries.map((e) => e.weight).join(', ')}]`);
  const versionRefs = refs.filter((r): r is Extract<MachineRef, { kind: 'version' }> => r?.kind === 'version');
  // unverified text
  if (new Set(versionRefs.map((r) => r.machineArn)).size > 1) throw validation(`Routing configuration must contain versions of the same state machine. Received: [${arns.join(', ')}]`);
  return { entries: entries.map((e) => ({ stateMachineVersionArn: e.stateMachineVersionArn, weight: e.weight })), refs: versionRefs };
}

function aliasRef(arn: string): Extract<MachineRef, { kind: 'alias' }> {
  const ref = parseMachineRef(arn);
  // unverified text
  if (ref.kind !== 'alias') throw invalidArn(`Resource type not valid in this context: ${ref.kind === 'version' ? 'stateMachine version' : 'stateMachine'}`);
  return ref;
}

const describeAlias = (a: AliasRecord): SfnOutput<'DescribeStateMachineAlias'> =>
  compact({
    stateMachineAliasArn: a.arn,
    name: a.name,
    description: a.description,
    routingConfiguration: a.routingConfiguration,
    creationDate: new Date(a.creationDate),
    updateDate: date(a.updateDate),
  });

type VersionAliasOperation =
  | 'PublishStateMachineVersion'
  | 'ListStateMachineVersions'
  | 'DeleteStateMachineVersion'
  | 'CreateStateMachineAlias'
  | 'DescribeStateMachineAlias'
  | 'UpdateStateMachineAlias'
  | 'DeleteStateMachineAlias'
  | 'ListStateMachineAliases';

export function versionAliasOperations(deps: SfnDeps): SfnHandlers<VersionAliasOperation> {
  const { registry } = deps;
  return {
    PublishStateMachineVersion(input, ctx) {
      const arn = required(input.stateMachineArn, 'stateMachineArn');
      const ref = parseMachineRef(arn);
      if (ref.kind !== 'machine' || !registry.getMachine(scopeOf(ctx), ref.machineArn)) throw machineNotFound(arn);
      const { version } = registry.publishVersion(scopeOf(ctx), arn, input.description, input.revisionId);
      return { creationDate: new Date(version.creationDate), stateMachineVersionArn: version.arn };
    },

    ListStateMachineVersions(input, ctx) {
      const arn = required(input.stateMachineArn, 'stateMachineArn');
      const ref = parseMachineRef(arn);
      if (ref.kind !== 'machine' || !registry.getMachine(scopeOf(ctx), arn)) throw machineNotFound(arn);
      const { items, nextToken } = page(registry.listVersions(scopeOf(ctx), arn), input);
      return compact({ stateMachineVersions: items.map((v): sdk.StateMachineVersionListItem => ({ stateMachineVersionArn: v.arn, creationDate: new Date(v.creationDate) })), nextToken });
    },

    DeleteStateMachineVersion(input, ctx) {
      const arn = required(input.stateMachineVersionArn, 'stateMachineVersionArn');
      const ref = parseMachineRef(arn);
      // unverified text
      if (ref.kind !== 'version') throw invalidArn(`Resource type not valid in this context: ${ref.kind === 'alias' ? 'stateMachine alias' : 'stateMachine'}`);
      registry.deleteVersion(scopeOf(ctx), ref.machineArn, ref.version);
      return {};
    },

    CreateStateMachineAlias(input, ctx) {
      const name = required(input.name, 'name');
      checkAliasName(name);
      const { entries, refs } = checkRouting(required(input.routingConfiguration, 'routingConfiguration'));
      const scope = scopeOf(ctx);
      const machineArn = refs[0]!.machineArn;
      const m = registry.getMachine(scope, machineArn);
      if (!m) throw machineNotFound(machineArn);
      for (const r of refs) if (!m.versions.has(r.version)) throw aliasNotFound(); // unverified text
      const description = input.description;
      const { alias } = registry.createAlias(scope, machineArn, { name, routingConfiguration: entries, ...(description !== undefined ? { description } : {}) });
      return { stateMachineAliasArn: alias.arn, creationDate: new Date(alias.creationDate) };
    },

    DescribeStateMachineAlias(input, ctx) {
      const ref = aliasRef(required(input.stateMachineAliasArn, 'stateMachineAliasArn'));
      const a = registry.getAlias(scopeOf(ctx), ref.machineArn, ref.alias);
      if (!a) throw aliasNotFound();
      return describeAlias(a);
    },

    UpdateStateMachineAlias(input, ctx) {
      const ref = aliasRef(required(input.stateMachineAliasArn, 'stateMachineAliasArn'));
      const description = input.description;
      if (description === undefined && input.routingConfiguration === undefined)
        // unverified text
        throw sfnError('MissingRequiredParameter', 'Either the description or the RoutingConfiguration must be specified');
      const scope = scopeOf(ctx);
      const a = registry.getAlias(scope, ref.machineArn, ref.alias);
      if (!a) throw aliasNotFound();
      const changes: { description?: string; routingConfiguration?: RoutingEntry[] } = {};
      if (description !== undefined) changes.description = description;
      if (input.routingConfiguration !== undefined) {
        const { entries, refs } = checkRouting(input.routingConfiguration);
        const m = registry.getMachine(scope, ref.machineArn)!;
        // unverified text
        if (refs[0]!.machineArn !== m.arn) throw validation(`Routing configuration must contain versions of the same state machine. Received: [${entries.map((e) => e.stateMachineVersionArn).join(', ')}]`);
        for (const r of refs) if (!m.versions.has(r.version)) throw aliasNotFound(); // unverified text
        changes.routingConfiguration = entries;
      }
      const updated = registry.updateAlias(scope, ref.machineArn, ref.alias, changes);
      return { updateDate: new Date(updated.updateDate ?? deps.clock.now()) };
    },

    DeleteStateMachineAlias(input, ctx) {
      const ref = aliasRef(required(input.stateMachineAliasArn, 'stateMachineAliasArn'));
      registry.deleteAlias(scopeOf(ctx), ref.machineArn, ref.alias);
      return {};
    },

    ListStateMachineAliases(input, ctx) {
      const arn = required(input.stateMachineArn, 'stateMachineArn');
      const ref = parseMachineRef(arn);
      const scope = scopeOf(ctx);
      const m = registry.getMachine(scope, ref.machineArn);
      if (!m || ref.kind === 'alias' || (ref.kind === 'version' && !m.versions.has(ref.version))) throw machineNotFound(arn);
      let aliases = registry.listAliases(scope, m.arn);
      if (ref.kind === 'version') aliases = aliases.filter((a) => a.routingConfiguration.some((e) => e.stateMachineVersionArn === arn));
      const { items, nextToken } = page(aliases, input);
      return compact({ stateMachineAliases: items.map((a): sdk.StateMachineAliasListItem => ({ stateMachineAliasArn: a.arn, creationDate: new Date(a.creationDate) })), nextToken });
    },
  };
}
