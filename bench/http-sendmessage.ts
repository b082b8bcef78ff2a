/**
 * HTTP SendMessage (AWS JSON 1.0) requests/s under a fixed load (32 keep-alive connections),
 * Signalbox against a bare `node:http` handler that parses the body and answers a correct
 * SendMessage response (MD5 of the body, a UUID). Rounds alternate A B A B so the machine's noise
 * hits both alike. The load comes from a child process (bench/load-generator.ts, plain node:http).
 */
import { createHash, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { scriptArgs } from './scripts.js';
import type { AddressInfo } from 'node:net';
import { createSignalbox } from '../src/index.js';
import { DEFAULT_QUEUE_SETTINGS } from '../src/engines/queue/index.js';

const CONNECTIONS = 32;

function bareServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { MessageBody: string };
      const body = JSON.stringify({ MD5OfMessageBody: createHash('md5').update(input.MessageBody).digest('hex'), MessageId: randomUUID() });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

export type LoadMode = 'send' | 'recvdel' | 'sfn';

/**
 * Runs `ms` of load from a child process (its own core): bench/load-generator.ts in `mode`
 * against `target` (a QueueUrl, or a state machine ARN for `sfn`). Returns completed requests/s
 * and the number of completed requests.
 */
export function loadWith(port: number, target: string, ms: number, mode: LoadMode, connections = CONNECTIONS): Promise<{ rps: number; done: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...scriptArgs('load-generator'), String(port), target, String(ms), String(connections), mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator (${mode}) exited ${code}`));
      const [rps, done] = out.trim().split(' ').map(Number);
      resolve({ rps: rps as number, done: done as number });
    });
  });
}

const load = async (port: number, queueUrl: string, ms: number): Promise<number> => (await loadWith(port, queueUrl, ms, 'send')).rps;

export async function benchHttpSendMessage(rounds = 6, ms = 1500): Promise<{ signalbox: number; bare: number; ratio: number }> {
  const sb = await createSignalbox({ logLevel: 'silent' });
  const url = await sb.listen(0, '127.0.0.1');
  const sbPort = Number(new URL(url).port);
  const queueUrl = `${url}/000000000000/bench`;
  sb.engines.queues.createQueue({ account: '000000000000', region: 'us-east-1' }, 'bench', { ...DEFAULT_QUEUE_SETTINGS });
  const bare = await bareServer();
  await load(sbPort, queueUrl, 500);
  await load(bare.port, queueUrl, 500); // warm-up
  let a = 0;
  let b = 0;
  for (let r = 0; r < rounds; r++) {
    a += await load(sbPort, queueUrl, ms);
    b += await load(bare.port, queueUrl, ms);
  }
  await sb.close();
  await new Promise<void>((r) => bare.server.close(() => r()));
  return { signalbox: a / rounds, bare: b / rounds, ratio: a / b };
}
