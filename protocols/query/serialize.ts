/**
 * Plain output objects → AWS query XML responses, by the operation's output shape (xmlName
 * and xmlFlattened traits from the model). A direct string writer rather than building an
 * xml2js object tree per response: see README "Performance notes" for the measurement.
 */
import type { AwsError } from '../errors.js';
import type { ServiceModel } from '../service-model.js';
import { UNIT_NAME, type Shape, type StructureShape } from '../shape.js';
import type { WireResponse } from '../json/serialize.js';

const XML_DECL = '<?xml version="1.0"?>';

/**
 * Escape text for XML; AWS also escapes `"` and carriage returns (seen in SQS bodies). Characters
 * XML 1.0 cannot hold at all (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) can only reach
 * a response by being echoed from bad input (an error message quoting it): they are written as
 * U+FFFD so every XML parser still reads the document. // unverified text (AWS's own handling)
 */
const XML_SPECIAL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_SPECIAL_ALL = new RegExp(XML_SPECIAL.source, 'g');
function xmlEntity(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\r':
      return '&#xD;';
    default:
      return '\uFFFD';
  }
}
export function escapeXml(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, xmlEntity) : s;
}

function scalarText(shape: Shape, v: unknown): string {
  switch (shape.kind) {
    case 'blob':
      return Buffer.from(v as Uint8Array).toString('base64');
    case 'timestamp':
      return (v instanceof Date ? v : new Date(Number(v))).toISOString();
    default:
      return escapeXml(String(v));
  }
}

function writeMembers(shape: StructureShape, obj: Record<string, unknown>, out: string[]): void {
  for (const m of shape.members) {
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    writeElement(m.shape, m.flattened, m.xmlName, v, out);
  }
}

function writeElement(shape: Shape, flattened: boolean, name: string, v: unknown, out: string[]): void {
  switch (shape.kind) {
    case 'structure':
      out.push(`<${name}>`);
      writeMembers(shape, v as Record<string, unknown>, out);
      out.push(`</${name}>`);
      return;
    case 'list': {
      const items = v as unknown[];
      if (flattened) {
        for (const item of items) writeElement(shape.member, false, name, item, out);
      } else {
        out.push(`<${name}>`);
        for (const item of items) writeElement(shape.member, false, shape.memberXmlName, item, out);
        out.push(`</${name}>`);
      }
      return;
    }
    case 'map': {
      const entries = Object.entries(v as Record<string, unknown>);
      if (!flattened) out.push(`<${name}>`);
      for (const [k, x] of entries) {
        out.push(flattened ? `<${name}>` : '<entry>');
        out.push(`<${shape.keyXmlName}>${escapeXml(k)}</${shape.keyXmlName}>`);
        writeElement(shape.value, false, shape.valueXmlName, x, out);
        out.push(flattened ? `</${name}>` : '</entry>');
      }
      if (!flattened) out.push(`</${name}>`);
      return;
    }
    default:
      out.push(`<${name}>${scalarText(shape, v)}</${name}>`);
  }
}

export function serializeQueryOutput(
  model: ServiceModel,
  operation: string,
  shape: StructureShape,
  output: unknown,
  requestId: string,
): WireResponse {
  const out: string[] = [XML_DECL, `<${operation}Response xmlns="${model.xmlNamespace ?? ''}">`];
  // Every operation with an output structure, even one without members (SNS TagResource,
  // SetSMSAttributes...), has a result wrapper in the model, and AWS always sends it: botocore
  // looks `<XResult>` up and raises KeyError without it. Unit outputs (SQS TagQueue, SNS
  // DeleteTopic) have no wrapper and AWS sends only ResponseMetadata.
  if (shape.name !== UNIT_NAME) {
    const start = out.length;
    out.push(`<${operation}Result>`);
    writeMembers(shape, (output ?? {}) as Record<string, unknown>, out);
    if (out.length === start + 1) out[start] = `<${operation}Result/>`;
    else out.push(`</${operation}Result>`);
  }
  out.push(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`);
  return { status: 200, headers: { 'content-type': 'text/xml' }, body: out.join('') };
}

export function serializeQueryError(model: ServiceModel, err: AwsError, requestId: string): WireResponse {
  const message = err.hasMessage ? `<Message>${escapeXml(err.message)}</Message>` : '';
  const body =
    `${XML_DECL}<ErrorResponse xmlns="${model.xmlNamespace ?? ''}"><Error><Type>${err.fault}</Type>` +
    `<Code>${escapeXml(err.queryCode)}</Code>${message}<Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: err.status, headers: { 'content-type': 'text/xml' }, body };
}
