/**
 * Global endpoint operations. Stored and shown as AWS shows them (AWS CLI examples):
 * `arn:aws:events:<region>:<account>:endpoint/<name>`, EndpointId `<10 chars>.veo`, EndpointUrl
 * `https://<EndpointId>.endpoint.events.amazonaws.com`; CreateEndpoint answers State CREATING and
 * the endpoint is ACTIVE from then on (no Route 53 health check, no replication).
 *
 * LIMITATIONS: no failover or replication happens; the rule that ENABLED replication needs a
 * RoleArn, and the check that both buses exist in different regions, are not applied (AWS's
 * texts for them are not recorded).
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../context.js';
import { required } from '../shared.js';
import type { EventsHandlers } from '../typed.js';
import { checkPaging, Coral, ENUMS, RULES } from '../connections/coral.js';
import { eventsError } from '../connections/errors.js';
import { byName, page } from '../paging.js';
import { randomChars } from '../connections/store.js';
import type { DirectoryStore, EndpointRecord } from './store.js';
import { buildArn } from '../../../core/arn.js';

type Input = Record<string, unknown>;

function obj(v: unknown): Input | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Input) : undefined;
}

/** Unverified text. */
const endpointNotFound = (name: string) => eventsError('ResourceNotFoundException', `Endpoint ${name} does not exist.`);
/** Unverified text. */
const endpointExists = (name: string) => eventsError('ResourceAlreadyExistsException', `Endpoint ${name} already exists.`);

/** Walks the request generically (coral member paths), so it reads it as plain data. */
function endpointConstraints(request: object): Coral {
  const input = obj(request) ?? {};
  const coral = new Coral();
  coral.string(['Name'], input.Name, RULES.resourceName);
  coral.string(['Description'], input.Description, RULES.description);
  const failover = obj(obj(input.RoutingConfig)?.FailoverConfig);
  if (failover) {
    coral.string(['RoutingConfig', 'FailoverConfig', 'Primary', 'HealthCheck'], obj(failover.Primary)?.HealthCheck, RULES.healthCheck);
    coral.string(['RoutingConfig', 'FailoverConfig', 'Secondary', 'Route'], obj(failover.Secondary)?.Route, RULES.route);
  }
  coral.enumValue(['ReplicationConfig', 'State'], obj(input.ReplicationConfig)?.State, ENUMS.replicationState);
  if (Array.isArray(input.EventBuses)) {
    coral.list(['EventBuses'], input.EventBuses, 2, 2);
    input.EventBuses.forEach((b, i) => coral.string(['EventBuses', i + 1, 'EventBusArn'], obj(b)?.EventBusArn, RULES.nonPartnerEventBusArn));
  }
  coral.string(['RoleArn'], input.RoleArn, RULES.iamRoleArn);
  return coral;
}

function nameAndRegion(input: { Name: string | undefined; HomeRegion?: string | undefined }, ctx: RequestContext): { name: string; region: string } {
  const coral = new Coral();
  coral.string(['Name'], input.Name, RULES.resourceName);
  coral.string(['HomeRegion'], input.HomeRegion, RULES.homeRegion);
  coral.throwIfAny();
  return { name: required(input.Name), region: input.HomeRegion ?? ctx.region };
}

function view(e: EndpointRecord): sdk.DescribeEndpointResponse {
  return {
    Name: e.name,
    Description: e.description,
    Arn: e.arn,
    RoutingConfig: e.routingConfig,
    ReplicationConfig: e.replicationConfig,
    EventBuses: e.eventBuses,
    RoleArn: e.roleArn,
    EndpointId: e.endpointId,
    EndpointUrl: e.endpointUrl,
    State: 'ACTIVE',
    CreationTime: new Date(e.creationTime),
    LastModifiedTime: new Date(e.lastModifiedTime),
  };
}

export type EndpointOperation = 'CreateEndpoint' | 'DescribeEndpoint' | 'ListEndpoints' | 'UpdateEndpoint' | 'DeleteEndpoint';

export function endpointOperations(store: DirectoryStore): EventsHandlers<EndpointOperation> {
  return {
    CreateEndpoint(input, ctx) {
      endpointConstraints(input).throwIfAny();
      const name = required(input.Name);
      const endpoints = store.endpointsOf(ctx.account, ctx.region);
      if (endpoints.has(name)) throw endpointExists(name);
      const endpointId = `${randomChars(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}.veo`;
      const now = store.clock.now();
      const e: EndpointRecord = {
        name,
        arn: buildArn({ service: 'events', region: ctx.region, account: ctx.account, resource: `endpoint/${name}` }),
        account: ctx.account,
        region: ctx.region,
        routingConfig: structuredClone(input.RoutingConfig),
        eventBuses: structuredClone(input.EventBuses ?? []),
        endpointId,
        endpointUrl: `https://${endpointId}.endpoint.events.amazonaws.com`,
        creationTime: now,
        lastModifiedTime: now,
      };
      if (input.Description !== undefined) e.description = input.Description;
      if (input.ReplicationConfig !== undefined) e.replicationConfig = structuredClone(input.ReplicationConfig);
      if (typeof input.RoleArn === 'string') e.roleArn = input.RoleArn;
      endpoints.set(name, e);
      // Recorded (AWS CLI example): the answer has no id or URL yet and says CREATING.
      return {
        Name: e.name,
        Arn: e.arn,
        RoutingConfig: e.routingConfig,
        ReplicationConfig: e.replicationConfig,
        EventBuses: e.eventBuses,
        RoleArn: e.roleArn,
        State: 'CREATING',
      };
    },

    DescribeEndpoint(input, ctx) {
      const { name, region } = nameAndRegion(input, ctx);
      const e = store.endpointsOf(ctx.account, region).get(name);
      if (!e) throw endpointNotFound(name);
      return view(e);
    },

    ListEndpoints(input, ctx) {
      const coral = new Coral();
      coral.string(['NamePrefix'], input.NamePrefix, RULES.resourceName);
      coral.string(['HomeRegion'], input.HomeRegion, RULES.homeRegion);
      checkPaging(coral, 'MaxResults', input.MaxResults, input.NextToken);
      coral.throwIfAny();
      const region = typeof input.HomeRegion === 'string' ? input.HomeRegion : ctx.region;
      const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
      const all = [...store.endpointsOf(ctx.account, region).values()].filter((e) => e.name.startsWith(prefix)).sort(byName);
      const { items, nextToken } = page(all, input.NextToken, input.MaxResults);
      return { Endpoints: items.map(view), NextToken: nextToken };
    },

    UpdateEndpoint(input, ctx) {
      endpointConstraints(input).throwIfAny();
      const name = required(input.Name);
      const e = store.endpointsOf(ctx.account, ctx.region).get(name);
      if (!e) throw endpointNotFound(name);
      if (input.Description !== undefined) e.description = input.Description;
      if (input.RoutingConfig !== undefined) e.routingConfig = structuredClone(input.RoutingConfig);
      if (input.ReplicationConfig !== undefined) e.replicationConfig = structuredClone(input.ReplicationConfig);
      if (input.EventBuses !== undefined) e.eventBuses = structuredClone(input.EventBuses);
      if (typeof input.RoleArn === 'string') e.roleArn = input.RoleArn;
      e.lastModifiedTime = store.clock.now();
      // Recorded (AWS CLI example): Describe's shape without Description and the timestamps.
      const { Description: _description, CreationTime: _created, LastModifiedTime: _modified, ...answer } = view(e);
      return answer;
    },

    DeleteEndpoint(input, ctx) {
      const { name } = nameAndRegion(input, ctx);
      const endpoints = store.endpointsOf(ctx.account, ctx.region);
      if (!endpoints.has(name)) throw endpointNotFound(name);
      endpoints.delete(name);
      return {};
    },
  };
}
