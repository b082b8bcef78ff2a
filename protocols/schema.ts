/**
 * Helpers over the SDK's static schemas (design §3): `NormalizedSchema` gives traits and
 * members; the required-member count is the 7th slot of a static structure schema.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';

export { NormalizedSchema };

const requiredCache = new WeakMap<object, Set<string>>();

/** Names of the required members of a structure schema. */
export function requiredMembers(ns: NormalizedSchema): Set<string> {
  const raw = ns.getSchema() as unknown as unknown[];
  let cached = requiredCache.get(raw);
  if (cached) return cached;
  const names = (raw[4] as string[] | undefined) ?? [];
  const count = typeof raw[6] === 'number' ? raw[6] : 0;
  cached = new Set(names.slice(0, count));
  requiredCache.set(raw, cached);
  return cached;
}

/** Smithy's `@http` trait of an operation: method, URI template (may carry `?literal` query parts), success code. */
export interface HttpTrait {
  method: string;
  uri: string;
  code: number;
}

export interface OperationModel {
  name: string;
  input: NormalizedSchema;
  output: NormalizedSchema;
  /** REST protocols route by it; RPC protocols (JSON, query) have it too but ignore it. */
  http?: HttpTrait;
}

export function operationModel(op: StaticOperationSchema): OperationModel {
  const raw = op as unknown as unknown[];
  const traits = (raw[3] ?? {}) as Record<string, unknown>;
  const h = traits.http as [string, string, number] | undefined;
  return {
    name: raw[2] as string,
    input: NormalizedSchema.of(raw[4] as never),
    output: NormalizedSchema.of(raw[5] as never),
    ...(Array.isArray(h) ? { http: { method: h[0], uri: h[1], code: h[2] ?? 200 } } : {}),
  };
}

/** The wire name of a member in query/XML: its xmlName trait, else the member name. */
export function xmlNameOf(member: NormalizedSchema, fallback: string): string {
  const traits = member.getMergedTraits();
  return (traits.xmlName as string | undefined) ?? fallback;
}

export function isFlattened(member: NormalizedSchema): boolean {
  return Boolean(member.getMergedTraits().xmlFlattened);
}
