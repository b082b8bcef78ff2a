/** The shared SQS behaviour suite over the in-process bridge (no sockets). */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createSignalbox } from '../../../src/index.js';
import { REGION } from '../harness.js';
import { sqsBehaviour } from '../shared/sqs-behaviour.js';

let listening: boolean | undefined;

sqsBehaviour('the in-process bridge', async () => {
  const sb = await createSignalbox({ logLevel: 'silent' });
  const bridge = sb.bridge(SQSClient);
  // No endpoint and no credentials: the bridge needs neither.
  const client = new SQSClient({ region: REGION });
  return {
    client,
    base: 'http://signalbox.internal',
    async close() {
      listening = sb.server.listening;
      bridge.restore();
      client.destroy();
      await sb.close();
    },
  };
});

after(() => {
  assert.equal(listening, false, 'the bridge never opened a socket');
});
