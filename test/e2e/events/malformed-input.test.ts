/**
 * Malformed and hostile EventBridge input over raw AWS JSON 1.1: null list items, timestamps
 * outside any date range, patterns and details nested past Jackson's depth limit, and
 * `__proto__` as an ordinary key (InputPathsMap, tags).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEvents, type EventsE2e } from './harness.js';

let e2e: EventsE2e;
before(async () => {
  e2e = await startEvents();
});
after(async () => {
  await e2e.close();
});

let n = 0;
const name = (p: string) => `${p}-${++n}`;

async function eb(op: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(e2e.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSEvents.${op}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(await res.text()) as Record<string, unknown> };
}

const EVENT = JSON.stringify({ id: '1', source: 'a', 'detail-type': 'b', account: '000000000000', time: '2020-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: {} });

describe('EventBridge: malformed input gets a 4xx', () => {
  it('PutEvents, PutTargets and RemoveTargets with a null list item are SerializationExceptions', async () => {
    for (const [op, body] of [
      ['PutEvents', { Entries: [null] }],
      ['PutTargets', { Rule: 'r', Targets: [null] }],
      ['PutEvents', { Entries: [{ Source: 'a', DetailType: 'b', Detail: '{}', Resources: [null] }] }],
    ] as const) {
      const r = await eb(op, body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.__type, 'SerializationException');
    }
  });

  it('PutEvents with a Time outside the date range is a SerializationException', async () => {
    for (const time of [1e300, -1e300, 1e13, '+275760-09-14T00:00:00Z']) {
      const r = await eb('PutEvents', { Entries: [{ Source: 'a', DetailType: 'b', Detail: '{}', Time: time }] });
      assert.equal(r.status, 400, `${time}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body, { __type: 'SerializationException', message: 'Unexpected value for Entries.1.Time' });
    }
    const ok = await eb('PutEvents', { Entries: [{ Source: 'a', DetailType: 'b', Detail: '{}', Time: 1.7e9 }] });
    assert.equal(ok.status, 200);
  });

  it('a Detail nested past the depth limit is MalformedDetail; a body nested past it a SerializationException', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const r = await eb('PutEvents', { Entries: [{ Source: 'a', DetailType: 'b', Detail: deep }] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.Entries, [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }]);
    const body = await eb('PutEvents', `{"Entries":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    assert.equal(body.status, 400);
    assert.equal(body.body.__type, 'SerializationException');
  });

  it('TestEventPattern with a pattern nested 5,000 deep is InvalidEventPatternException, not a stack overflow', async () => {
    for (const pattern of ['{"a":'.repeat(5000) + '["x"]' + '}'.repeat(5000), '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}']) {
      const r = await eb('TestEventPattern', { Event: EVENT, EventPattern: pattern });
      assert.equal(r.status, 400, JSON.stringify(r.body).slice(0, 300));
      assert.equal(r.body.__type, 'InvalidEventPatternException');
      assert.match(r.body.message as string, /^Event pattern is not valid\. Reason: Document nesting depth \(1001\) exceeds the maximum allowed \(1000, from `StreamReadConstraints\.getMaxNestingDepth\(\)`\)/);
      assert.ok((r.body.message as string).length < 2000);
    }
  });
});

describe('EventBridge: `__proto__` is an ordinary key', () => {
  it('an InputPathsMap key __proto__ is kept, validated and rendered', async () => {
    const rule = name('proto');
    const q = await e2e.queue(name('protoq'));
    assert.equal((await eb('PutRule', { Name: rule, EventPattern: '{"source":["proto.test"]}' })).status, 200);
    const targets = JSON.parse(
      `{"Rule":"${rule}","Targets":[{"Id":"t","Arn":"${q.arn}","InputTransformer":{"InputPathsMap":{"__proto__":"$.detail.v"},"InputTemplate":"{\\"got\\": <__proto__>}"}}]}`,
    ) as unknown;
    const put = await eb('PutTargets', targets);
    assert.deepEqual(put.body, { FailedEntryCount: 0, FailedEntries: [] });
    const listed = await eb('ListTargetsByRule', { Rule: rule });
    const transformer = (listed.body.Targets as Array<{ InputTransformer: { InputPathsMap: unknown } }>)[0]!.InputTransformer;
    assert.equal(JSON.stringify(transformer.InputPathsMap), '{"__proto__":"$.detail.v"}');
    await eb('PutEvents', { Entries: [{ Source: 'proto.test', DetailType: 'd', Detail: '{"v":7}' }] });
    const got = await e2e.drain(q.url);
    assert.deepEqual(got.map((m) => JSON.parse(m.Body!)), [{ got: 7 }]);
  });

  it('an InputPathsMap key __proto__ with a too-long path is refused like any other key', async () => {
    const rule = name('protobad');
    await eb('PutRule', { Name: rule, EventPattern: '{"source":["x"]}' });
    const q = await e2e.queue(name('protobadq'));
    const targets = JSON.parse(
      `{"Rule":"${rule}","Targets":[{"Id":"t","Arn":"${q.arn}","InputTransformer":{"InputPathsMap":{"__proto__":"$.${'a'.repeat(300)}"},"InputTemplate":"<__proto__>"}}]}`,
    ) as unknown;
    const r = await eb('PutTargets', targets);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.__type, 'ValidationException');
    assert.match(r.body.message as string, /inputPathsMap' failed to satisfy constraint: Map value must satisfy constraint/);
  });

  it('a tag key __proto__ is kept', async () => {
    const rule = name('tagged');
    const created = await eb('PutRule', JSON.parse(`{"Name":"${rule}","ScheduleExpression":"rate(1 day)","Tags":[{"Key":"__proto__","Value":"v"}]}`) as unknown);
    assert.equal(created.status, 200);
    const tags = await eb('ListTagsForResource', { ResourceARN: created.body.RuleArn });
    assert.deepEqual(tags.body.Tags, [{ Key: '__proto__', Value: 'v' }]);
  });
});
