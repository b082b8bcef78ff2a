/**
 * Raw HTTP for the front-door tests: `http.request` with any Host, Origin or Fetch Metadata
 * header (what a browser or an attacker's page would send), and bare sockets for what is not
 * even a valid request.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { after, before } from 'node:test';
import { createSignalbox, type Signalbox } from '../../../src/index.js';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawInit {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request on a fresh connection to `endpoint` (http://127.0.0.1:PORT). */
export function raw(endpoint: string, init: RawInit = {}): Promise<RawResponse> {
  const u = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: init.method ?? 'GET', path: init.path ?? '/', headers: init.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Write `bytes` on a new socket and collect everything until the server closes it. */
export function rawSocket(endpoint: string, bytes: string, opts: { endAfterMs?: number } = {}): Promise<{ text: string; closedAfterMs: number }> {
  const u = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(u.port), u.hostname);
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
    socket.write(bytes);
    if (opts.endAfterMs !== undefined) setTimeout(() => socket.end(), opts.endAfterMs).unref();
  });
}

/** JSON 1.0 SQS call headers (what the JS SDK sends, minus signing). */
export function sqsJson(target: string, host?: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `AmazonSQS.${target}`,
    'x-amzn-query-mode': 'true',
    ...(host ? { host } : {}),
    ...extra,
  };
}

/** A form body with the query-protocol Action/Version. */
export function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/** `host:port` of an endpoint URL. */
export function hostOf(endpoint: string): string {
  return new URL(endpoint).host;
}

export function portOf(endpoint: string): string {
  return new URL(endpoint).port;
}

/**
 * One Signalbox on port 0 for the whole file: started before the tests, closed after them;
 * `onUrl` receives its endpoint.
 */
export function serveForSuite(onUrl: (url: string) => void): void {
  let sb: Signalbox | undefined;
  before(async () => {
    sb = await createSignalbox({ logLevel: 'silent' });
    onUrl(await sb.listen(0));
  });
  after(async () => {
    await sb?.close();
  });
}
