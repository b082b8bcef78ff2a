/**
 * A compiled, plain-object view of an SDK schema. Walking `NormalizedSchema` on every request
 * allocates; compiling once per schema keeps parsing and serializing on the hot path cheap.
 */
import { NormalizedSchema, requiredMembers } from './schema.js';

export type ScalarKind = 'string' | 'boolean' | 'number' | 'blob' | 'timestamp' | 'document' | 'unit';

/**
 * Where a REST protocol (restJson1) binds a member on the HTTP message: Smithy's `@httpLabel`,
 * `@httpQuery`, `@httpQueryParams`, `@httpHeader`, `@httpPrefixHeaders`, `@httpPayload`,
 * `@httpResponseCode`. Absent: the member lives in the JSON body. Other protocols ignore it.
 */
export type HttpBinding =
  | { location: 'label'; name: string }
  | { location: 'query'; name: string }
  | { location: 'queryParams' }
  | { location: 'header'; name: string }
  | { location: 'prefixHeaders'; prefix: string }
  | { location: 'payload' }
  | { location: 'responseCode' };

export interface Member {
  name: string;
  /** Query/XML name: the xmlName trait, else the member name. */
  xmlName: string;
  /** JSON key in REST bodies: the jsonName trait, else the member name. */
  jsonName: string;
  flattened: boolean;
  /** REST binding (restJson1); undefined for body members. */
  http: HttpBinding | undefined;
  shape: Shape;
}

/** Smithy's timestamp formats; `default` lets each binding location pick its own. */
export type TimestampFormat = 'default' | 'date-time' | 'http-date' | 'epoch-seconds';

export interface StructureShape {
  kind: 'structure';
  name: string;
  members: Member[];
  byName: Map<string, Member>;
  required: Set<string>;
  /** True when JSON needs a walk (blobs or timestamps somewhere inside). */
  needsJsonWalk: boolean;
}

export interface ListShape {
  kind: 'list';
  member: Shape;
  /** Name of each item when not flattened (`member` unless the model says otherwise). */
  memberXmlName: string;
  needsJsonWalk: boolean;
}

export interface MapShape {
  kind: 'map';
  key: Shape;
  value: Shape;
  keyXmlName: string;
  valueXmlName: string;
  needsJsonWalk: boolean;
}

export interface ScalarShape {
  kind: ScalarKind;
  needsJsonWalk: boolean;
  /** Timestamps: the `@timestampFormat` trait (SDK schema codes 5-7), else `default`. */
  timestampFormat?: TimestampFormat;
  /** Blobs: `@streaming` (a raw payload of any size). */
  streaming?: boolean;
  /** `@mediaType` (a string header with one is base64 on the wire). */
  mediaType?: string;
}

export type Shape = StructureShape | ListShape | MapShape | ScalarShape;

const structCache = new Map<string, StructureShape>();

export function compileShape(ns: NormalizedSchema): Shape {
  if (ns.isStructSchema() || ns.isUnionSchema()) {
    const name = ns.getName(true) ?? '';
    const cached = structCache.get(name);
    if (cached) return cached;
    const shape: StructureShape = {
      kind: 'structure',
      name,
      members: [],
      byName: new Map(),
      required: requiredMembers(ns),
      needsJsonWalk: false,
    };
    structCache.set(name, shape); // before members: recursive shapes terminate here
    for (const [memberName, memberSchema] of ns.structIterator()) {
      const traits = memberSchema.getMergedTraits() as Record<string, unknown>;
      const member: Member = {
        name: memberName,
        xmlName: (traits.xmlName as string | undefined) ?? memberName,
        jsonName: (traits.jsonName as string | undefined) ?? memberName,
        flattened: Boolean(traits.xmlFlattened),
        http: httpBinding(traits, memberName),
        shape: compileShape(memberSchema),
      };
      shape.members.push(member);
      shape.byName.set(memberName, member);
      if (member.shape.needsJsonWalk) shape.needsJsonWalk = true;
    }
    return shape;
  }
  if (ns.isListSchema()) {
    const value = ns.getValueSchema();
    const member = compileShape(value);
    const traits = value.getMergedTraits() as Record<string, unknown>;
    return {
      kind: 'list',
      member,
      memberXmlName: (traits.xmlName as string | undefined) ?? 'member',
      needsJsonWalk: member.needsJsonWalk,
    };
  }
  if (ns.isMapSchema()) {
    const k = ns.getKeySchema();
    const v = ns.getValueSchema();
    const value = compileShape(v);
    return {
      kind: 'map',
      key: compileShape(k),
      value,
      keyXmlName: ((k.getMergedTraits() as Record<string, unknown>).xmlName as string | undefined) ?? 'key',
      valueXmlName: ((v.getMergedTraits() as Record<string, unknown>).xmlName as string | undefined) ?? 'value',
      needsJsonWalk: value.needsJsonWalk,
    };
  }
  const traits = ns.getMergedTraits() as Record<string, unknown>;
  const mediaType = traits.mediaType as string | undefined;
  if (ns.isBlobSchema()) return { kind: 'blob', needsJsonWalk: true, streaming: ns.isStreaming(), ...(mediaType ? { mediaType } : {}) };
  if (ns.isTimestampSchema()) return { kind: 'timestamp', needsJsonWalk: true, timestampFormat: timestampFormatOf(ns) };
  if (ns.isBooleanSchema()) return { kind: 'boolean', needsJsonWalk: false };
  if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return { kind: 'number', needsJsonWalk: false };
  if (ns.isStringSchema()) return { kind: 'string', needsJsonWalk: false, ...(mediaType ? { mediaType } : {}) };
  if (ns.isUnitSchema()) return { kind: 'unit', needsJsonWalk: false };
  return { kind: 'document', needsJsonWalk: false };
}

/** The SDK's schema codes: 4 timestamp (protocol default), 5 date-time, 6 http-date, 7 epoch-seconds. */
function timestampFormatOf(ns: NormalizedSchema): TimestampFormat {
  const code = ns.getSchema();
  return code === 5 ? 'date-time' : code === 6 ? 'http-date' : code === 7 ? 'epoch-seconds' : 'default';
}

function httpBinding(traits: Record<string, unknown>, memberName: string): HttpBinding | undefined {
  if (traits.httpLabel) return { location: 'label', name: memberName };
  if (typeof traits.httpQuery === 'string') return { location: 'query', name: traits.httpQuery };
  if (traits.httpQueryParams) return { location: 'queryParams' };
  if (typeof traits.httpHeader === 'string') return { location: 'header', name: traits.httpHeader.toLowerCase() };
  if (typeof traits.httpPrefixHeaders === 'string') return { location: 'prefixHeaders', prefix: traits.httpPrefixHeaders.toLowerCase() };
  if (traits.httpPayload) return { location: 'payload' };
  if (traits.httpResponseCode) return { location: 'responseCode' };
  return undefined;
}

/** Name of the shape that stands for Unit (no input or output at all). */
export const UNIT_NAME = 'smithy.api#Unit';

const EMPTY: StructureShape = {
  kind: 'structure',
  name: UNIT_NAME,
  members: [],
  byName: new Map(),
  required: new Set(),
  needsJsonWalk: false,
};

/**
 * Input/output shapes are structures or Unit (treated as an empty structure named UNIT_NAME; a
 * structure without members keeps its own name, which the query serializer tells apart).
 */
export function compileStructure(ns: NormalizedSchema): StructureShape {
  const s = compileShape(ns);
  return s.kind === 'structure' ? s : EMPTY;
}
