/**
 * Partner event sources. The partner's operations (Create/Delete/Describe/ListPartnerEventSource(s),
 * ListPartnerEventSourceAccounts) act on sources the calling account owns; the customer's
 * (Describe/List/Activate/DeactivateEventSource(s)) on sources offered to the calling account.
 * ARNs have no account: `arn:aws:events:<region>::event-source/aws.partner/<partner>/<...>`.
 * A source offered to an account is PENDING (expiring two weeks later) until that account creates
 * the matching partner event bus or activates it; deleting it makes it DELETED for that account.
 *
 * LIMITATIONS: pending sources do not expire; CreatedBy is the partner name taken from the source
 * name (the segment after `aws.partner/`). Error texts here are unverified against AWS.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../context.js';
import { required } from '../shared.js';
import type { EventsHandlers } from '../typed.js';
import { checkPaging, Coral, RULES } from '../connections/coral.js';
import { eventsError } from '../connections/errors.js';
import { byName, page } from '../paging.js';
import { PENDING_LIFETIME_MS, type DirectoryStore, type EventSourceRecord, type PartnerSourceRecord } from './store.js';
import { buildArn } from '../../../core/arn.js';

/** Unverified text; the same wording moto uses for CreateEventBus with an unknown EventSourceName. */
const sourceNotFound = (name: string) => eventsError('ResourceNotFoundException', `Event source ${name} does not exist.`);
/** Unverified text. */
const sourceExists = (name: string) => eventsError('ResourceAlreadyExistsException', `Event source ${name} already exists.`);
/** Unverified text. */
const deletedSource = (name: string) => eventsError('InvalidStateException', `Event source ${name} is in state DELETED.`);

function checkName(member: string, value: string | undefined, extra?: (c: Coral) => void): string {
  const coral = new Coral();
  coral.string([member], value, RULES.eventSourceName);
  extra?.(coral);
  coral.throwIfAny();
  return required(value);
}

function eventSourceView(s: EventSourceRecord): sdk.DescribeEventSourceResponse {
  return {
    Arn: s.arn,
    CreatedBy: s.createdBy,
    CreationTime: new Date(s.creationTime),
    ExpirationTime: s.expirationTime === undefined ? undefined : new Date(s.expirationTime),
    Name: s.name,
    State: s.state,
  };
}

export type PartnerOperation =
  | 'CreatePartnerEventSource'
  | 'DeletePartnerEventSource'
  | 'DescribePartnerEventSource'
  | 'ListPartnerEventSources'
  | 'ListPartnerEventSourceAccounts'
  | 'DescribeEventSource'
  | 'ListEventSources'
  | 'ActivateEventSource'
  | 'DeactivateEventSource';

export function partnerOperations(store: DirectoryStore): EventsHandlers<PartnerOperation> {
  const owned = (ctx: RequestContext, name: string): PartnerSourceRecord => {
    const p = store.partnerSourcesOf(ctx.region).get(name);
    if (!p || p.partnerAccount !== ctx.account) throw sourceNotFound(name);
    return p;
  };
  const offered = (ctx: RequestContext, name: string): EventSourceRecord => {
    const s = store.eventSource(ctx.account, ctx.region, name);
    if (!s) throw sourceNotFound(name);
    return s;
  };

  return {
    CreatePartnerEventSource(input, ctx) {
      const name = checkName('Name', input.Name, (c) => c.string(['Account'], input.Account, RULES.accountId));
      const account = required(input.Account);
      const sources = store.partnerSourcesOf(ctx.region);
      let p = sources.get(name);
      if (p && (p.partnerAccount !== ctx.account || p.accounts.has(account))) throw sourceExists(name);
      if (!p) {
        p = { name, arn: buildArn({ service: 'events', region: ctx.region, account: '', resource: `event-source/${name}` }), region: ctx.region, partnerAccount: ctx.account, accounts: new Set() };
        sources.set(name, p);
      }
      p.accounts.add(account);
      const now = store.clock.now();
      store.eventSourcesOf(account, ctx.region).set(name, {
        name,
        arn: p.arn,
        account,
        region: ctx.region,
        partnerAccount: ctx.account,
        createdBy: name.split('/')[1] ?? name,
        creationTime: now,
        expirationTime: now + PENDING_LIFETIME_MS,
        state: 'PENDING',
      });
      return { EventSourceArn: p.arn };
    },

    DeletePartnerEventSource(input, ctx) {
      const name = checkName('Name', input.Name, (c) => c.string(['Account'], input.Account, RULES.accountId));
      const account = required(input.Account);
      const sources = store.partnerSourcesOf(ctx.region);
      const p = sources.get(name);
      // The model lists no ResourceNotFoundException for this operation: deleting nothing succeeds.
      if (!p || p.partnerAccount !== ctx.account || !p.accounts.has(account)) return {};
      p.accounts.delete(account);
      if (p.accounts.size === 0) sources.delete(name);
      const s = store.eventSource(account, ctx.region, name);
      if (s) {
        s.state = 'DELETED';
        s.expirationTime = undefined;
      }
      return {};
    },

    DescribePartnerEventSource(input, ctx) {
      const p = owned(ctx, checkName('Name', input.Name));
      return { Arn: p.arn, Name: p.name };
    },

    ListPartnerEventSources(input, ctx) {
      const coral = new Coral();
      coral.string(['NamePrefix'], input.NamePrefix, RULES.partnerEventSourceNamePrefix);
      checkPaging(coral, 'Limit', input.Limit, input.NextToken);
      coral.throwIfAny();
      const prefix = required(input.NamePrefix);
      const all = [...store.partnerSourcesOf(ctx.region).values()].filter((p) => p.partnerAccount === ctx.account && p.name.startsWith(prefix)).sort(byName);
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return { PartnerEventSources: items.map((p) => ({ Arn: p.arn, Name: p.name })), NextToken: nextToken };
    },

    ListPartnerEventSourceAccounts(input, ctx) {
      const name = checkName('EventSourceName', input.EventSourceName, (c) => checkPaging(c, 'Limit', input.Limit, input.NextToken));
      const p = owned(ctx, name);
      const accounts = [...p.accounts].sort().map((a) => store.eventSource(a, ctx.region, name)).filter((s): s is EventSourceRecord => s !== undefined);
      const { items, nextToken } = page(accounts, input.NextToken, input.Limit);
      return {
        PartnerEventSourceAccounts: items.map((s) => ({
          Account: s.account,
          CreationTime: new Date(s.creationTime),
          ExpirationTime: s.expirationTime === undefined ? undefined : new Date(s.expirationTime),
          State: s.state,
        })),
        NextToken: nextToken,
      };
    },

    DescribeEventSource(input, ctx) {
      return eventSourceView(offered(ctx, checkName('Name', input.Name)));
    },

    ListEventSources(input, ctx) {
      const coral = new Coral();
      coral.string(['NamePrefix'], input.NamePrefix, RULES.eventSourceNamePrefix);
      checkPaging(coral, 'Limit', input.Limit, input.NextToken);
      coral.throwIfAny();
      const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
      const all = [...store.eventSourcesOf(ctx.account, ctx.region).values()].filter((s) => s.name.startsWith(prefix)).sort(byName);
      const { items, nextToken } = page(all, input.NextToken, input.Limit);
      return { EventSources: items.map(eventSourceView), NextToken: nextToken };
    },

    ActivateEventSource(input, ctx) {
      const s = offered(ctx, checkName('Name', input.Name));
      if (s.state === 'DELETED') throw deletedSource(s.name);
      store.setEventSourceState(ctx.account, ctx.region, s.name, 'ACTIVE');
      return {};
    },

    DeactivateEventSource(input, ctx) {
      const s = offered(ctx, checkName('Name', input.Name));
      if (s.state === 'DELETED') throw deletedSource(s.name);
      if (s.state !== 'PENDING') store.setEventSourceState(ctx.account, ctx.region, s.name, 'PENDING');
      return {};
    },
  };
}
