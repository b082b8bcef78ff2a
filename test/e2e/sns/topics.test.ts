/**
 * SNS topic operations end to end through `@aws-sdk/client-sns`: CreateTopic, Get/SetTopicAttributes,
 * DeleteTopic, ListTopics, Add/RemovePermission, Get/PutDataProtectionPolicy and tags. Expected
 * values are AWS's, as recorded in LocalStack's AWS-validated test_sns.snapshot.json.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddPermissionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetDataProtectionPolicyCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishCommand,
  PutDataProtectionPolicyCommand,
  RemovePermissionCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { ACCOUNT, REGION, expectSnsError, invalidParameter, notFound, startSns, unique, type SnsE2e } from './harness.js';
import { createQueue, createTopic } from './fixtures.js';

let e2e: SnsE2e;
let sns: SNSClient;

before(async () => {
  e2e = await startSns();
  sns = e2e.sns;
});
after(() => e2e.close());

const DEFAULT_EFFECTIVE_DELIVERY_POLICY =
  '{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}';

function defaultPolicy(topicArn: string, account = ACCOUNT): Record<string, unknown> {
  return {
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': account } },
      },
    ],
  };
}

async function attributesOf(topicArn: string, client: SNSClient = sns): Promise<Record<string, string>> {
  const out = await client.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
  assert.ok(out.Attributes);
  return out.Attributes;
}

async function policyOf(topicArn: string): Promise<{ Statement: Array<Record<string, unknown>> } & Record<string, unknown>> {
  return JSON.parse((await attributesOf(topicArn)).Policy ?? 'null') as { Statement: Array<Record<string, unknown>> };
}

describe('CreateTopic', () => {
  it('returns arn:aws:sns:<region>:<account>:<name> and is idempotent for the same name, attributes and a subset of the tags', async () => {
    const name = unique('create');
    const tags = [
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ];
    const first = await sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: 'Value1' }, Tags: tags }));
    assert.equal(first.TopicArn, `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`);
    const agains: Array<{ Attributes?: Record<string, string>; Tags?: Array<{ Key: string; Value: string }> }> = [
      { Attributes: { DisplayName: 'Value1' }, Tags: tags },
      {},
      { Attributes: {} },
      // FifoTopic=false is the type the topic has.
      { Attributes: { FifoTopic: 'false' } },
      { Tags: [tags[0]!] },
      { Tags: [] },
    ];
    for (const again of agains) {
      const out = await sns.send(new CreateTopicCommand({ Name: name, ...again }));
      assert.equal(out.TopicArn, first.TopicArn, JSON.stringify(again));
    }
    assert.equal((await attributesOf(first.TopicArn!)).DisplayName, 'Value1', 'the second create changed nothing');
    const list = await sns.send(new ListTopicsCommand({}));
    assert.equal(list.Topics?.filter((t) => t.TopicArn === first.TopicArn).length, 1, 'listed once');
  });

  it('refuses the same name with other attributes or more tags', async () => {
    const name = unique('diff');
    await sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: 'Value1' } }));
    const differentAttributes = invalidParameter('Invalid parameter: Attributes Reason: Topic already exists with different attributes');
    await expectSnsError(sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: 'Value2' } })), differentAttributes);
    await expectSnsError(sns.send(new CreateTopicCommand({ Name: name, Attributes: { SignatureVersion: '2' } })), differentAttributes);
    await expectSnsError(sns.send(new CreateTopicCommand({ Name: name, Attributes: { SignatureVersion: '2', DisplayName: 'Value1' } })), differentAttributes);
    // FifoTopic=true on a name without .fifo is a name problem first.
    await expectSnsError(sns.send(new CreateTopicCommand({ Name: name, Attributes: { FifoTopic: 'true' } })), invalidParameter('Invalid parameter: Topic Name'));
    await expectSnsError(
      sns.send(new CreateTopicCommand({ Name: name, Tags: [{ Key: 'key1', Value: 'value1' }] })),
      invalidParameter('Invalid parameter: Tags Reason: Topic already exists with different tags'),
    );
  });

  it('refuses bad names with "Invalid parameter: Topic Name"; 256 characters and NAME.fifo with FifoTopic are fine', async () => {
    const max = 'a'.repeat(256);
    assert.equal((await sns.send(new CreateTopicCommand({ Name: max }))).TopicArn, `arn:aws:sns:${REGION}:${ACCOUNT}:${max}`);
    const bad: Array<{ Name: string; Attributes?: Record<string, string> }> = [
      { Name: '' },
      { Name: 'a'.repeat(257) },
      { Name: 'test.fifo' },
      { Name: 'test', Attributes: { FifoTopic: 'true' } },
      ...[':', ';', '!', '@', '|', '^', '%', ' '].map((c) => ({ Name: `bad${c}name` })),
    ];
    for (const input of bad) await expectSnsError(sns.send(new CreateTopicCommand(input)), invalidParameter('Invalid parameter: Topic Name'));
    const fifo = `${unique('ok')}.fifo`;
    assert.equal((await sns.send(new CreateTopicCommand({ Name: fifo, Attributes: { FifoTopic: 'true' } }))).TopicArn, `arn:aws:sns:${REGION}:${ACCOUNT}:${fifo}`);
  });

  it('creates the same name in two regions as two topics, each listed only in its region', async () => {
    const name = unique('multi');
    const west = e2e.client({ region: 'eu-west-1', account: '222233334444' });
    const east = e2e.client({ account: '222233334444' });
    const eastArn = (await east.send(new CreateTopicCommand({ Name: name }))).TopicArn;
    const westArn = (await west.send(new CreateTopicCommand({ Name: name }))).TopicArn;
    assert.equal(eastArn, `arn:aws:sns:us-east-1:222233334444:${name}`);
    assert.equal(westArn, `arn:aws:sns:eu-west-1:222233334444:${name}`);
    assert.deepEqual((await east.send(new ListTopicsCommand({}))).Topics, [{ TopicArn: eastArn }]);
    assert.deepEqual((await west.send(new ListTopicsCommand({}))).Topics, [{ TopicArn: westArn }]);
    const westAttrs = await attributesOf(westArn!, west);
    assert.equal(westAttrs.Owner, '222233334444');
    assert.equal(westAttrs.Policy, JSON.stringify(defaultPolicy(westArn!, '222233334444')));
  });
});

describe('GetTopicAttributes / SetTopicAttributes', () => {
  it('a standard topic has exactly AWS default attributes: DisplayName "", Owner, the default Policy, EffectiveDeliveryPolicy, counts', async () => {
    const arn = await createTopic(e2e, { FifoTopic: 'false' });
    assert.deepEqual(await attributesOf(arn), {
      DisplayName: '',
      EffectiveDeliveryPolicy: DEFAULT_EFFECTIVE_DELIVERY_POLICY,
      Owner: ACCOUNT,
      Policy: JSON.stringify(defaultPolicy(arn)),
      SubscriptionsConfirmed: '0',
      SubscriptionsDeleted: '0',
      SubscriptionsPending: '0',
      TopicArn: arn,
    });
  });

  it('a FIFO topic adds FifoTopic and ContentBasedDeduplication; given attributes are echoed', async () => {
    const arn = await createTopic(e2e, { DisplayName: 'TestTopic', SignatureVersion: '2', FifoTopic: 'true' });
    assert.ok(arn.endsWith('.fifo'));
    assert.deepEqual(await attributesOf(arn), {
      ContentBasedDeduplication: 'false',
      DisplayName: 'TestTopic',
      EffectiveDeliveryPolicy: DEFAULT_EFFECTIVE_DELIVERY_POLICY,
      FifoTopic: 'true',
      Owner: ACCOUNT,
      Policy: JSON.stringify(defaultPolicy(arn)),
      SignatureVersion: '2',
      SubscriptionsConfirmed: '0',
      SubscriptionsDeleted: '0',
      SubscriptionsPending: '0',
      TopicArn: arn,
    });
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'ContentBasedDeduplication', AttributeValue: 'true' }));
    assert.equal((await attributesOf(arn)).ContentBasedDeduplication, 'true');
  });

  it('counts confirmed, pending and deleted subscriptions', async () => {
    const arn = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const sqsSub = await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: queue.arn }));
    const httpSub = await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'http', Endpoint: 'http://127.0.0.1:9/never' }));
    assert.equal(httpSub.SubscriptionArn, 'pending confirmation');
    let a = await attributesOf(arn);
    assert.deepEqual([a.SubscriptionsConfirmed, a.SubscriptionsPending, a.SubscriptionsDeleted], ['1', '1', '0']);
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: sqsSub.SubscriptionArn }));
    a = await attributesOf(arn);
    assert.deepEqual([a.SubscriptionsConfirmed, a.SubscriptionsPending, a.SubscriptionsDeleted], ['0', '1', '1']);
  });

  it('SetTopicAttributes changes DisplayName; unknown names and FifoTopic are "Invalid parameter: AttributeName"', async () => {
    const arn = await createTopic(e2e);
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'AlreadySet' }));
    assert.equal((await attributesOf(arn)).DisplayName, 'AlreadySet');
    // Creating it again keeps what was set.
    await sns.send(new CreateTopicCommand({ Name: arn.split(':')[5]! }));
    assert.equal((await attributesOf(arn)).DisplayName, 'AlreadySet');
    await expectSnsError(
      sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'FakeAttribute', AttributeValue: 'x' })),
      invalidParameter('Invalid parameter: AttributeName'),
    );
    await expectSnsError(
      sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'FifoTopic', AttributeValue: 'false' })),
      invalidParameter('Invalid parameter: AttributeName'),
    );
  });

  it('DeliveryPolicy is echoed as AWS normalizes it and EffectiveDeliveryPolicy fills in the defaults; "" removes it', async () => {
    const arn = await createTopic(e2e, {
      FifoTopic: 'true',
      DeliveryPolicy: JSON.stringify({ http: { defaultRequestPolicy: { headerContentType: 'application/json' } } }),
    });
    let a = await attributesOf(arn);
    assert.equal(a.DeliveryPolicy, '{"http":{"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"application/json"}}}');
    assert.equal(a.EffectiveDeliveryPolicy, DEFAULT_EFFECTIVE_DELIVERY_POLICY.replace('text/plain; charset=UTF-8', 'application/json'));

    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: arn,
        AttributeName: 'DeliveryPolicy',
        AttributeValue: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 } } }),
      }),
    );
    a = await attributesOf(arn);
    assert.equal(a.DeliveryPolicy, '{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1},"disableSubscriptionOverrides":false}}');
    assert.equal(
      a.EffectiveDeliveryPolicy,
      '{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}',
    );

    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify({ http: { defaultHealthyRetryPolicy: null } }) }));
    a = await attributesOf(arn);
    assert.equal(a.DeliveryPolicy, '{"http":{"disableSubscriptionOverrides":false}}');
    assert.equal(a.EffectiveDeliveryPolicy, DEFAULT_EFFECTIVE_DELIVERY_POLICY);

    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DeliveryPolicy', AttributeValue: '' }));
    a = await attributesOf(arn);
    assert.equal(a.DeliveryPolicy, undefined);
    assert.equal(a.EffectiveDeliveryPolicy, DEFAULT_EFFECTIVE_DELIVERY_POLICY);
  });

  it('malformed, unknown and other-region topic ARNs', async () => {
    const arn = await createTopic(e2e);
    await expectSnsError(
      sns.send(new GetTopicAttributesCommand({ TopicArn: 'test-topic' })),
      invalidParameter('Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1'),
    );
    await expectSnsError(sns.send(new GetTopicAttributesCommand({ TopicArn: `${arn}-nope` })), notFound('Topic does not exist'));
    await expectSnsError(sns.send(new SetTopicAttributesCommand({ TopicArn: `${arn}-nope`, AttributeName: 'DisplayName', AttributeValue: 'x' })), notFound('Topic does not exist'));
    const otherRegion = arn.replace(`:${REGION}:`, ':eu-central-1:');
    for (const p of [
      sns.send(new GetTopicAttributesCommand({ TopicArn: otherRegion })),
      sns.send(new SetTopicAttributesCommand({ TopicArn: otherRegion, AttributeName: 'DisplayName', AttributeValue: 'x' })),
      sns.send(new PublishCommand({ TopicArn: otherRegion, Message: 'm' })),
      sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: otherRegion })),
      sns.send(new DeleteTopicCommand({ TopicArn: otherRegion })),
    ])
      await expectSnsError(p, invalidParameter('Invalid parameter: TopicArn'));
  });
});

describe('DeleteTopic and ListTopics', () => {
  it('deletes the topic and its subscriptions; deleting again, or a topic that never existed, answers 200', async () => {
    const arn = await createTopic(e2e);
    const queue = await createQueue(e2e);
    const sub = (await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: queue.arn }))).SubscriptionArn!;
    assert.ok((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions?.some((s) => s.SubscriptionArn === sub));

    const out = await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    await expectSnsError(sns.send(new GetTopicAttributesCommand({ TopicArn: arn })), notFound('Topic does not exist'));
    await expectSnsError(sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn })), notFound('Topic does not exist'));
    await expectSnsError(sns.send(new PublishCommand({ TopicArn: arn, Message: 'gone' })), notFound('Topic does not exist'));
    const all = await sns.send(new ListSubscriptionsCommand({}));
    assert.ok(!all.Subscriptions?.some((s) => s.SubscriptionArn === sub || s.TopicArn === arn), 'its subscriptions are gone');
    assert.ok(!(await sns.send(new ListTopicsCommand({}))).Topics?.some((t) => t.TopicArn === arn));

    assert.equal((await sns.send(new DeleteTopicCommand({ TopicArn: arn }))).$metadata.httpStatusCode, 200);
    assert.equal((await sns.send(new DeleteTopicCommand({ TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${unique('never')}` }))).$metadata.httpStatusCode, 200);
    await expectSnsError(
      sns.send(new DeleteTopicCommand({ TopicArn: 'arn:aws' })),
      invalidParameter('Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 2'),
    );
  });

  it('pages by 100 with a NextToken, every topic exactly once', async () => {
    const client = e2e.client({ account: '333344445555' });
    const created: string[] = [];
    for (let i = 0; i < 120; i++) created.push((await client.send(new CreateTopicCommand({ Name: `paging-${i}` }))).TopicArn!);
    const first = await client.send(new ListTopicsCommand({}));
    assert.equal(first.Topics?.length, 100);
    assert.ok(first.NextToken);
    const second = await client.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    assert.equal(second.Topics?.length, 20);
    assert.equal(second.NextToken, undefined);
    const listed = [...first.Topics!, ...second.Topics!].map((t) => t.TopicArn!);
    assert.equal(new Set(listed).size, 120, 'no topic twice');
    assert.deepEqual([...listed].sort(), [...created].sort());
  });
});

describe('Add/RemovePermission', () => {
  it('adds a statement per label (one action → a string, several → a list) and removes it again', async () => {
    const arn = await createTopic(e2e);
    await sns.send(new AddPermissionCommand({ TopicArn: arn, Label: 'test', AWSAccountId: [ACCOUNT], ActionName: ['Publish'] }));
    await sns.send(new AddPermissionCommand({ TopicArn: arn, Label: 'multi', AWSAccountId: [ACCOUNT], ActionName: ['Publish', 'Subscribe'] }));
    const policy = await policyOf(arn);
    assert.deepEqual(policy.Statement, [
      (defaultPolicy(arn).Statement as unknown[])[0],
      { Sid: 'test', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'SNS:Publish', Resource: arn },
      { Sid: 'multi', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: arn },
    ]);
    await sns.send(new RemovePermissionCommand({ TopicArn: arn, Label: 'test' }));
    await sns.send(new RemovePermissionCommand({ TopicArn: arn, Label: 'multi' }));
    assert.deepEqual(await policyOf(arn), defaultPolicy(arn));
  });

  it('errors: duplicate label, unknown topic, action outside SNS', async () => {
    const arn = await createTopic(e2e);
    await sns.send(new AddPermissionCommand({ TopicArn: arn, Label: 'test', AWSAccountId: [ACCOUNT], ActionName: ['Publish'] }));
    await expectSnsError(
      sns.send(new AddPermissionCommand({ TopicArn: arn, Label: 'test', AWSAccountId: [ACCOUNT], ActionName: ['AddPermission'] })),
      invalidParameter('Invalid parameter: Statement already exists'),
    );
    await expectSnsError(
      sns.send(new AddPermissionCommand({ TopicArn: `${arn}-not-existing`, Label: 'test-2', AWSAccountId: [ACCOUNT], ActionName: ['AddPermission'] })),
      notFound('Topic does not exist'),
    );
    await expectSnsError(
      sns.send(new AddPermissionCommand({ TopicArn: arn, Label: 'test-2', AWSAccountId: [ACCOUNT], ActionName: ['InvalidAction'] })),
      invalidParameter('Invalid parameter: Policy statement action out of service scope!'),
    );
    await expectSnsError(sns.send(new RemovePermissionCommand({ TopicArn: `${arn}-not-existing`, Label: 'test' })), notFound('Topic does not exist'));
  });
});

describe('data protection policy', () => {
  it('PutDataProtectionPolicy stores the document; GetDataProtectionPolicy returns it; topic attributes do not show it', async () => {
    const arn = await createTopic(e2e);
    const before = await attributesOf(arn);
    const doc = JSON.stringify({
      Name: 'data_protection_policy',
      Description: 'Test Policy',
      Version: '2021-06-01',
      Statement: [
        {
          Sid: 'test-statement',
          DataDirection: 'Inbound',
          Principal: ['*'],
          DataIdentifier: [`arn:aws:dataprotection:${REGION}::data-identifier/EmailAddress`],
          Operation: { Deny: {} },
        },
      ],
    });
    const put = await sns.send(new PutDataProtectionPolicyCommand({ ResourceArn: arn, DataProtectionPolicy: doc }));
    assert.equal(put.$metadata.httpStatusCode, 200);
    assert.equal((await sns.send(new GetDataProtectionPolicyCommand({ ResourceArn: arn }))).DataProtectionPolicy, doc);
    assert.deepEqual(await attributesOf(arn), before);
  });
});

describe('tags', () => {
  it('TagResource adds and updates, UntagResource removes, duplicates are refused, and tags die with the topic', async () => {
    const name = unique('tags');
    const arn = await createTopic(e2e, undefined, name);
    await expectSnsError(
      sns.send(
        new TagResourceCommand({
          ResourceArn: arn,
          Tags: [
            { Key: 'k1', Value: 'v1' },
            { Key: 'k2', Value: 'v2' },
            { Key: 'k2', Value: 'v2' },
          ],
        }),
      ),
      invalidParameter('Invalid parameter: Duplicated keys are not allowed.'),
    );
    const tagsOf = async () => [...((await sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [])].sort((a, b) => a.Key!.localeCompare(b.Key!));
    assert.deepEqual(await tagsOf(), [], 'the refused call tagged nothing');
    await sns.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [
          { Key: 'k1', Value: 'v1' },
          { Key: 'k2', Value: 'v2' },
        ],
      }),
    );
    assert.deepEqual(await tagsOf(), [
      { Key: 'k1', Value: 'v1' },
      { Key: 'k2', Value: 'v2' },
    ]);
    await sns.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['k1'] }));
    assert.deepEqual(await tagsOf(), [{ Key: 'k2', Value: 'v2' }]);
    await sns.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'k2', Value: 'v2b' }] }));
    assert.deepEqual(await tagsOf(), [{ Key: 'k2', Value: 'v2b' }]);

    await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    await createTopic(e2e, undefined, name);
    assert.deepEqual(await tagsOf(), []);
  });
});
