/**
 * EventBridge on the real clock: a failing HTTP target (API destination answering 500) is
 * retried per its RetryPolicy and then dead-lettered with AWS's attributes; a cron rule fires
 * at the next whole minute (the shortest schedule AWS allows, so this test waits up to 60 s).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import * as EB from '@aws-sdk/client-eventbridge';
import { ACCOUNT, bodies, REGION, startEvents, type EventsE2e } from './harness.js';

let t: EventsE2e;
let server: Server;
let endpoint: string;
const hits: number[] = [];

before(async () => {
  t = await startEvents();
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(Date.now());
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await t.close();
  await new Promise<void>((r) => server.close(() => r()));
});

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('EventBridge on the real clock', () => {
  it('retries an API destination answering 500, then dead-letters the event with AWS attributes', async () => {
    const dlq = await t.queue('rt-dlq');
    const conn = await t.eb.send(
      new EB.CreateConnectionCommand({
        Name: 'rt-conn',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
      }),
    );
    const dest = await t.eb.send(
      new EB.CreateApiDestinationCommand({ Name: 'rt-dest', ConnectionArn: conn.ConnectionArn, HttpMethod: 'POST', InvocationEndpoint: `${endpoint}/hook` }),
    );
    const rule = await t.eb.send(new EB.PutRuleCommand({ Name: 'rt-fail', EventPattern: JSON.stringify({ source: ['rt.fail'] }) }));
    await t.eb.send(
      new EB.PutTargetsCommand({
        Rule: 'rt-fail',
        Targets: [
          {
            Id: 'hook',
            Arn: dest.ApiDestinationArn,
            RoleArn: `arn:aws:iam::${ACCOUNT}:role/eb`,
            RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 60 },
            DeadLetterConfig: { Arn: dlq.arn },
          },
        ],
      }),
    );
    const put = await t.eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'rt.fail', DetailType: 'x', Detail: '{"n":1}' }] }));
    assert.equal(put.FailedEntryCount, 0);
    const [m] = await until(async () => {
      const got = await t.drain(dlq.url);
      return got.length ? got : undefined;
    }, 'the dead-lettered event', 10_000);
    assert.ok(m);
    // One attempt plus MaximumRetryAttempts=1 retry, the retry after the backoff delay.
    assert.equal(hits.length, 2);
    assert.ok(hits[1]! - hits[0]! >= 900, `retry waited ${hits[1]! - hits[0]!} ms`);
    const attrs = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
    assert.equal(attrs.RULE_ARN, rule.RuleArn);
    assert.equal(attrs.TARGET_ARN, dest.ApiDestinationArn);
    assert.equal(attrs.ERROR_CODE, 'ERROR_FROM_TARGET');
    assert.match(attrs.ERROR_MESSAGE ?? '', /500/);
    assert.equal(attrs.EXHAUSTED_RETRY_CONDITION, 'MaximumRetryAttempts');
    assert.equal(attrs.RETRY_ATTEMPTS, '1');
    assert.equal((JSON.parse(m.Body!) as { id: string }).id, put.Entries?.[0]?.EventId);
  });

  it('fires a cron rule at the next whole minute as a Scheduled Event', { timeout: 75_000 }, async () => {
    const q = await t.queue('rt-ticks');
    const rule = await t.eb.send(new EB.PutRuleCommand({ Name: 'rt-every-minute', ScheduleExpression: 'cron(* * * * ? *)' }));
    await t.eb.send(new EB.PutTargetsCommand({ Rule: 'rt-every-minute', Targets: [{ Id: 'q', Arn: q.arn }] }));
    const nextMinute = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
    const [event] = (await until(async () => {
      const got = bodies(await t.drain(q.url));
      return got.length ? got : undefined;
    }, 'the scheduled event', 70_000)) as Array<Record<string, unknown>>;
    assert.ok(Date.now() >= nextMinute, 'not before the minute boundary');
    assert.equal(event?.['detail-type'], 'Scheduled Event');
    assert.equal(event?.source, 'aws.events');
    assert.equal(event?.region, REGION);
    assert.deepEqual(event?.resources, [rule.RuleArn]);
    assert.deepEqual(event?.detail, {});
    assert.equal(event?.time, new Date(nextMinute).toISOString().replace('.000Z', 'Z'));
    await t.eb.send(new EB.DisableRuleCommand({ Name: 'rt-every-minute' }));
  });
});
