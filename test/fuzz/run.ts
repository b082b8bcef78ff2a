/**
 * `npm run fuzz [-- --seed N --requests N --time S --only sqs,sns,events,sfn --concurrency N]`:
 * a bounded, seeded fuzz run against a Signalbox child process on 127.0.0.1. Prints a summary
 * and exits 1 when there are findings.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz.js';
import { formatReport } from './report.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    requests: { type: 'string', default: '5000' },
    time: { type: 'string', default: '120' },
    only: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    'max-rss': { type: 'string', default: '1024' },
    slowloris: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('npm run fuzz -- [--seed N] [--requests N] [--time seconds] [--only sqs,sns,events,sfn] [--concurrency N] [--max-rss MiB] [--slowloris sockets]\n');
  process.exit(0);
}
const report = await runFuzz({
  seed: Number(values.seed),
  requests: Number(values.requests),
  timeMs: Number(values.time) * 1000,
  ...(values.only ? { only: values.only.split(',') } : {}),
  concurrency: Number(values.concurrency),
  maxRssMb: Number(values['max-rss']),
  slowlorisSockets: Number(values.slowloris),
  progress: (l) => process.stderr.write(`${l}\n`),
});
process.stdout.write(formatReport(report) + '\n');
process.exit(report.groups.length ? 1 : 0);
