/** Shapes the SNS mobile store keeps and hands out. All of them are plain JSON-able data. */

/** State is kept per account and region (design §4). */
export interface Scope {
  account: string;
  region: string;
}

/** A message attribute as Publish receives it; binary values may come as bytes or base64. */
export interface MessageAttributeInput {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
}

/** A message attribute as captured: binary values are base64 text. */
export interface CapturedAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface PlatformApplicationView {
  arn: string;
  name: string;
  platform: string;
  /** What GetPlatformApplicationAttributes returns: `Enabled` and the other stored attributes, never the credentials. */
  attributes: Record<string, string>;
}

export interface EndpointView {
  arn: string;
  applicationArn: string;
  platform: string;
  /** `Enabled`, `Token`, and `CustomUserData` (or Baidu's `ChannelId`/`UserId`) when set. */
  attributes: Record<string, string>;
}

/** Where a captured SMS came from. */
export type SmsSource = 'publish' | 'topic' | 'sandbox-verification';

/** An SMS SNS handed to a carrier. */
export interface SmsRecord {
  messageId: string;
  /** E.164 with `+`. */
  phoneNumber: string;
  message: string;
  /** `AWS.SNS.SMS.SMSType`, else the account's `DefaultSMSType`, else `Promotional`. */
  smsType: string;
  /** `AWS.SNS.SMS.SenderID`, else the account's `DefaultSenderID`, when either is set. */
  senderId?: string;
  /** `AWS.MM.SMS.OriginationNumber` when given. */
  originationNumber?: string;
  /** `AWS.SNS.SMS.MaxPrice` when given. */
  maxPrice?: string;
  messageAttributes: Record<string, CapturedAttribute>;
  source: SmsSource;
  topicArn?: string;
  subscriptionArn?: string;
  /** ISO-8601 with milliseconds, from the store's clock. */
  timestamp: string;
}

/** Why an SMS that Publish accepted reached nobody. */
export type SmsSuppression = 'opted-out' | 'sandbox-unverified';

export interface SuppressedSmsRecord extends SmsRecord {
  reason: SmsSuppression;
}

/** A push notification SNS handed to a platform (APNS, FCM, ...). */
export interface PushRecord {
  messageId: string;
  endpointArn: string;
  applicationArn: string;
  platform: string;
  /** The endpoint's device token at send time. */
  token: string;
  /** The payload for this platform: the platform's entry of a json structure, else `default`, else the message. */
  message: string;
  /** The parsed MessageStructure=json message, when it was one. */
  structure?: Record<string, string>;
  subject?: string;
  messageAttributes: Record<string, CapturedAttribute>;
  topicArn?: string;
  subscriptionArn?: string;
  timestamp: string;
}

/** An email (protocol `email`) or email-json notification SNS would have mailed. */
export interface EmailRecord {
  messageId: string;
  protocol: 'email' | 'email-json';
  /** The subscription endpoint, an email address. */
  endpoint: string;
  subscriptionArn: string;
  topicArn?: string;
  subject?: string;
  /** The body as mailed: the message text for `email`, the JSON envelope for `email-json`. */
  message: string;
  timestamp: string;
}

export type SandboxStatus = 'Pending' | 'Verified';

export interface SandboxNumberView {
  phoneNumber: string;
  status: SandboxStatus;
  /** The current one-time password (developer endpoints show it; AWS never returns it). */
  oneTimePassword: string;
  languageCode: string;
  createdAt: number;
  verifiedAt?: number;
  lastVerificationAttemptAt?: number;
}

/** ListOriginationNumbers' PhoneNumberInformation. */
export interface OriginationNumber {
  phoneNumber: string;
  createdAt: number;
  status: string;
  iso2CountryCode: string;
  routeType: 'Transactional' | 'Promotional' | 'Premium';
  numberCapabilities: Array<'SMS' | 'MMS' | 'VOICE'>;
}

/** Mobile application events (attributes EventEndpointCreated/Deleted/Updated, EventDeliveryFailure). */
export type ApplicationEventType = 'EndpointCreated' | 'EndpointDeleted' | 'EndpointUpdated' | 'DeliveryFailure';

export interface ApplicationEvent {
  scope: Scope;
  /** The topic named by the application's `Event<type>` attribute. */
  topicArn: string;
  eventType: ApplicationEventType;
  applicationArn: string;
  endpointArn: string;
  /** JSON text to publish to `topicArn` (Signalbox's shape; AWS's exact body is not recorded). */
  message: string;
}
