/**
 * End-to-end harness for Step Functions: a real Signalbox on port 0 and `@aws-sdk/client-sfn`
 * clients (`disableHostPrefix` so StartSyncExecution/TestState reach the endpoint, not `sync-…`).
 */
import assert from 'node:assert/strict';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createSignalbox, type Signalbox, type SignalboxOptions } from '../../../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/sfn-role`;

export const PASS_DEFINITION = JSON.stringify({
  Comment: 'BASE_PASS_RESULT',
  StartAt: 'State_1',
  States: { State_1: { Type: 'Pass', Result: { Arg1: 'argument1' }, End: true } },
});
export const WAIT_DEFINITION = JSON.stringify({ StartAt: 'State_1', States: { State_1: { Type: 'Wait', Seconds: 60, End: true } } });

export interface SfnE2e {
  sb: Signalbox;
  url: string;
  sfn: SFNClient;
  client(o: { account?: string; region?: string }): SFNClient;
  close(): Promise<void>;
}

export async function startSfn(options: SignalboxOptions = {}): Promise<SfnE2e> {
  const sb = await createSignalbox({ logLevel: 'silent', ...options });
  const url = await sb.listen(0);
  const clients: SFNClient[] = [];
  const client = (o: { account?: string; region?: string }) => {
    const c = new SFNClient({
      endpoint: url,
      region: o.region ?? REGION,
      credentials: { accessKeyId: o.account ?? 'AKIDEXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
      disableHostPrefix: true,
    });
    clients.push(c);
    return c;
  };
  const sfn = client({});
  return {
    sb,
    url,
    sfn,
    client,
    async close() {
      for (const c of clients) c.destroy();
      await sb.close();
    },
  };
}

/** Asserts an AWS error: name, message, HTTP status. */
export async function rejects(p: Promise<unknown>, name: string, message: string | RegExp, status = 400): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}

export const machineArn = (name: string, region = REGION, account = ACCOUNT) => `arn:aws:states:${region}:${account}:stateMachine:${name}`;
export const activityArn = (name: string, region = REGION, account = ACCOUNT) => `arn:aws:states:${region}:${account}:activity:${name}`;

let counter = 0;
export const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;
