/** createSignalbox({ resources }) and ({ config }) seed through the services; bad input stops startup. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as Eb from '@aws-sdk/client-eventbridge';
import { ConfigError, createSignalbox } from '../../src/index.js';
import { tempDir } from './helpers.js';

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
    const dir = await tempDir();
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

  it('seeds a state machine and a rule targeting it: PutEvents starts an execution', async () => {
    const dir = await tempDir();
    const file = join(dir, 'workflow.yaml');
    await writeFile(
      file,
      [
        'resources:',
        '  buses:',
        '    - name: orders',
        '      rules:',
        '        - name: start-workflow',
        '          eventPattern: { source: [shop] }',
        '          targets:',
        '            - stateMachine: double',
        '              inputPath: $.detail',
        '  stateMachines:',
        '    - name: double',
        '      definitionFile: double.asl.yaml',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'double.asl.yaml'),
      'StartAt: Double\nStates:\n  Double:\n    Type: Pass\n    Parameters:\n      n.$: States.MathAdd($.n, $.n)\n    End: true\n',
    );
    const sb = await createSignalbox({ logLevel: 'silent', config: file });
    try {
      const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:double';
      sb.bridge(Eb.EventBridgeClient);
      const client = new Eb.EventBridgeClient({ region: 'us-east-1' });
      const put = await client.send(new Eb.PutEventsCommand({ Entries: [{ EventBusName: 'orders', Source: 'shop', DetailType: 'x', Detail: '{"n":21}' }] }));
      assert.equal(put.FailedEntryCount, 0);
      const deadline = Date.now() + 5000;
      let done;
      while (Date.now() < deadline && !(done = sb.engines.executions.list({ stateMachineArn: arn }).find((e) => e.status === 'SUCCEEDED'))) await new Promise((r) => setTimeout(r, 20));
      assert.ok(done, 'an execution of the seeded machine succeeded');
      assert.deepEqual(JSON.parse(done.input), { n: 21 });
      assert.deepEqual(JSON.parse(done.output ?? 'null'), { n: 42 });
    } finally {
      await sb.close();
    }
  });

  it('refuses an invalid state machine definition with the file, line and key path', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bad-sm.yaml');
    await writeFile(file, 'resources:\n  queues:\n    - name: q\n  stateMachines:\n    - name: broken\n      definition:\n        StartAt: Nowhere\n        States: { A: { Type: Pass, End: true } }\n');
    await assert.rejects(createSignalbox({ logLevel: 'silent', config: file }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.message.startsWith(`Invalid Signalbox config ${file}:6: resources.stateMachines[0].definition: states CreateStateMachine failed: InvalidDefinition: `), true, e.message);
      return true;
    });
    await assert.rejects(
      createSignalbox({ logLevel: 'silent', resources: { stateMachines: [{ name: 'broken', definition: { StartAt: 'A', States: {} } }] } }),
      (e: unknown) => e instanceof ConfigError && /^Invalid Signalbox config createSignalbox\(\{ resources \}\): resources\.stateMachines\[0\]\.definition: states CreateStateMachine failed: InvalidDefinition/.test(e.message),
    );
  });
});
