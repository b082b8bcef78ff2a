/**
 * A server under test in its own process, so the client's work (SDK, load loop) is not counted in
 * the server's CPU: `fork('bench/server-child.ts', ['signalbox' | 'baseline'])` with `--import tsx`.
 * IPC: sends `{ port }` once listening; answers `{ cmd: 'cpu-start' }` with `{ ok }` and
 * `{ cmd: 'cpu-stop' }` with `{ cpuMs }` (user + system CPU of this process since cpu-start);
 * exits on `{ cmd: 'stop' }`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forkExecArgv } from './scripts.js';

export type ServerKind = 'signalbox' | 'baseline';

export interface ServerChild {
  kind: ServerKind;
  port: number;
  cpuStart(): Promise<void>;
  /** CPU ms (user + system) the server process used since cpuStart. */
  cpuStop(): Promise<number>;
  stop(): Promise<void>;
}

function ask<T>(child: ChildProcess, msg: object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', on);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    child.send(msg);
  });
}

/** Starts a server of `kind` in a child process (parent side). */
export function startServerChild(kind: ServerKind): Promise<ServerChild> {
  const child = fork(fileURLToPath(import.meta.url), [kind], { execArgv: forkExecArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server child exited ${code}`)));
    child.once('message', (m: { port: number }) =>
      resolve({
        kind,
        port: m.port,
        cpuStart: () => ask<boolean>(child, { cmd: 'cpu-start' }, 'ok').then(() => undefined),
        cpuStop: () => ask<number>(child, { cmd: 'cpu-stop' }, 'cpuMs'),
        stop: () =>
          new Promise<void>((r) => {
            child.removeAllListeners('exit');
            child.once('exit', () => r());
            child.send({ cmd: 'stop' });
          }),
      }),
    );
  });
}

// Child side.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const kind = process.argv[2] as ServerKind;
  let close: () => Promise<void>;
  let port: number;
  if (kind === 'signalbox') {
    const { createSignalbox } = await import('../src/index.js');
    const sb = await createSignalbox({ logLevel: 'silent' });
    port = Number(new URL(await sb.listen(0, '127.0.0.1')).port);
    close = () => sb.close();
  } else if (kind === 'baseline') {
    const { startBaselineSqs } = await import('./baseline-sqs.js');
    const b = await startBaselineSqs();
    port = b.port;
    close = () => b.close();
  } else throw new Error(`unknown server kind ${kind}`);
  let mark = process.cpuUsage();
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'cpu-start') {
      mark = process.cpuUsage();
      process.send!({ ok: true });
    } else if (m.cmd === 'cpu-stop') {
      const d = process.cpuUsage(mark);
      process.send!({ cpuMs: (d.user + d.system) / 1000 });
    } else if (m.cmd === 'stop') {
      setTimeout(() => process.exit(0), 2000).unref();
      void close().then(() => process.exit(0));
    }
  });
  process.send({ port });
}
