/** Small JSON helpers shared by the language layer. */
import type { Json, JsonObject } from '../asl.js';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compact JSON as AWS prints it in cause texts. */
export function toJson(v: Json | undefined): string {
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** Structural equality of two JSON values (object key order ignored). */
export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !jsonEquals(a[k], (b as JsonObject)[k])) return false;
  }
  return true;
}

/** JSONata/AWS type name of a value: 'null', 'boolean', 'number', 'string', 'array', 'object'. */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Thrown at compile time for an expression AWS would reject in the definition. */
export class LanguageCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LanguageCompileError';
  }
}
