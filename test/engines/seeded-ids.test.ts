/**
 * The queue, topic, mobile and bus engines draw their ids, tokens and one-time passwords from
 * the injected Randomness (deps.random): a seeded one gives the same values on every run.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeTime } from '../../src/core/fake-time.js';
import { seededRandomness } from '../../src/core/ids.js';
import { DEFAULT_QUEUE_SETTINGS, QueueEngine } from '../../src/engines/queue/index.js';
import { TopicEngine } from '../../src/engines/topic/index.js';
import { MobileStore } from '../../src/engines/topic/mobile/store.js';
import { BusEngine } from '../../src/engines/bus/index.js';

const scope = { account: '000000000000', region: 'us-east-1' };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function queueIds(seed: number): string[] {
  const time = new FakeTime();
  const engine = new QueueEngine({ clock: time.clock, scheduler: time.scheduler, random: seededRandomness(seed) });
  const q = engine.createQueue(scope, 'q', { ...DEFAULT_QUEUE_SETTINGS });
  const ids = [1, 2, 3].map((i) => q.send({ body: `m${i}`, senderId: 'AKID' }).messageId);
  engine.close();
  return ids;
}

function topicValues(seed: number): string[] {
  const time = new FakeTime();
  const engine = new TopicEngine({ clock: time.clock, scheduler: time.scheduler, random: seededRandomness(seed) });
  const topic = engine.createTopic(scope, 't', false);
  const sub = engine.subscribe(topic, 'http', 'http://example.invalid/hook', '000000000000', true);
  const out = [sub.arn, engine.newToken(sub)];
  engine.close();
  return out;
}

function mobileOtps(seed: number): string[] {
  const time = new FakeTime();
  const store = new MobileStore({ clock: time.clock, random: seededRandomness(seed) });
  return ['+15555550100', '+15555550101'].map((n) => store.createSandboxNumber(scope, n).oneTimePassword ?? '');
}

function busIds(seed: number): string[] {
  const time = new FakeTime();
  const engine = new BusEngine({ clock: time.clock, scheduler: time.scheduler, random: seededRandomness(seed) });
  const ids = [1, 2].map((i) => engine.putEvent(scope, { source: 'app', detailType: 't', detail: { i }, resources: [] }));
  engine.close();
  return ids;
}

describe('seeded Randomness in the queue, topic, mobile and bus engines', () => {
  it('queue message ids', () => {
    const a = queueIds(1);
    for (const id of a) assert.match(id, UUID_V4);
    assert.deepEqual(queueIds(1), a);
    assert.notDeepEqual(queueIds(2), a);
  });

  it('topic subscription ids and confirmation tokens (128 hex characters)', () => {
    const a = topicValues(1);
    assert.match(a[1]!, /^[0-9a-f]{128}$/);
    assert.deepEqual(topicValues(1), a);
    assert.notDeepEqual(topicValues(2), a);
  });

  it('SMS sandbox one-time passwords (6 digits)', () => {
    const a = mobileOtps(1);
    for (const otp of a) assert.match(otp, /^\d{6}$/);
    assert.deepEqual(mobileOtps(1), a);
    assert.notDeepEqual(mobileOtps(2), a);
  });

  it('bus event ids', () => {
    const a = busIds(1);
    for (const id of a) assert.match(id, UUID_V4);
    assert.deepEqual(busIds(1), a);
    assert.notDeepEqual(busIds(2), a);
  });
});
