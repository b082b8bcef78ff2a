/**
 * List paging for EventBridge's ListX operations: an opaque NextToken (base64 of the offset into
 * the name-sorted list). AWS's default and largest page is 100.
 */
import { eventsValidationException } from '../../../../protocols/index.js';

export function page<T>(all: readonly T[], token: unknown, limit: unknown): { items: T[]; nextToken: string | undefined } {
  let start = 0;
  if (typeof token === 'string') {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    start = /^\d+$/.test(decoded) ? Number(decoded) : NaN;
    // Unverified text: AWS's wording for a token it did not issue is not recorded.
    if (!Number.isSafeInteger(start)) throw eventsValidationException('Invalid NextToken');
  }
  const size = typeof limit === 'number' ? limit : 100;
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size), 'utf8').toString('base64') : undefined;
  return { items, nextToken: next };
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
