/**
 * Runs every case in test/fixtures/input-transforms/*.json through compileTargetInput.
 *
 * A case is a target's input spec and either the exact PutTargets error message (`error`) or an
 * event and the exact payload delivered for it (`expected`; null = AWS delivers nothing). Each
 * case names its source: an AWS recording (LocalStack's AWS-recorded snapshots), the AWS docs, or
 * our reading of them. Files may define named `events` and a render `context`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  compileTargetInput,
  TargetInputError,
  type RenderContext,
  type TargetInputSpec,
} from '../../../src/engines/bus/transform/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/input-transforms/', import.meta.url));

interface TransformCase {
  name: string;
  source: string;
  note?: string;
  targetId?: string;
  memberPath?: string;
  spec: TargetInputSpec;
  /** A name from the file's `events`, or the event itself. */
  event?: string | Record<string, unknown>;
  context?: RenderContext;
  expected?: string | null;
  error?: string;
}

interface FixtureFile {
  about: string;
  context?: RenderContext;
  events?: Record<string, Record<string, unknown>>;
  cases: TransformCase[];
}

const CASE_KEYS = new Set(['name', 'source', 'note', 'targetId', 'memberPath', 'spec', 'event', 'context', 'expected', 'error']);
const DEFAULT_CONTEXT: RenderContext = {
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
  ruleName: 'r',
  ingestionTime: '2024-01-01T00:00:00Z',
};

function loadFixtures(): { file: string; fixture: FixtureFile }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const fixture = JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as FixtureFile;
      assert.ok(typeof fixture.about === 'string' && Array.isArray(fixture.cases) && fixture.cases.length > 0, `${file}: needs "about" and cases`);
      return { file, fixture };
    });
}

/** A malformed case must fail loudly rather than pass by checking nothing. */
function checkShape(c: TransformCase): void {
  for (const key of Object.keys(c)) assert.ok(CASE_KEYS.has(key), `unknown case key "${key}"`);
  assert.ok(c.name && c.source, 'a case needs a name and a source');
  assert.ok(typeof c.spec === 'object' && c.spec !== null, 'a case needs a spec');
  const hasError = c.error !== undefined;
  const hasExpected = c.expected !== undefined;
  assert.ok(hasError !== hasExpected, 'exactly one of "error" and "expected"');
  if (hasExpected) assert.ok(c.event !== undefined, 'an "expected" case needs an event');
}

function eventOf(c: TransformCase, fixture: FixtureFile): Record<string, unknown> {
  if (typeof c.event !== 'string') return c.event ?? {};
  const named = fixture.events?.[c.event];
  assert.ok(named, `no event named "${c.event}"`);
  return structuredClone(named);
}

const fixtures = loadFixtures();

for (const { file, fixture } of fixtures) {
  describe(`input transforms: ${file}`, () => {
    for (const c of fixture.cases) {
      it(c.name, () => {
        checkShape(c);
        const targetId = c.targetId ?? 'target-1';
        const options = c.memberPath === undefined ? {} : { memberPath: c.memberPath };
        if (c.error !== undefined) {
          assert.throws(
            () => compileTargetInput(targetId, c.spec, options),
            (e: unknown) => {
              assert.ok(e instanceof TargetInputError, `expected TargetInputError, got ${String(e)}`);
              assert.equal(e.message, c.error);
              assert.equal(e.targetId, targetId);
              return true;
            },
          );
          return;
        }
        const compiled = compileTargetInput(targetId, c.spec, options);
        const event = eventOf(c, fixture);
        const before = JSON.stringify(event);
        const ctx = c.context ?? fixture.context ?? DEFAULT_CONTEXT;
        const payload = compiled.render(event, ctx);
        assert.equal(payload, c.expected ?? undefined);
        // Rendering is repeatable and leaves the event alone.
        assert.equal(compiled.render(event, ctx), payload);
        assert.equal(JSON.stringify(event), before);
      });
    }
  });
}

describe('input transforms: fixture coverage', () => {
  it('every recorded test id of test_events_inputs.snapshot.json is named by some case', () => {
    // The snapshot's test ids (LocalStack @HEAD), as the cases' sources cite them.
    const recorded = [
      'TestInputPath::test_put_events_with_input_path',
      'TestInputPath::test_put_events_with_input_path_nested[event_detail0]',
      'TestInputPath::test_put_events_with_input_path_nested[event_detail1]',
      'TestInputPath::test_put_events_with_input_path_max_level_depth',
      'TestInputPath::test_put_events_with_input_path_multiple_targets',
      'TestInputTransformer::test_put_events_with_input_transformer_input_template_string',
      'TestInputTransformer::test_put_events_with_input_transformer_input_template_json',
      'TestInputTransformer::test_put_events_with_input_transformer_missing_keys',
      'TestInputTransformer::test_input_transformer_predefined_variables["Message containing all pre defined variables',
      'TestInputTransformer::test_input_transformer_predefined_variables[{"originalEvent": <aws.events.event>',
      'test_put_event_input_path_and_input_transformer',
      '_input_template_string["Event of <detail-type> type',
      '_input_template_string["{[/Check with special starting characters',
      'nested_keys_replacement[{"method": "PUT", "path": "users-service/users/<userId>", "bod": <payload>}]',
      'nested_keys_replacement["Payload of <payload> with path users-service/users/<userId> and <userId>"]',
      'nested_keys_replacement[{"method": "PUT", "path": "users-service/users/<userId>", "id": <userId>, "body": <payload>}]',
      'nested_keys_replacement[{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}]',
      'nested_keys_replacement[{"method": "PUT", "nested": {"level1": {"level2": {"level3": "users-service/users/<userId>"} } }, "bod": "<userId>"}]',
      'nested_keys_replacement["<listsingle> single list item"\\n',
      'nested_keys_replacement[{"id" : <userId>}]',
      'nested_keys_replacement[<listsingle> single list item]',
      'nested_keys_replacement[<listmulti> multiple list items]',
      'nested_keys_replacement["<listsingle> single list item"]',
      'nested_keys_replacement["<listmulti> multiple list items"]',
      'nested_keys_replacement[{"singlelistitem": "<listsingle>", "multiplelistitems": "<listmulti>"}]',
      'nested_keys_replacement[{"singlelistitem": "<listsingle>"}]',
      'nested_keys_replacement[{"singlelistitem": <listsingle>}]',
      'nested_keys_replacement["<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id"]',
      'nested_keys_replacement[{"multi_replacement": "users/<userId>/second/<userId>"}]',
      'nested_keys_replacement[{"id" : "<userId>"}]',
      'nested_keys_replacement["Command is <valid>!"]',
    ];
    const sources = fixtures.flatMap(({ fixture }) => fixture.cases.map((c) => c.source));
    for (const id of recorded) assert.ok(sources.some((s) => s.includes(id)), `no case cites ${id}`);
  });
});

describe('input transforms: limits too long for a fixture', () => {
  it('Input longer than 8192 characters is a constraint error quoting the value', () => {
    const input = `"${'a'.repeat(8191)}"`;
    assert.equal(input.length, 8193);
    assert.throws(() => compileTargetInput('t', { Input: input }, { memberPath: 'targets.2.member' }), {
      name: 'TargetInputError',
      message: `1 validation error detected: Value '${input}' at 'targets.2.member.input' failed to satisfy constraint: Member must have length less than or equal to 8192`,
    });
  });

  it('Input of exactly 8192 characters is delivered', () => {
    const input = `"${'a'.repeat(8190)}"`;
    assert.equal(compileTargetInput('t', { Input: input }).render({}, DEFAULT_CONTEXT), input);
  });

  it('InputTemplate longer than 8192 characters is a constraint error', () => {
    const template = `"${'b'.repeat(8191)}"`;
    assert.throws(() => compileTargetInput('t', { InputTransformer: { InputTemplate: template } }), {
      name: 'TargetInputError',
      message: `1 validation error detected: Value '${template}' at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to 8192`,
    });
  });

  it('a compiled template renders many events without re-reading the spec', () => {
    const spec = { InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"id": <id>, "rule": <aws.events.rule-name>}' } };
    const compiled = compileTargetInput('t', spec);
    spec.InputTransformer.InputTemplate = '"changed"';
    spec.InputTransformer.InputPathsMap.id = '$.nothing';
    for (let i = 0; i < 3; i++) {
      assert.equal(compiled.render({ detail: { id: `n${i}` } }, DEFAULT_CONTEXT), `{"id":"n${i}","rule":"r"}`);
    }
  });
});
