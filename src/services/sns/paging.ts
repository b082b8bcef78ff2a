/** SNS list paging: opaque NextToken = base64 offset; AWS pages topics and subscriptions by 100. */
import { invalidParameter } from './errors.js';

export function page<T>(all: T[], token: string | undefined, size: number): { items: T[]; nextToken: string | undefined } {
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(token, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  }
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return { items, nextToken: next };
}
