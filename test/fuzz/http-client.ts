/** One request to the server under fuzz over a keep-alive loopback connection, with a deadline. */
import { Agent, request } from 'node:http';
import type { RawRequest } from '../../protocols/index.js';

export interface Answer {
  kind: 'response';
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}
export interface NoAnswer {
  kind: 'timeout' | 'error';
  message: string;
  ms: number;
}
export type Outcome = Answer | NoAnswer;

export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Send `raw` to 127.0.0.1:port; `timeoutMs` without a complete response is a `timeout`. */
export function send(port: number, raw: RawRequest, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(o);
    };
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(raw.headers)) if (v !== undefined && k !== 'host' && k !== 'content-length') headers[k] = v;
    headers['content-length'] = String(raw.body.length);
    const req = request(
      { host: '127.0.0.1', port, method: raw.method, path: raw.path + (raw.query ? `?${raw.query}` : ''), headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          finish({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }),
        );
        res.on('error', (e) => finish({ kind: 'error', message: e.message, ms: performance.now() - started }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'timeout', message: `no response within ${timeoutMs} ms`, ms: performance.now() - started });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish({ kind: 'error', message: e.message, ms: performance.now() - started }));
    req.end(raw.body);
  });
}
