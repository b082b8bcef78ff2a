/**
 * Step Functions Local's mock configuration file (research sfn.md §3; AWS guide
 * "Configuration file for mocked service integrations"):
 *
 *   { "StateMachines": { "<machine name>": { "TestCases": { "<case>": { "<StateName>": "<MockedResponseName>" } } } },
 *     "MockedResponses": { "<name>": { "0": { "Return": … }, "1-2": { "Throw": { "Error": "…", "Cause": "…" } } } } }
 *
 * A mocked response's keys are 0-based invocation numbers or inclusive ranges `a-b`, counted
 * per state including retries; they must number the invocations consecutively from 0, and each
 * entry has exactly one of `Return` (any JSON) or `Throw` (`Error` required, `Cause` optional).
 * A test case that names a state not mocked leaves that state calling the real integration.
 *
 * Past the last numbered invocation the state fails (`response` gives a `Throw` with
 * `States.Runtime`) rather than calling the real service: LocalStack's reimplementation does
 * the same; what the Step Functions Local JAR does there is not documented. // unverified
 */
import type { Json } from './asl.js';
import { SfnDomainError } from './errors.js';
import type { MockedResponse, MockLookup } from './execution/types.js';

interface RangeEntry {
  from: number;
  to: number;
  response: MockedResponse;
}

class MockConfigError extends Error {
  constructor(source: string, path: string, problem: string) {
    super(`Invalid Step Functions mock config ${source} at ${path}: ${problem}`);
    this.name = 'MockConfigError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON path text for messages: `$.MockedResponses["My Mock"]["1-2"].Throw`. */
function path(...parts: string[]): string {
  return parts.reduce((p, k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${p}.${k}` : `${p}[${JSON.stringify(k)}]`), '$');
}

const RANGE = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/;

function parseResponses(source: string, name: string, raw: unknown): RangeEntry[] {
  const at = (...k: string[]) => path('MockedResponses', name, ...k);
  if (!isObject(raw)) throw new MockConfigError(source, at(), 'a mocked response must be an object keyed by invocation number ("0") or range ("1-2")');
  const entries: RangeEntry[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const m = RANGE.exec(key);
    if (!m) throw new MockConfigError(source, at(key), `'${key}' is not an invocation number ("0") or an inclusive range ("1-2")`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new MockConfigError(source, at(key), `range '${key}' ends before it starts; write it as "${to}-${from}"`);
    if (!isObject(value)) throw new MockConfigError(source, at(key), 'must be an object with exactly one of "Return" or "Throw"');
    const hasReturn = 'Return' in value;
    const hasThrow = 'Throw' in value;
    if (hasReturn === hasThrow) {
      throw new MockConfigError(source, at(key), hasReturn ? 'has both "Return" and "Throw"; keep one' : 'needs exactly one of "Return" or "Throw"');
    }
    const extra = Object.keys(value).filter((k) => k !== 'Return' && k !== 'Throw');
    if (extra.length) throw new MockConfigError(source, at(key, extra[0]!), 'unknown field; an entry has only "Return" or "Throw"');
    if (hasReturn) {
      entries.push({ from, to, response: { Return: value.Return as Json } });
      continue;
    }
    const t = value.Throw;
    if (!isObject(t)) throw new MockConfigError(source, at(key, 'Throw'), 'must be an object {"Error": "...", "Cause": "..."}');
    if (typeof t.Error !== 'string' || t.Error === '') throw new MockConfigError(source, at(key, 'Throw', 'Error'), 'must be a non-empty string (the error name)');
    if (t.Cause !== undefined && typeof t.Cause !== 'string') throw new MockConfigError(source, at(key, 'Throw', 'Cause'), 'must be a string');
    const unknown = Object.keys(t).filter((k) => k !== 'Error' && k !== 'Cause');
    if (unknown.length) throw new MockConfigError(source, at(key, 'Throw', unknown[0]!), 'unknown field; Throw has only "Error" and "Cause"');
    entries.push({ from, to, response: { Throw: t.Cause === undefined ? { Error: t.Error } : { Error: t.Error, Cause: t.Cause } } });
  }
  if (entries.length === 0) throw new MockConfigError(source, at(), 'defines no responses; add at least "0"');
  entries.sort((a, b) => a.from - b.from);
  let next = 0;
  for (const e of entries) {
    const key = e.from === e.to ? String(e.from) : `${e.from}-${e.to}`;
    if (e.from !== next) {
      throw new MockConfigError(
        source,
        at(),
        e.from < next
          ? `invocation ${e.from} is defined twice (key '${key}' overlaps an earlier key)`
          : `invocations must be numbered consecutively from 0: expected a key starting at ${next}, found '${key}'`,
      );
    }
    next = e.to + 1;
  }
  return entries;
}

/** Parse and check a mock config; throws an Error naming `source`, the JSON path and the fix. */
export function loadMockConfig(text: string, source: string): MockLookup {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new MockConfigError(source, '$', `not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(doc)) throw new MockConfigError(source, '$', 'must be an object with "StateMachines" and "MockedResponses"');
  for (const k of Object.keys(doc)) {
    if (k !== 'StateMachines' && k !== 'MockedResponses') throw new MockConfigError(source, path(k), 'unknown field; the top level has only "StateMachines" and "MockedResponses"');
  }
  const rawResponses = doc.MockedResponses ?? {};
  if (!isObject(rawResponses)) throw new MockConfigError(source, '$.MockedResponses', 'must be an object of named mocked responses');
  const responses = new Map<string, RangeEntry[]>();
  for (const [name, raw] of Object.entries(rawResponses)) responses.set(name, parseResponses(source, name, raw));

  const rawMachines = doc.StateMachines ?? {};
  if (!isObject(rawMachines)) throw new MockConfigError(source, '$.StateMachines', 'must be an object keyed by state machine name');
  /** machine → test case → state → response name */
  const machines = new Map<string, Map<string, Map<string, string>>>();
  for (const [machine, rawMachine] of Object.entries(rawMachines)) {
    if (!isObject(rawMachine)) throw new MockConfigError(source, path('StateMachines', machine), 'must be an object {"TestCases": {...}}');
    for (const k of Object.keys(rawMachine)) {
      if (k !== 'TestCases') throw new MockConfigError(source, path('StateMachines', machine, k), 'unknown field; a state machine entry has only "TestCases"');
    }
    const rawCases = rawMachine.TestCases;
    if (!isObject(rawCases)) throw new MockConfigError(source, path('StateMachines', machine, 'TestCases'), 'must be an object keyed by test case name');
    const cases = new Map<string, Map<string, string>>();
    for (const [testCase, rawCase] of Object.entries(rawCases)) {
      const casePath = ['StateMachines', machine, 'TestCases', testCase];
      if (!isObject(rawCase)) throw new MockConfigError(source, path(...casePath), 'must map state names to mocked response names');
      const states = new Map<string, string>();
      for (const [state, responseName] of Object.entries(rawCase)) {
        if (typeof responseName !== 'string') throw new MockConfigError(source, path(...casePath, state), 'must be the name of a mocked response (a string)');
        if (!responses.has(responseName)) {
          throw new MockConfigError(source, path(...casePath, state), `names mocked response '${responseName}', which is not defined under $.MockedResponses`);
        }
        states.set(state, responseName);
      }
      cases.set(testCase, states);
    }
    machines.set(machine, cases);
  }

  const testCaseOf = (machine: string, testCase: string): Map<string, string> => {
    const cases = machines.get(machine);
    const states = cases?.get(testCase);
    if (!states) {
      // LocalStack's wording for an undefined test case (InvalidName at StartExecution). // unverified text
      throw new SfnDomainError(
        'InvalidName',
        `Invalid mock test case name '${testCase}' for state machine '${machine}'. ` +
          (cases ? `The mock config ${source} defines test cases: ${[...cases.keys()].join(', ') || '(none)'}.` : `The mock config ${source} defines no state machine '${machine}'.`),
      );
    }
    return states;
  };

  return {
    hasTestCase(machine, testCase) {
      return machines.get(machine)?.has(testCase) ?? false;
    },
    response(machine, testCase, stateName, invocation) {
      const responseName = testCaseOf(machine, testCase).get(stateName);
      if (responseName === undefined) return undefined;
      const entries = responses.get(responseName)!;
      const hit = entries.find((e) => invocation >= e.from && invocation <= e.to);
      if (hit) return structuredClone(hit.response);
      const last = entries[entries.length - 1]!.to;
      return {
        Throw: {
          Error: 'States.Runtime',
          Cause: `No mocked response for state '${stateName}' invocation ${invocation} in test case '${testCase}': mocked response '${responseName}' in ${source} defines invocations 0-${last}.`, // unverified text
        },
      };
    },
  };
}
