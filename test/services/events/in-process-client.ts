/**
 * An EventBridge SDK client whose requests go through Signalbox's protocol layer straight into a
 * set of handlers (no server, no sockets): for service tests of handler groups in isolation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as EB from '@aws-sdk/client-eventbridge';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import {
  credentialScope,
  detect,
  eventsModel,
  isAwsError,
  parseInput,
  serializeError,
  serializeOutput,
  type RawRequest,
} from '../../../protocols/index.js';
import type { Handlers, RequestContext } from '../../../src/services/context.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

export /** An EventBridge client whose requests go through our protocol layer into `handlers`. */
function inProcessClient(handlers: Handlers, accessKeyId = 'AKIDEXAMPLE'): EB.EventBridgeClient {
  const requestHandler = {
    async handle(req: HttpRequest): Promise<{ response: HttpResponse }> {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
      const body = typeof req.body === 'string' ? Buffer.from(req.body) : Buffer.from((req.body as Uint8Array | undefined) ?? []);
      const raw: RawRequest = { method: req.method, path: req.path, query: '', headers, body };
      const d = detect(raw, [eventsModel]);
      assert.ok(d, 'an EventBridge request');
      const requestId = randomUUID();
      const scope = credentialScope(raw.headers, '');
      const key = scope?.accessKey ?? '';
      const ctx: RequestContext = {
        requestId,
        account: /^\d{12}$/.test(key) ? key : ACCOUNT,
        region: scope?.region ?? REGION,
        accessKey: key,
        host: '127.0.0.1:4566',
        protocol: 'json',
        signal: new AbortController().signal,
      };
      let wire;
      try {
        const input = parseInput(d, raw);
        const handler = handlers[d.operation];
        assert.ok(handler, `no handler for ${d.operation}`);
        wire = serializeOutput(d, await handler(input, ctx), requestId);
      } catch (e) {
        if (!isAwsError(e)) throw e;
        wire = serializeError(eventsModel, 'json', e, requestId);
      }
      const response = new HttpResponse({
        statusCode: wire.status,
        headers: { ...wire.headers, 'x-amzn-requestid': requestId },
        body: Buffer.from(wire.body, 'utf8'),
      });
      return { response };
    },
  };
  return new EB.EventBridgeClient({
    endpoint: 'http://127.0.0.1:4566',
    region: REGION,
    credentials: { accessKeyId, secretAccessKey: 'x' },
    maxAttempts: 1,
    requestHandler: requestHandler as never,
  });
}
