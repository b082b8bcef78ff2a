/**
 * Captured deliveries, kept per scope in arrival order, for tests and developer endpoints to
 * read and clear. Each log keeps at most `limit` records per scope (oldest dropped first).
 */
import type { Scope } from './types.js';

export function scopeKey(scope: Scope): string {
  return `${scope.account}/${scope.region}`;
}

export class CaptureLog<T> {
  private readonly byScope = new Map<string, T[]>();

  constructor(private readonly limit: number) {}

  add(scope: Scope, record: T): void {
    const key = scopeKey(scope);
    let list = this.byScope.get(key);
    if (!list) this.byScope.set(key, (list = []));
    list.push(record);
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
  }

  /** Records of `scope` (a copy), optionally only those `keep` accepts. */
  list(scope: Scope, keep?: (r: T) => boolean): T[] {
    const list = this.byScope.get(scopeKey(scope)) ?? [];
    return keep ? list.filter(keep) : [...list];
  }

  /** Remove the records of `scope` that `drop` accepts (all when omitted); returns how many. */
  clear(scope: Scope, drop?: (r: T) => boolean): number {
    const key = scopeKey(scope);
    const list = this.byScope.get(key);
    if (!list) return 0;
    if (!drop) {
      this.byScope.delete(key);
      return list.length;
    }
    const kept = list.filter((r) => !drop(r));
    this.byScope.set(key, kept);
    return list.length - kept.length;
  }
}
