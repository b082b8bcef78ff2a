/**
 * One HTTP/S POST to a subscriber, as SNS makes it: no connection reuse, the given headers plus
 * Content-Length, a deadline for the whole exchange (AWS: "The connection will time out in
 * 15 seconds"). Resolves with the status code once the response head arrives; rejects on a bad
 * URL, a connection error, the deadline or an abort. It never throws synchronously.
 *
 * The deadline is a real timer: it bounds network I/O, which happens in real time whatever the
 * instance's clock says. Retry scheduling (policy time) goes through the Scheduler instead.
 */
import http from 'node:http';
import https from 'node:https';

export type HttpPost = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
) => Promise<number>;

export const postHttp: HttpPost = (url, headers, body, timeoutMs, signal) =>
  new Promise<number>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`Invalid URL: ${url}`));
      return;
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) {
      reject(new Error(`Unsupported protocol: ${target.protocol}`));
      return;
    }
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const payload = Buffer.from(body, 'utf8');
    const outgoing: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'content-length') outgoing[k] = v;
    outgoing['Content-Length'] = String(payload.length);

    let req: http.ClientRequest;
    try {
      // agent: false → a fresh connection per request, closed afterwards (no keep-alive).
      req = client.request(target, { method: 'POST', headers: outgoing, agent: false });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const deadline = setTimeout(() => {
      settle(() => reject(new Error(`timeout after ${timeoutMs} ms`)));
      req.destroy();
    }, timeoutMs);
    deadline.unref?.();
    const onAbort = () => {
      settle(() => reject(new Error('aborted')));
      req.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      clearTimeout(deadline);
      settle(() => resolve(res.statusCode ?? 0));
      res.on('error', () => undefined);
      res.resume(); // drain and discard the body
    });
    req.on('error', (err) => {
      clearTimeout(deadline);
      settle(() => reject(err));
    });
    req.on('close', () => {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      settle(() => reject(new Error('connection closed before a response')));
    });
    req.end(payload);
  });
