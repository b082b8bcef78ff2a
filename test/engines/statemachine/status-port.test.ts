/** The execution engine's status port: Standard executions report RUNNING and their end status; Express ones nothing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTime } from '../../../src/core/fake-time.js';
import { ExecutionEngine } from '../../../src/engines/statemachine/execution/engine.js';
import type { ExecutionRecord, ExecutionStatusPort, TaskPort } from '../../../src/engines/statemachine/execution/types.js';
import { runToEnd, settle, target } from './execution-helpers.js';

function setup() {
  const time = new FakeTime(Date.UTC(2026, 0, 1));
  const seen: Array<[string, string, number]> = [];
  const statusChanges: ExecutionStatusPort = { changed: (r: ExecutionRecord) => seen.push([r.name, r.status, r.redriveCount]) };
  const tasks: TaskPort = { invoke: async () => ({}) };
  const engine = new ExecutionEngine({ clock: time.clock, scheduler: time.scheduler, tasks, statusChanges });
  return { time, engine, seen, calls: [] };
}

describe('execution status port', () => {
  it('Standard: RUNNING, then SUCCEEDED / FAILED / ABORTED; redrive reports RUNNING again', async () => {
    const s = setup();
    const pass = target({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    await runToEnd(s, s.engine.start(pass, { name: 'ok', input: '{}' }));
    const fail = target({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } }, 'STANDARD', 'F');
    const failed = await runToEnd(s, s.engine.start(fail, { name: 'bad', input: '{}' }));
    assert.equal(failed.status, 'FAILED');
    s.engine.redrive(failed.executionArn);
    await runToEnd(s, failed);
    const wait = target({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, 'STANDARD', 'W');
    const waiting = s.engine.start(wait, { name: 'stop', input: '{}' });
    await settle();
    s.engine.stop(waiting.executionArn);
    assert.deepEqual(s.seen, [
      ['ok', 'RUNNING', 0], ['ok', 'SUCCEEDED', 0],
      ['bad', 'RUNNING', 0], ['bad', 'FAILED', 0], ['bad', 'RUNNING', 1], ['bad', 'FAILED', 1],
      ['stop', 'RUNNING', 0], ['stop', 'ABORTED', 0],
    ]);
  });

  it('Express executions report nothing; a throwing port does not fail the execution', async () => {
    const s = setup();
    const express = target({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, 'EXPRESS');
    await runToEnd(s, s.engine.start(express, { name: 'x', input: '{}' }));
    assert.deepEqual(s.seen, []);
    const time = new FakeTime(Date.UTC(2026, 0, 1));
    const engine = new ExecutionEngine({ clock: time.clock, scheduler: time.scheduler, tasks: { invoke: async () => ({}) }, statusChanges: { changed: () => { throw new Error('bus down'); } } });
    const rec = await runToEnd({ time, engine, calls: [] } as never, engine.start(target({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), { name: 'y', input: '{}' }));
    assert.equal(rec.status, 'SUCCEEDED');
  });
});
