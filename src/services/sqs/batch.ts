/** The checks every SQS batch request shares, and per-entry failure shaping. */
import { isAwsError } from '../../../protocols/index.js';
import { sqsError } from './errors.js';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

export interface BatchEntry {
  Id: string;
}

export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}

/** `entryName` is the request entry shape, used in AWS's EmptyBatchRequest text. */
export function checkBatch(entries: BatchEntry[] | undefined, entryName: string): BatchEntry[] {
  if (!entries || entries.length === 0)
    throw sqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  if (entries.length > 10)
    throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  const seen = new Set<string>();
  for (const e of entries) {
    if (!ENTRY_ID.test(e.Id ?? ''))
      throw sqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    if (seen.has(e.Id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${e.Id} repeated.`);
    seen.add(e.Id);
  }
  return entries;
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
