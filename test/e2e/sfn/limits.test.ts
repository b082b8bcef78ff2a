/**
 * Step Functions size and depth limits through @aws-sdk/client-sfn: the model's 1,048,576
 * definition and 262,144 payload lengths (UTF-8 bytes, API reference), answered as AWS words a
 * sensitive member's constraint; definitions and payloads nested deeper than Jackson's default
 * 1,000 levels are refused before any recursive walk (no stack overflow, no 500).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  TestStateCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { PASS_DEFINITION, ROLE, rejects, startSfn, uniqueName, type SfnE2e } from './harness.js';

let h: SfnE2e;
before(async () => {
  h = await startSfn();
});
after(() => h.close());

const tooLong = (member: string, max: number) =>
  `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;

/** A valid definition padded (in Comment) to `bytes` UTF-8 bytes. */
function definitionOf(bytes: number, pad = 'x'): string {
  const base = JSON.stringify({ Comment: '', StartAt: 'S', States: { S: { Type: 'Pass', End: true } } });
  const unit = Buffer.byteLength(pad);
  return base.replace('"Comment":""', `"Comment":"${pad.repeat(Math.floor((bytes - Buffer.byteLength(base)) / unit))}"`);
}

const NESTING = 'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)';
const deepResult = (n: number) => `${'{"a":'.repeat(n)}0${'}'.repeat(n)}`;
const notChain = (n: number) => `${'{"Not":'.repeat(n)}{"Variable":"$.x","IsPresent":true}${'}'.repeat(n)}`;
function nestedParallel(n: number): string {
  // State names are unique across the whole machine (DUPLICATE_STATE_NAME otherwise).
  let r = '{"StartAt":"L","States":{"L":{"Type":"Pass","Result":"leaf","End":true}}}';
  for (let i = 0; i < n; i++) r = `{"StartAt":"P${i}","States":{"P${i}":{"Type":"Parallel","Branches":[${r}],"End":true}}}`;
  return r;
}
const passWith = (result: string) => `{"StartAt":"S","States":{"S":{"Type":"Pass","Result":${result},"End":true}}}`;
const choiceWith = (rule: string) => `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"And":[${rule}],"Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}`;

describe('definition size (1,048,576 bytes)', () => {
  it('CreateStateMachine, UpdateStateMachine, ValidateStateMachineDefinition and TestState refuse a longer definition', async () => {
    const big = definitionOf(1_048_577);
    assert.equal(Buffer.byteLength(big), 1_048_577);
    await rejects(h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Big'), definition: big, roleArn: ROLE })), 'ValidationException', tooLong('definition', 1_048_576));
    await rejects(h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: big })), 'ValidationException', tooLong('definition', 1_048_576));
    await rejects(h.sfn.send(new TestStateCommand({ definition: big, roleArn: ROLE })), 'ValidationException', tooLong('definition', 1_048_576));
    const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Small'), definition: PASS_DEFINITION, roleArn: ROLE }));
    await rejects(h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: big })), 'ValidationException', tooLong('definition', 1_048_576));
  });

  it('exactly 1,048,576 bytes is accepted; multi-byte characters count as their UTF-8 bytes', async () => {
    const max = definitionOf(1_048_576);
    assert.equal(Buffer.byteLength(max), 1_048_576);
    await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Max'), definition: max, roleArn: ROLE }));
    const wide = definitionOf(1_048_578, 'é');
    assert.ok(wide.length < 1_048_576);
    await rejects(h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: wide })), 'ValidationException', tooLong('definition', 1_048_576));
  });
});

describe('payload size (262,144 bytes)', () => {
  it('StartExecution, StartSyncExecution and TestState refuse a longer input', async () => {
    const input = JSON.stringify({ s: 'x'.repeat(262_144) });
    const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('In'), definition: PASS_DEFINITION, roleArn: ROLE }));
    await rejects(h.sfn.send(new StartExecutionCommand({ stateMachineArn, input })), 'ValidationException', tooLong('input', 262_144));
    const express = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('InX'), definition: PASS_DEFINITION, roleArn: ROLE, type: 'EXPRESS' }));
    await rejects(h.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn, input })), 'ValidationException', tooLong('input', 262_144));
    await rejects(h.sfn.send(new TestStateCommand({ definition: '{"Type":"Pass","End":true}', roleArn: ROLE, input })), 'ValidationException', tooLong('input', 262_144));
    // Multi-byte: fewer than 262,144 characters but more bytes.
    const wide = JSON.stringify({ s: 'é'.repeat(140_000) });
    assert.ok(wide.length < 262_144);
    await rejects(h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: wide })), 'ValidationException', tooLong('input', 262_144));
    // Exactly at the limit runs.
    const max = JSON.stringify({ s: 'x'.repeat(262_144 - 8) });
    assert.equal(Buffer.byteLength(max), 262_144);
    const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: max }));
    let d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (d.status === 'RUNNING') d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(d.status, 'SUCCEEDED');
  });

  it('SendTaskSuccess refuses a longer output before looking at the token', async () => {
    await rejects(h.sfn.send(new SendTaskSuccessCommand({ taskToken: 'nope', output: JSON.stringify('x'.repeat(262_144)) })), 'ValidationException', tooLong('output', 262_144));
  });

  it('a state whose output grows past the limit fails with States.DataLimitExceeded', async () => {
    const def = JSON.stringify({
      StartAt: 'Grow',
      States: { Grow: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } },
    });
    const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Grow'), definition: def, roleArn: ROLE }));
    const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ s: 'x'.repeat(200_000) }) }));
    let d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (d.status === 'RUNNING') d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(d.status, 'FAILED');
    assert.equal(d.error, 'States.DataLimitExceeded');
    assert.equal(d.cause, "The state/task 'Grow' returned a result with a size exceeding the maximum number of bytes service limit.");
  });
});

describe('nesting depth (Jackson default: 1,000)', () => {
  const cases: Array<[string, (n: number) => string, number]> = [
    ['a nested Result in Pass', (n) => passWith(deepResult(n)), 996],
    ['a Not chain in Choice', (n) => choiceWith(notChain(n)), 990],
    ['Parallel in Parallel', nestedParallel, 249],
  ];
  for (const [what, make, ok] of cases) {
    it(`${what}: deeper than 1,000 levels is InvalidDefinition, not a stack overflow`, async () => {
      for (const levels of [ok + 10, 10_000]) {
        const definition = make(levels);
        await rejects(
          h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Deep'), definition, roleArn: ROLE })),
          'InvalidDefinition',
          `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${NESTING}'`,
        );
        const v = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition }));
        assert.equal(v.result, 'FAIL');
        assert.equal(v.diagnostics?.[0]?.code, 'INVALID_JSON_DESCRIPTION');
        assert.equal(v.diagnostics?.[0]?.message, NESTING);
        await rejects(h.sfn.send(new TestStateCommand({ definition, roleArn: ROLE, stateName: 'S' })), 'InvalidDefinition', `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${NESTING}'`);
      }
    });

    it(`${what}: just within the limit is accepted and runs`, async () => {
      const definition = make(ok);
      const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('Deep'), definition, roleArn: ROLE }));
      const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"x":1}' }));
      let d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
      while (d.status === 'RUNNING') {
        await new Promise((r) => setTimeout(r, 10));
        d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
      }
      assert.equal(d.status, 'SUCCEEDED', d.cause);
    });
  }

  it('TestState refuses a deep single-state definition', async () => {
    const definition = `{"Type":"Pass","Result":${deepResult(1000)},"End":true}`;
    await rejects(h.sfn.send(new TestStateCommand({ definition, roleArn: ROLE })), 'InvalidDefinition', `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${NESTING}'`);
  });

  it('execution input nested deeper than 1,000 levels is InvalidExecutionInput', async () => {
    const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name: uniqueName('DeepIn'), definition: PASS_DEFINITION, roleArn: ROLE }));
    const input = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    await rejects(h.sfn.send(new StartExecutionCommand({ stateMachineArn, input })), 'InvalidExecutionInput', `Invalid State Machine Execution Input: '${NESTING}'`);
    await rejects(h.sfn.send(new TestStateCommand({ definition: '{"Type":"Pass","End":true}', roleArn: ROLE, input })), 'InvalidExecutionInput', `Invalid State Machine Execution Input: '${NESTING}'`);
    // 1,000 levels (with brackets inside strings ignored) is fine.
    const ok = `${'['.repeat(999)}"[[[["${']'.repeat(999)}`;
    await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: `[${ok}]` }));
  });
});
