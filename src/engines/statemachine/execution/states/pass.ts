/** Pass: its result (Parameters, Result or the input; JSONata: the input) through the state's output pipeline. */
import type { StateRunner } from './index.js';

export const pass: StateRunner = (st) => {
  const io = st.state.io;
  return io.finish(st, io.result(st));
};
