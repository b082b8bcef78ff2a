import assert from 'node:assert/strict';
import { X509Certificate, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../src/core/clock.js';
import { createSnsSigner, stringToSign } from '../../../src/services/sns/signing/index.js';

const topicArn = 'arn:aws:sns:us-east-1:000000000000:orders';

const notification = {
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: topicArn,
  Subject: 'My First Message',
  Message: 'Hello world!\nwith "quotes" and ünïcödé',
  Timestamp: '2012-05-02T00:54:06.655Z',
};

const confirmation = (type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation') => ({
  Type: type,
  MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
  Token: '2336412f37f',
  TopicArn: topicArn,
  Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
  SubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=2336412f37f`,
  Timestamp: '2012-04-26T20:45:04.751Z',
});

describe('stringToSign', () => {
  it('builds a Notification from Message, MessageId, Subject, Timestamp, TopicArn, Type', () => {
    assert.equal(
      stringToSign(notification),
      `Message\n${notification.Message}\nMessageId\n${notification.MessageId}\nSubject\nMy First Message\n` +
        `Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\n${topicArn}\nType\nNotification\n`,
    );
  });

  it('leaves Subject out when the message has none', () => {
    const { Subject: _omit, ...noSubject } = notification;
    assert.equal(
      stringToSign({ ...noSubject, Subject: undefined }),
      `Message\n${notification.Message}\nMessageId\n${notification.MessageId}\n` +
        `Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\n${topicArn}\nType\nNotification\n`,
    );
    assert.ok(!stringToSign(noSubject).includes('Subject'));
  });

  it('ignores fields that are not signed (SignatureVersion, UnsubscribeURL, MessageAttributes…)', () => {
    const extra = { ...notification, SignatureVersion: '1', UnsubscribeURL: 'https://x', SigningCertURL: 'https://y' };
    assert.equal(stringToSign(extra), stringToSign(notification));
  });

  for (const type of ['SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const) {
    it(`builds a ${type} from Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type`, () => {
      const m = confirmation(type);
      assert.equal(
        stringToSign(m),
        `Message\n${m.Message}\nMessageId\n${m.MessageId}\nSubscribeURL\n${m.SubscribeURL}\n` +
          `Timestamp\n${m.Timestamp}\nToken\n${m.Token}\nTopicArn\n${topicArn}\nType\n${type}\n`,
      );
    });
  }

  it('refuses unknown types and missing required fields', () => {
    assert.throws(() => stringToSign({ ...notification, Type: 'Other' }), /Type Other/);
    assert.throws(() => stringToSign({ ...confirmation('SubscriptionConfirmation'), Token: undefined }), /without Token/);
  });
});

describe('createSnsSigner', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const signer = createSnsSigner({ clock });

  it('is cheap to create: the key is made on first use, and the cert path is stable', () => {
    const t0 = performance.now();
    const lazy = createSnsSigner();
    assert.ok(performance.now() - t0 < 20, 'creating a signer must not generate a key');
    assert.match(lazy.certPath, /^\/_signalbox\/sns\/SimpleNotificationService-[0-9a-f]{32}\.pem$/);
    assert.equal(lazy.certPath, lazy.certPath);
    assert.notEqual(lazy.certPath, signer.certPath);
  });

  it('serves a self-signed X.509 v3 certificate that Node parses', () => {
    const pem = signer.certPem();
    assert.equal(signer.certPem(), pem, 'generated once, then cached');
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
    const cert = new X509Certificate(pem);
    assert.match(cert.subject, /CN=sns\.amazonaws\.com/);
    assert.equal(cert.issuer, cert.subject);
    assert.ok(cert.verify(cert.publicKey), 'signed by its own key');
    assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(new Date(cert.validFrom).getTime(), Date.UTC(2025, 11, 31));
    assert.equal(new Date(cert.validTo).getTime(), Date.UTC(2036, 0, 1));
    assert.match(cert.serialNumber, /^[0-9A-F]+$/);
  });

  const messages = { Notification: notification, SubscriptionConfirmation: confirmation('SubscriptionConfirmation'), UnsubscribeConfirmation: confirmation('UnsubscribeConfirmation') };
  const publicKey = () => new X509Certificate(signer.certPem()).publicKey;

  for (const [version, hash] of [['1', 'sha1'], ['2', 'sha256']] as const) {
    for (const [type, m] of Object.entries(messages)) {
      it(`SignatureVersion ${version} (${hash.toUpperCase()}withRSA) verifies for a ${type}`, () => {
        const sig = signer.sign(m, version);
        assert.match(sig, /^[A-Za-z0-9+/]+=*$/);
        assert.equal(Buffer.from(sig, 'base64').length, 256);
        assert.ok(verify(hash, Buffer.from(stringToSign(m)), publicKey(), Buffer.from(sig, 'base64')));
      });
    }
  }

  it('signs a Notification without Subject over the string without Subject', () => {
    const { Subject: _omit, ...m } = notification;
    const sig = signer.sign(m, '2');
    assert.ok(verify('sha256', Buffer.from(stringToSign(m)), publicKey(), Buffer.from(sig, 'base64')));
  });

  it('a tampered message, or the other hash, fails verification', () => {
    const sig = Buffer.from(signer.sign(notification, '1'), 'base64');
    const tampered = { ...notification, Message: 'Hello world?' };
    assert.equal(verify('sha1', Buffer.from(stringToSign(tampered)), publicKey(), sig), false);
    assert.equal(verify('sha256', Buffer.from(stringToSign(notification)), publicKey(), sig), false);
    const withSubject = { ...notification, Subject: 'Other' };
    assert.equal(verify('sha1', Buffer.from(stringToSign(withSubject)), publicKey(), sig), false);
  });

  it('different instances use different keys', () => {
    const other = createSnsSigner({ clock });
    const sig = Buffer.from(other.sign(notification, '2'), 'base64');
    assert.equal(verify('sha256', Buffer.from(stringToSign(notification)), publicKey(), sig), false);
  });
});
