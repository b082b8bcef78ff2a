/**
 * The layer rules of the architecture, checked on the source text so a violation fails `npm test`:
 * - protocols/ (wire formats) imports nothing from src/;
 * - src/engines/ imports no server, service, protocol, express or node:http code;
 * - src/engines/ never reads real time or arms host timers: time comes from the injected Clock,
 *   timers from the injected Scheduler (or a port such as the Step Functions `defer`);
 * - src/engines/ draws no randomness of its own: ids, tokens and random numbers come from the
 *   injected Randomness (src/core/ids.ts), never Math.random or node:crypto's random functions
 *   (node:crypto's hashes stay allowed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push((m[1] ?? m[2] ?? m[3]) as string);
  return specs;
}

/** The text without comments and string literals' contents, so only code is searched. */
export function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

/** Where a relative specifier points, relative to the repository root. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec;
}

test('protocols/ imports nothing from src/', () => {
  const bad: string[] = [];
  for (const file of sourceFiles('protocols')) {
    for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
      const t = target(file, spec);
      if (t === 'src' || t.startsWith('src/')) bad.push(`${file} imports ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

const ENGINE_BANNED_MODULES = [/^src\/(server|services|config)(\/|$)/, /^protocols(\/|$)/, /^bin(\/|$)/, /^express$/, /^node:https?$/, /^node:http2$/, /^node:net$/];

test('src/engines/ imports no server, service, protocol, express or network module', () => {
  const bad: string[] = [];
  for (const file of sourceFiles('src/engines')) {
    for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
      const t = target(file, spec);
      if (ENGINE_BANNED_MODULES.some((re) => re.test(t))) bad.push(`${file} imports ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

const ENGINE_BANNED_CALLS: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'Date.now() (use the injected Clock)'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date() (use the injected Clock)'],
  [/\bperformance\.now\s*\(/, 'performance.now() (use the injected Clock)'],
  [/(^|[^.\w])setTimeout\s*\(/, 'setTimeout (use the injected Scheduler)'],
  [/(^|[^.\w])setInterval\s*\(/, 'setInterval (use the injected Scheduler)'],
  [/(^|[^.\w])setImmediate\s*\(/, 'setImmediate (use an injected port)'],
  [/\bprocess\.(env|hrtime)\b/, 'process.env/hrtime (only src/server and bin read the environment)'],
  [/\bMath\.random\b/, 'Math.random (use the injected Randomness)'],
  [/(^|[^.\w])(randomUUID|randomBytes|randomInt|randomFill|randomFillSync|getRandomValues)\s*\(|\bcrypto\.(randomUUID|randomBytes|randomInt|randomFill|randomFillSync|getRandomValues|webcrypto)\b/, 'node:crypto randomness (use the injected Randomness)'],
];

/** node:crypto's random functions; its hashes (createHash) stay allowed in engines. */
const CRYPTO_RANDOM = new Set(['randomUUID', 'randomBytes', 'randomInt', 'randomFill', 'randomFillSync', 'getRandomValues', 'webcrypto']);

/** Names a text imports from node:crypto (or crypto) by name: `import { a, b as c } from 'node:crypto'` → a, b. */
export function cryptoImportsOf(text: string): string[] {
  const names: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"](?:node:)?crypto['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (const part of (m[1] as string).split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

test('src/engines/ reads no real time, arms no host timer, reads no environment and draws no randomness of its own', () => {
  const bad: string[] = [];
  for (const file of sourceFiles('src/engines')) {
    const lines = codeOnly(readFileSync(join(root, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      for (const [re, what] of ENGINE_BANNED_CALLS) if (re.test(line)) bad.push(`${file}:${i + 1} uses ${what}`);
    });
  }
  assert.deepEqual(bad, []);
});

test('src/engines/ imports no randomness from node:crypto', () => {
  const bad: string[] = [];
  for (const file of sourceFiles('src/engines')) {
    for (const name of cryptoImportsOf(readFileSync(join(root, file), 'utf8'))) {
      if (CRYPTO_RANDOM.has(name)) bad.push(`${file} imports ${name} from node:crypto (use the injected Randomness)`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the checks see what they ban (self-test on samples)', () => {
  assert.deepEqual(importsOf("import { a } from '../../src/x.js';\nexport * from './y.js';\nconst m = await import('express');\nimport 'node:http';"), [
    '../../src/x.js',
    './y.js',
    'express',
    'node:http',
  ]);
  const code = codeOnly("// Date.now() in a comment\nconst s = 'setTimeout(';\nconst t = Date.now();");
  assert.equal(ENGINE_BANNED_CALLS.filter(([re]) => re.test(code)).length, 1);
  assert.ok(/(^|[^.\w])setTimeout\s*\(/.test(codeOnly('x = setTimeout(() => 1, 5);')));
  assert.ok(!/(^|[^.\w])setTimeout\s*\(/.test(codeOnly('this.host.setTimeout(fn)')));
  // randomness: Math.random and node:crypto's random functions, however imported; hashes and the injected Randomness pass
  const banned = (line: string): string[] => ENGINE_BANNED_CALLS.filter(([re]) => re.test(codeOnly(line))).map(([, what]) => what);
  assert.deepEqual(banned('const r = Math.random() * n;'), ['Math.random (use the injected Randomness)']);
  assert.deepEqual(banned('const f = Math.random;'), ['Math.random (use the injected Randomness)']);
  for (const line of ['const id = randomUUID();', 'const b = randomBytes(16);', 'crypto.randomUUID()', 'const n = crypto.randomInt(10);', 'x = crypto.webcrypto.getRandomValues(a)']) {
    assert.deepEqual(banned(line), ['node:crypto randomness (use the injected Randomness)'], line);
  }
  for (const line of ['// Math.random() in a comment', "const s = 'randomUUID()';", 'const id = this.random.uuid();', 'const b = deps.random.bytes(4);', "createHash('md5').update(s).digest('hex')", 'x.randomUUID()']) {
    assert.deepEqual(banned(line), [], line);
  }
  assert.deepEqual(
    cryptoImportsOf("import { createHash, randomUUID } from 'node:crypto';\nimport { randomInt as ri } from \"crypto\";\nimport type { KeyObject } from 'node:crypto';\nimport { x } from './crypto.js';"),
    ['createHash', 'randomUUID', 'randomInt', 'KeyObject'],
  );
  assert.deepEqual(cryptoImportsOf("import { randomUUID } from 'node:crypto';").filter((n) => CRYPTO_RANDOM.has(n)), ['randomUUID']);
  assert.deepEqual(cryptoImportsOf("import { createHash } from 'node:crypto';").filter((n) => CRYPTO_RANDOM.has(n)), []);
});
