/**
 * One outbound HTTP(S) request with a hard deadline for the whole exchange (EventBridge gives an
 * API destination 5 seconds), a capped response body and cancellation. Network failures and the
 * deadline reject with an `HttpRequestError` carrying a code.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class HttpRequestError extends Error {
  constructor(
    readonly code: 'TIMEOUT' | 'NETWORK' | 'ABORTED' | 'BAD_URL',
    message: string,
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

/** AWS asks for at most the first MiB (`Range: bytes=0-1048575`); read no more than that. */
const MAX_BODY = 1024 * 1024;

export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const { url } = req;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new HttpRequestError('BAD_URL', `Unsupported URL scheme ${url.protocol}`));
  }
  const client = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));

  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const outbound = client.request(url, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size >= MAX_BODY) return;
        chunks.push(c);
        size += c.length;
      });
      res.on('end', () =>
        finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY) })),
      );
      res.on('error', (e) => finish(() => reject(new HttpRequestError('NETWORK', e.message))));
    });
    const timer = setTimeout(() => {
      finish(() => reject(new HttpRequestError('TIMEOUT', `No response within ${req.timeoutMs} ms`)));
      outbound.destroy();
    }, req.timeoutMs);
    timer.unref();
    const onAbort = (): void => {
      finish(() => reject(new HttpRequestError('ABORTED', 'Request aborted')));
      outbound.destroy();
    };
    if (req.signal?.aborted) {
      onAbort();
      return;
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    outbound.on('error', (e) => finish(() => reject(new HttpRequestError('NETWORK', e.message))));
    outbound.end(req.body);
  });
}
