/**
 * HTTP ReceiveMessage + DeleteMessage requests/s (AWS JSON 1.0, 32 keep-alive connections, each
 * loop a ReceiveMessage of 1 message then a DeleteMessage of its receipt handle), Signalbox
 * against the bare node:http baseline (bench/baseline-sqs.ts: parses the body, answers a correct
 * ReceiveMessage with MD5OfBody and receipt handle, and a DeleteMessage). Both queues are
 * pre-filled in process before the run and topped up after each round by what it consumed, so a
 * receive never comes back empty. Load from a child process; rounds alternate A B A B.
 */
import { createSignalbox } from '../src/index.js';
import { DEFAULT_QUEUE_SETTINGS } from '../src/engines/queue/index.js';
import { startBaselineSqs } from './baseline-sqs.js';
import { loadWith } from './http-sendmessage.js';

const PREFILL = 80_000;

export async function benchHttpReceiveDelete(rounds = 4, ms = 1500): Promise<{ signalbox: number; bare: number; ratio: number }> {
  const sb = await createSignalbox({ logLevel: 'silent' });
  const url = await sb.listen(0, '127.0.0.1');
  const sbPort = Number(new URL(url).port);
  const queueUrl = `${url}/000000000000/bench-rd`;
  const q = sb.engines.queues.createQueue({ account: '000000000000', region: 'us-east-1' }, 'bench-rd', { ...DEFAULT_QUEUE_SETTINGS });
  const body = 'x'.repeat(100);
  const fillSignalbox = (n: number) => {
    for (let i = 0; i < n; i++) q.send({ body, senderId: 'bench' });
  };
  const bare = await startBaselineSqs();
  fillSignalbox(PREFILL);
  bare.prefill('bench-rd', PREFILL, body);

  // Each loop is 2 requests and consumes 1 message: top up by done / 2 after every round.
  const runSignalbox = async (t: number) => {
    const r = await loadWith(sbPort, queueUrl, t, 'recvdel');
    fillSignalbox(Math.ceil(r.done / 2));
    return r.rps;
  };
  const runBare = async (t: number) => {
    const r = await loadWith(bare.port, queueUrl, t, 'recvdel');
    bare.prefill('bench-rd', Math.ceil(r.done / 2), body);
    return r.rps;
  };
  await runSignalbox(500);
  await runBare(500); // warm-up
  let a = 0;
  let b = 0;
  for (let r = 0; r < rounds; r++) {
    a += await runSignalbox(ms);
    b += await runBare(ms);
  }
  await sb.close();
  await bare.close();
  return { signalbox: a / rounds, bare: b / rounds, ratio: a / b };
}
