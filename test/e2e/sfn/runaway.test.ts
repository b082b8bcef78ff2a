/**
 * A runaway state machine (Pass ↔ Pass, legal ASL) on a real server: SQS requests sent over
 * HTTP meanwhile stay fast, the execution fails as AWS fails it at 25,000 history events, and
 * the server (in process and as the CLI under SIGTERM) shuts down promptly while one runs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ROLE, REGION, startSfn, uniqueName, type SfnE2e } from './harness.js';

const LOOP = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } });
const CAUSE = 'The execution reached the maximum number of history events (25000).';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function sendLatencies(sqs: SQSClient, queueUrl: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `m${i}` }));
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function allEvents(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

let e: SfnE2e;
let sqs: SQSClient;
before(async () => {
  e = await startSfn();
  sqs = new SQSClient({ endpoint: e.url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
});
after(async () => {
  sqs.destroy();
  await e.close();
});

describe('a runaway Pass ↔ Pass execution', () => {
  it('does not slow SendMessage and fails at 25,000 history events with AWS error', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('latency') }));
    const baseline = await sendLatencies(sqs, QueueUrl!, 100);
    const { stateMachineArn } = await e.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Loop'), definition: LOOP, roleArn: ROLE }));
    const rss0 = process.memoryUsage().rss;
    const { executionArn } = await e.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    // Send while the runaway runs (its status read in process, so no extra request is timed).
    const during: number[] = [];
    const running = () => e.sb.engines.executions.get(executionArn!)?.status === 'RUNNING';
    while (running()) {
      const t0 = performance.now();
      await sqs.send(new SendMessageCommand({ QueueUrl: QueueUrl!, MessageBody: 'during' }));
      if (running()) during.push(performance.now() - t0);
    }
    during.sort((a, b) => a - b);
    assert.ok(during.length >= 20, `only ${during.length} sends overlapped the runaway`);
    const d = await e.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const p99 = percentile(during, 99);
    const p50 = percentile(during, 50);
    const rss1 = process.memoryUsage().rss;
    process.stdout.write(
      `# SendMessage ms: baseline p50 ${percentile(baseline, 50).toFixed(2)} p99 ${percentile(baseline, 99).toFixed(2)}; ` +
        `with a runaway (${during.length} sends) p50 ${p50.toFixed(2)} p99 ${p99.toFixed(2)} max ${during.at(-1)!.toFixed(2)}; ` +
        `runaway ran ${d.stopDate!.getTime() - d.startDate!.getTime()} ms; RSS ${(rss0 / 2 ** 20).toFixed(0)} → ${(rss1 / 2 ** 20).toFixed(0)} MiB\n`,
    );
    // Relative to the same run's baseline: the median send pays at most a few milliseconds more
    // (the budget yields every 32 transitions); the tail is bounded loosely, since CI machines
    // are shared. Without yielding, no send completes while the loop runs.
    const base50 = percentile(baseline, 50);
    assert.ok(p50 < base50 + 10, `p50 ${p50.toFixed(2)} ms vs baseline ${base50.toFixed(2)} ms`);
    assert.ok(p99 < Math.max(50, 3 * percentile(baseline, 99)) + 100, `p99 ${p99.toFixed(2)} ms`);
    assert.equal(d.status, 'FAILED');
    assert.equal(d.error, 'States.Runtime');
    assert.equal(d.cause, CAUSE);
    const events = await allEvents(e.sfn, executionArn!);
    assert.equal(events.length, 25_000);
    const last = events.at(-1)!;
    assert.equal(last.id, 25_000);
    assert.equal(last.type, 'ExecutionFailed');
    assert.deepEqual(last.executionFailedEventDetails, { error: 'States.Runtime', cause: CAUSE });
  });

  it('close() ends promptly while a runaway runs', async () => {
    const other = await startSfn();
    const { stateMachineArn } = await other.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Loop'), definition: LOOP, roleArn: ROLE }));
    // Ten runaways: each would run until its quota; close must not wait for them.
    for (let i = 0; i < 10; i++) await other.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await other.close();
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `close took ${ms} ms`);
  });

  it('the CLI exits on SIGTERM while a runaway runs, with bounded memory', async () => {
    const bin = fileURLToPath(new URL('../../../bin/signalbox.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', bin, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const m = /ready on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`signalbox exited early (${code}): ${out}`)));
    });
    const sfn = new SFNClient({ endpoint: url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('Loop'), definition: LOOP, roleArn: ROLE }));
      const arns: string[] = [];
      for (let i = 0; i < 3; i++) arns.push((await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }))).executionArn!);
      // The server keeps answering while they run, and they all end at the quota.
      for (const executionArn of arns) {
        let d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        while (d.status === 'RUNNING') {
          await new Promise((r) => setTimeout(r, 20));
          d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        }
        assert.equal(d.status, 'FAILED');
      }
      assert.equal(await fetch(`${url}/_signalbox/health`).then((r) => r.status), 200);
      // Three capped histories: the server's memory stays in the tens of MiB, not gigabytes.
      const status = await import('node:fs/promises').then((fs) => fs.readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => ''));
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (kib > 0) {
        process.stdout.write(`# CLI RSS after three runaways hit the quota: ${(kib / 1024).toFixed(0)} MiB\n`);
        assert.ok(kib < 600 * 1024, `RSS ${kib} KiB`);
      }
      await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      const t0 = performance.now();
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      const ms = performance.now() - t0;
      assert.equal(code, 0);
      assert.ok(ms < 2000, `exit took ${ms} ms`);
    } finally {
      sfn.destroy();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
