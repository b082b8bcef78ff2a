/** Succeed: the output (OutputPath over InputPath, or JSONata Output) ends this scope. */
import type { StateResult, StateRun } from '../interpreter.js';

export async function succeed(st: StateRun): Promise<StateResult> {
  const io = st.state.io;
  const output = await io.output(st, io.input(st));
  const r = st.exit(output, undefined, undefined);
  return { output: r.output, next: undefined };
}
