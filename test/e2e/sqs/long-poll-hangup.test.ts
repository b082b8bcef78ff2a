/**
 * The long-poll hang-up race, over real sockets: a raw HTTP long poll (JSON 1.0 ReceiveMessage
 * with WaitTimeSeconds) is destroyed by its client in the same tick as a SendMessage for its
 * queue reaches the server on another connection, in varied orders. Whoever wins, the message
 * must stay receivable at once by a fresh poll, counted as never received before
 * (ApproximateReceiveCount 1, ApproximateFirstReceiveTimestamp of the fresh receive, no move to
 * the DLQ at maxReceiveCount 1, FIFO group not left locked). The server runs on a manual clock,
 * so a message lost to the dead poller stays invisible for the whole test.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../../src/index.js';
import { ACCOUNT, REGION, eventually, sleep, startServer, type E2e } from '../harness.js';

const ITERATIONS = 200;

let clock: ManualClock;
let e2e: E2e;
let port: number;
before(async () => {
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  e2e = await startServer({ clock });
  port = Number(new URL(e2e.url).port);
});
after(async () => {
  await e2e.close();
});

const authorization = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${REGION}/sqs/aws4_request, SignedHeaders=host, Signature=x`;

/** The bytes of one JSON 1.0 SQS request (keep-alive). */
function request(op: string, input: object): Buffer {
  const body = JSON.stringify(input);
  const head =
    `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-amz-json-1.0\r\n` +
    `X-Amz-Target: AmazonSQS.${op}\r\nx-amzn-query-mode: true\r\nAuthorization: ${authorization}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.from(head + body);
}

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** A keep-alive connection that reads one response per request, in order. */
class Connection {
  private buffered = Buffer.alloc(0);
  private readonly pending: Array<(r: { status: number; body: Record<string, unknown> }) => void> = [];
  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.drain();
    });
  }

  /** Writes the request now (synchronously); the promise is its response. */
  send(op: string, input: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const p = new Promise<{ status: number; body: Record<string, unknown> }>((resolve) => this.pending.push(resolve));
    this.socket.write(request(op, input));
    return p;
  }

  private drain(): void {
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buffered.length < end + 4 + length) return;
      const body = this.buffered.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffered = this.buffered.subarray(end + 4 + length);
      const status = Number(head.split(' ')[1]);
      this.pending.shift()?.({ status, body: JSON.parse(body || '{}') as Record<string, unknown> });
    }
  }
}

/** The orders in which the poller's hang-up and the send leave the client, all in one tick. */
const ORDERS = [
  'send, then destroy the poll',
  'destroy the poll, then send',
  'send, destroy the poll on the next tick',
  'destroy the poll, send in a microtask',
] as const;

interface Outcome {
  order: string;
  fifo: boolean;
  lost: boolean;
  receiveCount: string | undefined;
  firstReceive: string | undefined;
  expectedFirstReceive: string;
}

async function race(i: number, sender: Connection, dlqArn: string): Promise<Outcome> {
  const fifo = i % 2 === 1;
  const order = ORDERS[Math.floor(i / 2) % ORDERS.length]!;
  const sqs = e2e.clients.json;
  const q = fifo
    ? await sqs.createQueue('hangup', { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '43200' })
    : await sqs.createQueue('hangup', {
        VisibilityTimeout: '43200',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      });
  const queue = e2e.sb.engines.queues.getQueue({ account: ACCOUNT, region: REGION }, q.name)!;

  const poller = await open();
  poller.on('error', () => undefined);
  poller.write(request('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 20, MaxNumberOfMessages: 1 }));
  while (queue.waitingReceivers === 0) await sleep(1);

  const send = { QueueUrl: q.url, MessageBody: `message ${i}`, ...(fifo ? { MessageGroupId: 'g' } : {}) };
  let sent!: Promise<{ status: number; body: Record<string, unknown> }>;
  switch (order) {
    case 'send, then destroy the poll':
      sent = sender.send('SendMessage', send);
      poller.destroy();
      break;
    case 'destroy the poll, then send':
      poller.destroy();
      sent = sender.send('SendMessage', send);
      break;
    case 'send, destroy the poll on the next tick':
      sent = sender.send('SendMessage', send);
      process.nextTick(() => poller.destroy());
      break;
    case 'destroy the poll, send in a microtask':
      poller.destroy();
      await Promise.resolve();
      sent = sender.send('SendMessage', send);
      break;
  }
  const r = await sent;
  assert.equal(r.status, 200, JSON.stringify(r.body));

  // Later than anything the dead poller could have been handed the message at.
  clock.set(clock.now() + 1000);
  const got = await sqs.receive(q.url, { MaxNumberOfMessages: 10, AttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'] });
  const m = got.find((x) => x.MessageId === r.body.MessageId);
  return {
    order,
    fifo,
    lost: !m,
    receiveCount: m?.Attributes?.ApproximateReceiveCount,
    firstReceive: m?.Attributes?.ApproximateFirstReceiveTimestamp,
    expectedFirstReceive: String(clock.now()),
  };
}

describe('SQS long poll whose client hangs up as a message arrives', () => {
  it(`loses no message in ${ITERATIONS} races (standard with DLQ at maxReceiveCount 1, and FIFO)`, async () => {
    const sqs = e2e.clients.json;
    const dlq = await sqs.createQueue('hangup-dlq');
    const sender = new Connection(await open());
    const outcomes: Outcome[] = [];
    try {
      for (let i = 0; i < ITERATIONS; i++) outcomes.push(await race(i, sender, dlq.arn));
    } finally {
      sender.socket.destroy();
    }
    const lost = outcomes.filter((o) => o.lost);
    const inflated = outcomes.filter((o) => !o.lost && o.receiveCount !== '1');
    const staleFirst = outcomes.filter((o) => !o.lost && o.firstReceive !== o.expectedFirstReceive);
    const byOrder = (os: Outcome[]) => ORDERS.map((ord) => `${ord}: ${os.filter((o) => o.order === ord).length}`).join('; ');
    assert.equal(lost.length, 0, `${lost.length}/${ITERATIONS} messages went to a poller that had hung up (${byOrder(lost)})`);
    assert.equal(inflated.length, 0, `receive count inflated: ${inflated.map((o) => o.receiveCount).join(',')}`);
    assert.equal(staleFirst.length, 0, `ApproximateFirstReceiveTimestamp kept from an undelivered receive (${staleFirst.length})`);
    assert.deepEqual(await sqs.receive(dlq.url), [], 'nothing was dead-lettered');
  });

  /** A raw long poll parked on a fresh queue, and a send that wakes it; resolves once both answered on the server side. */
  async function wokenPoll(): Promise<{ url: string; poller: Socket; messageId: string; answer: Promise<Buffer> }> {
    const sqs = e2e.clients.json;
    const q = await sqs.createQueue('hangup-after', { VisibilityTimeout: '43200' });
    const queue = e2e.sb.engines.queues.getQueue({ account: ACCOUNT, region: REGION }, q.name)!;
    const poller = await open();
    poller.on('error', () => undefined);
    let bytes = Buffer.alloc(0);
    const answer = new Promise<Buffer>((resolve) =>
      poller.on('data', (c: Buffer) => {
        bytes = Buffer.concat([bytes, c]);
        if (bytes.includes('"Messages"')) resolve(bytes);
      }),
    );
    poller.write(request('ReceiveMessage', { QueueUrl: q.url, WaitTimeSeconds: 20 }));
    while (queue.waitingReceivers === 0) await sleep(1);
    const sender = new Connection(await open());
    // The woken poll is answered before the send that woke it.
    const sent = await sender.send('SendMessage', { QueueUrl: q.url, MessageBody: 'woke it' });
    sender.socket.destroy();
    return { url: q.url, poller, messageId: String(sent.body.MessageId), answer };
  }

  it('returns the message when the client resets the connection right after the answer, leaving it unread', async () => {
    const { url, poller, messageId } = await wokenPoll();
    poller.pause();
    poller.resetAndDestroy();
    clock.set(clock.now() + 1000);
    const m = await eventually(async () => (await e2e.clients.json.receive(url, { AttributeNames: ['ApproximateReceiveCount'] }))[0]);
    assert.equal(m.MessageId, messageId);
    assert.equal(m.Attributes?.ApproximateReceiveCount, '1');
  });

  it('keeps the message in flight when the client read the answer and then closed the connection', async () => {
    const { url, poller, messageId, answer } = await wokenPoll();
    assert.match((await answer).toString(), new RegExp(messageId));
    poller.destroy();
    await sleep(50); // the server sees the close
    clock.set(clock.now() + 1000);
    assert.deepEqual(await e2e.clients.json.receive(url), [], 'delivered: invisible for its visibility timeout');
  });
});
