/**
 * `npm run bench`: prints one table; each figure is compared with a baseline measured in the
 * same run. Sections: `--only xml,http,engine,matching,sfn` (comma-separated). `--json` for machine-readable output.
 */
import { parseArgs } from 'node:util';
import { benchXmlSerializer } from './xml-serializer.js';
import { benchQueueEngine } from './queue-engine.js';
import { benchEventMatching } from './event-matching.js';
import { benchHttpSendMessage } from './http-sendmessage.js';
import { benchSfnTransitions } from './sfn-transitions.js';

const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'boolean' } } });
const want = (s: string) => !values.only || values.only.split(',').includes(s);
const rows: Array<{ section: string; figure: string; value: number; baseline: string; baselineValue: number; ratio: number }> = [];

if (want('xml')) {
  const r = benchXmlSerializer();
  rows.push({ section: 'xml', figure: 'query XML responses/s (ReceiveMessage, 10 msgs)', value: r.ours, baseline: 'xml2js Builder, same document', baselineValue: r.xml2js, ratio: r.ratio });
}
if (want('http')) {
  const r = await benchHttpSendMessage();
  rows.push({ section: 'http', figure: 'HTTP SendMessage req/s (JSON 1.0, 32 keep-alive connections)', value: r.signalbox, baseline: 'bare node:http SendMessage responder', baselineValue: r.bare, ratio: r.ratio });
}
if (want('engine')) {
  const r = await benchQueueEngine();
  rows.push({ section: 'engine', figure: 'queue engine send+receive+delete ops/s', value: r.opsPerSecond, baseline: 'Map set/get/delete of the same records', baselineValue: r.baselineOpsPerSecond, ratio: r.opsPerSecond / r.baselineOpsPerSecond });
}
if (want('matching')) {
  for (const r of benchEventMatching()) {
    rows.push({ section: 'matching', figure: `EventBridge events/s matched, ${r.rules.toLocaleString('en-US')} rules (${r.matchesPerEvent.toFixed(2)} matches/event)`, value: r.eventsPerSecond, baseline: 'same matchers, linear scan of every rule', baselineValue: r.linearEventsPerSecond, ratio: r.eventsPerSecond / r.linearEventsPerSecond });
  }
}

if (want('sfn')) {
  const r = await benchSfnTransitions();
  rows.push({ section: 'sfn', figure: 'Step Functions Pass transitions/s, 100-state chain, history recorded', value: r.ours, baseline: 'plain loop: ResultPath + history JSON, no interpreter', baselineValue: r.baseline, ratio: r.ratio });
}

if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
else {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log('| section | figure | value | baseline | baseline value | ratio |');
  console.log('|---|---|---:|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.section} | ${r.figure} | ${fmt(r.value)} | ${r.baseline} | ${fmt(r.baselineValue)} | ${r.ratio.toFixed(2)}× |`);
}
