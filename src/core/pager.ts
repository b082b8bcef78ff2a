/**
 * List paging for every service: opaque tokens, page slicing, invalid-token detection. The token
 * format, the error for a token we did not issue and the page sizes stay each service's own
 * parameters; this module only encodes, decodes and slices.
 *
 * Two kinds of token:
 * - offset tokens (EventBridge, SNS topics/subscriptions, Step Functions): base64 of
 *   `${prefix}${offset}`;
 * - key tokens (SQS, SNS mobile/SMS): the last key of the page; the next page starts after it.
 */

export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

/** A token format: `decode` answers undefined for a token this format did not issue. */
export interface TokenCodec<P> {
  encode(position: P): string;
  decode(token: string): P | undefined;
}

/**
 * How the text inside an offset token is read:
 * - `digits`: `prefix` then decimal digits;
 * - `safe-digits`: the same, and the number must be a safe integer;
 * - `number`: JavaScript's `Number(text)`, any non-negative integer (lenient, as SNS is today).
 */
export type OffsetSyntax = 'digits' | 'safe-digits' | 'number';

/** Offset tokens: base64 (UTF-8) of `${prefix}${offset}`. */
export function offsetTokens(options: { prefix?: string; syntax: OffsetSyntax }): TokenCodec<number> {
  const prefix = options.prefix ?? '';
  const digits = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
  return {
    encode: (offset) => Buffer.from(`${prefix}${offset}`, 'utf8').toString('base64'),
    decode(token) {
      const text = Buffer.from(token, 'base64').toString('utf8');
      if (options.syntax === 'number') {
        const n = Number(text);
        return Number.isInteger(n) && n >= 0 ? n : undefined;
      }
      const m = digits.exec(text);
      if (!m) return undefined;
      const n = Number(m[1]);
      return options.syntax === 'safe-digits' && !Number.isSafeInteger(n) ? undefined : n;
    },
  };
}

/** Key tokens: base64 of the JSON `{"after": key}` (SQS). */
export const jsonAfterTokens: TokenCodec<string> = {
  encode: (key) => Buffer.from(JSON.stringify({ after: key })).toString('base64'),
  decode(token) {
    try {
      const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
      return typeof v.after === 'string' ? v.after : undefined;
    } catch {
      return undefined;
    }
  },
};

/** Key tokens: the key itself, base64url, accepted only in its canonical form (SNS mobile/SMS). */
export const base64urlKeyTokens: TokenCodec<string> = {
  encode: (key) => Buffer.from(key).toString('base64url'),
  decode(token) {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const s = Buffer.from(token, 'base64url').toString('utf8');
    return s && Buffer.from(s).toString('base64url') === token ? s : undefined;
  },
};

/** The page of `all` starting at the offset the token names (0 without a token). */
export function pageByOffset<T>(all: readonly T[], token: string | undefined, size: number, codec: TokenCodec<number>, invalid: () => Error): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const offset = codec.decode(token);
    if (offset === undefined) throw invalid();
    start = offset;
  }
  const items = all.slice(start, start + size);
  return { items, nextToken: start + size < all.length ? codec.encode(start + size) : undefined };
}

/** The page of `all` (sorted by `key`) resuming after the key the token names. */
export function pageAfterKey<T>(
  all: readonly T[],
  key: (item: T) => string,
  token: string | undefined,
  size: number,
  codec: TokenCodec<string>,
  invalid: () => Error,
): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const after = codec.decode(token);
    if (after === undefined) throw invalid();
    start = all.findIndex((t) => key(t) > after);
    if (start < 0) start = all.length;
  }
  const items = all.slice(start, start + size);
  const last = items[items.length - 1];
  return { items, nextToken: start + size < all.length && last !== undefined ? codec.encode(key(last)) : undefined };
}
