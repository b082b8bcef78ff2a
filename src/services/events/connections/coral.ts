/**
 * EventBridge's "coral" constraint validation, worded as AWS words it:
 * `N validation error(s) detected: Value 'x' at 'member.path' failed to satisfy constraint: ...`,
 * errors joined by "; " in input member order. Constraints come from the service model
 * (patterns are full matches, as in Java's `Pattern.matches`; `.` does not match line breaks).
 * Sensitive members are reported without their value (`Value at 'x' ...`).
 */
import { coralMemberPath, type AwsError, type PathSeg } from '../../../../protocols/index.js';
import { validation } from '../errors.js';

export interface StringRule {
  min?: number;
  max?: number;
  /** The model's pattern text, shown verbatim in the message. */
  pattern?: string;
  sensitive?: boolean;
}

const compiled = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re.test(value);
}

/** Java's rendering of a value in a coral message: strings as they are, lists as `[a, b]`. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k.charAt(0).toLowerCase()}${k.slice(1)}=${show(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Collects constraint violations for one request; `throwIfAny` raises them as one ValidationException. */
export class Coral {
  private readonly errors: string[] = [];

  private fail(path: PathSeg[], value: unknown, constraint: string, sensitive = false): void {
    const at = coralMemberPath(path);
    const what = sensitive ? `Value at '${at}'` : `Value '${show(value)}' at '${at}'`;
    this.errors.push(`${what} failed to satisfy constraint: ${constraint}`);
  }

  /** Pattern first, then length (the order LocalStack recorded for names). */
  string(path: PathSeg[], value: unknown, rule: StringRule): void {
    if (typeof value !== 'string') return;
    if (rule.pattern !== undefined && !fullMatch(rule.pattern, value))
      this.fail(path, value, `Member must satisfy regular expression pattern: ${rule.pattern}`, rule.sensitive);
    if (rule.max !== undefined && value.length > rule.max)
      this.fail(path, value, `Member must have length less than or equal to ${rule.max}`, rule.sensitive);
    if (rule.min !== undefined && value.length < rule.min)
      this.fail(path, value, `Member must have length greater than or equal to ${rule.min}`, rule.sensitive);
  }

  enumValue(path: PathSeg[], value: unknown, allowed: readonly string[], caseInsensitive = false): void {
    if (typeof value !== 'string') return;
    const ok = caseInsensitive ? allowed.includes(value.toUpperCase()) : allowed.includes(value);
    if (!ok) this.fail(path, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }

  integer(path: PathSeg[], value: unknown, min?: number, max?: number): void {
    if (typeof value !== 'number') return;
    if (min !== undefined && value < min) this.fail(path, value, `Member must have value greater than or equal to ${min}`);
    if (max !== undefined && value > max) this.fail(path, value, `Member must have value less than or equal to ${max}`);
  }

  list(path: PathSeg[], value: unknown, min?: number, max?: number): void {
    if (!Array.isArray(value)) return;
    if (max !== undefined && value.length > max) this.fail(path, value, `Member must have length less than or equal to ${max}`);
    if (min !== undefined && value.length < min) this.fail(path, value, `Member must have length greater than or equal to ${min}`);
  }

  get count(): number {
    return this.errors.length;
  }

  error(): AwsError | undefined {
    const n = this.errors.length;
    if (n === 0) return undefined;
    return validation(`${n} validation error${n > 1 ? 's' : ''} detected: ${this.errors.join('; ')}`);
  }

  throwIfAny(): void {
    const e = this.error();
    if (e) throw e;
  }
}

/** Constraints shared by several EventBridge shapes (from the service model). */
export const RULES = {
  /** ConnectionName, ApiDestinationName, EndpointName. */
  resourceName: { min: 1, max: 64, pattern: '[\\.\\-_A-Za-z0-9]+' },
  description: { max: 512, pattern: '.*' },
  connectionArn: {
    min: 1,
    max: 1600,
    pattern: '^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$',
  },
  httpsEndpoint: { min: 1, max: 2048, pattern: "^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$" },
  authHeader: { min: 1, max: 512, pattern: '^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$' },
  authHeaderSensitive: { min: 1, max: 512, pattern: '^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$', sensitive: true },
  headerKey: { max: 512, pattern: "^[!#$%&'*+-.^_`|~0-9a-zA-Z]+$" },
  headerValue: { max: 512, pattern: '^[ \\t]*[\\x20-\\x7E]+([ \\t]+[\\x20-\\x7E]+)*[ \\t]*$', sensitive: true },
  queryKey: { max: 512, pattern: '[^\\x00-\\x1F\\x7F]+' },
  queryValue: { max: 512, pattern: '[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F]+', sensitive: true },
  kmsKeyIdentifier: { max: 2048, pattern: '^[a-zA-Z0-9_\\-/:]*$' },
  resourceConfigurationArn: {
    min: 0,
    max: 2048,
    pattern: '^(?:^arn:[a-z0-9\\-]+:vpc-lattice:[a-zA-Z0-9\\-]+:\\d{12}:resourceconfiguration/rcfg-[0-9a-z]{17}$|^$)',
  },
  nextToken: { min: 1, max: 2048 },
  homeRegion: { min: 9, max: 20, pattern: '^[\\-a-z0-9]+$' },
  eventSourceName: { min: 1, max: 256, pattern: 'aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}' },
  eventSourceNamePrefix: { min: 1, max: 256, pattern: '[/\\.\\-_A-Za-z0-9]+' },
  partnerEventSourceNamePrefix: { min: 1, max: 256, pattern: 'aws\\.partner/[\\.\\-_A-Za-z0-9]+/[/\\.\\-_A-Za-z0-9]*' },
  accountId: { min: 12, max: 12, pattern: '\\d{12}' },
  healthCheck: { min: 1, max: 1600, pattern: '^arn:aws([a-z]|\\-)*:route53:::healthcheck/[\\-a-z0-9]+$' },
  route: { min: 9, max: 20, pattern: '^[\\-a-z0-9]+$' },
  iamRoleArn: { min: 1, max: 256, pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role\\/[\\w+=,.@/-]+$' },
  nonPartnerEventBusArn: { min: 1, max: 512, pattern: '^arn:aws[a-z-]*:events:[a-z]+-[a-z-]+-\\d+:\\d{12}:event-bus/[\\w.-]+$' },
} satisfies Record<string, StringRule>;

/** Enum value sets in the order AWS prints them (recorded where noted, else the model's order). */
export const ENUMS = {
  /** Recorded (LocalStack snapshot test_create_connection_invalid_parameters). */
  authorizationType: ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'],
  /** Recorded (test_create_api_destination_invalid_parameters): not the model's order. */
  apiDestinationHttpMethod: ['HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'GET', 'OPTIONS'],
  oauthHttpMethod: ['GET', 'POST', 'PUT'],
  connectionState: ['CREATING', 'UPDATING', 'DELETING', 'AUTHORIZED', 'DEAUTHORIZED', 'AUTHORIZING', 'DEAUTHORIZING', 'ACTIVE', 'FAILED_CONNECTIVITY'],
  replicationState: ['ENABLED', 'DISABLED'],
} as const;

/** ListX `Limit` / `MaxResults` (LimitMax100) and `NextToken` checks. */
export function checkPaging(coral: Coral, limitMember: string, limit: unknown, nextToken: unknown): void {
  coral.string(['NextToken'], nextToken, RULES.nextToken);
  coral.integer([limitMember], limit, 1, 100);
}
