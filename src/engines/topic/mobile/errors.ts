/**
 * Domain errors of the SNS mobile store (design §6): they carry data, not HTTP. The SNS
 * service maps each one to the AWS error code, status and message of the operation at hand
 * (`src/services/sns/mobile/errors.ts`).
 */
export class MobileStoreError extends Error {}

export class PlatformApplicationNotFound extends MobileStoreError {
  constructor(readonly arn: string) {
    super(`platform application ${arn} does not exist`);
  }
}

export class EndpointNotFound extends MobileStoreError {
  constructor(readonly arn: string) {
    super(`platform endpoint ${arn} does not exist`);
  }
}

/** CreatePlatformEndpoint: the application already has an endpoint for this token, with other attributes. */
export class EndpointTokenConflict extends MobileStoreError {
  constructor(readonly existingArn: string) {
    super(`endpoint ${existingArn} already exists with the same token but different attributes`);
  }
}

/** The endpoint's `Enabled` attribute is not `true`. */
export class EndpointDisabled extends MobileStoreError {
  constructor(readonly arn: string) {
    super(`platform endpoint ${arn} is disabled`);
  }
}

/** The endpoint's application has `Enabled` other than `true`. */
export class PlatformApplicationDisabled extends MobileStoreError {
  constructor(readonly arn: string) {
    super(`platform application ${arn} is disabled`);
  }
}

/** A phone number SNS would not publish to (not E.164-like). */
export class InvalidPhoneNumber extends MobileStoreError {
  constructor(readonly phoneNumber: string) {
    super(`${phoneNumber} is not a valid phone number to publish to`);
  }
}

/** MessageStructure=json without a string entry for the endpoint's platform nor `default`. */
export class MissingPlatformPayload extends MobileStoreError {
  constructor(readonly platform: string) {
    super(`JSON message has no string entry for 'default' or '${platform}'`);
  }
}

/** The phone number opted out of SMS from this account. */
export class PhoneNumberOptedOut extends MobileStoreError {
  constructor(readonly phoneNumber: string) {
    super(`${phoneNumber} has opted out`);
  }
}

export class SandboxNumberNotFound extends MobileStoreError {
  constructor(readonly phoneNumber: string) {
    super(`${phoneNumber} is not a destination number in the SMS sandbox`);
  }
}

/** The sandbox already holds the maximum number of destination numbers. */
export class SandboxNumberLimit extends MobileStoreError {
  constructor(readonly limit: number) {
    super(`the SMS sandbox holds at most ${limit} destination phone numbers`);
  }
}

export class SandboxOtpMismatch extends MobileStoreError {
  constructor(readonly phoneNumber: string) {
    super(`wrong one-time password for ${phoneNumber}`);
  }
}

/** A sandbox number can be deleted only 24 h after its verification or last verification attempt. */
export class SandboxDeleteTooSoon extends MobileStoreError {
  constructor(
    readonly phoneNumber: string,
    /** Epoch ms from which deleting is allowed. */
    readonly allowedAt: number,
  ) {
    super(`${phoneNumber} can be deleted from the SMS sandbox from ${new Date(allowedAt).toISOString()}`);
  }
}
