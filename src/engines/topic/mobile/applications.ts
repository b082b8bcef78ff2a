/**
 * Platform applications and their endpoints, per account and region, and the mobile
 * application events (EventEndpointCreated/Deleted/Updated, EventDeliveryFailure) they raise.
 */
import type { Clock } from '../../../core/clock.js';
import { scopeKey } from './capture.js';
import { EndpointDisabled, EndpointNotFound, EndpointTokenConflict, PlatformApplicationDisabled, PlatformApplicationNotFound } from './errors.js';
import { applicationArn, endpointArn } from './platform.js';
import type { ApplicationEvent, ApplicationEventType, EndpointView, PlatformApplicationView, Scope } from './types.js';

export interface PlatformApplicationInput {
  name: string;
  platform: string;
  /** Public attributes (Enabled, EventEndpoint*, SuccessFeedback*, ...), without the credentials. */
  attributes: Record<string, string>;
  principal?: string;
  credential?: string;
}

/** What a push delivery needs to know about an enabled endpoint. */
export interface DeliveryTarget {
  applicationArn: string;
  platform: string;
  token: string;
}

interface AppState {
  arn: string;
  name: string;
  platform: string;
  attributes: Map<string, string>;
  principal?: string;
  credential?: string;
  /** Device token → endpoint ARN. */
  byToken: Map<string, string>;
}

interface EndpointState {
  arn: string;
  app: AppState;
  attributes: Map<string, string>;
}

interface ScopeState {
  apps: Map<string, AppState>;
  endpoints: Map<string, EndpointState>;
}

const byArn = <T extends { arn: string }>(a: T, b: T): number => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

export class PlatformApplications {
  private readonly scopes = new Map<string, ScopeState>();
  private readonly listeners = new Set<(e: ApplicationEvent) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  /**
   * Create a platform application, or update the one of that platform and name (its ARN stays,
   * its endpoints are kept). `Enabled` defaults to `true`.
   */
  createPlatformApplication(scope: Scope, input: PlatformApplicationInput): PlatformApplicationView {
    const s = this.state(scope);
    const arn = applicationArn(scope, input.platform, input.name);
    let app = s.apps.get(arn);
    if (!app) {
      app = { arn, name: input.name, platform: input.platform, attributes: new Map([['Enabled', 'true']]), byToken: new Map() };
      s.apps.set(arn, app);
    }
    for (const [k, v] of Object.entries(input.attributes)) app.attributes.set(k, v);
    if (input.principal !== undefined) app.principal = input.principal;
    if (input.credential !== undefined) app.credential = input.credential;
    return appView(app);
  }

  getPlatformApplication(scope: Scope, arn: string): PlatformApplicationView | undefined {
    const app = this.peek(scope)?.apps.get(arn);
    return app && appView(app);
  }

  /** @throws PlatformApplicationNotFound */
  requirePlatformApplication(scope: Scope, arn: string): PlatformApplicationView {
    return appView(this.app(scope, arn));
  }

  /** Sorted by ARN. */
  listPlatformApplications(scope: Scope): PlatformApplicationView[] {
    return [...(this.peek(scope)?.apps.values() ?? [])].sort(byArn).map(appView);
  }

  /**
   * Merge attributes into the application's; `PlatformPrincipal`/`PlatformCredential` replace
   * the stored credentials and are never returned.
   * @throws PlatformApplicationNotFound
   */
  setPlatformApplicationAttributes(scope: Scope, arn: string, attributes: Record<string, string>): PlatformApplicationView {
    const app = this.app(scope, arn);
    for (const [k, v] of Object.entries(attributes)) {
      if (k === 'PlatformPrincipal') app.principal = v;
      else if (k === 'PlatformCredential') app.credential = v;
      else app.attributes.set(k, v);
    }
    return appView(app);
  }

  /** Delete the application and its endpoints; false when there was none (not an error on AWS). */
  deletePlatformApplication(scope: Scope, arn: string): boolean {
    const s = this.peek(scope);
    const app = s?.apps.get(arn);
    if (!s || !app) return false;
    for (const endpoint of app.byToken.values()) s.endpoints.delete(endpoint);
    s.apps.delete(arn);
    return true;
  }

  // ---- platform endpoints ----------------------------------------------------------------

  /**
   * CreatePlatformEndpoint. Attributes become `{Enabled: 'true', Token, ...attributes}`. Idempotent:
   * an endpoint of this application with the same token and exactly these attributes is returned
   * as is (`created: false`).
   * @throws PlatformApplicationNotFound; EndpointTokenConflict when the token's endpoint has other attributes
   */
  createPlatformEndpoint(scope: Scope, applicationArn: string, token: string, attributes: Record<string, string> = {}): { endpoint: EndpointView; created: boolean } {
    const s = this.state(scope);
    const app = this.app(scope, applicationArn);
    const wanted = new Map<string, string>([['Enabled', 'true'], ['Token', token], ...Object.entries(attributes)]);
    const effectiveToken = wanted.get('Token') ?? token;
    const existingArn = app.byToken.get(effectiveToken);
    const existing = existingArn === undefined ? undefined : s.endpoints.get(existingArn);
    if (existing) {
      if (!sameMap(existing.attributes, wanted)) throw new EndpointTokenConflict(existing.arn);
      return { endpoint: endpointView(existing), created: false };
    }
    const arn = endpointArn(scope, app.platform, app.name, this.newId());
    const e: EndpointState = { arn, app, attributes: wanted };
    s.endpoints.set(arn, e);
    app.byToken.set(effectiveToken, arn);
    this.emit(scope, app, arn, 'EndpointCreated');
    return { endpoint: endpointView(e), created: true };
  }

  getEndpoint(scope: Scope, arn: string): EndpointView | undefined {
    const e = this.peek(scope)?.endpoints.get(arn);
    return e && endpointView(e);
  }

  /** @throws EndpointNotFound */
  requireEndpoint(scope: Scope, arn: string): EndpointView {
    return endpointView(this.endpoint(scope, arn));
  }

  /** The application's endpoints, sorted by ARN. @throws PlatformApplicationNotFound */
  listEndpoints(scope: Scope, applicationArn: string): EndpointView[] {
    const app = this.app(scope, applicationArn);
    const endpoints = this.state(scope).endpoints;
    return [...app.byToken.values()]
      .map((arn) => endpoints.get(arn))
      .filter((e): e is EndpointState => e !== undefined)
      .sort(byArn)
      .map(endpointView);
  }

  /** Merge attributes (a new `Token` re-keys the endpoint). @throws EndpointNotFound */
  setEndpointAttributes(scope: Scope, arn: string, attributes: Record<string, string>): EndpointView {
    const e = this.endpoint(scope, arn);
    const oldToken = e.attributes.get('Token');
    for (const [k, v] of Object.entries(attributes)) e.attributes.set(k, v);
    const newToken = e.attributes.get('Token');
    if (oldToken !== newToken && newToken !== undefined) {
      if (oldToken !== undefined && e.app.byToken.get(oldToken) === arn) e.app.byToken.delete(oldToken);
      e.app.byToken.set(newToken, arn);
    }
    this.emit(scope, e.app, arn, 'EndpointUpdated');
    return endpointView(e);
  }

  /** False when there was none (DeleteEndpoint is idempotent on AWS). */
  deleteEndpoint(scope: Scope, arn: string): boolean {
    const s = this.peek(scope);
    const e = s?.endpoints.get(arn);
    if (!s || !e) return false;
    s.endpoints.delete(arn);
    const token = e.attributes.get('Token');
    if (token !== undefined && e.app.byToken.get(token) === arn) e.app.byToken.delete(token);
    this.emit(scope, e.app, arn, 'EndpointDeleted');
    return true;
  }

  /**
   * Listen for mobile application events: when an application has `EventEndpointCreated`,
   * `EventEndpointDeleted`, `EventEndpointUpdated` or `EventDeliveryFailure` set to a topic ARN,
   * the matching change calls `listener` (synchronously; errors it throws are ignored) so the
   * caller can publish `event.message` to `event.topicArn`. Returns an unsubscribe function.
   */
  onApplicationEvent(listener: (event: ApplicationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The endpoint a push goes to, if it can take one.
   * @throws EndpointNotFound, PlatformApplicationDisabled (application `Enabled` not `true`),
   *   EndpointDisabled (endpoint `Enabled` not `true`); for topic deliveries (`topicArn` set) a
   *   disabled target also raises the application's DeliveryFailure event
   */
  deliveryTarget(scope: Scope, endpointArn: string, delivery: { messageId: string; topicArn?: string }): DeliveryTarget {
    const e = this.endpoint(scope, endpointArn);
    if (e.app.attributes.get('Enabled')?.toLowerCase() !== 'true') {
      if (delivery.topicArn) this.emit(scope, e.app, endpointArn, 'DeliveryFailure', { messageId: delivery.messageId, failure: 'PlatformApplicationDisabled', text: 'Platform application is disabled' });
      throw new PlatformApplicationDisabled(e.app.arn);
    }
    if (e.attributes.get('Enabled')?.toLowerCase() !== 'true') {
      if (delivery.topicArn) this.emit(scope, e.app, endpointArn, 'DeliveryFailure', { messageId: delivery.messageId, failure: 'EndpointDisabled', text: 'Endpoint is disabled' });
      throw new EndpointDisabled(endpointArn);
    }
    return { applicationArn: e.app.arn, platform: e.app.platform, token: e.attributes.get('Token') ?? '' };
  }

  private peek(scope: Scope): ScopeState | undefined {
    return this.scopes.get(scopeKey(scope));
  }

  private state(scope: Scope): ScopeState {
    const key = scopeKey(scope);
    let s = this.scopes.get(key);
    if (!s) this.scopes.set(key, (s = { apps: new Map(), endpoints: new Map() }));
    return s;
  }

  private app(scope: Scope, arn: string): AppState {
    const app = this.peek(scope)?.apps.get(arn);
    if (!app) throw new PlatformApplicationNotFound(arn);
    return app;
  }

  private endpoint(scope: Scope, arn: string): EndpointState {
    const e = this.peek(scope)?.endpoints.get(arn);
    if (!e) throw new EndpointNotFound(arn);
    return e;
  }

  private emit(scope: Scope, app: AppState, endpointArn: string, eventType: ApplicationEventType, failure?: { messageId: string; failure: string; text: string }): void {
    const topicArn = app.attributes.get(`Event${eventType}`);
    if (!topicArn || this.listeners.size === 0) return;
    const body: Record<string, unknown> = failure
      ? { DeliveryAttempts: 1, EndpointArn: endpointArn, EventType: eventType, FailureMessage: failure.text, FailureType: failure.failure, MessageId: failure.messageId }
      : { EndpointArn: endpointArn, EventType: eventType };
    Object.assign(body, { Resource: app.arn, Service: 'SNS', Time: new Date(this.clock.now()).toISOString() });
    const event: ApplicationEvent = { scope: { ...scope }, topicArn, eventType, applicationArn: app.arn, endpointArn, message: JSON.stringify(body) };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener's failure must not undo the change that caused the event.
      }
    }
  }
}

function appView(app: AppState): PlatformApplicationView {
  return { arn: app.arn, name: app.name, platform: app.platform, attributes: Object.fromEntries(app.attributes) };
}

function endpointView(e: EndpointState): EndpointView {
  return { arn: e.arn, applicationArn: e.app.arn, platform: e.app.platform, attributes: Object.fromEntries(e.attributes) };
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

