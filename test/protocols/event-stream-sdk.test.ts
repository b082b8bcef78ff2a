/**
 * Our event-stream bytes, read by the SDKs themselves: `@aws-sdk/client-kinesis`
 * SubscribeToShard (AWS JSON 1.1, `initial-response` first) and `@aws-sdk/client-lambda`
 * InvokeWithResponseStream (restJson1) against a node:http server on 127.0.0.1 that answers
 * with `writeEventStream`'s chunks. HTTP/1.1 through `NodeHttpHandler` (the Kinesis client's
 * default is h2c).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import * as kinesisSdk from '@aws-sdk/client-kinesis';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import { AwsError, EVENT_STREAM_CONTENT_TYPE, modeledError, writeEventStream, type StreamEvent } from '../../protocols/index.js';
import { kinesisModel } from '../../protocols/models/kinesis.js';
import { lambdaModel } from './lambda-model.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the server streams for the next request: its chunks, and how to write them. */
let answer: { headers: Record<string, string>; chunks: AsyncIterable<Buffer>; byteByByte?: boolean } | undefined;
let seen: Seen | undefined;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString('utf8') };
  const a = answer;
  if (!a) {
    res.writeHead(500).end();
    return;
  }
  res.writeHead(200, { 'content-type': EVENT_STREAM_CONTENT_TYPE, 'x-amzn-requestid': 'req-1', ...a.headers });
  if (!a.byteByByte) {
    await pipeline(Readable.from(a.chunks), res).catch(() => undefined); // a client that left: not an error here
    return;
  }
  for await (const chunk of a.chunks) for (const b of chunk) res.write(Buffer.from([b]));
  res.end();
}

let server: Server;
let endpoint = '';
before(async () => {
  server = createServer((req, res) => void handle(req, res).catch((e: unknown) => res.destroy(e as Error)));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((ok) => server.close(() => ok())));

const config = () => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
  maxAttempts: 1,
  requestHandler: new NodeHttpHandler(),
});

async function* events(list: StreamEvent[], end?: AwsError | Error): AsyncGenerator<StreamEvent> {
  for (const e of list) yield e;
  if (end) throw end;
}

const t1 = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
const record = (n: number) => ({
  SequenceNumber: `4959033827149025660855969253836157109592157598913658889${n}`,
  ApproximateArrivalTimestamp: t1,
  Data: Buffer.from([0xfb, 0xff, n]),
  PartitionKey: `pk-${n}`,
  EncryptionType: 'NONE',
});
const consumerArn = 'arn:aws:kinesis:us-east-1:000000000000:stream/s1/consumer/c1:1700000000';

async function subscribe(eventsToSend: StreamEvent[], end?: AwsError | Error, byteByByte = false) {
  answer = {
    headers: {},
    byteByByte,
    chunks: writeEventStream({ model: kinesisModel, operation: 'SubscribeToShard', codec: 'json', initialResponse: {} }, events(eventsToSend, end)),
  };
  const client = new kinesisSdk.KinesisClient(config());
  const out = await client.send(
    new kinesisSdk.SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }),
  );
  const got: unknown[] = [];
  let error: unknown;
  try {
    for await (const e of out.EventStream!) got.push(e);
  } catch (e) {
    error = e;
  }
  client.destroy();
  return { got, error, out };
}

describe('Kinesis SubscribeToShard: the JS SDK reads our stream', () => {
  it('records, continuation sequence number, child shards; then a modeled exception as the SDK class', async () => {
    const batch1 = { Records: [record(1), record(2)], ContinuationSequenceNumber: '49590338271490256608559692538361571095921575989136588892', MillisBehindLatest: 0 };
    const batch2 = {
      Records: [],
      ContinuationSequenceNumber: '49590338271490256608559692538361571095921575989136588899',
      MillisBehindLatest: 1500,
      ChildShards: [{ ShardId: 'shardId-000000000001', ParentShards: ['shardId-000000000000'], HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' } }],
    };
    const { got, error } = await subscribe(
      [{ SubscribeToShardEvent: batch1 }, { SubscribeToShardEvent: batch2 }],
      modeledError(kinesisModel, 'ResourceInUseException', 'Another active subscription exists for this consumer: c1'),
    );
    assert.equal(seen?.headers['x-amz-target'], 'Kinesis_20131202.SubscribeToShard');
    assert.deepEqual(JSON.parse(seen!.body), { ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } });
    assert.equal(got.length, 2);
    const e1 = (got[0] as { SubscribeToShardEvent: typeof batch1 }).SubscribeToShardEvent;
    assert.equal(e1.ContinuationSequenceNumber, batch1.ContinuationSequenceNumber);
    assert.equal(e1.MillisBehindLatest, 0);
    assert.equal(e1.Records.length, 2);
    assert.deepEqual(Buffer.from(e1.Records[1]!.Data as Uint8Array), Buffer.from([0xfb, 0xff, 2]));
    assert.equal((e1.Records[0]!.ApproximateArrivalTimestamp as Date).toISOString(), t1.toISOString());
    assert.equal(e1.Records[0]!.PartitionKey, 'pk-1');
    assert.deepEqual((got[1] as { SubscribeToShardEvent: typeof batch2 }).SubscribeToShardEvent, batch2);
    assert.ok(error instanceof kinesisSdk.ResourceInUseException, `got ${String(error)}`);
    assert.equal((error as Error).message, 'Another active subscription exists for this consumer: c1');
  });

  it('the same, delivered one byte per write', async () => {
    const { got, error } = await subscribe([{ SubscribeToShardEvent: { Records: [record(3)], ContinuationSequenceNumber: '1', MillisBehindLatest: 7 } }], undefined, true);
    assert.equal(error, undefined);
    assert.equal(got.length, 1);
    assert.equal((got[0] as { SubscribeToShardEvent: { MillisBehindLatest: number } }).SubscribeToShardEvent.MillisBehindLatest, 7);
  });

  it('an unmodeled AwsError ends the stream as an error message, named by its code', async () => {
    const { got, error } = await subscribe([], new AwsError({ name: 'ThrottlingException', status: 400, message: 'Rate exceeded' }));
    assert.deepEqual(got, []);
    assert.equal((error as Error).name, 'ThrottlingException');
    assert.equal((error as Error).message, 'Rate exceeded');
  });

  it('any other failure ends it as InternalFailure', async () => {
    const { error } = await subscribe([], new Error('boom'));
    assert.equal((error as Error).name, 'InternalFailure');
  });

  it('a server-fault exception event (InternalFailureException) is its SDK class', async () => {
    const { error } = await subscribe([], modeledError(kinesisModel, 'InternalFailureException', 'oops'));
    assert.ok(error instanceof kinesisSdk.InternalFailureException);
  });
});

describe('Kinesis SubscribeToShard: a client that goes away', () => {
  it('ends the event source (its finally runs) when the client aborts mid-stream', async () => {
    let finished = false;
    let sent = 0;
    async function* endless(): AsyncGenerator<StreamEvent> {
      try {
        for (;;) {
          sent++;
          yield { SubscribeToShardEvent: { Records: [record(sent % 10)], ContinuationSequenceNumber: String(sent), MillisBehindLatest: 0 } };
          await sleep(10);
        }
      } finally {
        finished = true;
      }
    }
    answer = { headers: {}, chunks: writeEventStream({ model: kinesisModel, operation: 'SubscribeToShard', codec: 'json', initialResponse: {} }, endless()) };
    const client = new kinesisSdk.KinesisClient(config());
    const abort = new AbortController();
    const out = await client.send(
      new kinesisSdk.SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
      { abortSignal: abort.signal },
    );
    let got = 0;
    try {
      for await (const e of out.EventStream!) {
        if (e.SubscribeToShardEvent && ++got === 3) abort.abort();
      }
    } catch {
      // the abort surfaces as an error from the stream
    }
    client.destroy();
    for (let i = 0; i < 100 && !finished; i++) await sleep(10);
    assert.ok(got >= 3);
    assert.ok(finished, 'the source was ended');
    const at = sent;
    await sleep(50);
    assert.equal(sent, at, 'nothing more is produced');
  });
});

describe('Lambda InvokeWithResponseStream: the JS SDK reads our stream', () => {
  it('payload chunks (raw bytes), then InvokeComplete', async () => {
    answer = {
      headers: { 'x-amz-executed-version': '$LATEST' },
      chunks: writeEventStream(
        { model: lambdaModel, operation: 'InvokeWithResponseStream', codec: 'json', initialResponse: false },
        events([
          { PayloadChunk: { Payload: Buffer.from('{"hello":') } },
          { PayloadChunk: { Payload: Buffer.from([0x22, 0xe2, 0x82, 0xac, 0x22, 0x7d]) } },
          { InvokeComplete: { LogResult: Buffer.from('START\nEND\n').toString('base64') } },
        ]),
      ),
    };
    const client = new lambdaSdk.LambdaClient(config());
    const out = await client.send(new lambdaSdk.InvokeWithResponseStreamCommand({ FunctionName: 'f1', Payload: Buffer.from('{"a":1}') }));
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.url, '/2021-11-15/functions/f1/response-streaming-invocations');
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.ResponseStreamContentType, EVENT_STREAM_CONTENT_TYPE);
    const chunks: Buffer[] = [];
    const completes: unknown[] = [];
    for await (const e of out.EventStream!) {
      if (e.PayloadChunk) chunks.push(Buffer.from(e.PayloadChunk.Payload!));
      if (e.InvokeComplete) completes.push(e.InvokeComplete);
    }
    client.destroy();
    assert.equal(Buffer.concat(chunks).toString('utf8'), '{"hello":"€"}');
    assert.deepEqual(completes, [{ LogResult: Buffer.from('START\nEND\n').toString('base64') }]);
  });

  it('InvokeComplete with an error code and details', async () => {
    answer = {
      headers: {},
      chunks: writeEventStream(
        { model: lambdaModel, operation: 'InvokeWithResponseStream', codec: 'json', initialResponse: false },
        events([{ InvokeComplete: { ErrorCode: 'Unhandled', ErrorDetails: 'Error: boom' } }]),
      ),
    };
    const client = new lambdaSdk.LambdaClient(config());
    const out = await client.send(new lambdaSdk.InvokeWithResponseStreamCommand({ FunctionName: 'f1' }));
    const got: unknown[] = [];
    for await (const e of out.EventStream!) got.push(e);
    client.destroy();
    assert.deepEqual(got, [{ InvokeComplete: { ErrorCode: 'Unhandled', ErrorDetails: 'Error: boom' } }]);
  });
});
