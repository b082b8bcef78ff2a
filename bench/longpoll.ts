/**
 * Long-poll wake-up latency: a ReceiveMessage with WaitTimeSeconds=20 is waiting on an empty
 * queue; we time from the start of a SendMessage (on another keep-alive connection) to the waiting
 * receive's full response. Plain node:http clients (no SDK) in this process; each server in its
 * own child process (bench/server-child.ts). The baseline is bench/baseline-sqs.ts, whose long
 * poll is a waiter list answered synchronously on the send. 300 samples per server, in blocks of
 * 25 alternating A B A B; each received message is deleted outside the timed span.
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerChild, type ServerChild, type ServerKind } from './server-child.js';

const authorization = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x';

function post(agent: Agent, port: number, target: string, input: object): Promise<Record<string, unknown>> {
  const payload = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, authorization, 'content-length': Buffer.byteLength(payload) };
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text) as Record<string, unknown>) : reject(new Error(`${target}: status ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

class Client {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });
  queueUrl = '';
  constructor(readonly server: ServerChild) {}
  async init(name: string): Promise<void> {
    this.queueUrl = String((await post(this.agent, this.server.port, 'AmazonSQS.CreateQueue', { QueueName: name })).QueueUrl);
  }
  /** One wake-up sample, in ms. */
  async sample(): Promise<number> {
    const port = this.server.port;
    const waiting = post(this.agent, port, 'AmazonSQS.ReceiveMessage', { QueueUrl: this.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 });
    let t1 = 0;
    void waiting.then(() => (t1 = performance.now()), () => undefined);
    await sleep(5); // let the receive reach the server and park
    const t0 = performance.now();
    const sent = post(this.agent, port, 'AmazonSQS.SendMessage', { QueueUrl: this.queueUrl, MessageBody: 'x'.repeat(100) });
    const out = await waiting;
    await sent;
    const m = (out.Messages as Array<{ ReceiptHandle: string }> | undefined)?.[0];
    if (!m) throw new Error('waiting receive returned no message');
    await post(this.agent, port, 'AmazonSQS.DeleteMessage', { QueueUrl: this.queueUrl, ReceiptHandle: m.ReceiptHandle }).catch((e: Error) => {
      throw new Error(`longpoll: deleting the message a waiting receive was woken with failed (${this.server.kind} server): ${e.message}`);
    });
    return t1 - t0;
  }
  close(): void {
    this.agent.destroy();
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

export interface LongPollResult {
  signalbox: { p50: number; p99: number };
  baseline: { p50: number; p99: number };
  samples: number;
}

export async function benchLongPoll(samples = 300, block = 25): Promise<LongPollResult> {
  const kinds = ['signalbox', 'baseline'] as const;
  const servers = await Promise.all(kinds.map((k) => startServerChild(k)));
  const clients = servers.map((s) => new Client(s));
  try {
    await Promise.all(clients.map((c) => c.init('longpoll')));
    for (const c of clients) for (let i = 0; i < 20; i++) await c.sample(); // warm-up
    const times: Record<ServerKind, number[]> = { signalbox: [], baseline: [] };
    for (let done = 0; done < samples; done += block) {
      for (let k = 0; k < kinds.length; k++) for (let i = 0; i < Math.min(block, samples - done); i++) times[kinds[k] as ServerKind].push(await (clients[k] as Client).sample());
    }
    const fig = (xs: number[]) => ({ p50: pct(xs, 50), p99: pct(xs, 99) });
    return { signalbox: fig(times.signalbox), baseline: fig(times.baseline), samples };
  } finally {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}
