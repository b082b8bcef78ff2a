/**
 * State machine operations: Create/Describe/Update/Delete/ListStateMachines,
 * DescribeStateMachineForExecution, ValidateStateMachineDefinition.
 */
import { parseDefinition, validateDefinition } from '../../engines/statemachine/definition/index.js';
import type { MachineType } from '../../engines/statemachine/execution/types.js';
import type { EncryptionConfiguration, LoggingConfiguration, MachineRecord, TracingConfiguration, VersionRecord } from '../../engines/statemachine/registry.js';
import type { Handler } from '../context.js';
import { machineNotFound, type SfnDeps } from './deps.js';
import { expressArnError } from './execution-operations.js';
import {
  checkDataLength,
  MAX_DEFINITION,
  checkEnum,
  checkExecutionArn,
  checkName,
  checkRange,
  checkRoleArn,
  compact,
  page,
  parseArn,
  parseMachineRef,
  scopeOf,
  sfnError,
  str,
  tagRecord,
  validation,
} from './shared.js';

const TYPES = ['STANDARD', 'EXPRESS'] as const;
const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

function loggingOf(v: unknown): LoggingConfiguration | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const l = v as LoggingConfiguration;
  checkEnum('loggingConfiguration.level', l.level, LOG_LEVELS);
  const level = l.level ?? 'OFF';
  const destinations = Array.isArray(l.destinations) ? l.destinations : [];
  if (destinations.length > 1 || (level !== 'OFF' && destinations.length !== 1))
    throw sfnError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  return compact({ level, includeExecutionData: l.includeExecutionData ?? false, destinations: destinations.length ? destinations : undefined });
}

function tracingOf(v: unknown): TracingConfiguration | undefined {
  if (!v || typeof v !== 'object') return undefined;
  return { enabled: (v as TracingConfiguration).enabled ?? false };
}

/** A state machine's or an activity's encryptionConfiguration, checked (CreateStateMachine, UpdateStateMachine, CreateActivity). */
export function encryptionOf(v: unknown): EncryptionConfiguration | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const e = v as EncryptionConfiguration;
  checkEnum('encryptionConfiguration.type', e.type, ['AWS_OWNED_KEY', 'CUSTOMER_MANAGED_KMS_KEY']);
  if (e.type === 'CUSTOMER_MANAGED_KMS_KEY' && !e.kmsKeyId)
    // unverified text
    throw sfnError('InvalidEncryptionConfiguration', "Invalid Encryption Configuration: 'kmsKeyId' is required when type is CUSTOMER_MANAGED_KMS_KEY.");
  return compact({ type: e.type, kmsKeyId: e.kmsKeyId, kmsDataKeyReusePeriodSeconds: e.kmsDataKeyReusePeriodSeconds });
}

/** Describe output of a machine or one of its versions (`metadataOnly` drops the definition). */
function describe(m: MachineRecord, v: VersionRecord | undefined, metadataOnly: boolean): Record<string, unknown> {
  const rev = v ?? m;
  return compact({
    stateMachineArn: v ? v.arn : m.arn,
    name: m.name,
    status: m.status,
    definition: metadataOnly ? undefined : rev.definition,
    roleArn: rev.roleArn,
    type: rev.type,
    creationDate: new Date(v ? v.creationDate : m.creationDate),
    loggingConfiguration: rev.loggingConfiguration,
    tracingConfiguration: rev.tracingConfiguration,
    label: m.label,
    revisionId: rev.revisionId,
    description: v?.description,
    // Always present, AWS_OWNED_KEY by default (recorded since KMS support, LocalStack
    // test_sfn_api_variable_references snapshots, 2024-11).
    encryptionConfiguration: rev.encryptionConfiguration,
  });
}

export function machineOperations(deps: SfnDeps): Record<string, Handler> {
  const { registry, executions } = deps;
  return {
    CreateStateMachine(input, ctx) {
      const name = input.name as string;
      checkName(name);
      checkDataLength('definition', input.definition, MAX_DEFINITION);
      checkEnum('type', input.type, TYPES);
      const type = (str(input.type) ?? 'STANDARD') as MachineType;
      const roleArn = input.roleArn as string;
      checkRoleArn(roleArn);
      const definition = input.definition as string;
      parseDefinition(definition, { type });
      const publish = input.publish === true;
      const versionDescription = str(input.versionDescription);
      if (versionDescription !== undefined && !publish) throw validation('Version description can only be set when publish is true');
      const logging = loggingOf(input.loggingConfiguration);
      const tracing = tracingOf(input.tracingConfiguration);
      const encryption = encryptionOf(input.encryptionConfiguration);
      const scope = scopeOf(ctx);
      const { machine } = registry.createMachine(scope, {
        name,
        definition,
        roleArn,
        type,
        tags: tagRecord(input.tags),
        ...(logging ? { loggingConfiguration: logging } : {}),
        ...(tracing ? { tracingConfiguration: tracing } : {}),
        ...(encryption ? { encryptionConfiguration: encryption } : {}),
      });
      const version = publish ? registry.publishVersion(scope, machine.arn, versionDescription).version : undefined;
      return compact({ stateMachineArn: machine.arn, creationDate: new Date(machine.creationDate), stateMachineVersionArn: version?.arn });
    },

    DescribeStateMachine(input, ctx) {
      const arn = input.stateMachineArn as string;
      checkEnum('includedData', input.includedData, ['ALL_DATA', 'METADATA_ONLY']);
      const ref = parseMachineRef(arn);
      const m = registry.getMachine(scopeOf(ctx), ref.machineArn);
      if (!m || ref.kind === 'alias') throw machineNotFound(arn); // unverified: aliases are not described here
      const v = ref.kind === 'version' ? m.versions.get(ref.version) : undefined;
      if (ref.kind === 'version' && !v) throw machineNotFound(arn);
      return describe(m, v, input.includedData === 'METADATA_ONLY');
    },

    UpdateStateMachine(input, ctx) {
      const arn = input.stateMachineArn as string;
      const ref = parseMachineRef(arn);
      const scope = scopeOf(ctx);
      const m = registry.getMachine(scope, ref.machineArn);
      if (!m || ref.kind !== 'machine') throw machineNotFound(arn);
      const definition = str(input.definition);
      checkDataLength('definition', definition, MAX_DEFINITION);
      const roleArn = str(input.roleArn);
      const logging = loggingOf(input.loggingConfiguration);
      const tracing = tracingOf(input.tracingConfiguration);
      const encryption = encryptionOf(input.encryptionConfiguration);
      const publish = input.publish === true;
      const versionDescription = str(input.versionDescription);
      if (definition === undefined && roleArn === undefined && !logging && !tracing && !encryption && !publish)
        throw sfnError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
      if (versionDescription !== undefined && !publish) throw validation('Version description can only be set when publish is true');
      if (roleArn !== undefined) checkRoleArn(roleArn);
      if (definition !== undefined) parseDefinition(definition, { type: m.type });
      const updated = registry.updateMachine(scope, arn, compact({ definition, roleArn, loggingConfiguration: logging, tracingConfiguration: tracing, encryptionConfiguration: encryption }));
      const version = publish ? registry.publishVersion(scope, updated.arn, versionDescription).version : undefined;
      return compact({ updateDate: new Date(updated.updateDate), revisionId: updated.revisionId, stateMachineVersionArn: version?.arn });
    },

    DeleteStateMachine(input, ctx) {
      const arn = input.stateMachineArn as string;
      const ref = parseMachineRef(arn);
      // unverified text: AWS refuses qualified ARNs here (use DeleteStateMachineVersion/Alias).
      if (ref.kind !== 'machine') throw validation(`Invalid Arn: Qualified state machine ARNs are not supported by DeleteStateMachine: '${arn}'`);
      const m = registry.deleteMachine(scopeOf(ctx), arn);
      if (m) executions.machineDeleted(m.arn);
      return {};
    },

    ListStateMachines(input, ctx) {
      const { items, nextToken } = page(registry.listMachines(scopeOf(ctx)), input);
      return compact({
        stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: new Date(m.creationDate) })),
        nextToken,
      });
    },

    DescribeStateMachineForExecution(input) {
      const arn = input.executionArn as string;
      checkEnum('includedData', input.includedData, ['ALL_DATA', 'METADATA_ONLY']);
      if (parseArn(arn).resourceType === 'express') throw expressArnError();
      checkExecutionArn(arn);
      const rec = executions.get(arn);
      if (!rec) throw sfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      const t = rec.target;
      const scope = { account: t.account, region: t.region };
      const m = registry.getMachine(scope, t.stateMachineArn);
      const v = t.versionArn && m ? m.versions.get(Number(t.versionArn.slice(t.versionArn.lastIndexOf(':') + 1))) : undefined;
      const rev = v ?? m;
      return compact({
        stateMachineArn: t.stateMachineArn,
        name: t.stateMachineName,
        definition: input.includedData === 'METADATA_ONLY' ? undefined : t.definition,
        roleArn: t.roleArn,
        updateDate: new Date(m ? m.updateDate : rec.startDate),
        loggingConfiguration: rev?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: rev?.tracingConfiguration ?? { enabled: false },
        mapRunArn: rec.mapRunArn,
        label: m?.label,
        revisionId: t.revisionId,
        // unverified: as DescribeStateMachine (the model has the member; no recording of it here)
        encryptionConfiguration: rev?.encryptionConfiguration ?? { type: 'AWS_OWNED_KEY' },
      });
    },

    ValidateStateMachineDefinition(input) {
      checkDataLength('definition', input.definition, MAX_DEFINITION);
      checkEnum('type', input.type, TYPES);
      checkEnum('severity', input.severity, ['ERROR', 'WARNING']);
      checkRange('maxResults', input.maxResults, 0, 100);
      const options: Parameters<typeof validateDefinition>[1] = {};
      if (typeof input.type === 'string') options.type = input.type as MachineType;
      if (typeof input.severity === 'string') options.severity = input.severity as 'ERROR' | 'WARNING';
      if (typeof input.maxResults === 'number' && input.maxResults > 0) options.maxResults = input.maxResults;
      const r = validateDefinition(input.definition as string, options);
      return { result: r.result, diagnostics: r.diagnostics.map((d) => compact({ ...d })), truncated: r.truncated };
    },
  };
}
