/**
 * A request for a service Signalbox does not serve is answered in that service's own protocol
 * (src/server/unserved.ts): real SDK clients raise `NotImplemented` naming the service and the
 * operation (no parse error, no retries), and the raw bodies per protocol.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { cbor } from '@smithy/core/cbor';
import { CREDENTIALS, REGION } from '../harness.js';
import { createSignalbox, type Signalbox } from '../../../src/index.js';
import { lambdaOperation } from '../../../src/server/unserved.js';
import { FORM, raw } from './raw.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const lines: string[] = [];
let sb: Signalbox;
let url: string;
before(async () => {
  sb = await createSignalbox({
    logger: {
      level: 'info',
      enabled: (l) => l !== 'debug',
      debug: () => {},
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(`ERROR ${m}`),
    },
  });
  url = await sb.listen(0);
});
after(async () => {
  await sb.close();
});

const sign = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x`;
const SERVES = /Signalbox serves SQS, SNS, EventBridge and Step Functions on this endpoint/;

type SdkError = Error & { $metadata: { httpStatusCode?: number; attempts?: number }; $fault?: string };

/** Counts the requests the server saw, to tell that the SDK did not retry. */
function requestsSoFar(): number {
  return lines.filter((l) => l.includes('NotImplemented')).length;
}

describe('unserved APIs: real SDK clients', () => {
  it('Kinesis (JSON 1.1) over HTTP/1.1: NotImplemented naming Kinesis and PutRecord, not retried', async () => {
    const client = new KinesisClient({ region: REGION, credentials: CREDENTIALS, endpoint: url, requestHandler: new NodeHttpHandler() });
    const before = requestsSoFar();
    try {
      const e = await client.send(new PutRecordCommand({ StreamName: 's1', PartitionKey: 'pk', Data: new Uint8Array([104, 105]) })).then(
        () => assert.fail('expected an error'),
        (err: SdkError) => err,
      );
      assert.equal(e.name, 'NotImplemented');
      assert.equal(e.$metadata.httpStatusCode, 501);
      assert.equal(e.$metadata.attempts, 1, 'a 501 is not retried');
      assert.match(e.message, /^Signalbox does not serve Kinesis \("kinesis"\), so PutRecord was not run\./);
      assert.match(e.message, SERVES);
      assert.match(e.message, /per-service endpoint: AWS_ENDPOINT_URL_KINESIS\)\.$/);
      assert.equal(requestsSoFar() - before, 1);
    } finally {
      client.destroy();
    }
  });

  it('Lambda (restJson1): the operation is named from the model route', async () => {
    const client = new LambdaClient({ region: REGION, credentials: CREDENTIALS, endpoint: url });
    try {
      for (const [command, op] of [
        [new ListFunctionsCommand({}), 'ListFunctions'],
        [new GetFunctionCommand({ FunctionName: 'fn' }), 'GetFunction'],
        [new InvokeCommand({ FunctionName: 'fn', Payload: new TextEncoder().encode('{}') }), 'Invoke'],
      ] as const) {
        const e = await client.send(command as ListFunctionsCommand).then(
          () => assert.fail('expected an error'),
          (err: SdkError) => err,
        );
        assert.equal(e.name, 'NotImplemented');
        assert.equal(e.$metadata.httpStatusCode, 501);
        assert.equal(e.$metadata.attempts, 1);
        assert.match(e.message, new RegExp(`^Signalbox does not serve Lambda \\("lambda"\\), so ${op} was not run\\.`));
      }
    } finally {
      client.destroy();
    }
  });

  it('STS (query): NotImplemented from the <ErrorResponse> XML', async () => {
    const client = new STSClient({ region: REGION, credentials: CREDENTIALS, endpoint: url });
    try {
      await assert.rejects(client.send(new GetCallerIdentityCommand({})), (e: SdkError) => {
        assert.equal(e.name, 'NotImplemented');
        assert.equal(e.$metadata.httpStatusCode, 501);
        assert.match(e.message, /^Signalbox does not serve STS \("sts"\), so GetCallerIdentity was not run\./);
        return true;
      });
    } finally {
      client.destroy();
    }
  });
});

describe('unserved APIs: the bodies per protocol', () => {
  it('JSON 1.0 (DynamoDB): the request content type, __type and message, x-amzn-errortype', async () => {
    const r = await raw(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', authorization: sign('dynamodb') },
      body: '{}',
    });
    assert.equal(r.status, 501);
    assert.equal(r.headers['content-type'], 'application/x-amz-json-1.0');
    assert.equal(r.headers['x-amzn-errortype'], 'NotImplemented');
    assert.match(String(r.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    const body = JSON.parse(r.text) as { __type: string; message: string };
    assert.equal(body.__type, 'NotImplemented');
    assert.match(body.message, /^Signalbox does not serve DynamoDB \("dynamodb"\), so ListTables was not run\./);
  });

  it('JSON without a signature: the service from the target prefix', async () => {
    const r = await raw(url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.CreateLogGroup' }, body: '{}' });
    assert.equal(r.status, 501);
    assert.match(JSON.parse(r.text).message, /CloudWatch Logs \("logs"\), so CreateLogGroup/);
  });

  it('CBOR (Kinesis from the Java SDKs): a CBOR map with __type and message', async () => {
    const r = await rawBytes({
      'content-type': 'application/x-amz-cbor-1.1',
      'x-amz-target': 'Kinesis_20131202.GetRecords',
      authorization: sign('kinesis'),
    }, Buffer.from(cbor.serialize({ ShardIterator: 'x' })));
    assert.equal(r.status, 501);
    assert.equal(r.headers['content-type'], 'application/x-amz-cbor-1.1');
    assert.equal(r.headers['x-amzn-errortype'], 'NotImplemented');
    const body = cbor.deserialize(r.body) as { __type: string; message: string };
    assert.equal(body.__type, 'NotImplemented');
    assert.match(body.message, /Kinesis \("kinesis"\), so GetRecords was not run/);
  });

  it('Smithy RPC v2 CBOR (CloudWatch from botocore): smithy-protocol header and a CBOR body', async () => {
    const r = await rawBytes(
      { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', authorization: sign('monitoring') },
      Buffer.from(cbor.serialize({})),
      '/service/GraniteServiceVersion20100801/operation/ListMetrics',
    );
    assert.equal(r.status, 501);
    assert.equal(r.headers['smithy-protocol'], 'rpc-v2-cbor');
    assert.equal(r.headers['content-type'], 'application/cbor');
    const body = cbor.deserialize(r.body) as { __type: string; message: string };
    assert.equal(body.__type, 'NotImplemented');
    assert.match(body.message, /CloudWatch \("monitoring"\), so ListMetrics was not run/);
  });

  it('restJson1 (API Gateway): x-amzn-errortype and {message, Message}; method and path when the route is not known', async () => {
    const r = await raw(url, { method: 'GET', path: '/restapis', headers: { authorization: sign('apigateway') } });
    assert.equal(r.status, 501);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['x-amzn-errortype'], 'NotImplemented');
    const body = JSON.parse(r.text) as { message: string; Message: string };
    assert.match(body.message, /^Signalbox does not serve API Gateway \("apigateway"\), so GET \/restapis was not run\./);
    assert.equal(body.Message, body.message);
  });

  it('query (STS): <ErrorResponse> with the namespace from Version', async () => {
    const r = await raw(url, { method: 'POST', headers: { 'content-type': FORM, authorization: sign('sts') }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    assert.equal(r.status, 501);
    assert.equal(r.headers['content-type'], 'text/xml');
    assert.match(r.text, /^<\?xml version="1\.0"\?><ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Receiver<\/Type><Code>NotImplemented<\/Code><Message>Signalbox does not serve STS/);
    assert.match(r.text, /<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('EC2: <Response><Errors><Error>', async () => {
    const r = await raw(url, { method: 'POST', headers: { 'content-type': FORM, authorization: sign('ec2') }, body: 'Action=DescribeInstances&Version=2016-11-15' });
    assert.equal(r.status, 501);
    assert.match(r.text, /<Response><Errors><Error><Code>NotImplemented<\/Code><Message>Signalbox does not serve EC2 \("ec2"\), so DescribeInstances was not run/);
  });

  it('S3 (restXml): <Error><Code>', async () => {
    const r = await raw(url, { method: 'GET', path: '/my-bucket?list-type=2', headers: { authorization: sign('s3') } });
    assert.equal(r.status, 501);
    assert.equal(r.headers['content-type'], 'application/xml');
    assert.match(r.text, /<Error><Code>NotImplemented<\/Code><Message>Signalbox does not serve S3 \("s3"\), so GET \/my-bucket was not run/);
  });

  it('logs one info line per request, and is not a 500', async () => {
    const before = lines.length;
    await raw(url, { method: 'GET', path: '/2015-03-31/functions/', headers: { authorization: sign('lambda') } });
    const added = lines.slice(before);
    assert.equal(added.length, 1, added.join('\n'));
    assert.equal(added[0], 'Lambda.ListFunctions (restJson1) → 501 NotImplemented: Signalbox does not serve lambda');
    assert.ok(!lines.some((l) => l.startsWith('ERROR')));
  });

  it('an unsigned request with no target is not an AWS call: the developer endpoints answer it', async () => {
    const r = await raw(url, { method: 'GET', path: '/nothing-here' });
    assert.equal(r.status, 404);
  });
});

describe('Lambda routes from the model', () => {
  it('names operations by method, path and query', () => {
    assert.equal(lambdaOperation('GET', '/2015-03-31/functions/', ''), 'ListFunctions');
    assert.equal(lambdaOperation('POST', '/2015-03-31/functions', ''), 'CreateFunction');
    assert.equal(lambdaOperation('GET', '/2015-03-31/functions/fn', ''), 'GetFunction');
    assert.equal(lambdaOperation('GET', '/2015-03-31/functions/fn/configuration', ''), 'GetFunctionConfiguration');
    assert.equal(lambdaOperation('POST', '/2015-03-31/functions/fn/invocations', ''), 'Invoke');
    assert.equal(lambdaOperation('GET', '/2018-10-31/layers', 'find=LayerVersion&Arn=x'), 'GetLayerVersionByArn');
    assert.equal(lambdaOperation('GET', '/2018-10-31/layers', ''), 'ListLayers');
    assert.equal(lambdaOperation('PATCH', '/nope', ''), undefined);
  });
});

/** A raw request with a binary body and a binary answer. */
async function rawBytes(headers: Record<string, string>, body: Buffer, path = '/'): Promise<{ status: number; headers: Record<string, string>; body: Uint8Array }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: new Uint8Array(await res.arrayBuffer()) };
}
