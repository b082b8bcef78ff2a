/** The summary a fuzz run prints: requests per target and category, findings with one repro each. */
import type { FuzzReport, Group } from './fuzz.js';

function reproText(g: Group): string {
  const f = g.repro;
  const lines = [`  [${g.kind}] ${g.target} ${g.operation} ×${g.count}: ${f.detail}`, `    mutation: ${f.label} (request #${f.index})`];
  if (f.request) {
    const r = f.request;
    const hdr = ['content-type', 'x-amz-target', 'authorization'].map((h) => (r.headers[h] ? `${h}: ${String(r.headers[h]).slice(0, 100)}` : '')).filter(Boolean);
    const body = r.body.toString('utf8');
    lines.push(`    ${r.method} ${r.path}${r.query ? `?${r.query.slice(0, 80)}` : ''}  ${hdr.join('; ')}`);
    lines.push(`    body (${r.body.length} bytes): ${JSON.stringify(body.length > 300 ? `${body.slice(0, 300)}…` : body)}`);
  }
  if (f.log) lines.push(`    server log: ${f.log}`);
  return lines.join('\n');
}

export function formatReport(r: FuzzReport): string {
  const out: string[] = [];
  const secs = r.elapsedMs / 1000;
  out.push(`signalbox fuzz: seed ${r.seed}, ${r.requests} requests in ${secs.toFixed(1)} s (${(r.requests / secs).toFixed(0)} req/s)`);
  const byTarget = new Map<string, Array<[string, number]>>();
  for (const [key, n] of [...r.perCategory].sort()) {
    const [t, c] = key.split('/') as [string, string];
    byTarget.set(t, [...(byTarget.get(t) ?? []), [c, n]]);
  }
  out.push('', 'requests per target / category:');
  for (const [t, cats] of byTarget) out.push(`  ${t.padEnd(10)} ${String(cats.reduce((s, [, n]) => s + n, 0)).padStart(7)}  ${cats.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  out.push('', `peak server RSS ${r.peakRssMb.toFixed(0)} MiB; max health-probe latency ${r.maxProbeMs.toFixed(0)} ms; long polls cut at the timeout ${r.longPollTimeouts}; server restarts ${r.restarts}`);
  if (r.notImplemented.length) out.push('', `501 NotImplemented (not counted as findings): ${r.notImplemented.map((g) => `${g.target} ${g.operation} ×${g.count}`).join(', ')}`);
  out.push('', r.groups.length ? `FINDINGS: ${r.groups.length} group(s), ${r.groups.reduce((s, g) => s + g.count, 0)} request(s)` : 'no findings');
  for (const g of r.groups) out.push(reproText(g));
  return out.join('\n');
}
