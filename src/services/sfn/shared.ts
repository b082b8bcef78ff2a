/**
 * Step Functions service helpers: AWS errors (names from the model, texts as AWS words them in
 * LocalStack's AWS-recorded snapshots), ARN parsing, name and constraint checks, paging.
 */
import type * as sdk from '@aws-sdk/client-sfn';
import { AwsError, modeledError, sfnModel, sfnValidationException } from '../../../protocols/index.js';
import { SfnDomainError } from '../../engines/statemachine/errors.js';
import { excessiveNesting, nestingDepthMessage } from '../../engines/statemachine/definition/index.js';
import { offsetTokens, pageByOffset, type Page } from '../../core/pager.js';
import type { Scope } from '../../engines/statemachine/registry.js';
import type { RequestContext } from '../context.js';
import type { ErrorNames, OperationName, OperationTypes, TypedHandlers } from '../operation-types.js';

// ---- typed operations (design §3): inputs, outputs and error names from @aws-sdk/client-sfn ----

/** One command's types read from its instance (`CommandImpl<I, O, …>`), whatever its constructor overloads. */
type CommandTypes<C> = C extends abstract new (...args: never) => infer X
  ? X extends { readonly input: infer I; resolveMiddleware(...args: never[]): (...a: never[]) => Promise<{ output: infer O }> }
    ? { input: I; output: Omit<O, '$metadata'> }
    : never
  : never;

/**
 * The client module also exports smithy's base class as `$Command`, which `OperationTypes` and
 * `OperationName` read as an operation named `$`: it is no operation of the model.
 */
type NotAnOperation = '$';
type SharedOperations = Omit<OperationTypes<typeof sdk>, NotAnOperation>;

/**
 * `{ CreateStateMachine: { input: CreateStateMachineInput; output: CreateStateMachineOutput }, ... }`:
 * `OperationTypes<typeof sdk>`, except where it is `never`. An operation whose input has no
 * required member (ListActivities, ListExecutions, ListStateMachines) has a second constructor
 * overload `new (...[input]: [] | [Input])`, which `OperationTypes`' `new (input: infer I)` does
 * not match; those are read from the command instance instead.
 */
export type SfnOperations = {
  [K in keyof SharedOperations]: [SharedOperations[K]] extends [never] ? CommandTypes<(typeof sdk)[`${K & string}Command`]> : SharedOperations[K];
};
/** Every operation of the Step Functions model. */
export type SfnOperationName = Exclude<OperationName<typeof sdk>, NotAnOperation>;
/** The typed handlers of some operations (each `*Operations(deps)` returns its group). */
export type SfnHandlers<K extends SfnOperationName> = Pick<TypedHandlers<SfnOperations>, K>;
/** The input an operation's handler receives. */
export type SfnInput<K extends SfnOperationName> = SfnOperations[K]['input'];
/** The result an operation's handler returns. */
export type SfnOutput<K extends SfnOperationName> = SfnOperations[K]['output'];

/**
 * The error names Step Functions answers with: the model's exception classes
 * (`StateMachineDoesNotExist`, `InvalidArn`, `ValidationException`, ...). Step Functions' model
 * declares `ValidationException` itself, and the service raises no coral/common error by name
 * (SerializationException and InternalFailure come from protocols/), so there is no extra union.
 */
export type SfnErrorName = ErrorNames<typeof sdk, sdk.SFNServiceException>;

export const sfnError = (shape: SfnErrorName, message: string): AwsError => modeledError(sfnModel, shape, message);
export const validation = sfnValidationException;

/** Whether an engine's domain error code is one of the model's error names. */
const isSfnErrorName = (code: string): code is SfnErrorName => sfnModel.errors.has(code);

/** Engine/registry domain errors → the AWS error of the same name (unknown names → 500). */
export function mapDomainError(e: unknown): unknown {
  if (!(e instanceof SfnDomainError)) return e;
  if (isSfnErrorName(e.code)) return sfnError(e.code, e.message);
  // An engine code the model does not have (a Signalbox bug): kept visible as a 500.
  return new AwsError({ name: e.code, status: 500, message: e.message, namespace: 'com.amazon.coral.service' });
}

/**
 * A required member. The protocol parsers (and the in-process task port's `checkRequired`)
 * refuse a request without it, with the model's missing-parameter error; the SDK types required
 * members `T | undefined`, so this narrows them, answering the same error if it is ever absent.
 */
export function required<T>(value: T | undefined, member: string): T {
  if (value === undefined || value === null) throw sfnModel.validation.missing(member, [member]);
  return value;
}

export const scopeOf = (ctx: RequestContext): Scope => ({ account: ctx.account, region: ctx.region });
export const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/**
 * Drop undefined members (outputs stay minimal, like AWS's). `T` comes from where the result
 * goes (the handler's SDK result type, a parameter), never from the literal, so the literal is
 * checked against it: a member the SDK shape does not have is a compile error.
 */
export function compact<T extends object>(o: NoInfer<T>): T {
  for (const [k, v] of Object.entries(o)) if (v === undefined) Reflect.deleteProperty(o, k);
  return o;
}

/** Whether a string is one of an enum's values (narrows it to the SDK's union). */
export const isOneOf = <const T extends string>(allowed: readonly T[], value: string): value is T => allowed.some((a) => a === value);

/**
 * A value the registry or engine stores as a plain string after the service checked it against
 * the model's enum (checkEnum): back to the SDK's union for an output.
 */
export function storedEnum<const T extends string>(allowed: readonly T[], value: string): T {
  if (isOneOf(allowed, value)) return value;
  throw new Error(`stored value '${value}' is not one of ${allowed.join(', ')}`);
}

// ---- ARNs ----

export interface ParsedArn {
  arn: string;
  partition: string;
  region: string;
  account: string;
  /** `stateMachine`, `execution`, `express`, `activity`, `mapRun`, ... */
  resourceType: string;
  /** The colon-separated parts after the resource type. */
  parts: string[];
}

export const invalidArn = (detail: string): AwsError => sfnError('InvalidArn', `Invalid Arn: '${detail}'`);

/** Any Step Functions ARN; `Invalid Arn: 'Invalid ARN prefix: x'` when it is not one. */
export function parseArn(arn: string): ParsedArn {
  if (!arn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${arn}`);
  const p = arn.split(':');
  // unverified text (AWS's wording for a malformed `arn:` string is not recorded)
  if (p.length < 7 || p[2] !== 'states' || !p[6]) throw invalidArn(`Invalid ARN: ${arn}`);
  return { arn, partition: p[1]!, region: p[3]!, account: p[4]!, resourceType: p[5]!, parts: p.slice(6) };
}

function wrongType(type: string): AwsError {
  return invalidArn(`Resource type not valid in this context: ${type}`);
}

export type MachineRef =
  | { kind: 'machine'; machineArn: string; arn: string }
  | { kind: 'version'; machineArn: string; arn: string; version: number }
  | { kind: 'alias'; machineArn: string; arn: string; alias: string };

/** A state machine, version (`…:N:1`) or alias (`…:N:alias`) ARN. */
export function parseMachineRef(arn: string): MachineRef {
  const a = parseArn(arn);
  if (a.resourceType !== 'stateMachine') throw wrongType(a.resourceType);
  const [name, qualifier, extra] = a.parts;
  if (extra !== undefined) throw invalidArn(`Invalid ARN: ${arn}`); // unverified text
  const machineArn = `arn:${a.partition}:states:${a.region}:${a.account}:stateMachine:${name}`;
  if (qualifier === undefined) return { kind: 'machine', machineArn, arn };
  if (/^\d+$/.test(qualifier)) return { kind: 'version', machineArn, arn, version: Number(qualifier) };
  return { kind: 'alias', machineArn, arn, alias: qualifier };
}

/** A Standard execution ARN; Express ARNs are refused as AWS refuses them. */
export function checkExecutionArn(arn: string): ParsedArn {
  const a = parseArn(arn);
  if (a.resourceType !== 'execution') throw wrongType(a.resourceType);
  return a;
}

export function checkActivityArn(arn: string): ParsedArn {
  const a = parseArn(arn);
  if (a.resourceType !== 'activity') throw wrongType(a.resourceType);
  return a;
}

export function checkMapRunArn(arn: string): ParsedArn {
  const a = parseArn(arn);
  if (a.resourceType !== 'mapRun') throw wrongType(a.resourceType);
  return a;
}

/** IAM role ARN check for roleArn members. */
export function checkRoleArn(arn: string): void {
  if (!arn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${arn}`);
  // unverified text
  if (!/^arn:[\w-]+:iam::\d{12}:role\/.+$/.test(arn)) throw invalidArn(`Invalid role ARN: ${arn}`);
}

// ---- names and constraints ----

/** No whitespace, brackets, wildcards, special characters or control characters; 1–80 long. */
// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

export function checkName(name: string, member = 'name'): void {
  if (name.length > 80) throw lengthAtMost(member, name, 80);
  if (name.length === 0 || BAD_NAME.test(name)) throw sfnError('InvalidName', `Invalid Name: '${name}'`);
}

export const lengthAtMost = (member: string, value: string, max: number): AwsError =>
  validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);

export function checkRange(member: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (value > max)
    throw validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  if (value < min)
    throw validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
}

/**
 * An enum member: the SDK types it as the model's union of values, but the parsers deliver any
 * string (AWS checks the value set in the service, with this message), so it is checked here.
 */
export function checkEnum<const T extends string>(member: string, value: string | undefined, allowed: readonly T[]): asserts value is T | undefined {
  if (value === undefined || isOneOf(allowed, value)) return;
  throw validation(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}

// ---- payload quotas ----

/** The model's `Definition` max length (CreateStateMachine, UpdateStateMachine, ValidateStateMachineDefinition, TestState). */
export const MAX_DEFINITION = 1_048_576;
/** The model's `SensitiveData` max length: execution input, task output, TestState input/variables/context. */
export const MAX_DATA = 262_144;

/**
 * A too-long sensitive member (definition, input, output). The API reference says these lengths
 * are "expressed as bytes in UTF-8 encoding". AWS names a sensitive member without its value,
 * as recorded for KMS: `1 validation error detected: Value at 'plaintext' failed to satisfy
 * constraint: Member must have length less than or equal to 4096`.
 */
export function checkDataLength(member: string, value: string | undefined, max: number): void {
  if (value === undefined || value.length * 3 <= max || Buffer.byteLength(value, 'utf8') <= max) return;
  // unverified text (not recorded for Step Functions: the model's constraint in AWS's sensitive-member form)
  throw validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
}

/** JSON text check for execution input and task output. */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Valid JSON nested deeper than Jackson's default limit (1000): AWS parses payloads with
 * Jackson, so it is refused like a parse error (`Invalid State Machine Execution Input: '…'`).
 */
export function checkNesting(text: string, error: (detail: string) => AwsError): void {
  const depth = excessiveNesting(text);
  // unverified text (Jackson 2.15+'s StreamConstraintsException message inside AWS's usual wrapper)
  if (depth !== undefined) throw error(nestingDepthMessage(depth));
}

export const executionInputError = (detail: string): AwsError => sfnError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);

/** AWS quotes Jackson's parse error; we approximate its two commonest forms. */
export function invalidExecutionInput(text: string): AwsError {
  let detail = 'Invalid execution input.';
  const t = text.trimStart();
  if (t.length > 0) {
    const token = /^[A-Za-z_][\w]*/.exec(t)?.[0];
    if (token) detail = `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
    else if (t.startsWith('{') && /^\{\s*'/.test(t)) detail = "Unexpected character (''' (code 39)): was expecting double-quote to start field name";
    else detail = `Unexpected character ('${t[0]}' (code ${t.charCodeAt(0)})): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`; // unverified text
  }
  return sfnError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);
}

// ---- paging ----

/**
 * Opaque nextToken (base64 of an offset). maxResults 0 means the default page (100), at most
 * 1000; the token's length limit is per operation (1024, ListExecutions 3096).
 */
export function page<T>(all: readonly T[], input: { nextToken?: string | undefined; maxResults?: number | undefined }, tokenMax = 1024): Page<T> {
  const token = input.nextToken;
  checkRange('maxResults', input.maxResults, 0, 1000);
  if (token !== undefined && token.length > tokenMax) throw lengthAtMost('nextToken', token, tokenMax);
  const size = input.maxResults !== undefined && input.maxResults > 0 ? input.maxResults : 100;
  return pageByOffset(all, token, size, sfnTokens, () => sfnError('InvalidToken', "Invalid Token: 'Invalid token'"));
}

const sfnTokens = offsetTokens({ prefix: 'sfn:', syntax: 'digits' });

// ---- tags ----

export function tagRecord(tags: readonly sdk.Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.key !== undefined) out[t.key] = t.value ?? '';
  return out;
}

export const tagList = (tags: ReadonlyMap<string, string>): sdk.Tag[] => [...tags].map(([key, value]) => ({ key, value }));
