/** Signalbox's library entry point. */
export { createSignalbox } from './signalbox.js';
export type { Signalbox, SignalboxOptions } from './signalbox.js';
export type { LogLevel, Logger } from './core/logger.js';
export { ManualClock, systemClock } from './core/clock.js';
export type { Clock } from './core/clock.js';
