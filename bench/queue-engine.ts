/**
 * The queue engine in process (no HTTP): send, receive and delete, 3 operations per message,
 * against a baseline of the bare Map operations any in-memory queue must do at least.
 */
import { FakeTime } from '../src/core/fake-time.js';
import { DEFAULT_QUEUE_SETTINGS, QueueEngine, type QueueSettings } from '../src/engines/queue/index.js';

const SETTINGS: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS };

export async function benchQueueEngine(messages = 200_000, rounds = 3): Promise<{ opsPerSecond: number; baselineOpsPerSecond: number }> {
  let counter = 0;
  const time = new FakeTime();
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, newId: () => `m-${counter++}` });
  const q = engine.createQueue({ account: '000000000000', region: 'us-east-1' }, 'bench', SETTINGS);
  const body = 'x'.repeat(100);

  const runEngine = async () => {
    const t0 = performance.now();
    for (let i = 0; i < messages; i++) q.send({ body, senderId: 'bench' });
    let received = 0;
    while (received < messages) {
      const batch = await q.receive({ maxMessages: 10, waitTimeSeconds: 0 });
      for (const m of batch) q.deleteMessage(m.receiptHandle);
      received += batch.length;
    }
    return (3 * messages * 1000) / (performance.now() - t0);
  };
  const runBaseline = () => {
    const t0 = performance.now();
    const map = new Map<string, { body: string; sent: number }>();
    for (let i = 0; i < messages; i++) map.set(`b-${i}`, { body, sent: i });
    for (let i = 0; i < messages; i++) {
      const v = map.get(`b-${i}`);
      if (v) map.delete(`b-${i}`);
    }
    return (3 * messages * 1000) / (performance.now() - t0);
  };
  let engineTotal = 0;
  let baseTotal = 0;
  for (let r = 0; r < rounds; r++) {
    engineTotal += await runEngine();
    baseTotal += runBaseline();
  }
  engine.close();
  return { opsPerSecond: engineTotal / rounds, baselineOpsPerSecond: baseTotal / rounds };
}
