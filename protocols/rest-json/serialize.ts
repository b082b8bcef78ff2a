/**
 * Typed outputs and errors → restJson1 responses. The status is the operation's `@http` code
 * (201, 202, 204 as modeled) unless an `@httpResponseCode` member says otherwise (Invoke's
 * StatusCode: 200, 202 for Event, 204 for DryRun). Header members become headers, an
 * `@httpPayload` member the whole body (a blob raw, with its `@mediaType` or
 * application/octet-stream; a structure as JSON), the other members a JSON object. An output
 * with no body members at all has an empty body, as Smithy's protocol tests require; the SDKs
 * read both that and `{}`.
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import type { AwsError } from '../errors.js';
import type { CompiledOperation } from '../operations.js';
import type { ServiceModel } from '../service-model.js';
import { compileStructure, type Member, type StructureShape } from '../shape.js';
import { bindingsOf } from './bindings.js';
import { writeJsonValue, writeMembers } from './body.js';
import { joinHeaderList, scalarText } from './values.js';

/** A REST response: unlike the RPC protocols' string bodies, a payload may be raw bytes. */
export interface RestWireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const JSON_TYPE = 'application/json';

function writeHeaders(members: readonly Member[], prefixMembers: readonly Member[], obj: Record<string, unknown>, headers: Record<string, string>): void {
  for (const m of members) {
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    const name = (m.http as { name: string }).name;
    if (m.shape.kind === 'list') {
      const item = m.shape.member;
      headers[name] = joinHeaderList((v as unknown[]).map((x) => scalarText(item, x, 'header')), item);
    } else headers[name] = scalarText(m.shape, v, 'header');
  }
  for (const m of prefixMembers) {
    const v = obj[m.name] as Record<string, unknown> | undefined;
    if (!v) continue;
    const prefix = (m.http as { prefix: string }).prefix;
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) headers[`${prefix}${k}`.toLowerCase()] = String(x);
  }
}

/** Write the body members / payload of a structure value into a response. */
function writeBody(shape: StructureShape, obj: Record<string, unknown>, res: RestWireResponse): void {
  const b = bindingsOf(shape);
  if (b.payload) {
    const m = b.payload;
    const v = obj[m.name];
    if (v === undefined || v === null) return;
    if (m.shape.kind === 'blob') {
      res.headers['content-type'] = m.shape.mediaType ?? 'application/octet-stream';
      res.body = Buffer.from(v as Uint8Array);
    } else if (m.shape.kind === 'string') {
      res.headers['content-type'] = m.shape.mediaType ?? 'text/plain';
      res.body = String(v);
    } else {
      res.headers['content-type'] = JSON_TYPE;
      res.body = JSON.stringify(writeJsonValue(m.shape, v) ?? null);
    }
    return;
  }
  if (!b.body.length) return;
  res.headers['content-type'] = JSON_TYPE;
  res.body = JSON.stringify(writeMembers(b.body, obj));
}

export function serializeRestJsonOutput(op: CompiledOperation, httpCode: number, output: unknown): RestWireResponse {
  const obj = (output ?? {}) as Record<string, unknown>;
  const b = bindingsOf(op.output);
  const code = b.responseCode ? obj[b.responseCode.name] : undefined;
  const res: RestWireResponse = { status: typeof code === 'number' ? code : httpCode, headers: {}, body: '' };
  writeHeaders(b.headers, b.prefixHeaders, obj, res.headers);
  // 204 and 304 carry no body whatever the output holds (RFC 9110 §15.3.5).
  if (res.status !== 204 && res.status !== 304) writeBody(op.output, obj, res);
  return res;
}

const errorShapes = new WeakMap<object, StructureShape>();

function errorShape(model: ServiceModel, name: string): StructureShape | undefined {
  const schema = model.errorSchemas?.get(name);
  if (!schema) return undefined;
  let s = errorShapes.get(schema);
  if (!s) errorShapes.set(schema, (s = compileStructure(schema)));
  return s;
}

/**
 * An error: its status, `x-amzn-errortype: <Name>` and a JSON body with the message under the
 * error shape's own member (`Message` or `message`: Lambda has both). The bare shape name is
 * what AWS sends (Lambda `x-amzn-ErrorType: ResourceNotFoundException`, recorded in LocalStack's
 * AWS snapshots); a `:http://internal.amazon.com/coral/...` suffix is stripped by the JS SDK
 * and botocore but is not needed by anyone, so it is not sent. `members` fills the shape's other
 * members, header-bound ones included (TooManyRequestsException's `Retry-After`).
 */
export function serializeRestJsonError(model: ServiceModel, err: AwsError, members: Record<string, unknown> = {}): RestWireResponse & { body: string } {
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-amzn-errortype': err.code };
  const shape = errorShape(model, err.code);
  const fields: Record<string, unknown> = { ...(model.restErrorFields?.(err) ?? {}), ...members };
  let body: Record<string, unknown>;
  if (shape) {
    const b = bindingsOf(shape);
    writeHeaders(b.headers, b.prefixHeaders, fields, headers);
    const messageMember = b.body.find((m) => m.name.toLowerCase() === 'message');
    if (err.hasMessage) fields[messageMember?.name ?? 'message'] = err.message;
    body = writeMembers(b.body, fields);
    if (!messageMember && err.hasMessage) body.message = err.message;
  } else {
    body = { ...fields };
    if (err.hasMessage) body.message = err.message;
  }
  return { status: err.status, headers, body: JSON.stringify(body) };
}
