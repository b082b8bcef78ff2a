/**
 * End to end through `@aws-sdk/client-sqs` (JSON 1.0, MD5 checks on): SendMessageBatch of 20,000
 * 100-byte messages, then ReceiveMessage (10) + DeleteMessageBatch until all are back, both phases
 * with 16 concurrent workers; every message must arrive exactly once and the queue must be empty
 * after. The same loop runs against the minimal in-memory baseline server (bench/baseline-sqs.ts).
 * Each server runs in its own child process (bench/server-child.ts) so its CPU time, read with
 * process.cpuUsage over the loop, excludes the SDK's. Rounds alternate A B A B.
 */
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startServerChild, type ServerChild, type ServerKind } from './server-child.js';

const CONCURRENCY = 16;
// The SDK's "node >= 22 from 2027" notice would print in the middle of the table's run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function bodyOf(i: number): string {
  const head = `msg-${i}-`;
  return head + 'x'.repeat(100 - head.length);
}

async function loop(server: ServerChild, n: number, queueName: string): Promise<{ ms: number; cpuMs: number }> {
  const client = new SQSClient({
    endpoint: `http://127.0.0.1:${server.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: queueName }));
    const seen = new Uint8Array(n);
    let received = 0;
    await server.cpuStart();
    const t0 = performance.now();
    let nextBatch = 0;
    const batches = Math.ceil(n / 10);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let b = nextBatch++; b < batches; b = nextBatch++) {
          const Entries = [];
          for (let i = b * 10; i < Math.min(n, b * 10 + 10); i++) Entries.push({ Id: String(i), MessageBody: bodyOf(i) });
          const out = await client.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
          if ((out.Failed?.length ?? 0) > 0 || out.Successful?.length !== Entries.length) throw new Error(`SendMessageBatch failed entries: ${JSON.stringify(out.Failed)}`);
        }
      }),
    );
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (received < n) {
          const out = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
          const messages = out.Messages ?? [];
          if (messages.length === 0) continue;
          for (const m of messages) {
            const i = Number(/^msg-(\d+)-/.exec(m.Body ?? '')?.[1]);
            if (!(i >= 0 && i < n)) throw new Error(`unexpected body ${m.Body}`);
            if (seen[i] !== 0) throw new Error(`message ${i} delivered twice`);
            seen[i] = 1;
            received++;
          }
          const del = await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: messages.map((m, k) => ({ Id: String(k), ReceiptHandle: m.ReceiptHandle })) }));
          if ((del.Failed?.length ?? 0) > 0) throw new Error(`DeleteMessageBatch failed entries: ${JSON.stringify(del.Failed)}`);
        }
      }),
    );
    const ms = performance.now() - t0;
    const cpuMs = await server.cpuStop();
    if (seen.some((c) => c !== 1)) throw new Error('some message never arrived');
    const left = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if ((left.Messages?.length ?? 0) > 0) throw new Error('queue not empty after the loop');
    return { ms, cpuMs };
  } finally {
    client.destroy();
  }
}

export interface SdkLoopResult {
  signalbox: { msgPerSecond: number; cpuMsPerMessage: number };
  baseline: { msgPerSecond: number; cpuMsPerMessage: number };
}

export async function benchSdkLoop(n = 20_000, rounds = 3): Promise<SdkLoopResult> {
  const servers: Record<ServerKind, ServerChild> = { signalbox: await startServerChild('signalbox'), baseline: await startServerChild('baseline') };
  try {
    const totals: Record<ServerKind, { ms: number; cpuMs: number; n: number }> = { signalbox: { ms: 0, cpuMs: 0, n: 0 }, baseline: { ms: 0, cpuMs: 0, n: 0 } };
    let run = 0;
    for (const kind of ['signalbox', 'baseline'] as const) await loop(servers[kind], 2_000, `warm-${run++}`);
    for (let r = 0; r < rounds; r++) {
      for (const kind of ['signalbox', 'baseline'] as const) {
        const x = await loop(servers[kind], n, `sdk-${run++}`);
        totals[kind].ms += x.ms;
        totals[kind].cpuMs += x.cpuMs;
        totals[kind].n += n;
      }
    }
    const fig = (t: { ms: number; cpuMs: number; n: number }) => ({ msgPerSecond: (t.n * 1000) / t.ms, cpuMsPerMessage: t.cpuMs / t.n });
    return { signalbox: fig(totals.signalbox), baseline: fig(totals.baseline) };
  } finally {
    await Promise.all([servers.signalbox.stop(), servers.baseline.stop()]);
  }
}
