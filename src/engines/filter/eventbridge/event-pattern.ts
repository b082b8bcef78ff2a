/**
 * EventBridge event patterns on the shared core: the same parser and matcher as SNS, with the
 * EventBridge dialect (wildcard, the full anything-but family, affix equals-ignore-case, null
 * counts as a value for exists) and no SNS limits.
 *
 * Errors are FilterPolicyError with `parameter === null`; the service frames them as
 * `Event pattern is not valid. Reason: <message>` (InvalidEventPatternException).
 *
 * LIMITATIONS:
 *  - Wildcard complexity ("Rule is too complex - try using fewer wildcard characters ...") is
 *    not evaluated.
 *  - Pattern-language errors lack Jackson's "\n at [Source: ...]" pointer; JSON syntax errors
 *    carry it.
 *  - Pattern size limits are the service's. Expansion of `$or` stops at MAX_RULES with our own
 *    message (AWS's behaviour there is not recorded).
 */
import { dialectRules } from '../dialect.js';
import { FilterPolicyError } from '../errors.js';
import { JsonSyntaxError, readJson, type JsonNode } from '../../../core/json-reader.js';
import { evaluate } from '../match/evaluate.js';
import { jsonView, PathIndex } from '../match/json-view.js';
import { expandRules, type CompiledRules } from '../match/rules.js';
import { parsePattern } from '../pattern/parse-pattern.js';

export interface EventPattern {
  /** Whether the event (a parsed JSON object, envelope included) matches. */
  matches(event: unknown): boolean;
}

const EVENTBRIDGE = dialectRules('eventbridge');
/** Whether null counts as present for `exists` in EventBridge (evaluateCondition's last argument). */
export const EVENT_NULL_COUNTS_AS_PRESENT = EVENTBRIDGE.nullCountsAsPresent;
export const MAX_RULES = 10_000;
/** Jackson prints at most this much of the source in an error location. */
const MAX_SOURCE_SHOWN = 500;

export function compileEventPattern(patternJson: string): EventPattern {
  return new CompiledEventPattern(expandEventPattern(patternJson));
}

/**
 * The pattern parsed and expanded into its `$or`-free rules (what compileEventPattern matches
 * with), for indexes that match many patterns at once. Same errors as compileEventPattern.
 */
export function expandEventPattern(patternJson: string): CompiledRules {
  try {
    const pattern = parsePattern(readPatternJson(patternJson), EVENTBRIDGE);
    return expandRules(pattern, MAX_RULES, 'Event pattern is too complex');
  } catch (e) {
    if (e instanceof FilterPolicyError && e.parameter !== null) throw new FilterPolicyError(e.message, null);
    throw e;
  }
}

function readPatternJson(text: string): JsonNode {
  try {
    return readJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const shown = text.length > MAX_SOURCE_SHOWN
      ? `"${text.slice(0, MAX_SOURCE_SHOWN)}"[truncated ${text.length - MAX_SOURCE_SHOWN} chars]`
      : `"${text}"`;
    throw new FilterPolicyError(`${e.message}\n at [Source: (String)${shown}; line: ${e.line}, column: ${e.column}]`, null);
  }
}

class CompiledEventPattern implements EventPattern {
  private readonly paths: PathIndex;

  constructor(private readonly compiled: CompiledRules) {
    this.paths = new PathIndex(compiled.paths);
  }

  matches(event: unknown): boolean {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
    return evaluate(this.compiled, jsonView(event as Readonly<Record<string, unknown>>, this.paths), EVENTBRIDGE.nullCountsAsPresent);
  }
}
