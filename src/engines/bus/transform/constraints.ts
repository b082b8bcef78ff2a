/**
 * The model constraints of a target's input members (botocore events 2015-10-07):
 *   Input              TargetInput        max 8192
 *   InputPath          TargetInputPath    max 256
 *   InputTemplate      TransformerInput   min 1, max 8192, required in InputTransformer
 *   InputPathsMap      TransformerPaths   max 100 entries;
 *                      keys InputTransformerPathKey min 1, max 256, pattern [A-Za-z0-9\_\-]+;
 *                      values TargetInputPath max 256
 * AWS checks these before any PutTargets rule, and words a failure the "coral" way:
 * "1 validation error detected: Value '…' at 'targets.1.member.inputPath' failed to satisfy
 * constraint: Member must have length less than or equal to 256" (the shape of LocalStack's
 * recorded `put-targets-length-error` for the target Id).
 *
 * The docs' "keys cannot start with AWS." rule has no message of its own that we could find:
 * the key pattern has no `.`, so such a key always fails the pattern first.
 * How a map value is printed (`{k=v, k2=v2}`, Java's Map.toString) and the bracketed list after
 * "Map keys must satisfy constraint:" follow other AWS coral messages; no EventBridge recording.
 */
import type { TargetInputSpec } from './index.js';

const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const KEY_PATTERN_TEXT = '[A-Za-z0-9\\_\\-]+';

const maxLen = (n: number) => `Member must have length less than or equal to ${n}`;
const minLen = (n: number) => `Member must have length greater than or equal to ${n}`;

function violation(value: string | null, at: string, constraint: string): string {
  const shown = value === null ? 'null' : `'${value}'`;
  return `Value ${shown} at '${at}' failed to satisfy constraint: ${constraint}`;
}

function mapText(map: Record<string, string>): string {
  return `{${Object.entries(map).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/**
 * Every constraint the spec breaks, as coral violation texts, in member order.
 * `memberPath` is the target's path in the request, e.g. `targets.3.member`.
 */
export function targetInputConstraintViolations(spec: TargetInputSpec, memberPath: string): string[] {
  const out: string[] = [];
  if (spec.Input !== undefined && spec.Input.length > 8192) {
    out.push(violation(spec.Input, `${memberPath}.input`, maxLen(8192)));
  }
  if (spec.InputPath !== undefined && spec.InputPath.length > 256) {
    out.push(violation(spec.InputPath, `${memberPath}.inputPath`, maxLen(256)));
  }
  const transformer = spec.InputTransformer;
  if (transformer !== undefined) {
    const map = transformer.InputPathsMap;
    if (map !== undefined) {
      const at = `${memberPath}.inputTransformer.inputPathsMap`;
      const entries = Object.entries(map);
      if (entries.length > 100) out.push(violation(mapText(map), at, maxLen(100)));
      if (entries.some(([k]) => k.length < 1 || k.length > 256 || !KEY_PATTERN.test(k))) {
        out.push(violation(mapText(map), at,
          `Map keys must satisfy constraint: [${maxLen(256)}, ${minLen(1)}, Member must satisfy regular expression pattern: ${KEY_PATTERN_TEXT}]`));
      }
      if (entries.some(([, v]) => v.length > 256)) {
        out.push(violation(mapText(map), at, `Map value must satisfy constraint: [${maxLen(256)}]`));
      }
    }
    const template = transformer.InputTemplate as string | undefined;
    const at = `${memberPath}.inputTransformer.inputTemplate`;
    if (template === undefined) out.push(violation(null, at, 'Member must not be null'));
    else if (template.length < 1) out.push(violation(template, at, minLen(1)));
    else if (template.length > 8192) out.push(violation(template, at, maxLen(8192)));
  }
  return out;
}

/** "1 validation error detected: A" / "2 validation errors detected: A; B" */
export function coralMessage(violations: readonly string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}
