/**
 * Moving task parameters into a handler's input and a handler's output into task output,
 * guided by the operation's Smithy schema: Step Functions names every member PascalCase
 * (`StateMachineArn`, also for camelCase APIs like Step Functions'), leaves map keys alone,
 * serializes a JSON object or array given for a string member (`Input`, `MessageBody`), and
 * writes timestamps as the integration's date format.
 */
import { NormalizedSchema } from '../../../../protocols/schema.js';
import type { Json, JsonObject } from '../../../engines/statemachine/asl.js';

export const upperFirst = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Task parameters (PascalCase members) → handler input (model member names). Unknown members are dropped. */
export function toHandlerInput(value: unknown, schema: NormalizedSchema): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema()) {
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [member, ms] of schema.structIterator()) {
      const given = member in value ? value[member] : value[upperFirst(member)];
      const v = toHandlerInput(given, ms);
      if (v !== undefined) out[member] = v;
    }
    return out;
  }
  if (schema.isListSchema()) return Array.isArray(value) ? value.map((v) => toHandlerInput(v, schema.getValueSchema())) : value;
  if (schema.isMapSchema()) {
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toHandlerInput(v, schema.getValueSchema());
    return out;
  }
  if (schema.isStringSchema() && typeof value === 'object') return JSON.stringify(value);
  if (schema.isTimestampSchema() && typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : new Date(t);
  }
  return value;
}

export type DateStyle = 'epoch-millis' | 'iso';

/** Handler output (model member names) → task output (PascalCase members, JSON values). */
export function toTaskOutput(value: unknown, schema: NormalizedSchema | undefined, dates: DateStyle): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return dates === 'iso' ? value.toISOString() : value.getTime();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (schema?.isTimestampSchema() && typeof value === 'number') {
    // Handlers give epoch milliseconds (or seconds, below year 5138 in ms terms).
    const ms = value < 1e11 ? value * 1000 : value;
    return dates === 'iso' ? new Date(ms).toISOString() : ms;
  }
  if (Array.isArray(value)) return value.map((v) => toTaskOutput(v, schema?.isListSchema() ? schema.getValueSchema() : undefined, dates));
  if (isObject(value)) {
    const out: JsonObject = {};
    if (schema?.isStructSchema()) {
      const members = new Map<string, NormalizedSchema>([...schema.structIterator()]);
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        out[upperFirst(k)] = toTaskOutput(v, members.get(k), dates);
      }
      return out;
    }
    const inner = schema?.isMapSchema() ? schema.getValueSchema() : undefined;
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toTaskOutput(v, inner, dates);
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  return value as Json;
}
