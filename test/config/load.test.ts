import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/config/index.js';
import { writeTemp } from './helpers.js';

/** Loads `text` as file `name` (next to `siblings`) and returns the ConfigError it must throw. */
async function loadError(name: string, text: string, siblings: Record<string, string> = {}): Promise<ConfigError> {
  const file = await writeTemp(name, text);
  for (const [sibling, content] of Object.entries(siblings)) await writeFile(join(dirname(file), sibling), content);
  try {
    await loadConfigFile(file);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    assert.ok(e.message.includes(file), `message names the file: ${e.message}`);
    return e;
  }
  assert.fail('expected a ConfigError');
}

const YAML_OK = `
account: "111111111111"
region: eu-west-1
resources:
  queues:
    - name: jobs
      attributes: { VisibilityTimeout: 45, FifoQueue: false }
      deadLetterQueue: { name: jobs-dlq, maxReceiveCount: 5 }
      tags: { team: a }
    - name: jobs-dlq
  topics:
    - name: t
      subscriptions:
        - queue: jobs
          filterPolicy: { kind: [a] }
          rawMessageDelivery: true
        - protocol: https
          endpoint: https://example.com/
  buses:
    - name: b
      rules:
        - name: r
          eventPattern: { source: [x] }
          targets:
            - queue: jobs
            - id: t1
              topic: t
              input: { fixed: 1 }
`;

describe('loadConfigFile: parsing', () => {
  it('reads YAML', async () => {
    const config = await loadConfigFile(await writeTemp('seed.yaml', YAML_OK));
    assert.equal(config.account, '111111111111');
    assert.equal(config.region, 'eu-west-1');
    assert.deepEqual(config.resources.queues?.[0], {
      name: 'jobs',
      attributes: { VisibilityTimeout: 45, FifoQueue: false },
      deadLetterQueue: { name: 'jobs-dlq', maxReceiveCount: 5 },
      tags: { team: 'a' },
    });
    assert.deepEqual(config.resources.topics?.[0]?.subscriptions?.[0], { queue: 'jobs', filterPolicy: { kind: ['a'] }, rawMessageDelivery: true });
    assert.equal(config.resources.buses?.[0]?.rules?.[0]?.targets?.length, 2);
  });

  it('reads JSON with the same structure (by extension and by content)', async () => {
    const yamlConfig = await loadConfigFile(await writeTemp('seed.yml', YAML_OK));
    const json = JSON.stringify(yamlConfig, null, 2);
    assert.deepEqual(await loadConfigFile(await writeTemp('seed.json', json)), yamlConfig);
    assert.deepEqual(await loadConfigFile(await writeTemp('seed.conf', json)), yamlConfig);
    assert.deepEqual(await loadConfigFile(await writeTemp('seed.conf', YAML_OK)), yamlConfig);
  });

  it('inlines a state machine definitionFile relative to the config', async () => {
    const file = await writeTemp('seed.yaml', 'resources:\n  stateMachines:\n    - name: sm\n      definitionFile: sm.asl.json\n');
    await writeFile(join(dirname(file), 'sm.asl.json'), '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}');
    const config = await loadConfigFile(file);
    assert.deepEqual(config.resources.stateMachines, [{ name: 'sm', definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' }]);
  });

  it('reads a YAML definitionFile (by extension, else by content) as JSON text', async () => {
    const file = await writeTemp('seed.yaml', 'resources:\n  stateMachines:\n    - name: a\n      definitionFile: a.asl.yaml\n    - name: b\n      definitionFile: defs/b.asl\n');
    await writeFile(join(dirname(file), 'a.asl.yaml'), 'StartAt: A\nStates:\n  A: { Type: Pass, End: true }\n');
    await mkdir(join(dirname(file), 'defs'));
    await writeFile(join(dirname(file), 'defs', 'b.asl'), '# ASL in YAML\nStartAt: B\nStates:\n  B:\n    Type: Succeed\n');
    const config = await loadConfigFile(file);
    assert.deepEqual(config.resources.stateMachines, [
      { name: 'a', definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' },
      { name: 'b', definition: '{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}' },
    ]);
  });

  it('accepts an empty resources map', async () => {
    assert.deepEqual(parseConfig('resources: {}\n', 'x.yaml'), { resources: {} });
  });
});

describe('loadConfigFile: bad files name the file, key path and problem', () => {
  it('a missing file', async () => {
    await assert.rejects(loadConfigFile('/nonexistent/seed.yaml'), (e: unknown) => e instanceof ConfigError && /\/nonexistent\/seed\.yaml: cannot read/.test(e.message));
  });

  it('YAML syntax error, with its line', async () => {
    const e = await loadError('bad.yaml', 'resources:\n  queues:\n    - name: a\n      attributes: { x: 1\n');
    assert.match(e.message, /YAML syntax error at line \d+/);
    assert.ok(e.line !== undefined);
  });

  it('YAML duplicate key', async () => {
    const e = await loadError('dup.yaml', 'resources:\n  queues: []\n  queues: []\n');
    assert.match(e.message, /:3: YAML syntax error at line 3/);
  });

  it('JSON syntax error, with its line', async () => {
    const e = await loadError('bad.json', '{\n  "resources": {\n    "queues": [,]\n  }\n}\n');
    assert.match(e.message, /JSON syntax error at line 3/);
    assert.equal(e.line, 3);
  });

  it('an empty file', async () => {
    const e = await loadError('empty.yaml', '# nothing\n');
    assert.match(e.message, /the file is empty/);
  });

  it('unknown key, with a suggestion and its line', async () => {
    const e = await loadError('k.yaml', 'resources:\n  queues:\n    - name: a\n      atributes: { VisibilityTimeout: 1 }\n');
    assert.match(e.message, /k\.yaml:4: resources\.queues\[0\]\.atributes: unknown key "atributes" \(did you mean "attributes"\?\)/);
  });

  it('unknown top-level resource kind', async () => {
    const e = await loadError('k.yaml', 'resources:\n  lambdas: []\n');
    assert.match(e.message, /resources\.lambdas: unknown key "lambdas" \(allowed: queues, topics, buses, stateMachines\)/);
  });

  it('wrong type', async () => {
    const e = await loadError('t.json', JSON.stringify({ resources: { topics: [{ name: 't' }, { name: 'u', subscriptions: [{ protocol: 'sqs', endpoint: 42 }] }] } }));
    assert.match(e.message, /t\.json: resources\.topics\[1\]\.subscriptions\[0\]\.endpoint: expected a string, got number 42/);
  });

  it('wrong type: a map where a list is expected', async () => {
    const e = await loadError('t.yaml', 'resources:\n  queues:\n    name: a\n');
    assert.match(e.message, /resources\.queues: expected a list, got a map/);
  });

  it('an unquoted account id', async () => {
    const e = await loadError('a.yaml', 'account: 000000000000\nresources: {}\n');
    assert.match(e.message, /account: expected a string: quote the account id/);
  });

  it('missing name', async () => {
    const e = await loadError('n.yaml', 'resources:\n  buses:\n    - name: b\n      rules:\n        - eventPattern: { source: [x] }\n');
    assert.match(e.message, /n\.yaml:5: resources\.buses\[0\]\.rules\[0\]\.name: "name" is required/);
  });

  it('duplicate name', async () => {
    const e = await loadError('d.yaml', 'resources:\n  queues:\n    - name: a\n    - name: a\n');
    assert.match(e.message, /resources\.queues\[1\]\.name: duplicate queue name "a"/);
  });

  it('subscription without protocol', async () => {
    const e = await loadError('s.yaml', 'resources:\n  topics:\n    - name: t\n      subscriptions:\n        - endpoint: https://x/\n');
    assert.match(e.message, /resources\.topics\[0\]\.subscriptions\[0\]\.protocol: "protocol" is required/);
  });

  it('target with two destinations', async () => {
    const e = await loadError('x.yaml', 'resources:\n  queues: [{ name: q }]\n  topics: [{ name: t }]\n  buses:\n    - name: b\n      rules:\n        - name: r\n          eventPattern: { source: [x] }\n          targets: [{ queue: q, topic: t }]\n');
    assert.match(e.message, /resources\.buses\[0\]\.rules\[0\]\.targets\[0\]\.topic: give only one of "queue" and "topic"/);
  });

  it('dangling references: DLQ, subscription queue, target topic and bus', async () => {
    let e = await loadError('r.yaml', 'resources:\n  queues:\n    - name: a\n      deadLetterQueue: { name: nope, maxReceiveCount: 2 }\n');
    assert.match(e.message, /r\.yaml:4: resources\.queues\[0\]\.deadLetterQueue\.name: queue "nope" is not defined in resources\.queues/);
    e = await loadError('r.yaml', 'resources:\n  queues: [{ name: a }]\n  topics:\n    - name: t\n    - name: u\n      subscriptions:\n        - queue: b\n');
    assert.match(e.message, /resources\.topics\[1\]\.subscriptions\[0\]\.queue: queue "b" is not defined in resources\.queues/);
    e = await loadError('r.yaml', 'resources:\n  buses:\n    - name: b\n      rules:\n        - name: r\n          eventPattern: { source: [x] }\n          targets: [{ topic: t }, { bus: other }]\n');
    assert.match(e.message, /resources\.buses\[0\]\.rules\[0\]\.targets\[0\]\.topic: topic "t" is not defined in resources\.topics/);
    e = await loadError('r.yaml', 'resources:\n  buses:\n    - name: b\n      rules:\n        - name: r\n          eventPattern: { source: [x] }\n          targets: [{ bus: default }, { bus: other }]\n');
    assert.match(e.message, /resources\.buses\[0\]\.rules\[0\]\.targets\[1\]\.bus: bus "other" is not defined in resources\.buses/);
  });

  it('a state machine definition file that does not parse, with the line of its key', async () => {
    let e = await loadError('sm.yaml', 'resources:\n  stateMachines:\n    - name: sm\n      definitionFile: broken.json\n', { 'broken.json': '{"StartAt": ' });
    assert.match(e.message, /sm\.yaml:4: resources\.stateMachines\[0\]\.definitionFile: the definition file .*broken\.json is not JSON/);
    e = await loadError('sm.yaml', 'resources:\n  stateMachines:\n    - name: sm\n      definitionFile: broken.yaml\n', { 'broken.yaml': 'StartAt: [A\n' });
    assert.match(e.message, /sm\.yaml:4: resources\.stateMachines\[0\]\.definitionFile: the definition file .*broken\.yaml is not valid YAML/);
    e = await loadError('sm.yaml', 'resources:\n  stateMachines:\n    - name: sm\n      definitionFile: list.yaml\n', { 'list.yaml': '- a\n- b\n' });
    assert.match(e.message, /the definition file .*list\.yaml must hold a map/);
  });

  it('a missing state machine definition file', async () => {
    const e = await loadError('sm.yaml', 'resources:\n  stateMachines:\n    - name: sm\n      definitionFile: missing.json\n');
    assert.match(e.message, /resources\.stateMachines\[0\]\.definitionFile: cannot read the definition file/);
  });
});
