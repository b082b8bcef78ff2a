/** The shared SQS behaviour suite over HTTP (a real socket on port 0). */
import { SQSClient } from '@aws-sdk/client-sqs';
import { createSignalbox } from '../../../src/index.js';
import { CREDENTIALS, REGION } from '../harness.js';
import { sqsBehaviour } from '../shared/sqs-behaviour.js';

sqsBehaviour('HTTP', async () => {
  const sb = await createSignalbox({ logLevel: 'silent' });
  const base = await sb.listen(0);
  const client = new SQSClient({ endpoint: base, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  return {
    client,
    base,
    async close() {
      client.destroy();
      await sb.close();
    },
  };
});
