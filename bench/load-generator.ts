/**
 * A child-process load generator for the HTTP benchmarks, so the server under test keeps its
 * own core: `node --import tsx bench/load-generator.ts <port> <queueUrl> <ms> <connections>`
 * prints completed requests/s. Plain node:http keep-alive loops, bounded in time.
 */
import { Agent, request } from 'node:http';

const [portArg, queueUrl, msArg, connArg] = process.argv.slice(2);
const port = Number(portArg);
const ms = Number(msArg);
const connections = Number(connArg ?? 32);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const payload = JSON.stringify({ QueueUrl: queueUrl, MessageBody: 'x'.repeat(100) });
const headers = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.SendMessage',
  authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x',
  'content-length': Buffer.byteLength(payload),
};

function one(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

let done = 0;
const end = performance.now() + ms;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      await one();
      done++;
    }
  }),
);
process.stdout.write(String((done * 1000) / (performance.now() - t0)));
agent.destroy();
