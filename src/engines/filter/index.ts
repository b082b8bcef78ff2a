/**
 * The filter engine: AWS's event-pattern language, shared by SNS filter policies and
 * EventBridge event patterns. One parser and one matcher; `dialect.ts` holds every difference.
 */
export type { Dialect } from './dialect.js';
export { FilterPolicyError } from './errors.js';
/** The Jackson-worded JSON reader, for other policy attributes SNS parses the same way (RedrivePolicy). */
export { JsonSyntaxError, readJson, redactedLocation, type JsonNode } from './json/json-reader.js';
export {
  compileSnsFilterPolicy,
  type FilterPolicyScope,
  type SnsFilter,
  type SnsMessageAttribute,
  type SnsMessageAttributes,
} from './sns/filter-policy.js';
export { compileEventPattern, type EventPattern } from './eventbridge/event-pattern.js';
