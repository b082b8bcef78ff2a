/**
 * Event bus operations: Create/Delete/Describe/List/UpdateEventBus, Put/RemovePermission.
 *
 * LIMITATIONS: resource policies are stored and returned, not enforced; KMS keys are stored,
 * events are not encrypted; a bus's own DeadLetterConfig is stored only.
 */
import type { BusEngine, EventBus, PolicyStatement } from '../../engines/bus/index.js';
import { StatementNotFound } from '../../engines/bus/index.js';
import type { DescribeEventBusResponse } from '@aws-sdk/client-eventbridge';
import { iamArn } from '../../core/arn.js';
import { Coral } from './connections/coral.js';
import { validation } from './errors.js';
import { page } from './paging.js';
import { compact, required, scopeOf, tagRecord } from './shared.js';
import type { EventsHandlers } from './typed.js';

const BUS_NAME = { min: 1, max: 256, pattern: '[/\\.\\-_A-Za-z0-9]+' };

function describe(bus: EventBus): DescribeEventBusResponse {
  return compact({
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
    Policy: bus.policy ? JSON.stringify(bus.policy) : undefined,
    CreationTime: new Date(bus.created),
    LastModifiedTime: new Date(bus.lastModified),
  });
}

type BusOperation = 'CreateEventBus' | 'DeleteEventBus' | 'DescribeEventBus' | 'ListEventBuses' | 'UpdateEventBus' | 'PutPermission' | 'RemovePermission';

export function busOperations(engine: BusEngine): EventsHandlers<BusOperation> {
  return {
    CreateEventBus(input, ctx) {
      const coral = new Coral();
      coral.string(['Name'], input.Name, BUS_NAME);
      coral.string(['Description'], input.Description, { max: 512 });
      coral.throwIfAny();
      const name = required(input.Name);
      const dlq = input.DeadLetterConfig?.Arn;
      const bus = engine.createBus(scopeOf(ctx), name, compact({
        description: input.Description,
        kmsKeyIdentifier: input.KmsKeyIdentifier,
        deadLetterArn: dlq,
        tags: tagRecord(input.Tags),
      }));
      return compact({ EventBusArn: bus.arn, Description: bus.description, KmsKeyIdentifier: bus.kmsKeyIdentifier, DeadLetterConfig: dlq ? { Arn: dlq } : undefined });
    },

    DeleteEventBus(input, ctx) {
      engine.deleteBus(scopeOf(ctx), required(input.Name));
      return {};
    },

    DescribeEventBus(input, ctx) {
      return describe(engine.requireBus(scopeOf(ctx), input.Name));
    },

    ListEventBuses(input, ctx) {
      const all = engine.listBuses(scopeOf(ctx), input.NamePrefix);
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return compact({ EventBuses: items.map(describe), NextToken: nextToken });
    },

    UpdateEventBus(input, ctx) {
      const bus = engine.requireBus(scopeOf(ctx), input.Name);
      if (input.Description !== undefined) bus.description = input.Description;
      if (input.KmsKeyIdentifier !== undefined) bus.kmsKeyIdentifier = input.KmsKeyIdentifier || undefined;
      if (input.DeadLetterConfig !== undefined) bus.deadLetterArn = input.DeadLetterConfig.Arn;
      bus.lastModified = engine.clock.now();
      return compact({
        Arn: bus.arn,
        Name: bus.name,
        KmsKeyIdentifier: bus.kmsKeyIdentifier,
        Description: bus.description,
        DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
      });
    },

    PutPermission(input, ctx) {
      const bus = engine.requireBus(scopeOf(ctx), input.EventBusName);
      const policy = input.Policy;
      if (policy !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(policy);
        } catch {
          throw validation('Parameter Policy is not valid.');
        }
        bus.policy = parsed as EventBus['policy'];
      } else {
        const action = input.Action;
        const principal = input.Principal;
        const sid = input.StatementId;
        if (!action || !principal || !sid) throw validation('Parameter(s) Action, Principal and StatementId must be specified.');
        // Only events:PutEvents can be granted this way (AWS API reference, PutPermission Action).
        // unverified text (moto's wording)
        if (action !== 'events:PutEvents') throw validation("Provided value in parameter 'action' is not supported.");
        const statement: PolicyStatement = {
          Sid: sid,
          Effect: 'Allow',
          Principal: principal === '*' ? '*' : { AWS: iamArn(ctx.region, principal, 'root') },
          Action: action,
          Resource: bus.arn,
        };
        const cond = input.Condition;
        if (cond?.Key) statement['Condition'] = { [cond.Type ?? 'StringEquals']: { [cond.Key]: cond.Value } };
        const statements = (bus.policy?.Statement ?? []).filter((s) => s.Sid !== sid);
        statements.push(statement);
        bus.policy = { Version: '2012-10-17', Statement: statements };
      }
      bus.lastModified = engine.clock.now();
      return {};
    },

    RemovePermission(input, ctx) {
      const bus = engine.requireBus(scopeOf(ctx), input.EventBusName);
      if (input.RemoveAllPermissions === true) {
        bus.policy = undefined;
        return {};
      }
      const sid = input.StatementId;
      const statements = bus.policy?.Statement ?? [];
      const rest = statements.filter((s) => s.Sid !== sid);
      if (!bus.policy || rest.length === statements.length) throw new StatementNotFound(sid);
      bus.policy = rest.length ? { ...bus.policy, Statement: rest } : undefined;
      bus.lastModified = engine.clock.now();
      return {};
    },
  };
}
