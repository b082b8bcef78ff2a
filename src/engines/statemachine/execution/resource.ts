/**
 * What a Task's Resource ARN names: a service integration (type, action, pattern), an activity or
 * a Lambda function ARN. Classified once when the definition is compiled.
 */
import type { TaskInvocation } from './types.js';

export interface ResourceInfo {
  kind: 'service' | 'activity' | 'lambda-function';
  resourceType: string;
  resourceName: string;
  action: string;
  pattern: TaskInvocation['pattern'];
}

/** Classify a Task's Resource once, when the definition is compiled. */
export function describeResource(resource: string): ResourceInfo {
  let info: ResourceInfo;
  const parts = resource.split(':');
  if (parts[2] === 'states' && parts[5] === 'activity') {
    info = { kind: 'activity', resourceType: 'activity', resourceName: resource, action: 'activity', pattern: 'waitForTaskToken' };
  } else if (parts[2] === 'lambda' && parts[5] === 'function') {
    info = { kind: 'lambda-function', resourceType: 'lambda', resourceName: resource, action: 'invoke', pattern: 'request-response' };
  } else {
    // arn:aws:states:::sqs:sendMessage.waitForTaskToken | arn:aws:states:::aws-sdk:sqs:getQueueUrl
    // | arn:aws:states:::states:startExecution.sync:2 (the suffix itself may hold a colon)
    const m = /\.(sync:2|sync|waitForTaskToken)$/.exec(resource);
    const suffix = m ? (m[1] as string) : '';
    const rest = (m ? resource.slice(0, m.index) : resource).split(':').slice(5);
    const action = rest.pop() ?? '';
    const resourceType = rest.join(':');
    const resourceName = suffix ? `${action}.${suffix}` : action;
    const pattern = suffix === 'sync' ? 'sync' : suffix === 'sync:2' ? 'sync:2' : suffix === 'waitForTaskToken' ? 'waitForTaskToken' : 'request-response';
    info = { kind: 'service', resourceType, resourceName, action, pattern };
  }
  return info;
}
