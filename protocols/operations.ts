/** Compiled input/output shapes per operation, built on first use and cached. */
import type { ServiceModel } from './service-model.js';
import { compileStructure, type StructureShape } from './shape.js';

export interface CompiledOperation {
  name: string;
  input: StructureShape;
  output: StructureShape;
}

const cache = new WeakMap<ServiceModel, Map<string, CompiledOperation>>();

export function compiledOperation(model: ServiceModel, name: string): CompiledOperation | undefined {
  let ops = cache.get(model);
  if (!ops) cache.set(model, (ops = new Map()));
  let op = ops.get(name);
  if (op) return op;
  const m = model.operations.get(name);
  if (!m) return undefined;
  op = { name, input: compileStructure(m.input), output: compileStructure(m.output) };
  ops.set(name, op);
  return op;
}
