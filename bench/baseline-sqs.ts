/**
 * The minimal in-memory SQS baseline server the benchmarks compare Signalbox with: bare
 * `node:http`, AWS JSON 1.0, only what a correct answer needs. CreateQueue, SendMessage,
 * SendMessageBatch, ReceiveMessage (with long polling: a waiting receive is answered as soon as a
 * message arrives), DeleteMessage, DeleteMessageBatch. Responses carry the MD5s the SDK checks
 * and a UUID message id. Deliberately left out: visibility-timeout expiry (every benchmark deletes
 * what it receives), attributes, FIFO, validation beyond JSON parsing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Msg {
  id: string;
  body: string;
  md5: string;
}
interface Waiter {
  res: ServerResponse;
  max: number;
  timer: NodeJS.Timeout;
}
class BaselineQueue {
  ready: Msg[] = [];
  head = 0;
  inflight = new Map<string, Msg>();
  waiters: Waiter[] = [];
  private handles = 0;

  push(m: Msg): void {
    const w = this.waiters.shift();
    if (w) {
      clearTimeout(w.timer);
      reply(w.res, { Messages: [this.deliver(m)] });
    } else this.ready.push(m);
  }
  take(max: number): object[] {
    const out: object[] = [];
    while (out.length < max && this.head < this.ready.length) out.push(this.deliver(this.ready[this.head++] as Msg));
    if (this.head > 4096 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    return out;
  }
  private deliver(m: Msg): object {
    const handle = `${m.id}:${++this.handles}`;
    this.inflight.set(handle, m);
    return { MessageId: m.id, ReceiptHandle: handle, MD5OfBody: m.md5, Body: m.body };
  }
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function reply(res: ServerResponse, payload: object, status = 200): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export interface BaselineSqs {
  server: Server;
  port: number;
  /** Puts `n` messages with `body` on the named queue (created if missing), outside any request. */
  prefill(queueName: string, n: number, body: string): void;
  close(): Promise<void>;
}

export function startBaselineSqs(): Promise<BaselineSqs> {
  const queues = new Map<string, BaselineQueue>();
  const queueOf = (url: string | undefined): BaselineQueue => {
    const name = String(url).slice(String(url).lastIndexOf('/') + 1);
    let q = queues.get(name);
    if (!q) queues.set(name, (q = new BaselineQueue()));
    return q;
  };
  type Input = Record<string, unknown> & { QueueUrl?: string };
  const handle = (target: string, input: Input, req: IncomingMessage, res: ServerResponse): void => {
    switch (target) {
      case 'AmazonSQS.CreateQueue': {
        const name = String(input.QueueName);
        if (!queues.has(name)) queues.set(name, new BaselineQueue());
        return reply(res, { QueueUrl: `http://${req.headers.host}/000000000000/${name}` });
      }
      case 'AmazonSQS.SendMessage': {
        const body = String(input.MessageBody);
        const m = { id: randomUUID(), body, md5: md5(body) };
        queueOf(input.QueueUrl).push(m);
        return reply(res, { MD5OfMessageBody: m.md5, MessageId: m.id });
      }
      case 'AmazonSQS.SendMessageBatch': {
        const q = queueOf(input.QueueUrl);
        const Successful = (input.Entries as Array<{ Id: string; MessageBody: string }>).map((e) => {
          const m = { id: randomUUID(), body: e.MessageBody, md5: md5(e.MessageBody) };
          q.push(m);
          return { Id: e.Id, MessageId: m.id, MD5OfMessageBody: m.md5 };
        });
        return reply(res, { Successful, Failed: [] });
      }
      case 'AmazonSQS.ReceiveMessage': {
        const q = queueOf(input.QueueUrl);
        const max = Number(input.MaxNumberOfMessages ?? 1);
        const messages = q.take(max);
        const wait = Number(input.WaitTimeSeconds ?? 0);
        if (messages.length > 0 || wait <= 0) return reply(res, messages.length > 0 ? { Messages: messages } : {});
        const waiter: Waiter = {
          res,
          max,
          timer: setTimeout(() => {
            q.waiters.splice(q.waiters.indexOf(waiter), 1);
            reply(res, {});
          }, wait * 1000),
        };
        q.waiters.push(waiter);
        res.on('close', () => {
          const i = q.waiters.indexOf(waiter);
          if (i >= 0) {
            clearTimeout(waiter.timer);
            q.waiters.splice(i, 1);
          }
        });
        return;
      }
      case 'AmazonSQS.DeleteMessage':
        queueOf(input.QueueUrl).inflight.delete(String(input.ReceiptHandle));
        return reply(res, {});
      case 'AmazonSQS.DeleteMessageBatch': {
        const q = queueOf(input.QueueUrl);
        const Successful = (input.Entries as Array<{ Id: string; ReceiptHandle: string }>).map((e) => {
          q.inflight.delete(e.ReceiptHandle);
          return { Id: e.Id };
        });
        return reply(res, { Successful, Failed: [] });
      }
      default:
        return reply(res, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `baseline does not serve ${target}` }, 400);
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let input: Input;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input;
      } catch {
        return reply(res, { __type: 'com.amazonaws.sqs#InvalidRequest', message: 'body is not JSON' }, 400);
      }
      handle(String(req.headers['x-amz-target']), input, req, res);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        prefill(queueName, n, body) {
          const q = queueOf(queueName);
          const digest = md5(body);
          for (let i = 0; i < n; i++) q.push({ id: randomUUID(), body, md5: digest });
        },
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}
