/**
 * Message signing as SNS does it ("Verifying the signatures of Amazon SNS messages"):
 * a string to sign built from fixed keys by message `Type`, each as `Key\nValue\n` in byte order,
 * signed with RSA — SHA1withRSA for SignatureVersion 1, SHA256withRSA for 2 — and sent base64.
 * Subscribers verify it with the public key of the certificate at `SigningCertURL`.
 *
 * The RSA key and its certificate are made on first use: generating a 2048-bit key takes tens
 * to hundreds of milliseconds, and most Signalbox instances never sign anything.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import { selfSignedCertificatePem } from './x509.js';

export interface SnsSigner {
  /** Path the certificate is served at, e.g. '/_signalbox/sns/SimpleNotificationService-<32 hex>.pem' (stable for the instance). */
  readonly certPath: string;
  /** PEM of a self-signed X.509 certificate holding the signing public key (generated lazily on first use). */
  certPem(): string;
  /** Base64 signature of the AWS string-to-sign built from the message fields (by `Type`). */
  sign(message: Record<string, string | undefined>, signatureVersion: '1' | '2'): string;
}

/** Keys of the string to sign, already in byte order. `Subject` appears only when present. */
const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

/**
 * The AWS string to sign for a Notification, SubscriptionConfirmation or UnsubscribeConfirmation.
 * Values are the original (unescaped) strings, exactly as they appear after JSON parsing.
 * Throws on an unknown `Type` or a missing required field (a bug in the caller, not user input).
 */
export function stringToSign(message: Record<string, string | undefined>): string {
  const type = message['Type'];
  let keys: readonly string[];
  if (type === 'Notification') keys = NOTIFICATION_KEYS;
  else if (type === 'SubscriptionConfirmation' || type === 'UnsubscribeConfirmation') keys = CONFIRMATION_KEYS;
  else throw new Error(`Cannot sign an SNS message of Type ${String(type)}`);
  let out = '';
  for (const key of keys) {
    const value = message[key];
    if (value === undefined || value === null) {
      if (key === 'Subject') continue;
      throw new Error(`Cannot sign an SNS ${type} without ${key}`);
    }
    out += `${key}\n${value}\n`;
  }
  return out;
}

export interface SnsSignerOptions {
  /** Validity of the certificate is computed from this clock (default: system time). */
  clock?: Clock;
}

const DAY_MS = 86_400_000;

function tenYearsAfter(t: number): number {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() + 10);
  return d.getTime();
}

export function createSnsSigner(options: SnsSignerOptions = {}): SnsSigner {
  const now = () => (options.clock ? options.clock.now() : Date.now());
  // The file name has the shape of AWS's (SimpleNotificationService-<32 hex>.pem), random per instance.
  const certPath = `/_signalbox/sns/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;
  let keys: { privateKey: KeyObject; pem: string } | undefined;

  const material = () => {
    if (!keys) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const t = now();
      const pem = selfSignedCertificatePem({
        privateKey,
        publicKey,
        commonName: 'sns.amazonaws.com',
        organization: 'Signalbox (local AWS emulator)',
        notBefore: t - DAY_MS,
        notAfter: tenYearsAfter(t),
      });
      keys = { privateKey, pem };
    }
    return keys;
  };

  return {
    certPath,
    certPem: () => material().pem,
    sign(message, signatureVersion) {
      const data = Buffer.from(stringToSign(message), 'utf8');
      const algorithm = signatureVersion === '2' ? 'sha256' : 'sha1';
      return sign(algorithm, data, material().privateKey).toString('base64');
    },
  };
}
