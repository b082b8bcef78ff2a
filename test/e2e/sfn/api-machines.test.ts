/**
 * Step Functions state machine API through @aws-sdk/client-sfn: Create/Describe/Update/Delete/
 * ListStateMachines, ValidateStateMachineDefinition, tagging. Expected texts are AWS's, as
 * recorded in LocalStack's snapshots (test_sfn_api*, test_sfn_api_tagging, _versioning, _logs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  PublishStateMachineVersionCommand,
} from '@aws-sdk/client-sfn';
import { ACCOUNT, PASS_DEFINITION, REGION, ROLE, machineArn, rejects, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

const create = (name: string, extra: Record<string, unknown> = {}) =>
  h.sfn.send(new CreateStateMachineCommand({ name, definition: PASS_DEFINITION, roleArn: ROLE, ...extra }));

describe('CreateStateMachine / DescribeStateMachine', () => {
  it('creates a Standard machine and describes it as AWS does', async () => {
    const name = uniqueName('sm');
    const c = await create(name);
    assert.equal(c.stateMachineArn, machineArn(name));
    assert.ok(c.creationDate instanceof Date);
    assert.equal(c.stateMachineVersionArn, undefined);
    const d = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn }));
    assert.equal(d.name, name);
    assert.equal(d.status, 'ACTIVE');
    assert.equal(d.type, 'STANDARD');
    assert.equal(d.roleArn, ROLE);
    assert.deepEqual(JSON.parse(d.definition!), JSON.parse(PASS_DEFINITION));
    assert.deepEqual(d.loggingConfiguration, { level: 'OFF', includeExecutionData: false });
    assert.deepEqual(d.tracingConfiguration, { enabled: false });
    assert.equal(d.revisionId, undefined);
    assert.equal(d.creationDate?.getTime(), c.creationDate?.getTime());
    assert.deepEqual(d.encryptionConfiguration, { type: 'AWS_OWNED_KEY' }, 'the default encryption is described (recorded since 2024-11)');
  });

  it('describes versions with their encryptionConfiguration; a customer key is kept', async () => {
    const name = uniqueName('sm-kms');
    const kms = { type: 'CUSTOMER_MANAGED_KMS_KEY' as const, kmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k1', kmsDataKeyReusePeriodSeconds: 300 };
    const c = await create(name, { encryptionConfiguration: kms, publish: true });
    assert.deepEqual((await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn }))).encryptionConfiguration, kms);
    assert.deepEqual((await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineVersionArn }))).encryptionConfiguration, kms);
    const plain = await create(uniqueName('sm-plain'), { publish: true });
    assert.deepEqual((await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: plain.stateMachineVersionArn }))).encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
  });

  it('creates an Express machine', async () => {
    const c = await create(uniqueName('ex'), { type: 'EXPRESS' });
    const d = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn }));
    assert.equal(d.type, 'EXPRESS');
  });

  it('is idempotent for the same name, definition and role; else StateMachineAlreadyExists', async () => {
    const name = uniqueName('dup');
    const a = await create(name);
    const b = await create(name);
    assert.equal(b.stateMachineArn, a.stateMachineArn);
    assert.equal(b.creationDate?.getTime(), a.creationDate?.getTime());
    const other = JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Pass', End: true } } });
    await rejects(
      h.sfn.send(new CreateStateMachineCommand({ name, definition: other, roleArn: ROLE })),
      'StateMachineAlreadyExists',
      `State Machine Already Exists: '${a.stateMachineArn}'`,
    );
  });

  it('publish: true creates version 1; versionDescription needs publish', async () => {
    const name = uniqueName('pub');
    const c = await create(name, { publish: true, versionDescription: 'first' });
    assert.equal(c.stateMachineVersionArn, `${machineArn(name)}:1`);
    const v = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineVersionArn }));
    assert.equal(v.stateMachineArn, c.stateMachineVersionArn);
    assert.equal(v.description, 'first');
    assert.equal(v.name, name);
    await rejects(create(uniqueName('pub'), { versionDescription: 'x' }), 'ValidationException', 'Version description can only be set when publish is true');
  });

  it('refuses invalid names with InvalidName', async () => {
    for (const bad of ['sm name', 'sm<name', 'sm{name', 'sm[name', 'sm?name', 'sm*name', 'sm"name', 'sm#name', 'sm%name', 'sm\\name', 'sm^name', 'sm|name', 'sm~name', 'sm`name', 'sm$name', 'sm&name', 'sm,name', 'sm;name', 'sm:name', 'sm/name', 'sm\u0001'])
      await rejects(create(bad), 'InvalidName', `Invalid Name: '${bad}'`);
  });

  it('refuses a definition without States with InvalidDefinition', async () => {
    await rejects(
      h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('bad'), definition: JSON.stringify({ StartAt: 'S' }), roleArn: ROLE })),
      'InvalidDefinition',
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
    );
  });

  it('refuses a role that is not an ARN with InvalidArn', async () => {
    await rejects(
      h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('r'), definition: PASS_DEFINITION, roleArn: 'not-a-role' })),
      'InvalidArn',
      "Invalid Arn: 'Invalid ARN prefix: not-a-role'",
    );
  });

  it('refuses logging levels without exactly one destination', async () => {
    await rejects(
      create(uniqueName('log'), { loggingConfiguration: { level: 'ALL', includeExecutionData: true } }),
      'InvalidLoggingConfiguration',
      'Invalid Logging Configuration: Must specify exactly one Log Destination.',
    );
  });

  it('describe: InvalidArn for a non-ARN, StateMachineDoesNotExist for a missing machine', async () => {
    await rejects(h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not_a_valid_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
    const missing = machineArn('no-such-machine');
    await rejects(h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: missing })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${missing}'`);
  });

  it('is scoped per account and region', async () => {
    const name = uniqueName('scoped');
    await create(name);
    const west = h.client({ region: 'us-west-2' });
    const arn = machineArn(name, 'us-west-2');
    await rejects(west.send(new DescribeStateMachineCommand({ stateMachineArn: arn })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    const other = h.client({ account: '111111111111' });
    const c = await other.send(new CreateStateMachineCommand({ name, definition: PASS_DEFINITION, roleArn: ROLE }));
    assert.equal(c.stateMachineArn, machineArn(name, REGION, '111111111111'));
  });
});

describe('UpdateStateMachine', () => {
  it('updates the definition with a new revisionId each time', async () => {
    const c = await create(uniqueName('upd'));
    const def2 = PASS_DEFINITION.replace('argument1', 'AfterUpdate1');
    const u1 = await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, definition: def2 }));
    assert.ok(u1.revisionId);
    assert.ok(u1.updateDate instanceof Date);
    const d1 = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn }));
    assert.equal(d1.revisionId, u1.revisionId);
    assert.equal(JSON.parse(d1.definition!).States.State_1.Result.Arg1, 'AfterUpdate1');
    const u2 = await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, definition: PASS_DEFINITION.replace('argument1', 'AfterUpdate2') }));
    assert.notEqual(u2.revisionId, u1.revisionId);
    // Same parameters again: the revision does not change.
    const u3 = await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, definition: PASS_DEFINITION.replace('argument1', 'AfterUpdate2') }));
    assert.equal(u3.revisionId, u2.revisionId);
  });

  it('updates the role; publish returns a version ARN', async () => {
    const c = await create(uniqueName('updr'));
    const u = await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, roleArn: `${ROLE}-2`, publish: true, versionDescription: 'v' }));
    assert.equal(u.stateMachineVersionArn, `${c.stateMachineArn}:1`);
    const d = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn }));
    assert.equal(d.roleArn, `${ROLE}-2`);
  });

  it('MissingRequiredParameter when nothing is given', async () => {
    const c = await create(uniqueName('none'));
    await rejects(
      h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn })),
      'MissingRequiredParameter',
      'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
    );
  });

  it('StateMachineDoesNotExist for a version ARN or a missing machine', async () => {
    const c = await create(uniqueName('updv'), { publish: true });
    const v2 = `${c.stateMachineArn}:2`;
    await rejects(h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: v2, definition: PASS_DEFINITION })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${v2}'`);
    await rejects(
      h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, definition: PASS_DEFINITION, versionDescription: 'x' })),
      'ValidationException',
      'Version description can only be set when publish is true',
    );
  });
});

describe('DeleteStateMachine / ListStateMachines', () => {
  it('deletes (and deleting a missing machine succeeds)', async () => {
    const c = await create(uniqueName('del'));
    await h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: c.stateMachineArn }));
    await rejects(h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${c.stateMachineArn}'`);
    await h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: c.stateMachineArn }));
    await rejects(h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: 'nope' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: nope'");
  });

  it('lists with paging and validates maxResults and nextToken', async () => {
    const client = h.client({ account: '222222222222' });
    for (let i = 0; i < 5; i++) await client.send(new CreateStateMachineCommand({ name: `list-${i}`, definition: PASS_DEFINITION, roleArn: ROLE }));
    const all = await client.send(new ListStateMachinesCommand({}));
    assert.deepEqual(
      all.stateMachines!.map((m) => m.name),
      ['list-0', 'list-1', 'list-2', 'list-3', 'list-4'],
    );
    assert.equal(all.stateMachines![0]!.type, 'STANDARD');
    assert.ok(all.stateMachines![0]!.creationDate instanceof Date);
    const p1 = await client.send(new ListStateMachinesCommand({ maxResults: 2 }));
    assert.equal(p1.stateMachines!.length, 2);
    assert.ok(p1.nextToken);
    const p2 = await client.send(new ListStateMachinesCommand({ maxResults: 3, nextToken: p1.nextToken }));
    assert.deepEqual(
      p2.stateMachines!.map((m) => m.name),
      ['list-2', 'list-3', 'list-4'],
    );
    assert.equal(p2.nextToken, undefined);
    await rejects(
      client.send(new ListStateMachinesCommand({ maxResults: 1001 })),
      'ValidationException',
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    const long = 'x'.repeat(1025);
    await rejects(
      client.send(new ListStateMachinesCommand({ nextToken: long })),
      'ValidationException',
      `1 validation error detected: Value '${long}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024`,
    );
    await rejects(client.send(new ListStateMachinesCommand({ nextToken: 'garbage' })), 'InvalidToken', "Invalid Token: 'Invalid token'");
  });
});

describe('ValidateStateMachineDefinition', () => {
  it('answers OK for a valid definition', async () => {
    const r = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS_DEFINITION }));
    assert.equal(r.result, 'OK');
    assert.deepEqual(r.diagnostics, []);
  });

  it('FAIL with diagnostics for a definition without States', async () => {
    const r = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: 'S' }) }));
    assert.equal(r.result, 'FAIL');
    assert.equal(r.diagnostics![0]!.severity, 'ERROR');
    assert.equal(r.diagnostics![0]!.code, 'SCHEMA_VALIDATION_FAILED');
  });

  it('validates its enums', async () => {
    await rejects(
      h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS_DEFINITION, type: 'FAST' as never })),
      'ValidationException',
      "1 validation error detected: Value 'FAST' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
    );
  });
});

describe('TagResource / UntagResource / ListTagsForResource', () => {
  it('tags at creation, adds, overwrites, removes', async () => {
    const c = await create(uniqueName('tag'), { tags: [{ key: 'key1', value: 'value1' }, { key: 'key2', value: 'value2' }] });
    const arn = c.stateMachineArn!;
    assert.deepEqual((await h.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [
      { key: 'key1', value: 'value1' },
      { key: 'key2', value: 'value2' },
    ]);
    await h.sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'key1', value: '' }, { key: 'key3', value: 'v3' }] }));
    await h.sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['key2', 'nope'] }));
    assert.deepEqual((await h.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [
      { key: 'key1', value: '' },
      { key: 'key3', value: 'v3' },
    ]);
  });

  it('ResourceNotFound for versions and missing resources; InvalidArn for non-ARNs', async () => {
    const c = await create(uniqueName('tagv'));
    const v = await h.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: c.stateMachineArn }));
    await rejects(
      h.sfn.send(new TagResourceCommand({ resourceArn: v.stateMachineVersionArn, tags: [{ key: 'k', value: 'v' }] })),
      'ResourceNotFound',
      `Resource not found: '${v.stateMachineVersionArn}'`,
      404,
    );
    const missing = machineArn('missing-tags');
    await rejects(h.sfn.send(new ListTagsForResourceCommand({ resourceArn: missing })), 'ResourceNotFound', `Resource not found: '${missing}'`, 404);
    await rejects(h.sfn.send(new UntagResourceCommand({ resourceArn: 'x', tagKeys: ['a'] })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: x'");
  });

  it('TooManyTags beyond 50', async () => {
    const c = await create(uniqueName('many'));
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await assert.rejects(h.sfn.send(new TagResourceCommand({ resourceArn: c.stateMachineArn, tags })), (e: Error) => e.name === 'TooManyTags');
    assert.equal((await h.sfn.send(new ListTagsForResourceCommand({ resourceArn: c.stateMachineArn }))).tags!.length, 0);
  });
});

void ACCOUNT;
