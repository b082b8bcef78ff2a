/** EventBridge's coral constraint messages, one case per rule kind. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Coral, ENUMS, RULES } from '../../../src/services/events/connections/coral.js';

function message(build: (c: Coral) => void): string | undefined {
  const c = new Coral();
  build(c);
  return c.error()?.message;
}

const CASES: Array<{ name: string; build: (c: Coral) => void; expected: string | undefined }> = [
  {
    name: 'a valid name passes',
    build: (c) => c.string(['Name'], 'my.conn-1_A', RULES.resourceName),
    expected: undefined,
  },
  {
    name: 'pattern (full match)',
    build: (c) => c.string(['Name'], 'a/b', RULES.resourceName),
    expected: "1 validation error detected: Value 'a/b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
  },
  {
    name: 'empty string: pattern and minimum length',
    build: (c) => c.string(['Name'], '', RULES.resourceName),
    expected:
      "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; " +
      "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
  },
  {
    name: "'.*' does not match a line break, as in Java",
    build: (c) => c.string(['Description'], 'two\nlines', RULES.description),
    expected: "1 validation error detected: Value 'two\nlines' at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: .*",
  },
  {
    name: 'sensitive members are reported without their value',
    build: (c) => c.string(['AuthParameters', 'ApiKeyAuthParameters', 'ApiKeyValue'], 'x'.repeat(513), RULES.authHeaderSensitive),
    expected:
      "1 validation error detected: Value at 'authParameters.apiKeyAuthParameters.apiKeyValue' failed to satisfy constraint: Member must have length less than or equal to 512",
  },
  {
    name: 'list members are numbered with .member',
    build: (c) => c.string(['AuthParameters', 'InvocationHttpParameters', 'HeaderParameters', 2, 'Key'], 'bad key', RULES.headerKey),
    expected:
      "1 validation error detected: Value 'bad key' at 'authParameters.invocationHttpParameters.headerParameters.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[!#$%&'*+-.^_`|~0-9a-zA-Z]+$",
  },
  {
    name: 'enum, exact case',
    build: (c) => c.enumValue(['ConnectionState'], 'authorized', ENUMS.connectionState),
    expected:
      "1 validation error detected: Value 'authorized' at 'connectionState' failed to satisfy constraint: Member must satisfy enum value set: [CREATING, UPDATING, DELETING, AUTHORIZED, DEAUTHORIZED, AUTHORIZING, DEAUTHORIZING, ACTIVE, FAILED_CONNECTIVITY]",
  },
  {
    name: 'enum, case-insensitive (OAuth HttpMethod)',
    build: (c) => c.enumValue(['HttpMethod'], 'put', ENUMS.oauthHttpMethod, true),
    expected: undefined,
  },
  {
    name: 'integer bounds',
    build: (c) => c.integer(['Limit'], 101, 1, 100),
    expected: "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
  },
  {
    name: 'list length, rendered like Java',
    build: (c) => c.list(['EventBuses'], [{ EventBusArn: 'arn:x' }], 2, 2),
    expected:
      "1 validation error detected: Value '[{eventBusArn=arn:x}]' at 'eventBuses' failed to satisfy constraint: Member must have length greater than or equal to 2",
  },
];

describe('coral validation messages', () => {
  for (const c of CASES) {
    it(c.name, () => assert.equal(message(c.build), c.expected));
  }

  it('raises ValidationException (400)', () => {
    const c = new Coral();
    c.integer(['Limit'], 0, 1, 100);
    assert.throws(
      () => c.throwIfAny(),
      (e: { code: string; status: number }) => e.code === 'ValidationException' && e.status === 400,
    );
  });
});
