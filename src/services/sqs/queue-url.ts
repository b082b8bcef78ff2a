/**
 * Queue URLs are built from the Host the client used (`http://<host>/<account>/<name>`), so the
 * JS SDK, which re-targets SQS calls to the QueueUrl's origin, always reaches us.
 */
import type { Scope } from '../../engines/queue/index.js';
import { queueDoesNotExist, sqsError } from './errors.js';
import type { RequestContext } from '../context.js';
import { buildArn } from '../../core/arn.js';

export function queueUrl(ctx: Pick<RequestContext, 'host'>, account: string, name: string): string {
  return `http://${ctx.host}/${account}/${name}`;
}

export function queueArn(scope: Scope, name: string): string {
  return buildArn({ service: 'sqs', region: scope.region, account: scope.account, resource: name });
}

/** `arn:aws:sqs:<region>:<account>:<name>` → scope and name. */
export function parseQueueArn(arn: string): { scope: Scope; name: string } | undefined {
  const m = /^arn:aws[\w-]*:sqs:([^:]+):(\d{12}):([^:]+)$/.exec(arn);
  return m ? { scope: { region: m[1]!, account: m[2]! }, name: m[3]! } : undefined;
}

/** The request's account and region; its protocol words QueueDoesNotExist (JSON when absent). */
type UrlContext = Pick<RequestContext, 'region' | 'account'> & Partial<Pick<RequestContext, 'protocol'>>;

/**
 * The queue a URL names. Any host is accepted (AWS-style `sqs.<region>.amazonaws.com` URLs
 * work too); the path must be `/<account>/<name>`. The region is the request's.
 */
export function resolveQueueUrl(url: string, ctx: UrlContext): { scope: Scope; name: string } {
  // Every SQS call resolves its QueueUrl, and clients repeat the same few: remember the answers.
  const hit = resolved.get(url);
  if (hit && hit.account === ctx.account && hit.region === ctx.region) return hit.value;
  const value = resolveUncached(url, ctx);
  if (resolved.size >= 1024) resolved.clear();
  resolved.set(url, { account: ctx.account, region: ctx.region, value });
  return value;
}

/** Results are shared between callers: never mutated. */
const resolved = new Map<string, { account: string; region: string; value: { scope: Scope; name: string } }>();

function resolveUncached(url: string, ctx: UrlContext): { scope: Scope; name: string } {
  let path = url;
  const scheme = url.indexOf('://');
  if (scheme >= 0) {
    const slash = url.indexOf('/', scheme + 3);
    path = slash >= 0 ? url.slice(slash) : '';
  }
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  if (parts.length === 2 && /^\d{12}$/.test(parts[0]!)) {
    const region = regionFromHost(url) ?? ctx.region;
    return { scope: { account: parts[0]!, region }, name: parts[1]! };
  }
  if (parts.length === 1 && scheme < 0) return { scope: { account: ctx.account, region: ctx.region }, name: parts[0]! };
  // A URL with no path (`http://host`, `http://host/`) names no queue: AWS answers 400
  // QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue), not InvalidAddress. The case is
  // not in the recordings; its texts are the recorded QueueDoesNotExist ones [SNAP test_non_existent_queue].
  if (parts.length === 0 && scheme >= 0) throw queueDoesNotExist({ protocol: ctx.protocol ?? 'json' });
  throw sqsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);
}

function regionFromHost(url: string): string | undefined {
  return /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(url)?.[1];
}
