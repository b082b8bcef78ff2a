/** Wait: Seconds/SecondsPath or Timestamp/TimestampPath on the execution's clock, then Assign and output. */
import type { Json } from '../../asl.js';
import { StatesError } from '../../errors.js';
import { parseTimestamp } from '../../language/index.js';
import { jsonText } from '../history.js';
import type { StateResult, StateRun } from '../interpreter.js';
import { sleep } from '../wait-signals.js';

export async function wait(st: StateRun): Promise<StateResult> {
  const { state: s, env } = st;
  const io = s.io;
  const effective = io.input(st);
  const scope = io.scope(st, effective);
  let until: number;
  if (s.seconds.kind !== 'none') {
    const v = await io.resolve(st, s.seconds, scope);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      const shown = s.seconds.kind === 'path' ? `${s.seconds.path} == ${jsonText(v ?? null)}` : jsonText(v ?? null);
      throw new StatesError('States.Runtime', `The ${s.seconds.kind === 'path' ? 'SecondsPath' : 'Seconds'} parameter cannot be parsed as a long value: ${shown}`);
    }
    until = env.clock.now() + env.scaled(v * 1000);
  } else {
    const v = await io.resolve(st, s.timestamp, scope);
    const t = typeof v === 'string' ? parseTimestamp(v) : undefined;
    if (t === undefined) {
      const text = typeof v === 'string' ? v : jsonText((v ?? null) as Json);
      if (s.timestamp.kind === 'path')
        throw new StatesError('States.Runtime', `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${s.timestamp.path} == ${text}`);
      throw io.badTimestamp(`The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`);
    }
    const now = env.clock.now();
    if (t - now > 24_855 * 86_400_000) throw new StatesError('States.Runtime', 'Wait state delay is too long.');
    until = now + env.scaled(Math.max(0, t - now));
  }
  env.park();
  await sleep(env.scheduler, until - env.clock.now(), env.signal);
  return io.settle(st, undefined, effective, undefined);
}
