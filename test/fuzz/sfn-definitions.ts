/**
 * Step Functions definitions that stress the compiler and interpreter: deep Parallel, Choice
 * and Not nesting, huge And/Or, and runaway loops (Pass or Wait 0 back to itself). The fuzzer
 * creates a state machine from each and starts an execution; the health probe shows whether the
 * server stays responsive.
 */
import type { Rng } from './prng.js';

export interface Definition {
  label: string;
  text: string;
  /** A loop that never ends by itself: AWS fails it at 25,000 history events. */
  runaway: boolean;
}

export function sfnDefinition(rng: Rng): Definition {
  const d = rng.depth(rng.chance(0.5) ? 2000 : 100_000);
  const cases: Array<() => Definition> = [
    () => {
      const open = '{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[';
      return { label: `Parallel nested ×${d}`, text: open.repeat(d) + '{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}' + ']}}}'.repeat(d), runaway: false };
    },
    () => ({
      label: `Choice with Not nested ×${d}`,
      text: `{"StartAt":"C","States":{"C":{"Type":"Choice","Default":"E","Choices":[{"Next":"E",${'"Not":{'.repeat(d)}"Variable":"$.x","IsPresent":true${'}'.repeat(d)}}]},"E":{"Type":"Succeed"}}}`,
      runaway: false,
    }),
    () => ({
      label: `Choice with And of ${d} rules`,
      text: `{"StartAt":"C","States":{"C":{"Type":"Choice","Default":"E","Choices":[{"Next":"E","And":[${Array.from({ length: Math.min(d, 20000) }, () => '{"Variable":"$.x","IsPresent":false}').join(',')}]}]},"E":{"Type":"Succeed"}}}`,
      runaway: false,
    }),
    () => ({ label: 'Pass loop', text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}}', runaway: true }),
    () => ({ label: 'Wait 0 loop', text: '{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":0,"Next":"A"}}}', runaway: true }),
    () => ({ label: 'Pass/Wait 0 ping-pong', text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Wait","Seconds":0,"Next":"A"}}}', runaway: true }),
    () => ({ label: 'Choice loop', text: '{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":false,"Next":"C"}],"Default":"C"}}}', runaway: true }),
    () => ({
      label: 'Map over 10,000 items, each a Pass',
      text: `{"StartAt":"L","States":{"L":{"Type":"Pass","Result":[${Array(10000).fill(1).join(',')}],"Next":"M"},"M":{"Type":"Map","MaxConcurrency":0,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},"End":true}}}`,
      runaway: false,
    }),
    () => ({ label: 'States.ArrayRange to 10^9', text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"r.$":"States.ArrayRange(1, 1000000000, 1)"},"End":true}}}', runaway: false }),
    () => ({ label: 'JSONata [1..10^7]', text: '{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $count([1..10000000]) %}","End":true}}}', runaway: false }),
    () => ({ label: `Parallel with ${Math.min(d, 5000)} branches`, text: `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[${Array(Math.min(d, 5000)).fill('{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}').join(',')}]}}}`, runaway: false }),
  ];
  return rng.pick(cases)();
}
