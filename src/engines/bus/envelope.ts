/** The EventBridge event envelope and its time format. */
import type { BusEvent, Scope } from './types.js';

/** ISO-8601 UTC without milliseconds, as EventBridge writes `time` (2022-01-01T00:00:00Z). */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function buildEvent(
  id: string,
  scope: Scope,
  e: { source: string; detailType: string; detail: unknown; time: number; resources: string[] },
): BusEvent {
  return {
    version: '0',
    id,
    'detail-type': e.detailType,
    source: e.source,
    account: scope.account,
    time: eventTime(e.time),
    region: scope.region,
    resources: e.resources,
    detail: e.detail,
  };
}

/** A replayed copy: AWS adds `replay-name` right after `region`. */
export function withReplayName(e: BusEvent, replayName: string): BusEvent {
  return {
    version: e.version,
    id: e.id,
    'detail-type': e['detail-type'],
    source: e.source,
    account: e.account,
    time: e.time,
    region: e.region,
    'replay-name': replayName,
    resources: e.resources,
    detail: e.detail,
  };
}

/** The ARN parts of `arn:aws:events:<region>:<account>:<type>/<name...>`. */
export function parseEventsArn(arn: string): { scope: Scope; type: string; name: string } | undefined {
  const m = /^arn:aws[\w-]*:events:([^:]*):([^:]*):([^/]+)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  return { scope: { region: m[1]!, account: m[2]! }, type: m[3]!, name: m[4]! };
}
