import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { ManualClock } from '../../../src/index.js';
import { ACCOUNT, bodies, REGION, rejects, startEvents } from './harness.js';

const ARN = (s: string) => `arn:aws:events:${REGION}:${ACCOUNT}:${s}`;

describe('EventBridge e2e: schedules on an injected clock', () => {
  it('fires rate(1 minute) each minute the clock advances; disabled rules stay silent', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const t = await startEvents({ clock });
    try {
      const q = await t.queue('ticks');
      const r = await t.eb.send(new EB.PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
      await t.eb.send(new EB.PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'q', Arn: q.arn }] }));
      // The instance scheduler's host timer runs on real time; after moving the clock, run what is due.
      const advance = (ms: number) => {
        clock.set(clock.now() + ms);
        t.sb.scheduler.runDue();
      };
      advance(59_000);
      assert.deepEqual(await t.drain(q.url), []);
      advance(1_000);
      const [first] = bodies(await t.drain(q.url)) as Array<Record<string, unknown>>;
      assert.deepEqual({ ...first, id: undefined }, {
        version: '0', id: undefined, 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT,
        time: '2026-01-01T00:01:00Z', region: REGION, resources: [r.RuleArn], detail: {},
      });
      advance(60_000);
      advance(60_000);
      assert.equal((await t.drain(q.url)).length, 2);
      await t.eb.send(new EB.DisableRuleCommand({ Name: 'every-minute' }));
      advance(180_000);
      assert.equal((await t.drain(q.url)).length, 0);
    } finally {
      await t.close();
    }
  });
});

describe('EventBridge e2e: replay cancellation on an injected clock', () => {
  it('StartReplay → STARTING, CancelReplay → CANCELLING, then CANCELLED', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const t = await startEvents({ clock });
    try {
      const busArn = ARN('event-bus/default');
      await t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'all', EventSourceArn: busArn }));
      await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));
      const start = new Date(clock.now() - 1000);
      const end = new Date(clock.now() + 1000);
      const c = await t.eb.send(new EB.StartReplayCommand({ ReplayName: 'rp2', EventSourceArn: ARN('archive/all'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn } }));
      const cancelled = await t.eb.send(new EB.CancelReplayCommand({ ReplayName: 'rp2' }));
      assert.deepEqual([c.State, cancelled.ReplayArn, cancelled.State], ['STARTING', ARN('replay/rp2'), 'CANCELLING']);
      assert.equal((await t.eb.send(new EB.DescribeReplayCommand({ ReplayName: 'rp2' }))).State, 'CANCELLING');
      clock.set(clock.now() + 500);
      t.sb.scheduler.runDue();
      const d = await t.eb.send(new EB.DescribeReplayCommand({ ReplayName: 'rp2' }));
      assert.deepEqual([d.State, d.ReplayEndTime?.getTime()], ['CANCELLED', clock.now()]);
      assert.equal((await t.eb.send(new EB.ListReplaysCommand({ State: 'CANCELLED' }))).Replays?.length, 1);
    } finally {
      await t.close();
    }
  });
});

describe('EventBridge e2e: archives and replays (real clock)', () => {
  it('archives matching events, replays them with replay-name, and manages archives/replays', async () => {
    const t = await startEvents();
    try {
      await t.eb.send(new EB.CreateEventBusCommand({ Name: 'arch' }));
      const busArn = ARN('event-bus/arch');
      const pattern = JSON.stringify({ source: ['core'] });
      const created = await t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'a1', EventSourceArn: busArn, EventPattern: pattern, Description: 'desc', RetentionDays: 1 }));
      assert.deepEqual({ arn: created.ArchiveArn, state: created.State }, { arn: ARN('archive/a1'), state: 'ENABLED' });
      await rejects(t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'a1', EventSourceArn: busArn })), 'ResourceAlreadyExistsException', 'Archive a1 already exists.');
      await rejects(t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'a2', EventSourceArn: ARN('event-bus/none') })), 'ResourceNotFoundException', 'Event bus none does not exist.');
      const q = await t.queue('replayed');
      await t.eb.send(new EB.PutRuleCommand({ Name: 'r', EventBusName: 'arch', EventPattern: pattern }));
      await t.eb.send(new EB.PutTargetsCommand({ Rule: 'r', EventBusName: 'arch', Targets: [{ Id: 'q', Arn: q.arn }] }));
      const start = new Date(Date.now() - 60_000);
      const put = await t.eb.send(new EB.PutEventsCommand({ Entries: [
        { Source: 'core', DetailType: 'd', Detail: '{"i":1}', EventBusName: 'arch' },
        { Source: 'core', DetailType: 'd', Detail: '{"i":2}', EventBusName: 'arch' },
        { Source: 'other', DetailType: 'd', Detail: '{"i":3}', EventBusName: 'arch' },
      ] }));
      assert.equal((await t.drain(q.url)).length, 2);
      const desc = await t.eb.send(new EB.DescribeArchiveCommand({ ArchiveName: 'a1' }));
      assert.deepEqual(
        [desc.ArchiveName, desc.EventSourceArn, desc.EventCount, desc.EventPattern, desc.Description, desc.RetentionDays, desc.State],
        ['a1', busArn, 2, pattern, 'desc', 1, 'ENABLED'],
      );
      assert.ok((desc.SizeBytes ?? 0) > 0);
      const listed = await t.eb.send(new EB.ListArchivesCommand({ EventSourceArn: busArn }));
      assert.deepEqual(listed.Archives?.map((a) => [a.ArchiveName, a.EventCount]), [['a1', 2]]);
      await rejects(t.eb.send(new EB.ListArchivesCommand({ EventSourceArn: ARN('event-bus/none') })), 'ResourceNotFoundException', 'Event bus none does not exist.');
      await rejects(t.eb.send(new EB.UpdateArchiveCommand({ ArchiveName: 'a1' })), 'ValidationException', 'At least one of EventPattern, RetentionDays or Description must be provided.');
      assert.equal((await t.eb.send(new EB.UpdateArchiveCommand({ ArchiveName: 'a1', Description: 'new' }))).State, 'ENABLED');

      const end = new Date(Date.now() + 1000);
      await rejects(t.eb.send(new EB.StartReplayCommand({ ReplayName: 'x', EventSourceArn: ARN('archive/a1'), EventStartTime: end, EventEndTime: start, Destination: { Arn: busArn } })),
        'ValidationException', 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
      await rejects(t.eb.send(new EB.StartReplayCommand({ ReplayName: 'x', EventSourceArn: ARN('archive/nope'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn } })),
        'ValidationException', 'Parameter EventSourceArn is not valid. Reason: Archive nope does not exist.');
      await rejects(t.eb.send(new EB.StartReplayCommand({ ReplayName: 'x', EventSourceArn: ARN('archive/a1'), EventStartTime: start, EventEndTime: end, Destination: { Arn: ARN('event-bus/default') } })),
        'ValidationException', 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
      const started = await t.eb.send(new EB.StartReplayCommand({
        ReplayName: 'rp', Description: 'replay', EventSourceArn: ARN('archive/a1'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn, FilterArns: [ARN('rule/arch/r')] },
      }));
      assert.deepEqual([started.ReplayArn, started.State], [ARN('replay/rp'), 'STARTING']);
      await rejects(t.eb.send(new EB.StartReplayCommand({ ReplayName: 'rp', EventSourceArn: ARN('archive/a1'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn } })),
        'ResourceAlreadyExistsException', 'Replay rp already exists.');
      let replayed: Array<Record<string, unknown>> = [];
      for (let i = 0; i < 50 && replayed.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 20));
        replayed = replayed.concat(bodies(await t.drain(q.url)) as Array<Record<string, unknown>>);
      }
      assert.deepEqual(replayed.map((e) => [e['id'], e['replay-name'], e['detail']]), [
        [put.Entries?.[0]?.EventId, 'rp', { i: 1 }],
        [put.Entries?.[1]?.EventId, 'rp', { i: 2 }],
      ]);
      const d = await t.eb.send(new EB.DescribeReplayCommand({ ReplayName: 'rp' }));
      assert.deepEqual([d.ReplayName, d.State, d.EventSourceArn, d.Description, d.Destination], ['rp', 'COMPLETED', ARN('archive/a1'), 'replay', { Arn: busArn, FilterArns: [ARN('rule/arch/r')] }]);
      assert.ok(d.ReplayEndTime instanceof Date && d.EventLastReplayedTime instanceof Date);
      const lr = await t.eb.send(new EB.ListReplaysCommand({ EventSourceArn: ARN('archive/a1') }));
      assert.deepEqual(lr.Replays?.map((r) => [r.ReplayName, r.State]), [['rp', 'COMPLETED']]);
      await rejects(t.eb.send(new EB.CancelReplayCommand({ ReplayName: 'rp' })), 'IllegalStatusException', 'Replay rp is not in a valid state for this operation.');
      await rejects(t.eb.send(new EB.DescribeReplayCommand({ ReplayName: 'nope' })), 'ResourceNotFoundException', 'Replay nope does not exist.');
      await t.eb.send(new EB.DeleteArchiveCommand({ ArchiveName: 'a1' }));
      await rejects(t.eb.send(new EB.DescribeArchiveCommand({ ArchiveName: 'a1' })), 'ResourceNotFoundException', 'Archive a1 does not exist.');
      await rejects(t.eb.send(new EB.DeleteArchiveCommand({ ArchiveName: 'a1' })), 'ResourceNotFoundException', 'Archive a1 does not exist.');
    } finally {
      await t.close();
    }
  });

  it("CreateArchive adds EventBridge's managed rule Events-Archive-<name>, which users cannot change; DeleteArchive removes it", async () => {
    const t = await startEvents();
    try {
      await t.eb.send(new EB.CreateEventBusCommand({ Name: 'mb' }));
      const busArn = ARN('event-bus/mb');
      const pattern = { source: ['keep'] };
      const created = await t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'm1', EventSourceArn: busArn, EventPattern: JSON.stringify(pattern) }));
      const name = 'Events-Archive-m1';
      const listed = await t.eb.send(new EB.ListRulesCommand({ EventBusName: 'mb' }));
      assert.equal(listed.Rules?.length, 1);
      const [r] = listed.Rules!;
      assert.deepEqual({ ...r, EventPattern: JSON.parse(r!.EventPattern!) }, {
        Name: name, Arn: ARN(`rule/mb/${name}`), EventPattern: { source: ['keep'], 'replay-name': [{ exists: false }] },
        State: 'ENABLED', ManagedBy: 'prod.vhs.events.aws.internal', EventBusName: 'mb',
      });
      const described = await t.eb.send(new EB.DescribeRuleCommand({ Name: name, EventBusName: 'mb' }));
      assert.deepEqual([described.ManagedBy, described.CreatedBy, described.State], ['prod.vhs.events.aws.internal', ACCOUNT, 'ENABLED']);
      const [target] = (await t.eb.send(new EB.ListTargetsByRuleCommand({ Rule: name, EventBusName: 'mb' }))).Targets!;
      assert.deepEqual([target?.Id, target?.Arn, target?.InputTransformer?.InputPathsMap], [name, `arn:aws:events:${REGION}:::`, {}]);
      assert.match(target?.InputTransformer?.InputTemplate ?? '',
        new RegExp(`^\\{"archive-arn": "${created.ArchiveArn}:[0-9a-f-]{36}","event": <aws\\.events\\.event\\.json>,"ingestion-time": <aws\\.events\\.event\\.ingestion-time>\\}$`));

      // Users cannot change it; DeleteRule and RemoveTargets can force.
      const forceable = `${name} is a managed rule. Set 'force' parameter to true to override.`;
      const fixed = `Rule ${name} is managed by an AWS service and cannot be modified.`;
      await rejects(t.eb.send(new EB.PutRuleCommand({ Name: name, EventBusName: 'mb', EventPattern: '{"source":["x"]}' })), 'ManagedRuleException', fixed);
      await rejects(t.eb.send(new EB.PutTargetsCommand({ Rule: name, EventBusName: 'mb', Targets: [{ Id: 'q', Arn: ARN('event-bus/default') }] })), 'ManagedRuleException', fixed);
      await rejects(t.eb.send(new EB.DisableRuleCommand({ Name: name, EventBusName: 'mb' })), 'ManagedRuleException', fixed);
      await rejects(t.eb.send(new EB.EnableRuleCommand({ Name: name, EventBusName: 'mb' })), 'ManagedRuleException', fixed);
      await rejects(t.eb.send(new EB.TagResourceCommand({ ResourceARN: ARN(`rule/mb/${name}`), Tags: [{ Key: 'k', Value: 'v' }] })), 'ManagedRuleException', fixed);
      await rejects(t.eb.send(new EB.DeleteRuleCommand({ Name: name, EventBusName: 'mb' })), 'ManagedRuleException', forceable);
      await rejects(t.eb.send(new EB.RemoveTargetsCommand({ Rule: name, EventBusName: 'mb', Ids: [name] })), 'ManagedRuleException', forceable);
      assert.deepEqual((await t.eb.send(new EB.ListTagsForResourceCommand({ ResourceARN: ARN(`rule/mb/${name}`) }))).Tags, []);

      // The rule does the archiving: the archive's pattern, never replayed events.
      await t.eb.send(new EB.PutEventsCommand({ Entries: [
        { Source: 'keep', DetailType: 'd', Detail: '{}', EventBusName: 'mb' },
        { Source: 'drop', DetailType: 'd', Detail: '{}', EventBusName: 'mb' },
      ] }));
      assert.equal((await t.eb.send(new EB.DescribeArchiveCommand({ ArchiveName: 'm1' }))).EventCount, 1);
      // UpdateArchive's pattern is the rule's too.
      await t.eb.send(new EB.UpdateArchiveCommand({ ArchiveName: 'm1', EventPattern: '{"source":["drop"]}' }));
      assert.deepEqual(JSON.parse((await t.eb.send(new EB.DescribeRuleCommand({ Name: name, EventBusName: 'mb' }))).EventPattern!), { source: ['drop'], 'replay-name': [{ exists: false }] });
      await t.eb.send(new EB.PutEventsCommand({ Entries: [
        { Source: 'keep', DetailType: 'd', Detail: '{}', EventBusName: 'mb' },
        { Source: 'drop', DetailType: 'd', Detail: '{}', EventBusName: 'mb' },
      ] }));
      assert.equal((await t.eb.send(new EB.DescribeArchiveCommand({ ArchiveName: 'm1' }))).EventCount, 2);

      // Its name is taken by a user rule: no archive.
      await t.eb.send(new EB.PutRuleCommand({ Name: 'Events-Archive-m2', EventBusName: 'mb', EventPattern: '{"source":["x"]}' }));
      await rejects(t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'm2', EventSourceArn: busArn })), 'ResourceAlreadyExistsException', 'Rule Events-Archive-m2 already exists.');
      await t.eb.send(new EB.DeleteRuleCommand({ Name: 'Events-Archive-m2', EventBusName: 'mb' }));

      // DeleteArchive removes the managed rule.
      await t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'm2', EventSourceArn: busArn }));
      assert.deepEqual(JSON.parse((await t.eb.send(new EB.DescribeRuleCommand({ Name: 'Events-Archive-m2', EventBusName: 'mb' }))).EventPattern!), { 'replay-name': [{ exists: false }] });
      await t.eb.send(new EB.DeleteArchiveCommand({ ArchiveName: 'm2' }));
      assert.deepEqual((await t.eb.send(new EB.ListRulesCommand({ EventBusName: 'mb' }))).Rules?.map((x) => x.Name), [name]);

      // Forced: without its target the archive records nothing; without its rule it is DISABLED.
      const removed = await t.eb.send(new EB.RemoveTargetsCommand({ Rule: name, EventBusName: 'mb', Ids: [name], Force: true }));
      assert.equal(removed.FailedEntryCount, 0);
      await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'drop', DetailType: 'd', Detail: '{}', EventBusName: 'mb' }] }));
      assert.equal((await t.eb.send(new EB.DescribeArchiveCommand({ ArchiveName: 'm1' }))).EventCount, 2);
      await t.eb.send(new EB.DeleteRuleCommand({ Name: name, EventBusName: 'mb', Force: true }));
      const after = await t.eb.send(new EB.DescribeArchiveCommand({ ArchiveName: 'm1' }));
      assert.deepEqual([after.State, after.StateReason], ['DISABLED', 'Managed rule for the archive was forcefully deleted.']);
      await t.eb.send(new EB.DeleteArchiveCommand({ ArchiveName: 'm1' }));
      assert.deepEqual((await t.eb.send(new EB.ListRulesCommand({ EventBusName: 'mb' }))).Rules, []);
    } finally {
      await t.close();
    }
  });

  it('ListArchives / ListReplays take at most one filter and a known State', async () => {
    const t = await startEvents();
    try {
      const busArn = ARN('event-bus/default');
      await t.eb.send(new EB.CreateArchiveCommand({ ArchiveName: 'f1', EventSourceArn: busArn }));
      const one = (op: 'ListArchives' | 'ListReplays') => `At most one filter is allowed for ${op}. Use either : State, EventSourceArn, or NamePrefix.`;
      for (const filters of [{ NamePrefix: 'f', EventSourceArn: busArn }, { NamePrefix: 'f', State: 'ENABLED' as const }, { State: 'ENABLED' as const, EventSourceArn: busArn }])
        await rejects(t.eb.send(new EB.ListArchivesCommand(filters)), 'ValidationException', one('ListArchives'));
      await rejects(t.eb.send(new EB.ListArchivesCommand({ State: 'invalid' as EB.ArchiveState })), 'ValidationException',
        "1 validation error detected: Value 'invalid' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, CREATING, UPDATING, CREATE_FAILED, UPDATE_FAILED]");
      assert.deepEqual((await t.eb.send(new EB.ListArchivesCommand({ State: 'ENABLED' }))).Archives?.map((a) => a.ArchiveName), ['f1']);
      assert.deepEqual((await t.eb.send(new EB.ListArchivesCommand({ NamePrefix: 'f' }))).Archives?.map((a) => a.ArchiveName), ['f1']);
      const archiveArn = ARN('archive/f1');
      for (const filters of [{ NamePrefix: 'r', EventSourceArn: archiveArn }, { NamePrefix: 'r', State: 'RUNNING' as const }, { State: 'RUNNING' as const, EventSourceArn: archiveArn }])
        await rejects(t.eb.send(new EB.ListReplaysCommand(filters)), 'ValidationException', one('ListReplays'));
      await rejects(t.eb.send(new EB.ListReplaysCommand({ State: 'DONE' as EB.ReplayState })), 'ValidationException',
        "1 validation error detected: Value 'DONE' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [STARTING, RUNNING, CANCELLING, COMPLETED, CANCELLED, FAILED]");
      assert.deepEqual((await t.eb.send(new EB.ListReplaysCommand({ State: 'RUNNING' }))).Replays, []);
    } finally {
      await t.close();
    }
  });

  it('PutPartnerEvents lands on the partner bus named after its source', async () => {
    const t = await startEvents();
    try {
      const name = 'aws.partner/example.com/123/src';
      await t.eb.send(new EB.CreateEventBusCommand({ Name: name, EventSourceName: name }));
      const q = await t.queue('partner');
      await t.eb.send(new EB.PutRuleCommand({ Name: 'p', EventBusName: name, EventPattern: JSON.stringify({ source: [name] }) }));
      await t.eb.send(new EB.PutTargetsCommand({ Rule: 'p', EventBusName: name, Targets: [{ Id: 'q', Arn: q.arn }] }));
      const r = await t.eb.send(new EB.PutPartnerEventsCommand({ Entries: [{ Source: name, DetailType: 'd', Detail: '{"p":1}' }] }));
      assert.equal(r.FailedEntryCount, 0);
      const [e] = bodies(await t.drain(q.url)) as Array<{ id: string; detail: unknown }>;
      assert.deepEqual([e?.id, e?.detail], [r.Entries?.[0]?.EventId, { p: 1 }]);
    } finally {
      await t.close();
    }
  });
});
