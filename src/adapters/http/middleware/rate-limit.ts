import type { MiddlewareHandler } from 'hono';
import type { RateLimiter, RateLimitPolicy } from '../../../application/ports/rate-limiter.ts';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import { RateLimitedError } from '../../../domain/errors.ts';
import { clientAddress } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import type { TrustedProxies } from '../trusted-proxies.ts';
import { authenticated, bearerToken } from './auth-guards.ts';

export type GeneralRateLimit = Readonly<{
  limiter: RateLimiter;
  /** RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_SECONDS; its name is the one the headers show. */
  policy: RateLimitPolicy;
  authenticate: Authenticate;
  /** TRUST_PROXY: whose X-Forwarded-For names the client. */
  trustedProxies?: TrustedProxies;
}>;

/**
 * The general limit per client on every /api request: the user id when the request carries a
 * valid access token (so one user counts once however many addresses it comes from, and users
 * behind one NAT do not share a budget), else the client address. Every response, errors and
 * 429s included, carries the draft-ietf-httpapi-ratelimit-headers fields; a refused request is a
 * 429 RATE_LIMITED with Retry-After and never reaches its route. Checked before the route's
 * guard, so a flood of bad tokens is limited by address like any other anonymous traffic.
 *
 * The key needs only a token that verifies (its signature names the user; verification is cached
 * and costs no I/O), so the hit and the full authentication (holder and session, from the cache)
 * start together and share one round trip to Redis; the guard later awaits the same authentication.
 */
export function generalRateLimit(options: GeneralRateLimit): MiddlewareHandler<AppEnv> {
  const { limiter, policy, authenticate, trustedProxies } = options;
  const policyField = `"${policy.name}";q=${policy.max};w=${policy.windowSeconds}`;
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    const claimant = token === undefined ? undefined : await authenticate.claimant(token).catch(() => undefined);
    const key = claimant ? `user:${claimant.userId}` : `address:${clientAddress(c, trustedProxies)}`;
    if (claimant) void authenticated(c, authenticate); // started now, awaited by the route's guard
    const decision = await limiter.hit(policy, key);
    const fields = {
      'RateLimit-Policy': policyField,
      RateLimit: `"${policy.name}";r=${decision.remaining};t=${decision.resetSeconds}`,
    };
    // Prepared before the route runs, so they are written into its response (the 429 and other
    // errors included) as it is created: set afterwards, each would copy the whole Response.
    for (const [name, value] of Object.entries(fields)) c.header(name, value);
    if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds);
    await next();
    // A response built without `c.*` helpers left them out; costs one lookup otherwise.
    if (!c.res.headers.has('RateLimit')) for (const [name, value] of Object.entries(fields)) c.header(name, value);
  };
}
