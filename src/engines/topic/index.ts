/** The topic engine's public surface. */
export { TopicEngine, topicArn, type TopicEngineDeps } from './engine.js';
export { Topic } from './topic.js';
export { Subscription } from './subscription.js';
export * from './types.js';
