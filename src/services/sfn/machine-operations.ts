/**
 * State machine operations: Create/Describe/Update/Delete/ListStateMachines,
 * DescribeStateMachineForExecution, ValidateStateMachineDefinition.
 */
import type * as sdk from '@aws-sdk/client-sfn';
import { parseDefinition, validateDefinition } from '../../engines/statemachine/definition/index.js';
import type { EncryptionConfiguration, LoggingConfiguration, MachineRecord, TracingConfiguration, VersionRecord } from '../../engines/statemachine/registry.js';
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
  required,
  scopeOf,
  sfnError,
  storedEnum,
  tagRecord,
  validation,
  type SfnHandlers,
  type SfnOutput,
} from './shared.js';

const TYPES = ['STANDARD', 'EXPRESS'] as const;
const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;
const ENCRYPTION_TYPES = ['AWS_OWNED_KEY', 'CUSTOMER_MANAGED_KMS_KEY'] as const;
const INCLUDED_DATA = ['ALL_DATA', 'METADATA_ONLY'] as const;

function loggingOf(l: sdk.LoggingConfiguration | undefined): LoggingConfiguration | undefined {
  if (!l) return undefined;
  checkEnum('loggingConfiguration.level', l.level, LOG_LEVELS);
  const level = l.level ?? 'OFF';
  const destinations = l.destinations ?? [];
  if (destinations.length > 1 || (level !== 'OFF' && destinations.length !== 1))
    throw sfnError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  return compact({ level, includeExecutionData: l.includeExecutionData ?? false, destinations: destinations.length ? destinations : undefined });
}

function tracingOf(t: sdk.TracingConfiguration | undefined): TracingConfiguration | undefined {
  if (!t) return undefined;
  return { enabled: t.enabled ?? false };
}

/** A state machine's or an activity's encryptionConfiguration, checked (CreateStateMachine, UpdateStateMachine, CreateActivity). */
export function encryptionOf(e: sdk.EncryptionConfiguration | undefined): EncryptionConfiguration | undefined {
  if (!e) return undefined;
  checkEnum('encryptionConfiguration.type', e.type, ENCRYPTION_TYPES);
  if (e.type === 'CUSTOMER_MANAGED_KMS_KEY' && !e.kmsKeyId)
    // unverified text
    throw sfnError('InvalidEncryptionConfiguration', "Invalid Encryption Configuration: 'kmsKeyId' is required when type is CUSTOMER_MANAGED_KMS_KEY.");
  // The model requires `type`; the parser has refused a configuration without it.
  const type = required(e.type, 'encryptionConfiguration.type');
  return compact({ type, kmsKeyId: e.kmsKeyId, kmsDataKeyReusePeriodSeconds: e.kmsDataKeyReusePeriodSeconds });
}

// ---- registry records → SDK shapes (the registry keeps checked enum values as strings) ----

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A stored log destination (kept as given, an `sdk.LogDestination`) back in the SDK's shape. */
function logDestinationOut(d: unknown): sdk.LogDestination {
  const group = isRecord(d) ? d.cloudWatchLogsLogGroup : undefined;
  if (!isRecord(group)) return {};
  return { cloudWatchLogsLogGroup: typeof group.logGroupArn === 'string' ? { logGroupArn: group.logGroupArn } : {} };
}

export function loggingOut(l: LoggingConfiguration): sdk.LoggingConfiguration {
  return compact({
    level: l.level === undefined ? undefined : storedEnum(LOG_LEVELS, l.level),
    includeExecutionData: l.includeExecutionData,
    destinations: l.destinations?.map(logDestinationOut),
  });
}

export function encryptionOut(e: EncryptionConfiguration): sdk.EncryptionConfiguration {
  return compact({ type: storedEnum(ENCRYPTION_TYPES, e.type), kmsKeyId: e.kmsKeyId, kmsDataKeyReusePeriodSeconds: e.kmsDataKeyReusePeriodSeconds });
}

/** Describe output of a machine or one of its versions (`metadataOnly` drops the definition). */
function describe(m: MachineRecord, v: VersionRecord | undefined, metadataOnly: boolean): SfnOutput<'DescribeStateMachine'> {
  const rev = v ?? m;
  return compact({
    stateMachineArn: v ? v.arn : m.arn,
    name: m.name,
    status: m.status,
    definition: metadataOnly ? undefined : rev.definition,
    roleArn: rev.roleArn,
    type: rev.type,
    creationDate: new Date(v ? v.creationDate : m.creationDate),
    loggingConfiguration: loggingOut(rev.loggingConfiguration),
    tracingConfiguration: rev.tracingConfiguration,
    label: m.label,
    revisionId: rev.revisionId,
    description: v?.description,
    // Always present, AWS_OWNED_KEY by default (recorded since KMS support, LocalStack
    // test_sfn_api_variable_references snapshots, 2024-11).
    encryptionConfiguration: encryptionOut(rev.encryptionConfiguration),
  });
}

type MachineOperation =
  | 'CreateStateMachine'
  | 'DescribeStateMachine'
  | 'UpdateStateMachine'
  | 'DeleteStateMachine'
  | 'ListStateMachines'
  | 'DescribeStateMachineForExecution'
  | 'ValidateStateMachineDefinition';

export function machineOperations(deps: SfnDeps): SfnHandlers<MachineOperation> {
  const { registry, executions } = deps;
  return {
    CreateStateMachine(input, ctx) {
      const name = required(input.name, 'name');
      checkName(name);
      checkDataLength('definition', input.definition, MAX_DEFINITION);
      checkEnum('type', input.type, TYPES);
      const type = input.type ?? 'STANDARD';
      const roleArn = required(input.roleArn, 'roleArn');
      checkRoleArn(roleArn);
      const definition = required(input.definition, 'definition');
      parseDefinition(definition, { type });
      const publish = input.publish === true;
      const versionDescription = input.versionDescription;
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
      const arn = required(input.stateMachineArn, 'stateMachineArn');
      checkEnum('includedData', input.includedData, INCLUDED_DATA);
      const ref = parseMachineRef(arn);
      const m = registry.getMachine(scopeOf(ctx), ref.machineArn);
      if (!m || ref.kind === 'alias') throw machineNotFound(arn); // unverified: aliases are not described here
      const v = ref.kind === 'version' ? m.versions.get(ref.version) : undefined;
      if (ref.kind === 'version' && !v) throw machineNotFound(arn);
      return describe(m, v, input.includedData === 'METADATA_ONLY');
    },

    UpdateStateMachine(input, ctx) {
      const arn = required(input.stateMachineArn, 'stateMachineArn');
      const ref = parseMachineRef(arn);
      const scope = scopeOf(ctx);
      const m = registry.getMachine(scope, ref.machineArn);
      if (!m || ref.kind !== 'machine') throw machineNotFound(arn);
      const definition = input.definition;
      checkDataLength('definition', definition, MAX_DEFINITION);
      const roleArn = input.roleArn;
      const logging = loggingOf(input.loggingConfiguration);
      const tracing = tracingOf(input.tracingConfiguration);
      const encryption = encryptionOf(input.encryptionConfiguration);
      const publish = input.publish === true;
      const versionDescription = input.versionDescription;
      if (definition === undefined && roleArn === undefined && !logging && !tracing && !encryption && !publish)
        throw sfnError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
      if (versionDescription !== undefined && !publish) throw validation('Version description can only be set when publish is true');
      if (roleArn !== undefined) checkRoleArn(roleArn);
      if (definition !== undefined) parseDefinition(definition, { type: m.type });
      const updated = registry.updateMachine(scope, arn, compact<Parameters<typeof registry.updateMachine>[2]>({ definition, roleArn, loggingConfiguration: logging, tracingConfiguration: tracing, encryptionConfiguration: encryption }));
      const version = publish ? registry.publishVersion(scope, updated.arn, versionDescription).version : undefined;
      return compact({ updateDate: new Date(updated.updateDate), revisionId: updated.revisionId, stateMachineVersionArn: version?.arn });
    },

    DeleteStateMachine(input, ctx) {
      const arn = required(input.stateMachineArn, 'stateMachineArn');
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
        stateMachines: items.map((m): sdk.StateMachineListItem => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: new Date(m.creationDate) })),
        nextToken,
      });
    },

    DescribeStateMachineForExecution(input) {
      const arn = required(input.executionArn, 'executionArn');
      checkEnum('includedData', input.includedData, INCLUDED_DATA);
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
        loggingConfiguration: rev ? loggingOut(rev.loggingConfiguration) : { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: rev?.tracingConfiguration ?? { enabled: false },
        mapRunArn: rec.mapRunArn,
        label: m?.label,
        revisionId: t.revisionId,
        // unverified: as DescribeStateMachine (the model has the member; no recording of it here)
        encryptionConfiguration: rev ? encryptionOut(rev.encryptionConfiguration) : { type: 'AWS_OWNED_KEY' },
      });
    },

    ValidateStateMachineDefinition(input) {
      checkDataLength('definition', input.definition, MAX_DEFINITION);
      checkEnum('type', input.type, TYPES);
      checkEnum('severity', input.severity, ['ERROR', 'WARNING']);
      checkRange('maxResults', input.maxResults, 0, 100);
      const options: Parameters<typeof validateDefinition>[1] = {};
      if (input.type !== undefined) options.type = input.type;
      if (input.severity !== undefined) options.severity = input.severity;
      if (input.maxResults !== undefined && input.maxResults > 0) options.maxResults = input.maxResults;
      const r = validateDefinition(required(input.definition, 'definition'), options);
      return { result: r.result, diagnostics: r.diagnostics.map((d) => compact<sdk.ValidateStateMachineDefinitionDiagnostic>({ ...d })), truncated: r.truncated };
    },
  };
}
