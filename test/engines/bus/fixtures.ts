/** Shared stand-ins for bus-engine tests: a FakeTime engine and a recording target port. */
import { FakeTime } from '../../../src/core/fake-time.js';
import { compileEventPattern } from '../../../src/engines/filter/index.js';
import { BusEngine, type BusTargetPort, type DeadLetter, type Delivery, type DeliveryResult, type RuleSpec } from '../../../src/engines/bus/index.js';

export const SCOPE = { account: '000000000000', region: 'us-east-1' };

export class RecordingPort implements BusTargetPort {
  readonly deliveries: Array<Delivery & { at: number }> = [];
  readonly deadLetters: Array<DeadLetter & { at: number }> = [];
  /** Decides each delivery's result (default: success). */
  result: (d: Delivery) => DeliveryResult | Promise<DeliveryResult> = () => ({ ok: true });
  constructor(private readonly time: FakeTime) {}
  deliver(d: Delivery): DeliveryResult | Promise<DeliveryResult> {
    this.deliveries.push({ ...d, at: this.time.now() });
    return this.result(d);
  }
  deadLetter(d: DeadLetter): boolean {
    this.deadLetters.push({ ...d, at: this.time.now() });
    return true;
  }
}

export function setup(opts: { replayBatch?: number; replayIntervalMs?: number } = {}) {
  const time = new FakeTime(Date.UTC(2026, 0, 1));
  let n = 0;
  const engine = new BusEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `id-${++n}`, ...opts });
  const port = new RecordingPort(time);
  engine.connect(port);
  return { time, engine, port };
}

export function pattern(p: unknown): NonNullable<RuleSpec['eventPattern']> {
  const json = JSON.stringify(p);
  return { json, matcher: compileEventPattern(json) };
}
