/**
 * Which `Host` headers Signalbox answers. The Host ends up in queue URLs, SubscribeURLs and
 * SigningCertURLs, and a web page can reach a local server under a name it controls (DNS
 * rebinding: evil.example resolving to 127.0.0.1), so only the names a local client uses pass:
 *
 * - always: `localhost`, `*.localhost`, loopback IPs (127.0.0.0/8, `::1`) and the bind address
 *   (`--host`);
 * - bound to every interface (`0.0.0.0` / `::`, containers): also any IP literal, this machine's
 *   hostname and single-label names (a compose service name such as `signalbox`), none of which
 *   a public DNS name an attacker registers can be;
 * - anything else only when listed in `allowedHosts` (`--allowed-hosts`): exact names, `*.suffix`
 *   for any subdomain of suffix, or `*` to turn the check off.
 *
 * The port in the Host header is never checked. A request without Host (HTTP/1.0) passes.
 */
import { hostname as machineHostname } from 'node:os';
import { isIP } from 'node:net';

export interface HostPolicy {
  /** Whether a Host header value (`name[:port]`, `[v6][:port]`) may be answered. */
  allows(hostHeader: string | undefined): boolean;
  /** Record the address the server is bound to (what `listen(port, host)` was given). */
  bind(address: string): void;
  /** The host list as configured, for messages. */
  readonly extra: readonly string[];
}

/** `name` (lower case, no brackets, no trailing dot) of a Host header, or undefined if malformed. */
export function hostName(hostHeader: string): string | undefined {
  let h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d*$/.test(rest)) return undefined;
    h = h.slice(1, end);
    return isIP(h) === 6 ? h : undefined;
  }
  const colon = h.indexOf(':');
  if (colon >= 0) {
    if (!/^\d*$/.test(h.slice(colon + 1))) return undefined; // an unbracketed IPv6 or junk
    h = h.slice(0, colon);
  }
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === '' || !/^[a-z0-9._-]+$/.test(h)) return undefined;
  return h;
}

/** Split a comma-separated list (flag or env value) into trimmed, non-empty entries. */
export function splitList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(','));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '']);

function isLoopbackIp(name: string): boolean {
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1' || name === '::ffff:127.0.0.1';
}

/** Normalise one configured entry: lower case, no port, no brackets (`[::1]:4566` → `::1`). */
function normaliseEntry(entry: string): string {
  const e = entry.trim().toLowerCase();
  if (e === '*' || e.startsWith('*.')) return e.replace(/:\d+$/, '');
  return hostName(e) ?? e;
}

export function createHostPolicy(allowedHosts: string | readonly string[] | undefined): HostPolicy {
  const extra = splitList(allowedHosts);
  const any = extra.includes('*');
  const exact = new Set<string>(['localhost']);
  const suffixes: string[] = ['.localhost'];
  for (const raw of extra) {
    const e = normaliseEntry(raw);
    if (e === '*') continue;
    if (e.startsWith('*.')) suffixes.push(e.slice(1));
    else exact.add(e);
  }
  let wildcardBind = false;
  let machine: string | undefined;
  return {
    extra,
    bind(address) {
      const name = hostName(address.includes(':') && !address.startsWith('[') ? `[${address}]` : address) ?? address.toLowerCase();
      if (WILDCARD_BINDS.has(name)) {
        wildcardBind = true;
        machine = machineHostname().toLowerCase();
      } else exact.add(name);
    },
    allows(hostHeader) {
      if (any || hostHeader === undefined) return true;
      const name = hostName(hostHeader);
      if (name === undefined) return false;
      if (exact.has(name) || isLoopbackIp(name)) return true;
      if (suffixes.some((s) => name.endsWith(s))) return true;
      if (wildcardBind) {
        if (isIP(name) !== 0) return true;
        if (name === machine || !name.includes('.')) return true;
      }
      return false;
    },
  };
}
