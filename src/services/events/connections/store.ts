/**
 * Connections and API destinations, per account and region, plus the OAuth side of a
 * connection's life: authorizing in the background after create/update (AUTHORIZING →
 * AUTHORIZED, or DEAUTHORIZED when the authorization endpoint refuses or cannot be reached, as
 * AWS does for public endpoints) and caching tokens until they expire or a target answers 401/407.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import { hasCredentials, type ApiDestinationRecord, type ApiDestinationState, type ConnectionRecord } from './model.js';
import { requestToken, type OAuthToken, type TokenOutcome } from './oauth.js';
import { buildArn } from '../../../core/arn.js';

export interface ConnectionStoreOptions {
  clock: Clock;
  /** Deadline for OAuth token requests (default 5000 ms, as for invocations). */
  timeoutMs?: number;
}

export interface ConnectionScope {
  connections: Map<string, ConnectionRecord>;
  destinations: Map<string, ApiDestinationRecord>;
}

interface CachedToken {
  generation: number;
  token: OAuthToken;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

/** `arn:aws:events:<region>:<account>:<kind>/<name>/<id>` → its parts. */
export function parseEventsArn(arn: string): { region: string; account: string; resource: string } | undefined {
  const m = /^arn:aws[a-z-]*:events:([a-z0-9-]*):(\d{12}):(.+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, resource: m[3]! } : undefined;
}

export class ConnectionStore {
  readonly clock: Clock;
  readonly timeoutMs: number;
  private readonly scopes = new Map<string, ConnectionScope>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, { generation: number; promise: Promise<TokenOutcome> }>();
  private readonly aborter = new AbortController();

  constructor(opts: ConnectionStoreOptions) {
    this.clock = opts.clock;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  scope(account: string, region: string): ConnectionScope {
    const key = `${account}/${region}`;
    let s = this.scopes.get(key);
    if (!s) {
      s = { connections: new Map(), destinations: new Map() };
      this.scopes.set(key, s);
    }
    return s;
  }

  connectionArn(account: string, region: string, name: string): string {
    return buildArn({ service: 'events', region: region, account: account, resource: `connection/${name}/${randomUUID()}` });
  }

  apiDestinationArn(account: string, region: string, name: string): string {
    return buildArn({ service: 'events', region: region, account: account, resource: `api-destination/${name}/${randomUUID()}` });
  }

  /** Secrets Manager names the secret `events!connection/<name>/<uuid>` and adds a 6-character suffix. */
  secretArn(account: string, region: string, name: string): string {
    return buildArn({ service: 'secretsmanager', region: region, account: account, resource: `secret:events!connection/${name}/${randomUUID()}-${randomChars(6)}` });
  }

  connectionByArn(arn: string): ConnectionRecord | undefined {
    const p = parseEventsArn(arn);
    const m = p && /^connection\/([^/]+)\/[^/]+$/.exec(p.resource);
    if (!p || !m) return undefined;
    const c = this.scopes.get(`${p.account}/${p.region}`)?.connections.get(m[1]!);
    return c?.arn === arn ? c : undefined;
  }

  destinationByArn(arn: string): ApiDestinationRecord | undefined {
    const p = parseEventsArn(arn);
    const m = p && /^api-destination\/([^/]+)(?:\/[^/]+)?$/.exec(p.resource);
    if (!p || !m) return undefined;
    const d = this.scopes.get(`${p.account}/${p.region}`)?.destinations.get(m[1]!);
    // Rules may name a destination by its ARN without the trailing id (as AWS's own ARN pattern allows).
    return d && (d.arn === arn || d.arn.startsWith(`${arn}/`)) ? d : undefined;
  }

  /** ACTIVE exactly while the destination's connection is authorized (recorded: INACTIVE for an AUTHORIZING one). */
  destinationState(d: ApiDestinationRecord): ApiDestinationState {
    const c = this.connectionByArn(d.connectionArn);
    return c?.state === 'AUTHORIZED' ? 'ACTIVE' : 'INACTIVE';
  }

  /**
   * (Re)authorize after create/update: BASIC and API_KEY are authorized at once; OAuth goes
   * AUTHORIZING and exchanges its credentials in the background.
   */
  authorize(c: ConnectionRecord): void {
    c.generation++;
    this.tokens.delete(c.arn);
    c.stateReason = undefined;
    if (!hasCredentials(c)) {
      c.state = 'DEAUTHORIZED';
      return;
    }
    if (c.authorizationType !== 'OAUTH_CLIENT_CREDENTIALS') {
      c.state = 'AUTHORIZED';
      c.lastAuthorizedTime = this.clock.now();
      return;
    }
    c.state = 'AUTHORIZING';
    void this.token(c);
  }

  /** Drop the credentials: the connection stays, DEAUTHORIZED, until updated with new ones. */
  deauthorize(c: ConnectionRecord): void {
    c.generation++;
    this.tokens.delete(c.arn);
    const a = c.auth;
    if (a.BasicAuthParameters) delete a.BasicAuthParameters.Password;
    if (a.ApiKeyAuthParameters) delete a.ApiKeyAuthParameters.ApiKeyValue;
    if (a.OAuthParameters) delete a.OAuthParameters.ClientParameters.ClientSecret;
    c.state = 'DEAUTHORIZED';
    c.stateReason = undefined;
  }

  forget(c: ConnectionRecord): void {
    c.generation++;
    this.tokens.delete(c.arn);
  }

  /** Forget a token a target refused (401/407): the next invocation asks for a new one. */
  invalidateToken(c: ConnectionRecord): void {
    this.tokens.delete(c.arn);
  }

  /**
   * A valid OAuth token for the connection: the cached one, the exchange already under way, or a
   * new exchange. The outcome also moves the connection's state: a refusal deauthorizes it;
   * while it is AUTHORIZING, any failure does (AWS: authorization failure → DEAUTHORIZED).
   */
  token(c: ConnectionRecord): Promise<TokenOutcome> {
    const cached = this.tokens.get(c.arn);
    const now = this.clock.now();
    if (cached && cached.generation === c.generation && (cached.token.expiresAt === undefined || now < cached.token.expiresAt)) {
      return Promise.resolve({ ok: true, token: cached.token });
    }
    const running = this.inflight.get(c.arn);
    if (running && running.generation === c.generation) return running.promise;
    const oauth = c.auth.OAuthParameters;
    if (!oauth || oauth.ClientParameters.ClientSecret === undefined) {
      return Promise.resolve({ ok: false, error: `Connection ${c.name} has no OAuth client credentials`, retryable: false });
    }
    const generation = c.generation;
    const promise = requestToken(oauth, { now: () => this.clock.now(), timeoutMs: this.timeoutMs, signal: this.aborter.signal }).then((outcome) => {
      if (this.inflight.get(c.arn)?.promise === promise) this.inflight.delete(c.arn);
      if (c.generation !== generation) return outcome; // credentials changed meanwhile: not ours to judge
      if (outcome.ok) {
        this.tokens.set(c.arn, { generation, token: outcome.token });
        if (c.state !== 'AUTHORIZED') {
          c.state = 'AUTHORIZED';
          c.stateReason = undefined;
          c.lastAuthorizedTime = this.clock.now();
        }
      } else if (this.aborter.signal.aborted) {
        // closing: leave the state as it was
      } else if (c.state === 'AUTHORIZING' || !outcome.retryable) {
        c.state = 'DEAUTHORIZED';
        c.stateReason = outcome.error.slice(0, 512);
      }
      return outcome;
    });
    this.inflight.set(c.arn, { generation, promise });
    return promise;
  }

  /** Resolves once the connection is no longer AUTHORIZING (or at once). */
  async settled(c: ConnectionRecord): Promise<void> {
    if (c.state === 'AUTHORIZING' && c.authorizationType === 'OAUTH_CLIENT_CREDENTIALS') await this.token(c);
  }

  /** Abort OAuth exchanges under way. */
  close(): void {
    this.aborter.abort();
  }
}
