import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import { ACCOUNT, createHarness, REGION, type Harness } from './integrations-harness.js';

let h: Harness;
before(() => {
  h = createHarness();
});
after(() => h.close());

async function rejectsWith(p: Promise<unknown>, error: string, cause: string | RegExp): Promise<StatesError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StatesError, `expected a StatesError, got ${String(e)}`);
    assert.equal(e.error, error);
    if (typeof cause === 'string') assert.equal(e.cause, cause);
    else assert.match(e.cause ?? '', cause);
    return e;
  }
  assert.fail('expected the task to fail');
}

const metadataKeys = (o: object) => Object.keys(o);

describe('sqs:sendMessage', () => {
  it('sends, returns AWS shape with SdkHttpMetadata, and the message arrives', async () => {
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn-send' });
    const out = (await h.invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl, MessageBody: { hello: 'world', n: 1 } })) as Record<string, any>;
    assert.deepEqual(metadataKeys(out), ['MD5OfMessageBody', 'MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    assert.match(out.MessageId, /^[0-9a-f-]{36}$/);
    assert.equal(out.SdkResponseMetadata.RequestId, 'req-1');
    assert.deepEqual(out.SdkHttpMetadata, {
      AllHttpHeaders: {
        'x-amzn-RequestId': ['req-1'],
        connection: ['keep-alive'],
        'Content-Length': ['106'],
        Date: ['Thu, 18 Apr 2024 06:27:01 GMT'],
        'Content-Type': ['application/x-amz-json-1.0'],
      },
      HttpHeaders: {
        connection: 'keep-alive',
        'Content-Length': '106',
        'Content-Type': 'application/x-amz-json-1.0',
        Date: 'Thu, 18 Apr 2024 06:27:01 GMT',
        'x-amzn-RequestId': 'req-1',
      },
      HttpStatusCode: 200,
    });
    const got = await h.direct('sqs', 'ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10 });
    assert.equal(got.Messages.length, 1);
    assert.equal(got.Messages[0].Body, '{"hello":"world","n":1}');
    assert.equal(got.Messages[0].MD5OfBody, out.MD5OfMessageBody);
    assert.equal(got.Messages[0].MessageId, out.MessageId);
  });

  it('message attributes add MD5OfMessageAttributes in sorted position; unsupported parameters are dropped', async () => {
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn-attrs' });
    const out = (await h.invoke('arn:aws:states:::sqs:sendMessage', {
      QueueUrl,
      MessageBody: 'test_message_body',
      MessageAttributes: { my_attribute_no_1: { DataType: 'String', StringValue: 'Hello' } },
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'x' } },
    })) as Record<string, any>;
    assert.deepEqual(metadataKeys(out), ['MD5OfMessageAttributes', 'MD5OfMessageBody', 'MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    const sent = h.calls.at(-1)!;
    assert.deepEqual(Object.keys(sent.input).sort(), ['MessageAttributes', 'MessageBody', 'QueueUrl']);
  });

  it('FIFO: SequenceNumber sorts after the metadata', async () => {
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
    const out = (await h.invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })) as Record<string, any>;
    assert.deepEqual(metadataKeys(out), ['MD5OfMessageBody', 'MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata', 'SequenceNumber']);
  });

  it('null MessageBody: SQS.AmazonSQSException in SDK v1 words (recorded)', async () => {
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn-empty' });
    await rejectsWith(
      h.invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl, MessageBody: null }),
      'SQS.AmazonSQSException',
      /^The request must contain the parameter MessageBody\. \(Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: req-\d+; Proxy: null\)$/,
    );
  });

  it('a host-only queue URL: SQS.SdkClientException (recorded)', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl: 'http://no-such-queue-73e08fde', MessageBody: 'x' }),
      'SQS.SdkClientException',
      'Unable to execute HTTP request: no-such-queue-73e08fde: Name or service not known',
    );
  });

  it('a missing queue: SQS.QueueDoesNotExistException', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl: `http://localhost:4566/${ACCOUNT}/nope`, MessageBody: 'x' }),
      'SQS.QueueDoesNotExistException',
      /^The specified queue does not exist\. \(Service: AmazonSQS; Status Code: 400; Error Code: AWS\.SimpleQueueService\.NonExistentQueue; Request ID: req-\d+; Proxy: null\)$/,
    );
  });

  it('.waitForTaskToken performs the call and returns the request-response output', async () => {
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn-token' });
    const out = (await h.invoke('arn:aws:states:::sqs:sendMessage.waitForTaskToken', { QueueUrl, MessageBody: { TaskToken: 'tok-1' } }, { taskToken: 'tok-1' })) as Record<
      string,
      any
    >;
    assert.deepEqual(metadataKeys(out), ['MD5OfMessageBody', 'MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    const got = await h.direct('sqs', 'ReceiveMessage', { QueueUrl });
    assert.equal(got.Messages[0].Body, '{"TaskToken":"tok-1"}');
  });
});

describe('sns:publish', () => {
  it('publishes to a topic a queue subscribes to; output shape as recorded', async () => {
    const { TopicArn } = await h.direct('sns', 'CreateTopic', { Name: 'sfn-topic' });
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn-topic-sub' });
    const attrs = await h.direct('sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
    await h.direct('sns', 'Subscribe', { TopicArn, Protocol: 'sqs', Endpoint: attrs.Attributes.QueueArn, Attributes: { RawMessageDelivery: 'true' } });
    const out = (await h.invoke('arn:aws:states:::sns:publish', { TopicArn, Message: { Message: 'HelloWorld!' } })) as Record<string, any>;
    assert.deepEqual(metadataKeys(out), ['MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    assert.equal(out.SdkHttpMetadata.HttpHeaders['Content-Type'], 'text/xml');
    assert.equal(out.SdkHttpMetadata.HttpStatusCode, 200);
    const got = await h.direct('sqs', 'ReceiveMessage', { QueueUrl, WaitTimeSeconds: 1 });
    assert.equal(got.Messages[0].Body, '{"Message":"HelloWorld!"}');
  });

  it('numbers and booleans become their JSON text', async () => {
    const { TopicArn } = await h.direct('sns', 'CreateTopic', { Name: 'sfn-topic-2' });
    await h.invoke('arn:aws:states:::sns:publish', { TopicArn, Message: 1 });
    assert.equal(h.calls.at(-1)!.input.Message, '1');
  });

  it('missing topic: SNS.NotFoundException with the recorded cause', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::sns:publish', { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:nope`, Message: 'x' }),
      'SNS.NotFoundException',
      /^Topic does not exist \(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: req-\d+; Proxy: null\)$/,
    );
  });

  it('FIFO topic without MessageGroupId: SNS.InvalidParameterException with the recorded cause', async () => {
    const { TopicArn } = await h.direct('sns', 'CreateTopic', { Name: 'sfn-topic.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } });
    await rejectsWith(
      h.invoke('arn:aws:states:::sns:publish', { TopicArn, Message: { Message: 'HelloWorld!' } }),
      'SNS.InvalidParameterException',
      /^Invalid parameter: The MessageGroupId parameter is required for FIFO topics \(Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: req-\d+; Proxy: null\)$/,
    );
  });
});

describe('events:putEvents', () => {
  it('routes an event with an object Detail through a rule to a queue; output has no SDK metadata', async () => {
    const { QueueUrl } = await h.direct('sqs', 'CreateQueue', { QueueName: 'sfn-events' });
    const attrs = await h.direct('sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
    await h.direct('events', 'PutRule', { Name: 'sfn-rule', EventPattern: JSON.stringify({ source: ['sfn.test'] }) });
    await h.direct('events', 'PutTargets', { Rule: 'sfn-rule', Targets: [{ Id: 'q', Arn: attrs.Attributes.QueueArn }] });
    const out = (await h.invoke('arn:aws:states:::events:putEvents', {
      Entries: [{ Source: 'sfn.test', DetailType: 'Test', Detail: { Message: 'HelloWorld' } }],
    })) as Record<string, any>;
    assert.deepEqual(Object.keys(out), ['Entries', 'FailedEntryCount']);
    assert.deepEqual(Object.keys(h.calls.at(-1)!.input), ['Entries']);
    assert.equal(out.FailedEntryCount, 0);
    assert.deepEqual(Object.keys(out.Entries[0]), ['EventId']);
    const got = await h.direct('sqs', 'ReceiveMessage', { QueueUrl, WaitTimeSeconds: 2 });
    const event = JSON.parse(got.Messages[0].Body);
    assert.equal(event.id, out.Entries[0].EventId);
    assert.deepEqual(event.detail, { Message: 'HelloWorld' });
    // Step Functions adds the machine and execution ARNs (recorded stepfunctions_events).
    assert.deepEqual(event.resources, [`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Parent`, `arn:aws:states:${REGION}:${ACCOUNT}:execution:Parent:run-1`]);
  });

  it('a malformed entry fails the task with EventBridge.FailedEntry (recorded cause)', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::events:putEvents', {
        Entries: [
          { Source: 'sfn.test', DetailType: 'T', Detail: { ok: true } },
          { Source: 'sfn.test', DetailType: 'T', Detail: 'not json' },
        ],
      }),
      'EventBridge.FailedEntry',
      /^\{"Entries":\[\{"EventId":"[0-9a-f-]{36}"\},\{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed\."\}\],"FailedEntryCount":1\}$/,
    );
  });

  it('a JSON string Detail is malformed (recorded)', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::events:putEvents', { Entries: [{ Source: 'some.source', DetailType: 'T', Detail: '"jsonstring"' }] }),
      'EventBridge.FailedEntry',
      '{"Entries":[{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."}],"FailedEntryCount":1}',
    );
  });

  it('an entry without Source: InvalidArgument as recorded', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::events:putEvents', { Entries: [{ DetailType: 'T', Detail: {} }] }),
      'EventBridge.FailedEntry',
      '{"Entries":[{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter Source is not valid. Reason: Source is a required argument."}],"FailedEntryCount":1}',
    );
  });
});

describe('states:startExecution', () => {
  const machine = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Child`;
  before(() => {
    h.states.machines.add(machine);
  });

  it('request-response: {ExecutionArn, SdkHttpMetadata, SdkResponseMetadata, StartDate}; object Input serialized', async () => {
    const out = (await h.invoke('arn:aws:states:::states:startExecution', { StateMachineArn: machine, Input: { a: 1 }, Name: 'TestStartTarget' })) as Record<string, any>;
    assert.deepEqual(Object.keys(out), ['ExecutionArn', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StartDate']);
    assert.equal(out.ExecutionArn, `arn:aws:states:${REGION}:${ACCOUNT}:execution:Child:TestStartTarget`);
    assert.equal(out.StartDate, 1_700_000_000_000);
    assert.equal(h.states.executions.get(out.ExecutionArn)!.input, '{"a":1}');
    assert.equal(out.SdkHttpMetadata.HttpHeaders['Content-Type'], 'application/x-amz-json-1.0');
  });

  it('no Input: the child gets {}', async () => {
    const out = (await h.invoke('arn:aws:states:::states:startExecution', { StateMachineArn: machine, Name: 'no-input' })) as Record<string, any>;
    assert.equal(h.states.executions.get(out.ExecutionArn)!.input, '{}');
  });

  it('.sync: submitted hook gets the start output, result is DescribeExecution with Output as a string', async () => {
    const before = h.submitted.length;
    const p = h.invoke('arn:aws:states:::states:startExecution.sync', { StateMachineArn: machine, Input: {}, Name: 'sync-1' });
    await new Promise((r) => setImmediate(r));
    assert.equal(h.submitted.length, before + 1);
    const sub = h.submitted.at(-1) as Record<string, any>;
    assert.deepEqual(Object.keys(sub), ['ExecutionArn', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StartDate']);
    h.states.executions.get(sub.ExecutionArn)!.finish('SUCCEEDED', { output: '{"Arg1":"argument1"}' });
    assert.deepEqual(await p, {
      ExecutionArn: sub.ExecutionArn,
      Input: '{}',
      InputDetails: { Included: true },
      Name: 'sync-1',
      Output: '{"Arg1":"argument1"}',
      OutputDetails: { Included: true },
      StartDate: 1_700_000_000_000,
      StateMachineArn: machine,
      Status: 'SUCCEEDED',
      StopDate: 1_700_000_001_000,
    });
  });

  it('.sync:2 parses Input and Output', async () => {
    const p = h.invoke('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: machine, Input: {}, Name: 'sync-2' });
    await new Promise((r) => setImmediate(r));
    const sub = h.submitted.at(-1) as Record<string, any>;
    h.states.executions.get(sub.ExecutionArn)!.finish('SUCCEEDED', { output: '{"Arg1":"argument1"}' });
    const out = (await p) as Record<string, any>;
    assert.deepEqual(out.Input, {});
    assert.deepEqual(out.Output, { Arg1: 'argument1' });
  });

  it('.sync child FAILED: States.TaskFailed, cause the DescribeExecution JSON (recorded)', async () => {
    const p = h.invoke('arn:aws:states:::states:startExecution.sync', { StateMachineArn: machine, Input: {}, Name: 'sync-fail' });
    await new Promise((r) => setImmediate(r));
    const sub = h.submitted.at(-1) as Record<string, any>;
    h.states.executions.get(sub.ExecutionArn)!.finish('FAILED', { error: 'SomeFailure', cause: "This state machines raises a 'SomeFailure' failure." });
    const e = await rejectsWith(p, 'States.TaskFailed', /^\{"Cause":/);
    assert.deepEqual(Object.keys(JSON.parse(e.cause!)), ['Cause', 'Error', 'ExecutionArn', 'Input', 'InputDetails', 'Name', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    assert.equal(JSON.parse(e.cause!).Status, 'FAILED');
  });

  it('.sync aborted (state timeout / execution stopped): the child is stopped', async () => {
    const ac = new AbortController();
    const p = h.invoke('arn:aws:states:::states:startExecution.sync', { StateMachineArn: machine, Name: 'sync-abort' }, { signal: ac.signal });
    await new Promise((r) => setImmediate(r));
    const sub = h.submitted.at(-1) as Record<string, any>;
    ac.abort(new Error('timeout'));
    await assert.rejects(p, /timeout/);
    assert.ok(h.states.stopped.includes(sub.ExecutionArn));
  });

  it('no such machine: StepFunctions.StateMachineDoesNotExistException (recorded wording)', async () => {
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Nope`;
    await rejectsWith(
      h.invoke('arn:aws:states:::states:startExecution', { StateMachineArn: arn }),
      'StepFunctions.StateMachineDoesNotExistException',
      new RegExp(
        `^State Machine Does Not Exist: '${arn}' \\(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: req-\\d+; Proxy: null\\)$`,
      ),
    );
  });
});

describe('lambda and unsupported services', () => {
  it('lambda:invoke fails as AWS does for a missing function (recorded wording)', async () => {
    await rejectsWith(
      h.invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'no_such_fn', Payload: null }),
      'Lambda.ResourceNotFoundException',
      new RegExp(
        `^Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:no_such_fn:\\$LATEST \\(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: req-\\d+; Proxy: null\\)$`,
      ),
    );
  });

  it('a bare Lambda function ARN fails the same way', async () => {
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`;
    const inv = h.invocation(arn, {}, { resourceType: 'lambda', resourceName: arn, action: 'invoke' });
    await rejectsWith(h.port.invoke(inv, h.hooks), 'Lambda.ResourceNotFoundException', new RegExp(`^Function not found: ${arn}:\\$LATEST \\(Service: AWSLambda;`));
  });

  it('dynamodb: a clear States.Runtime failure, not a crash', async () => {
    await rejectsWith(h.invoke('arn:aws:states:::dynamodb:putItem', { TableName: 't', Item: {} }), 'States.Runtime', /does not emulate the 'dynamodb' service integration/);
  });

  it('an unknown optimized action or pattern is not recognized', async () => {
    await rejectsWith(h.invoke('arn:aws:states:::sqs:receiveMessage', {}), 'States.Runtime', /is not recognized/);
    await rejectsWith(h.invoke('arn:aws:states:::sqs:sendMessage.sync', {}), 'States.Runtime', /is not recognized/);
  });
});
