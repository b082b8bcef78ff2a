/**
 * SNS mobile push management: platform applications (ADM, APNS, GCM, ...) and their device
 * endpoints. Publishing to an endpoint lives with Publish (`MobileStore.publishToEndpoint`).
 *
 * LIMITATIONS: platform credentials are accepted as given, never verified with the push service
 * (AWS answers "Platform credentials are invalid" for bad ones); Apple token-auth attributes
 * (ApplePlatformTeamID, ApplePlatformBundleID) are stored, not required.
 */
import { needsPrincipal, type MobileStore } from '../../../engines/topic/mobile/index.js';
import type { RequestContext } from '../../context.js';
import type { SnsHandlersFor } from '../types.js';
import { invalidParameter } from './errors.js';
import { required } from '../errors.js';
import { checkApplicationName, arnParam, checkEndpointAttributes, checkPlatform, requireAttributes } from './validation.js';
import { pageAfter } from '../paging.js';

export type PlatformOperation =
  | 'CreatePlatformApplication'
  | 'DeletePlatformApplication'
  | 'ListPlatformApplications'
  | 'GetPlatformApplicationAttributes'
  | 'SetPlatformApplicationAttributes'
  | 'CreatePlatformEndpoint'
  | 'DeleteEndpoint'
  | 'GetEndpointAttributes'
  | 'SetEndpointAttributes'
  | 'ListEndpointsByPlatformApplication';

/** AWS pages platform applications and endpoints by 100. */
export const PAGE_SIZE = 100;

const scopeOf = (ctx: RequestContext) => ({ account: ctx.account, region: ctx.region });

export function platformOperations(store: MobileStore): SnsHandlersFor<PlatformOperation> {
  const apps = store.applications;
  return {
    CreatePlatformApplication(input, ctx) {
      const name = input.Name ?? '';
      checkApplicationName(name);
      const platform = checkPlatform(input.Platform ?? '');
      const { PlatformPrincipal: principal, PlatformCredential: credential, ...attributes } = requireAttributes(input.Attributes);
      // (recorded) both texts; GCM has no principal, its credential stands alone.
      if (credential !== undefined && principal === undefined && needsPrincipal(platform))
        throw invalidParameter('Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal');
      if (principal !== undefined && credential === undefined)
        throw invalidParameter('Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential');
      const app = apps.createPlatformApplication(scopeOf(ctx), { name, platform, attributes, principal, credential });
      return { PlatformApplicationArn: app.arn };
    },

    DeletePlatformApplication(input, ctx) {
      const arn = arnParam(input.PlatformApplicationArn, 'PlatformApplicationArn');
      apps.deletePlatformApplication(scopeOf(ctx), arn);
      return {};
    },

    ListPlatformApplications(input, ctx) {
      const page = pageAfter(apps.listPlatformApplications(scopeOf(ctx)), (a) => a.arn, input.NextToken, PAGE_SIZE);
      return {
        PlatformApplications: page.items.map((a) => ({ PlatformApplicationArn: a.arn, Attributes: a.attributes })),
        NextToken: page.nextToken,
      };
    },

    GetPlatformApplicationAttributes(input, ctx) {
      const arn = arnParam(input.PlatformApplicationArn, 'PlatformApplicationArn');
      return { Attributes: apps.requirePlatformApplication(scopeOf(ctx), arn).attributes };
    },

    SetPlatformApplicationAttributes(input, ctx) {
      const arn = arnParam(input.PlatformApplicationArn, 'PlatformApplicationArn');
      const attributes = requireAttributes(input.Attributes);
      apps.setPlatformApplicationAttributes(scopeOf(ctx), arn, attributes);
      return {};
    },

    CreatePlatformEndpoint(input, ctx) {
      const arn = arnParam(input.PlatformApplicationArn, 'PlatformApplicationArn');
      const app = apps.requirePlatformApplication(scopeOf(ctx), arn);
      const attributes = { ...input.Attributes };
      // (recorded) CustomUserData may come both ways; the attribute wins.
      const custom = input.CustomUserData;
      if (custom && attributes.CustomUserData === undefined) attributes.CustomUserData = custom;
      checkEndpointAttributes(attributes, app.platform);
      const { endpoint } = apps.createPlatformEndpoint(scopeOf(ctx), arn, required(input.Token, 'Token'), attributes);
      return { EndpointArn: endpoint.arn };
    },

    DeleteEndpoint(input, ctx) {
      const arn = arnParam(input.EndpointArn, 'EndpointArn');
      apps.deleteEndpoint(scopeOf(ctx), arn);
      return {};
    },

    GetEndpointAttributes(input, ctx) {
      const arn = arnParam(input.EndpointArn, 'EndpointArn');
      return { Attributes: apps.requireEndpoint(scopeOf(ctx), arn).attributes };
    },

    SetEndpointAttributes(input, ctx) {
      const arn = arnParam(input.EndpointArn, 'EndpointArn');
      const attributes = requireAttributes(input.Attributes);
      const endpoint = apps.requireEndpoint(scopeOf(ctx), arn);
      checkEndpointAttributes(attributes, endpoint.platform);
      apps.setEndpointAttributes(scopeOf(ctx), arn, attributes);
      return {};
    },

    ListEndpointsByPlatformApplication(input, ctx) {
      const arn = arnParam(input.PlatformApplicationArn, 'PlatformApplicationArn');
      const page = pageAfter(apps.listEndpoints(scopeOf(ctx), arn), (e) => e.arn, input.NextToken, PAGE_SIZE);
      return { Endpoints: page.items.map((e) => ({ EndpointArn: e.arn, Attributes: e.attributes })), NextToken: page.nextToken };
    },
  };
}
