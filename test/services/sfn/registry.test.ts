/** The Step Functions resource registry: machines, versions, aliases, activities, tags. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../src/core/clock.js';
import { SfnDomainError } from '../../../src/engines/statemachine/errors.js';
import { StateMachineRegistry } from '../../../src/engines/statemachine/registry.js';

const scope = { account: '000000000000', region: 'us-east-1' };
const ROLE = 'arn:aws:iam::000000000000:role/r';
const DEF = '{"StartAt":"S","States":{"S":{"Type":"Pass","End":true}}}';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const reg = new StateMachineRegistry({ clock });
  const { machine } = reg.createMachine(scope, { name: 'm', definition: DEF, roleArn: ROLE, type: 'STANDARD' });
  return { clock, reg, machine };
}

const code = (c: string) => (e: unknown) => e instanceof SfnDomainError && e.code === c;

describe('StateMachineRegistry', () => {
  it('creates with AWS defaults; same inputs are idempotent, different ones conflict', () => {
    const { reg, machine } = setup();
    assert.equal(machine.arn, 'arn:aws:states:us-east-1:000000000000:stateMachine:m');
    assert.deepEqual(machine.loggingConfiguration, { level: 'OFF', includeExecutionData: false });
    assert.equal(machine.revisionId, undefined);
    assert.equal(reg.createMachine(scope, { name: 'm', definition: DEF, roleArn: ROLE, type: 'STANDARD' }).created, false);
    assert.throws(() => reg.createMachine(scope, { name: 'm', definition: DEF, roleArn: `${ROLE}2`, type: 'STANDARD' }), code('StateMachineAlreadyExists'));
    assert.throws(() => reg.createMachine(scope, { name: 'm', definition: DEF, roleArn: ROLE, type: 'EXPRESS' }), code('StateMachineAlreadyExists'));
  });

  it('keeps accounts and regions apart', () => {
    const { reg } = setup();
    assert.equal(reg.listMachines({ ...scope, region: 'eu-west-1' }).length, 0);
    assert.equal(reg.listMachines(scope).length, 1);
  });

  it('update: new revision only on change; the compiled cache is dropped with the definition', () => {
    const { reg, machine, clock } = setup();
    machine.compiled = { kind: 'compiled-machine' };
    clock.set(clock.now() + 1000);
    const r1 = reg.updateMachine(scope, machine.arn, { definition: DEF.replace('"S"', '"S"') });
    assert.ok(r1.revisionId);
    assert.ok(machine.compiled, 'unchanged definition keeps the compiled machine');
    const rev1 = r1.revisionId;
    reg.updateMachine(scope, machine.arn, { definition: DEF.replace('Pass', 'Succeed').replace(',"End":true', '') });
    assert.notEqual(machine.revisionId, rev1);
    assert.equal(machine.compiled, undefined);
    assert.equal(machine.updateDate, clock.now());
  });

  it('versions: increasing numbers, unchanged revision returns the latest, numbers never reused', () => {
    const { reg, machine } = setup();
    const v1 = reg.publishVersion(scope, machine.arn, 'one');
    assert.equal(v1.version.arn, `${machine.arn}:1`);
    assert.equal(v1.created, true);
    assert.equal(reg.publishVersion(scope, machine.arn).version, v1.version);
    reg.updateMachine(scope, machine.arn, { roleArn: `${ROLE}2` });
    const v2 = reg.publishVersion(scope, machine.arn).version;
    assert.equal(v2.number, 2);
    assert.equal(v2.roleArn, `${ROLE}2`);
    assert.deepEqual(
      reg.listVersions(scope, machine.arn).map((v) => v.number),
      [2, 1],
    );
    reg.deleteVersion(scope, machine.arn, 2);
    reg.updateMachine(scope, machine.arn, { roleArn: `${ROLE}3` });
    assert.equal(reg.publishVersion(scope, machine.arn).version.number, 3);
    assert.throws(() => reg.publishVersion(scope, machine.arn, undefined, 'stale'), code('ConflictException'));
  });

  it('aliases: idempotent create, conflicts, protect the versions they route to', () => {
    const { reg, machine } = setup();
    const v1 = reg.publishVersion(scope, machine.arn).version;
    const routing = [{ stateMachineVersionArn: v1.arn, weight: 100 }];
    const a = reg.createAlias(scope, machine.arn, { name: 'live', routingConfiguration: routing });
    assert.equal(a.alias.arn, `${machine.arn}:live`);
    assert.equal(reg.createAlias(scope, machine.arn, { name: 'live', routingConfiguration: routing }).created, false);
    assert.throws(() => reg.createAlias(scope, machine.arn, { name: 'live', routingConfiguration: routing, description: 'x' }), code('ConflictException'));
    assert.throws(() => reg.deleteVersion(scope, machine.arn, 1), code('ConflictException'));
    assert.throws(() => reg.updateAlias(scope, machine.arn, 'nope', { description: 'x' }), code('ResourceNotFound'));
    reg.deleteAlias(scope, machine.arn, 'live');
    reg.deleteVersion(scope, machine.arn, 1);
    assert.equal(reg.listVersions(scope, machine.arn).length, 0);
  });

  it('activities and tags', () => {
    const { reg, machine } = setup();
    const act = reg.createActivity(scope, { name: 'a', tags: { k: 'v' } });
    assert.equal(act.arn, 'arn:aws:states:us-east-1:000000000000:activity:a');
    assert.equal(reg.createActivity(scope, { name: 'a' }), act);
    assert.throws(() => reg.requireActivity(scope, `${act.arn}x`), code('ActivityDoesNotExist'));
    reg.tag(scope, act.arn, { k2: 'v2' });
    assert.deepEqual([...reg.tags(scope, act.arn)], [
      ['k', 'v'],
      ['k2', 'v2'],
    ]);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, 'v']));
    assert.throws(() => reg.tag(scope, machine.arn, { ...many, extra: 'v' }), code('TooManyTags'));
    assert.equal(reg.tags(scope, machine.arn).size, 0, 'a refused TagResource changes nothing');
    reg.tag(scope, machine.arn, many);
    assert.throws(() => reg.tags(scope, `${machine.arn}:1`), code('ResourceNotFound'));
    reg.deleteActivity(scope, act.arn);
    assert.equal(reg.getActivity(scope, act.arn), undefined);
  });
});
