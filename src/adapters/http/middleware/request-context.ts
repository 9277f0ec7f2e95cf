import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../env.ts';
import { onError } from '../error-handler.ts';

/** A client's id is echoed only when it cannot smuggle anything into logs or headers. */
export const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The first middleware: gives the request an id (the client's, if sane, so a trace can cross
 * services) and a child logger carrying it, and stamps the id on the response, errors and 404s
 * included; the check after `next()` covers a response built without `c.*` helpers.
 */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header(REQUEST_ID_HEADER);
    const requestId = given && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('logger', logger.child({ requestId }));
    // Prepared before the handler, so it is written into the response as it is created (a header
    // set afterwards makes Hono copy the whole Response).
    c.header(REQUEST_ID_HEADER, requestId);
    try {
      await next();
    } catch (thrown) {
      // Hono hands only Error instances to onError; anything else thrown (a string, a rejected
      // non-Error) would escape as a bare rejection, so answer it like any other bug: a 500.
      c.res = await onError(new Error('A non-Error value was thrown', { cause: thrown }), c);
    }
    if (c.res.headers.get(REQUEST_ID_HEADER) !== requestId) c.header(REQUEST_ID_HEADER, requestId);
  };
}
