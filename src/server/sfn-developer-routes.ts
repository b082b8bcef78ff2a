/**
 * Developer endpoints for Step Functions: which executions exist, where each one is, and which
 * state failed and why, without paging through GetExecutionHistory.
 *
 * - `GET /_signalbox/sfn/executions[?stateMachineArn=&status=]`: newest first, with the state a
 *   running execution is in and the state a failed one failed in.
 * - `GET /_signalbox/sfn/execution?executionArn=<arn>`: the summary plus the whole history, with
 *   JSON text fields (input, output, parameters, …) parsed for reading.
 */
import type { Express, Request, Response } from 'express';
import type { ExecutionEngine } from '../engines/statemachine/execution/engine.js';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent } from '../engines/statemachine/execution/types.js';
import { singleParam } from './developer-errors.js';

const STATUSES = new Set(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

export function registerSfnDeveloperRoutes(app: Express, executions: ExecutionEngine): void {
  app.get('/_signalbox/sfn/executions', (req: Request, res: Response) => {
    const q = { stateMachineArn: singleParam(req.query, 'stateMachineArn'), status: singleParam(req.query, 'status') };
    if (q.status !== undefined && !STATUSES.has(q.status)) {
      res.status(400).json({ error: 'InvalidStatus', message: `status must be one of ${[...STATUSES].join(', ')}` });
      return;
    }
    const list = executions.list({
      ...(q.stateMachineArn ? { stateMachineArn: q.stateMachineArn } : {}),
      ...(q.status ? { status: q.status as ExecutionStatus } : {}),
    });
    res.json({ executions: list.map(summary) });
  });

  app.get('/_signalbox/sfn/execution', (req: Request, res: Response) => {
    const arn = singleParam(req.query, 'executionArn');
    if (!arn) {
      res.status(400).json({ error: 'MissingParameter', message: 'Pass ?executionArn=<execution ARN> (list them at /_signalbox/sfn/executions).' });
      return;
    }
    const rec = executions.get(arn);
    if (!rec) {
      res.status(404).json({ error: 'ExecutionDoesNotExist', message: `No execution ${arn}.` });
      return;
    }
    res.json({ ...summary(rec), history: rec.history.map(readable) });
  });
}

function summary(r: ExecutionRecord) {
  const out: Record<string, unknown> = {
    executionArn: r.executionArn,
    stateMachineArn: r.target.stateMachineArn,
    type: r.target.type,
    name: r.name,
    status: r.status,
    startDate: new Date(r.startDate).toISOString(),
  };
  if (r.stopDate !== undefined) out.stopDate = new Date(r.stopDate).toISOString();
  const state = lastEnteredState(r.history);
  if (state && r.status === 'RUNNING') out.currentState = state;
  if (state && r.status !== 'RUNNING' && r.status !== 'SUCCEEDED') out.failedState = state;
  if (r.error !== undefined) out.error = r.error;
  if (r.cause !== undefined) out.cause = r.cause;
  if (r.testCase !== undefined) out.testCase = r.testCase;
  return out;
}

/** The innermost state entered and not yet exited (what is running, or what failed). */
function lastEnteredState(history: HistoryEvent[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i] as HistoryEvent;
    if (e.type.endsWith('StateEntered')) return (e.stateEnteredEventDetails as { name: string }).name;
    if (e.type.endsWith('StateExited')) return undefined;
  }
  return undefined;
}

const JSON_FIELDS = new Set(['input', 'output', 'parameters']);

function readable(e: HistoryEvent): Record<string, unknown> {
  const out: Record<string, unknown> = { ...e, timestamp: new Date(e.timestamp).toISOString() };
  for (const [k, v] of Object.entries(e)) {
    if (!k.endsWith('EventDetails') || typeof v !== 'object' || v === null) continue;
    const d: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const f of Object.keys(d)) {
      if (JSON_FIELDS.has(f) && typeof d[f] === 'string') {
        try {
          d[f] = JSON.parse(d[f] as string);
        } catch {
          // not JSON (e.g. a plain cause): keep the text
        }
      }
    }
    out[k] = d;
  }
  return out;
}
