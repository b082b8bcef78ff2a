import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { ACCOUNT, rejects, startEvents, type EventsE2e } from './harness.js';

let t: EventsE2e;
before(async () => {
  t = await startEvents();
});
after(() => t.close());

const ARN = (s: string) => `arn:aws:events:us-east-1:${ACCOUNT}:${s}`;

describe('EventBridge e2e: event buses and permissions', () => {
  it('creates, describes, lists (prefix, paging), updates and deletes buses', async () => {
    const c = await t.eb.send(new EB.CreateEventBusCommand({ Name: 'orders', Description: 'test bus', Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.deepEqual({ arn: c.EventBusArn, d: c.Description }, { arn: ARN('event-bus/orders'), d: 'test bus' });
    await rejects(t.eb.send(new EB.CreateEventBusCommand({ Name: 'orders' })), 'ResourceAlreadyExistsException', 'Event bus orders already exists.');
    const d = await t.eb.send(new EB.DescribeEventBusCommand({ Name: 'orders' }));
    assert.equal(d.Name, 'orders');
    assert.equal(d.Arn, ARN('event-bus/orders'));
    assert.equal(d.Description, 'test bus');
    assert.ok(d.CreationTime instanceof Date && d.LastModifiedTime instanceof Date);
    assert.equal((await t.eb.send(new EB.DescribeEventBusCommand({}))).Arn, ARN('event-bus/default'));
    assert.equal((await t.eb.send(new EB.DescribeEventBusCommand({ Name: ARN('event-bus/orders') }))).Name, 'orders');
    for (let i = 0; i < 4; i++) await t.eb.send(new EB.CreateEventBusCommand({ Name: `pg-${i}` }));
    const p1 = await t.eb.send(new EB.ListEventBusesCommand({ NamePrefix: 'pg-', Limit: 3 }));
    assert.deepEqual(p1.EventBuses?.map((b) => b.Name), ['pg-0', 'pg-1', 'pg-2']);
    const p2 = await t.eb.send(new EB.ListEventBusesCommand({ NamePrefix: 'pg-', Limit: 3, NextToken: p1.NextToken }));
    assert.deepEqual(p2.EventBuses?.map((b) => b.Name), ['pg-3']);
    assert.equal(p2.NextToken, undefined);
    const u = await t.eb.send(new EB.UpdateEventBusCommand({ Name: 'orders', Description: 'new' }));
    assert.deepEqual({ n: u.Name, a: u.Arn, d: u.Description }, { n: 'orders', a: ARN('event-bus/orders'), d: 'new' });
    await t.eb.send(new EB.DeleteEventBusCommand({ Name: 'orders' }));
    await t.eb.send(new EB.DeleteEventBusCommand({ Name: 'orders' })); // idempotent
    await rejects(t.eb.send(new EB.DescribeEventBusCommand({ Name: 'orders' })), 'ResourceNotFoundException', 'Event bus orders does not exist.');
    await rejects(t.eb.send(new EB.DeleteEventBusCommand({ Name: 'default' })), 'ValidationException', 'Cannot delete event bus default.');
    await rejects(t.eb.send(new EB.CreateEventBusCommand({ Name: 'bad name!' })), 'ValidationException',
      "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+");
  });

  it('keeps the bus policy with PutPermission / RemovePermission', async () => {
    await t.eb.send(new EB.CreateEventBusCommand({ Name: 'perm' }));
    await t.eb.send(new EB.PutPermissionCommand({ EventBusName: 'perm', Action: 'events:PutEvents', Principal: '111111111111', StatementId: 's1' }));
    await t.eb.send(new EB.PutPermissionCommand({ EventBusName: 'perm', Action: 'events:PutEvents', Principal: '*', StatementId: 's2' }));
    const policy = JSON.parse((await t.eb.send(new EB.DescribeEventBusCommand({ Name: 'perm' }))).Policy!);
    assert.deepEqual(policy, {
      Version: '2012-10-17',
      Statement: [
        { Sid: 's1', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'events:PutEvents', Resource: ARN('event-bus/perm') },
        { Sid: 's2', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: ARN('event-bus/perm') },
      ],
    });
    await t.eb.send(new EB.RemovePermissionCommand({ EventBusName: 'perm', StatementId: 's1' }));
    await rejects(t.eb.send(new EB.RemovePermissionCommand({ EventBusName: 'perm', StatementId: 's1' })), 'ResourceNotFoundException', 'Statement with the provided id does not exist.');
    await t.eb.send(new EB.RemovePermissionCommand({ EventBusName: 'perm', RemoveAllPermissions: true }));
    assert.equal((await t.eb.send(new EB.DescribeEventBusCommand({ Name: 'perm' }))).Policy, undefined);
    await rejects(t.eb.send(new EB.PutPermissionCommand({ EventBusName: 'nobus', Action: 'events:PutEvents', Principal: '*', StatementId: 'x' })), 'ResourceNotFoundException', 'Event bus nobus does not exist.');
  });

  it('PutPermission grants only events:PutEvents', async () => {
    await t.eb.send(new EB.CreateEventBusCommand({ Name: 'perm-action' }));
    for (const Action of ['events:PutPermission', 'events:ListRules', 'events:*', 'PutEvents'])
      await rejects(t.eb.send(new EB.PutPermissionCommand({ EventBusName: 'perm-action', Action, Principal: '111111111111', StatementId: 's' })),
        'ValidationException', "Provided value in parameter 'action' is not supported.");
    assert.equal((await t.eb.send(new EB.DescribeEventBusCommand({ Name: 'perm-action' }))).Policy, undefined, 'nothing was stored');
    // A whole policy document is not limited to PutEvents.
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'p', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'events:ListRules', Resource: '*' }] });
    await t.eb.send(new EB.PutPermissionCommand({ EventBusName: 'perm-action', Policy }));
    assert.equal(JSON.parse((await t.eb.send(new EB.DescribeEventBusCommand({ Name: 'perm-action' }))).Policy!).Statement[0].Action, 'events:ListRules');
  });
});

describe('EventBridge e2e: rules and targets', () => {
  it('puts, describes, lists, disables/enables and deletes rules', async () => {
    await t.eb.send(new EB.CreateEventBusCommand({ Name: 'rb' }));
    const pattern = JSON.stringify({ source: ['core'], 'detail-type': ['cmd'] });
    const r = await t.eb.send(new EB.PutRuleCommand({ Name: 'rule-a', EventBusName: 'rb', EventPattern: pattern, Description: 'd' }));
    assert.equal(r.RuleArn, ARN('rule/rb/rule-a'));
    const d = await t.eb.send(new EB.DescribeRuleCommand({ Name: 'rule-a', EventBusName: 'rb' }));
    assert.deepEqual(
      { ...d, $metadata: undefined },
      { $metadata: undefined, Name: 'rule-a', Arn: ARN('rule/rb/rule-a'), EventPattern: pattern, State: 'ENABLED', Description: 'd', EventBusName: 'rb', CreatedBy: ACCOUNT },
    );
    for (let i = 0; i < 4; i++) await t.eb.send(new EB.PutRuleCommand({ Name: `lim-${i}`, EventBusName: 'rb', EventPattern: pattern }));
    const l1 = await t.eb.send(new EB.ListRulesCommand({ EventBusName: 'rb', NamePrefix: 'lim-', Limit: 3 }));
    assert.deepEqual(l1.Rules?.map((x) => x.Name), ['lim-0', 'lim-1', 'lim-2']);
    assert.equal(l1.Rules?.[0]?.EventBusName, 'rb');
    const l2 = await t.eb.send(new EB.ListRulesCommand({ EventBusName: 'rb', NamePrefix: 'lim-', NextToken: l1.NextToken }));
    assert.deepEqual(l2.Rules?.map((x) => x.Name), ['lim-3']);
    await t.eb.send(new EB.DisableRuleCommand({ Name: 'rule-a', EventBusName: 'rb' }));
    assert.equal((await t.eb.send(new EB.DescribeRuleCommand({ Name: 'rule-a', EventBusName: 'rb' }))).State, 'DISABLED');
    await t.eb.send(new EB.EnableRuleCommand({ Name: 'rule-a', EventBusName: 'rb' }));
    assert.equal((await t.eb.send(new EB.DescribeRuleCommand({ Name: 'rule-a', EventBusName: 'rb' }))).State, 'ENABLED');
    await rejects(t.eb.send(new EB.DescribeRuleCommand({ Name: 'nope' })), 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.');
    await rejects(t.eb.send(new EB.PutRuleCommand({ Name: 'x', EventBusName: 'nobus', EventPattern: pattern })), 'ResourceNotFoundException', 'Event bus nobus does not exist.');
    await rejects(t.eb.send(new EB.PutRuleCommand({ Name: 'x', EventPattern: '{"a":[{"anything-but":null}]}' })), 'InvalidEventPatternException',
      'Event pattern is not valid. Reason: Value of anything-but must be an array or single string/number value.');
    await rejects(t.eb.send(new EB.PutRuleCommand({ Name: 'x', EventBusName: 'rb', ScheduleExpression: 'rate(1 minute)' })), 'ValidationException', 'ScheduleExpression is supported only on the default event bus.');
    await rejects(t.eb.send(new EB.PutRuleCommand({ Name: 'x', ScheduleExpression: 'cron(0 1 * * * *)' })), 'ValidationException', 'Parameter ScheduleExpression is not valid.');
    await rejects(t.eb.send(new EB.PutRuleCommand({ Name: 'x' })), 'ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
    const s = await t.eb.send(new EB.PutRuleCommand({ Name: 'sched', ScheduleExpression: 'cron(0 20 * * ? *)' }));
    assert.equal(s.RuleArn, ARN('rule/sched'));
    const listed = await t.eb.send(new EB.ListRulesCommand({ NamePrefix: 'sched' }));
    assert.deepEqual(listed.Rules, [{ Name: 'sched', Arn: ARN('rule/sched'), ScheduleExpression: 'cron(0 20 * * ? *)', State: 'ENABLED', EventBusName: 'default' }]);
    await t.eb.send(new EB.DeleteRuleCommand({ Name: 'sched' }));
    await t.eb.send(new EB.DeleteRuleCommand({ Name: 'rule-a', EventBusName: 'rb' }));
    assert.deepEqual((await t.eb.send(new EB.ListRulesCommand({ EventBusName: 'rb', NamePrefix: 'rule-' }))).Rules, []);
  });

  it('puts, lists (paging), removes targets; limits and validation', async () => {
    const q = await t.queue('tq');
    await t.eb.send(new EB.PutRuleCommand({ Name: 'tr', EventPattern: '{"source":["x"]}' }));
    const put = await t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [0, 1, 2, 3, 4].map((i) => ({ Id: `t${i}`, Arn: q.arn })) }));
    assert.deepEqual({ n: put.FailedEntryCount, e: put.FailedEntries }, { n: 0, e: [] });
    await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: 't5', Arn: q.arn }] })), 'LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
    const l1 = await t.eb.send(new EB.ListTargetsByRuleCommand({ Rule: 'tr', Limit: 3 }));
    assert.deepEqual(l1.Targets, [{ Id: 't0', Arn: q.arn }, { Id: 't1', Arn: q.arn }, { Id: 't2', Arn: q.arn }]);
    const l2 = await t.eb.send(new EB.ListTargetsByRuleCommand({ Rule: 'tr', NextToken: l1.NextToken }));
    assert.deepEqual(l2.Targets?.map((x) => x.Id), ['t3', 't4']);
    const names = await t.eb.send(new EB.ListRuleNamesByTargetCommand({ TargetArn: q.arn }));
    assert.deepEqual(names.RuleNames, ['tr']);
    await rejects(t.eb.send(new EB.DeleteRuleCommand({ Name: 'tr' })), 'ValidationException', "Rule can't be deleted since it has targets.");
    const rm = await t.eb.send(new EB.RemoveTargetsCommand({ Rule: 'tr', Ids: ['t0', 't1', 't2', 't3', 't4'] }));
    assert.deepEqual({ n: rm.FailedEntryCount, e: rm.FailedEntries }, { n: 0, e: [] });
    assert.deepEqual((await t.eb.send(new EB.ListTargetsByRuleCommand({ Rule: 'tr' }))).Targets, []);
    await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: '!@#$@!#$', Arn: q.arn }] })), 'ValidationException',
      "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: 'x'.repeat(65), Arn: q.arn }] })), 'ValidationException',
      `1 validation error detected: Value '${'x'.repeat(65)}' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64`);
    await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: 'a', Arn: q.arn, Input: '{}', InputPath: '$.detail' }] })), 'ValidationException',
      'Only one of Input, InputPath, or InputTransformer must be provided for target a.');
    await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: 'nope', Targets: [{ Id: 'a', Arn: q.arn }] })), 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.');
    const fifo = await t.queue('tq.fifo', { FifoQueue: 'true' });
    await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: 'f', Arn: fifo.arn }] })), 'ValidationException', 'Parameter(s) SqsParameters must be specified for target: f.');
    // same id twice: the last one wins
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: 'same', Arn: q.arn, InputPath: '$.detail' }] }));
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'tr', Targets: [{ Id: 'same', Arn: q.arn, InputPath: '$.notexisting' }] }));
    assert.deepEqual((await t.eb.send(new EB.ListTargetsByRuleCommand({ Rule: 'tr' }))).Targets, [{ Id: 'same', Arn: q.arn, InputPath: '$.notexisting' }]);
  });

  it('TestEventPattern needs a full envelope', async () => {
    const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 'a', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'd', detail: { n: 5 } });
    assert.equal((await t.eb.send(new EB.TestEventPatternCommand({ Event: event, EventPattern: '{"detail":{"n":[{"numeric":[">",4]}]}}' }))).Result, true);
    assert.equal((await t.eb.send(new EB.TestEventPatternCommand({ Event: event, EventPattern: '{"source":["b"]}' }))).Result, false);
    await rejects(t.eb.send(new EB.TestEventPatternCommand({ Event: '{"source":"a"}', EventPattern: '{"source":["a"]}' })), 'ValidationException', 'Parameter Event is not valid.');
    await rejects(t.eb.send(new EB.TestEventPatternCommand({ Event: event, EventPattern: '{"a":[{"numeric":[">",0,">",0]}]}' })), 'InvalidEventPatternException',
      'Event pattern is not valid. Reason: Bad numeric range operator: >');
  });

  it('tags buses and rules', async () => {
    await t.eb.send(new EB.CreateEventBusCommand({ Name: 'tagged' }));
    const bus = ARN('event-bus/tagged');
    await t.eb.send(new EB.TagResourceCommand({ ResourceARN: bus, Tags: [{ Key: 'tag1', Value: 'value1' }, { Key: 'tag2', Value: 'value2' }] }));
    assert.deepEqual((await t.eb.send(new EB.ListTagsForResourceCommand({ ResourceARN: bus }))).Tags, [{ Key: 'tag1', Value: 'value1' }, { Key: 'tag2', Value: 'value2' }]);
    await t.eb.send(new EB.UntagResourceCommand({ ResourceARN: bus, TagKeys: ['tag2'] }));
    assert.deepEqual((await t.eb.send(new EB.ListTagsForResourceCommand({ ResourceARN: bus }))).Tags, [{ Key: 'tag1', Value: 'value1' }]);
    const rule = await t.eb.send(new EB.PutRuleCommand({ Name: 'tr2', EventBusName: 'tagged', EventPattern: '{"source":["x"]}', Tags: [{ Key: 'a', Value: 'b' }] }));
    assert.deepEqual((await t.eb.send(new EB.ListTagsForResourceCommand({ ResourceARN: rule.RuleArn }))).Tags, [{ Key: 'a', Value: 'b' }]);
    await rejects(t.eb.send(new EB.TagResourceCommand({ ResourceARN: ARN('rule/missing'), Tags: [{ Key: 'a', Value: 'b' }] })), 'ResourceNotFoundException', 'Rule missing does not exist on EventBus default.');
    await rejects(t.eb.send(new EB.ListTagsForResourceCommand({ ResourceARN: ARN('event-bus/missing') })), 'ResourceNotFoundException', 'Event bus missing does not exist.');
    await rejects(t.eb.send(new EB.UntagResourceCommand({ ResourceARN: ARN('rule/tagged/missing'), TagKeys: ['a'] })), 'ResourceNotFoundException', 'Rule missing does not exist on EventBus tagged.');
  });
});
