/**
 * SNS mobile operations end to end: the 21 platform-application, endpoint, SMS and SMS-sandbox
 * operations through `@aws-sdk/client-sns`, and the developer endpoints that expose captured
 * SMS, push and email messages. Error texts are AWS's as recorded in LocalStack's
 * test_sns.snapshot.json where they exist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  CreatePlatformApplicationCommand,
  CreatePlatformEndpointCommand,
  CreateSMSSandboxPhoneNumberCommand,
  DeleteEndpointCommand,
  DeletePlatformApplicationCommand,
  DeleteSMSSandboxPhoneNumberCommand,
  GetEndpointAttributesCommand,
  GetPlatformApplicationAttributesCommand,
  GetSMSAttributesCommand,
  GetSMSSandboxAccountStatusCommand,
  ListEndpointsByPlatformApplicationCommand,
  ListOriginationNumbersCommand,
  ListPhoneNumbersOptedOutCommand,
  ListPlatformApplicationsCommand,
  ListSMSSandboxPhoneNumbersCommand,
  OptInPhoneNumberCommand,
  SetEndpointAttributesCommand,
  SetPlatformApplicationAttributesCommand,
  SetSMSAttributesCommand,
  VerifySMSSandboxPhoneNumberCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { ManualClock } from '../../../src/index.js';
import { ACCOUNT, REGION, expectSnsError, invalidParameter, notFound, startSns, unique, validationError, type SnsE2e } from './harness.js';

const CREDENTIALS = { PlatformPrincipal: 'client-id', PlatformCredential: 'client-secret' };
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DAY = 24 * 60 * 60 * 1000;

let e2e: SnsE2e;
let sns: SNSClient;
const clock = new ManualClock(Date.now());

before(async () => {
  e2e = await startSns({ clock });
  sns = e2e.sns;
});
after(() => e2e.close());

async function createApp(client: SNSClient = sns, platform = 'ADM', attributes: Record<string, string> = CREDENTIALS): Promise<{ name: string; arn: string }> {
  const name = unique('app');
  const out = await client.send(new CreatePlatformApplicationCommand({ Name: name, Platform: platform, Attributes: attributes }));
  assert.ok(out.PlatformApplicationArn);
  return { name, arn: out.PlatformApplicationArn };
}

async function createEndpoint(appArn: string, token: string, extra: { Attributes?: Record<string, string>; CustomUserData?: string } = {}): Promise<string> {
  const out = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: appArn, Token: token, ...extra }));
  assert.ok(out.EndpointArn);
  return out.EndpointArn;
}

async function devJson(path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await e2e.dev(path, init);
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

describe('platform applications', () => {
  it('CreatePlatformApplication returns app/<PLATFORM>/<name>; Get/Set/List show Enabled and set attributes, never credentials', async () => {
    const { name, arn } = await createApp();
    assert.equal(arn, `arn:aws:sns:${REGION}:${ACCOUNT}:app/ADM/${name}`);

    const got = await sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(got.Attributes, { Enabled: 'true' });

    await sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn, Attributes: { SuccessFeedbackSampleRate: '50' } }));
    const after = await sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(after.Attributes, { Enabled: 'true', SuccessFeedbackSampleRate: '50' });

    const list = await sns.send(new ListPlatformApplicationsCommand({}));
    assert.deepEqual(
      list.PlatformApplications?.find((a) => a.PlatformApplicationArn === arn),
      { PlatformApplicationArn: arn, Attributes: { Enabled: 'true', SuccessFeedbackSampleRate: '50' } },
    );
    assert.equal(list.NextToken, undefined);
  });

  it('GCM takes a PlatformCredential alone', async () => {
    const { name, arn } = await createApp(sns, 'GCM', { PlatformCredential: 'api-key' });
    assert.equal(arn, `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/${name}`);
  });

  it('CreatePlatformApplication refuses bad names, platforms and credential pairs with AWS texts', async () => {
    const create = (Name: string, Platform: string, Attributes: Record<string, string>) => sns.send(new CreatePlatformApplicationCommand({ Name, Platform, Attributes }));
    await expectSnsError(create('ok-name', 'ADM', { PlatformPrincipal: 'dummy' }), invalidParameter('Invalid parameter: Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential'));
    await expectSnsError(create('ok-name', 'ADM', { PlatformCredential: 'dummy' }), invalidParameter('Invalid parameter: Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal'));
    await expectSnsError(create('ok-name', 'ADM', {}), validationError("1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null"));
    const long = 'a'.repeat(257);
    await expectSnsError(create(long, 'ADM', CREDENTIALS), invalidParameter(`Invalid parameter: ${long} Reason: must be at most 256 characters long`));
    await expectSnsError(create('', 'ADM', CREDENTIALS), invalidParameter('Invalid parameter:  Reason: cannot be empty'));
    await expectSnsError(
      create('@name', 'ADM', CREDENTIALS),
      invalidParameter("Invalid parameter: @name Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'"),
    );
    await expectSnsError(create('ok-name', 'AAA', CREDENTIALS), invalidParameter('Invalid parameter: Platform Reason: AAA is not supported'));
  });

  it('Get/SetPlatformApplicationAttributes: bad ARN, unknown application, empty attributes', async () => {
    const missing = `arn:aws:sns:${REGION}:${ACCOUNT}:app/ADM/NonExistingApp`;
    const badArn = invalidParameter('Invalid parameter: PlatformApplicationArn Reason: An ARN must have at least 6 elements, not 1');
    await expectSnsError(sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: 'invalid-arn' })), badArn);
    await expectSnsError(sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: 'invalid-arn', Attributes: { Enabled: 'true' } })), badArn);
    await expectSnsError(sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: missing })), notFound('PlatformApplication does not exist'));
    await expectSnsError(
      sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: missing, Attributes: { PlatformPrincipal: 'dummy' } })),
      notFound('PlatformApplication does not exist'),
    );
    await expectSnsError(
      sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: missing, Attributes: {} })),
      validationError("1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null"),
    );
    await expectSnsError(
      sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/ADM` })),
      invalidParameter('Invalid parameter: PlatformApplicationArn Reason: Wrong number of slashes in relative portion of the ARN.'),
    );
  });

  it('DeletePlatformApplication removes it and its endpoints; deleting again succeeds', async () => {
    const { arn } = await createApp();
    const endpoint = await createEndpoint(arn, 'token_1');
    await sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: arn }));
    await expectSnsError(sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: arn })), notFound('PlatformApplication does not exist'));
    await expectSnsError(sns.send(new GetEndpointAttributesCommand({ EndpointArn: endpoint })), notFound('Endpoint does not exist'));
    const list = await sns.send(new ListPlatformApplicationsCommand({}));
    assert.equal(list.PlatformApplications?.some((a) => a.PlatformApplicationArn === arn), false);
    await sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: arn }));
  });

  it('ListPlatformApplications pages by 100, per account and region', async () => {
    const other = e2e.client({ account: '111111111111', region: 'eu-west-1' });
    const created = new Set<string>();
    for (let i = 0; i < 101; i++) created.add((await createApp(other)).arn);
    const first = await other.send(new ListPlatformApplicationsCommand({}));
    assert.equal(first.PlatformApplications?.length, 100);
    assert.ok(first.NextToken);
    const second = await other.send(new ListPlatformApplicationsCommand({ NextToken: first.NextToken }));
    assert.equal(second.PlatformApplications?.length, 1);
    assert.equal(second.NextToken, undefined);
    const seen = [...(first.PlatformApplications ?? []), ...(second.PlatformApplications ?? [])].map((a) => a.PlatformApplicationArn);
    assert.deepEqual(new Set(seen), created);
    assert.ok(seen.every((a) => a?.startsWith('arn:aws:sns:eu-west-1:111111111111:app/ADM/')));
    const mine = await sns.send(new ListPlatformApplicationsCommand({}));
    assert.equal(mine.PlatformApplications?.some((a) => created.has(a.PlatformApplicationArn ?? '')), false);
    await expectSnsError(other.send(new ListPlatformApplicationsCommand({ NextToken: '!!' })), invalidParameter('Invalid parameter: NextToken'));
  });
});

describe('platform endpoints', () => {
  it('CreatePlatformEndpoint returns endpoint/<PLATFORM>/<app>/<uuid>, idempotently for the same token and attributes', async () => {
    const { name, arn } = await createApp();
    const endpoint = await createEndpoint(arn, 'token_1');
    assert.match(endpoint, new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/ADM/${name}/${UUID}$`));
    assert.equal(await createEndpoint(arn, 'token_1'), endpoint);
    await expectSnsError(
      sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: arn, Token: 'token_1', Attributes: { Enabled: 'false' } })),
      invalidParameter(`Invalid parameter: Token Reason: Endpoint ${endpoint} already exists with the same Token, but different attributes.`),
    );
    const other = await createEndpoint(arn, 'token_2');
    assert.notEqual(other, endpoint);
  });

  it('CustomUserData comes as a parameter or an attribute; the attribute wins', async () => {
    const { arn } = await createApp();
    const one = await createEndpoint(arn, 'token_1', { CustomUserData: 'bar' });
    assert.deepEqual((await sns.send(new GetEndpointAttributesCommand({ EndpointArn: one }))).Attributes, { CustomUserData: 'bar', Enabled: 'true', Token: 'token_1' });
    const two = await createEndpoint(arn, 'token_2', { CustomUserData: 'bar', Attributes: { CustomUserData: 'foo' } });
    assert.deepEqual((await sns.send(new GetEndpointAttributesCommand({ EndpointArn: two }))).Attributes, { CustomUserData: 'foo', Enabled: 'true', Token: 'token_2' });
  });

  it('CreatePlatformEndpoint refuses unknown applications and invalid attributes', async () => {
    await expectSnsError(
      sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/ADM/non_existent_app`, Token: 'token_1' })),
      notFound('PlatformApplication does not exist'),
    );
    const { arn } = await createApp();
    const create = (Attributes: Record<string, string>) => sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: arn, Token: 'token_1', Attributes }));
    for (const key of ['PlatformPrincipal', 'PlatformCredential', 'InvalidKey'])
      await expectSnsError(create({ [key]: 'x' }), invalidParameter(`Invalid parameter: Attributes Reason: Invalid attribute name: ${key}`));
    await expectSnsError(
      create({ CustomUserData: 'A'.repeat(2050) }),
      invalidParameter('Invalid parameter: Attributes Reason: Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding'),
    );
  });

  it('Get/SetEndpointAttributes read and change Enabled, Token and CustomUserData', async () => {
    const { arn } = await createApp();
    const endpoint = await createEndpoint(arn, 'token_1');
    assert.deepEqual((await sns.send(new GetEndpointAttributesCommand({ EndpointArn: endpoint }))).Attributes, { Enabled: 'true', Token: 'token_1' });
    await sns.send(new SetEndpointAttributesCommand({ EndpointArn: endpoint, Attributes: { Enabled: 'false' } }));
    assert.deepEqual((await sns.send(new GetEndpointAttributesCommand({ EndpointArn: endpoint }))).Attributes, { Enabled: 'false', Token: 'token_1' });
    // The same token with the default attributes now differs from the stored endpoint.
    await expectSnsError(
      sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: arn, Token: 'token_1' })),
      invalidParameter(`Invalid parameter: Token Reason: Endpoint ${endpoint} already exists with the same Token, but different attributes.`),
    );
  });

  it('Get/SetEndpointAttributes: bad ARN, unknown endpoint, invalid or empty attributes', async () => {
    const missing = `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/ADM/fakeapp/0f7d5971-aa8b-4bd5-b585-0826e9f93a66`;
    await expectSnsError(sns.send(new GetEndpointAttributesCommand({ EndpointArn: missing })), notFound('Endpoint does not exist'));
    await expectSnsError(sns.send(new SetEndpointAttributesCommand({ EndpointArn: missing, Attributes: { Enabled: 'false' } })), notFound('Endpoint does not exist'));
    await expectSnsError(
      sns.send(new SetEndpointAttributesCommand({ EndpointArn: `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/ADM/fakeapp`, Attributes: { Enabled: 'false' } })),
      invalidParameter('Invalid parameter: EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.'),
    );
    await expectSnsError(
      sns.send(new GetEndpointAttributesCommand({ EndpointArn: 'invalid-arn' })),
      invalidParameter('Invalid parameter: EndpointArn Reason: An ARN must have at least 6 elements, not 1'),
    );
    const { arn } = await createApp();
    const endpoint = await createEndpoint(arn, 'token_1');
    const set = (Attributes: Record<string, string>) => sns.send(new SetEndpointAttributesCommand({ EndpointArn: endpoint, Attributes }));
    await expectSnsError(set({}), validationError("1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null"));
    await expectSnsError(set({ PlatformPrincipal: 'Principal' }), invalidParameter('Invalid parameter: Attributes Reason: Invalid attribute name: PlatformPrincipal'));
    await expectSnsError(set({ InvalidKey: 'Value' }), invalidParameter('Invalid parameter: Attributes Reason: Invalid attribute name: InvalidKey'));
    await expectSnsError(
      set({ CustomUserData: 'A'.repeat(2050) }),
      invalidParameter('Invalid parameter: Attributes Reason: Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding'),
    );
  });

  it('ListEndpointsByPlatformApplication lists the endpoints, pages by 100; DeleteEndpoint removes one, twice is fine', async () => {
    const { arn } = await createApp();
    const endpoint = await createEndpoint(arn, 'token_1');
    const listed = await sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(listed.Endpoints, [{ EndpointArn: endpoint, Attributes: { Enabled: 'true', Token: 'token_1' } }]);
    assert.equal(listed.NextToken, undefined);

    await sns.send(new DeleteEndpointCommand({ EndpointArn: endpoint }));
    const empty = await sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(empty.Endpoints ?? [], []);
    await sns.send(new DeleteEndpointCommand({ EndpointArn: endpoint }));

    const made = new Set<string>();
    for (let i = 0; i < 101; i++) made.add(await createEndpoint(arn, `t-${i}`));
    const first = await sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: arn }));
    assert.equal(first.Endpoints?.length, 100);
    assert.ok(first.NextToken);
    const second = await sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: arn, NextToken: first.NextToken }));
    assert.equal(second.Endpoints?.length, 1);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual(new Set([...(first.Endpoints ?? []), ...(second.Endpoints ?? [])].map((e) => e.EndpointArn)), made);
    await expectSnsError(
      sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/ADM/none` })),
      notFound('PlatformApplication does not exist'),
    );
  });
});

describe('SMS attributes', () => {
  it('GetSMSAttributes starts with MonthlySpendLimit 1; SetSMSAttributes adds; the filter selects', async () => {
    const client = e2e.client({ region: 'ap-southeast-2' });
    assert.deepEqual((await client.send(new GetSMSAttributesCommand({}))).attributes, { MonthlySpendLimit: '1' });
    await client.send(new SetSMSAttributesCommand({ attributes: { DeliveryStatusSuccessSamplingRate: '100', DefaultSenderID: 'LSTest', DefaultSMSType: 'Promotional' } }));
    assert.deepEqual((await client.send(new GetSMSAttributesCommand({}))).attributes, {
      DefaultSMSType: 'Promotional',
      DefaultSenderID: 'LSTest',
      DeliveryStatusSuccessSamplingRate: '100',
      MonthlySpendLimit: '1',
    });
    assert.deepEqual((await client.send(new GetSMSAttributesCommand({ attributes: ['DefaultSenderID', 'DefaultSMSType'] }))).attributes, {
      DefaultSMSType: 'Promotional',
      DefaultSenderID: 'LSTest',
    });
    // Another region is untouched.
    assert.deepEqual((await e2e.client({ region: 'ap-southeast-1' }).send(new GetSMSAttributesCommand({}))).attributes, { MonthlySpendLimit: '1' });
  });

  it('SetSMSAttributes refuses unknown names and bad values with AWS texts', async () => {
    const set = (attributes: Record<string, string>) => sns.send(new SetSMSAttributesCommand({ attributes }));
    await expectSnsError(set({ InvalidAttribute: 'invalid' }), invalidParameter('InvalidAttribute is not a valid attribute'));
    await expectSnsError(set({ DefaultSendID: 'a'.repeat(12) }), invalidParameter('DefaultSendID is not a valid attribute'));
    await expectSnsError(set({ DefaultSMSType: 'invalid' }), invalidParameter('DefaultSMSType is invalid'));
    await expectSnsError(set({ DefaultSenderID: '123456789' }), invalidParameter('DefaultSenderID is invalid'));
    await expectSnsError(set({}), validationError("1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null"));
  });
});

describe('opted-out phone numbers', () => {
  it('CheckIfPhoneNumberIsOptedOut / ListPhoneNumbersOptedOut / OptInPhoneNumber follow opt-outs made through the developer endpoint', async () => {
    const phone = '+15555550123';
    assert.equal((await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: phone }))).isOptedOut, false);
    assert.deepEqual((await sns.send(new ListPhoneNumbersOptedOutCommand({}))).phoneNumbers, []);

    const out = await devJson('/_signalbox/sns/phone-opt-outs', { method: 'POST', body: JSON.stringify({ phoneNumber: phone }) });
    assert.deepEqual(out, { status: 200, body: { account: ACCOUNT, region: REGION, phoneNumber: phone, optedOut: true } });
    assert.equal((await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: phone }))).isOptedOut, true);
    const listed = await sns.send(new ListPhoneNumbersOptedOutCommand({}));
    assert.deepEqual(listed.phoneNumbers, [phone]);
    assert.equal(listed.nextToken, undefined);
    assert.deepEqual((await devJson('/_signalbox/sns/phone-opt-outs')).body, { account: ACCOUNT, region: REGION, phoneNumbers: [phone] });

    await sns.send(new OptInPhoneNumberCommand({ phoneNumber: phone }));
    assert.equal((await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: phone }))).isOptedOut, false);
    // Opting in a number that never opted out is fine too.
    await sns.send(new OptInPhoneNumberCommand({ phoneNumber: '+4411111111' }));
    assert.deepEqual((await sns.send(new ListPhoneNumbersOptedOutCommand({}))).phoneNumbers, []);
  });

  it('refuses badly formatted numbers', async () => {
    const bad = invalidParameter('Invalid parameter: PhoneNumber Reason: input incorrectly formatted');
    await expectSnsError(sns.send(new OptInPhoneNumberCommand({ phoneNumber: 'invalid' })), bad);
    await expectSnsError(sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+1a234' })), bad);
  });

  it('ListPhoneNumbersOptedOut pages by 100 with nextToken', async () => {
    const client = e2e.client({ account: '222222222222' });
    const numbers: string[] = [];
    for (let i = 0; i < 101; i++) {
      const phone = `+1555560${String(i).padStart(4, '0')}`;
      numbers.push(phone);
      const r = await devJson('/_signalbox/sns/phone-opt-outs', { method: 'POST', body: JSON.stringify({ phoneNumber: phone, account: '222222222222' }) });
      assert.equal(r.status, 200);
    }
    const first = await client.send(new ListPhoneNumbersOptedOutCommand({}));
    assert.equal(first.phoneNumbers?.length, 100);
    assert.ok(first.nextToken);
    const second = await client.send(new ListPhoneNumbersOptedOutCommand({ nextToken: first.nextToken }));
    assert.deepEqual([...(first.phoneNumbers ?? []), ...(second.phoneNumbers ?? [])], numbers);
    assert.equal(second.nextToken, undefined);
    await expectSnsError(client.send(new ListPhoneNumbersOptedOutCommand({ nextToken: 'not a token' })), invalidParameter('Invalid parameter: NextToken'));
  });
});

describe('SMS sandbox', () => {
  const phone = '+15555550100';

  it('GetSMSSandboxAccountStatus: new accounts are in the sandbox', async () => {
    assert.equal((await sns.send(new GetSMSSandboxAccountStatusCommand({}))).IsInSandbox, true);
  });

  it('Create texts a one-time password, Verify checks it, List shows the status, Delete waits 24 hours', async () => {
    await sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: phone, LanguageCode: 'en-US' }));
    const otp = await devJson(`/_signalbox/sns/sandbox-otp?phoneNumber=${encodeURIComponent(phone)}`);
    assert.equal(otp.status, 200);
    assert.equal(otp.body.status, 'Pending');
    assert.match(otp.body.oneTimePassword, /^\d{6}$/);
    const sms = await devJson(`/_signalbox/sns/sms-messages?phoneNumber=${encodeURIComponent(phone)}`);
    assert.equal(sms.body.messages[phone].at(-1).message, `Your Amazon SNS verification code is: ${otp.body.oneTimePassword}`);
    assert.equal(sms.body.messages[phone].at(-1).source, 'sandbox-verification');

    assert.deepEqual((await sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers, [{ PhoneNumber: phone, Status: 'Pending' }]);
    const wrong = otp.body.oneTimePassword === '000000' ? '111111' : '000000';
    await expectSnsError(sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: phone, OneTimePassword: wrong })), {
      name: 'VerificationException',
      message: 'Invalid one-time password.',
      status: 400,
      code: 'VerificationException',
    });
    await sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: phone, OneTimePassword: otp.body.oneTimePassword }));
    assert.deepEqual((await sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers, [{ PhoneNumber: phone, Status: 'Verified' }]);

    await expectSnsError(sns.send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: phone })), {
      name: 'UserErrorException',
      message: new RegExp(`^You can delete \\${phone} from the SMS sandbox only 24 hours after its verification or last verification attempt`),
      status: 400,
      code: 'UserError',
    });
    clock.set(clock.now() + DAY);
    await sns.send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: phone }));
    assert.deepEqual((await sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers, []);
    assert.equal((await devJson(`/_signalbox/sns/sandbox-otp?phoneNumber=${encodeURIComponent(phone)}`)).status, 404);
  });

  it('unknown numbers, opted-out numbers, bad inputs', async () => {
    const resourceNotFound = { name: 'ResourceNotFoundException', message: 'Phone number +15555550177 is not in the SMS sandbox.', status: 404, code: 'ResourceNotFound' };
    await expectSnsError(sns.send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550177' })), resourceNotFound);
    await expectSnsError(sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550177', OneTimePassword: '123456' })), resourceNotFound);

    const client = e2e.client({ account: '333333333333' });
    await devJson('/_signalbox/sns/phone-opt-outs', { method: 'POST', body: JSON.stringify({ phoneNumber: '+15555550188', account: '333333333333' }) });
    await expectSnsError(client.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550188' })), {
      name: 'OptedOutException',
      message: 'Phone number +15555550188 has opted out of receiving SMS messages.',
      status: 400,
      code: 'OptedOut',
    });

    await expectSnsError(
      sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: 'abc' })),
      validationError("1 validation error detected: Value 'abc' at 'phoneNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(\\+[0-9]{8,}|[0-9]{0,9})$"),
    );
    await expectSnsError(
      sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550100', OneTimePassword: '12' })),
      validationError("1 validation error detected: Value '12' at 'oneTimePassword' failed to satisfy constraint: Member must have length greater than or equal to 5"),
    );
    await expectSnsError(
      sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550100', LanguageCode: 'xx-XX' as never })),
      validationError(/^1 validation error detected: Value 'xx-XX' at 'languageCode' failed to satisfy constraint: Member must satisfy enum value set: \[en-US, en-GB, /),
    );
    await expectSnsError(
      sns.send(new ListSMSSandboxPhoneNumbersCommand({ MaxResults: 101 })),
      validationError("1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"),
    );
  });

  it('ListSMSSandboxPhoneNumbers pages with MaxResults and NextToken; at most 10 numbers', async () => {
    const client = e2e.client({ account: '444444444444' });
    const numbers = Array.from({ length: 10 }, (_, i) => `+1555557000${i}`);
    for (const n of numbers) await client.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: n }));
    await expectSnsError(client.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555570010' })), {
      name: 'UserErrorException',
      message: 'You can have at most 10 destination phone numbers in the SMS sandbox.',
      status: 400,
      code: 'UserError',
    });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListSMSSandboxPhoneNumbersCommand({ MaxResults: 4, NextToken: token }));
      assert.ok((page.PhoneNumbers?.length ?? 0) <= 4);
      seen.push(...(page.PhoneNumbers ?? []).map((p) => p.PhoneNumber ?? ''));
      token = page.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen, numbers);
  });
});

describe('ListOriginationNumbers', () => {
  it('is empty for a new account, pages what the store holds, and checks MaxResults', async () => {
    const empty = await sns.send(new ListOriginationNumbersCommand({}));
    assert.deepEqual(empty.PhoneNumbers ?? [], []);
    assert.equal(empty.NextToken, undefined);

    const scope = { account: '555555555555', region: REGION };
    const created = Date.UTC(2026, 0, 1);
    for (const n of ['+15555580001', '+15555580002'])
      e2e.sb.engines.mobile.addOriginationNumber(scope, { phoneNumber: n, createdAt: created, status: 'ACTIVE', iso2CountryCode: 'US', routeType: 'Transactional', numberCapabilities: ['SMS'] });
    const client = e2e.client({ account: '555555555555' });
    const first = await client.send(new ListOriginationNumbersCommand({ MaxResults: 1 }));
    assert.deepEqual(first.PhoneNumbers, [
      { CreatedAt: new Date(created), PhoneNumber: '+15555580001', Status: 'ACTIVE', Iso2CountryCode: 'US', RouteType: 'Transactional', NumberCapabilities: ['SMS'] },
    ]);
    assert.ok(first.NextToken);
    const second = await client.send(new ListOriginationNumbersCommand({ MaxResults: 1, NextToken: first.NextToken }));
    assert.equal(second.PhoneNumbers?.[0]?.PhoneNumber, '+15555580002');
    assert.equal(second.NextToken, undefined);

    await expectSnsError(
      sns.send(new ListOriginationNumbersCommand({ MaxResults: 31 })),
      validationError("1 validation error detected: Value '31' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 30"),
    );
    await expectSnsError(
      sns.send(new ListOriginationNumbersCommand({ MaxResults: 0 })),
      validationError("1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    );
  });
});

describe('developer endpoints for captured deliveries', () => {
  it('sms-messages groups delivered SMS by number, keeps opted-out ones apart, filters and clears', async () => {
    const region = 'ca-central-1';
    const scope = { account: ACCOUNT, region };
    const mobile = e2e.sb.engines.mobile;
    const a = '+15555590001';
    const b = '+15555590002';
    const sent = mobile.sendSms(scope, a, 'one', { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } });
    mobile.sendSms(scope, a, 'two');
    mobile.sendSms(scope, b, 'three');
    mobile.optOut(scope, b);
    mobile.sendSms(scope, b, 'four');

    const all = await devJson(`/_signalbox/sns/sms-messages?region=${region}`);
    assert.equal(all.status, 200);
    assert.equal(all.body.account, ACCOUNT);
    assert.equal(all.body.region, region);
    assert.deepEqual(Object.keys(all.body.messages).sort(), [a, b]);
    assert.deepEqual(all.body.messages[a].map((m: { message: string }) => m.message), ['one', 'two']);
    assert.equal(all.body.messages[a][0].messageId, sent.messageId);
    assert.equal(all.body.messages[a][0].smsType, 'Transactional');
    assert.equal(all.body.messages[a][1].smsType, 'Promotional');
    assert.deepEqual(all.body.undelivered[b].map((m: { message: string; reason: string }) => [m.message, m.reason]), [['four', 'opted-out']]);

    const onlyA = await devJson(`/_signalbox/sns/sms-messages?region=${region}&phoneNumber=${encodeURIComponent(a)}`);
    assert.deepEqual(Object.keys(onlyA.body.messages), [a]);
    assert.equal((await e2e.dev(`/_signalbox/sns/sms-messages?region=${region}&phoneNumber=${encodeURIComponent(a)}`, { method: 'DELETE' })).status, 204);
    const cleared = await devJson(`/_signalbox/sns/sms-messages?region=${region}&phoneNumber=${encodeURIComponent(a)}`);
    assert.deepEqual(cleared.body.messages, { [a]: [] });
    assert.equal((await e2e.dev(`/_signalbox/sns/sms-messages?region=${region}`, { method: 'DELETE' })).status, 204);
    const none = await devJson(`/_signalbox/sns/sms-messages?region=${region}`);
    assert.deepEqual([none.body.messages, none.body.undelivered], [{}, {}]);
  });

  it('platform-endpoint-messages shows what each endpoint received, scoped by the endpoint ARN', async () => {
    const client = e2e.client({ account: '666666666666', region: 'eu-central-1' });
    const gcm = await createApp(client, 'GCM', { PlatformCredential: 'k' });
    const apns = await createApp(client, 'APNS', CREDENTIALS);
    const eg = (await client.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: gcm.arn, Token: 'g-token' }))).EndpointArn!;
    const ea = (await client.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: apns.arn, Token: 'a-token' }))).EndpointArn!;
    const scope = { account: '666666666666', region: 'eu-central-1' };
    const structure = { default: 'default text', GCM: '{"notification":{"body":"hi"}}' };
    e2e.sb.engines.mobile.publishToEndpoint(scope, eg, JSON.stringify(structure), structure);
    e2e.sb.engines.mobile.publishToEndpoint(scope, ea, JSON.stringify(structure), structure, { subject: 'S' });

    const forGcm = await devJson(`/_signalbox/sns/platform-endpoint-messages?endpointArn=${encodeURIComponent(eg)}`);
    assert.equal(forGcm.status, 200);
    assert.equal(forGcm.body.account, '666666666666');
    assert.equal(forGcm.body.region, 'eu-central-1');
    assert.deepEqual(Object.keys(forGcm.body.messages), [eg]);
    const [msg] = forGcm.body.messages[eg];
    assert.deepEqual([msg.message, msg.platform, msg.token, msg.applicationArn], ['{"notification":{"body":"hi"}}', 'GCM', 'g-token', gcm.arn]);

    const all = await devJson('/_signalbox/sns/platform-endpoint-messages?account=666666666666&region=eu-central-1');
    assert.deepEqual(all.body.messages[ea].map((m: { message: string; subject: string }) => [m.message, m.subject]), [['default text', 'S']]);
    assert.equal((await e2e.dev(`/_signalbox/sns/platform-endpoint-messages?endpointArn=${encodeURIComponent(eg)}`, { method: 'DELETE' })).status, 204);
    const after = await devJson('/_signalbox/sns/platform-endpoint-messages?account=666666666666&region=eu-central-1');
    assert.deepEqual(Object.keys(after.body.messages), [ea]);
    // Default scope: another account and region, nothing there.
    assert.deepEqual((await devJson('/_signalbox/sns/platform-endpoint-messages')).body, { account: ACCOUNT, region: REGION, messages: {} });
  });

  it('email-messages shows captured emails by address and clears them', async () => {
    const scope = { account: ACCOUNT, region: 'sa-east-1' };
    const topic = `arn:aws:sns:sa-east-1:${ACCOUNT}:t`;
    e2e.sb.engines.mobile.recordEmail(scope, { protocol: 'email', endpoint: 'ops@example.com', subscriptionArn: `${topic}:1`, topicArn: topic, subject: 'Hi', message: 'body' });
    e2e.sb.engines.mobile.recordEmail(scope, { protocol: 'email-json', endpoint: 'dev@example.com', subscriptionArn: `${topic}:2`, message: '{"Type":"Notification"}' });
    const got = await devJson('/_signalbox/sns/email-messages?region=sa-east-1&address=ops@example.com');
    assert.deepEqual(Object.keys(got.body.messages), ['ops@example.com']);
    assert.deepEqual(
      [got.body.messages['ops@example.com'][0].subject, got.body.messages['ops@example.com'][0].message, got.body.messages['ops@example.com'][0].protocol],
      ['Hi', 'body', 'email'],
    );
    assert.equal((await e2e.dev('/_signalbox/sns/email-messages?region=sa-east-1&address=ops@example.com', { method: 'DELETE' })).status, 204);
    assert.deepEqual(Object.keys((await devJson('/_signalbox/sns/email-messages?region=sa-east-1')).body.messages), ['dev@example.com']);
  });

  it('answers bad input with JSON errors', async () => {
    const cases: Array<[string, RequestInit | undefined, number, string]> = [
      ['/_signalbox/sns/sms-messages?account=12', undefined, 400, 'InvalidParameter'],
      ['/_signalbox/sns/sms-messages?region=nowhere', undefined, 400, 'InvalidParameter'],
      ['/_signalbox/sns/sms-messages?phoneNumber=abc', undefined, 400, 'InvalidParameter'],
      ['/_signalbox/sns/sms-messages?phoneNumber=%2B15555550100&phoneNumber=%2B15555550101', undefined, 400, 'InvalidParameter'],
      ['/_signalbox/sns/platform-endpoint-messages?endpointArn=arn:aws:sns:us-east-1:000000000000:app/GCM/x', undefined, 400, 'InvalidParameter'],
      ['/_signalbox/sns/phone-opt-outs', { method: 'POST', body: '{not json' }, 400, 'InvalidJson'],
      ['/_signalbox/sns/phone-opt-outs', { method: 'POST', body: '{}' }, 400, 'MissingParameter'],
      ['/_signalbox/sns/phone-opt-outs', { method: 'DELETE' }, 400, 'MissingParameter'],
      ['/_signalbox/sns/sandbox-otp', undefined, 400, 'MissingParameter'],
      ['/_signalbox/sns/sandbox-otp?phoneNumber=%2B15555550999', undefined, 404, 'NotFound'],
    ];
    for (const [path, init, status, error] of cases) {
      const r = await devJson(path, init);
      assert.equal(r.status, status, path);
      assert.equal(r.body.error, error, path);
      assert.equal(typeof r.body.message, 'string', path);
    }
  });
});
