/** Choice: the first rule that matches (in the state's language) picks Next, else Default. */
import type { StateResult, StateRun } from '../interpreter.js';
import { StateFailure } from '../interpreter.js';

export async function choice(st: StateRun): Promise<StateResult> {
  const s = st.state;
  const io = s.io;
  const effective = io.input(st);
  const scope = io.scope(st, effective);
  for (const rule of s.choices) {
    let m = rule.matches(scope);
    if (typeof m !== 'boolean') m = await m;
    if (m) return rule.take(st, scope, effective);
  }
  if (s.defaultNext === undefined) throw noChoice();
  return io.settle(st, scope, effective, s.defaultNext);
}

function noChoice(): StateFailure {
  // unverified text
  return new StateFailure('States.NoChoiceMatched', 'No Matches!');
}
