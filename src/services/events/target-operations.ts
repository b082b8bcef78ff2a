/**
 * Target operations: PutTargets, RemoveTargets, ListTargetsByRule. Input settings are compiled
 * once here (src/engines/bus/transform) and handed to the engine as a renderer.
 *
 * LIMITATIONS: RoleArn, EcsParameters, BatchParameters, RedshiftDataParameters, ... are stored
 * and returned, not used.
 */
import type { BusEngine, RetryPolicy, TargetSpec } from '../../engines/bus/index.js';
import type { QueueEngine } from '../../engines/queue/index.js';
import type { RequestContext } from '../context.js';
import { parseArn } from '../../core/arn.js';
import { Coral } from './connections/coral.js';
import { managedRule, validation } from './errors.js';
import { page } from './paging.js';
import { compact, required, scopeOf, storedTarget } from './shared.js';
import type { EventsHandlers } from './typed.js';
import { compileInput } from './target-input.js';

const TARGET_ID = { min: 1, max: 64, pattern: '[\\.\\-_A-Za-z0-9]+' };
const ARN_FORMAT = /^arn:aws[\w-]*:[a-z0-9-]+:[^:]*:[^:]*:.+$/;

export function targetOperations(engine: BusEngine, queues: QueueEngine): EventsHandlers<'PutTargets' | 'RemoveTargets' | 'ListTargetsByRule'> {
  const rule = (input: { EventBusName?: string | undefined; Rule: string | undefined }, ctx: RequestContext) => {
    const bus = engine.requireBus(scopeOf(ctx), input.EventBusName);
    return engine.requireRule(bus, required(input.Rule));
  };

  return {
    PutTargets(input, ctx) {
      const targets = input.Targets ?? [];
      const coral = new Coral();
      coral.string(['Rule'], input.Rule, { min: 1, max: 64, pattern: '[\\.\\-_A-Za-z0-9]+' });
      coral.list(['Targets'], targets, 1, 10);
      targets.forEach((t, i) => {
        coral.string(['Targets', i + 1, 'Id'], t.Id, TARGET_ID);
        coral.string(['Targets', i + 1, 'Arn'], t.Arn, { min: 1, max: 1600 });
        coral.string(['Targets', i + 1, 'Input'], t.Input, { max: 8192 });
        coral.string(['Targets', i + 1, 'InputPath'], t.InputPath, { max: 256 });
        coral.integer(['Targets', i + 1, 'RetryPolicy', 'MaximumRetryAttempts'], t.RetryPolicy?.MaximumRetryAttempts, 0, 185);
        coral.integer(['Targets', i + 1, 'RetryPolicy', 'MaximumEventAgeInSeconds'], t.RetryPolicy?.MaximumEventAgeInSeconds, 60, 86_400);
      });
      coral.throwIfAny();
      const r = rule(input, ctx);
      if (r.managedBy !== undefined) throw managedRule(r.name, false);
      const specs: TargetSpec[] = [];
      for (const [i, t] of targets.entries()) {
        const id = required(t.Id);
        const arn = required(t.Arn);
        if (!ARN_FORMAT.test(arn)) throw validation(`Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`);
        const set = [t.Input, t.InputPath, t.InputTransformer].filter((x) => x !== undefined).length;
        if (set > 1) throw validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`);
        if (parseArn(arn)?.service === 'sqs' && arn.endsWith('.fifo') && !t.SqsParameters?.MessageGroupId) {
          const q = queues.getQueueByArn(arn);
          if (!q || q.settings.fifo) throw validation(`Parameter(s) SqsParameters must be specified for target: ${id}.`);
        }
        const inputRenderer = t.Input === undefined && t.InputPath === undefined && t.InputTransformer === undefined ? undefined : compileInput(id, i, t);
        const retry: RetryPolicy | undefined = t.RetryPolicy
          ? { maximumRetryAttempts: t.RetryPolicy.MaximumRetryAttempts ?? 185, maximumEventAgeInSeconds: t.RetryPolicy.MaximumEventAgeInSeconds ?? 86_400 }
          : undefined;
        specs.push(compact({
          id,
          arn,
          raw: { ...t },
          input: inputRenderer,
          retryPolicy: retry,
          deadLetterArn: t.DeadLetterConfig?.Arn,
        }));
      }
      engine.putTargets(r, specs);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    RemoveTargets(input, ctx) {
      const r = rule(input, ctx);
      if (r.managedBy !== undefined && input.Force !== true) throw managedRule(r.name, true);
      engine.removeTargets(r, input.Ids ?? []);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    ListTargetsByRule(input, ctx) {
      const r = rule(input, ctx);
      const { items, nextToken } = page([...r.targets.values()], input.NextToken, input.Limit);
      return compact({ Targets: items.map((t) => storedTarget(t.raw)), NextToken: nextToken });
    },
  };
}
