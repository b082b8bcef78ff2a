/**
 * ARNs in every partition (design: src/core "arns (every partition)"). An ARN is
 * `arn:<partition>:<service>:<region>:<account>:<resource>`; the partition follows from the
 * region, with the region patterns of botocore's `partitions.json` (aws-cn for `cn-*`,
 * aws-us-gov for `us-gov-*`, aws-iso for `us-iso-*`, aws-iso-b for `us-isob-*`, ...).
 * Every ARN a service builds goes through `buildArn`; every ARN read from input through `parseArn`
 * (or a pattern built on `PARTITION_PATTERN`), which accept any partition.
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f' | 'aws-eusc';

/** Region prefixes, most specific first (`us-isob-` before `us-iso-`, both before `us-`). */
const PREFIXES: ReadonlyArray<readonly [string, Partition]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

/** The partition a region belongs to; `aws` for every other (or an empty) region. */
export function partitionOf(region: string): Partition {
  for (const [prefix, partition] of PREFIXES) if (region.startsWith(prefix)) return partition;
  return 'aws';
}

/** A partition in a regular expression source: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, ... */
export const PARTITION_PATTERN = 'aws(?:-[a-z]+)*';

export interface ArnParts {
  service: string;
  /** Empty for global resources (IAM). */
  region: string;
  /** Empty for account-less resources (SNS/EventBridge partner sources, Step Functions integrations). */
  account: string;
  /** Everything after the account, colons included (`stateMachine:m`, `rule/bus/r`). */
  resource: string;
  /** Defaults to the region's partition; give it for region-less ARNs (IAM) from the caller's region. */
  partition?: string;
}

export interface ParsedArn extends Required<ArnParts> {
  arn: string;
}

export function buildArn(p: ArnParts): string {
  return `arn:${p.partition ?? partitionOf(p.region)}:${p.service}:${p.region}:${p.account}:${p.resource}`;
}

/** An IAM ARN (no region) in the partition of `region`, e.g. `arn:aws-cn:iam::<account>:root`. */
export function iamArn(region: string, account: string, resource: string): string {
  return buildArn({ service: 'iam', region: '', account, resource, partition: partitionOf(region) });
}

const PARTITION_RE = new RegExp(`^${PARTITION_PATTERN}$`);

/** Splits an ARN of any partition; undefined when it is not `arn:<aws...>:<service>:<region>:<account>:<resource>`. */
export function parseArn(text: string): ParsedArn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  if (!PARTITION_RE.test(partition) || !service) return undefined;
  return { arn: text, partition, service, region, account, resource: parts.slice(5).join(':') };
}
