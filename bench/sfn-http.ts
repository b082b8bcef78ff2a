/**
 * Step Functions executions/s over HTTP: StartSyncExecution (AWS JSON 1.0, plain node:http, 32
 * keep-alive connections from a child process) of an EXPRESS machine with one Pass state,
 * Signalbox against a bare node:http JSON responder that does what such an execution must at
 * least do: parse the request and the input, and answer a complete StartSyncExecution response
 * (execution ARN with a UUID, dates, status, input, output, details). Rounds alternate A B A B.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignalbox } from '../src/index.js';
import { loadWith } from './http-sendmessage.js';

const ACCOUNT = '000000000000';

function bareServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const start = Date.now() / 1000;
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { stateMachineArn: string; input?: string };
      const data: unknown = JSON.parse(input.input ?? '{}'); // the Pass state: output = input
      const name = randomUUID();
      const machine = input.stateMachineArn.slice(input.stateMachineArn.lastIndexOf(':') + 1);
      const body = JSON.stringify({
        executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:express:${machine}:${name}:${randomUUID()}`,
        startDate: start,
        stopDate: Date.now() / 1000,
        status: 'SUCCEEDED',
        stateMachineArn: input.stateMachineArn,
        name,
        input: input.input ?? '{}',
        inputDetails: { included: true },
        output: JSON.stringify(data),
        outputDetails: { included: true },
        billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

export async function benchSfnHttp(rounds = 4, ms = 1500): Promise<{ signalbox: number; bare: number; ratio: number }> {
  const sb = await createSignalbox({ logLevel: 'silent' });
  const url = await sb.listen(0, '127.0.0.1');
  const sbPort = Number(new URL(url).port);
  const created = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.CreateStateMachine' },
    body: JSON.stringify({
      name: 'bench-express',
      type: 'EXPRESS',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/bench`,
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    }),
  });
  if (!created.ok) throw new Error(`CreateStateMachine: ${created.status} ${await created.text()}`);
  const arn = String(((await created.json()) as { stateMachineArn: string }).stateMachineArn);
  const bare = await bareServer();
  await loadWith(sbPort, arn, 500, 'sfn');
  await loadWith(bare.port, arn, 500, 'sfn'); // warm-up
  let a = 0;
  let b = 0;
  for (let r = 0; r < rounds; r++) {
    a += (await loadWith(sbPort, arn, ms, 'sfn')).rps;
    b += (await loadWith(bare.port, arn, ms, 'sfn')).rps;
  }
  await sb.close();
  bare.server.closeAllConnections();
  await new Promise<void>((r) => bare.server.close(() => r()));
  return { signalbox: a / rounds, bare: b / rounds, ratio: a / b };
}
