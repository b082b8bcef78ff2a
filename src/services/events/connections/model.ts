/** What Signalbox stores for an EventBridge connection and API destination, and their public views. */

import type { ApiDestinationHttpMethod } from '@aws-sdk/client-eventbridge';
export type AuthorizationType = 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS' | 'API_KEY';
export type ConnectionState =
  | 'CREATING'
  | 'UPDATING'
  | 'DELETING'
  | 'AUTHORIZED'
  | 'DEAUTHORIZED'
  | 'AUTHORIZING'
  | 'DEAUTHORIZING'
  | 'ACTIVE'
  | 'FAILED_CONNECTIVITY';
export type ApiDestinationState = 'ACTIVE' | 'INACTIVE';

/** ConnectionHeaderParameter / ConnectionQueryStringParameter / ConnectionBodyParameter. */
export interface HttpParameter {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}

export interface HttpParameters {
  HeaderParameters?: HttpParameter[];
  QueryStringParameters?: HttpParameter[];
  BodyParameters?: HttpParameter[];
}

export interface OAuthParameters {
  ClientParameters: { ClientID: string; ClientSecret?: string };
  AuthorizationEndpoint: string;
  HttpMethod: string;
  OAuthHttpParameters?: HttpParameters;
}

/** The connection's authorization parameters, secrets included (AWS keeps these in Secrets Manager). */
export interface StoredAuth {
  BasicAuthParameters?: { Username: string; Password?: string };
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue?: string };
  OAuthParameters?: OAuthParameters;
  InvocationHttpParameters?: HttpParameters;
  /** Private OAuth endpoint; the association ARN is made up by Signalbox. */
  ConnectivityParameters?: Connectivity;
}

/** DescribeConnectionConnectivityParameters. */
export interface Connectivity {
  ResourceParameters: { ResourceConfigurationArn: string; ResourceAssociationArn: string };
}

export interface ConnectionRecord {
  name: string;
  arn: string;
  account: string;
  region: string;
  secretArn: string;
  description?: string;
  authorizationType: AuthorizationType;
  auth: StoredAuth;
  invocationConnectivity?: Connectivity;
  kmsKeyIdentifier?: string;
  state: ConnectionState;
  stateReason?: string;
  creationTime: number;
  lastModifiedTime: number;
  lastAuthorizedTime: number;
  /** Bumped whenever the credentials change: a late OAuth answer for an older generation is dropped. */
  generation: number;
}

export interface ApiDestinationRecord {
  name: string;
  arn: string;
  account: string;
  region: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: ApiDestinationHttpMethod;
  invocationRateLimitPerSecond: number;
  description?: string;
  creationTime: number;
  lastModifiedTime: number;
}

/** AWS's default InvocationRateLimitPerSecond (recorded: 300 when none is given). */
export const DEFAULT_RATE_LIMIT = 300;

/** Parameters as DescribeConnection shows them: values marked secret are left out. */
export function publicHttpParameters(p: HttpParameters): HttpParameters {
  const strip = (list: HttpParameter[] | undefined): HttpParameter[] | undefined =>
    list?.map((x) => {
      const out: HttpParameter = {};
      if (x.Key !== undefined) out.Key = x.Key;
      if (x.Value !== undefined && x.IsValueSecret !== true) out.Value = x.Value;
      if (x.IsValueSecret !== undefined) out.IsValueSecret = x.IsValueSecret;
      return out;
    });
  const out: HttpParameters = {};
  const h = strip(p.HeaderParameters);
  const q = strip(p.QueryStringParameters);
  const b = strip(p.BodyParameters);
  if (h) out.HeaderParameters = h;
  if (q) out.QueryStringParameters = q;
  if (b) out.BodyParameters = b;
  return out;
}

/** DescribeConnection's AuthParameters: no password, API key value or client secret (recorded). */
export function publicAuthParameters(c: ConnectionRecord): Record<string, unknown> {
  const a = c.auth;
  const out: Record<string, unknown> = {};
  if (c.authorizationType === 'BASIC' && a.BasicAuthParameters) out.BasicAuthParameters = { Username: a.BasicAuthParameters.Username };
  if (c.authorizationType === 'API_KEY' && a.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ApiKeyName: a.ApiKeyAuthParameters.ApiKeyName };
  if (c.authorizationType === 'OAUTH_CLIENT_CREDENTIALS' && a.OAuthParameters) {
    const o = a.OAuthParameters;
    const view: Record<string, unknown> = {
      ClientParameters: { ClientID: o.ClientParameters.ClientID },
      AuthorizationEndpoint: o.AuthorizationEndpoint,
      HttpMethod: o.HttpMethod,
    };
    if (o.OAuthHttpParameters) view.OAuthHttpParameters = publicHttpParameters(o.OAuthHttpParameters);
    out.OAuthParameters = view;
  }
  if (a.InvocationHttpParameters) out.InvocationHttpParameters = publicHttpParameters(a.InvocationHttpParameters);
  if (a.ConnectivityParameters) out.ConnectivityParameters = a.ConnectivityParameters;
  return out;
}

/** Whether the stored auth has every value its type needs to authorize. */
export function hasCredentials(c: Pick<ConnectionRecord, 'authorizationType' | 'auth'>): boolean {
  const a = c.auth;
  switch (c.authorizationType) {
    case 'BASIC':
      return a.BasicAuthParameters?.Password !== undefined;
    case 'API_KEY':
      return a.ApiKeyAuthParameters?.ApiKeyValue !== undefined;
    case 'OAUTH_CLIENT_CREDENTIALS':
      return a.OAuthParameters?.ClientParameters.ClientSecret !== undefined;
  }
}
