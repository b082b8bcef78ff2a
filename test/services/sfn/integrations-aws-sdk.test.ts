import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import { unsupportedIntegration } from '../../../src/services/sfn/integrations/index.js';
import { ACCOUNT, createHarness, REGION, type Harness } from './integrations-harness.js';

let h: Harness;
before(() => {
  h = createHarness();
});
after(() => h.close());

async function failure(p: Promise<unknown>): Promise<StatesError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StatesError, `expected a StatesError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the task to fail');
}

describe('aws-sdk:sqs', () => {
  it('createQueue, getQueueUrl, sendMessage, receiveMessage: handler output without SDK metadata', async () => {
    const created = (await h.invoke('arn:aws:states:::aws-sdk:sqs:createQueue', { QueueName: 'sdk-q' })) as Record<string, any>;
    assert.deepEqual(Object.keys(created), ['QueueUrl']);
    const url = (await h.invoke('arn:aws:states:::aws-sdk:sqs:getQueueUrl', { QueueName: 'sdk-q' })) as Record<string, any>;
    assert.deepEqual(url, { QueueUrl: created.QueueUrl });
    const sent = (await h.invoke('arn:aws:states:::aws-sdk:sqs:sendMessage', { QueueUrl: url.QueueUrl, MessageBody: 'hi' })) as Record<string, any>;
    assert.deepEqual(Object.keys(sent).sort(), ['MD5OfMessageBody', 'MessageId']);
    const got = (await h.invoke('arn:aws:states:::aws-sdk:sqs:receiveMessage', { QueueUrl: url.QueueUrl })) as Record<string, any>;
    assert.equal(got.Messages[0].Body, 'hi');
    assert.equal(got.Messages[0].MessageId, sent.MessageId);
  });

  it('a missing queue: Sqs.QueueDoesNotExistException in SDK v2 words', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:sqs:getQueueUrl', { QueueName: 'nope' }));
    assert.equal(e.error, 'Sqs.QueueDoesNotExistException');
    assert.match(e.cause!, /^The specified queue does not exist\. \(Service: Sqs, Status Code: 400, Request ID: req-\d+\) \(SDK Attempt Count: 1\)$/);
  });

  it('a missing required parameter: the service model error, unmodeled → Sqs.SqsException', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:sqs:getQueueUrl', {}));
    assert.equal(e.error, 'Sqs.SqsException');
    assert.match(e.cause!, /^The request must contain the parameter QueueName\. \(Service: Sqs, Status Code: 400, /);
  });
});

describe('aws-sdk:sns and aws-sdk:eventbridge', () => {
  it('sns createTopic + publish + listTopics', async () => {
    const { TopicArn } = (await h.invoke('arn:aws:states:::aws-sdk:sns:createTopic', { Name: 'sdk-topic' })) as Record<string, any>;
    assert.equal(TopicArn, `arn:aws:sns:${REGION}:${ACCOUNT}:sdk-topic`);
    const pub = (await h.invoke('arn:aws:states:::aws-sdk:sns:publish', { TopicArn, Message: 'x' })) as Record<string, any>;
    assert.deepEqual(Object.keys(pub), ['MessageId']);
    const list = (await h.invoke('arn:aws:states:::aws-sdk:sns:listTopics', {})) as Record<string, any>;
    assert.ok(list.Topics.some((t: { TopicArn: string }) => t.TopicArn === TopicArn));
  });

  it('sns missing topic: Sns.NotFoundException', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:sns:publish', { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:nope`, Message: 'x' }));
    assert.equal(e.error, 'Sns.NotFoundException');
    assert.match(e.cause!, /^Topic does not exist \(Service: Sns, Status Code: 404, Request ID: req-\d+\) \(SDK Attempt Count: 1\)$/);
  });

  it('eventbridge putEvents returns FailedEntryCount without failing the task; describeEventBus timestamps as ISO-8601', async () => {
    const out = (await h.invoke('arn:aws:states:::aws-sdk:eventbridge:putEvents', {
      Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }, { Source: 's', DetailType: 'd', Detail: 'x' }],
    })) as Record<string, any>;
    assert.equal(out.FailedEntryCount, 1);
    const bus = (await h.invoke('arn:aws:states:::aws-sdk:eventbridge:describeEventBus', {})) as Record<string, any>;
    assert.equal(bus.Name, 'default');
    assert.match(bus.CreationTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('eventbridge missing rule: EventBridge.ResourceNotFoundException', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:eventbridge:describeRule', { Name: 'nope' }));
    assert.equal(e.error, 'EventBridge.ResourceNotFoundException');
    assert.match(e.cause!, /\(Service: EventBridge, Status Code: 400, Request ID: req-\d+\) \(SDK Attempt Count: 1\)$/);
  });
});

describe('aws-sdk:sfn', () => {
  const machine = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:SdkChild`;
  before(() => {
    h.states.machines.add(machine);
  });

  it('startExecution: PascalCase parameters to camelCase members, output {ExecutionArn, StartDate}; object Input serialized', async () => {
    const out = (await h.invoke('arn:aws:states:::aws-sdk:sfn:startExecution', { StateMachineArn: machine, Input: { x: 1 }, Name: 'TestStartTarget' })) as Record<string, any>;
    assert.deepEqual(out, { ExecutionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:SdkChild:TestStartTarget`, StartDate: '2023-11-14T22:13:20.000Z' });
    assert.deepEqual(h.calls.at(-1)!.input, { stateMachineArn: machine, name: 'TestStartTarget', input: '{"x":1}' });
  });

  it('nested members and lists are PascalCased', async () => {
    const out = (await h.invoke('arn:aws:states:::aws-sdk:sfn:listStateMachines', {})) as Record<string, any>;
    const m = out.StateMachines.find((s: { StateMachineArn: string }) => s.StateMachineArn === machine);
    assert.deepEqual(Object.keys(m).sort(), ['CreationDate', 'Name', 'StateMachineArn', 'Type']);
  });

  it('sendTaskSuccess with a bad token: Sfn.InvalidTokenException (recorded wording)', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:sfn:sendTaskSuccess', { TaskToken: 'Invalid token', Output: '{}' }));
    assert.equal(e.error, 'Sfn.InvalidTokenException');
    assert.match(e.cause!, /^Invalid Token: 'Invalid token' \(Service: Sfn, Status Code: 400, Request ID: req-\d+\) \(SDK Attempt Count: 1\)$/);
  });
});

describe('aws-sdk resources Signalbox cannot serve', () => {
  it('an unknown action is not recognized', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:sqs:frobnicate', {}));
    assert.equal(e.error, 'States.Runtime');
    assert.match(e.cause!, /^The resource provided arn:aws:states:::aws-sdk:sqs:frobnicate is not recognized\./);
    assert.match(unsupportedIntegration('aws-sdk:sqs', 'frobnicate', 'request-response')!, /not recognized/);
    assert.equal(unsupportedIntegration('aws-sdk:sqs', 'getQueueUrl', 'waitForTaskToken'), undefined);
    assert.match(unsupportedIntegration('aws-sdk:sqs', 'getQueueUrl', 'sync')!, /not recognized/);
  });

  it('aws-sdk:dynamodb: clear States.Runtime', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:dynamodb:putItem', {}));
    assert.equal(e.error, 'States.Runtime');
    assert.match(e.cause!, /does not emulate the 'dynamodb' service integration/);
  });

  it('aws-sdk:lambda:invoke: Lambda.ResourceNotFoundException in SDK v2 words', async () => {
    const e = await failure(h.invoke('arn:aws:states:::aws-sdk:lambda:invoke', { FunctionName: 'fn' }));
    assert.equal(e.error, 'Lambda.ResourceNotFoundException');
    assert.match(e.cause!, new RegExp(`^Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn:\\$LATEST \\(Service: Lambda, Status Code: 404, `));
  });
});
