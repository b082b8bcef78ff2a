/**
 * Declarative seeding: a YAML or JSON file (or the same object in code) that creates queues,
 * topics, subscriptions, state machines, buses, rules and targets at startup, in dependency order,
 * idempotently, through the services' own handlers. See examples/event-driven.yaml for a complete
 * system.
 *
 * FORMAT (YAML shown; JSON has the same structure; key order never matters):
 *
 *   account: "000000000000"      # optional, quoted 12 digits; default the emulator's --account
 *   region: us-east-1            # optional; default the emulator's --region
 *   resources:
 *     queues:
 *       - name: orders-dlq
 *       - name: orders
 *         attributes:            # any CreateQueue attribute; numbers/booleans are fine,
 *           VisibilityTimeout: 30  #   maps (Policy, RedrivePolicy...) are sent as JSON
 *         deadLetterQueue: { name: orders-dlq, maxReceiveCount: 3 }   # or attributes.RedrivePolicy
 *         tags: { team: shop }
 *       - name: jobs.fifo
 *         fifo: true             # = attributes.FifoQueue: true
 *     topics:
 *       - name: order-events
 *         attributes: { DisplayName: Orders }
 *         tags: { team: shop }
 *         subscriptions:
 *           - queue: billing                    # sqs subscription to a queue of this file
 *             filterPolicy: { type: [created] } # a map (sent as JSON)
 *             filterPolicyScope: MessageBody    # or MessageAttributes (default)
 *             rawMessageDelivery: true
 *             deadLetterQueue: orders-dlq       # the subscription's RedrivePolicy
 *           - protocol: https                   # any protocol + endpoint
 *             endpoint: https://example.com/hook
 *             attributes: { DeliveryPolicy: {...} }   # any other subscription attribute
 *     buses:
 *       - name: shop                 # created unless it exists; `default` is never created
 *         description: Shop events
 *         rules:
 *           - name: orders-to-queue
 *             eventPattern: { source: [shop.api] }   # a map; or scheduleExpression: rate(1 minute)
 *             state: ENABLED                          # default ENABLED
 *             targets:
 *               - queue: orders          # or topic:, bus:, stateMachine: <name>, arn: <any ARN> (+ id)
 *                 id: orders             # default "<kind>-<name>", e.g. queue-orders
 *                 input: { fixed: true } # or inputPath: $.detail, or
 *                 # inputTransformer: { inputPathsMap: { id: $.detail.id }, inputTemplate: '{"id": <id>}' }
 *                 sqsParameters: { messageGroupId: g1 }   # FIFO queues
 *                 deadLetterQueue: orders-dlq
 *                 retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 }
 *               - stateMachine: fulfil   # Arn arn:aws:states:<region>:<account>:stateMachine:fulfil
 *                 roleArn: arn:aws:iam::000000000000:role/events   # default arn:aws:iam::<account>:role/signalbox
 *     stateMachines:                 # created before the rules that start them
 *       - name: fulfil
 *         type: STANDARD             # default; or EXPRESS (cannot change once created)
 *         definitionFile: fulfil.asl.json   # relative to the config, JSON or YAML (by extension,
 *                                           #   else by content); or definition: {...} / JSON text
 *         roleArn: arn:aws:iam::000000000000:role/fulfil   # default arn:aws:iam::<account>:role/signalbox
 *         tags: { team: shop }
 *
 * State machines: CreateStateMachine when missing; when one of that name exists, its definition
 * and role are brought in line with UpdateStateMachine (only if they differ) and its tags added.
 * Definitions are sent as written (an object as JSON): ARNs and queue URLs inside them are plain
 * text, not references to names of this file (there is no placeholder syntax), and AWS does not
 * check them at creation either. AWS errors (InvalidDefinition, InvalidArn...) stop startup with
 * the key path of the definition, definitionFile or roleArn.
 *
 * Every name referenced (DLQs, `queue:`, `topic:`, `bus:`, `stateMachine:`) must be defined in
 * the same file (`bus: default` excepted); raw ARNs (`arn:`, `endpoint:`, RedrivePolicy) are not
 * checked. Errors name the file, the line (YAML), the key path and the problem, e.g.
 *   Invalid Signalbox config seed.yaml:14: resources.topics[0].subscriptions[1].queue: queue "bill" is not defined in resources.queues
 * AWS errors found while applying a file's resources name the line too (see configOrigin).
 *
 * API:
 *   const config = await loadConfigFile(path);           // throws ConfigError
 *   await applyResources(handlersByService, config.resources,
 *     { account: config.account ?? defaults.account, region: config.region ?? defaults.region, source: path });
 */
export { ConfigError, formatPath, type KeyPath } from './errors.js';
export { applyResources, defaultRoleArn, type ApplyOptions } from './apply.js';
export { configOrigin, detectFormat, loadConfigFile, parseConfig, type ConfigFormat, type ConfigOrigin } from './load.js';
export {
  targetId,
  validateConfig,
  validateResources,
  type AttributeValue,
  type BusConfig,
  type QueueConfig,
  type ResourcesConfig,
  type RuleConfig,
  type SignalboxConfig,
  type StateMachineConfig,
  type SubscriptionConfig,
  type TargetConfig,
  type TopicConfig,
} from './schema.js';
