/** Fail: Error/Cause (or ErrorPath/CausePath, intrinsics, JSONata) end this scope. */
import { StateFailure, type StateRun } from '../interpreter.js';

export async function fail(st: StateRun): Promise<never> {
  const s = st.state;
  const io = s.io;
  // JSONPath: ErrorPath/CausePath read the raw input (InputPath does not apply).
  const scope = io.scope(st, st.input);
  const error = await io.resolve(st, s.error, scope);
  const cause = await io.resolve(st, s.cause, scope);
  throw new StateFailure(error === undefined ? (undefined as unknown as string) : String(error), cause === undefined ? undefined : String(cause));
}
