/**
 * Every EventBridge operation (AWS JSON 1.1), both directions and every declared error, through
 * the shared JSON round-trip driver; then the wire details that driver does not spell out.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-eventbridge';
import { detect, eventsModel, eventsValidationException, modeledError, parseInput } from '../../protocols/index.js';
import { describeJsonRoundTrips, modelFeatures, respondWith, type JsonService } from './json-roundtrip.js';
import { captureVia, sdkSender } from './sdk-harness.js';
import { canon, withoutMetadata } from './sample-values.js';

const SIGV4A = 'aws.auth#sigv4a';

/**
 * PutEvents with an `EndpointId` (a global endpoint) is signed with SigV4a, which the client
 * implements only through @aws-sdk/signature-v4-crt or @aws-sdk/signature-v4a (neither is a
 * dependency; see the last tests below). Our parser does not check signatures, so this client
 * signs SigV4a requests with a no-op signer and everything else with the default SigV4.
 */
const sender = sdkSender('events', sdk as unknown as Record<string, unknown>, 'EventBridgeClient', {
  httpAuthSchemes: [
    {
      schemeId: SIGV4A,
      identityProvider: () => async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }),
      signer: { sign: async (request: unknown) => request },
    },
  ],
});

/** The client's endpoint rules require `EndpointId` to be host labels (`abcde.veo`). */
const ENDPOINT_ID = 'abcde.veo';

const events: JsonService = {
  model: eventsModel,
  sender,
  packageName: '@aws-sdk/client-eventbridge',
  operationCount: 57,
  // JSON 1.1: the bare shape name (protocols/json/serialize.ts).
  errorType: (name) => name,
  fixInput: (op, input) => {
    if (op === 'PutEvents' && input.EndpointId !== undefined) input.EndpointId = ENDPOINT_ID;
  },
};

describeJsonRoundTrips(events);

describe('EventBridge wire details', () => {
  it('the samples cover timestamps, maps, lists in list items, Unit and members-less outputs (no blobs in this model)', () => {
    const f = modelFeatures(eventsModel);
    assert.deepEqual(Object.keys(f).sort(), ['Unit output', 'list in a list item', 'map', 'output without members', 'timestamp']);
    assert.deepEqual(f.map, ['ListTargetsByRule', 'PutTargets']);
    assert.deepEqual(f['output without members'], ['DeleteApiDestination', 'DeleteArchive', 'DeleteEndpoint', 'TagResource', 'UntagResource']);
    assert.ok(f['list in a list item']!.includes('PutTargets'));
    assert.equal(f.timestamp!.length, 26);
  });

  it('timestamps travel as epoch seconds with the milliseconds as a fraction, both ways', async () => {
    const time = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 7));
    const raw = await captureVia(sender, 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', Time: time }] });
    assert.equal(JSON.parse(raw.body.toString('utf8')).Entries[0].Time, 1704164645.007);

    const creationTime = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 999));
    const ex = await respondWith(events, 'DescribeArchive', { ArchiveName: 'a' }, 'rid-ts', { output: { ArchiveName: 'a', CreationTime: creationTime } });
    if (ex.error) throw ex.error;
    assert.equal(ex.body, '{"ArchiveName":"a","CreationTime":1704164645.999}');
    assert.deepStrictEqual(canon(withoutMetadata(ex.output)), canon({ ArchiveName: 'a', CreationTime: creationTime }));
  });

  it('non-finite numbers in an output with nothing to walk: "Infinity", and null members stay null', async () => {
    // Failing case before the fix in protocols/json/serialize.ts: {"FailedEntryCount":null,...}
    // and the client returned no FailedEntryCount.
    const output = { FailedEntryCount: Number.POSITIVE_INFINITY, Entries: [{ EventId: 'null' }] };
    const ex = await respondWith(events, 'PutEvents', { Entries: [] }, 'rid-inf', { output: { ...output, EndpointId: null } });
    if (ex.error) throw ex.error;
    assert.equal(ex.body, '{"FailedEntryCount":"Infinity","Entries":[{"EventId":"null"}],"EndpointId":null}');
    assert.deepStrictEqual(withoutMetadata(ex.output), output);
  });

  it('Unit outputs (DeleteRule, PutPermission...) answer {} and the client returns no members', async () => {
    const units = [...eventsModel.operations].filter(([, m]) => !m.output.isStructSchema()).map(([op]) => op);
    assert.deepEqual(units.sort(), [
      'ActivateEventSource',
      'DeactivateEventSource',
      'DeleteEventBus',
      'DeletePartnerEventSource',
      'DeleteRule',
      'DisableRule',
      'EnableRule',
      'PutPermission',
      'RemovePermission',
    ]);
    const ex = await respondWith(events, 'DeleteRule', { Name: 'r1' }, 'rid-unit', { output: undefined });
    if (ex.error) throw ex.error;
    assert.equal(ex.body, '{}');
    assert.deepStrictEqual(withoutMetadata(ex.output), {});
  });

  it('map keys are data: `__proto__` is an own key in the request, our parse and the client result', async () => {
    const paths: Record<string, string> = { a: '$.detail.a', ['__proto__']: '$.x' };
    const target = { Id: 't1', Arn: 'arn:aws:sqs:us-east-1:000000000000:q', InputTransformer: { InputPathsMap: paths, InputTemplate: '"<a>"' } };
    const raw = await captureVia(sender, 'PutTargets', { Rule: 'r1', Targets: [target] });
    assert.match(raw.body.toString('utf8'), /"InputPathsMap":\{"a":"\$\.detail\.a","__proto__":"\$\.x"\}/);
    const d = detect(raw, [eventsModel]);
    assert.ok(d);
    const parsed = parseInput(d, raw) as { Targets: Array<{ InputTransformer: { InputPathsMap: Record<string, string> } }> };
    const read = parsed.Targets[0]!.InputTransformer.InputPathsMap;
    assert.deepEqual(Object.entries(read), [['a', '$.detail.a'], ['__proto__', '$.x']]);

    const ex = await respondWith(events, 'ListTargetsByRule', { Rule: 'r1' }, 'rid-proto', { output: { Targets: [target] } });
    if (ex.error) throw ex.error;
    const got = (ex.output as { Targets: Array<{ InputTransformer: { InputPathsMap: Record<string, string> } }> }).Targets[0]!.InputTransformer.InputPathsMap;
    assert.deepEqual(Object.entries(got), [['a', '$.detail.a'], ['__proto__', '$.x']]);
  });

  it('an error without a message: the client names the class and says UnknownError', async () => {
    const ex = await respondWith(events, 'DescribeRule', { Name: 'r1' }, 'rid-nomsg', { error: modeledError(eventsModel, 'ResourceNotFoundException') });
    assert.equal(ex.body, '{"__type":"ResourceNotFoundException"}');
    assert.ok(ex.error instanceof sdk.ResourceNotFoundException);
    assert.equal(ex.error.message, 'UnknownError');
  });

  it('the unmodeled ValidationException is a generic EventBridgeServiceException by that name', async () => {
    const ex = await respondWith(events, 'PutRule', { Name: 'r1' }, 'rid-val', { error: eventsValidationException('bad rule') });
    assert.deepEqual(JSON.parse(ex.body), { __type: 'ValidationException', message: 'bad rule' });
    assert.ok(ex.error instanceof sdk.EventBridgeServiceException);
    assert.equal(ex.error.name, 'ValidationException');
    assert.equal(ex.error.message, 'bad rule');
    assert.equal((ex.error as unknown as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 400);
  });

  it('client behaviour: PutEvents with an EndpointId needs a SigV4a signer and a host-label id', async () => {
    const plain = sdkSender('events-default', sdk as unknown as Record<string, unknown>, 'EventBridgeClient');
    await assert.rejects(captureVia(plain, 'PutEvents', { Entries: [], EndpointId: ENDPOINT_ID }), (e: Error) => {
      assert.match(String((e.cause as Error | undefined)?.message), /Neither CRT nor JS SigV4a implementation is available/);
      return true;
    });
    await assert.rejects(captureVia(sender, 'PutEvents', { Entries: [], EndpointId: 'not a label' }), (e: Error) => {
      assert.equal((e.cause as Error | undefined)?.message, 'EndpointId must be a valid host label.');
      return true;
    });
    const raw = await captureVia(sender, 'PutEvents', { Entries: [], EndpointId: ENDPOINT_ID });
    assert.deepEqual(JSON.parse(raw.body.toString('utf8')), { Entries: [], EndpointId: ENDPOINT_ID });
  });
});
