/**
 * Archives and replays: Create/Delete/Describe/List/UpdateArchive, Start/Cancel/Describe/
 * ListReplay(s). Archives record the events of their bus that match their pattern; a replay
 * re-delivers the archived events of a time window (by ingestion time) to the bus's rules.
 *
 * An archive records through its managed rule `Events-Archive-<name>` on the source bus (see the
 * bus engine), so replayed events (which carry `replay-name`) are never archived again.
 *
 * LIMITATIONS: KmsKeyIdentifier is stored only; archive size counts PutEvents entry bytes.
 */
import type { Archive, BusEngine, Replay } from '../../engines/bus/index.js';
import { BusNotFound, parseEventsArn } from '../../engines/bus/index.js';
import type { Archive as ArchiveView, Replay as ReplayView } from '@aws-sdk/client-eventbridge';
import { Coral } from './connections/coral.js';
import { validation } from './errors.js';
import { page } from './paging.js';
import { compilePattern } from './rule-operations.js';
import { compact, ms, required, scopeOf } from './shared.js';
import type { EventsHandlers } from './typed.js';

const ARCHIVE_NAME = { min: 1, max: 48, pattern: '[\\.\\-_A-Za-z0-9]+' };
const REPLAY_NAME = { min: 1, max: 64, pattern: '[\\.\\-_A-Za-z0-9]+' };

/** Enum value sets in the service model's order (the order AWS prints them). */
const ARCHIVE_STATES = ['ENABLED', 'DISABLED', 'CREATING', 'UPDATING', 'CREATE_FAILED', 'UPDATE_FAILED'];
const REPLAY_STATES = ['STARTING', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED'];

/**
 * ListArchives / ListReplays accept at most one of their filters; the State filter is checked
 * against its enum first (constraint validation runs before the operation).
 * unverified text (moto's wording, not in an AWS recording)
 */
function checkListFilters(op: 'ListArchives' | 'ListReplays', input: { State?: string | undefined; EventSourceArn?: string | undefined; NamePrefix?: string | undefined }, states: readonly string[]): void {
  const coral = new Coral();
  coral.enumValue(['State'], input.State, states);
  coral.throwIfAny();
  const given = [input.State, input.EventSourceArn, input.NamePrefix].filter((v) => v !== undefined).length;
  if (given > 1) throw validation(`At most one filter is allowed for ${op}. Use either : State, EventSourceArn, or NamePrefix.`);
}

const d = (t: number | undefined) => (t === undefined ? undefined : new Date(t));

function archiveSummary(a: Archive): ArchiveView {
  return compact({
    ArchiveName: a.name,
    EventSourceArn: a.sourceArn,
    State: a.state,
    StateReason: a.stateReason,
    RetentionDays: a.retentionDays,
    SizeBytes: a.sizeBytes,
    EventCount: a.events.length,
    CreationTime: new Date(a.created),
  });
}

function replaySummary(r: Replay): ReplayView {
  return compact({
    ReplayName: r.name,
    EventSourceArn: r.archiveArn,
    State: r.state,
    StateReason: r.stateReason,
    EventStartTime: d(r.eventStartTime),
    EventEndTime: d(r.eventEndTime),
    EventLastReplayedTime: d(r.eventLastReplayedTime),
    ReplayStartTime: d(r.replayStartTime),
    ReplayEndTime: d(r.replayEndTime),
  });
}

type ArchiveOperation =
  | 'CreateArchive'
  | 'DeleteArchive'
  | 'DescribeArchive'
  | 'ListArchives'
  | 'UpdateArchive'
  | 'StartReplay'
  | 'CancelReplay'
  | 'DescribeReplay'
  | 'ListReplays';

export function archiveOperations(engine: BusEngine): EventsHandlers<ArchiveOperation> {
  return {
    CreateArchive(input, ctx) {
      const coral = new Coral();
      coral.string(['ArchiveName'], input.ArchiveName, ARCHIVE_NAME);
      coral.integer(['RetentionDays'], input.RetentionDays, 0);
      coral.throwIfAny();
      const patternText = input.EventPattern;
      const a = engine.createArchive(scopeOf(ctx), required(input.ArchiveName), required(input.EventSourceArn), compact({
        description: input.Description,
        eventPattern: patternText !== undefined ? compilePattern(patternText) : undefined,
        retentionDays: input.RetentionDays,
      }));
      return { ArchiveArn: a.arn, State: a.state, CreationTime: new Date(a.created) };
    },

    DeleteArchive(input, ctx) {
      engine.deleteArchive(scopeOf(ctx), required(input.ArchiveName));
      return {};
    },

    DescribeArchive(input, ctx) {
      const a = engine.requireArchive(scopeOf(ctx), required(input.ArchiveName));
      return compact({ ArchiveArn: a.arn, ...archiveSummary(a), Description: a.description, EventPattern: a.eventPattern });
    },

    ListArchives(input, ctx) {
      checkListFilters('ListArchives', input, ARCHIVE_STATES);
      const scope = scopeOf(ctx);
      const sourceArn = input.EventSourceArn;
      if (sourceArn !== undefined && !engine.resolveBus(scope, sourceArn)) throw new BusNotFound(parseEventsArn(sourceArn)?.name ?? sourceArn);
      const all = engine.listArchives(scope, compact({ prefix: input.NamePrefix, sourceArn, state: input.State }));
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return compact({ Archives: items.map(archiveSummary), NextToken: nextToken });
    },

    UpdateArchive(input, ctx) {
      if (input.EventPattern === undefined && input.RetentionDays === undefined && input.Description === undefined)
        throw validation('At least one of EventPattern, RetentionDays or Description must be provided.');
      const a = engine.requireArchive(scopeOf(ctx), required(input.ArchiveName));
      const patternText = input.EventPattern;
      if (patternText !== undefined) engine.setArchivePattern(a, compilePattern(patternText).json);
      if (input.RetentionDays !== undefined) a.retentionDays = input.RetentionDays;
      if (input.Description !== undefined) a.description = input.Description;
      return { ArchiveArn: a.arn, State: a.state, CreationTime: new Date(a.created) };
    },

    StartReplay(input, ctx) {
      const coral = new Coral();
      coral.string(['ReplayName'], input.ReplayName, REPLAY_NAME);
      coral.throwIfAny();
      const start = ms(input.EventStartTime) ?? 0;
      const end = ms(input.EventEndTime) ?? 0;
      if (start >= end) throw validation('Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
      const r = engine.startReplay(scopeOf(ctx), compact({
        name: required(input.ReplayName),
        description: input.Description,
        archiveArn: required(input.EventSourceArn),
        start,
        end,
        destinationArn: required(input.Destination?.Arn),
        filterArns: input.Destination?.FilterArns,
      }));
      return { ReplayArn: r.arn, State: r.state, ReplayStartTime: new Date(r.replayStartTime) };
    },

    CancelReplay(input, ctx) {
      const r = engine.cancelReplay(scopeOf(ctx), required(input.ReplayName));
      return { ReplayArn: r.arn, State: r.state };
    },

    DescribeReplay(input, ctx) {
      const r = engine.requireReplay(scopeOf(ctx), required(input.ReplayName));
      return compact({
        ReplayArn: r.arn,
        ...replaySummary(r),
        Description: r.description,
        Destination: compact({ Arn: r.destinationArn, FilterArns: r.filterArns }),
      });
    },

    ListReplays(input, ctx) {
      checkListFilters('ListReplays', input, REPLAY_STATES);
      const all = engine.listReplays(scopeOf(ctx), compact({ prefix: input.NamePrefix, sourceArn: input.EventSourceArn, state: input.State }));
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return compact({ Replays: items.map(replaySummary), NextToken: nextToken });
    },
  };
}
