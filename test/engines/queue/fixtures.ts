/** Shared fixtures of the queue engine tests. */
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from '../../../src/engines/queue/index.js';

export const scope = { account: '000000000000', region: 'us-east-1' };

/** AWS defaults with `over` applied. */
export function queueSettings(over: Partial<QueueSettings> = {}): QueueSettings {
  return { ...DEFAULT_QUEUE_SETTINGS, ...over };
}
