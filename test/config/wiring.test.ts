/** createSignalbox({ resources }) and ({ config }) seed through the services; bad input stops startup. */
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, createSignalbox } from '../../src/index.js';

const scope = { account: '000000000000', region: 'us-east-1' };

describe('seeding through createSignalbox', () => {
  it('creates queues (DLQ first), topics with subscriptions and rules from `resources`', async () => {
    const sb = await createSignalbox({
      logLevel: 'silent',
      resources: {
        queues: [{ name: 'work', deadLetterQueue: { name: 'work-dlq', maxReceiveCount: 3 } }, { name: 'work-dlq' }],
        topics: [{ name: 'news', subscriptions: [{ queue: 'work' }] }],
      },
    });
    try {
      const work = sb.engines.queues.getQueue(scope, 'work');
      assert.ok(work, 'queue created');
      assert.deepEqual(work.settings.redrivePolicy, { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:work-dlq', maxReceiveCount: 3 });
      const topic = sb.engines.topics.getTopic('arn:aws:sns:us-east-1:000000000000:news');
      assert.equal([...(topic?.subscriptions.values() ?? [])][0]?.endpoint, 'arn:aws:sqs:us-east-1:000000000000:work');
    } finally {
      await sb.close();
    }
  });

  it('seeds from a config file and refuses a bad one with the file and key path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signalbox-config-'));
    const good = join(dir, 'good.yaml');
    await writeFile(good, 'resources:\n  queues:\n    - name: seeded\n');
    const sb = await createSignalbox({ logLevel: 'silent', config: good });
    assert.ok(sb.engines.queues.getQueue(scope, 'seeded'));
    await sb.close();

    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'resources:\n  queues:\n    - name: "no spaces allowed"\n');
    await assert.rejects(createSignalbox({ logLevel: 'silent', config: bad }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*resources\\.queues\\[0\\].*CreateQueue failed`));
      return true;
    });
  });
});
