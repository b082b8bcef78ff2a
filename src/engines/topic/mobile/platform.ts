/**
 * Push platforms, platform-application and endpoint ARNs, and the choice of the payload an
 * endpoint receives from a message.
 */
import { MissingPlatformPayload } from './errors.js';
import type { Scope } from './types.js';
import { buildArn } from '../../../core/arn.js';

/**
 * Platforms CreatePlatformApplication accepts (the message keys of the SNS developer guide's
 * "platform-specific payloads"; GCM is Firebase Cloud Messaging).
 */
export const PLATFORMS = [
  'ADM',
  'APNS',
  'APNS_SANDBOX',
  'APNS_VOIP',
  'APNS_VOIP_SANDBOX',
  'MACOS',
  'MACOS_SANDBOX',
  'BAIDU',
  'GCM',
  'MPNS',
  'WNS',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(s: string): s is Platform {
  return (PLATFORMS as readonly string[]).includes(s);
}

/** Platforms whose credentials come as a PlatformPrincipal + PlatformCredential pair (all but GCM). */
export function needsPrincipal(platform: Platform): boolean {
  return platform !== 'GCM';
}

export function applicationArn(scope: Scope, platform: string, name: string): string {
  return buildArn({ service: 'sns', region: scope.region, account: scope.account, resource: `app/${platform}/${name}` });
}

export function endpointArn(scope: Scope, platform: string, appName: string, id: string): string {
  return buildArn({ service: 'sns', region: scope.region, account: scope.account, resource: `endpoint/${platform}/${appName}/${id}` });
}

export interface ParsedArn {
  region: string;
  account: string;
  /** `app/<PLATFORM>/<name>` or `endpoint/<PLATFORM>/<app>/<id>` split on `/`. */
  resource: string[];
}

/** Split an SNS ARN; `undefined` when it has fewer than 6 `:`-separated elements. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return { region: parts[3] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':').split('/') };
}

/** The scope an endpoint ARN lives in, or `undefined` when it is not an endpoint ARN. */
export function endpointScope(arn: string): Scope | undefined {
  const p = parseArn(arn);
  if (!p || p.resource.length !== 4 || p.resource[0] !== 'endpoint') return undefined;
  return { account: p.account, region: p.region };
}

/**
 * What a device on `platform` receives. Without a structure (MessageStructure absent), the
 * message as published. With one (the parsed MessageStructure=json message, string entries
 * only), the platform's own entry (e.g. `GCM`, `APNS_SANDBOX`), else `default`.
 * @throws MissingPlatformPayload when the structure has neither
 */
export function resolvePushPayload(platform: string, message: string, structure?: Readonly<Record<string, string>>): string {
  if (!structure) return message;
  const own = structure[platform];
  if (typeof own === 'string') return own;
  const fallback = structure.default;
  if (typeof fallback === 'string') return fallback;
  throw new MissingPlatformPayload(platform);
}
