/**
 * AddPermission/RemovePermission edit the queue's `Policy` document the way AWS does: one
 * statement per label, Sid = label, principals as account root ARNs, actions prefixed `SQS:`.
 */
import type { Queue } from '../../engines/queue/index.js';
import { invalidParam, invalidParameterValue, required } from './errors.js';
import type { SqsInput } from './types.js';
import { iamArn } from '../../core/arn.js';

const LABEL = /^[A-Za-z0-9_-]{1,80}$/;
const ACTIONS = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ListQueueTags',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
  'StartMessageMoveTask',
]);

interface Statement {
  Sid?: string;
  Effect: string;
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}

interface PolicyDoc {
  Version: string;
  Id?: string;
  Statement: Statement[];
}

function readPolicy(q: Queue): PolicyDoc {
  const raw = q.extraAttributes.get('Policy');
  // AWS writes the 2008-10-17 policy language version for AddPermission ([SNAP] test_sqs_permission_lifecycle).
  if (!raw) return { Version: '2008-10-17', Id: `${q.arn}/SQSDefaultPolicy`, Statement: [] };
  const doc = JSON.parse(raw) as PolicyDoc;
  if (!Array.isArray(doc.Statement)) doc.Statement = doc.Statement ? [doc.Statement as unknown as Statement] : [];
  return doc;
}

export function addPermission(q: Queue, input: SqsInput<'AddPermission'>): void {
  const label = required(input.Label, 'Label');
  const accounts = input.AWSAccountIds ?? [];
  const actions = input.Actions ?? [];
  if (!LABEL.test(label))
    throw invalidParam('Label', label, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  if (accounts.length === 0) throw invalidParameterValue('The request must contain the parameter AWSAccountIds.');
  if (actions.length === 0) throw invalidParameterValue('The request must contain the parameter Actions.');
  for (const a of actions)
    if (!ACTIONS.has(a))
      throw invalidParam('ActionName', `SQS:${a}`, 'Please refer to the appropriate WSDL for a list of valid actions. ');
  const doc = readPolicy(q);
  if (doc.Statement.some((s) => s.Sid === label)) throw invalidParam('Label', label, 'Already exists.');
  const principals = accounts.map((a) => iamArn(q.scope.region, a, 'root'));
  const acts = actions.map((a) => `SQS:${a}`);
  doc.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0]! : principals },
    Action: acts.length === 1 ? acts[0]! : acts,
    Resource: q.arn,
  });
  q.extraAttributes.set('Policy', JSON.stringify(doc));
}

export function removePermission(q: Queue, label: string): void {
  const doc = readPolicy(q);
  const before = doc.Statement.length;
  doc.Statement = doc.Statement.filter((s) => s.Sid !== label);
  if (doc.Statement.length === before) throw invalidParam('Label', label, "can't find label.");
  if (doc.Statement.length === 0) q.extraAttributes.delete('Policy');
  else q.extraAttributes.set('Policy', JSON.stringify(doc));
}
