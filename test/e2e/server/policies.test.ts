/**
 * The host and origin policies as tables: what passes, what does not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHostPolicy, hostName } from '../../../src/server/host-guard.js';
import { createOriginPolicy, judgeBrowserRequest } from '../../../src/server/cors.js';

describe('hostName', () => {
  const cases: [string, string | undefined][] = [
    ['localhost:4566', 'localhost'],
    ['LocalHost', 'localhost'],
    ['example.com.', 'example.com'],
    ['[::1]:4566', '::1'],
    ['[::1]', '::1'],
    ['::1', undefined],
    ['[::1', undefined],
    ['[nope]:1', undefined],
    ['a b', undefined],
    ['host:port', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(hostName(input), expected));
});

describe('host policy', () => {
  it('local names by default, the bind address once bound', () => {
    const p = createHostPolicy(undefined);
    for (const h of ['localhost', 'a.b.localhost:1', '127.0.0.1', '127.1.2.3:9', '[::1]']) assert.ok(p.allows(h), h);
    for (const h of ['myhost.lan', '192.168.1.5', 'signalbox', 'localhost.evil.example', 'evillocalhost']) assert.ok(!p.allows(h), h);
    p.bind('myhost.lan');
    assert.ok(p.allows('myhost.lan:4566'));
    assert.ok(!p.allows('signalbox'));
  });

  it('an IPv6 wildcard bind behaves like 0.0.0.0', () => {
    const p = createHostPolicy(undefined);
    p.bind('::');
    assert.ok(p.allows('[fe80::1]:4566'));
    assert.ok(p.allows('signalbox'));
    assert.ok(!p.allows('evil.example'));
  });

  it('configured entries: ports and brackets ignored, *. for subdomains', () => {
    const p = createHostPolicy(['Docker.Internal:4566', '[fd00::2]', '*.example.test']);
    for (const h of ['docker.internal', '[fd00::2]:1', 'a.example.test', 'a.b.example.test:4566']) assert.ok(p.allows(h), h);
    for (const h of ['example.test', 'xexample.test']) assert.ok(!p.allows(h), h);
  });
});

describe('origin policy', () => {
  const p = createOriginPolicy(undefined);
  it('own origin and local dev servers', () => {
    assert.ok(p.allows('http://192.168.1.5:4566', '192.168.1.5:4566'), 'same origin');
    assert.ok(p.allows('http://myhost', 'myhost:80'), 'same origin, default port');
    assert.ok(!p.allows('https://myhost', 'myhost:80'), 'another scheme is another origin');
    for (const o of ['http://localhost:1', 'https://[::1]', 'http://x.localhost:3000']) assert.ok(p.allows(o, 'localhost:4566'), o);
    for (const o of ['null', 'http://localhost:3000/', 'http://localhost.evil:3000', 'javascript:alert(1)']) assert.ok(!p.allows(o, 'localhost:4566'), o);
  });

  it('null only when listed', () => {
    assert.ok(createOriginPolicy('null').allows('null', undefined));
  });

  it('judging: SDK and CLI requests are plain; browser marks decide the rest', () => {
    assert.deepEqual(judgeBrowserRequest({ host: 'localhost:4566' }, p, false), { kind: 'plain' });
    assert.deepEqual(judgeBrowserRequest({ host: 'localhost:4566', 'sec-fetch-site': 'same-origin' }, p, false), { kind: 'plain' });
    assert.deepEqual(judgeBrowserRequest({ 'sec-fetch-site': 'cross-site' }, p, false), { kind: 'refused', origin: undefined });
    assert.deepEqual(judgeBrowserRequest({ 'sec-fetch-site': 'same-site', referer: 'http://localhost:3000/app' }, p, false), { kind: 'plain' });
    assert.deepEqual(judgeBrowserRequest({ 'sec-fetch-site': 'cross-site' }, p, true), { kind: 'plain' }, 'developer reads');
    assert.deepEqual(judgeBrowserRequest({ origin: 'http://localhost:3000' }, p, true), { kind: 'cors', origin: 'http://localhost:3000' });
  });
});
