/** The Lambda operations the round-trip tests walk, and their schemas, from our Lambda model. */
import assert from 'node:assert/strict';
import type { NormalizedSchema } from '@smithy/core/schema';
import { lambdaModel } from '../../protocols/models/lambda.js';

export const LAMBDA_OPERATIONS = [...lambdaModel.operations.keys()].sort();

export function lambdaSchemas(op: string): { input: NormalizedSchema; output: NormalizedSchema } {
  const m = lambdaModel.operations.get(op);
  assert.ok(m, `model has ${op}`);
  return m;
}
