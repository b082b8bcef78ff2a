/**
 * Starts the server under fuzz as a child process (test/fuzz/server-child.ts), watches for it
 * exiting (a crash), samples its RSS from /proc, and keeps the stack traces it logs by request id.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ServerUnderFuzz {
  readonly port: number;
  readonly pid: number;
  /** Set when the process exited without being asked to. */
  exited: { code: number | null; signal: string | null } | undefined;
  /** Peak RSS in bytes seen by the sampler. */
  peakRss: number;
  /** The logged error (first lines of its stack) for a request id, if any. */
  logFor(requestId: string): string | undefined;
  /** Called once if the process exits unexpectedly. */
  onExit(listener: () => void): void;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/** Current RSS of a process in bytes (Linux /proc), or 0 when unreadable. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function startServer(): Promise<ServerUnderFuzz> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const logs = new Map<string, string>();
  let current: { id: string; lines: string[] } | undefined;
  let buffered = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const m = /ERROR .*\(request ([0-9a-f-]{36})\)/.exec(line);
      if (m) {
        current = { id: m[1]!, lines: [line.replace(/^\S+ ERROR /, '')] };
        if (logs.size > 5000) logs.delete(logs.keys().next().value!);
        logs.set(current.id, '');
      } else if (current && current.lines.length < 8 && /^\s+at |^\w*Error/.test(line)) current.lines.push(line.trim());
      if (current) logs.set(current.id, current.lines.join('\n  '));
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    const early = (code: number | null) => reject(new Error(`server child exited ${code} before listening`));
    child.once('exit', early);
    child.once('message', (m: { port: number }) => {
      child.off('exit', early);
      const listeners: Array<() => void> = [];
      let stopping = false;
      const s: ServerUnderFuzz = {
        port: m.port,
        pid: child.pid!,
        exited: undefined,
        peakRss: rssOf(child.pid!),
        logFor: (id) => logs.get(id) || undefined,
        onExit: (l) => void listeners.push(l),
        stop: () =>
          new Promise<void>((r) => {
            stopping = true;
            clearInterval(sampler);
            if (child.exitCode !== null || child.signalCode !== null) return r();
            child.once('exit', () => r());
            child.send({ cmd: 'stop' });
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      };
      const sampler = setInterval(() => {
        s.peakRss = Math.max(s.peakRss, rssOf(s.pid));
      }, 100);
      sampler.unref();
      child.once('exit', (code, signal) => {
        clearInterval(sampler);
        if (stopping) return;
        s.exited = { code, signal };
        for (const l of listeners) l();
      });
      resolve(s);
    });
  });
}
