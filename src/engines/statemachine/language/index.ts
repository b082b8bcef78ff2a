/**
 * The ASL expression layer of the Step Functions engine: JSONPath paths and templates, intrinsic
 * functions, Choice rules, JSONata evaluation and ISO-8601 timestamps. Everything compiles once
 * (at definition load) into closures the interpreter calls per transition.
 */
export type { JsonataScope, PathScope, StatesVar, Variables } from './scope.js';
export {
  compileInputPath,
  compileOutputPath,
  compileReferencePath,
  compileReferencePathOptional,
  compileResultPath,
} from './paths.js';
export { compileAssignJsonPath, compilePayloadTemplate } from './payload-template.js';
export { CHOICE_OPERATORS, compileChoiceRuleJsonPath, compileStringMatches } from './choice.js';
export {
  compileJsonataAssign,
  compileJsonataCondition,
  compileJsonataExpression,
  compileJsonataValue,
  isJsonataExpression,
  jsonataBody,
} from './jsonata.js';
export { compileIntrinsic, formatValue, INTRINSIC_FUNCTION_NAMES, isIntrinsicCall } from './intrinsics.js';
export { isJsonPathText, parseJsonPath, type JsonPath } from './jsonpath.js';
export { parseTimestamp } from './timestamp.js';
export { LanguageCompileError, toJson } from './json.js';
