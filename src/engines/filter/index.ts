/**
 * The filter engine: AWS's event-pattern language, shared by SNS filter policies and
 * EventBridge event patterns. One parser and one matcher; `dialect.ts` holds every difference.
 */
export type { Dialect } from './dialect.js';
export { FilterPolicyError } from './errors.js';
/** The Jackson-worded JSON reader, for other policy attributes SNS parses the same way (RedrivePolicy). */
export { JsonSyntaxError, readJson, redactedLocation, type JsonNode } from '../../core/json-reader.js';
export { MAX_JSON_DEPTH, nestsDeeperThan } from '../../core/json-reader.js';
export {
  compileSnsFilterPolicy,
  type FilterPolicyScope,
  type SnsFilter,
  type SnsMessageAttribute,
  type SnsMessageAttributes,
} from './sns/filter-policy.js';
export { compileEventPattern, type EventPattern } from './eventbridge/event-pattern.js';
/**
 * The pieces compileEventPattern is made of, for matching many patterns at once (the EventBridge
 * rule index): the expanded rules, the per-condition test, the array-consistency check and the
 * flattened event view. Using them together gives exactly compileEventPattern's answers.
 */
export { expandEventPattern, EVENT_NULL_COUNTS_AS_PRESENT } from './eventbridge/event-pattern.js';
export { evaluateCondition, evaluateConditionOn, consistentChoiceExists, type Outcome } from './match/evaluate.js';
export { jsonView, PathIndex } from './match/json-view.js';
export type { CompiledRules, Condition, Rule as ConjunctionRule } from './match/rules.js';
export type { Leaf, MessageView } from './match/leaf.js';
export type { Scalar, ValuePattern } from './pattern/ast.js';
export { parseIp } from './operators/cidr.js';
