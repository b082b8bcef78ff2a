/**
 * restJson1 (Lambda, API Gateway, Schemas): one router per model, built on first use, plus the
 * request parser and response serializers. detect.ts and protocols/index.ts call these.
 *
 * LIMITATIONS: the request Content-Type is not checked (no 415: the JS SDK sends Invoke as
 * application/octet-stream, botocore sends none); event-stream inputs and outputs
 * (InvokeWithResponseStream's response) belong to the event-stream encoder; `endpoint`
 * host prefixes, `@httpChecksum` and `@requestCompression` are ignored.
 */
import type { RawRequest } from '../detect.js';
import { compiledOperation } from '../operations.js';
import type { ServiceModel } from '../service-model.js';
import { parseRestJsonRequest } from './parse.js';
import { RestRouter, type RouteMatch } from './router.js';
import { serializeRestJsonOutput, type RestWireResponse } from './serialize.js';

export { RestRouter } from './router.js';
export type { Route, RouteMatch } from './router.js';
export { serializeRestJsonError } from './serialize.js';
export type { RestWireResponse } from './serialize.js';

const routers = new WeakMap<ServiceModel, RestRouter>();

export function routerFor(model: ServiceModel): RestRouter {
  let r = routers.get(model);
  if (!r) {
    r = new RestRouter([...model.operations.values()]);
    routers.set(model, r);
  }
  return r;
}

export function routeRequest(model: ServiceModel, req: Pick<RawRequest, 'method' | 'path' | 'query'>): RouteMatch | undefined {
  return routerFor(model).match(req.method, req.path, new URLSearchParams(req.query));
}

export function parseRestJsonInput(model: ServiceModel, match: RouteMatch, req: RawRequest): Record<string, unknown> {
  const op = compiledOperation(model, match.route.operation);
  if (!op) throw new Error(`no operation ${match.route.operation}`);
  return parseRestJsonRequest(model, op, match, req, new URLSearchParams(req.query));
}

export function serializeRestJsonResponse(model: ServiceModel, operation: string, output: unknown): RestWireResponse {
  const op = compiledOperation(model, operation);
  const schema = model.operations.get(operation);
  if (!op || !schema) throw new Error(`no operation ${operation}`);
  // An event-stream output (InvokeWithResponseStream) is framed by the event-stream encoder.
  if (schema.output.isStructSchema() && schema.output.getEventStreamMember()) {
    throw new Error(`${model.id} ${operation}: event-stream output is not written by restJson1`);
  }
  const http = schema.http;
  return serializeRestJsonOutput(op, http?.code ?? 200, output);
}
