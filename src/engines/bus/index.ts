/** The bus engine (EventBridge): buses, rules, the rule index, delivery, schedules, archives, replays. */
export { BusEngine, MAX_TARGETS_PER_RULE, MAX_ACTIVE_REPLAYS, ARCHIVE_RULE_MANAGED_BY, archiveRuleName, type BusEngineDeps, type RuleSpec } from './engine.js';
export { EventBus, Rule, busArn, ruleArn, type PolicyStatement } from './bus.js';
export { Archive, Replay, type ArchivedEvent, type ReplayState } from './archive.js';
export { RuleIndex, type IndexedRule } from './rule-index.js';
export { backoffDelay } from './delivery.js';
export { buildEvent, eventTime, parseEventsArn, withReplayName } from './envelope.js';
export * from './errors.js';
export * from './types.js';
