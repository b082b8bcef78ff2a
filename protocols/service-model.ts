/**
 * What a protocol needs to know about one AWS service: how requests name it, its operation
 * schemas and its modeled errors, all read from the `@aws-sdk/client-*` package's exports.
 */
import type { StaticOperationSchema } from '@smithy/types';
import { AwsError } from './errors.js';
import { NormalizedSchema, operationModel, type OperationModel } from './schema.js';

/** `cbor`: AWS JSON 1.1 framing with a CBOR body (`application/x-amz-cbor-1.1`). */
export type ProtocolName = 'json' | 'query' | 'cbor' | 'restJson1';

export interface ModeledError {
  name: string;
  status: number;
  queryCode: string;
  fault: 'Sender' | 'Receiver';
}

/** A step in the path to a bad member: a member name, a 1-based list index, or a map key. */
export type PathSeg = string | number | { key: string };

/** Path steps as a parent-linked list: cheap to extend while parsing, flattened only on error. */
export interface PathNode {
  seg: PathSeg;
  parent: PathNode | undefined;
}

export function pathSegments(at: PathNode | undefined): PathSeg[] {
  const out: PathSeg[] = [];
  for (let n = at; n; n = n.parent) out.push(n.seg);
  return out.reverse();
}

/**
 * How a service words the errors the protocol layer itself raises (AWS differs per service).
 * `member` is the wire path as text; `path` the same path in model terms.
 */
export interface ValidationErrors {
  missing(member: string, path: PathSeg[]): AwsError;
  invalidValue(member: string, value: string, path: PathSeg[]): AwsError;
}

export interface ServiceModel {
  /** Signalbox's service id and the SigV4 signing name. */
  id: string;
  /** The name people know it by, for messages and logs (SQS, SNS, EventBridge). */
  label: string;
  signingName: string;
  /** Smithy namespace, e.g. com.amazonaws.sqs (JSON `__type` prefix). */
  namespace: string;
  protocols: ProtocolName[];
  targetPrefix?: string;
  jsonVersion?: '1.0' | '1.1';
  queryVersion?: string;
  xmlNamespace?: string;
  /** awsQueryCompatible: JSON errors also carry `x-amzn-query-error`. */
  queryCompatible: boolean;
  operations: Map<string, OperationModel>;
  errors: Map<string, ModeledError>;
  validation: ValidationErrors;
  /**
   * restJson1: members a service adds to every error body besides the message (Lambda's
   * `"Type": "User" | "Service"`). The message goes under the error shape's own member name.
   */
  restErrorFields?: (err: AwsError) => Record<string, unknown>;
  /** The error shapes themselves: REST protocols bind their members (message casing, headers). */
  errorSchemas?: Map<string, NormalizedSchema>;
}

type SdkModule = Record<string, unknown>;

/** Collect `Op$` (operation) and error schemas from an SDK client module's exports. */
export function readSdkSchemas(sdk: SdkModule): {
  operations: Map<string, OperationModel>;
  errors: Map<string, ModeledError>;
  errorSchemas: Map<string, NormalizedSchema>;
} {
  const operations = new Map<string, OperationModel>();
  const errors = new Map<string, ModeledError>();
  const errorSchemas = new Map<string, NormalizedSchema>();
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith('$') || !Array.isArray(value)) continue;
    if (value[0] === 9) {
      const op = operationModel(value as unknown as StaticOperationSchema);
      operations.set(op.name, op);
    } else if (value[0] === -3) {
      const ns = NormalizedSchema.of(value as never);
      const traits = ns.getMergedTraits() as Record<string, unknown>;
      const name = value[2] as string;
      if (!traits.error) continue; // the synthetic base exception
      const legacy = traits.awsQueryError as [string, number] | undefined;
      const status = legacy?.[1] ?? (traits.httpError as number | undefined) ?? (traits.error === 'server' ? 500 : 400);
      errors.set(name, {
        name,
        status,
        queryCode: legacy?.[0] ?? name,
        fault: traits.error === 'server' ? 'Receiver' : 'Sender',
      });
      errorSchemas.set(name, ns);
    }
  }
  return { operations, errors, errorSchemas };
}

/** Build the AwsError for a modeled error of a service. */
export function modeledError(model: ServiceModel, name: string, message?: string): AwsError {
  const e = model.errors.get(name);
  if (!e) throw new Error(`${model.id} has no modeled error ${name}`);
  return new AwsError({ name, message, status: e.status, queryCode: e.queryCode, fault: e.fault, namespace: model.namespace });
}
