/**
 * Developer endpoints for what SNS would have sent to phones, devices and mailboxes, and for
 * the SMS state a test needs to drive (opt-outs, sandbox one-time passwords). Every route takes
 * `account` (default 000000000000) and `region` (default us-east-1) query parameters; errors
 * are `{ "error": <code>, "message": <text> }` with 400 (bad input) or 404.
 *
 * GET    /_signalbox/sns/sms-messages?phoneNumber=
 *        → 200 { account, region,
 *                messages:    { "<+E.164>": SmsRecord[] },            delivered, oldest first
 *                undelivered: { "<+E.164>": SuppressedSmsRecord[] } }  opted out / sandbox
 *          SmsRecord = { messageId, phoneNumber, message, smsType, senderId?, originationNumber?,
 *                        maxPrice?, messageAttributes, source: publish|topic|sandbox-verification,
 *                        topicArn?, subscriptionArn?, timestamp }; SuppressedSmsRecord adds `reason`.
 *          With phoneNumber, `messages` has exactly that number's key (an empty list when none).
 * DELETE /_signalbox/sns/sms-messages?phoneNumber=             → 204 (all of the scope without phoneNumber)
 *
 * GET    /_signalbox/sns/platform-endpoint-messages?endpointArn=
 *        → 200 { account, region, messages: { "<endpoint arn>": PushRecord[] } }
 *          PushRecord = { messageId, endpointArn, applicationArn, platform, token, message (the
 *                         payload chosen for the platform), structure?, subject?,
 *                         messageAttributes, topicArn?, subscriptionArn?, timestamp }.
 *          With endpointArn, account and region default to the ARN's.
 * DELETE /_signalbox/sns/platform-endpoint-messages?endpointArn= → 204
 *
 * GET    /_signalbox/sns/email-messages?address=
 *        → 200 { account, region, messages: { "<address>": EmailRecord[] } }
 *          EmailRecord = { messageId, protocol: email|email-json, endpoint, subscriptionArn,
 *                          topicArn?, subject?, message, timestamp }.
 * DELETE /_signalbox/sns/email-messages?address=               → 204
 *
 * GET    /_signalbox/sns/phone-opt-outs                       → 200 { account, region, phoneNumbers: string[] }
 * POST   /_signalbox/sns/phone-opt-outs  {"phoneNumber", "account"?, "region"?}
 *        → 200 { account, region, phoneNumber, optedOut: true }   (what a STOP reply does)
 * DELETE /_signalbox/sns/phone-opt-outs?phoneNumber=          → 204 (opted in again)
 *
 * GET    /_signalbox/sns/sandbox-otp?phoneNumber=
 *        → 200 { account, region, phoneNumber, status: Pending|Verified, oneTimePassword }
 *          (the password CreateSMSSandboxPhoneNumber texted; 404 when the number is not in the sandbox)
 */
import express, { type Express, type Request, type Response } from 'express';
import { endpointScope, isValidPublishNumber, toE164, type MobileStore, type Scope } from '../engines/topic/mobile/index.js';

const DEFAULTS: Scope = { account: '000000000000', region: 'us-east-1' };
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

class BadInput extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Params = Record<string, unknown>;

/** One optional string parameter; repeated or non-string values are refused. */
function param(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadInput(400, 'InvalidParameter', `Parameter ${name} must be given once, as a string.`);
  return v;
}

function scopeFrom(params: Params, fallback: Scope = DEFAULTS): Scope {
  const account = param(params, 'account') ?? fallback.account;
  const region = param(params, 'region') ?? fallback.region;
  if (!ACCOUNT.test(account)) throw new BadInput(400, 'InvalidParameter', `account must be a 12-digit AWS account id, got "${account}".`);
  if (!REGION.test(region)) throw new BadInput(400, 'InvalidParameter', `region must look like us-east-1, got "${region}".`);
  return { account, region };
}

function phoneFrom(params: Params, required: boolean): string | undefined {
  const phone = param(params, 'phoneNumber');
  if (phone === undefined) {
    if (required) throw new BadInput(400, 'MissingParameter', 'Pass phoneNumber (E.164, e.g. +15555550100).');
    return undefined;
  }
  if (!isValidPublishNumber(phone)) throw new BadInput(400, 'InvalidParameter', `phoneNumber must be an E.164 number such as +15555550100, got "${phone}".`);
  return toE164(phone);
}

/** Run a route; BadInput becomes its JSON error. */
function route(fn: (req: Request, res: Response) => void) {
  return (req: Request, res: Response): void => {
    try {
      fn(req, res);
    } catch (e) {
      if (!(e instanceof BadInput)) throw e;
      res.status(e.status).json({ error: e.code, message: e.message });
    }
  };
}

/** Group records by a key, keeping order; `only` forces that key to be present. */
function grouped<T>(records: T[], key: (r: T) => string, only?: string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  if (only !== undefined) out[only] = [];
  for (const r of records) (out[key(r)] ??= []).push(r);
  return out;
}

export function registerSnsDeveloperRoutes(app: Express, mobile: MobileStore): void {
  const base = '/_signalbox/sns';

  app.get(`${base}/sms-messages`, route((req, res) => {
    const scope = scopeFrom(req.query);
    const phone = phoneFrom(req.query, false);
    res.json({
      ...scope,
      messages: grouped(mobile.smsMessages(scope, phone), (r) => r.phoneNumber, phone),
      undelivered: grouped(mobile.undeliveredSms(scope, phone), (r) => r.phoneNumber),
    });
  }));
  app.delete(`${base}/sms-messages`, route((req, res) => {
    const scope = scopeFrom(req.query);
    mobile.clearSmsMessages(scope, phoneFrom(req.query, false));
    res.status(204).end();
  }));

  const endpointParams = (params: Params): { scope: Scope; endpointArn: string | undefined } => {
    const endpointArn = param(params, 'endpointArn');
    let fallback = DEFAULTS;
    if (endpointArn !== undefined) {
      const fromArn = endpointScope(endpointArn);
      if (!fromArn)
        throw new BadInput(400, 'InvalidParameter', `endpointArn must look like arn:aws:sns:<region>:<account>:endpoint/<PLATFORM>/<app>/<id>, got "${endpointArn}".`);
      fallback = fromArn;
    }
    return { scope: scopeFrom(params, fallback), endpointArn };
  };
  app.get(`${base}/platform-endpoint-messages`, route((req, res) => {
    const { scope, endpointArn } = endpointParams(req.query);
    res.json({ ...scope, messages: grouped(mobile.pushMessages(scope, endpointArn), (r) => r.endpointArn, endpointArn) });
  }));
  app.delete(`${base}/platform-endpoint-messages`, route((req, res) => {
    const { scope, endpointArn } = endpointParams(req.query);
    mobile.clearPushMessages(scope, endpointArn);
    res.status(204).end();
  }));

  app.get(`${base}/email-messages`, route((req, res) => {
    const scope = scopeFrom(req.query);
    const address = param(req.query, 'address');
    res.json({ ...scope, messages: grouped(mobile.emailMessages(scope, address), (r) => r.endpoint, address) });
  }));
  app.delete(`${base}/email-messages`, route((req, res) => {
    const scope = scopeFrom(req.query);
    mobile.clearEmailMessages(scope, param(req.query, 'address'));
    res.status(204).end();
  }));

  app.get(`${base}/phone-opt-outs`, route((req, res) => {
    const scope = scopeFrom(req.query);
    res.json({ ...scope, phoneNumbers: mobile.listOptedOut(scope) });
  }));
  app.post(`${base}/phone-opt-outs`, express.text({ type: () => true, limit: '16kb' }), route((req, res) => {
    let body: unknown;
    try {
      body = JSON.parse(typeof req.body === 'string' && req.body !== '' ? req.body : 'null');
    } catch {
      throw new BadInput(400, 'InvalidJson', 'The body must be JSON: {"phoneNumber": "+15555550100", "account"?: "...", "region"?: "..."}.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BadInput(400, 'InvalidJson', 'The body must be a JSON object: {"phoneNumber": "+15555550100"}.');
    const params = body as Params;
    const scope = scopeFrom(params);
    const phoneNumber = phoneFrom(params, true)!;
    mobile.optOut(scope, phoneNumber);
    res.json({ ...scope, phoneNumber, optedOut: true });
  }));
  app.delete(`${base}/phone-opt-outs`, route((req, res) => {
    const scope = scopeFrom(req.query);
    mobile.optIn(scope, phoneFrom(req.query, true)!);
    res.status(204).end();
  }));

  app.get(`${base}/sandbox-otp`, route((req, res) => {
    const scope = scopeFrom(req.query);
    const phoneNumber = param(req.query, 'phoneNumber');
    if (phoneNumber === undefined) throw new BadInput(400, 'MissingParameter', 'Pass phoneNumber, as given to CreateSMSSandboxPhoneNumber.');
    const entry = mobile.getSandboxNumber(scope, phoneNumber);
    if (!entry)
      throw new BadInput(404, 'NotFound', `${phoneNumber} is not in the SMS sandbox of account ${scope.account}, region ${scope.region}.`);
    res.json({ ...scope, phoneNumber, status: entry.status, oneTimePassword: entry.oneTimePassword });
  }));
}
