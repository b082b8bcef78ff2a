/**
 * SNS SMS account operations: SMS attributes, opted-out numbers, origination numbers and the
 * SMS sandbox. Sending SMS lives with Publish (`MobileStore.sendSms`).
 *
 * LIMITATIONS: no origination numbers are sold here (ListOriginationNumbers lists only what a
 * test added through the store); OptInPhoneNumber's once-per-30-days rule is not enforced; the
 * sandbox does not hold back SMS to unverified numbers unless the store is built with
 * `smsSandbox.enforce`.
 */
import type { MobileStore, OriginationNumber, SandboxNumberView } from '../../../engines/topic/mobile/index.js';
import type { Handlers, RequestContext } from '../../context.js';
import { checkE164, checkMaxResults, checkSandboxInput, checkSmsAttributes, pageAfter, requireAttributes } from './validation.js';

type Input = Record<string, unknown>;

/** AWS pages opted-out numbers by 100 (ListPhoneNumbersOptedOut has no MaxResults). */
export const OPTED_OUT_PAGE_SIZE = 100;
/** MaxResults bounds (and defaults) of the SNS model. */
export const MAX_ORIGINATION_NUMBERS = 30;
export const MAX_SANDBOX_NUMBERS = 100;

const scopeOf = (ctx: RequestContext) => ({ account: ctx.account, region: ctx.region });

export function smsOperations(store: MobileStore): Handlers {
  return {
    CheckIfPhoneNumberIsOptedOut(input: Input, ctx) {
      const phone = String(input.phoneNumber);
      checkE164(phone);
      return { isOptedOut: store.isOptedOut(scopeOf(ctx), phone) };
    },

    OptInPhoneNumber(input: Input, ctx) {
      const phone = String(input.phoneNumber);
      checkE164(phone);
      store.optIn(scopeOf(ctx), phone);
      return {};
    },

    ListPhoneNumbersOptedOut(input: Input, ctx) {
      const page = pageAfter(store.listOptedOut(scopeOf(ctx)), (n) => n, input.nextToken as string | undefined, OPTED_OUT_PAGE_SIZE);
      return { phoneNumbers: page.items, nextToken: page.nextToken };
    },

    GetSMSAttributes(input: Input, ctx) {
      const all = store.getSmsAttributes(scopeOf(ctx));
      const wanted = input.attributes as string[] | undefined;
      if (!wanted?.length) return { attributes: all };
      return { attributes: Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k))) };
    },

    SetSMSAttributes(input: Input, ctx) {
      const attributes = requireAttributes(input.attributes);
      checkSmsAttributes(attributes);
      store.setSmsAttributes(scopeOf(ctx), attributes);
      return {};
    },

    ListOriginationNumbers(input: Input, ctx) {
      const max = checkMaxResults(input.MaxResults, MAX_ORIGINATION_NUMBERS) ?? MAX_ORIGINATION_NUMBERS;
      const page = pageAfter(store.listOriginationNumbers(scopeOf(ctx)), (n) => n.phoneNumber, input.NextToken as string | undefined, max);
      return { PhoneNumbers: page.items.map(originationOut), NextToken: page.nextToken };
    },

    CreateSMSSandboxPhoneNumber(input: Input, ctx) {
      const phone = String(input.PhoneNumber);
      const languageCode = input.LanguageCode as string | undefined;
      checkSandboxInput(phone, languageCode === undefined ? {} : { languageCode });
      store.createSandboxNumber(scopeOf(ctx), phone, languageCode);
      return {};
    },

    VerifySMSSandboxPhoneNumber(input: Input, ctx) {
      const phone = String(input.PhoneNumber);
      const otp = String(input.OneTimePassword);
      checkSandboxInput(phone, { oneTimePassword: otp });
      store.verifySandboxNumber(scopeOf(ctx), phone, otp);
      return {};
    },

    DeleteSMSSandboxPhoneNumber(input: Input, ctx) {
      const phone = String(input.PhoneNumber);
      checkSandboxInput(phone);
      store.deleteSandboxNumber(scopeOf(ctx), phone);
      return {};
    },

    ListSMSSandboxPhoneNumbers(input: Input, ctx) {
      const max = checkMaxResults(input.MaxResults, MAX_SANDBOX_NUMBERS) ?? MAX_SANDBOX_NUMBERS;
      const page = pageAfter(store.listSandboxNumbers(scopeOf(ctx)), (n) => n.phoneNumber, input.NextToken as string | undefined, max);
      return { PhoneNumbers: page.items.map(sandboxOut), NextToken: page.nextToken };
    },

    GetSMSSandboxAccountStatus(_input: Input, ctx) {
      return { IsInSandbox: store.isInSmsSandbox(scopeOf(ctx)) };
    },
  };
}

function sandboxOut(n: SandboxNumberView) {
  return { PhoneNumber: n.phoneNumber, Status: n.status };
}

function originationOut(n: OriginationNumber) {
  return {
    CreatedAt: new Date(n.createdAt),
    PhoneNumber: n.phoneNumber,
    Status: n.status,
    Iso2CountryCode: n.iso2CountryCode,
    RouteType: n.routeType,
    NumberCapabilities: n.numberCapabilities,
  };
}
