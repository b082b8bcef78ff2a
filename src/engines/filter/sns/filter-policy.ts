/**
 * SNS subscription filter policies: compile once when FilterPolicy (or its scope) is set, then
 * match every published message against the compiled rules.
 *
 * Order of checks (first failure wins): JSON syntax (SNS parses the policy first: "failed to
 * parse JSON. <Jackson's message>" with a redacted location), then the pattern language
 * (event-ruler's texts, in document order), then the SNS limits (scope nesting, keys,
 * combinations). Which of the last two groups AWS checks first is not recorded.
 *
 * LIMITATIONS:
 *  - Pattern-language errors do not carry Jackson's trailing "\n at [Source: (String)"..."; line: 1,
 *    column: N]" (AWS re-serializes the policy and points into it); the reason text is exact.
 *  - The 256 KB policy size limit is left to the service (its error text is not recorded).
 *  - Numbers compare as doubles; AWS documents 5 decimal places and ±1e9 but accepts larger values.
 */
import { dialectRules } from '../dialect.js';
import { FilterPolicyError } from '../errors.js';
import { JsonSyntaxError, readJson, redactedLocation, type JsonNode } from '../../../core/json-reader.js';
import { evaluate } from '../match/evaluate.js';
import { hasAnyValue, jsonView, PathIndex } from '../match/json-view.js';
import { expandRules, type CompiledRules } from '../match/rules.js';
import { parsePattern } from '../pattern/parse-pattern.js';
import { AttributeView, type SnsMessageAttributes } from './attribute-view.js';
import { checkSnsLimits, MAX_COMBINATIONS, TOO_COMPLEX, type FilterPolicyScope } from './limits.js';

export type { FilterPolicyScope } from './limits.js';
export type { SnsMessageAttribute, SnsMessageAttributes } from './attribute-view.js';

export interface SnsFilter {
  readonly scope: FilterPolicyScope;
  /** MessageAttributes scope: attributes as SNS carries them, {name: {Type, Value}}. */
  matchAttributes(attributes: SnsMessageAttributes): boolean;
  /** MessageBody scope: the parsed JSON body; anything but a JSON object never matches. */
  matchBody(body: unknown): boolean;
  /** MessageBody scope from the raw message text; text that is not JSON never matches. */
  matchBodyText(message: string): boolean;
}

const SNS = dialectRules('sns');

/**
 * Compiles a FilterPolicy for a FilterPolicyScope. Throws FilterPolicyError with AWS's reason
 * text (see FilterPolicyError for how the service frames it). An empty FilterPolicy ("") means
 * "no policy" in SNS; that is the service's case, not a policy to compile.
 */
export function compileSnsFilterPolicy(policyJson: string, scope: FilterPolicyScope): SnsFilter {
  const policy = parsePattern(readPolicyJson(policyJson), SNS);
  checkSnsLimits(policy, scope);
  // The combinations limit also bounds how many rules `$or` can expand to.
  return new CompiledSnsFilter(scope, expandRules(policy, MAX_COMBINATIONS, TOO_COMPLEX));
}

function readPolicyJson(text: string): JsonNode {
  try {
    return readJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new FilterPolicyError(`failed to parse JSON. ${e.message}\n at ${redactedLocation(e.line, e.column)}`);
  }
}

class CompiledSnsFilter implements SnsFilter {
  private readonly paths: PathIndex;

  constructor(
    readonly scope: FilterPolicyScope,
    private readonly compiled: CompiledRules,
  ) {
    this.paths = new PathIndex(compiled.paths);
  }

  matchAttributes(attributes: SnsMessageAttributes): boolean {
    // SNS docs (key matching): "exists": false "only matches if at least one attribute is present".
    const view = new AttributeView(attributes);
    return evaluate(this.compiled, view, SNS.nullCountsAsPresent) && view.hasAnyValue();
  }

  matchBody(body: unknown): boolean {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
    const record = body as Readonly<Record<string, unknown>>;
    return evaluate(this.compiled, jsonView(record, this.paths), SNS.nullCountsAsPresent) && hasAnyValue(record);
  }

  matchBodyText(message: string): boolean {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return false;
    }
    return this.matchBody(body);
  }
}
