/**
 * HTTP framing the parser must survive, over a raw loopback socket: bad and duplicate
 * Content-Length, chunked garbage, missing and huge headers, odd request lines, pipelining, and
 * slow (slowloris-style) clients with a bounded total time.
 */
import { connect } from 'node:net';
import type { Rng } from './prng.js';

export interface RawCase {
  label: string;
  /** Written in order; a number is a pause in ms. */
  pieces: Array<Buffer | number>;
  /** The request is complete: the server owes an answer (or a close). */
  complete: boolean;
}

export interface RawResult {
  /** Status codes of the responses read (several when pipelined). */
  statuses: number[];
  closedByServer: boolean;
  timedOut: boolean;
  firstBytes: string;
  error?: string;
}

const JSON_HEAD = 'content-type: application/x-amz-json-1.0\r\nx-amz-target: AmazonSQS.ListQueues\r\nx-amzn-query-mode: true\r\n';
const b = (s: string) => Buffer.from(s, 'latin1');

export function rawCase(rng: Rng): RawCase {
  const body = '{"QueueNamePrefix":"fuzz"}';
  const start = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n';
  const cases: Array<() => RawCase> = [
    () => ({ label: 'Content-Length larger than the body', pieces: [b(`${start}${JSON_HEAD}content-length: 500\r\n\r\n${body}`), 300], complete: false }),
    () => ({ label: 'Content-Length smaller than the body', pieces: [b(`${start}${JSON_HEAD}content-length: 5\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'non-numeric Content-Length', pieces: [b(`${start}${JSON_HEAD}content-length: abc\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'negative Content-Length', pieces: [b(`${start}${JSON_HEAD}content-length: -1\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'two different Content-Lengths', pieces: [b(`${start}${JSON_HEAD}content-length: 26\r\ncontent-length: 3\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'Content-Length and chunked', pieces: [b(`${start}${JSON_HEAD}content-length: 26\r\ntransfer-encoding: chunked\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'chunk size garbage', pieces: [b(`${start}${JSON_HEAD}transfer-encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`)], complete: true }),
    () => ({ label: 'huge chunk size', pieces: [b(`${start}${JSON_HEAD}transfer-encoding: chunked\r\n\r\nffffffffffffffff\r\n${body}\r\n`), 300], complete: false }),
    () => ({ label: 'chunked without the last chunk', pieces: [b(`${start}${JSON_HEAD}transfer-encoding: chunked\r\n\r\n1a\r\n${body}\r\n`), 300], complete: false }),
    () => ({ label: 'valid chunked body', pieces: [b(`${start}${JSON_HEAD}transfer-encoding: chunked\r\n\r\n1a\r\n${body}\r\n0\r\n\r\n`)], complete: true }),
    () => ({ label: 'chunked split in tiny writes', pieces: [b(`${start}${JSON_HEAD}transfer-encoding: chunked\r\n\r\n`), b('1'), 5, b('a\r\n'), b(body.slice(0, 7)), 5, b(body.slice(7) + '\r\n0\r\n\r\n')], complete: true }),
    () => ({ label: 'no Host header', pieces: [b(`POST / HTTP/1.1\r\n${JSON_HEAD}content-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'no headers at all', pieces: [b('POST / HTTP/1.1\r\n\r\n')], complete: true }),
    () => ({ label: 'HTTP/1.0, no headers', pieces: [b('GET / HTTP/1.0\r\n\r\n')], complete: true }),
    () => ({ label: '64 KiB header', pieces: [b(`${start}x-big: ${'a'.repeat(65536)}\r\n${JSON_HEAD}content-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: '3000 headers', pieces: [b(`${start}${Array.from({ length: 3000 }, (_, i) => `x-h${i}: v`).join('\r\n')}\r\n${JSON_HEAD}content-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: '100 KiB URL', pieces: [b(`POST /?${'a=b&'.repeat(25000)} HTTP/1.1\r\nHost: x\r\ncontent-length: 0\r\n\r\n`)], complete: true }),
    () => ({ label: 'garbage request line', pieces: [b('\u0000\u0001GARBAGE\r\n\r\n')], complete: true }),
    () => ({ label: 'unknown method', pieces: [b(`FOO / HTTP/1.1\r\nHost: x\r\n${JSON_HEAD}content-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'HTTP/2 preface on HTTP/1', pieces: [b('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000'), 200], complete: false }),
    () => ({ label: 'TLS ClientHello', pieces: [Buffer.from('160301002e0100002a0303' + '00'.repeat(40), 'hex'), 200], complete: false }),
    () => ({ label: 'header without colon', pieces: [b(`${start}broken header line\r\n${JSON_HEAD}content-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'NUL in a header value', pieces: [b(`${start}x-amz-target: AmazonSQS.List\u0000Queues\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'x-amz-target with a CR', pieces: [b(`${start}x-amz-target: AmazonSQS.ListQueues\rx\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 26\r\n\r\n${body}`)], complete: true }),
    () => ({ label: 'Expect: 100-continue', pieces: [b(`${start}${JSON_HEAD}expect: 100-continue\r\ncontent-length: 26\r\n\r\n`), 50, b(body)], complete: true }),
    () => ({ label: 'Content-Encoding gzip garbage', pieces: [b(`${start}${JSON_HEAD}content-encoding: gzip\r\ncontent-length: 26\r\n\r\n${body}`)], complete: true }),
    () => {
      const one = `${start}${JSON_HEAD}content-length: 26\r\n\r\n${body}`;
      return { label: '50 pipelined requests', pieces: [b(one.repeat(50))], complete: true };
    },
    () => ({ label: 'GET query request in the URL', pieces: [b('GET /?Action=ListQueues&Version=2012-11-05 HTTP/1.1\r\nHost: x\r\n\r\n')], complete: true }),
    () => ({ label: 'form body, no content-type', pieces: [b(`${start}content-length: 35\r\n\r\nAction=ListTopics&Version=2010-03-31`)], complete: true }),
    () => ({ label: 'developer route with garbage', pieces: [b(`GET /_signalbox/sqs/messages?QueueUrl=%zz%00 HTTP/1.1\r\nHost: x\r\n\r\n`)], complete: true }),
    () => ({ label: 'developer POST with a broken JSON body', pieces: [b(`POST /_signalbox/health HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 5\r\n\r\n{"a":`)], complete: true }),
    () => {
      const n = 17 * 1024 * 1024;
      return { label: '17 MiB body (above the limit)', pieces: [b(`${start}${JSON_HEAD}content-length: ${n}\r\n\r\n`), Buffer.alloc(n, 0x20)], complete: true };
    },
    () => ({ label: 'slow headers (1 byte / 20 ms)', pieces: slowly(b(`${start}${JSON_HEAD}content-length: 26\r\n\r\n${body}`), 20, 1500), complete: true }),
  ];
  return rng.pick(cases)();
}

/** Write `data` a byte at a time with `ms` between bytes, for at most `totalMs`; the rest at once. */
export function slowly(data: Buffer, ms: number, totalMs: number): Array<Buffer | number> {
  const pieces: Array<Buffer | number> = [];
  const n = Math.min(data.length, Math.floor(totalMs / ms));
  for (let i = 0; i < n; i++) pieces.push(data.subarray(i, i + 1), ms);
  pieces.push(data.subarray(n));
  return pieces;
}

/** Play a case on a fresh socket; read until the server closes or `timeoutMs` passes. */
export function playRaw(port: number, c: RawCase, timeoutMs: number): Promise<RawResult> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closedByServer = false;
    let error: string | undefined;
    let done = false;
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      resolve({ statuses, closedByServer, timedOut, firstBytes: text.slice(0, 200), ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      // A complete single response is enough (pipelined: wait for the close or the timeout).
      if (!c.label.includes('pipelined') && /\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1')) && c.complete) {
        const text = Buffer.concat(chunks).toString('latin1');
        const len = /content-length: (\d+)/i.exec(text);
        const headEnd = text.indexOf('\r\n\r\n') + 4;
        if (len && text.length - headEnd >= Number(len[1])) finish(false);
      }
    });
    sock.on('end', () => {
      closedByServer = true;
      finish(false);
    });
    sock.on('error', (e) => {
      error = e.message;
      closedByServer = true;
      finish(false);
    });
    sock.on('connect', async () => {
      for (const p of c.pieces) {
        if (done) return;
        if (typeof p === 'number') await new Promise((r) => setTimeout(r, p));
        else if (!sock.destroyed) sock.write(p);
      }
      if (!c.complete && !done) finish(false);
    });
  });
}

/** Slowloris: `n` sockets dribbling request headers for `totalMs`, then closed. */
export async function slowloris(port: number, n: number, totalMs: number): Promise<{ closedEarly: number }> {
  let closedEarly = 0;
  const head = b(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n${JSON_HEAD}x-slow: ${'s'.repeat(400)}\r\n`);
  await Promise.all(
    Array.from({ length: n }, async () => {
      const r = await playRaw(port, { label: 'slowloris', pieces: slowly(head, 50, totalMs), complete: false }, totalMs + 1000);
      if (r.closedByServer) closedEarly++;
    }),
  );
  return { closedEarly };
}
