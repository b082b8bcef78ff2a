/**
 * EventBridge list paging, shared by every ListX operation: an opaque NextToken (base64 of the
 * offset into the list), `Limit` items per page (AWS's default and largest page is 100).
 */
import { validation } from './errors.js';

export function page<T>(all: readonly T[], token: unknown, limit: unknown): { items: T[]; nextToken: string | undefined } {
  let start = 0;
  if (typeof token === 'string') {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    start = /^\d+$/.test(decoded) ? Number(decoded) : NaN;
    // Unverified text: AWS's wording for a token it did not issue is not recorded.
    if (!Number.isSafeInteger(start)) throw validation('The NextToken provided is invalid.');
  }
  const size = typeof limit === 'number' && limit > 0 ? limit : 100;
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size), 'utf8').toString('base64') : undefined;
  return { items, nextToken: next };
}

/** Name order, as AWS lists connections, destinations, endpoints and sources. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
