/**
 * The fuzz loop: a server child, its world of resources, per-operation baselines, then
 * `requests` generated requests (or until `timeMs`) over `concurrency` connections, each judged by
 * the oracle, with a health probe and an RSS sampler running alongside.
 */
import { Agent, get } from 'node:http';
import type { RawRequest } from '../../protocols/index.js';
import { buildBaselines, type Baseline } from './baselines.js';
import { SERVICE_OF, TARGET_INFO, TARGETS, type Target } from './capture.js';
import { send } from './http-client.js';
import { JSON_CATEGORIES, mutateJson } from './mutate-json.js';
import { QUERY_CATEGORIES, mutateQuery } from './mutate-query.js';
import { judge } from './oracle.js';
import { Rng } from './prng.js';
import { playRaw, rawCase, slowloris } from './raw-http.js';
import { startServer, type ServerUnderFuzz } from './server.js';
import { sfnDefinition } from './sfn-definitions.js';
import { setUpWorld, worldFor, ROLE, type World } from './world.js';

export interface FuzzOptions {
  seed: number;
  requests: number;
  timeMs: number;
  only?: string[];
  concurrency?: number;
  requestTimeoutMs?: number;
  maxRssMb?: number;
  /** A probe slower than this is a stall finding. */
  stallMs?: number;
  slowlorisSockets?: number;
  progress?: (line: string) => void;
}

export type FindingKind = 'server-error' | 'not-aws-shape' | 'amplified-error' | 'hang' | 'no-response' | 'crash' | 'stall' | 'memory' | 'runaway';

export interface Finding {
  kind: FindingKind;
  target: string;
  operation: string;
  label: string;
  detail: string;
  request?: RawRequest;
  log?: string;
  index: number;
}

export interface Group {
  kind: FindingKind | 'not-implemented';
  target: string;
  operation: string;
  count: number;
  /** The repro with the smallest body. */
  repro: Finding;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  elapsedMs: number;
  perCategory: Map<string, number>;
  groups: Group[];
  notImplemented: Group[];
  peakRssMb: number;
  maxProbeMs: number;
  longPollTimeouts: number;
  restarts: number;
}

const LONG_POLL = new Set(['ReceiveMessage', 'GetActivityTask']);

interface Work {
  index: number;
  target: string;
  operation: string;
  category: string;
  label: string;
  request?: RawRequest;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const targets = TARGETS.filter((t) => !o.only?.length || o.only.includes(SERVICE_OF[t]) || o.only.includes(t));
  if (!targets.length) throw new Error(`--only matches no service (sqs, sns, events, sfn)`);
  const concurrency = o.concurrency ?? 8;
  const timeout = o.requestTimeoutMs ?? 5000;
  const stallMs = o.stallMs ?? 2000;
  const started = performance.now();
  const perCategory = new Map<string, number>();
  const groups = new Map<string, Group>();
  let longPollTimeouts = 0;
  let restarts = 0;
  let peakRss = 0;
  let maxProbe = 0;
  const inFlight = new Set<Work>();
  /** The last Step Functions definitions run: their executions run on after the requests end. */
  const recentSfn: Work[] = [];
  /** Set while the server is frozen: requests timing out then are the freeze, not their own hang. */
  let frozen = false;

  const record = (kind: Group['kind'], w: Work, detail: string, log?: string) => {
    const key = `${kind}|${w.target}|${w.operation}`;
    const f: Finding = { kind: kind as FindingKind, target: w.target, operation: w.operation, label: w.label, detail, index: w.index, ...(w.request ? { request: w.request } : {}), ...(log ? { log } : {}) };
    const g = groups.get(key);
    if (!g) groups.set(key, { kind, target: w.target, operation: w.operation, count: 1, repro: f });
    else {
      g.count++;
      if ((w.request?.body.length ?? 0) < (g.repro.request?.body.length ?? Infinity)) g.repro = f;
    }
  };

  let server: ServerUnderFuzz = await startServer();
  let world: World = worldFor(server.port);
  let baselines: Map<Target, Baseline[]>;
  const boot = async () => {
    world = worldFor(server.port);
    await setUpWorld(world);
    baselines = await buildBaselines(world, targets);
    server.onExit(() => {
      const candidates = [...inFlight];
      for (const w of candidates) record('crash', w, `server exited (${JSON.stringify(server.exited)}) with ${candidates.length} request(s) in flight`);
      if (!candidates.length) record('crash', { index: -1, target: '-', operation: '-', category: '-', label: 'no request in flight' }, `server exited ${JSON.stringify(server.exited)}`);
    });
  };
  await boot();
  let restarting: Promise<void> | undefined;
  const ensureServer = async () => {
    if (restarting) await restarting;
    if (!server.exited) return;
    restarting ??= (async () => {
      peakRss = Math.max(peakRss, server.peakRss);
      restarts++;
      server = await startServer();
      await boot();
    })().finally(() => (restarting = undefined));
    await restarting;
  };

  // Health probe on its own connection: an event-loop freeze shows as a slow or missing answer.
  let probing = true;
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const probeLoop = (async () => {
    while (probing) {
      await new Promise((r) => setTimeout(r, 100));
      if (server.exited || restarting) continue;
      const t0 = performance.now();
      const ok = await new Promise<boolean>((resolve) => {
        const req = get({ host: '127.0.0.1', port: server.port, path: '/_signalbox/health', agent: probeAgent, timeout: 2 * stallMs }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(false));
      });
      const ms = performance.now() - t0;
      if (server.exited || restarting) continue;
      maxProbe = Math.max(maxProbe, ms);
      if (ms > stallMs || !ok) {
        // Blame the oldest request in flight, or else the latest Step Functions definitions
        // (their executions run after StartExecution answered); then restart the server.
        frozen = true;
        const oldest = [...inFlight].filter((w) => w.category !== 'slowloris')[0];
        const blamed = oldest ? [oldest] : recentSfn.length ? [...recentSfn] : [{ index: -1, target: '-', operation: '-', category: '-', label: 'nothing in flight' }];
        const also = recentSfn.map((w) => w.label).join('; ');
        for (const w of blamed) record('stall', w, `health probe took ${ms.toFixed(0)} ms${ok ? '' : ' and failed'}; latest SFN definitions: ${also || 'none'}`);
        const old = server;
        peakRss = Math.max(peakRss, old.peakRss);
        restarting ??= (async () => {
          await old.stop();
          restarts++;
          server = await startServer();
          await boot();
          recentSfn.length = 0;
          frozen = false;
        })().finally(() => (restarting = undefined));
        await restarting;
      }
    }
  })();

  const runaways: Array<{ w: Work; arn: string }> = [];
  let next = 0;
  const deadline = started + o.timeMs;

  async function one(index: number): Promise<void> {
    const rng = Rng.for(o.seed, index);
    const target = rng.pick(targets);
    const info = TARGET_INFO[target];
    const kind = rng.weighted<'schema' | 'raw' | 'sfn' | 'headers'>([
      ['schema', 86], ['raw', 5], ['headers', 4], ['sfn', target === 'sfn' ? 40 : 0],
    ]);
    if (kind === 'raw') {
      const c = rawCase(rng);
      const w: Work = { index, target: 'http', operation: 'framing', category: 'raw-http', label: c.label };
      count('http/raw-http');
      inFlight.add(w);
      const r = await playRaw(server.port, c, timeout);
      inFlight.delete(w);
      if (r.statuses.some((s) => s >= 500)) record('server-error', w, `statuses ${r.statuses.join(',')}: ${JSON.stringify(r.firstBytes)}`);
      else if (c.complete && r.timedOut && r.statuses.length === 0 && !frozen && !restarting) record('hang', w, `no response and no close within ${timeout} ms`);
      return;
    }
    const list = baselines.get(target)!;
    const base = rng.pick(list);
    const raw: RawRequest = { ...base.raw, headers: { ...base.raw.headers }, body: base.raw.body };
    let category: string;
    let label: string;
    let anyNamespace = false;
    if (kind === 'sfn') {
      const def = sfnDefinition(rng);
      category = 'sfn-definition';
      label = def.label;
      await sfnRun(index, def.text, def.label, def.runaway, rng.chance(0.3) ? 'EXPRESS' : 'STANDARD');
      return;
    } else if (kind === 'headers') {
      category = 'headers';
      const h = rng.int(0, 5);
      if (h === 0) delete raw.headers['content-type'], (label = 'no content-type');
      else if (h === 1) (raw.headers['content-type'] = rng.pick(['text/plain', 'application/json', 'application/x-www-form-urlencoded', 'application/x-amz-cbor-1.1', '']), (label = `content-type ${raw.headers['content-type']}`));
      else if (h === 2) (raw.headers['x-amz-target'] = `${info.model.targetPrefix ?? 'AmazonSQS'}.${rng.pick(['', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(5000)])}`), (label = `x-amz-target ${String(raw.headers['x-amz-target']).slice(0, 40)}`);
      else if (h === 3) (raw.headers.authorization = rng.pick(['AWS4-HMAC-SHA256 Credential=', 'AWS4-HMAC-SHA256 Credential=a/20240101/../sqs/aws4_request', `AWS4-HMAC-SHA256 Credential=${'1'.repeat(12)}/20240101/${'r'.repeat(3000)}/sqs/aws4_request`, 'Bearer x', 'AWS4-HMAC-SHA256 Credential=__proto__/20240101/__proto__/sqs/aws4_request'])), (label = `authorization ${String(raw.headers.authorization).slice(0, 60)}`), (anyNamespace = true);
      else if (h === 4) (raw.path = rng.pick(['/000000000000/fuzz-q', '/000000000000/__proto__', '/x/y/z', '/%zz', `/${'a'.repeat(5000)}`])), (label = `path ${raw.path.slice(0, 40)}`);
      else (raw.query = rng.pick(['Action=DeleteQueue', 'X-Amz-Credential=%zz', 'Action=ListTopics&Version=2010-03-31', '%%%', 'a'.repeat(5000)])), (label = `query string ${raw.query.slice(0, 40)}`), (anyNamespace = true);
    } else if (info.protocol === 'json') {
      category = rng.weighted(JSON_CATEGORIES);
      const parsed = JSON.parse(base.raw.body.toString('utf8') || '{}') as Record<string, unknown>;
      const m = mutateJson(rng, info.model.operations.get(base.operation)!.input, parsed, category as never);
      raw.body = m.body;
      label = m.label;
    } else {
      category = rng.weighted(QUERY_CATEGORIES);
      const m = mutateQuery(rng, base.raw.body, category as never);
      raw.body = m.body;
      label = m.label;
      anyNamespace = category === 'routing';
    }
    await exchange({ index, target, operation: base.operation, category, label, request: raw }, anyNamespace);
  }

  function count(key: string) {
    perCategory.set(key, (perCategory.get(key) ?? 0) + 1);
  }

  async function exchange(w: Work, anyNamespace: boolean, expectOk = false): Promise<string | undefined> {
    const info = TARGET_INFO[w.target as Target];
    count(`${w.target}/${w.category}`);
    inFlight.add(w);
    const out = await send(server.port, w.request!, timeout);
    inFlight.delete(w);
    if (out.kind === 'timeout') {
      if (LONG_POLL.has(w.operation)) longPollTimeouts++;
      else if (!server.exited && !frozen && !restarting) record('hang', w, out.message);
      return undefined;
    }
    if (out.kind === 'error') {
      if (!server.exited && !frozen && !restarting && w.request!.body.length <= 16 * 1024 * 1024) record('no-response', w, `connection error without a response: ${out.message}`);
      return undefined;
    }
    if (out.kind !== 'response') return undefined;
    const rid = String(out.headers['x-amzn-requestid'] ?? '');
    const v = judge(info, out, w.request!.body.length, anyNamespace);
    if (v) record(v.kind, w, v.detail, rid ? server.logFor(rid) : undefined);
    if (expectOk && out.status >= 300) return undefined;
    return out.body.toString('utf8');
  }

  async function sfnRun(index: number, definition: string, label: string, runaway: boolean, type: string): Promise<void> {
    const name = `fz${o.seed}x${index}`;
    const mk = (operation: string, body: object): Work => ({
      index, target: 'sfn', operation, category: 'sfn-definition', label,
      request: {
        method: 'POST', path: '/', query: '',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` },
        body: Buffer.from(JSON.stringify(body)),
      },
    });
    recentSfn.push(mk('CreateStateMachine', { name, definition, roleArn: ROLE, type }));
    if (recentSfn.length > 3) recentSfn.shift();
    await exchange(mk('ValidateStateMachineDefinition', { definition }), false);
    const created = await exchange(mk('CreateStateMachine', { name, definition, roleArn: ROLE, type }), false, true);
    const arn = created && /"stateMachineArn":"([^"]+)"/.exec(created)?.[1];
    if (!arn) return;
    const started = await exchange(mk('StartExecution', { stateMachineArn: arn, input: '{"x":1}' }), false, true);
    const exec = started && /"executionArn":"([^"]+)"/.exec(started)?.[1];
    if (exec && runaway && type === 'STANDARD') runaways.push({ w: mk('StartExecution', { stateMachineArn: arn, input: '{"x":1}' }), arn: exec });
  }

  async function worker(): Promise<void> {
    while (next < o.requests && performance.now() < deadline) {
      await ensureServer();
      const i = next++;
      if (i % 500 === 499) await setUpWorld(world).catch(() => undefined);
      try {
        await one(i);
      } catch (e) {
        // A generator bug must not end the run; report it so it gets fixed.
        o.progress?.(`fuzzer error on request #${i}: ${(e as Error).stack ?? String(e)}`);
      }
      if (i % 1000 === 999) o.progress?.(`${i + 1} requests, ${((performance.now() - started) / 1000).toFixed(1)} s, ${groups.size} finding group(s)`);
    }
  }

  const slow = o.slowlorisSockets
    ? slowloris(server.port, o.slowlorisSockets, Math.min(o.timeMs, 10_000)).then(() => undefined, () => undefined)
    : Promise.resolve();
  await Promise.all([...Array.from({ length: concurrency }, worker), slow]);
  await ensureServer();

  // Runaway loops: AWS fails a Standard execution at 25,000 history events; it must not run on.
  for (const { w, arn } of runaways.slice(0, 5)) {
    const body = await exchange({ ...w, operation: 'DescribeExecution', request: { ...w.request!, headers: { ...w.request!.headers, 'x-amz-target': 'AWSStepFunctions.DescribeExecution' }, body: Buffer.from(JSON.stringify({ executionArn: arn })) } }, false);
    if (body && /"status":"RUNNING"/.test(body)) record('runaway', w, `${w.label}: execution still RUNNING at the end of the run (AWS stops it at 25,000 history events)`);
  }
  for (const { w, arn } of runaways) {
    await send(server.port, { ...w.request!, headers: { ...w.request!.headers, 'x-amz-target': 'AWSStepFunctions.StopExecution' }, body: Buffer.from(JSON.stringify({ executionArn: arn })) }, timeout);
  }

  probing = false;
  await probeLoop;
  probeAgent.destroy();
  peakRss = Math.max(peakRss, server.peakRss);
  const maxRss = (o.maxRssMb ?? 1024) * 1024 * 1024;
  if (peakRss > maxRss) record('memory', { index: -1, target: '-', operation: '-', category: '-', label: 'whole run' }, `peak RSS ${(peakRss / 1048576).toFixed(0)} MiB > ${(maxRss / 1048576).toFixed(0)} MiB`);
  await server.stop();
  const all = [...groups.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.target.localeCompare(b.target) || a.operation.localeCompare(b.operation));
  return {
    seed: o.seed,
    requests: [...perCategory.values()].reduce((s, n) => s + n, 0),
    elapsedMs: performance.now() - started,
    perCategory,
    groups: all.filter((g) => g.kind !== 'not-implemented'),
    notImplemented: all.filter((g) => g.kind === 'not-implemented'),
    peakRssMb: peakRss / 1048576,
    maxProbeMs: maxProbe,
    longPollTimeouts,
    restarts,
  };
}
