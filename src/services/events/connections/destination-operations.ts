/**
 * API destination operations: Create, Describe, List, Update and Delete. A destination's state
 * follows its connection: ACTIVE while the connection is AUTHORIZED, else INACTIVE.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../context.js';
import type { EventsHandlers } from '../typed.js';
import { present, required } from '../shared.js';
import { checkPaging, Coral, RULES } from './coral.js';
import { apiDestinationExists, apiDestinationNotFound, connectionNotFound } from './errors.js';
import { DEFAULT_RATE_LIMIT, type ApiDestinationRecord, type ConnectionRecord } from './model.js';
import { byName, page } from '../paging.js';
import type { ConnectionStore } from './store.js';
import { apiDestinationConstraints } from './validation.js';

export type ApiDestinationOperation = 'CreateApiDestination' | 'DescribeApiDestination' | 'ListApiDestinations' | 'UpdateApiDestination' | 'DeleteApiDestination';

export function apiDestinationOperations(store: ConnectionStore): EventsHandlers<ApiDestinationOperation> {
  const find = (ctx: RequestContext, name: string): ApiDestinationRecord => {
    const d = store.scope(ctx.account, ctx.region).destinations.get(name);
    if (!d) throw apiDestinationNotFound(name);
    return d;
  };

  /** The connection an ARN names, in the caller's account and region. Unverified text: LocalStack's. */
  const connectionFor = (ctx: RequestContext, arn: string): ConnectionRecord => {
    const name = /:connection\/([^/]+)\//.exec(arn)?.[1] ?? arn;
    const c = store.scope(ctx.account, ctx.region).connections.get(name);
    if (!c || c.arn !== arn) throw connectionNotFound(name);
    return c;
  };

  const view = (d: ApiDestinationRecord, withDescription: boolean): sdk.DescribeApiDestinationResponse => ({
    ApiDestinationArn: d.arn,
    Name: d.name,
    Description: withDescription ? d.description : undefined,
    ApiDestinationState: store.destinationState(d),
    ConnectionArn: d.connectionArn,
    InvocationEndpoint: d.invocationEndpoint,
    HttpMethod: d.httpMethod,
    InvocationRateLimitPerSecond: d.invocationRateLimitPerSecond,
    CreationTime: new Date(d.creationTime),
    LastModifiedTime: new Date(d.lastModifiedTime),
  });

  const stateOutput = (d: ApiDestinationRecord): sdk.UpdateApiDestinationResponse => ({
    ApiDestinationArn: d.arn,
    ApiDestinationState: store.destinationState(d),
    CreationTime: new Date(d.creationTime),
    LastModifiedTime: new Date(d.lastModifiedTime),
  });

  const nameOnly = (input: { Name: string | undefined }): string => {
    const coral = new Coral();
    coral.string(['Name'], input.Name, RULES.resourceName);
    coral.throwIfAny();
    return required(input.Name);
  };

  return {
    CreateApiDestination(input, ctx) {
      apiDestinationConstraints(input).throwIfAny();
      const name = required(input.Name);
      const scope = store.scope(ctx.account, ctx.region);
      if (scope.destinations.has(name)) throw apiDestinationExists(name);
      const connection = connectionFor(ctx, required(input.ConnectionArn));
      const now = store.clock.now();
      const d: ApiDestinationRecord = {
        name,
        arn: store.apiDestinationArn(ctx.account, ctx.region, name),
        account: ctx.account,
        region: ctx.region,
        connectionArn: connection.arn,
        invocationEndpoint: required(input.InvocationEndpoint),
        httpMethod: present(input.HttpMethod, 'HttpMethod'),
        invocationRateLimitPerSecond: typeof input.InvocationRateLimitPerSecond === 'number' ? input.InvocationRateLimitPerSecond : DEFAULT_RATE_LIMIT,
        creationTime: now,
        lastModifiedTime: now,
      };
      if (typeof input.Description === 'string') d.description = input.Description;
      scope.destinations.set(name, d);
      return stateOutput(d);
    },

    DescribeApiDestination(input, ctx) {
      return view(find(ctx, nameOnly(input)), true);
    },

    ListApiDestinations(input, ctx) {
      const coral = new Coral();
      coral.string(['NamePrefix'], input.NamePrefix, RULES.resourceName);
      coral.string(['ConnectionArn'], input.ConnectionArn, RULES.connectionArn);
      checkPaging(coral, 'Limit', input.Limit, input.NextToken);
      coral.throwIfAny();
      const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
      const all = [...store.scope(ctx.account, ctx.region).destinations.values()]
        .filter((d) => d.name.startsWith(prefix) && (input.ConnectionArn === undefined || d.connectionArn === input.ConnectionArn))
        .sort(byName);
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return { ApiDestinations: items.map((d) => view(d, false)), NextToken: nextToken };
    },

    UpdateApiDestination(input, ctx) {
      apiDestinationConstraints(input).throwIfAny();
      const d = find(ctx, required(input.Name));
      if (typeof input.ConnectionArn === 'string') d.connectionArn = connectionFor(ctx, input.ConnectionArn).arn;
      if (typeof input.InvocationEndpoint === 'string') d.invocationEndpoint = input.InvocationEndpoint;
      if (typeof input.HttpMethod === 'string') d.httpMethod = input.HttpMethod;
      if (typeof input.InvocationRateLimitPerSecond === 'number') d.invocationRateLimitPerSecond = input.InvocationRateLimitPerSecond;
      if (typeof input.Description === 'string') d.description = input.Description;
      d.lastModifiedTime = store.clock.now();
      return stateOutput(d);
    },

    DeleteApiDestination(input, ctx) {
      const d = find(ctx, nameOnly(input));
      store.scope(ctx.account, ctx.region).destinations.delete(d.name);
      return {};
    },
  };
}
