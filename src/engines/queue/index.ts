/** The queue engine's public surface: the engine, its queues, their types and domain errors. */
export { QueueEngine, type QueueEngineDeps } from './engine.js';
export { Queue, queueArn } from './queue.js';
export * from './types.js';
export * from './errors.js';
export { DEFAULT_QUEUE_SETTINGS } from './defaults.js';
