import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * One line per request, written when the response is known (errors included), through the
 * request's child logger so the line carries the request id. The query string is left out: it
 * may hold search terms a client considers private; the path and route are enough to aggregate.
 */
export function requestLogger(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    const logger = c.get('logger');
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request completed');
  };
}
