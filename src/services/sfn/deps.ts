/** What every Step Functions operation group works with, and target resolution for executions. */
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { parseDefinition } from '../../engines/statemachine/definition/index.js';
import { compileMachine, type ExecutionEngine } from '../../engines/statemachine/execution/engine.js';
import type { CompiledMachineRef, ExecutionTarget, MachineType } from '../../engines/statemachine/execution/types.js';
import type { MachineRecord, MachineRevision, Scope, StateMachineRegistry } from '../../engines/statemachine/registry.js';
import { parseMachineRef, sfnError, type MachineRef } from './shared.js';

export interface SfnDeps {
  registry: StateMachineRegistry;
  executions: ExecutionEngine;
  clock: Clock;
  logger: Logger;
  /** Picks a number in [0, 1) for alias routing (injectable for tests). */
  random: () => number;
}

export const machineNotFound = (arn: string) => sfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);

/** The compiled definition of a machine or version revision, made once and cached on it. */
export function compiledOf(rev: MachineRevision): CompiledMachineRef {
  return (rev.compiled ??= compileMachine(parseDefinition(rev.definition, { type: rev.type })));
}

/** Resolve a machine, version or alias ARN to the machine record and its qualified parts. */
export function lookupRef(deps: SfnDeps, scope: Scope, ref: MachineRef): { machine: MachineRecord; rev: MachineRevision; versionArn?: string; aliasArn?: string } {
  const machine = deps.registry.getMachine(scope, ref.machineArn);
  if (!machine) throw machineNotFound(ref.arn);
  if (ref.kind === 'machine') return { machine, rev: machine };
  if (ref.kind === 'version') {
    const v = machine.versions.get(ref.version);
    if (!v) throw machineNotFound(ref.arn);
    return { machine, rev: v, versionArn: v.arn };
  }
  const alias = machine.aliases.get(ref.alias);
  if (!alias) throw machineNotFound(ref.arn); // unverified text for a missing alias
  // Route by weight: the first entry takes [0, w1), the second the rest.
  const roll = deps.random() * 100;
  let acc = 0;
  let chosen = alias.routingConfiguration[alias.routingConfiguration.length - 1]!;
  for (const entry of alias.routingConfiguration) {
    acc += entry.weight;
    if (roll < acc) {
      chosen = entry;
      break;
    }
  }
  const versionNumber = Number(chosen.stateMachineVersionArn.slice(chosen.stateMachineVersionArn.lastIndexOf(':') + 1));
  const v = machine.versions.get(versionNumber);
  if (!v) throw machineNotFound(chosen.stateMachineVersionArn);
  return { machine, rev: v, versionArn: v.arn, aliasArn: alias.arn };
}

/** The ExecutionTarget for StartExecution/StartSyncExecution. */
export function resolveTarget(deps: SfnDeps, scope: Scope, arn: string, requireType?: MachineType): ExecutionTarget {
  const found = lookupRef(deps, scope, parseMachineRef(arn));
  const { machine, rev } = found;
  if (machine.status === 'DELETING')
    // unverified text
    throw sfnError('StateMachineDeleting', `State Machine is being deleted: '${machine.arn}'`);
  if (requireType !== undefined && rev.type !== requireType)
    throw sfnError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  const target: ExecutionTarget = {
    account: scope.account,
    region: scope.region,
    stateMachineArn: machine.arn,
    stateMachineName: machine.name,
    type: rev.type,
    roleArn: rev.roleArn,
    definition: rev.definition,
    compiled: compiledOf(rev),
  };
  if (found.versionArn !== undefined) target.versionArn = found.versionArn;
  if (found.aliasArn !== undefined) target.aliasArn = found.aliasArn;
  if (rev.revisionId !== undefined) target.revisionId = rev.revisionId;
  return target;
}
