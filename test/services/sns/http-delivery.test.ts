import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/clock.js';
import { FakeTime } from '../../../src/core/fake-time.js';
import { nodeTimers, Scheduler } from '../../../src/core/scheduler.js';
import {
  createHttpDelivery,
  DEFAULT_HTTP_RETRY_POLICY,
  type HttpDelivery,
  type HttpGiveUp,
  type HttpRetryPolicy,
} from '../../../src/services/sns/delivery/index.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real server on 127.0.0.1:0 answering each request with the next scripted status. */
class Endpoint {
  readonly received: Received[] = [];
  /** Statuses to answer, in order; the last one repeats. 0 = never answer. */
  script: number[] = [200];
  /** Called when the connection of a request left hanging closes. */
  onClose?: () => void;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = this.script[Math.min(this.received.length - 1, this.script.length - 1)] ?? 200;
      if (status === 0) {
        req.socket.once('close', () => this.onClose?.());
        return; // hang
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sns-endpoint`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits (in real time, for real I/O) until `cond` holds. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function recorder() {
  const delivered: number[] = [];
  const gaveUp: HttpGiveUp[] = [];
  return {
    delivered,
    gaveUp,
    done: () => delivered.length + gaveUp.length > 0,
    callbacks: { onDelivered: (s: number) => delivered.push(s), onGiveUp: (r: HttpGiveUp) => gaveUp.push(r) },
  };
}

const policy = (over: Partial<HttpRetryPolicy>): HttpRetryPolicy => ({ ...DEFAULT_HTTP_RETRY_POLICY, ...over });

const HEADERS = {
  'x-amz-sns-message-type': 'Notification',
  'x-amz-sns-message-id': 'm-1',
  'content-type': 'text/plain; charset=UTF-8',
  'user-agent': 'Amazon Simple Notification Service Agent',
};

describe('HTTP delivery against a real server (FakeTime drives the retries)', () => {
  const endpoint = new Endpoint();
  let time: FakeTime;
  let delivery: HttpDelivery;
  before(() => endpoint.start());
  after(() => endpoint.stop());

  const setup = (script: number[], timeoutMs?: number) => {
    endpoint.received.length = 0;
    endpoint.script = script;
    time = new FakeTime();
    delivery = createHttpDelivery({ scheduler: time.scheduler, ...(timeoutMs ? { timeoutMs } : {}) });
    return recorder();
  };

  it('200: delivered once, a POST with the given headers, Content-Length and no keep-alive', async () => {
    const r = setup([200]);
    const body = JSON.stringify({ Type: 'Notification', Message: 'héllo' });
    delivery.deliver({ url: endpoint.url, headers: { ...HEADERS, 'content-length': '1' }, body, retry: DEFAULT_HTTP_RETRY_POLICY, ...r.callbacks });
    await delivery.idle();
    assert.deepEqual(r.delivered, [200]);
    assert.deepEqual(r.gaveUp, []);
    assert.equal(endpoint.received.length, 1);
    const got = endpoint.received[0]!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/sns-endpoint');
    assert.equal(got.body, body);
    assert.equal(got.headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(got.headers['content-type'], 'text/plain; charset=UTF-8');
    assert.equal(got.headers['x-amz-sns-message-type'], 'Notification');
    assert.equal(got.headers['user-agent'], 'Amazon Simple Notification Service Agent');
    assert.equal(got.headers['connection'], 'close');
    assert.equal(time.scheduler.size, 0);
  });

  it('500 then 200: retried after minDelayTarget on the scheduler, then delivered', async () => {
    const r = setup([500, 200]);
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry: DEFAULT_HTTP_RETRY_POLICY, ...r.callbacks });
    await until(() => time.scheduler.size === 1, 'the retry to be scheduled');
    assert.equal(time.scheduler.nextDue(), time.now() + 20_000);
    time.advance(19_999);
    assert.equal(endpoint.received.length, 1);
    assert.equal(time.scheduler.size, 1);
    time.advance(1);
    await delivery.idle();
    assert.equal(endpoint.received.length, 2);
    assert.deepEqual(r.delivered, [200]);
    assert.deepEqual(r.gaveUp, []);
  });

  it('always 500: onGiveUp after 1 + numRetries attempts', async () => {
    const r = setup([500]);
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry: DEFAULT_HTTP_RETRY_POLICY, ...r.callbacks });
    for (let retry = 1; retry <= 3; retry++) {
      await until(() => time.scheduler.size === 1, `retry ${retry} to be scheduled`);
      time.advance(20_000);
    }
    await delivery.idle();
    assert.equal(endpoint.received.length, 4);
    assert.deepEqual(r.delivered, []);
    assert.deepEqual(r.gaveUp, [{ status: 500, attempts: 4 }]);
  });

  it('4xx is a permanent failure: no retry, onGiveUp at once (429 included)', async () => {
    for (const status of [400, 404, 429]) {
      const r = setup([status]);
      delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry: DEFAULT_HTTP_RETRY_POLICY, ...r.callbacks });
      await delivery.idle();
      assert.equal(time.scheduler.size, 0);
      assert.equal(endpoint.received.length, 1);
      assert.deepEqual(r.gaveUp, [{ status, attempts: 1, permanent: true }]);
    }
  });

  it('3xx counts as delivered (AWS: failures are outside 200–4xx; redirects are not followed)', async () => {
    const r = setup([302]);
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry: DEFAULT_HTTP_RETRY_POLICY, ...r.callbacks });
    await delivery.idle();
    assert.deepEqual(r.delivered, [302]);
  });

  it('connection refused counts as a failed attempt', async () => {
    const r = setup([200]);
    const url = `http://127.0.0.1:${await closedPort()}/`;
    delivery.deliver({ url, headers: HEADERS, body: 'x', retry: policy({ minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 }), ...r.callbacks });
    await until(() => time.scheduler.size === 1, 'the retry to be scheduled');
    time.advance(1_000);
    await delivery.idle();
    assert.equal(r.gaveUp.length, 1);
    assert.equal(r.gaveUp[0]!.attempts, 2);
    assert.equal(r.gaveUp[0]!.status, undefined);
    assert.match(r.gaveUp[0]!.error ?? '', /ECONNREFUSED/);
  });

  it('a request that times out is a failed attempt', async () => {
    const r = setup([0], 100);
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry: policy({ numRetries: 0 }), ...r.callbacks });
    await delivery.idle();
    assert.equal(endpoint.received.length, 1);
    assert.deepEqual(r.gaveUp, [{ error: 'timeout after 100 ms', attempts: 1 }]);
  });

  it('an unusable URL is a failed attempt, not an exception', async () => {
    const r = setup([200]);
    delivery.deliver({ url: 'not a url', headers: HEADERS, body: 'x', retry: policy({ numRetries: 0 }), ...r.callbacks });
    delivery.deliver({ url: 'ftp://127.0.0.1/', headers: HEADERS, body: 'x', retry: policy({ numRetries: 0 }), ...r.callbacks });
    await delivery.idle();
    assert.deepEqual(r.gaveUp.map((g) => g.error), ['Invalid URL: not a url', 'Unsupported protocol: ftp:']);
  });

  it('close() cancels pending retries and destroys in-flight requests', async () => {
    const r = setup([500]);
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry: DEFAULT_HTTP_RETRY_POLICY, ...r.callbacks });
    await until(() => time.scheduler.size === 1, 'the retry to be scheduled');
    endpoint.script = [500, 0]; // the next request hangs
    const hanging = recorder();
    let socketClosed = false;
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'y', retry: DEFAULT_HTTP_RETRY_POLICY, ...hanging.callbacks });
    await until(() => endpoint.received.length === 2, 'the hanging request to arrive');
    endpoint.onClose = () => (socketClosed = true);
    delivery.close();
    await delivery.idle();
    assert.equal(time.scheduler.size, 0, 'the pending retry is cancelled');
    await until(() => socketClosed, 'the in-flight connection to be destroyed');
    time.advance(60_000);
    await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual([...r.delivered, ...hanging.delivered], []);
    assert.deepEqual([...r.gaveUp, ...hanging.gaveUp], []);
    delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'z', retry: DEFAULT_HTTP_RETRY_POLICY, ...hanging.callbacks });
    await delivery.idle();
    assert.equal(endpoint.received.length, 2, 'nothing is sent after close()');
  });
});

describe('HTTP delivery rules (injected POST)', () => {
  it('immediate retries go through the scheduler with no delay', async () => {
    const time = new FakeTime();
    const statuses = [500, 503, 200];
    let calls = 0;
    const delivery = createHttpDelivery({ scheduler: time.scheduler, post: async () => statuses[calls++] ?? 200 });
    const r = recorder();
    delivery.deliver({ url: 'http://x/', headers: {}, body: '', retry: policy({ numRetries: 2, numNoDelayRetries: 2 }), ...r.callbacks });
    for (let i = 0; i < 2; i++) {
      await until(() => time.scheduler.size === 1, 'an immediate retry');
      assert.equal(time.scheduler.nextDue(), time.now());
      time.advance(0);
    }
    await delivery.idle();
    assert.equal(calls, 3);
    assert.deepEqual(r.delivered, [200]);
  });

  it('retries follow the policy phases', async () => {
    const time = new FakeTime();
    const start = time.now();
    const at: number[] = [];
    const delivery = createHttpDelivery({
      scheduler: time.scheduler,
      post: async () => {
        at.push(time.now() - start);
        return 500;
      },
    });
    const r = recorder();
    const retry = policy({ minDelayTarget: 1, maxDelayTarget: 4, numRetries: 5, numNoDelayRetries: 1, numMinDelayRetries: 1, numMaxDelayRetries: 1, backoffFunction: 'linear' });
    delivery.deliver({ url: 'http://x/', headers: {}, body: '', retry, ...r.callbacks });
    while (r.gaveUp.length === 0) {
      await until(() => time.scheduler.size === 1 || r.done(), 'the next retry');
      const next = time.scheduler.nextDue();
      if (next !== undefined) time.advance(next - time.now());
    }
    // attempts at 0; +0 (no delay); +1 s (min); backoff 1 s then 4 s; +4 s (max)
    assert.deepEqual(at, [0, 0, 1_000, 2_000, 6_000, 10_000]);
    assert.deepEqual(r.gaveUp, [{ status: 500, attempts: 6 }]);
  });

  it('gives up rather than retry past one hour after the first attempt', async () => {
    const time = new FakeTime();
    let calls = 0;
    const delivery = createHttpDelivery({
      scheduler: time.scheduler,
      post: async () => {
        calls++;
        return 500;
      },
    });
    const r = recorder();
    delivery.deliver({ url: 'http://x/', headers: {}, body: '', retry: policy({ minDelayTarget: 3600, maxDelayTarget: 3600, numRetries: 3 }), ...r.callbacks });
    await until(() => time.scheduler.size === 1, 'the first retry');
    time.advance(3_600_000); // exactly one hour after the first attempt: still allowed
    await delivery.idle();
    assert.equal(calls, 2);
    assert.deepEqual(r.gaveUp, [{ status: 500, attempts: 2 }]);
  });

  it('a POST that throws, and callbacks that throw, never escape', async () => {
    const time = new FakeTime();
    const errors: string[] = [];
    const logger = { error: (m: string) => errors.push(m) } as unknown as import('../../../src/core/logger.js').Logger;
    const delivery = createHttpDelivery({
      scheduler: time.scheduler,
      logger,
      post: () => {
        throw new Error('boom');
      },
    });
    delivery.deliver({
      url: 'http://x/',
      headers: {},
      body: '',
      retry: policy({ numRetries: 0 }),
      onGiveUp: (g) => {
        assert.deepEqual(g, { error: 'boom', attempts: 1 });
        throw new Error('callback bug');
      },
    });
    await delivery.idle();
    assert.deepEqual(errors, ['SNS HTTP delivery: onGiveUp callback threw']);
  });

  it('idle() resolves at once when nothing is under way', async () => {
    const delivery = createHttpDelivery({ scheduler: new FakeTime().scheduler, post: async () => 200 });
    await delivery.idle();
  });
});

describe('HTTP delivery in real time', () => {
  it('a tiny policy (no-delay retry, then 1 s) against a real server', async () => {
    const endpoint = new Endpoint();
    await endpoint.start();
    endpoint.script = [500, 502, 200];
    const scheduler = new Scheduler(systemClock, nodeTimers);
    const delivery = createHttpDelivery({ scheduler });
    const r = recorder();
    const t0 = Date.now();
    try {
      const retry = policy({ minDelayTarget: 1, maxDelayTarget: 1, numRetries: 2, numNoDelayRetries: 1 });
      delivery.deliver({ url: endpoint.url, headers: HEADERS, body: 'x', retry, ...r.callbacks });
      await delivery.idle();
      const elapsed = Date.now() - t0;
      assert.deepEqual(r.delivered, [200]);
      assert.equal(endpoint.received.length, 3);
      assert.ok(elapsed >= 990 && elapsed < 4_000, `took ${elapsed} ms`);
    } finally {
      delivery.close();
      scheduler.close();
      await endpoint.stop();
    }
  });
});
