import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The client's address, from the socket: headers such as X-Forwarded-For are set by whoever sends
 * the request, so they are not trusted (a TRUST_PROXY setting arrives with the rate limiter).
 * `unknown` where there is no socket (app.request() in tests, runtimes that do not expose it),
 * which makes every such client share one login budget: the safe side.
 */
export function clientAddress(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
