/**
 * End-to-end harness for SNS: a real Signalbox on port 0, `@aws-sdk/client-sns` clients (awsQuery)
 * talking to it over HTTP, an `@aws-sdk/client-sqs` client for the queues SNS delivers to, and
 * helpers for AWS errors and the developer endpoints.
 */
import assert from 'node:assert/strict';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createSignalbox, type Signalbox, type SignalboxOptions } from '../../../src/index.js';

// Node 20 is supported by this project; the SDK's "node >=22 from 2027" notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export interface SnsE2e {
  sb: Signalbox;
  url: string;
  /** us-east-1, default account. */
  sns: SNSClient;
  /** us-east-1, default account: the queues SNS delivers to. */
  sqs: SQSClient;
  /** A client for another account (12-digit access key) and/or region. */
  client(options: { account?: string; region?: string }): SNSClient;
  /** fetch() a developer endpoint: `path` starts with /_signalbox/. */
  dev(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startSns(options: SignalboxOptions = {}): Promise<SnsE2e> {
  const sb = await createSignalbox({ logLevel: 'silent', ...options });
  const url = await sb.listen(0);
  const clients: SNSClient[] = [];
  const client = (o: { account?: string; region?: string }): SNSClient => {
    const c = new SNSClient({
      endpoint: url,
      region: o.region ?? REGION,
      credentials: { accessKeyId: o.account ?? 'AKIDEXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    clients.push(c);
    return c;
  };
  const sns = client({});
  const sqs = new SQSClient({ endpoint: url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
  return {
    sb,
    url,
    sns,
    sqs,
    client,
    dev: (path, init) => fetch(url + path, init),
    async close() {
      for (const c of clients) c.destroy();
      sqs.destroy();
      await sb.close();
    },
  };
}

/** What an SNS error must look like to the JS client. */
export interface ExpectedSnsError {
  /** The exception's `name`: the modeled class (NotFoundException), else the wire code (ValidationError). */
  name: string;
  message: string | RegExp;
  status: number;
  /** The legacy query code in `<Code>` (NotFound, InvalidParameter, ...). */
  code: string;
}

interface SdkError {
  name: string;
  message: string;
  Code?: string;
  Type?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Await `p` and assert it rejects with exactly this AWS error. */
export async function expectSnsError(p: Promise<unknown>, expected: ExpectedSnsError): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${expected.name} but the call succeeded`);
  const err = caught as SdkError;
  assert.equal(err.name, expected.name, `error name (message: ${err.message})`);
  if (typeof expected.message === 'string') assert.equal(err.message, expected.message);
  else assert.match(err.message, expected.message);
  assert.equal(err.$metadata?.httpStatusCode, expected.status, 'HTTP status');
  assert.equal(err.Code, expected.code, '<Code> of the XML error');
  assert.match(err.$metadata?.requestId ?? '', /^[0-9a-f-]{36}$/, 'x-amzn-requestid reaches the client');
}

export const invalidParameter = (message: string | RegExp): ExpectedSnsError => ({ name: 'InvalidParameterException', message, status: 400, code: 'InvalidParameter' });
export const notFound = (message: string | RegExp): ExpectedSnsError => ({ name: 'NotFoundException', message, status: 404, code: 'NotFound' });
export const validationError = (message: string | RegExp): ExpectedSnsError => ({ name: 'ValidationError', message, status: 400, code: 'ValidationError' });

let counter = 0;
/** A name no other test uses: [A-Za-z0-9_-]. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
