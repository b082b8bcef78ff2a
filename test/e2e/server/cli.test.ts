/**
 * The CLI's front-door flags and environment variables reach the server: --allowed-hosts,
 * --cors-origins, --max-connections (and SIGNALBOX_* for each), and --help documents them.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { raw, rawSocket } from './raw.js';

const CLI = fileURLToPath(new URL('../../../bin/signalbox.ts', import.meta.url));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill();
});

function run(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const output = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return { child, output };
}

/** Start the CLI on a free port and resolve to its endpoint. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const { child, output } = run(['--port', '0', '--log-level', 'warn', ...args], env);
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /ready on (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (m) resolve({ url: m[1]!, child });
    });
    void output.then((o) => reject(new Error(`signalbox exited ${o.code}: ${o.err}`)));
  });
}

describe('CLI front-door flags', () => {
  it('--help lists them', async () => {
    const { out, code } = await run(['--help']).output;
    assert.equal(code, 0);
    for (const flag of ['--allowed-hosts', '--cors-origins', '--max-connections', 'SIGNALBOX_ALLOWED_HOSTS', 'SIGNALBOX_CORS_ORIGINS']) assert.ok(out.includes(flag), flag);
  });

  it('refuses a bad --max-connections', async () => {
    const { code, err } = await run(['--max-connections', 'lots']).output;
    assert.equal(code, 2);
    assert.match(err, /--max-connections must be a whole number/);
  });

  it('flags and environment variables configure hosts, origins and connections', async () => {
    const { url, child } = await start(['--allowed-hosts', '*.localstack.cloud', '--max-connections', '1'], { SIGNALBOX_CORS_ORIGINS: 'https://app.example.com' });
    try {
      assert.equal((await raw(url, { path: '/_signalbox/health', headers: { host: 'localhost.localstack.cloud:4566' } })).status, 200);
      assert.equal((await raw(url, { path: '/_signalbox/health', headers: { host: 'evil.example' } })).status, 403);
      const cors = await raw(url, { method: 'OPTIONS', path: '/', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
      assert.equal(cors.status, 204);
      // One connection at a time: a second concurrent one is refused.
      const held = rawSocket(url, 'GET /_signalbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { endAfterMs: 500 });
      await new Promise((r) => setTimeout(r, 100));
      const second = await rawSocket(url, 'GET /_signalbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      assert.match(second.text, /^HTTP\/1\.1 503 /);
      assert.match((await held).text, /^HTTP\/1\.1 200 /);
    } finally {
      child.kill();
    }
  });
});
