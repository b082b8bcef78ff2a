/**
 * The state runners, one per state type: `runState` (interpreter.ts) records the entered event,
 * looks the runner up here and attributes whatever it throws. A runner does the state's work and
 * leaves through `st.exit` / `st.finish`; language-specific pieces come from `st.state.io`.
 */
import type { StateType } from '../../asl.js';
import type { StateResult, StateRun } from '../interpreter.js';
import { runMap, runParallel } from '../fan-out.js';
import { runTask } from '../task-state.js';
import { choice } from './choice.js';
import { fail } from './fail.js';
import { pass } from './pass.js';
import { succeed } from './succeed.js';
import { wait } from './wait.js';

export type StateRunner = (st: StateRun) => StateResult | Promise<StateResult>;

export const RUNNERS: Record<StateType, StateRunner> = {
  Pass: pass,
  Choice: choice,
  Wait: wait,
  Succeed: succeed,
  Fail: fail,
  Task: runTask,
  Parallel: runParallel,
  Map: runMap,
};
