/**
 * Cold start and memory.
 * - Start-up: ms from spawning `node dist/cli/signalbox.js --port 0` (the BUILT CLI; `npm run
 *   build` runs first if dist is missing) to the first successful SQS ListQueues (JSON 1.0), with the
 *   port parsed from the "ready on" line; median of 5, alternating with the baseline, a bare
 *   node:http script started the same way (bench/coldstart-bare.mjs).
 * - RSS with 1,000,000 queued 100-byte messages (distinct bodies) sent through the queue engine,
 *   in a fresh `--expose-gc` child process (bench/rss-child.ts), against the RSS of the same child
 *   setup holding the same 1M bodies in a Map keyed by a flat UUID string. Both after a full GC.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { repoRoot, scriptArgs } from './scripts.js';

const root = repoRoot;
const cli = join(root, 'dist/cli/signalbox.js');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuilt(): void {
  if (!existsSync(cli)) {
    process.stderr.write('coldstart: dist/cli/signalbox.js missing, running npm run build\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    return;
  }
  const src = Math.max(...['src', 'bin', 'protocols'].map((d) => newestMtime(join(root, d))));
  if (src > statSync(cli).mtimeMs) process.stderr.write('coldstart: warning: dist/ is older than src/ — run `npm run build` for current figures\n');
}

/** The first request a user's SDK typically makes: SQS ListQueues (AWS JSON 1.0). */
function firstRequest(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = '{}';
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AmazonSQS.ListQueues',
          authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** ms from spawn to the first served request of `node <script> --port 0`. */
function startOnce(script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = ''; // the CLI's own log lines (e.g. "SIGTERM received"); shown only on failure
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    let asked = false;
    const finish = (e: Error | null, ms = 0) => {
      child.kill('SIGTERM');
      child.once('exit', () => (e ? reject(e) : resolve(ms)));
    };
    child.once('exit', (code) => {
      if (!asked) reject(new Error(`${script} exited ${code} before it was ready: ${out}${err}`));
    });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready on http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (!m || asked) return;
      asked = true;
      const port = Number(m[1]);
      const attempt = (): void => {
        firstRequest(port).then(
          (status) => (status === 200 ? finish(null, performance.now() - t0) : finish(new Error(`ListQueues answered ${status}`))),
          () => void setTimeout(attempt, 1),
        );
      };
      attempt();
    });
  });
}

function rssChild(kind: 'engine' | 'map', n: number): Promise<{ beforeMb: number; afterMb: number; gcExposed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...scriptArgs('rss-child'), kind, String(n)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { beforeMb: number; afterMb: number; gcExposed: boolean }) : reject(new Error(`rss child ${kind} exited ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export interface ColdStartResult {
  startMs: number;
  bareStartMs: number;
  rss: { engineMb: number; engineBeforeMb: number; mapMb: number; mapBeforeMb: number; messages: number };
}

export async function benchColdStart(runs = 5, messages = 1_000_000): Promise<ColdStartResult> {
  ensureBuilt();
  const bare = join(repoRoot, 'bench/coldstart-bare.mjs');
  await startOnce(cli); // warm the OS file cache for both
  await startOnce(bare);
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await startOnce(cli));
    base.push(await startOnce(bare));
  }
  const engine = await rssChild('engine', messages);
  const map = await rssChild('map', messages);
  if (!engine.gcExposed) process.stderr.write('coldstart: warning: gc not exposed in the RSS child\n');
  return {
    startMs: median(ours),
    bareStartMs: median(base),
    rss: { engineMb: engine.afterMb, engineBeforeMb: engine.beforeMb, mapMb: map.afterMb, mapBeforeMb: map.beforeMb, messages },
  };
}
