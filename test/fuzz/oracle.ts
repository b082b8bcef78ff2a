/**
 * Judges one response: it must be an AWS-shaped answer of the request's protocol. Returns the
 * defect, or undefined when the response is acceptable.
 *
 * - JSON: `content-type` JSON, a JSON object body; errors (4xx) carry `__type` and a message,
 *   SQS's also `x-amzn-query-error: Code;Sender|Receiver`.
 * - query: `text/xml`; errors are `<ErrorResponse xmlns="<service namespace>">` with Type, Code
 *   and Message; no characters XML 1.0 forbids.
 * - every response: `x-amzn-requestid`, valid UTF-8, status < 500 (a 501 NotImplemented is
 *   reported apart), and an error larger than 64 KiB and 4× the request is an amplified error.
 */
import type { Answer } from './http-client.js';
import type { TargetInfo } from './capture.js';

export type DefectKind = 'server-error' | 'not-aws-shape' | 'amplified-error';

export interface Verdict {
  kind: DefectKind | 'not-implemented';
  detail: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const QUERY_NAMESPACES = new Set(['http://queue.amazonaws.com/doc/2012-11-05/', 'http://sns.amazonaws.com/doc/2010-03-31/']);

function header(a: Answer, name: string): string {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

export function judge(info: TargetInfo, a: Answer, requestBytes: number, anyNamespace: boolean): Verdict | undefined {
  let text: string;
  try {
    text = utf8.decode(a.body);
  } catch {
    return { kind: 'not-aws-shape', detail: 'response body is not valid UTF-8' };
  }
  const isError = a.status >= 400;
  let code = '';
  const shape = info.protocol === 'json' ? jsonShape(info, a, text, isError) : queryShape(info, a, text, isError, anyNamespace);
  if (typeof shape === 'string') return { kind: 'not-aws-shape', detail: `${a.status}: ${shape}` };
  code = shape.code;
  if (a.status === 501 && code === 'NotImplemented') return { kind: 'not-implemented', detail: message(text) };
  if (a.status >= 500) return { kind: 'server-error', detail: `${a.status} ${code}: ${message(text)}` };
  if (!header(a, 'x-amzn-requestid')) return { kind: 'not-aws-shape', detail: `${a.status}: no x-amzn-requestid header` };
  if (isError && a.body.length > 64 * 1024 && a.body.length > 4 * requestBytes)
    return { kind: 'amplified-error', detail: `${a.status} ${code}: a ${a.body.length}-byte error for a ${requestBytes}-byte request` };
  return undefined;
}

function message(text: string): string {
  const m = /"(?:message|Message)":"((?:[^"\\]|\\.){0,200})/.exec(text) ?? /<Message>([^<]{0,200})/.exec(text);
  return m ? m[1]! : text.slice(0, 200);
}

function jsonShape(info: TargetInfo, a: Answer, text: string, isError: boolean): { code: string } | string {
  const ct = header(a, 'content-type');
  if (!/json/.test(ct)) return `content-type ${JSON.stringify(ct)} is not JSON`;
  let body: unknown;
  try {
    body = text === '' && !isError ? {} : JSON.parse(text);
  } catch {
    return `body is not JSON: ${JSON.stringify(text.slice(0, 120))}`;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'body is not a JSON object';
  if (!isError) return { code: '' };
  const b = body as Record<string, unknown>;
  const type = b.__type ?? b.code;
  if (typeof type !== 'string' || !type) return `JSON error without __type: ${text.slice(0, 120)}`;
  const msg = b.message ?? b.Message;
  if (msg !== undefined && typeof msg !== 'string') return `error message is not a string: ${text.slice(0, 120)}`;
  if (info.model.queryCompatible) {
    const q = header(a, 'x-amzn-query-error');
    if (!/^[^;]+;(Sender|Receiver)$/.test(q)) return `SQS JSON error without a valid x-amzn-query-error (${JSON.stringify(q)})`;
  }
  return { code: type.replace(/^.*#/, '') };
}

function queryShape(info: TargetInfo, a: Answer, text: string, isError: boolean, anyNamespace: boolean): { code: string } | string {
  const ct = header(a, 'content-type');
  if (!/xml/.test(ct)) return `content-type ${JSON.stringify(ct)} is not XML: ${text.slice(0, 120)}`;
  if (XML_FORBIDDEN.test(text)) {
    const i = text.search(XML_FORBIDDEN);
    return `XML holds a character XML 1.0 forbids (U+${text.charCodeAt(i).toString(16).padStart(4, '0')}) near ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 10))}`;
  }
  if (!isError) {
    return /^(<\?xml[^>]*\?>\s*)?<(\w+)Response xmlns="[^"]+">[\s\S]*<\/\2Response>\s*$/.test(text) ? { code: '' } : `success body is not <OpResponse>: ${text.slice(0, 120)}`;
  }
  const m = /^(?:<\?xml[^>]*\?>\s*)?<ErrorResponse xmlns="([^"]+)">\s*<Error>\s*<Type>(Sender|Receiver)<\/Type>\s*<Code>([^<]+)<\/Code>\s*<Message>[^<]*<\/Message>[\s\S]*<\/ErrorResponse>\s*$/.exec(text);
  if (!m) return `not an <ErrorResponse>: ${text.slice(0, 160)}`;
  const ns = m[1]!;
  if (anyNamespace ? !QUERY_NAMESPACES.has(ns) : ns !== info.model.xmlNamespace) return `ErrorResponse in namespace ${ns}, expected ${info.model.xmlNamespace}`;
  return { code: m[3]! };
}
