/** The checks every SQS batch request shares, and per-entry failure shaping. */
import { isAwsError } from '../../../protocols/index.js';
import { sqsError } from './errors.js';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** A `Failed` entry (the SDK's BatchResultErrorEntry, members present). */
export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}

/**
 * `entryName` is the request entry shape, used in AWS's EmptyBatchRequest text. Returns the
 * entries with their (checked) Id as a string.
 */
export function checkBatch<E extends { Id: string | undefined }>(entries: E[] | undefined, entryName: string): Array<E & { Id: string }> {
  if (!entries || entries.length === 0)
    throw sqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  if (entries.length > 10)
    throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  const seen = new Set<string>();
  const out: Array<E & { Id: string }> = [];
  for (const e of entries) {
    const id = e.Id;
    if (id === undefined || !ENTRY_ID.test(id))
      throw sqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    if (seen.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
    out.push({ ...e, Id: id });
  }
  return out;
}

/** Run one entry; an AWS client error becomes a `Failed` entry, anything else propagates. */
export function runEntry<T>(id: string, fn: () => T, ok: T[], failed: BatchFailure[]): void {
  try {
    ok.push(fn());
  } catch (e) {
    if (!isAwsError(e) || e.status >= 500) throw e;
    failed.push({ Id: id, SenderFault: e.fault === 'Sender', Code: e.queryCode, Message: e.message || undefined });
  }
}
