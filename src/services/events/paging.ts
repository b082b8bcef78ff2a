/** EventBridge list paging: opaque NextToken (base64 offset), `Limit` items per page (default 100). */
import { validation } from './errors.js';

export function page<T>(all: T[], token: unknown, limit: unknown): { items: T[]; nextToken: string | undefined } {
  let start = 0;
  if (typeof token === 'string') {
    start = Number(Buffer.from(token, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw validation('The NextToken provided is invalid.');
  }
  const size = typeof limit === 'number' && limit > 0 ? limit : 100;
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return { items, nextToken: next };
}
