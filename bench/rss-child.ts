/**
 * Memory with many queued messages, in a fresh process:
 * `node --expose-gc --import tsx bench/rss-child.ts <engine|map> <n>` prints JSON
 * `{ beforeMb, afterMb }`: process RSS (after a full GC) before and after queueing n distinct
 * 100-byte messages. `engine`: createSignalbox (not listening) + one standard queue through the
 * queue engine, `queue.send` per message. `map`: the baseline, a Map of message id (a flat UUID
 * string) → body, the least an in-memory queue must hold.
 */
import { randomUUID } from 'node:crypto';

const [kind, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const rssMb = () => {
  gc();
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
};

/** A distinct, flat 100-byte string per message, like a body parsed off the wire. */
const template = Buffer.alloc(100, 'x');
function body(i: number): string {
  template.write(String(i).padStart(8, '0'), 0, 'latin1');
  return template.toString('latin1');
}

let send: (b: string) => void;
let keep: unknown;
if (kind === 'engine') {
  const { createSignalbox } = await import('../src/index.js');
  const { DEFAULT_QUEUE_SETTINGS } = await import('../src/engines/queue/index.js');
  const sb = await createSignalbox({ logLevel: 'silent' });
  const q = sb.engines.queues.createQueue({ account: '000000000000', region: 'us-east-1' }, 'rss', { ...DEFAULT_QUEUE_SETTINGS });
  send = (b) => void q.send({ body: b, senderId: 'bench' });
  keep = sb;
} else if (kind === 'map') {
  const map = new Map<string, string>();
  // Flattened: crypto.randomUUID() returns a cons string of ~20 pieces (~430 bytes more per id).
  send = (b) => void map.set(Buffer.from(randomUUID(), 'latin1').toString('latin1'), b);
  keep = map;
} else throw new Error(`unknown kind ${kind}`);

const beforeMb = rssMb();
for (let i = 0; i < n; i++) send(body(i));
const afterMb = rssMb();
process.stdout.write(JSON.stringify({ beforeMb, afterMb, gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function', kept: keep !== undefined }));
process.exit(0);
