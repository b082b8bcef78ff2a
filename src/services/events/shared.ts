/** Small helpers shared by the EventBridge operations. */
import type { Scope } from '../../engines/bus/index.js';
import type { RequestContext } from '../context.js';

export const scopeOf = (ctx: RequestContext): Scope => ({ account: ctx.account, region: ctx.region });
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const ms = (v: unknown): number | undefined => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v * 1000 : undefined);

/** Drop undefined members (outputs stay minimal, like AWS's). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export const tagList = (tags: ReadonlyMap<string, string>): Array<{ Key: string; Value: string }> => [...tags].map(([Key, Value]) => ({ Key, Value }));

export function tagRecord(v: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>; // user keys: `__proto__` is one
  if (Array.isArray(v)) for (const t of v as Array<{ Key?: unknown; Value?: unknown }>) if (typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '');
  return out;
}
