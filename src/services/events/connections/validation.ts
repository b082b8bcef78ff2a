/**
 * Input checks for connections and API destinations: the model's constraints first (one
 * ValidationException listing every violation, as AWS does), then the rules per authorization
 * type.
 */
import { type AwsError, type PathSeg } from '../../../../protocols/index.js';
import { Coral, ENUMS, RULES } from './coral.js';
import type { AuthorizationType, HttpParameter, HttpParameters } from './model.js';
import { validation } from '../errors.js';

type Input = Record<string, unknown>;

function obj(v: unknown): Input | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Input) : undefined;
}

function httpParameters(coral: Coral, path: PathSeg[], value: unknown): void {
  const p = obj(value) as HttpParameters | undefined;
  if (!p) return;
  const lists: Array<[keyof HttpParameters, typeof RULES.headerKey | undefined, typeof RULES.headerValue | undefined]> = [
    ['HeaderParameters', RULES.headerKey, RULES.headerValue],
    ['QueryStringParameters', RULES.queryKey, RULES.queryValue],
    ['BodyParameters', undefined, undefined],
  ];
  for (const [member, keyRule, valueRule] of lists) {
    const list = p[member];
    if (!Array.isArray(list)) continue;
    coral.list([...path, member], list, 0, 100);
    list.forEach((item: HttpParameter, i) => {
      if (keyRule) coral.string([...path, member, i + 1, 'Key'], item.Key, keyRule);
      if (valueRule) coral.string([...path, member, i + 1, 'Value'], item.Value, valueRule);
    });
  }
}

function connectivity(coral: Coral, path: PathSeg[], value: unknown): void {
  const rp = obj(obj(value)?.ResourceParameters);
  if (rp) coral.string([...path, 'ResourceParameters', 'ResourceConfigurationArn'], rp.ResourceConfigurationArn, RULES.resourceConfigurationArn);
}

/** Constraints of CreateConnection and UpdateConnection, in input member order. */
/** Walks the request generically (coral member paths), so it reads it as plain data. */
export function connectionConstraints(request: object): Coral {
  const input = obj(request) ?? {};
  const coral = new Coral();
  coral.string(['Name'], input.Name, RULES.resourceName);
  coral.string(['Description'], input.Description, RULES.description);
  coral.enumValue(['AuthorizationType'], input.AuthorizationType, ENUMS.authorizationType);
  const auth = obj(input.AuthParameters);
  if (auth) {
    const basic = obj(auth.BasicAuthParameters);
    if (basic) {
      coral.string(['AuthParameters', 'BasicAuthParameters', 'Username'], basic.Username, RULES.authHeader);
      coral.string(['AuthParameters', 'BasicAuthParameters', 'Password'], basic.Password, RULES.authHeaderSensitive);
    }
    const oauth = obj(auth.OAuthParameters);
    if (oauth) {
      const client = obj(oauth.ClientParameters);
      if (client) {
        coral.string(['AuthParameters', 'OAuthParameters', 'ClientParameters', 'ClientID'], client.ClientID, RULES.authHeader);
        coral.string(['AuthParameters', 'OAuthParameters', 'ClientParameters', 'ClientSecret'], client.ClientSecret, RULES.authHeaderSensitive);
      }
      coral.string(['AuthParameters', 'OAuthParameters', 'AuthorizationEndpoint'], oauth.AuthorizationEndpoint, RULES.httpsEndpoint);
      // Recorded: AWS accepted "put" (LocalStack's validated OAuth fixture), so the method is case-insensitive.
      coral.enumValue(['AuthParameters', 'OAuthParameters', 'HttpMethod'], oauth.HttpMethod, ENUMS.oauthHttpMethod, true);
      httpParameters(coral, ['AuthParameters', 'OAuthParameters', 'OAuthHttpParameters'], oauth.OAuthHttpParameters);
    }
    const apiKey = obj(auth.ApiKeyAuthParameters);
    if (apiKey) {
      coral.string(['AuthParameters', 'ApiKeyAuthParameters', 'ApiKeyName'], apiKey.ApiKeyName, RULES.authHeader);
      coral.string(['AuthParameters', 'ApiKeyAuthParameters', 'ApiKeyValue'], apiKey.ApiKeyValue, RULES.authHeaderSensitive);
    }
    httpParameters(coral, ['AuthParameters', 'InvocationHttpParameters'], auth.InvocationHttpParameters);
    connectivity(coral, ['AuthParameters', 'ConnectivityParameters'], auth.ConnectivityParameters);
  }
  connectivity(coral, ['InvocationConnectivityParameters'], input.InvocationConnectivityParameters);
  coral.string(['KmsKeyIdentifier'], input.KmsKeyIdentifier, RULES.kmsKeyIdentifier);
  return coral;
}

const BLOCK: Record<AuthorizationType, 'BasicAuthParameters' | 'OAuthParameters' | 'ApiKeyAuthParameters'> = {
  BASIC: 'BasicAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
  API_KEY: 'ApiKeyAuthParameters',
};

/** The AuthParameters member an authorization type reads. */
export function authBlock(type: AuthorizationType): 'BasicAuthParameters' | 'OAuthParameters' | 'ApiKeyAuthParameters' {
  return BLOCK[type];
}

/**
 * AuthParameters must carry the block of the authorization type and no other one.
 * Unverified text: AWS's wording for this case is not recorded.
 */
export function authMismatch(type: AuthorizationType, authParameters: object | undefined): AwsError | undefined {
  const auth = obj(authParameters);
  const want = BLOCK[type];
  const given = (['BasicAuthParameters', 'OAuthParameters', 'ApiKeyAuthParameters'] as const).filter((k) => auth?.[k] !== undefined);
  if (given.length === 1 && given[0] === want) return undefined;
  return validation(`The AuthParameters of a connection with AuthorizationType ${type} must contain exactly ${want}.`);
}

/** Constraints of CreateApiDestination and UpdateApiDestination, in input member order. */
export function apiDestinationConstraints(request: object): Coral {
  const input = obj(request) ?? {};
  const coral = new Coral();
  coral.string(['Name'], input.Name, RULES.resourceName);
  coral.string(['Description'], input.Description, RULES.description);
  coral.string(['ConnectionArn'], input.ConnectionArn, RULES.connectionArn);
  coral.string(['InvocationEndpoint'], input.InvocationEndpoint, RULES.httpsEndpoint);
  coral.enumValue(['HttpMethod'], input.HttpMethod, ENUMS.apiDestinationHttpMethod);
  coral.integer(['InvocationRateLimitPerSecond'], input.InvocationRateLimitPerSecond, 1);
  return coral;
}
