import type { Context, MiddlewareHandler } from 'hono';
import type { Principal } from '../../../application/ports/token-service.ts';
import { clientAddress } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { CLIENT_CLOSED_REQUEST } from '../client-abort.ts';
import type { TrustedProxies } from '../trusted-proxies.ts';

/**
 * One line per request, written when the response is known (errors included), through the
 * request's child logger so the line carries the request id. It names the client (its address,
 * honouring TRUST_PROXY like the rate limits) and, once authenticated, the user. The query string
 * is left out: it may hold search terms a client considers private.
 * A client that went away mid-request (status 499, see client-abort.ts) is `request aborted`.
 */
export function requestLogger(trustedProxies?: TrustedProxies): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    // Read now: once a client has gone (an aborted body), its socket no longer names it.
    const address = clientAddress(c, trustedProxies);
    await next();
    const status = c.res.status;
    const userId = (await principalOf(c))?.userId;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      clientAddress: address,
      ...(userId === undefined ? {} : { userId }),
    };
    const logger = c.get('logger');
    if (status === CLIENT_CLOSED_REQUEST) logger.info(line, 'request aborted');
    // A 503 is the service refusing work it cannot take (hashing at capacity, a dependency down),
    // expected under a flood and said once per cause elsewhere: a warning, not an error per request.
    else if (status === 503) logger.warn(line, 'request refused: service unavailable');
    else if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request completed');
  };
}

/**
 * The guard's principal, or else the Authorization header's verdict when something worked it out
 * (a guard that then refused with 403, the rate limit keying by user); settled by now, never asked anew.
 */
async function principalOf(c: Context<AppEnv>): Promise<Principal | undefined> {
  const principal = c.get('principal');
  if (principal) return principal;
  return c.get('authentication')?.catch(() => undefined);
}
