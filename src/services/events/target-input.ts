/**
 * A target's Input / InputPath / InputTransformer → the engine's InputRenderer, compiled once at
 * PutTargets by src/engines/bus/transform. Its errors carry the AWS PutTargets text.
 */
import type { InputRenderer } from '../../engines/bus/index.js';
import { compileTargetInput, TargetInputError } from '../../engines/bus/transform/index.js';
import { validation } from './errors.js';

export function compileInput(
  targetId: string,
  index: number,
  t: { Input?: string; InputPath?: string; InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate?: string } },
): InputRenderer | undefined {
  try {
    return compileTargetInput(targetId, t as Parameters<typeof compileTargetInput>[1], { memberPath: `targets.${index + 1}.member` });
  } catch (e) {
    if (e instanceof TargetInputError) throw validation(e.message);
    throw e;
  }
}
