import { createHash } from 'node:crypto';
import type { QueueSettings, SendInput } from './types.js';

export { DedupCache, DEDUP_WINDOW_MS, type DedupEntry } from '../../core/dedup-window.js';

/**
 * The deduplication id of a FIFO send (explicit, else SHA-256 of the body when content-based)
 * and the cache key it is tracked under (per queue, or per group with scope 'messageGroup').
 */
export function dedupIdentity(
  settings: Pick<QueueSettings, 'contentBasedDeduplication' | 'deduplicationScope'>,
  input: Pick<SendInput, 'body' | 'deduplicationId' | 'groupId'>,
): { id: string; key: string } | undefined {
  const id =
    input.deduplicationId ??
    (settings.contentBasedDeduplication ? createHash('sha256').update(input.body, 'utf8').digest('hex') : undefined);
  if (id === undefined) return undefined;
  const key = settings.deduplicationScope === 'messageGroup' ? `${input.groupId ?? ''}\u0000${id}` : id;
  return { id, key };
}
