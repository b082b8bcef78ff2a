/**
 * A target's Input / InputPath / InputTransformer → the engine's InputRenderer, compiled once at
 * PutTargets by src/engines/bus/transform. Its errors carry the AWS PutTargets text.
 */
import type { InputRenderer } from '../../engines/bus/index.js';
import { compileTargetInput, TargetInputError } from '../../engines/bus/transform/index.js';
import type { Target } from '@aws-sdk/client-eventbridge';
import { validation } from './errors.js';
import { required } from './shared.js';

type TargetInputSpec = Parameters<typeof compileTargetInput>[1];

/** The SDK's Target input members as the transform engine takes them (InputTemplate is required). */
function inputSpec(t: Pick<Target, 'Input' | 'InputPath' | 'InputTransformer'>): TargetInputSpec {
  const spec: TargetInputSpec = {};
  if (t.Input !== undefined) spec.Input = t.Input;
  if (t.InputPath !== undefined) spec.InputPath = t.InputPath;
  if (t.InputTransformer !== undefined) {
    const { InputPathsMap, InputTemplate } = t.InputTransformer;
    spec.InputTransformer = { InputTemplate: required(InputTemplate), ...(InputPathsMap !== undefined ? { InputPathsMap } : {}) };
  }
  return spec;
}

export function compileInput(targetId: string, index: number, t: Pick<Target, 'Input' | 'InputPath' | 'InputTransformer'>): InputRenderer | undefined {
  try {
    return compileTargetInput(targetId, inputSpec(t), { memberPath: `targets.${index + 1}.member` });
  } catch (e) {
    if (e instanceof TargetInputError) throw validation(e.message);
    throw e;
  }
}
