/**
 * The filter engine: AWS's event-pattern language, shared by SNS filter policies and (later)
 * EventBridge event patterns. One parser and one matcher; `dialect.ts` holds every difference.
 */
export type { Dialect } from './dialect.js';
export { FilterPolicyError } from './errors.js';
export {
  compileSnsFilterPolicy,
  type FilterPolicyScope,
  type SnsFilter,
  type SnsMessageAttribute,
  type SnsMessageAttributes,
} from './sns/filter-policy.js';
