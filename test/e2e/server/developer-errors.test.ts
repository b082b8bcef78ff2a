/**
 * The developer endpoints answer JSON errors everywhere: a body too large for express's parser,
 * bad JSON, repeated query parameters, unknown paths; never an HTML page, a stack or a path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { raw, type RawResponse, serveForSuite } from './raw.js';

let url: string;
serveForSuite((u) => (url = u));

/** A JSON error with this status and code, and nothing that leaks the server's insides. */
function assertJsonError(r: RawResponse, status: number, code: string, message?: RegExp): void {
  assert.equal(r.status, status, r.text);
  assert.match(String(r.headers['content-type']), /^application\/json/);
  const body = JSON.parse(r.text) as { error: string; message: string };
  assert.equal(body.error, code);
  if (message) assert.match(body.message, message);
  assert.doesNotMatch(r.text, /<html|<pre>|\bat \w+ \(|node_modules|\/work\/|\.ts:\d+/i);
}

describe('developer endpoint errors', () => {
  it('a body over the parser limit is a JSON 413, not an HTML stack trace', async () => {
    const r = await raw(url, { method: 'POST', path: '/_signalbox/sns/phone-opt-outs', headers: { 'content-type': 'text/plain' }, body: 'a'.repeat(200_000) });
    assertJsonError(r, 413, 'RequestEntityTooLarge');
  });

  it('a body that is not JSON is a JSON 400', async () => {
    const r = await raw(url, { method: 'POST', path: '/_signalbox/sns/phone-opt-outs', headers: { 'content-type': 'application/json' }, body: '{nope' });
    assertJsonError(r, 400, 'InvalidJson');
  });

  const repeated: [string, string][] = [
    ['/_signalbox/sqs/messages?QueueUrl=a&QueueUrl=b', 'QueueUrl'],
    ['/_signalbox/sqs/messages?QueueName=a&QueueName=b', 'QueueName'],
    ['/_signalbox/sqs/messages?QueueName=a&region=us-east-1&region=eu-west-1', 'region'],
    ['/_signalbox/sfn/executions?status=RUNNING&status=FAILED', 'status'],
    ['/_signalbox/sfn/executions?stateMachineArn=a&stateMachineArn=b', 'stateMachineArn'],
    ['/_signalbox/sfn/execution?executionArn=a&executionArn=b', 'executionArn'],
    ['/_signalbox/sns/sms-messages?phoneNumber=%2B15555550100&phoneNumber=%2B15555550101', 'phoneNumber'],
    ['/_signalbox/sns/email-messages?address=a&address=b', 'address'],
    ['/_signalbox/sns/platform-endpoint-messages?account=1&account=2', 'account'],
  ];
  for (const [path, name] of repeated) {
    it(`a repeated parameter is a 400 saying to give it once: ${path}`, async () => {
      assertJsonError(await raw(url, { path }), 400, 'InvalidParameter', new RegExp(`^Parameter ${name} must be given once, as a string\\.$`));
    });
  }

  it('DELETE with a repeated parameter too', async () => {
    const r = await raw(url, { method: 'DELETE', path: '/_signalbox/sns/phone-opt-outs?phoneNumber=%2B15555550100&phoneNumber=%2B15555550100' });
    assertJsonError(r, 400, 'InvalidParameter');
  });

  it('single parameters still work', async () => {
    const r = await raw(url, { path: '/_signalbox/sqs/messages?QueueName=nope' });
    assertJsonError(r, 404, 'QueueDoesNotExist');
    const ex = await raw(url, { path: '/_signalbox/sfn/executions?status=RUNNING' });
    assert.equal(ex.status, 200);
  });

  it('unknown developer paths and methods are JSON 404s', async () => {
    assertJsonError(await raw(url, { path: '/_signalbox/nope' }), 404, 'NotFound');
    assertJsonError(await raw(url, { method: 'PUT', path: '/_signalbox/health' }), 404, 'NotFound');
  });
});
