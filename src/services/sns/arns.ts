/** ARN checks with AWS's texts ("An ARN must have at least 6 elements, not 1"). */
import { invalidParameter } from './errors.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN or throws `Invalid parameter: <param> Reason: An ARN must have at least 6 elements, not N`. */
export function parseArn(arn: string, param: string): ParsedArn {
  const parts = arn.split(':');
  if (parts.length < 6) throw invalidParameter(`${param} Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  const [scheme, partition, service, region, account] = parts as [string, string, string, string, string];
  if (scheme !== 'arn') throw invalidParameter(param);
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** A topic ARN (`arn:aws:sns:<region>:<account>:<name>`), else `Invalid parameter: TopicArn`. */
export function checkTopicArn(arn: string, param = 'TopicArn'): ParsedArn {
  const a = parseArn(arn, param);
  if (a.service !== 'sns' || !a.resource || a.resource.includes(':')) throw invalidParameter(param);
  return a;
}
