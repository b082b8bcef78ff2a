/**
 * Step Functions over the in-process bridge: SFNClient commands (including the `sync-` host-prefixed
 * StartSyncExecution and TestState) run in process, errors are the SFN SDK's exception classes, and
 * a workflow's SQS task is read back through a bridged SQSClient. No socket is ever opened.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as Sfn from '@aws-sdk/client-sfn';
import * as Sqs from '@aws-sdk/client-sqs';
import { createSignalbox, type Signalbox } from '../../../src/index.js';
import { ACCOUNT, REGION, eventually, unique } from '../harness.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/bridge`;
const json = (v: unknown) => JSON.stringify(v);

describe('in-process bridge: SFNClient', () => {
  let sb: Signalbox;
  // No endpoint, no credentials, no `disableHostPrefix`: the bridge needs none of them.
  let sfn: Sfn.SFNClient;
  let sqs: Sqs.SQSClient;
  before(async () => {
    sb = await createSignalbox({ logLevel: 'silent' });
    sb.bridge(Sfn.SFNClient);
    sb.bridge(Sqs.SQSClient);
    sfn = new Sfn.SFNClient({ region: REGION });
    sqs = new Sqs.SQSClient({ region: REGION });
  });
  after(async () => {
    assert.equal(sb.server.listening, false, 'the bridge never opened a socket');
    sfn.destroy();
    sqs.destroy();
    await sb.close();
  });

  const create = (name: string, definition: object, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') =>
    sfn.send(new Sfn.CreateStateMachineCommand({ name: unique(name), definition: json(definition), roleArn: ROLE, type }));

  it('creates a machine, runs an execution to SUCCEEDED and reads its history', async () => {
    const { stateMachineArn } = await create('greet', {
      StartAt: 'Greet',
      States: {
        Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hello {}', $.who)" }, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    });
    assert.match(stateMachineArn ?? '', new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:greet-`));
    const described = await sfn.send(new Sfn.DescribeStateMachineCommand({ stateMachineArn }));
    assert.equal(described.type, 'STANDARD');
    assert.equal(described.roleArn, ROLE);

    const { executionArn } = await sfn.send(new Sfn.StartExecutionCommand({ stateMachineArn, name: 'run-1', input: json({ who: 'bridge' }) }));
    assert.equal(executionArn, `${stateMachineArn!.replace(':stateMachine:', ':execution:')}:run-1`);
    const done = await eventually(async () => {
      const d = await sfn.send(new Sfn.DescribeExecutionCommand({ executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    assert.equal(done.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(done.output ?? 'null'), { greeting: 'hello bridge' });
    assert.ok(done.startDate instanceof Date, 'timestamps are deserialized as Dates');

    const { events } = await sfn.send(new Sfn.GetExecutionHistoryCommand({ executionArn }));
    const types = (events ?? []).map((e) => e.type);
    assert.equal(types[0], 'ExecutionStarted');
    assert.equal(types.at(-1), 'ExecutionSucceeded');
    assert.ok(types.includes('PassStateEntered') && types.includes('SucceedStateExited'), types.join(', '));
    assert.deepEqual(JSON.parse(events![0]!.executionStartedEventDetails?.input ?? 'null'), { who: 'bridge' });

    const { executions } = await sfn.send(new Sfn.ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }));
    assert.deepEqual(executions?.map((e) => e.name), ['run-1']);
  });

  it('throws the SFN SDK exception classes with $metadata', async () => {
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${unique('missing')}`;
    await assert.rejects(sfn.send(new Sfn.StartExecutionCommand({ stateMachineArn: missing })), (e: unknown) => {
      assert.ok(e instanceof Sfn.StateMachineDoesNotExist, String(e));
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.match(e.message, /State Machine Does Not Exist/);
      return true;
    });
    await assert.rejects(sfn.send(new Sfn.DescribeStateMachineCommand({ stateMachineArn: missing })), Sfn.StateMachineDoesNotExist);
    await assert.rejects(create('bad', { StartAt: 'Nowhere', States: { A: { Type: 'Pass', End: true } } }), (e: unknown) => {
      assert.ok(e instanceof Sfn.InvalidDefinition, String(e));
      return true;
    });
    const name = unique('dup');
    await sfn.send(new Sfn.CreateStateMachineCommand({ name, definition: json({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }), roleArn: ROLE }));
    await assert.rejects(
      sfn.send(new Sfn.CreateStateMachineCommand({ name, definition: json({ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }), roleArn: ROLE })),
      Sfn.StateMachineAlreadyExists,
    );
  });

  it('runs StartSyncExecution (host prefix `sync-`) on an EXPRESS machine', async () => {
    const { stateMachineArn } = await create('adder', {
      StartAt: 'Sum',
      States: { Sum: { Type: 'Pass', Parameters: { 'total.$': 'States.MathAdd($.a, $.b)' }, End: true } },
    }, 'EXPRESS');
    const out = await sfn.send(new Sfn.StartSyncExecutionCommand({ stateMachineArn, input: json({ a: 2, b: 40 }) }));
    assert.equal(out.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(out.output ?? 'null'), { total: 42 });
    assert.match(out.executionArn ?? '', new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:express:adder-`));
    assert.ok(out.stopDate instanceof Date);

    // A STANDARD machine is refused, as the SDK's class.
    const standard = await create('not-sync', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    await assert.rejects(sfn.send(new Sfn.StartSyncExecutionCommand({ stateMachineArn: standard.stateMachineArn })), Sfn.StateMachineTypeNotSupported);
  });

  it('routes TestState (host prefix `sync-`) to the Step Functions service', async () => {
    const command = new Sfn.TestStateCommand({ definition: json({ Type: 'Pass', Result: { ok: true }, End: true }), roleArn: ROLE, input: '{}' });
    const out = await sfn.send(command);
    assert.equal(out.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(out.output ?? 'null'), { ok: true });
  });

  it('runs a workflow that sends to an SQS queue, read back through the bridged SQSClient', async () => {
    const { QueueUrl } = await sqs.send(new Sqs.CreateQueueCommand({ QueueName: unique('wf-out') }));
    assert.ok(QueueUrl);
    const { stateMachineArn } = await create('flow', {
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', Parameters: { 'orderId.$': '$.id', status: 'shipped' }, Next: 'Send' },
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl, 'MessageBody.$': '$' },
          ResultSelector: { 'messageId.$': '$.MessageId' },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new Sfn.StartExecutionCommand({ stateMachineArn, input: json({ id: 'o-7' }) }));
    const done = await eventually(async () => {
      const d = await sfn.send(new Sfn.DescribeExecutionCommand({ executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
    const { messageId } = JSON.parse(done.output ?? '{}') as { messageId?: string };

    const m = await eventually(async () => (await sqs.send(new Sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }))).Messages?.[0]);
    assert.equal(m.MessageId, messageId);
    assert.deepEqual(JSON.parse(m.Body ?? 'null'), { orderId: 'o-7', status: 'shipped' });
  });
});
