/**
 * A request for an AWS service Signalbox does not serve (Kinesis, Lambda, DynamoDB, S3, ...) is
 * answered in that service's own protocol, so the SDK raises a named error with a readable
 * message instead of failing to parse an SQS-shaped body:
 * - JSON 1.0/1.1 (`X-Amz-Target`): `{"__type","message"}` with the request's content type;
 * - CBOR (`application/x-amz-cbor-1.1`, Java's Kinesis) and Smithy RPC v2 CBOR: the same map, CBOR-encoded;
 * - query (a form `Action`): `<ErrorResponse>`, and EC2's `<Response><Errors>` for ec2;
 * - restJson1 (signed, no target: Lambda, API Gateway, Schemas, ...): `x-amzn-errortype` and `{"message","Message"}`;
 * - restXml: S3's `<Error>` and Route 53 / CloudFront's `<ErrorResponse>`.
 * Status 501 `NotImplemented`: the SDKs' standard retry strategies retry 500, 502, 503 and 504
 * (and throttling) but class 501 as a non-retryable server error (@smithy/service-error-classification
 * TRANSIENT_ERROR_STATUS_CODES; botocore retries the same four), so the caller sees it at once.
 */
import { randomUUID } from 'node:crypto';
import { credentialScope, type RawRequest, type ServiceModel } from '../../protocols/index.js';

export type UnservedProtocol = 'json' | 'cbor' | 'rpcv2Cbor' | 'query' | 'ec2' | 'restJson1' | 'restXml' | 's3';

export interface UnservedCall {
  /** The SigV4 signing name or the target's service (kinesis, lambda, dynamodb, ...). */
  service: string;
  /** The operation (PutRecord, ListFunctions), or method and path when it cannot be named. */
  operation: string;
  protocol: UnservedProtocol;
}

export const UNSERVED_CODE = 'NotImplemented';
export const UNSERVED_STATUS = 501;

/** X-Amz-Target prefixes of common JSON services, for requests that are not signed. */
const TARGET_SERVICES: Readonly<Record<string, string>> = {
  Kinesis_20131202: 'kinesis',
  DynamoDB_20120810: 'dynamodb',
  DynamoDBStreams_20120810: 'dynamodb',
  Logs_20140328: 'logs',
  Firehose_20150804: 'firehose',
  TrentService: 'kms',
  AmazonSSM: 'ssm',
  secretsmanager: 'secretsmanager',
  AWSCognitoIdentityProviderService: 'cognito-idp',
  AmazonEC2ContainerServiceV20141113: 'ecs',
  AmazonEC2ContainerRegistry_V20150921: 'ecr',
  AWSWAF_20150824: 'waf',
  GraniteServiceVersion20100801: 'monitoring',
};

/**
 * Display names and the AWS_ENDPOINT_URL_<SERVICE> suffix (the service id, upper case, spaces as
 * underscores); anything else is shown by its signing name.
 */
const NAMES: Readonly<Record<string, [label: string, env: string]>> = {
  kinesis: ['Kinesis', 'KINESIS'],
  lambda: ['Lambda', 'LAMBDA'],
  apigateway: ['API Gateway', 'API_GATEWAY'],
  'execute-api': ['API Gateway (execute-api)', 'API_GATEWAY'],
  schemas: ['EventBridge Schemas', 'SCHEMAS'],
  logs: ['CloudWatch Logs', 'CLOUDWATCH_LOGS'],
  monitoring: ['CloudWatch', 'CLOUDWATCH'],
  dynamodb: ['DynamoDB', 'DYNAMODB'],
  s3: ['S3', 'S3'],
  sts: ['STS', 'STS'],
  iam: ['IAM', 'IAM'],
  kms: ['KMS', 'KMS'],
  ssm: ['Systems Manager', 'SSM'],
  secretsmanager: ['Secrets Manager', 'SECRETS_MANAGER'],
  firehose: ['Data Firehose', 'FIREHOSE'],
  cloudformation: ['CloudFormation', 'CLOUDFORMATION'],
  ec2: ['EC2', 'EC2'],
  route53: ['Route 53', 'ROUTE_53'],
  cloudfront: ['CloudFront', 'CLOUDFRONT'],
};

const REST_XML = new Set(['route53', 'cloudfront']);
const S3_NAMES = new Set(['s3', 's3-object-lambda', 's3express']);

/**
 * Lambda's operations by HTTP binding, from the @aws-sdk/client-lambda 3.1178.0 model's http
 * traits (`METHOD path Operation`; a `?name=value` must be in the query).
 */
const LAMBDA_ROUTES: readonly string[] = [
  "POST /2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy AddLayerVersionPermission",
  "POST /2015-03-31/functions/{FunctionName}/policy AddPermission",
  "POST /2025-12-01/durable-executions/{DurableExecutionArn}/checkpoint CheckpointDurableExecution",
  "POST /2015-03-31/functions/{FunctionName}/aliases CreateAlias",
  "POST /2025-11-30/capacity-providers CreateCapacityProvider",
  "POST /2020-04-22/code-signing-configs CreateCodeSigningConfig",
  "POST /2015-03-31/event-source-mappings CreateEventSourceMapping",
  "POST /2015-03-31/functions CreateFunction",
  "POST /2021-10-31/functions/{FunctionName}/url CreateFunctionUrlConfig",
  "DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name} DeleteAlias",
  "DELETE /2025-11-30/capacity-providers/{CapacityProviderName} DeleteCapacityProvider",
  "DELETE /2020-04-22/code-signing-configs/{CodeSigningConfigArn} DeleteCodeSigningConfig",
  "DELETE /2025-12-01/durable-executions/{DurableExecutionArn} DeleteDurableExecution",
  "DELETE /2015-03-31/event-source-mappings/{UUID} DeleteEventSourceMapping",
  "DELETE /2015-03-31/functions/{FunctionName} DeleteFunction",
  "DELETE /2020-06-30/functions/{FunctionName}/code-signing-config DeleteFunctionCodeSigningConfig",
  "DELETE /2017-10-31/functions/{FunctionName}/concurrency DeleteFunctionConcurrency",
  "DELETE /2019-09-25/functions/{FunctionName}/event-invoke-config DeleteFunctionEventInvokeConfig",
  "DELETE /2021-10-31/functions/{FunctionName}/url DeleteFunctionUrlConfig",
  "DELETE /2018-10-31/layers/{LayerName}/versions/{VersionNumber} DeleteLayerVersion",
  "DELETE /2019-09-30/functions/{FunctionName}/provisioned-concurrency DeleteProvisionedConcurrencyConfig",
  "DELETE /2026-07-09/resource-policy/{ResourceArn} DeleteResourcePolicy",
  "GET /2016-08-19/account-settings GetAccountSettings",
  "GET /2015-03-31/functions/{FunctionName}/aliases/{Name} GetAlias",
  "GET /2025-11-30/capacity-providers/{CapacityProviderName} GetCapacityProvider",
  "GET /2020-04-22/code-signing-configs/{CodeSigningConfigArn} GetCodeSigningConfig",
  "GET /2025-12-01/durable-executions/{DurableExecutionArn} GetDurableExecution",
  "GET /2025-12-01/durable-executions/{DurableExecutionArn}/history GetDurableExecutionHistory",
  "GET /2025-12-01/durable-executions/{DurableExecutionArn}/state GetDurableExecutionState",
  "GET /2015-03-31/event-source-mappings/{UUID} GetEventSourceMapping",
  "GET /2015-03-31/functions/{FunctionName} GetFunction",
  "GET /2020-06-30/functions/{FunctionName}/code-signing-config GetFunctionCodeSigningConfig",
  "GET /2019-09-30/functions/{FunctionName}/concurrency GetFunctionConcurrency",
  "GET /2015-03-31/functions/{FunctionName}/configuration GetFunctionConfiguration",
  "GET /2019-09-25/functions/{FunctionName}/event-invoke-config GetFunctionEventInvokeConfig",
  "GET /2024-08-31/functions/{FunctionName}/recursion-config GetFunctionRecursionConfig",
  "GET /2025-11-30/functions/{FunctionName}/function-scaling-config GetFunctionScalingConfig",
  "GET /2021-10-31/functions/{FunctionName}/url GetFunctionUrlConfig",
  "GET /2018-10-31/layers/{LayerName}/versions/{VersionNumber} GetLayerVersion",
  "GET /2018-10-31/layers?find=LayerVersion GetLayerVersionByArn",
  "GET /2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy GetLayerVersionPolicy",
  "GET /2015-03-31/functions/{FunctionName}/policy GetPolicy",
  "GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency GetProvisionedConcurrencyConfig",
  "GET /2026-07-09/resource-policy/{ResourceArn} GetResourcePolicy",
  "GET /2021-07-20/functions/{FunctionName}/runtime-management-config GetRuntimeManagementConfig",
  "POST /2015-03-31/functions/{FunctionName}/invocations Invoke",
  "POST /2014-11-13/functions/{FunctionName}/invoke-async InvokeAsync",
  "POST /2021-11-15/functions/{FunctionName}/response-streaming-invocations InvokeWithResponseStream",
  "GET /2015-03-31/functions/{FunctionName}/aliases ListAliases",
  "GET /2025-11-30/capacity-providers ListCapacityProviders",
  "GET /2020-04-22/code-signing-configs ListCodeSigningConfigs",
  "GET /2025-12-01/functions/{FunctionName}/durable-executions ListDurableExecutionsByFunction",
  "GET /2015-03-31/event-source-mappings ListEventSourceMappings",
  "GET /2019-09-25/functions/{FunctionName}/event-invoke-config/list ListFunctionEventInvokeConfigs",
  "GET /2015-03-31/functions ListFunctions",
  "GET /2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions ListFunctionsByCodeSigningConfig",
  "GET /2021-10-31/functions/{FunctionName}/urls ListFunctionUrlConfigs",
  "GET /2025-11-30/capacity-providers/{CapacityProviderName}/function-versions ListFunctionVersionsByCapacityProvider",
  "GET /2018-10-31/layers ListLayers",
  "GET /2018-10-31/layers/{LayerName}/versions ListLayerVersions",
  "GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency?List=ALL ListProvisionedConcurrencyConfigs",
  "GET /2017-03-31/tags/{Resource} ListTags",
  "GET /2015-03-31/functions/{FunctionName}/versions ListVersionsByFunction",
  "POST /2025-12-01/durable-executions/{DurableExecutionArn}/pause PauseDurableExecution",
  "POST /2018-10-31/layers/{LayerName}/versions PublishLayerVersion",
  "POST /2015-03-31/functions/{FunctionName}/versions PublishVersion",
  "PUT /2020-06-30/functions/{FunctionName}/code-signing-config PutFunctionCodeSigningConfig",
  "PUT /2017-10-31/functions/{FunctionName}/concurrency PutFunctionConcurrency",
  "PUT /2019-09-25/functions/{FunctionName}/event-invoke-config PutFunctionEventInvokeConfig",
  "PUT /2024-08-31/functions/{FunctionName}/recursion-config PutFunctionRecursionConfig",
  "PUT /2025-11-30/functions/{FunctionName}/function-scaling-config PutFunctionScalingConfig",
  "PUT /2019-09-30/functions/{FunctionName}/provisioned-concurrency PutProvisionedConcurrencyConfig",
  "PUT /2026-07-09/resource-policy/{ResourceArn} PutResourcePolicy",
  "PUT /2021-07-20/functions/{FunctionName}/runtime-management-config PutRuntimeManagementConfig",
  "DELETE /2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId} RemoveLayerVersionPermission",
  "DELETE /2015-03-31/functions/{FunctionName}/policy/{StatementId} RemovePermission",
  "POST /2025-12-01/durable-executions/{DurableExecutionArn}/resume ResumeDurableExecution",
  "POST /2025-12-01/durable-execution-callbacks/{CallbackId}/fail SendDurableExecutionCallbackFailure",
  "POST /2025-12-01/durable-execution-callbacks/{CallbackId}/heartbeat SendDurableExecutionCallbackHeartbeat",
  "POST /2025-12-01/durable-execution-callbacks/{CallbackId}/succeed SendDurableExecutionCallbackSuccess",
  "POST /2025-12-01/durable-executions/{DurableExecutionArn}/stop StopDurableExecution",
  "POST /2017-03-31/tags/{Resource} TagResource",
  "DELETE /2017-03-31/tags/{Resource} UntagResource",
  "PUT /2015-03-31/functions/{FunctionName}/aliases/{Name} UpdateAlias",
  "PUT /2025-11-30/capacity-providers/{CapacityProviderName} UpdateCapacityProvider",
  "PUT /2020-04-22/code-signing-configs/{CodeSigningConfigArn} UpdateCodeSigningConfig",
  "PUT /2015-03-31/event-source-mappings/{UUID} UpdateEventSourceMapping",
  "PUT /2015-03-31/functions/{FunctionName}/code UpdateFunctionCode",
  "PUT /2015-03-31/functions/{FunctionName}/configuration UpdateFunctionConfiguration",
  "POST /2019-09-25/functions/{FunctionName}/event-invoke-config UpdateFunctionEventInvokeConfig",
  "PUT /2021-10-31/functions/{FunctionName}/url UpdateFunctionUrlConfig",
];

interface Route {
  method: string;
  segments: (string | null)[];
  greedy: boolean;
  query: [string, string] | undefined;
  operation: string;
  literals: number;
}

let lambdaRoutes: Route[] | undefined;

function compileRoutes(lines: readonly string[]): Route[] {
  const routes = lines.map((line) => {
    const [method, uri, operation] = line.split(' ') as [string, string, string];
    const [path, q] = uri.split('?') as [string, string | undefined];
    const parts = path.split('/').slice(1);
    const greedy = parts.some((p) => p.endsWith('+}'));
    const segments = parts.map((p) => (p.startsWith('{') ? null : p));
    const query = q ? (q.split('=') as [string, string]) : undefined;
    return { method, segments, greedy, query, operation, literals: segments.filter((s) => s !== null).length + (query ? 1 : 0) };
  });
  // Most specific first: a query requirement or more literal segments wins.
  return routes.sort((a, b) => b.literals - a.literals);
}

/** Lambda's operation for a method and path, if one of its routes matches. */
export function lambdaOperation(method: string, path: string, query: string): string | undefined {
  lambdaRoutes ??= compileRoutes(LAMBDA_ROUTES);
  const parts = path.replace(/\/$/, '').split('/').slice(1);
  const params = query ? new URLSearchParams(query) : undefined;
  for (const r of lambdaRoutes) {
    if (r.method !== method) continue;
    if (r.greedy ? parts.length < r.segments.length : parts.length !== r.segments.length) continue;
    if (!r.segments.every((s, i) => s === null ? parts[i] !== '' : s === parts[i])) continue;
    if (r.query && params?.get(r.query[0]) !== r.query[1]) continue;
    return r.operation;
  }
  return undefined;
}

function header(raw: RawRequest, name: string): string {
  const v = raw.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
}

function formAction(raw: RawRequest): string | undefined {
  const fromQuery = raw.query ? new URLSearchParams(raw.query).get('Action') : null;
  if (fromQuery) return fromQuery;
  if (raw.method !== 'POST' || !header(raw, 'content-type').startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(raw.body.toString('utf8')).get('Action') ?? undefined;
}

/**
 * What an unclaimed request asks for, or undefined when it is not an AWS API request (not
 * signed, no X-Amz-Target, no Smithy protocol header): those go to the developer endpoints.
 */
export function identifyUnserved(raw: RawRequest): UnservedCall | undefined {
  const target = header(raw, 'x-amz-target');
  const scope = credentialScope(raw.headers, raw.query);
  const smithy = header(raw, 'smithy-protocol');
  if (!target && !scope && !smithy) return undefined;
  const contentType = header(raw, 'content-type').toLowerCase();
  if (smithy === 'rpc-v2-cbor') {
    // POST /service/{ServiceName}/operation/{OperationName}
    const m = /\/service\/([^/]+)\/operation\/([^/]+)$/.exec(raw.path);
    return { service: scope?.service ?? m?.[1] ?? 'unknown', operation: m?.[2] ?? `${raw.method} ${raw.path}`, protocol: 'rpcv2Cbor' };
  }
  if (target) {
    const dot = target.lastIndexOf('.');
    const prefix = dot >= 0 ? target.slice(0, dot) : target;
    const service = scope?.service ?? TARGET_SERVICES[prefix] ?? prefix;
    return { service, operation: dot >= 0 ? target.slice(dot + 1) : target, protocol: contentType.includes('cbor') ? 'cbor' : 'json' };
  }
  const service = scope!.service;
  const action = formAction(raw);
  if (action) return { service, operation: action, protocol: service === 'ec2' ? 'ec2' : 'query' };
  const protocol: UnservedProtocol = S3_NAMES.has(service) ? 's3' : REST_XML.has(service) ? 'restXml' : 'restJson1';
  const operation = (service === 'lambda' ? lambdaOperation(raw.method, raw.path, raw.query) : undefined) ?? `${raw.method} ${raw.path}`;
  return { service, operation, protocol };
}

export function serviceLabel(service: string): string {
  return NAMES[service]?.[0] ?? service;
}

/** The error text: the service and operation, what Signalbox serves, and what to do. */
export function unservedMessage(call: UnservedCall, models: readonly ServiceModel[]): string {
  const served = models.map((m) => m.label);
  const list = served.length > 1 ? `${served.slice(0, -1).join(', ')} and ${served[served.length - 1]}` : (served[0] ?? '');
  const label = serviceLabel(call.service);
  const named = label === call.service ? `"${call.service}"` : `${label} ("${call.service}")`;
  return (
    `Signalbox does not serve ${named}, so ${call.operation} was not run. Signalbox serves ${list} on this endpoint; ` +
    `send ${label} calls to AWS or to another emulator (for example with a per-service endpoint: AWS_ENDPOINT_URL_${NAMES[call.service]?.[1] ?? '<SERVICE>'}).`
  );
}

/** Element text: only &, < and > need escaping (the messages go in no attribute). */
function escapeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

type CborEncode = (value: unknown) => Uint8Array;
let cborEncode: CborEncode | undefined;

/** Load the CBOR encoder (@smithy/core/cbor) on first use: most servers never need it. */
async function cbor(): Promise<CborEncode> {
  if (!cborEncode) {
    const m = await import('@smithy/core/cbor');
    cborEncode = (value) => m.cbor.serialize(value);
  }
  return cborEncode;
}

export interface UnservedResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** The 501 NotImplemented answer for `call`, in its protocol, with `x-amzn-requestid` and `content-length`. */
export async function unservedResponse(call: UnservedCall, raw: RawRequest, message: string): Promise<UnservedResponse> {
  const requestId = randomUUID();
  const code = UNSERVED_CODE;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  let body: string | Buffer;
  switch (call.protocol) {
    case 'json': {
      const ct = header(raw, 'content-type').toLowerCase();
      headers['content-type'] = /^application\/x-amz-json-1\.[01]/.test(ct) ? ct.slice(0, 26) : 'application/x-amz-json-1.1';
      headers['x-amzn-errortype'] = code;
      body = JSON.stringify({ __type: code, message });
      break;
    }
    case 'cbor':
      headers['content-type'] = 'application/x-amz-cbor-1.1';
      headers['x-amzn-errortype'] = code;
      body = Buffer.from((await cbor())({ __type: code, message }));
      break;
    case 'rpcv2Cbor':
      headers['content-type'] = 'application/cbor';
      headers['smithy-protocol'] = 'rpc-v2-cbor';
      body = Buffer.from((await cbor())({ __type: code, message }));
      break;
    case 'restJson1':
      headers['content-type'] = 'application/json';
      headers['x-amzn-errortype'] = code;
      body = JSON.stringify({ message, Message: message });
      break;
    case 'query': {
      const version = new URLSearchParams(raw.method === 'POST' ? raw.body.toString('utf8') : raw.query).get('Version') ?? new URLSearchParams(raw.query).get('Version');
      // Most query services' namespace is https://<service>.amazonaws.com/doc/<Version>/; the SDKs do not read it.
      const xmlns = version && /^[\d-]+$/.test(version) ? ` xmlns="https://${call.service}.amazonaws.com/doc/${version}/"` : '';
      headers['content-type'] = 'text/xml';
      body =
        `<?xml version="1.0"?><ErrorResponse${xmlns}><Error><Type>Receiver</Type><Code>${code}</Code>` +
        `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
      break;
    }
    case 'ec2':
      headers['content-type'] = 'text/xml';
      body =
        `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
        `</Error></Errors><RequestID>${requestId}</RequestID></Response>`;
      break;
    case 's3':
      headers['content-type'] = 'application/xml';
      body =
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
        `<RequestId>${requestId}</RequestId></Error>`;
      break;
    case 'restXml':
      headers['content-type'] = 'text/xml';
      body =
        `<?xml version="1.0"?><ErrorResponse><Error><Type>Receiver</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
        `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
      break;
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  return { status: UNSERVED_STATUS, headers, body };
}
