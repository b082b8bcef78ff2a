/**
 * SNS filter policies and EventBridge event patterns are one language (AWS's event-ruler; the
 * error texts SNS returns are event-ruler's), but SNS runs an older, narrower subset. Everything
 * that differs between the two is a field here, so the shared parser and matcher never test the
 * dialect name.
 */
export type Dialect = 'sns' | 'eventbridge';

export type AnythingButOperator = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';

export interface DialectRules {
  /** `{"wildcard": "a*b"}` exists (EventBridge). SNS answers "Unrecognized match type wildcard". */
  readonly wildcard: boolean;
  /** Operators allowed inside `{"anything-but": {...}}`; others: "Unsupported anything-but pattern: X" (SNS snapshot). */
  readonly anythingButOperators: ReadonlySet<AnythingButOperator>;
  /** `{"anything-but": {"prefix": ["a", "b"]}}`: lists inside anything-but operators (event-ruler 1.6+). */
  readonly anythingButOperatorLists: boolean;
  /** `{"prefix": {"equals-ignore-case": "a"}}` and the same for suffix (event-ruler 1.5+). */
  readonly affixIgnoreCase: boolean;
  /** Reason text for a non-string operand inside anything-but prefix/suffix. */
  readonly anythingButAffixNotString: string;
  /** Reason text for an empty anything-but prefix/suffix. */
  readonly anythingButAffixEmpty: string;
  /** Reason text for a second key next to `{"anything-but": {"prefix": ...}}` (inside or outside). */
  readonly anythingButOperatorExtraKey: string;
  /**
   * Whether a key whose value is JSON null counts as present for `exists`. EventBridge (event-ruler)
   * treats null as a value. The SNS docs (attribute-key-matching) say `"exists": true` needs "a
   * non-null and non-empty value", so SNS treats null as absent for `exists` only.
   */
  readonly nullCountsAsPresent: boolean;
}

const SNS: DialectRules = {
  wildcard: false,
  anythingButOperators: new Set<AnythingButOperator>(['prefix']),
  anythingButOperatorLists: false,
  affixIgnoreCase: false,
  // The SNS snapshot records "prefix match pattern must be a string" for {"anything-but": {"prefix": false}}.
  anythingButAffixNotString: 'prefix match pattern must be a string',
  // Not recorded for SNS; this is the event-ruler release SNS's other messages match.
  anythingButAffixEmpty: 'Null prefix not allowed',
  anythingButOperatorExtraKey: 'Only one key allowed in match expression',
  nullCountsAsPresent: false,
};

const EVENTBRIDGE: DialectRules = {
  wildcard: true,
  anythingButOperators: new Set<AnythingButOperator>(['prefix', 'suffix', 'equals-ignore-case', 'wildcard']),
  anythingButOperatorLists: true,
  affixIgnoreCase: true,
  anythingButAffixNotString: 'prefix/suffix match pattern must be a string',
  anythingButAffixEmpty: 'Null prefix/suffix not allowed',
  // event-ruler reuses its numeric wording here.
  anythingButOperatorExtraKey: 'Too many elements in numeric expression',
  nullCountsAsPresent: true,
};

export function dialectRules(dialect: Dialect): DialectRules {
  return dialect === 'sns' ? SNS : EVENTBRIDGE;
}
