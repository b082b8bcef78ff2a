/**
 * Everything that is not an AWS protocol request goes to this express app (design §2):
 * health and the developer endpoints for looking into Signalbox's state.
 */
import express, { type Express, type Request, type Response } from 'express';
import type { QueueEngine } from '../engines/queue/index.js';
import type { MobileStore } from '../engines/topic/mobile/store.js';
import { registerSnsDeveloperRoutes } from './sns-developer-routes.js';
import { registerSfnDeveloperRoutes } from './sfn-developer-routes.js';
import type { ExecutionEngine } from '../engines/statemachine/execution/engine.js';
import type { SnsSigner } from '../services/sns/signing/index.js';
import { resolveQueueUrl } from '../services/sqs/queue-url.js';
import { isAwsError } from '../../protocols/index.js';
import { VERSION } from '../core/version.js';
import type { Logger } from '../core/logger.js';
import { DeveloperError, developerErrorHandler, singleParam } from './developer-errors.js';

export interface DeveloperAppDeps {
  queues: QueueEngine;
  mobile: MobileStore;
  executions?: ExecutionEngine;
  signer: SnsSigner;
  startedAt: number;
  defaults: { account: string; region: string };
  services: string[];
  logger?: Logger;
}

export function createDeveloperApp(deps: DeveloperAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/_signalbox/health', (_req: Request, res: Response) => {
    const services: Record<string, { status: string }> = {};
    for (const s of ['sqs', 'sns', 'events', 'states', 'kinesis']) services[s] = { status: deps.services.includes(s) ? 'running' : 'not available' };
    res.json({ status: 'ok', version: VERSION, uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000), services });
  });

  /**
   * Peek at a queue without receiving: `GET /_signalbox/sqs/messages?QueueUrl=<url>` (or
   * `?QueueName=<name>&account=<id>&region=<r>`). Lists available, in-flight and delayed messages.
   */
  app.get('/_signalbox/sqs/messages', (req: Request, res: Response) => {
    const q = req.query as Record<string, unknown>;
    const region = singleParam(q, 'region') ?? deps.defaults.region;
    const account = singleParam(q, 'account') ?? deps.defaults.account;
    const queueUrl = singleParam(q, 'QueueUrl');
    const queueName = singleParam(q, 'QueueName');
    let target: { scope: { account: string; region: string }; name: string };
    try {
      if (queueUrl) target = resolveQueueUrl(queueUrl, { region, account });
      else if (queueName) target = { scope: { account, region }, name: queueName };
      else throw new DeveloperError(400, 'MissingParameter', 'Pass ?QueueUrl=<queue url> or ?QueueName=<name> (optionally &account=&region=).');
    } catch (e) {
      if (e instanceof DeveloperError) throw e;
      res.status(400).json({ error: isAwsError(e) ? e.code : 'InvalidAddress', message: isAwsError(e) ? e.message : String(e) });
      return;
    }
    const queue = deps.queues.getQueue(target.scope, target.name);
    if (!queue) {
      res.status(404).json({ error: 'QueueDoesNotExist', message: `No queue ${target.name} in account ${target.scope.account}, region ${target.scope.region}.` });
      return;
    }
    const messages = queue.peek().map((m) => ({
      ...m,
      attributes: Object.fromEntries(
        Object.entries(m.attributes).map(([k, v]) => [k, v.BinaryValue ? { DataType: v.DataType, BinaryValue: Buffer.from(v.BinaryValue).toString('base64') } : v]),
      ),
    }));
    res.json({ queue: { name: queue.name, arn: queue.arn, counts: queue.counts() }, messages });
  });

  // The certificate SNS signatures verify against (SigningCertURL in every signed message).
  app.get(deps.signer.certPath, (_req: Request, res: Response) => {
    res.type('application/x-pem-file').send(deps.signer.certPem());
  });

  registerSnsDeveloperRoutes(app, deps.mobile);
  if (deps.executions) registerSfnDeveloperRoutes(app, deps.executions);

  app.use((req: Request, res: Response) => {
    res.status(404).json({
      error: 'NotFound',
      message: `Nothing at ${req.method} ${req.path.slice(0, 200)}. AWS APIs are served on POST / (point your SDK's endpoint here); developer endpoints: GET /_signalbox/health, GET /_signalbox/sqs/messages?QueueUrl=..., GET /_signalbox/sfn/executions, GET /_signalbox/sfn/execution?executionArn=...`,
    });
  });
  app.use(developerErrorHandler(deps.logger));
  return app;
}
