/**
 * SNS list paging. Topics and subscriptions: opaque NextToken = base64 offset, pages of 100.
 * Mobile and SMS lists: the token is the last key of the page, base64url-encoded. A token that
 * does not decode answers "Invalid parameter: NextToken".
 */
import { base64urlKeyTokens, offsetTokens, pageAfterKey, pageByOffset, type Page } from '../../core/pager.js';
import { invalidParameter } from './errors.js';

const offsets = offsetTokens({ syntax: 'number' });
const invalid = (): Error => invalidParameter('NextToken');

export function page<T>(all: readonly T[], token: string | undefined, size: number): Page<T> {
  return pageByOffset(all, token, size, offsets, invalid);
}

/** One page of `items` (sorted by `key`), resuming after the key the token names. */
export function pageAfter<T>(items: readonly T[], key: (t: T) => string, token: string | undefined, size: number): Page<T> {
  return pageAfterKey(items, key, token, size, base64urlKeyTokens, invalid);
}
