/**
 * EventBridge list paging, shared by every ListX operation: an opaque NextToken (base64 of the
 * offset into the list), `Limit` items per page (AWS's default and largest page is 100).
 */
import { offsetTokens, pageByOffset, type Page } from '../../core/pager.js';
import { validation } from './errors.js';

const tokens = offsetTokens({ syntax: 'safe-digits' });

export function page<T>(all: readonly T[], token: unknown, limit: unknown): Page<T> {
  const size = typeof limit === 'number' && limit > 0 ? limit : 100;
  // Unverified text: AWS's wording for a token it did not issue is not recorded.
  return pageByOffset(all, typeof token === 'string' ? token : undefined, size, tokens, () => validation('The NextToken provided is invalid.'));
}

/** Name order, as AWS lists connections, destinations, endpoints and sources. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
