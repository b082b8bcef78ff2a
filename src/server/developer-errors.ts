/**
 * Errors of the developer endpoints: always JSON `{ "error": <code>, "message": <text> }`, never
 * express's HTML page (which carries a stack trace and absolute paths).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../core/logger.js';

/** A developer-endpoint error with its HTTP status and code. */
export class DeveloperError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One optional string query (or JSON body) parameter. A repeated parameter (`?a=1&a=2`, which
 * express parses into an array) or a nested one is refused with 400.
 */
export function singleParam(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new DeveloperError(400, 'InvalidParameter', `Parameter ${name} must be given once, as a string.`);
  return v;
}

/** Express's error-handling middleware for the whole developer app (register it last). */
export function developerErrorHandler(logger: Logger | undefined) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status = 500;
    let code = 'InternalFailure';
    let message = 'The developer endpoint failed; see the Signalbox log.';
    if (err instanceof DeveloperError) ({ status, code, message } = err);
    else {
      const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; message?: unknown };
      const s = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
      if (s >= 400 && s < 500) {
        status = s;
        // body-parser's errors (http-errors): a known type and a message meant for the client.
        if (e.type === 'entity.too.large') {
          code = 'RequestEntityTooLarge';
          message = 'The request body is larger than this developer endpoint accepts.';
        } else if (e.type === 'entity.parse.failed') {
          code = 'InvalidJson';
          message = 'The request body could not be parsed.';
        } else {
          code = 'BadRequest';
          message = e.expose === true && typeof e.message === 'string' ? e.message : 'The request could not be read.';
        }
      } else logger?.error(`developer endpoint ${req.method} ${req.path} failed`, err);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ error: code, message });
  };
}
