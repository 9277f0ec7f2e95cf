import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/** An API answers data, never pages: forbid everything a browser could do with a response. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every response carries, set after the handler (and the error handler) ran, so errors,
 * 404s and 405s carry them too. JSON is labelled `application/json; charset=utf-8` exactly, as
 * the contract says; Hono's c.json() omits the charset.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Powered-By', undefined);
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', API_CSP);
    const type = c.res.headers.get('Content-Type');
    if (type && /^application\/json\s*(;|$)/i.test(type)) c.header('Content-Type', 'application/json; charset=utf-8');
  };
}
