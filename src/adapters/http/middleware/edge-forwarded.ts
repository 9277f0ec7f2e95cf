import type { MiddlewareHandler } from 'hono';
import { canonicalAddress } from '../trusted-proxies.ts';
import type { AppEnv } from '../env.ts';
import { sameSecret } from '../same-secret.ts';

/** Carries PASSWORD_ORIGIN_SECRET on every request the edge forwards to PASSWORD_ORIGIN. */
export const EDGE_SECRET_HEADER = 'X-Edge-Secret';

/**
 * On the Node instance behind PASSWORD_ORIGIN: a request that carries the secret it shares with the
 * edge came through the edge, which wrote the client's address as the one X-Forwarded-For entry
 * (dropping the client's own), so that entry, the leftmost (proxies after the edge append to the
 * right), is the client (`unknown` when the edge knew none). Any other request keeps the usual rule
 * (TRUST_PROXY or the socket's peer): one sent straight here with a forged header counts as its sender.
 */
export function edgeForwarded(secret: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header(EDGE_SECRET_HEADER);
    if (given !== undefined && (await sameSecret(given, secret))) c.set('edgeClientAddress', edgeEntry(c.req.header('x-forwarded-for')));
    await next();
  };
}

function edgeEntry(forwardedFor: string | undefined): string {
  const first = forwardedFor?.split(',', 1)[0]?.trim() ?? '';
  return canonicalAddress(first) ?? 'unknown';
}
