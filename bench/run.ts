/**
 * `npm run bench`: prints one table; each figure is compared with a baseline measured in the
 * same run. Sections: `--only xml,http,engine,matching,sfn,sdk,longpoll,coldstart` (comma-separated;
 * default all). `--json` for machine-readable output. Ratios are value / baseline value; for rows
 * marked "lower is better" (latency, CPU, memory, start-up time) a ratio above 1 means slower/bigger.
 */
import { parseArgs } from 'node:util';
import { benchXmlSerializer } from './xml-serializer.js';
import { benchQueueEngine } from './queue-engine.js';
import { benchEventMatching } from './event-matching.js';
import { benchHttpSendMessage } from './http-sendmessage.js';
import { benchSfnTransitions } from './sfn-transitions.js';
import { benchHttpReceiveDelete } from './http-receivedelete.js';
import { benchSdkLoop } from './sdk-loop.js';
import { benchLongPoll } from './longpoll.js';
import { benchSfnHttp } from './sfn-http.js';
import { benchColdStart } from './coldstart.js';

const SECTIONS = ['xml', 'http', 'engine', 'matching', 'sfn', 'sdk', 'longpoll', 'coldstart'];

const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'boolean' } } });
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((s) => !SECTIONS.includes(s)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const want = (s: string) => !only || only.includes(s);
const rows: Array<{ section: string; figure: string; value: number; baseline: string; baselineValue: number; ratio: number }> = [];

if (want('xml')) {
  const r = benchXmlSerializer();
  rows.push({ section: 'xml', figure: 'query XML responses/s (ReceiveMessage, 10 msgs)', value: r.ours, baseline: 'xml2js Builder, same document', baselineValue: r.xml2js, ratio: r.ratio });
}
if (want('http')) {
  const r = await benchHttpSendMessage();
  rows.push({ section: 'http', figure: 'HTTP SendMessage req/s (JSON 1.0, 32 keep-alive connections)', value: r.signalbox, baseline: 'bare node:http SendMessage responder', baselineValue: r.bare, ratio: r.ratio });
  const rd = await benchHttpReceiveDelete();
  rows.push({ section: 'http', figure: 'HTTP ReceiveMessage + DeleteMessage req/s (JSON 1.0, 32 connections, pre-filled queue)', value: rd.signalbox, baseline: 'bare node:http in-memory queue (bench/baseline-sqs.ts)', baselineValue: rd.bare, ratio: rd.ratio });
}
if (want('engine')) {
  const r = await benchQueueEngine();
  rows.push({ section: 'engine', figure: 'queue engine send+receive+delete ops/s', value: r.opsPerSecond, baseline: 'Map set/get/delete of the same records', baselineValue: r.baselineOpsPerSecond, ratio: r.opsPerSecond / r.baselineOpsPerSecond });
}
if (want('matching')) {
  const mps = (r: { eventsPerSecond: number; matchesPerEvent: number }) => Math.round(r.eventsPerSecond * r.matchesPerEvent).toLocaleString('en-US');
  for (const r of benchEventMatching()) {
    rows.push({ section: 'matching', figure: `EventBridge events/s matched, ${r.rules.toLocaleString('en-US')} mixed rules (${r.matchesPerEvent.toFixed(2)} matches/event, ${mps(r)} matches/s)`, value: r.eventsPerSecond, baseline: 'same matchers, linear scan of every rule', baselineValue: r.linearEventsPerSecond, ratio: r.eventsPerSecond / r.linearEventsPerSecond });
  }
  // Flatness: the same mix with a vocabulary that grows with the rules (about constant output),
  // each row against the 10-rule row of this set.
  const scaled = benchEventMatching([10, 1_000, 10_000], { linear: false, scaled: true });
  const base = scaled[0]!;
  for (const r of scaled.slice(1)) {
    rows.push({ section: 'matching', figure: `events/s, ${r.rules.toLocaleString('en-US')} rules, vocabulary scaled with the rules (${r.matchesPerEvent.toFixed(2)} matches/event; target within 2× of 10 rules)`, value: r.eventsPerSecond, baseline: `same vocabulary scheme, 10 rules (${base.matchesPerEvent.toFixed(2)} matches/event)`, baselineValue: base.eventsPerSecond, ratio: r.eventsPerSecond / base.eventsPerSecond });
  }
}

if (want('sfn')) {
  const r = await benchSfnTransitions();
  rows.push({ section: 'sfn', figure: 'Step Functions Pass transitions/s, 100-state chain, history recorded', value: r.ours, baseline: 'plain loop: ResultPath + history JSON, no interpreter', baselineValue: r.baseline, ratio: r.ratio });
  const h = await benchSfnHttp();
  rows.push({ section: 'sfn', figure: 'Step Functions executions/s over HTTP (StartSyncExecution, EXPRESS, 1 Pass state, 32 connections)', value: h.signalbox, baseline: 'bare node:http StartSyncExecution JSON responder', baselineValue: h.bare, ratio: h.ratio });
}
if (want('sdk')) {
  const r = await benchSdkLoop();
  const s = r.signalbox;
  const b = r.baseline;
  rows.push({ section: 'sdk', figure: '@aws-sdk/client-sqs msg/s: SendMessageBatch 20k, then Receive(10) + DeleteMessageBatch, concurrency 16, exactly once', value: s.msgPerSecond, baseline: 'minimal in-memory JSON 1.0 server (bench/baseline-sqs.ts)', baselineValue: b.msgPerSecond, ratio: s.msgPerSecond / b.msgPerSecond });
  rows.push({ section: 'sdk', figure: 'server CPU ms per message in that loop (server in a child process; lower is better)', value: s.cpuMsPerMessage, baseline: 'same, baseline server', baselineValue: b.cpuMsPerMessage, ratio: s.cpuMsPerMessage / b.cpuMsPerMessage });
}
if (want('longpoll')) {
  const r = await benchLongPoll();
  for (const p of ['p50', 'p99'] as const) {
    rows.push({ section: 'longpoll', figure: `long-poll wake-up ms ${p}, SendMessage start → waiting ReceiveMessage returns (${r.samples} samples; lower is better)`, value: r.signalbox[p], baseline: 'minimal long poll (bench/baseline-sqs.ts)', baselineValue: r.baseline[p], ratio: r.signalbox[p] / r.baseline[p] });
  }
}
if (want('coldstart')) {
  const r = await benchColdStart();
  rows.push({ section: 'coldstart', figure: 'ms from `node dist/cli/signalbox.js --port 0` spawn to first served SQS ListQueues, median of 5 (lower is better)', value: r.startMs, baseline: 'bare node:http script started the same way', baselineValue: r.bareStartMs, ratio: r.startMs / r.bareStartMs });
  const m = r.rss;
  rows.push({ section: 'coldstart', figure: `RSS MB with ${m.messages.toLocaleString('en-US')} queued 100-byte messages, after GC (process before sending: ${Math.round(m.engineBeforeMb)} MB; lower is better)`, value: m.engineMb, baseline: `Map of flat UUID → same bodies, same child setup (before: ${Math.round(m.mapBeforeMb)} MB)`, baselineValue: m.mapMb, ratio: m.engineMb / m.mapMb });
}

if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
else {
  const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toString());
  console.log('| section | figure | value | baseline | baseline value | ratio |');
  console.log('|---|---|---:|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.section} | ${r.figure} | ${fmt(r.value)} | ${r.baseline} | ${fmt(r.baselineValue)} | ${r.ratio.toFixed(2)}× |`);
}
