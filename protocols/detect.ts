/**
 * Which service, protocol and operation a request is for (design §1), from in order: the
 * `X-Amz-Target` prefix, the SigV4 scope of a REST (restJson1) service with its method + path, a
 * form `Action` (service from the SigV4 scope, the `Version`, or whichever model has that
 * operation), then the path (SQS queue paths, REST routes of unsigned requests). Undefined: not an AWS protocol request.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProtocolName, ServiceModel } from './service-model.js';
import { formParams } from './query/parse.js';
import { routeRequest } from './rest-json/index.js';
import type { RouteMatch } from './rest-json/router.js';

export interface RawRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query string (no `?`), possibly empty. */
  query: string;
  headers: IncomingHttpHeaders;
  /** Node's name/value list, when the transport has it (SigV4 needs repeated headers apart). */
  rawHeaders?: readonly string[];
  body: Buffer;
}

export interface Detected {
  model: ServiceModel;
  protocol: ProtocolName;
  /** Empty when the request names no operation (query without Action). */
  operation: string;
  /** Query protocol: the merged URL and form parameters. */
  params?: URLSearchParams;
  /** restJson1: the matched route and its label values. */
  rest?: RouteMatch;
}

export interface CredentialScope {
  accessKey: string;
  region: string;
  service: string;
}

const SCOPE_RE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** SigV4 credential scope from the Authorization header or a presigned query string. */
export function credentialScope(headers: IncomingHttpHeaders, query: string): CredentialScope | undefined {
  const auth = headers.authorization;
  let m = typeof auth === 'string' ? SCOPE_RE.exec(auth) : null;
  if (!m && query.includes('X-Amz-Credential')) {
    const cred = new URLSearchParams(query).get('X-Amz-Credential');
    if (cred) m = SCOPE_RE.exec(`Credential=${cred}`);
  }
  return m ? { accessKey: m[1]!, region: m[2]!, service: m[3]! } : undefined;
}

/** A CBOR body for a JSON 1.1 service that lists `cbor` (the Java SDKs' Kinesis calls). */
function isCbor(headers: IncomingHttpHeaders, model: ServiceModel): boolean {
  const ct = headers['content-type'];
  return typeof ct === 'string' && ct.startsWith('application/x-amz-cbor-1.1') && model.jsonVersion === '1.1' && model.protocols.includes('cbor');
}

function isForm(headers: IncomingHttpHeaders): boolean {
  const ct = headers['content-type'];
  return typeof ct === 'string' && ct.startsWith('application/x-www-form-urlencoded');
}

export function detect(req: RawRequest, models: readonly ServiceModel[]): Detected | undefined {
  const target = req.headers['x-amz-target'];
  // A form body naming an Action is a query request whatever X-Amz-Target says: its answer must
  // be query XML. Anything else with a target is JSON (as the SDKs' JSON clients send it).
  if (typeof target === 'string' && target && !(isForm(req.headers) && formParams(req.body).has('Action'))) {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const model = models.find((m) => m.targetPrefix === prefix && m.protocols.includes('json'));
    if (!model) return undefined;
    return { model, protocol: isCbor(req.headers, model) ? 'cbor' : 'json', operation: target.slice(dot + 1) };
  }

  // REST services: the SigV4 scope names the service, the method and path the operation. A
  // scope naming a REST service with no matching route is that service's unknown operation.
  const restModels = models.filter((m) => m.protocols.includes('restJson1'));
  const scope = credentialScope(req.headers, req.query);
  if (restModels.length) {
    const scoped = scope && restModels.find((m) => m.signingName === scope.service);
    if (scoped) return detectRest(scoped, req) ?? { model: scoped, protocol: 'restJson1', operation: '' };
  }

  const urlParams = req.query ? new URLSearchParams(req.query) : undefined;
  const bodyParams = req.method === 'POST' && (isForm(req.headers) || req.body.length === 0 || !req.headers['content-type']) ? formParams(req.body) : undefined;
  const params = new URLSearchParams();
  for (const source of [urlParams, bodyParams]) if (source) for (const [k, v] of source) params.append(k, v);
  const action = params.get('Action') ?? '';
  const version = params.get('Version');
  const queryModels = models.filter((m) => m.protocols.includes('query'));

  let model = scope && queryModels.find((m) => m.signingName === scope.service);
  model ??= version ? queryModels.find((m) => m.queryVersion === version) : undefined;
  model ??= action ? queryModels.find((m) => m.operations.has(action)) : undefined;
  if (!model && /^\/\d{12}\/[^/]+\/?$/.test(req.path)) model = queryModels.find((m) => m.id === 'sqs');
  if (!model) {
    // No scope (an unsigned request) and no query Action: the first REST model whose routes match.
    if (!action && !scope) {
      for (const m of restModels) {
        const d = detectRest(m, req);
        if (d) return d;
      }
    }
    return undefined;
  }
  if (!action && !isForm(req.headers) && !scope) return undefined;
  return { model, protocol: 'query', operation: action, params };
}

function detectRest(model: ServiceModel, req: RawRequest): Detected | undefined {
  const rest = routeRequest(model, req);
  return rest ? { model, protocol: 'restJson1', operation: rest.route.operation, rest } : undefined;
}
