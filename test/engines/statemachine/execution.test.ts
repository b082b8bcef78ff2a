/**
 * Execution engine on a fake clock: every state type, Retry/Catch timing, timeouts, heartbeats,
 * callbacks, activities, Parallel/Map fan-out, stop, redrive, mocks; and the history's event
 * types and previousEventId links as AWS records them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatesError } from '../../../src/engines/statemachine/errors.js';
import { links, runToEnd, settle, setup, target, types } from './execution-helpers.js';

const start = (s: ReturnType<typeof setup>, def: object, input: unknown = {}, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') =>
  s.engine.start(target(def, type), { input: JSON.stringify(input) });

test('a Pass chain: output, history types and AWS links (first state links to 0)', async () => {
  const s = setup();
  const rec = start(s, {
    StartAt: 'A',
    States: { A: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.a', Next: 'B' }, B: { Type: 'Pass', InputPath: '$.a', End: true } },
  }, { keep: true });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(rec.output!), { x: 1 });
  assert.deepEqual(links(rec), [
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'PassStateEntered'],
    [3, 2, 'PassStateExited'],
    [4, 3, 'PassStateEntered'],
    [5, 4, 'PassStateExited'],
    [6, 5, 'ExecutionSucceeded'],
  ]);
  assert.equal(rec.history[1]!.stateEnteredEventDetails && (rec.history[1]!.stateEnteredEventDetails as { input: string }).input, '{"keep":true}');
});

test('a falsy Pass Result (0, false, null) is the result', async () => {
  for (const v of [0, false, null, '']) {
    const s = setup();
    const rec = start(s, { StartAt: 'A', States: { A: { Type: 'Pass', Result: v, End: true } } }, { in: 1 });
    await runToEnd(s, rec);
    assert.equal(rec.output, JSON.stringify(v));
  }
});

test('Choice picks the first matching rule, else Default, else States.NoChoiceMatched', async () => {
  const def = (withDefault: boolean) => ({
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.n', NumericGreaterThan: 5, Next: 'Big' },
          ...(withDefault ? [] : [{ Variable: '$.n', NumericLessThan: -100, Next: 'Small' }]),
        ],
        ...(withDefault ? { Default: 'Small' } : {}),
      },
      Big: { Type: 'Pass', Result: 'big', End: true },
      Small: { Type: 'Pass', Result: 'small', End: true },
    },
  });
  let s = setup();
  let rec = start(s, def(true), { n: 9 });
  await runToEnd(s, rec);
  assert.equal(rec.output, '"big"');
  s = setup();
  rec = start(s, def(true), { n: 1 });
  await runToEnd(s, rec);
  assert.equal(rec.output, '"small"');
  s = setup();
  rec = start(s, def(false), { n: 1 });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.NoChoiceMatched');
  assert.deepEqual(types(rec), ['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
});

test('Wait Seconds holds the execution on the engine clock', async () => {
  const s = setup();
  const rec = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } });
  await settle();
  s.time.advance(9_999);
  await settle();
  assert.equal(rec.status, 'RUNNING');
  s.time.advance(1);
  await settle();
  assert.equal(rec.status, 'SUCCEEDED');
  assert.equal(rec.stopDate! - rec.startDate, 10_000);
});

test('Wait SecondsPath, Timestamp and TimestampPath; a fractional SecondsPath fails with AWS text', async () => {
  let s = setup();
  let rec = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.w', End: true } } }, { w: 3 });
  await runToEnd(s, rec, 100);
  assert.equal(rec.stopDate! - rec.startDate, 3000);
  s = setup();
  rec = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2026-01-01T00:01:00Z', End: true } } });
  await runToEnd(s, rec, 1000);
  assert.equal(rec.stopDate! - rec.startDate, 60_000);
  s = setup();
  rec = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.t', End: true } } }, { t: '2026-01-01T00:00:05+00:00' });
  await runToEnd(s, rec, 1000);
  assert.equal(rec.stopDate! - rec.startDate, 5000);
  s = setup();
  rec = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.input.waitSeconds', End: true } } }, { input: { waitSeconds: 1.5 } });
  await runToEnd(s, rec);
  assert.equal(rec.error, 'States.Runtime');
  assert.equal(
    rec.cause,
    "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5",
  );
});

test('waitTimeScale 0 makes waits instant', async () => {
  const s = setup(undefined, { waitTimeScale: 0 });
  const rec = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
  await settle();
  s.time.advance(0);
  await settle();
  assert.equal(rec.status, 'SUCCEEDED');
});

test('Fail ends the execution with its Error and Cause', async () => {
  const s = setup();
  const rec = start(s, { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'MyError', Cause: 'it broke' } } });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'MyError');
  assert.equal(rec.cause, 'it broke');
  assert.deepEqual(links(rec), [
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'FailStateEntered'],
    [3, 2, 'ExecutionFailed'],
  ]);
});

const sqsTask = (extra: Record<string, unknown> = {}) => {
  const t: Record<string, unknown> = { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { 'QueueUrl.$': '$.q', MessageBody: 'hi' }, End: true, ...extra };
  const states: Record<string, unknown> = { T: t };
  if (t.Next !== undefined) {
    delete t.End;
    states[t.Next as string] = { Type: 'Pass', End: true };
  }
  return { StartAt: 'T', States: states };
};

test('a request-response Task records Scheduled/Started/Succeeded with resourceType and resource', async () => {
  const s = setup(() => ({ MessageId: 'm-1' }));
  const rec = start(s, sqsTask({ ResultSelector: { 'id.$': '$.MessageId' }, ResultPath: '$.sent' }), { q: 'http://q' });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(rec.output!), { q: 'http://q', sent: { id: 'm-1' } });
  assert.deepEqual(types(rec), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  const scheduled = rec.history[2]!.taskScheduledEventDetails as Record<string, unknown>;
  assert.deepEqual(scheduled, { resourceType: 'sqs', resource: 'sendMessage', region: 'us-east-1', parameters: '{"QueueUrl":"http://q","MessageBody":"hi"}' });
  assert.equal(s.calls[0]!.action, 'sendMessage');
  assert.equal(s.calls[0]!.pattern, 'request-response');
});

test('Retry waits IntervalSeconds × BackoffRate^n on the clock, then Catch places {Error, Cause}', async () => {
  const attempts: number[] = [];
  const s = setup(() => {
    attempts.push(s.time.now());
    throw new StatesError('SQS.AmazonSQSException', 'nope');
  });
  const rec = start(
    s,
    sqsTask({
      Retry: [{ ErrorEquals: ['SQS.AmazonSQSException'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'After' }],
      End: undefined,
      Next: 'After',
    }),
    { q: 'u' },
  );
  await runToEnd(s, rec, 500);
  const t0 = rec.startDate;
  assert.deepEqual(attempts.map((t) => t - t0), [0, 2000, 8000]);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(rec.output!), { q: 'u', err: { Error: 'SQS.AmazonSQSException', Cause: 'nope' } });
  const t = types(rec);
  assert.equal(t.filter((x) => x === 'TaskFailed').length, 3);
  assert.equal(t.filter((x) => x === 'TaskStateEntered').length, 1);
});

test('States.ALL does not catch States.Runtime; an OutputPath failure is not caught at all', async () => {
  const s = setup(() => ({}));
  const rec = start(s, {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        OutputPath: '$.no.such.result.path',
        Catch: [{ ErrorEquals: ['States.Runtime'], Next: 'C' }],
        End: true,
      },
      C: { Type: 'Pass', End: true },
    },
  });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.Runtime');
  assert.match(rec.cause!, /^An error occurred while executing the state 'T' \(entered at the event id #2\)\. /);
  assert.deepEqual(types(rec).slice(-2), ['TaskSucceeded', 'ExecutionFailed']);
});

test('TimeoutSeconds: an unanswered callback times out with States.Timeout and no cause', async () => {
  const s = setup(() => ({ MessageId: 'x' }));
  const rec = start(s, {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'Token.$': '$$.Task.Token' }, TimeoutSeconds: 5, End: true } },
  });
  await settle();
  s.time.advance(4_999);
  await settle();
  assert.equal(rec.status, 'RUNNING');
  s.time.advance(1);
  await settle();
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.Timeout');
  assert.equal(rec.cause, undefined);
  assert.deepEqual(types(rec), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskTimedOut', 'ExecutionFailed']);
  assert.deepEqual(rec.history[5]!.taskTimedOutEventDetails, { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'States.Timeout' });
});

test('a callback completes with SendTaskSuccess; heartbeats keep it alive; a spent token is TaskTimedOut', async () => {
  let token = '';
  const s = setup((inv) => {
    token = (inv.parameters as { Token: string }).Token;
    return { MessageId: 'x' };
  });
  const rec = start(s, {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'Token.$': '$$.Task.Token' }, HeartbeatSeconds: 3, TimeoutSeconds: 100, End: true },
    },
  });
  await settle();
  assert.ok(token.length > 20);
  for (let i = 0; i < 5; i++) {
    s.time.advance(2_000);
    s.engine.sendTaskHeartbeat(token);
    await settle();
  }
  assert.equal(rec.status, 'RUNNING');
  s.engine.sendTaskSuccess(token, '{"done":true}');
  await settle();
  assert.equal(rec.status, 'SUCCEEDED');
  assert.equal(rec.output, '{"done":true}');
  assert.throws(() => s.engine.sendTaskSuccess(token, '{}'), { code: 'TaskTimedOut' });
  assert.throws(() => s.engine.sendTaskSuccess('garbage', '{}'), { code: 'InvalidToken', message: "Invalid Token: 'Invalid token'" });
});

test('a heartbeat that does not come in time times the task out', async () => {
  const s = setup(() => ({}));
  const rec = start(s, {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 5, TimeoutSeconds: 600, End: true } },
  });
  await settle();
  s.time.advance(5_000);
  await settle();
  assert.equal(rec.error, 'States.Timeout');
});

test('SendTaskFailure fails the task with its error and cause', async () => {
  let token = '';
  const s = setup((inv) => {
    token = inv.taskToken!;
    return {};
  });
  const rec = start(s, { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', End: true } } });
  await settle();
  s.engine.sendTaskFailure(token, 'Bad', 'because');
  await settle();
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'Bad');
  assert.equal(rec.cause, 'because');
});

test('an activity: scheduled, taken by a worker (long poll), succeeded', async () => {
  const s = setup();
  const activity = 'arn:aws:states:us-east-1:000000000000:activity:work';
  const rec = start(s, { StartAt: 'A', States: { A: { Type: 'Task', Resource: activity, TimeoutSeconds: 60, End: true } } }, { job: 1 });
  const ac = new AbortController();
  const polled = s.engine.pollActivity(activity, 'worker-1', 60_000, ac.signal);
  await settle();
  const task = await polled;
  assert.ok(task);
  assert.equal(task.input, '{"job":1}');
  s.engine.sendTaskSuccess(task.taskToken, '{"ok":1}');
  await settle();
  assert.equal(rec.status, 'SUCCEEDED');
  assert.deepEqual(types(rec), ['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  assert.deepEqual(rec.history[3]!.activityStartedEventDetails, { workerName: 'worker-1' });
  // An empty poll waits its full time on the clock.
  const empty = s.engine.pollActivity(activity, undefined, 60_000, ac.signal);
  s.time.advance(60_000);
  assert.equal(await empty, undefined);
});

test('Parallel: outputs in branch order; a failing branch fails the state with its own error, Catch applies', async () => {
  const s = setup();
  const ok = start(s, {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 2, Next: 'A2' }, A2: { Type: 'Pass', Result: 'a', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
        ],
        End: true,
      },
    },
  });
  await runToEnd(s, ok);
  assert.equal(ok.output, '["a","b"]');
  assert.deepEqual(types(ok).slice(-3), ['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  const s2 = setup();
  const caught = start(s2, {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Branch1', States: { Branch1: { Type: 'Fail', Error: 'FailureType', Cause: 'Cause description' } } }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FinalCaught' }],
        Next: 'FinalCaught',
      },
      FinalCaught: { Type: 'Pass', End: true },
    },
  });
  await runToEnd(s2, caught);
  // Recorded by AWS (test_parallel_state_catch).
  assert.deepEqual(links(caught), [
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'ParallelStateEntered'],
    [3, 2, 'ParallelStateStarted'],
    [4, 3, 'FailStateEntered'],
    [5, 4, 'ParallelStateFailed'],
    [6, 5, 'ParallelStateExited'],
    [7, 6, 'PassStateEntered'],
    [8, 7, 'PassStateExited'],
    [9, 8, 'ExecutionSucceeded'],
  ]);
  assert.equal(caught.output, '{"Error":"FailureType","Cause":"Cause description"}');
});

test('inline Map: ItemSelector with $$.Map.Item, outputs, and the recorded event links', async () => {
  const s = setup();
  const rec = start(
    s,
    {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
          ItemProcessor: { StartAt: 'H', States: { H: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    },
    { items: ['a', 'b'] },
  );
  await runToEnd(s, rec);
  assert.equal(rec.output, '[{"v":"a","i":0},{"v":"b","i":1}]');
  // Same shape as AWS's test_map_state_parameters_legacy recording.
  assert.deepEqual(links(rec), [
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'MapStateEntered'],
    [3, 2, 'MapStateStarted'],
    [4, 3, 'MapIterationStarted'],
    [5, 4, 'PassStateEntered'],
    [6, 5, 'PassStateExited'],
    [7, 6, 'MapIterationSucceeded'],
    [8, 6, 'MapIterationStarted'],
    [9, 8, 'PassStateEntered'],
    [10, 9, 'PassStateExited'],
    [11, 10, 'MapIterationSucceeded'],
    [12, 11, 'MapStateSucceeded'],
    [13, 11, 'MapStateExited'],
    [14, 13, 'ExecutionSucceeded'],
  ]);
});

test('inline Map: a failing iteration fails the Map; Catch takes it (recorded links)', async () => {
  const s = setup();
  const rec = start(
    s,
    {
      StartAt: 'MapState',
      States: {
        MapState: {
          Type: 'Map',
          ItemsPath: '$.arr',
          ItemProcessor: { StartAt: 'HandleItemFail', States: { HandleItemFail: { Type: 'Fail', Error: 'HandleItemFailError', Cause: 'HandleItemFailCause' } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FinalCaught' }],
          Next: 'FinalCaught',
        },
        FinalCaught: { Type: 'Pass', End: true },
      },
    },
    { arr: [1] },
  );
  await runToEnd(s, rec);
  assert.deepEqual(links(rec), [
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'MapStateEntered'],
    [3, 2, 'MapStateStarted'],
    [4, 3, 'MapIterationStarted'],
    [5, 4, 'FailStateEntered'],
    [6, 5, 'MapIterationFailed'],
    [7, 5, 'MapStateFailed'],
    [8, 7, 'MapStateExited'],
    [9, 8, 'PassStateEntered'],
    [10, 9, 'PassStateExited'],
    [11, 10, 'ExecutionSucceeded'],
  ]);
});

test('inline Map with MaxConcurrency 2 runs at most two iterations at once', async () => {
  const s = setup();
  const rec = start(
    s,
    {
      StartAt: 'M',
      States: { M: { Type: 'Map', MaxConcurrency: 2, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }, End: true } },
    },
    [1, 2, 3, 4],
  );
  await runToEnd(s, rec, 1000);
  assert.equal(rec.stopDate! - rec.startDate, 20_000);
  assert.equal(rec.output, '[1,2,3,4]');
});

test('distributed Map: a map run with child executions, ItemBatcher, tolerated failures', async () => {
  const s = setup();
  const rec = start(
    s,
    {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          Label: 'lbl',
          End: true,
        },
      },
    },
    [1, 2, 3],
  );
  await runToEnd(s, rec);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(rec.output!), [{ Items: [1, 2] }, { Items: [3] }]);
  const [run] = s.engine.listMapRuns(rec.executionArn);
  assert.ok(run);
  assert.match(run.mapRunArn, /^arn:aws:states:us-east-1:000000000000:mapRun:M\/lbl:[0-9a-f-]{36}$/);
  assert.equal(run.status, 'SUCCEEDED');
  assert.equal(run.itemCounts.succeeded, 3);
  assert.equal(run.executionCounts.succeeded, 2);
  assert.equal(s.engine.list({ mapRunArn: run.mapRunArn }).length, 2);
  assert.deepEqual(types(rec).slice(2, 5), ['MapStateStarted', 'MapRunStarted', 'MapRunSucceeded']);
});

test('execution TimeoutSeconds ends it TIMED_OUT; StopExecution ends it ABORTED at once', async () => {
  const s = setup();
  const rec = start(s, { StartAt: 'W', TimeoutSeconds: 5, States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'TIMED_OUT');
  assert.equal(rec.stopDate! - rec.startDate, 5000);
  assert.equal(types(rec).at(-1), 'ExecutionTimedOut');
  const rec2 = start(s, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
  await settle();
  s.engine.stop(rec2.executionArn, 'Err', 'Why');
  assert.equal(rec2.status, 'ABORTED');
  assert.deepEqual(rec2.history.at(-1)!.executionAbortedEventDetails, { error: 'Err', cause: 'Why' });
});

test('RedriveExecution resumes at the state that failed', async () => {
  let fail = true;
  const s = setup(() => {
    if (fail) throw new StatesError('Boom', 'first time');
    return { ok: true };
  });
  const rec = start(s, {
    StartAt: 'A',
    States: { A: { Type: 'Pass', Result: 1, ResultPath: '$.a', Next: 'T' }, T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
  });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'FAILED');
  fail = false;
  s.engine.redrive(rec.executionArn);
  await runToEnd(s, rec);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.equal(rec.redriveCount, 1);
  const t = types(rec);
  assert.equal(t.filter((x) => x === 'PassStateEntered').length, 1);
  assert.ok(t.includes('ExecutionRedriven'));
  assert.throws(() => s.engine.redrive(rec.executionArn), { code: 'ExecutionNotRedrivable' });
});

test('JSONata: Output and Assign; an undefined result is States.QueryEvaluationError with an EvaluationFailed event', async () => {
  const s = setup();
  const rec = start(s, {
    QueryLanguage: 'JSONata',
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { x: '{% $states.input.n * 2 %}' }, Next: 'B' },
      B: { Type: 'Pass', Output: { doubled: '{% $x %}' }, Next: 'C' },
      C: { Type: 'Pass', Output: { result: '{% $doesNotExist %}' }, End: true },
    },
  }, { n: 21 });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'States.QueryEvaluationError');
  const exitedB = rec.history.find((e) => e.type === 'PassStateExited' && (e.stateExitedEventDetails as { name: string }).name === 'B')!;
  assert.equal((exitedB.stateExitedEventDetails as { output: string }).output, '{"doubled":42}');
  const exitedA = rec.history.find((e) => e.type === 'PassStateExited')!;
  assert.deepEqual((exitedA.stateExitedEventDetails as { assignedVariables: object }).assignedVariables, { x: '42' });
  const ev = rec.history.find((e) => e.type === 'EvaluationFailed')!;
  assert.equal(ev.previousEventId, 5); // AWS links it to the entered event's own link
  assert.deepEqual(ev.evaluationFailedEventDetails, {
    error: 'States.QueryEvaluationError',
    cause: "An error occurred while executing the state 'C' (entered at the event id #6). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    state: 'C',
    location: 'Output/result',
  });
});

test('mocks: Return and Throw by invocation index, retries count as invocations', async () => {
  const mocks = {
    hasTestCase: (m: string, c: string) => m === 'M' && c === 'Happy',
    response: (_m: string, _c: string, state: string, n: number) =>
      state === 'T' ? (n < 1 ? { Throw: { Error: 'Lambda.ServiceException', Cause: 'c' } } : { Return: { StatusCode: 200, Payload: n } }) : undefined,
  };
  const s = setup(() => {
    throw new Error('the real integration must not be called');
  }, { mocks });
  const rec = s.engine.start(
    target({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1 }], End: true } },
    }),
    { input: '{}', testCase: 'Happy' },
  );
  await runToEnd(s, rec);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.equal(rec.output, '{"StatusCode":200,"Payload":1}');
  assert.throws(() => s.engine.start(target({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), { input: '{}', testCase: 'Nope' }));
});

test('a failing Parallel branch aborts a sibling that waits: TaskStateAborted is recorded', async () => {
  const s = setup(() => new Promise(() => {}));
  const rec = start(s, {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Slow', States: { Slow: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } },
          { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'E', Cause: 'C' } } },
        ],
        End: true,
      },
    },
  });
  await runToEnd(s, rec);
  assert.equal(rec.status, 'FAILED');
  assert.equal(rec.error, 'E');
  const t = types(rec);
  assert.ok(t.includes('TaskStateAborted'), t.join(','));
  assert.deepEqual(t.slice(-2), ['ParallelStateFailed', 'ExecutionFailed']);
});
