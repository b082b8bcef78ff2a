/** Small helpers shared by the EventBridge operations. */
import type { Scope } from '../../engines/bus/index.js';
import type { Tag, Target } from '@aws-sdk/client-eventbridge';
import { eventsModel } from '../../../protocols/index.js';
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

export function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null); // user keys: `__proto__` is one
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/**
 * A required member. The SDK types every required member `T | undefined`; the protocol parser
 * refuses a request without one (coral's "must not be null"), so only an unparsed in-process call
 * can leave it out: it then reads as the empty name, which no resource has.
 */
export const required = <T extends string>(v: T | undefined): T | '' => v ?? '';

/** A required member whose value has no empty stand-in (an enum): absent, it is coral's "must not be null". */
export function present<T>(v: T | undefined, member: string): T {
  if (v === undefined) throw eventsModel.validation.missing(member, [member]);
  return v;
}

/**
 * A stored target's AWS shape. The bus engine keeps PutTargets' `Target` as plain data
 * (`TargetSpec.raw: Record<string, unknown>`: engines import no SDK types) and hands it back
 * as given; this is the one place that reads it as the SDK type again.
 */
export const storedTarget = (raw: Record<string, unknown>): Target => raw as unknown as Target;
