/** The in-process bridge across services, and its lifecycle: restore, replace, no sockets. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as Sqs from '@aws-sdk/client-sqs';
import * as Sns from '@aws-sdk/client-sns';
import * as Eb from '@aws-sdk/client-eventbridge';
import { createSignalbox, type Signalbox } from '../../../src/index.js';
import { CREDENTIALS, REGION, eventually, unique } from '../harness.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  assert.ok(addr && typeof addr === 'object');
  await new Promise<void>((r) => srv.close(() => r()));
  return addr.port;
}

async function queueWithArn(sqs: Sqs.SQSClient, prefix: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new Sqs.CreateQueueCommand({ QueueName: unique(prefix) }));
  assert.ok(QueueUrl);
  const attrs = await sqs.send(new Sqs.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const arn = attrs.Attributes?.QueueArn;
  assert.ok(arn);
  return { url: QueueUrl, arn };
}

async function receiveOne(sqs: Sqs.SQSClient, url: string): Promise<Sqs.Message> {
  return eventually(async () => (await sqs.send(new Sqs.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }))).Messages?.[0]);
}

describe('in-process bridge: flows across services', () => {
  let sb: Signalbox;
  before(async () => {
    sb = await createSignalbox({ logLevel: 'silent' });
    sb.bridge(Sqs.SQSClient);
    sb.bridge(Sns.SNSClient);
    sb.bridge(Eb.EventBridgeClient);
  });
  after(async () => {
    await sb.close();
  });

  it('delivers an SNS publish to a subscribed queue', async () => {
    const sqs = new Sqs.SQSClient({ region: REGION });
    const sns = new Sns.SNSClient({ region: REGION });
    const q = await queueWithArn(sqs, 'sns-target');
    const { TopicArn } = await sns.send(new Sns.CreateTopicCommand({ Name: unique('topic') }));
    assert.match(TopicArn ?? '', /^arn:aws:sns:us-east-1:000000000000:topic-/);
    await sns.send(new Sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const published = await sns.send(new Sns.PublishCommand({ TopicArn, Message: 'hello from sns' }));
    assert.ok(published.MessageId);
    const m = await receiveOne(sqs, q.url);
    assert.equal(m.Body, 'hello from sns');
    assert.equal(sb.server.listening, false, 'no socket was opened');
  });

  it('throws SNS errors as the SNS SDK classes', async () => {
    const sns = new Sns.SNSClient({ region: REGION });
    await assert.rejects(sns.send(new Sns.PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' })), (e: unknown) => {
      assert.ok(e instanceof Sns.NotFoundException);
      assert.equal(e.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('routes an EventBridge event through a rule to a queue', async () => {
    const sqs = new Sqs.SQSClient({ region: REGION });
    const eb = new Eb.EventBridgeClient({ region: REGION });
    const q = await queueWithArn(sqs, 'eb-target');
    const rule = unique('rule');
    await eb.send(new Eb.PutRuleCommand({ Name: rule, EventPattern: JSON.stringify({ source: ['app.orders'] }) }));
    await eb.send(new Eb.PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'q', Arn: q.arn }] }));
    const out = await eb.send(new Eb.PutEventsCommand({ Entries: [{ Source: 'app.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 7 }) }] }));
    assert.equal(out.FailedEntryCount, 0);
    const m = await receiveOne(sqs, q.url);
    const event = JSON.parse(m.Body ?? '{}') as { source?: string; 'detail-type'?: string; detail?: { id?: number } };
    assert.equal(event.source, 'app.orders');
    assert.equal(event['detail-type'], 'OrderPlaced');
    assert.deepEqual(event.detail, { id: 7 });
    assert.equal(sb.server.listening, false, 'no socket was opened');
  });

  it('keeps the caller region in ARNs', async () => {
    const sns = new Sns.SNSClient({ region: 'eu-west-1' });
    const { TopicArn } = await sns.send(new Sns.CreateTopicCommand({ Name: unique('regional') }));
    assert.match(TopicArn ?? '', /^arn:aws:sns:eu-west-1:000000000000:regional-/);
  });

  it('supports callback-style send', async () => {
    const sqs = new Sqs.SQSClient({ region: REGION });
    const name = unique('cb');
    const url = await new Promise<string | undefined>((resolve, reject) =>
      sqs.send(new Sqs.CreateQueueCommand({ QueueName: name }), (err: unknown, out?: Sqs.CreateQueueCommandOutput) => (err ? reject(err) : resolve(out?.QueueUrl))),
    );
    assert.equal(url, `http://signalbox.internal/000000000000/${name}`);
  });
});

describe('in-process bridge: lifecycle', () => {
  it('restore() gives the real client back: calls go to the network again', async () => {
    const sb = await createSignalbox({ logLevel: 'silent' });
    const port = await closedPort();
    const client = new Sqs.SQSClient({ endpoint: `http://127.0.0.1:${port}`, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      const bridge = sb.bridge(Sqs.SQSClient);
      const out = await client.send(new Sqs.ListQueuesCommand({}));
      assert.equal(out.$metadata.httpStatusCode, 200, 'bridged despite the dead endpoint');
      bridge.restore();
      bridge.restore(); // idempotent
      await assert.rejects(client.send(new Sqs.ListQueuesCommand({})), (e: unknown) => {
        const err = e as { code?: string; message?: string; name?: string };
        assert.ok(err.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(err.message)), `a connection error, got ${err.name}: ${err.message}`);
        return true;
      });
    } finally {
      client.destroy();
      await sb.close();
    }
  });

  it('close() restores every bridge', async () => {
    const sb = await createSignalbox({ logLevel: 'silent' });
    const port = await closedPort();
    const client = new Sns.SNSClient({ endpoint: `http://127.0.0.1:${port}`, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      sb.bridge(Sns.SNSClient);
      await client.send(new Sns.ListTopicsCommand({}));
      await sb.close();
      await assert.rejects(client.send(new Sns.ListTopicsCommand({})), /ECONNREFUSED/);
    } finally {
      client.destroy();
    }
  });

  it('bridging a class again replaces the earlier bridge', async () => {
    const a = await createSignalbox({ logLevel: 'silent' });
    const b = await createSignalbox({ logLevel: 'silent' });
    const client = new Sqs.SQSClient({ region: REGION });
    try {
      const first = a.bridge(Sqs.SQSClient);
      await client.send(new Sqs.CreateQueueCommand({ QueueName: 'only-in-a' }));
      b.bridge(Sqs.SQSClient);
      await assert.rejects(client.send(new Sqs.GetQueueUrlCommand({ QueueName: 'only-in-a' })), Sqs.QueueDoesNotExist);
      first.restore(); // stale: must not undo b's bridge
      const out = await client.send(new Sqs.ListQueuesCommand({}));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(a.server.listening || b.server.listening, false);
    } finally {
      client.destroy();
      await a.close();
      await b.close();
    }
  });
});
