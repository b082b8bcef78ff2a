/**
 * Step Functions versions and aliases through @aws-sdk/client-sfn. Expected texts are AWS's, as
 * recorded in LocalStack's test_sfn_api_versioning and test_sfn_api_aliasing snapshots.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineVersionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { PASS_DEFINITION, ROLE, machineArn, rejects, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

async function machineWithVersions(n: number): Promise<{ arn: string; versions: string[] }> {
  const c = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('ver'), definition: PASS_DEFINITION, roleArn: ROLE }));
  const versions: string[] = [];
  for (let i = 1; i <= n; i++) {
    if (i > 1) await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, definition: PASS_DEFINITION.replace('argument1', `rev${i}`) }));
    const p = await h.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: c.stateMachineArn, description: `v${i}` }));
    versions.push(p.stateMachineVersionArn!);
  }
  return { arn: c.stateMachineArn!, versions };
}

describe('PublishStateMachineVersion / ListStateMachineVersions / DeleteStateMachineVersion', () => {
  it('publishes increasing versions; an unchanged revision returns the existing version', async () => {
    const { arn, versions } = await machineWithVersions(2);
    assert.deepEqual(versions, [`${arn}:1`, `${arn}:2`]);
    const again = await h.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn }));
    assert.equal(again.stateMachineVersionArn, `${arn}:2`);
    assert.ok(again.creationDate instanceof Date);
    const list = await h.sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    assert.deepEqual(
      list.stateMachineVersions!.map((v) => v.stateMachineVersionArn),
      [`${arn}:2`, `${arn}:1`],
    );
    const d = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}:1` }));
    assert.equal(d.description, 'v1');
    assert.equal(JSON.parse(d.definition!).States.State_1.Result.Arg1, 'argument1');
  });

  it('version numbers are not reused after deletion', async () => {
    const { arn } = await machineWithVersions(2);
    await h.sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:2` }));
    await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: PASS_DEFINITION.replace('argument1', 'rev3') }));
    const p = await h.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn }));
    assert.equal(p.stateMachineVersionArn, `${arn}:3`);
    await rejects(h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}:2` })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}:2'`);
  });

  it('errors: InvalidArn, StateMachineDoesNotExist, paging limits', async () => {
    await rejects(h.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: 'invalid_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: invalid_arn'");
    const missing = machineArn('no-such-sm');
    await rejects(h.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: missing })), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${missing}'`);
    const { arn } = await machineWithVersions(1);
    await rejects(
      h.sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, maxResults: 1001 })),
      'ValidationException',
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });
});

describe('state machine aliases', () => {
  it('creates (idempotently), describes, lists, updates and deletes an alias', async () => {
    const { arn, versions } = await machineWithVersions(2);
    const routing = [{ stateMachineVersionArn: versions[0]!, weight: 100 }];
    const c = await h.sfn.send(new CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: routing, description: 'd' }));
    assert.equal(c.stateMachineAliasArn, `${arn}:live`);
    assert.ok(c.creationDate instanceof Date);
    const again = await h.sfn.send(new CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: routing, description: 'd' }));
    assert.equal(again.stateMachineAliasArn, c.stateMachineAliasArn);
    await rejects(
      h.sfn.send(new CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: routing, description: 'other' })),
      'ConflictException',
      'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
      409,
    );
    const d = await h.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: c.stateMachineAliasArn }));
    assert.equal(d.name, 'live');
    assert.equal(d.description, 'd');
    assert.deepEqual(d.routingConfiguration, routing);
    const list = await h.sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn }));
    assert.deepEqual(
      list.stateMachineAliases!.map((a) => a.stateMachineAliasArn),
      [c.stateMachineAliasArn],
    );
    const split = [
      { stateMachineVersionArn: versions[0]!, weight: 30 },
      { stateMachineVersionArn: versions[1]!, weight: 70 },
    ];
    const u = await h.sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: c.stateMachineAliasArn, routingConfiguration: split }));
    assert.ok(u.updateDate instanceof Date);
    assert.deepEqual((await h.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: c.stateMachineAliasArn }))).routingConfiguration, split);
    // Aliases that route to a version, listed from the version ARN.
    const byVersion = await h.sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: versions[1]! }));
    assert.equal(byVersion.stateMachineAliases!.length, 1);
    await rejects(
      h.sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: versions[0]! })),
      'ConflictException',
      'Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]',
      409,
    );
    await h.sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: c.stateMachineAliasArn }));
    // Deleting it again succeeds (recorded: test_sfn_api_aliasing::test_delete_no_such_alias_arn).
    await h.sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: c.stateMachineAliasArn }));
    await rejects(
      h.sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: c.stateMachineAliasArn, description: 'x' })),
      'ResourceNotFound',
      'Request references a resource that does not exist.',
      404,
    );
    await h.sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: versions[0]! }));
  });

  it('validates names and routing configurations as AWS does', async () => {
    const { arn, versions } = await machineWithVersions(3);
    const one = [{ stateMachineVersionArn: versions[0]!, weight: 100 }];
    const pattern = '^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$';
    for (const bad of ['INVALID ALIAS', '!INVALID', 'ALIAS@', '123'])
      await rejects(
        h.sfn.send(new CreateStateMachineAliasCommand({ name: bad, routingConfiguration: one })),
        'ValidationException',
        `1 validation error detected: Value '${bad}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
      );
    const long = 'A'.repeat(81);
    await rejects(
      h.sfn.send(new CreateStateMachineAliasCommand({ name: long, routingConfiguration: one })),
      'ValidationException',
      `1 validation error detected: Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    );
    await rejects(
      h.sfn.send(new CreateStateMachineAliasCommand({ name: 'a', routingConfiguration: [{ stateMachineVersionArn: versions[0]!, weight: 101 }] })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    await rejects(
      h.sfn.send(new CreateStateMachineAliasCommand({ name: 'a', routingConfiguration: [{ stateMachineVersionArn: arn, weight: 100 }] })),
      'ValidationException',
      `Routing configuration must contain state machine version ARNs. Received: [${arn}]`,
    );
    await rejects(
      h.sfn.send(
        new CreateStateMachineAliasCommand({
          name: 'a',
          routingConfiguration: [
            { stateMachineVersionArn: versions[0]!, weight: 50 },
            { stateMachineVersionArn: versions[0]!, weight: 50 },
          ],
        }),
      ),
      'ValidationException',
      `Routing configuration must contain distinct state machine version ARNs. Received: [${versions[0]}, ${versions[0]}]`,
    );
    await rejects(
      h.sfn.send(
        new CreateStateMachineAliasCommand({
          name: 'a',
          routingConfiguration: [
            { stateMachineVersionArn: versions[0]!, weight: 70 },
            { stateMachineVersionArn: versions[1]!, weight: 29 },
          ],
        }),
      ),
      'ValidationException',
      'Sum of routing configuration weights must equal 100. Received: [70, 29]',
    );
    const three = [
      { stateMachineVersionArn: versions[0]!, weight: 50 },
      { stateMachineVersionArn: versions[1]!, weight: 30 },
      { stateMachineVersionArn: versions[2]!, weight: 20 },
    ];
    await rejects(
      h.sfn.send(new CreateStateMachineAliasCommand({ name: 'a', routingConfiguration: three })),
      'ValidationException',
      `1 validation error detected: Value '[${three.map((e) => `RoutingConfigurationListItem(stateMachineVersionArn=${e.stateMachineVersionArn}, weight=${e.weight})`).join(', ')}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`,
    );
    await rejects(
      h.sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn, maxResults: 1001 })),
      'ValidationException',
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    await rejects(h.sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn, nextToken: 'bad' })), 'InvalidToken', "Invalid Token: 'Invalid token'");
  });
});
