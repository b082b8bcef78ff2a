#!/usr/bin/env node
/**
 * The Signalbox CLI: flags → createSignalbox → listen; SIGINT/SIGTERM → close.
 * Only this file (and src/server) touches the environment and real time.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { createSignalbox } from '../src/signalbox.js';
import { ConfigError } from '../src/config/index.js';
import { createLogger, isLogLevel } from '../src/core/logger.js';
import { VERSION } from '../src/core/version.js';
import { credentialsFromSpec } from '../src/server/signature-check.js';

const HELP = `signalbox ${VERSION} — local AWS emulator for event-driven services (SQS, SNS, EventBridge, Step Functions)

Usage: signalbox [options]

Options:
  --port <n>         Port to listen on (default 4566, env SIGNALBOX_PORT)
  --host <addr>      Address to bind (default 127.0.0.1, env SIGNALBOX_HOST; 0.0.0.0 for containers)
  --region <r>       Region for unsigned requests (default us-east-1)
  --account <id>     Account id unless the access key is a 12-digit id (default 000000000000)
  --log-level <l>    debug | info | warn | error | silent (default info; debug logs every request)
  --config <file>    YAML or JSON file of queues, topics, buses, rules and state machines to
                     create at startup (env SIGNALBOX_CONFIG; see examples/event-driven.yaml)
  --sfn-mock-config <file>
                     Step Functions Local mock config (env SFN_MOCK_CONFIG): start an execution on
                     '<stateMachineArn>#<TestCase>' to run it with that test case's mocked responses
  --sfn-wait-time-scale <x>
                     Multiply Step Functions Wait/retry/timeout durations by x (env
                     SFN_WAIT_TIME_SCALE; default 1, 0 = no waiting, 0.01 = 100 times faster)
  --verify-signatures
                     Check the SigV4 signature of every AWS API request (env
                     SIGNALBOX_VERIFY_SIGNATURES=true; off by default): unsigned requests, unknown
                     keys, wrong secrets and clocks off by more than AWS allows get AWS's errors.
                     /_signalbox/* (health, developer endpoints) stays open.
  --credentials <list|@file>
                     The access keys --verify-signatures accepts: AKID:SECRET[:SESSION_TOKEN],
                     comma-separated, or @path to a file with one per line (# comments); env
                     SIGNALBOX_CREDENTIALS (same format)
  --allowed-hosts <list>
                     Extra Host names to answer, comma-separated, '*.' prefix for subdomains (env
                     SIGNALBOX_ALLOWED_HOSTS), e.g. 'signalbox.internal,*.localstack.cloud'; '*' turns
                     the check off. Always answered: localhost, *.localhost, 127.0.0.1, [::1], the --host
                     address; with --host 0.0.0.0 or :: also IP addresses, this machine's hostname and
                     single-label names (compose service names). Other hosts get 403 (DNS rebinding).
  --cors-origins <list>
                     Extra browser origins allowed to call Signalbox, comma-separated (env
                     SIGNALBOX_CORS_ORIGINS), e.g. 'https://app.example.com,http://devbox:*'; '*' allows
                     all. Always allowed: its own origin and http(s)://localhost, 127.0.0.1, [::1],
                     *.localhost on any port. Other cross-origin browser requests get 403.
  --max-connections <n>
                     Open connections beyond n get a 503 and are closed (default 1024, env
                     SIGNALBOX_MAX_CONNECTIONS)
  -v, --version      Print the version
  -h, --help         Show this help

Point any AWS SDK or CLI at the endpoint, e.g.
  AWS_ENDPOINT_URL=http://127.0.0.1:4566 aws sqs list-queues
`;

function fail(message: string): never {
  process.stderr.write(`signalbox: ${message}\nRun 'signalbox --help' for the options.\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        region: { type: 'string' },
        account: { type: 'string' },
        'log-level': { type: 'string' },
        config: { type: 'string' },
        'sfn-mock-config': { type: 'string' },
        'sfn-wait-time-scale': { type: 'string' },
        'verify-signatures': { type: 'boolean' },
        credentials: { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'cors-origins': { type: 'string' },
        'max-connections': { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const portText = values.port ?? process.env.SIGNALBOX_PORT ?? '4566';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`--port must be a number from 0 to 65535, got '${portText}'`);
  const host = values.host ?? process.env.SIGNALBOX_HOST ?? '127.0.0.1';
  const account = values.account ?? '000000000000';
  if (!/^\d{12}$/.test(account)) fail(`--account must be 12 digits, got '${account}'`);
  const region = values.region ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) fail(`--region must look like us-east-1, got '${region}'`);
  const level = values['log-level'] ?? 'info';
  if (!isLogLevel(level)) fail(`--log-level must be one of debug, info, warn, error, silent; got '${level}'`);
  const logger = createLogger(level);

  const config = values.config ?? process.env.SIGNALBOX_CONFIG;
  const mockConfig = values['sfn-mock-config'] ?? process.env.SFN_MOCK_CONFIG;
  const scaleText = values['sfn-wait-time-scale'] ?? process.env.SFN_WAIT_TIME_SCALE ?? '1';
  const scale = Number(scaleText);
  if (scaleText.trim() === '' || !Number.isFinite(scale) || scale < 0) fail(`--sfn-wait-time-scale must be a number >= 0 (e.g. 0.01), got '${scaleText}'`);
  const verify = values['verify-signatures'] ?? /^(1|true|yes)$/i.test(process.env.SIGNALBOX_VERIFY_SIGNATURES ?? '');
  const credentialsText = values.credentials ?? process.env.SIGNALBOX_CREDENTIALS;
  if (values.credentials !== undefined && !verify) fail('--credentials only applies with --verify-signatures');
  let credentials;
  if (verify) {
    if (!credentialsText) fail('--verify-signatures needs --credentials AKID:SECRET[,AKID2:SECRET2] (or @file, or SIGNALBOX_CREDENTIALS)');
    try {
      credentials = credentialsFromSpec(credentialsText, values.credentials !== undefined ? '--credentials' : 'SIGNALBOX_CREDENTIALS', (f) => readFileSync(f, 'utf8'));
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const allowedHosts = values['allowed-hosts'] ?? process.env.SIGNALBOX_ALLOWED_HOSTS;
  const corsOrigins = values['cors-origins'] ?? process.env.SIGNALBOX_CORS_ORIGINS;
  const maxText = values['max-connections'] ?? process.env.SIGNALBOX_MAX_CONNECTIONS ?? '1024';
  const maxConnections = Number(maxText);
  if (!/^\d+$/.test(maxText) || maxConnections < 1) fail(`--max-connections must be a whole number >= 1, got '${maxText}'`);
  let sb;
  try {
    sb = await createSignalbox({
      account,
      region,
      logger,
      sfnWaitTimeScale: scale,
      maxConnections,
      ...(allowedHosts !== undefined ? { allowedHosts } : {}),
      ...(corsOrigins !== undefined ? { corsOrigins } : {}),
      ...(config ? { config } : {}),
      ...(mockConfig ? { sfnMockConfig: mockConfig } : {}),
      ...(credentials ? { verifySignatures: { credentials } } : {}),
    });
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    const err = e as NodeJS.ErrnoException;
    if (mockConfig && err.code === 'ENOENT' && err.path === mockConfig) fail(`--sfn-mock-config: no such file '${mockConfig}'`);
    if (mockConfig && /mock config/i.test(err.message ?? '')) fail(err.message);
    throw e;
  }
  let url: string;
  try {
    url = await sb.listen(port, host);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') fail(`port ${port} on ${host} is already in use; stop the other process or pass --port <other>`);
    if (err.code === 'EACCES') fail(`no permission to listen on ${host}:${port}; pick a port above 1023`);
    throw e;
  }
  const startupMs = Math.round(performance.now());
  process.stdout.write(
    `Signalbox ${VERSION} ready on ${url} in ${startupMs} ms (in memory)\n` +
      `  services: SQS (JSON 1.0 and query), SNS (query), EventBridge (JSON 1.1), Step Functions (JSON 1.0)\n` +
      `  account ${account}, default region ${region}${config ? `, seeded from ${config}` : ''}\n` +
      (mockConfig ? `  mocks:   Step Functions test cases from ${mockConfig}\n` : '') +
      (scale !== 1 ? `  waits:   Step Functions waits scaled by ${scale}\n` : '') +
      (credentials ? `  auth:    SigV4 signatures checked (${credentials.length} access key${credentials.length === 1 ? '' : 's'}); /_signalbox/* open\n` : '') +
      `  try:     AWS_ENDPOINT_URL=${url} aws sqs create-queue --queue-name demo\n` +
      `  health:  ${url}/_signalbox/health\n`,
  );
  let closing = false;
  const stop = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info(`${signal} received, shutting down`);
    void sb.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main().catch((e: unknown) => {
  process.stderr.write(`signalbox: failed to start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
