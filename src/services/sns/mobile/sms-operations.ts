/**
 * SNS SMS account operations: SMS attributes, opted-out numbers, origination numbers and the
 * SMS sandbox. Sending SMS lives with Publish (`MobileStore.sendSms`).
 *
 * LIMITATIONS: no origination numbers are sold here (ListOriginationNumbers lists only what a
 * test added through the store); OptInPhoneNumber's once-per-30-days rule is not enforced; the
 * sandbox does not hold back SMS to unverified numbers unless the store is built with
 * `smsSandbox.enforce`.
 */
import type { PhoneNumberInformation, SMSSandboxPhoneNumber } from '@aws-sdk/client-sns';
import type { MobileStore, OriginationNumber, SandboxNumberView } from '../../../engines/topic/mobile/index.js';
import type { RequestContext } from '../../context.js';
import { required } from '../errors.js';
import type { SnsHandlersFor } from '../types.js';
import { checkE164, checkMaxResults, checkSandboxInput, checkSmsAttributes, requireAttributes } from './validation.js';
import { pageAfter } from '../paging.js';

export type SmsOperation =
  | 'CheckIfPhoneNumberIsOptedOut'
  | 'OptInPhoneNumber'
  | 'ListPhoneNumbersOptedOut'
  | 'GetSMSAttributes'
  | 'SetSMSAttributes'
  | 'ListOriginationNumbers'
  | 'CreateSMSSandboxPhoneNumber'
  | 'VerifySMSSandboxPhoneNumber'
  | 'DeleteSMSSandboxPhoneNumber'
  | 'ListSMSSandboxPhoneNumbers'
  | 'GetSMSSandboxAccountStatus';

/** AWS pages opted-out numbers by 100 (ListPhoneNumbersOptedOut has no MaxResults). */
export const OPTED_OUT_PAGE_SIZE = 100;
/** MaxResults bounds (and defaults) of the SNS model. */
export const MAX_ORIGINATION_NUMBERS = 30;
export const MAX_SANDBOX_NUMBERS = 100;

const scopeOf = (ctx: RequestContext) => ({ account: ctx.account, region: ctx.region });

export function smsOperations(store: MobileStore): SnsHandlersFor<SmsOperation> {
  return {
    CheckIfPhoneNumberIsOptedOut(input, ctx) {
      const phone = required(input.phoneNumber, 'phoneNumber');
      checkE164(phone);
      return { isOptedOut: store.isOptedOut(scopeOf(ctx), phone) };
    },

    OptInPhoneNumber(input, ctx) {
      const phone = required(input.phoneNumber, 'phoneNumber');
      checkE164(phone);
      store.optIn(scopeOf(ctx), phone);
      return {};
    },

    ListPhoneNumbersOptedOut(input, ctx) {
      const page = pageAfter(store.listOptedOut(scopeOf(ctx)), (n) => n, input.nextToken, OPTED_OUT_PAGE_SIZE);
      return { phoneNumbers: page.items, nextToken: page.nextToken };
    },

    GetSMSAttributes(input, ctx) {
      const all = store.getSmsAttributes(scopeOf(ctx));
      const wanted = input.attributes;
      if (!wanted?.length) return { attributes: all };
      return { attributes: Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k))) };
    },

    SetSMSAttributes(input, ctx) {
      const attributes = requireAttributes(input.attributes);
      checkSmsAttributes(attributes);
      store.setSmsAttributes(scopeOf(ctx), attributes);
      return {};
    },

    ListOriginationNumbers(input, ctx) {
      const max = checkMaxResults(input.MaxResults, MAX_ORIGINATION_NUMBERS) ?? MAX_ORIGINATION_NUMBERS;
      const page = pageAfter(store.listOriginationNumbers(scopeOf(ctx)), (n) => n.phoneNumber, input.NextToken, max);
      return { PhoneNumbers: page.items.map(originationOut), NextToken: page.nextToken };
    },

    CreateSMSSandboxPhoneNumber(input, ctx) {
      const phone = required(input.PhoneNumber, 'PhoneNumber');
      // Typed as the model's LanguageCodeString union, but the parser does not check enums: any
      // string can arrive, and checkSandboxInput judges it against the model's values as AWS does.
      const languageCode = input.LanguageCode;
      checkSandboxInput(phone, languageCode === undefined ? {} : { languageCode });
      store.createSandboxNumber(scopeOf(ctx), phone, languageCode);
      return {};
    },

    VerifySMSSandboxPhoneNumber(input, ctx) {
      const phone = required(input.PhoneNumber, 'PhoneNumber');
      const otp = required(input.OneTimePassword, 'OneTimePassword');
      checkSandboxInput(phone, { oneTimePassword: otp });
      store.verifySandboxNumber(scopeOf(ctx), phone, otp);
      return {};
    },

    DeleteSMSSandboxPhoneNumber(input, ctx) {
      const phone = required(input.PhoneNumber, 'PhoneNumber');
      checkSandboxInput(phone);
      store.deleteSandboxNumber(scopeOf(ctx), phone);
      return {};
    },

    ListSMSSandboxPhoneNumbers(input, ctx) {
      const max = checkMaxResults(input.MaxResults, MAX_SANDBOX_NUMBERS) ?? MAX_SANDBOX_NUMBERS;
      const page = pageAfter(store.listSandboxNumbers(scopeOf(ctx)), (n) => n.phoneNumber, input.NextToken, max);
      return { PhoneNumbers: page.items.map(sandboxOut), NextToken: page.nextToken };
    },

    GetSMSSandboxAccountStatus(_input, ctx) {
      return { IsInSandbox: store.isInSmsSandbox(scopeOf(ctx)) };
    },
  };
}

function sandboxOut(n: SandboxNumberView): SMSSandboxPhoneNumber {
  return { PhoneNumber: n.phoneNumber, Status: n.status };
}

function originationOut(n: OriginationNumber): PhoneNumberInformation {
  return {
    CreatedAt: new Date(n.createdAt),
    PhoneNumber: n.phoneNumber,
    Status: n.status,
    Iso2CountryCode: n.iso2CountryCode,
    RouteType: n.routeType,
    NumberCapabilities: n.numberCapabilities,
  };
}
