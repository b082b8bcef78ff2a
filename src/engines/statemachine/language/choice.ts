/**
 * JSONPath Choice rules: `Variable` + one comparison operator, or `And` / `Or` / `Not`.
 * AWS semantics: a comparison of a missing variable is a States.Runtime error (IsPresent is the
 * exception); a type mismatch is simply false.
 */
import type { ChoiceRule, Json } from '../asl.js';
import { LanguageCompileError } from './json.js';
import { MISSING, parseJsonPath, type Maybe } from './jsonpath.js';
import { compilePathReader, referenceMissing } from './paths.js';
import type { PathScope } from './scope.js';
import { parseTimestamp } from './timestamp.js';

type Test = (v: Json, other: Json) => boolean;

const str = (f: (a: string, b: string) => boolean): Test => (v, o) => typeof v === 'string' && typeof o === 'string' && f(v, o);
const num = (f: (a: number, b: number) => boolean): Test => (v, o) => typeof v === 'number' && typeof o === 'number' && f(v, o);
const ts = (f: (a: number, b: number) => boolean): Test => (v, o) => {
  if (typeof v !== 'string' || typeof o !== 'string') return false;
  const a = parseTimestamp(v);
  const b = parseTimestamp(o);
  return a !== undefined && b !== undefined && f(a, b);
};
const eq = (a: number | string, b: number | string) => a === b;
const lt = (a: number | string, b: number | string) => a < b;
const gt = (a: number | string, b: number | string) => a > b;
const le = (a: number | string, b: number | string) => a <= b;
const ge = (a: number | string, b: number | string) => a >= b;

const COMPARISONS: Record<string, Test> = {
  StringEquals: str(eq),
  StringLessThan: str(lt),
  StringGreaterThan: str(gt),
  StringLessThanEquals: str(le),
  StringGreaterThanEquals: str(ge),
  NumericEquals: num(eq),
  NumericLessThan: num(lt),
  NumericGreaterThan: num(gt),
  NumericLessThanEquals: num(le),
  NumericGreaterThanEquals: num(ge),
  BooleanEquals: (v, o) => typeof v === 'boolean' && v === o,
  TimestampEquals: ts(eq),
  TimestampLessThan: ts(lt),
  TimestampGreaterThan: ts(gt),
  TimestampLessThanEquals: ts(le),
  TimestampGreaterThanEquals: ts(ge),
};

const TYPE_TESTS: Record<string, (v: Maybe) => boolean> = {
  IsNull: (v) => v === null,
  IsPresent: (v) => v !== MISSING,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => typeof v === 'string' && parseTimestamp(v) !== undefined,
};

/** Every comparison operator name a JSONPath Choice rule may use. */
export const CHOICE_OPERATORS: readonly string[] = [
  ...Object.keys(COMPARISONS),
  ...Object.keys(COMPARISONS).map((k) => `${k}Path`),
  'StringMatches',
  ...Object.keys(TYPE_TESTS),
];

/** `*` matches any run of characters, `\*` a literal star, `\\` a literal backslash. */
export function compileStringMatches(pattern: string): (s: string) => boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      re += `\\${pattern[i + 1]}`;
      i++;
    } else if (c === '*') re += '[\\s\\S]*';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const rx = new RegExp(`${re}$`);
  return (s) => rx.test(s);
}

export function compileChoiceRuleJsonPath(rule: ChoiceRule): (scope: PathScope) => boolean {
  if (rule.And) {
    const parts = rule.And.map(compileChoiceRuleJsonPath);
    return (scope) => parts.every((p) => p(scope));
  }
  if (rule.Or) {
    const parts = rule.Or.map(compileChoiceRuleJsonPath);
    return (scope) => parts.some((p) => p(scope));
  }
  if (rule.Not) {
    const inner = compileChoiceRuleJsonPath(rule.Not);
    return (scope) => !inner(scope);
  }
  if (typeof rule.Variable !== 'string') throw new LanguageCompileError('A Choice rule needs a Variable'); // unverified text
  const varPath = parseJsonPath(rule.Variable);
  const readVar = compilePathReader(rule.Variable);
  const operator = Object.keys(rule).find((k) => k !== 'Variable' && k !== 'Next' && k !== 'Comment');
  if (!operator) throw new LanguageCompileError('A Choice rule needs a comparison operator'); // unverified text
  const operand = rule[operator] as Json;

  const variable = (scope: PathScope): Json => {
    const v = readVar(scope);
    if (v === MISSING) throw referenceMissing(varPath, 'Variable', scope);
    return v;
  };

  if (operator === 'IsPresent') {
    const want = operand === true;
    return (scope) => (readVar(scope) !== MISSING) === want;
  }
  const typeTest = TYPE_TESTS[operator];
  if (typeTest) {
    const want = operand === true;
    return (scope) => typeTest(variable(scope)) === want;
  }
  if (operator === 'StringMatches') {
    if (typeof operand !== 'string') throw new LanguageCompileError('StringMatches needs a string'); // unverified text
    const match = compileStringMatches(operand);
    return (scope) => {
      const v = variable(scope);
      return typeof v === 'string' && match(v);
    };
  }
  const direct = COMPARISONS[operator];
  if (direct) return (scope) => direct(variable(scope), operand);
  if (operator.endsWith('Path')) {
    const test = COMPARISONS[operator.slice(0, -4)];
    if (test && typeof operand === 'string') {
      const otherPath = parseJsonPath(operand);
      const readOther = compilePathReader(operand);
      return (scope) => {
        const v = variable(scope);
        const o = readOther(scope);
        if (o === MISSING) throw referenceMissing(otherPath, 'Variable', scope); // unverified text
        return test(v, o);
      };
    }
  }
  throw new LanguageCompileError(`Unknown Choice operator '${operator}'`); // unverified text
}
