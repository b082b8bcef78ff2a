/**
 * A child-process load generator for the HTTP benchmarks, so the server under test keeps its
 * own core: `node --import tsx bench/load-generator.ts <port> <target> <ms> <connections> [mode]`
 * prints `<completed requests/s> <completed requests>`. Plain node:http keep-alive loops,
 * bounded in time. Modes:
 * - `send` (default): SQS SendMessage (JSON 1.0) of a 100-byte body; <target> is the QueueUrl.
 * - `recvdel`: SQS ReceiveMessage (1 message) then DeleteMessage of its receipt handle, two
 *   requests per loop; <target> is the QueueUrl of a pre-filled queue. An empty receive is an
 *   error (exit 3): the figure would otherwise be counting no-op receives.
 * - `sfn`: Step Functions StartSyncExecution (JSON 1.0); <target> is the state machine ARN.
 */
import { Agent, request } from 'node:http';

const [portArg, target, msArg, connArg, modeArg] = process.argv.slice(2);
const port = Number(portArg);
const ms = Number(msArg);
const connections = Number(connArg ?? 32);
const mode = modeArg ?? 'send';
if (!['send', 'recvdel', 'sfn'].includes(mode)) throw new Error(`unknown mode ${mode}`);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const authorization = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x';

function post(amzTarget: string, payload: string, wantBody: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': amzTarget, authorization, 'content-length': Buffer.byteLength(payload) };
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'POST', headers, agent }, (res) => {
      let text = '';
      if (wantBody) {
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
      } else res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${amzTarget}: status ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const sendPayload = JSON.stringify({ QueueUrl: target, MessageBody: 'x'.repeat(100) });
const receivePayload = JSON.stringify({ QueueUrl: target, MaxNumberOfMessages: 1 });
const sfnPayload = JSON.stringify({ stateMachineArn: target, input: JSON.stringify({ order: { id: 'o-1', items: [1, 2, 3] } }) });

let done = 0;
/** One loop iteration; returns the number of requests it made. */
async function iteration(): Promise<void> {
  if (mode === 'send') {
    await post('AmazonSQS.SendMessage', sendPayload, false);
    done++;
  } else if (mode === 'sfn') {
    const out = JSON.parse(await post('AWSStepFunctions.StartSyncExecution', sfnPayload, true)) as { status?: string };
    if (out.status !== 'SUCCEEDED') throw new Error(`StartSyncExecution status ${out.status}`);
    done++;
  } else {
    const out = JSON.parse(await post('AmazonSQS.ReceiveMessage', receivePayload, true)) as { Messages?: Array<{ ReceiptHandle: string }> };
    done++;
    const m = out.Messages?.[0];
    if (!m) {
      process.stderr.write('load-generator: ReceiveMessage returned no message (queue drained; pre-fill more)\n');
      process.exit(3);
    }
    await post('AmazonSQS.DeleteMessage', JSON.stringify({ QueueUrl: target, ReceiptHandle: m.ReceiptHandle }), false);
    done++;
  }
}

const end = performance.now() + ms;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < end) await iteration();
  }),
);
process.stdout.write(`${(done * 1000) / (performance.now() - t0)} ${done}`);
agent.destroy();
