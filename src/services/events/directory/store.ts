/**
 * Global endpoints (per account and region) and partner event sources. A partner event source
 * spans accounts: the partner account owns it (CreatePartnerEventSource), each account it is
 * offered to sees it as an event source (DescribeEventSource) in the same region.
 */
import type { EndpointEventBus, ReplicationConfig, RoutingConfig } from '@aws-sdk/client-eventbridge';
import type { Clock } from '../../../core/clock.js';

export type EventSourceState = 'PENDING' | 'ACTIVE' | 'DELETED';

export interface EndpointRecord {
  name: string;
  arn: string;
  account: string;
  region: string;
  description?: string;
  routingConfig: RoutingConfig | undefined;
  replicationConfig?: ReplicationConfig;
  eventBuses: EndpointEventBus[];
  roleArn?: string;
  /** `<10 characters>.veo`, as AWS makes them (the URL subdomain). */
  endpointId: string;
  endpointUrl: string;
  creationTime: number;
  lastModifiedTime: number;
}

/** The partner's side: who owns the name and which accounts it was offered to. */
export interface PartnerSourceRecord {
  name: string;
  arn: string;
  region: string;
  partnerAccount: string;
  accounts: Set<string>;
}

/** An account's side: the event source as DescribeEventSource shows it. */
export interface EventSourceRecord {
  name: string;
  arn: string;
  account: string;
  region: string;
  partnerAccount: string;
  createdBy: string;
  creationTime: number;
  /** While PENDING: when it expires without a matching event bus (two weeks, per the AWS docs). */
  expirationTime: number | undefined;
  state: EventSourceState;
}

/** AWS: "If it remains in PENDING state for more than two weeks, it is deleted." */
export const PENDING_LIFETIME_MS = 14 * 24 * 3600 * 1000;

export class DirectoryStore {
  readonly clock: Clock;
  private readonly endpoints = new Map<string, Map<string, EndpointRecord>>();
  private readonly partnerSources = new Map<string, Map<string, PartnerSourceRecord>>();
  private readonly eventSources = new Map<string, Map<string, EventSourceRecord>>();

  constructor(opts: { clock: Clock }) {
    this.clock = opts.clock;
  }

  endpointsOf(account: string, region: string): Map<string, EndpointRecord> {
    return getOrCreate(this.endpoints, `${account}/${region}`);
  }

  /** The endpoint PutEvents names by EndpointId (any region of the account). */
  endpointById(account: string, endpointId: string): EndpointRecord | undefined {
    for (const [key, byName] of this.endpoints) {
      if (!key.startsWith(`${account}/`)) continue;
      for (const e of byName.values()) if (e.endpointId === endpointId) return e;
    }
    return undefined;
  }

  partnerSourcesOf(region: string): Map<string, PartnerSourceRecord> {
    return getOrCreate(this.partnerSources, region);
  }

  eventSourcesOf(account: string, region: string): Map<string, EventSourceRecord> {
    return getOrCreate(this.eventSources, `${account}/${region}`);
  }

  /** The event source an account sees under `name` (for CreateEventBus with EventSourceName). */
  eventSource(account: string, region: string, name: string): EventSourceRecord | undefined {
    return this.eventSources.get(`${account}/${region}`)?.get(name);
  }

  /**
   * Move an account's event source between PENDING and ACTIVE (a matching partner event bus was
   * created or deleted). A DELETED source stays DELETED.
   */
  setEventSourceState(account: string, region: string, name: string, state: 'PENDING' | 'ACTIVE'): boolean {
    const s = this.eventSource(account, region, name);
    if (!s || s.state === 'DELETED') return false;
    s.state = state;
    s.expirationTime = state === 'PENDING' ? this.clock.now() + PENDING_LIFETIME_MS : undefined;
    return true;
  }

  /** The accounts a partner's PutPartnerEvents for source `name` reaches (ACTIVE sources only). */
  partnerEventAccounts(partnerAccount: string, region: string, name: string): string[] {
    const p = this.partnerSources.get(region)?.get(name);
    if (!p || p.partnerAccount !== partnerAccount) return [];
    return [...p.accounts].filter((a) => this.eventSource(a, region, name)?.state === 'ACTIVE');
  }
}

function getOrCreate<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = map.get(key);
  if (!m) {
    m = new Map();
    map.set(key, m);
  }
  return m;
}
