/**
 * The CI-sized fuzz run: a few thousand seeded requests over every service against a real server
 * child process; any 5xx, non-AWS-shaped answer, hang, crash, stall, runaway execution or RSS
 * above the limit fails the test with the grouped findings and their repros.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz } from './fuzz.js';
import { formatReport } from './report.js';

it('fuzz: 3,000 seeded requests find no 5xx, bad shape, hang, crash or stall', { timeout: 90_000 }, async () => {
  // The memory ceiling allows for what the run legitimately keeps: several hundred state machine
  // executions, many of them runaway loops that AWS keeps with their full 25,000-event history
  // (a few MB each in memory). It catches a per-request blow-up: before the hardening, one 16 MB
  // deep-JSON body cost ~474 MB and a single runaway execution grew without bound.
  const report = await runFuzz({ seed: 20261208, requests: 3000, timeMs: 45_000, concurrency: 8, maxRssMb: 2048, slowlorisSockets: 10 });
  const text = formatReport(report);
  assert.equal(report.groups.length, 0, text);
  assert.ok(report.requests >= 1000, `only ${report.requests} requests ran in the time bound:\n${text}`);
});
