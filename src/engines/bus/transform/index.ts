/**
 * EventBridge target input: what a rule target receives for a matched event, from the target's
 * `Input`, `InputPath` or `InputTransformer` (PutTargets). Validated and compiled once per target;
 * `render` runs per event and never re-reads the spec.
 *
 * Sources: LocalStack's AWS-recorded snapshots (tests/aws/services/events/test_events_inputs,
 * test_events_schedule), the user guide's eb-transform-target-input and the API reference
 * (Target, InputTransformer). Cases live in test/fixtures/input-transforms/.
 *
 * LIMITATIONS:
 * - A definite `InputPath` that matches nothing delivers nothing. No AWS recording says what AWS
 *   sends then (LocalStack also sends nothing).
 * - `aws.events.event.time` is sent as epoch milliseconds: AWS's recording redacts the value and
 *   only shows it is not an ISO-8601 string.
 * - A template that starts with anything but `"` is read as JSON (the docs: "For Strings, quotes
 *   are required"; LocalStack's AWS runs of unquoted `<listsingle> single list item` recorded
 *   nothing). The API reference's unquoted `<instance> is in state <status>` example therefore
 *   delivers nothing here.
 * - Placeholders used as object keys are not refused at PutTargets (the docs forbid them, the
 *   message is unknown); they render like any other placeholder.
 * - The `Input` syntax error and the coral constraint messages are worded from non-recorded
 *   sources (see errors.ts, constraints.ts). AWS's Jackson may count the column of an unexpected
 *   character one further than ours (a 2020 report shows column 3 for `{'`).
 * - Wildcard paths that match nothing count as missing (Jayway would give an empty list).
 */
import { JsonSyntaxError, readJson } from '../../filter/index.js';
import { coralMessage, targetInputConstraintViolations } from './constraints.js';
import { inputJsonSyntax, onlyOneInput, TargetInputError } from './errors.js';
import { compileJsonPath, MISSING } from './json-path.js';
import { compileTemplate } from './template.js';

export { TargetInputError } from './errors.js';
export { targetInputConstraintViolations, coralMessage } from './constraints.js';
export { PREDEFINED_VARIABLES } from './template.js';

export interface TargetInputSpec {
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

export interface RenderContext {
  ruleArn: string;
  ruleName: string;
  /** ISO-8601 time the event was ingested */
  ingestionTime: string;
}

export interface CompiledTargetInput {
  /** The payload delivered to the target; undefined when AWS delivers nothing (e.g. a JSON template that renders invalid JSON). */
  render(event: Record<string, unknown>, ctx: RenderContext): string | undefined;
}

export interface CompileOptions {
  /**
   * Where the target sits in the PutTargets request, for constraint messages: `targets.N.member`
   * with N counting from 1. Defaults to `targets.1.member`.
   */
  memberPath?: string;
}

/**
 * Validate (PutTargets) and compile once; throws TargetInputError whose message is AWS's.
 * With no Input/InputPath/InputTransformer the payload is the event JSON.
 *
 * Order of checks: the model constraints (lengths, map size, key pattern, required template),
 * then "only one of", then Input's JSON syntax, then the template's placeholders.
 */
export function compileTargetInput(targetId: string, spec: TargetInputSpec, options: CompileOptions = {}): CompiledTargetInput {
  const violations = targetInputConstraintViolations(spec, options.memberPath ?? 'targets.1.member');
  if (violations.length > 0) throw new TargetInputError(coralMessage(violations), targetId);

  const given = [spec.Input, spec.InputPath, spec.InputTransformer].filter((v) => v !== undefined).length;
  if (given > 1) throw new TargetInputError(onlyOneInput(targetId), targetId);

  if (spec.Input !== undefined) {
    const input = spec.Input;
    try {
      readJson(input);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new TargetInputError(inputJsonSyntax(targetId, input, e.line, e.column), targetId);
      throw e;
    }
    // "Valid JSON text passed to the target. In this case, nothing from the event itself is passed."
    return { render: () => input };
  }

  if (spec.InputPath !== undefined) {
    const path = compileJsonPath(spec.InputPath);
    return {
      render(event) {
        const selected = path.select(event);
        return selected === MISSING ? undefined : JSON.stringify(selected);
      },
    };
  }

  if (spec.InputTransformer !== undefined) {
    const { InputPathsMap = {}, InputTemplate } = spec.InputTransformer;
    return compileTemplate(targetId, InputTemplate, InputPathsMap);
  }

  return { render: (event) => JSON.stringify(event) };
}
