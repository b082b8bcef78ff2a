/** Signalbox's library entry point. */
export { createSignalbox } from './signalbox.js';
export type { Signalbox, SignalboxOptions } from './signalbox.js';
export type { LogLevel, Logger } from './core/logger.js';
export { ManualClock, systemClock } from './core/clock.js';
export type { Clock } from './core/clock.js';
export type { VerifySignaturesOptions, SigV4Credential } from './server/signature-check.js';
export type { Bridge, BridgeableClient, BridgeableClientClass } from './server/in-process.js';
export { ConfigError, applyResources, loadConfigFile } from './config/index.js';
export type { ResourcesConfig, SignalboxConfig, QueueConfig, TopicConfig, BusConfig, RuleConfig, TargetConfig, SubscriptionConfig } from './config/index.js';
