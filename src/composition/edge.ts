import type { Hono } from 'hono';
import { loadConfig } from '../config.ts';
import { NoCache } from '../adapters/cache/no-cache.ts';
import { forwardTo, goesToPasswordOrigin, type PasswordOrigin } from '../adapters/http/password-origin.ts';
import { createLogger } from '../adapters/logging/logger.ts';
import { openEdgeOrm } from '../adapters/persistence/mikro-orm/edge-database.ts';
import { MikroOrmOutboxQueue } from '../adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { RequestScopedPool } from '../adapters/persistence/mikro-orm/request-scoped-pool.ts';
import { CountingRateLimiter } from '../adapters/rate-limit/counting-rate-limiter.ts';
import { SystemClock } from '../adapters/system/system-clock.ts';
import { UuidV7Ids } from '../adapters/system/uuid-v7-ids.ts';
import { ConfigError } from '../config.ts';
import { authSettings } from './auth-settings.ts';
import { edgeRateLimiter } from './edge-rate-limits.ts';
import { buildHttp } from './http.ts';
import { loadKeys } from './keys.ts';
import { buildMetrics } from './metrics.ts';
import { readinessPolicy } from './readiness.ts';
import { buildSecurity } from './security.ts';
import { createUseCases } from './use-cases.ts';

/** What workerd hands a module worker's fetch: text bindings (vars, secrets) and the request's context. */
export type EdgeEnv = Readonly<Record<string, unknown>>;
export type EdgeContext = { waitUntil(promise: Promise<unknown>): void };

/**
 * The same Hono app and use cases as on Node, with edge adapters: PostgreSQL through connections
 * of the request's own (RequestScopedPool), no cache (see NoCache), rate limits in Redis with
 * REDIS_URL (else per isolate: edge-rate-limits.ts), and no loops: the outbox is published,
 * consumers and jobs run, by the internal Node process
 * (src/internal.ts). Nothing runs at global scope: the first request composes, inside its scope.
 * With PASSWORD_ORIGIN, the requests that hash passwords go to Node (see password-origin.ts).
 */
export function edgeHandler(): { fetch(request: Request, env: EdgeEnv, ctx: EdgeContext): Promise<Response> } {
  let service: Promise<{ app: Hono; pool: RequestScopedPool; trustCfConnectingIp: boolean; passwordOrigin: PasswordOrigin | undefined }> | undefined;
  return {
    async fetch(request, env, ctx) {
      service ??= composeEdge(textBindings(env));
      service.catch(() => (service = undefined)); // a failed start is tried again by the next request
      const { app, pool, trustCfConnectingIp, passwordOrigin } = await service;
      // The client, for rate limits: CF-Connecting-IP only when told to trust it (Cloudflare sets it; a bare workerd does not).
      const remoteAddress = trustCfConnectingIp ? (request.headers.get('cf-connecting-ip') ?? undefined) : undefined;
      if (passwordOrigin && goesToPasswordOrigin(request)) return forwardTo(passwordOrigin, request, remoteAddress);
      const { result, ended } = pool.run(async () => app.fetch(request, { incoming: { socket: { remoteAddress } } }));
      ctx.waitUntil(ended);
      return result;
    },
  };
}

async function composeEdge(env: Record<string, string | undefined>) {
  const config = loadConfig(env);
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is required on the edge (the embedded database needs a process of its own)');
  if (env.PASSWORD_ORIGIN !== undefined && !/^https?:\/\//.test(env.PASSWORD_ORIGIN)) throw new ConfigError('Invalid configuration: PASSWORD_ORIGIN must be a URL starting with http:// or https://');
  const logger = createLogger(config.LOG_LEVEL);
  const keys = await loadKeys(config, logger, { keepDevelopmentSecrets: false }); // an isolate has no disk to keep them on
  const clock = new SystemClock();
  const pool = new RequestScopedPool(config.DATABASE_URL);
  const orm = await pool.run(() => openEdgeOrm(config.DATABASE_URL!, pool)).result;
  const outbox = new MikroOrmOutboxQueue(orm, clock);
  const metrics = buildMetrics({ outboxLag: () => outbox.lag() }, { processMetrics: false });
  const limiter = new CountingRateLimiter(edgeRateLimiter(config, clock, logger), metrics.observed.rateLimitRejected);
  const security = buildSecurity(config, keys, clock);
  const useCases = createUseCases({
    uow: new MikroOrmUnitOfWork(orm),
    ids: new UuidV7Ids(),
    clock,
    hasher: security.hasher,
    cursors: security.cursors,
    tokens: security.tokens,
    limiter,
    cache: new NoCache(),
    cacheTtlSeconds: config.CACHE_TTL_SECONDS,
    auth: authSettings(config),
  });
  const ping = () => orm.em.fork().getConnection().execute('select 1').then(() => true, () => false);
  const http = buildHttp(config, logger, { useCases, jwks: security.jwks, registry: metrics.registry, limiter, readiness: readinessPolicy({ database: ping }), believesEdge: false });
  const passwordOrigin = env.PASSWORD_ORIGIN === undefined ? undefined : { url: env.PASSWORD_ORIGIN, secret: config.PASSWORD_ORIGIN_SECRET };
  if (passwordOrigin && !passwordOrigin.secret) logger.warn('PASSWORD_ORIGIN without PASSWORD_ORIGIN_SECRET: the origin can only tell client addresses through TRUST_PROXY (docs/edge.md)');
  return { app: http.app, pool, trustCfConnectingIp: env.TRUST_CF_CONNECTING_IP === 'true', passwordOrigin };
}

/**
 * The string bindings only: what the config reads, as Node reads process.env. A Hyperdrive binding
 * named HYPERDRIVE (deploy/edge/wrangler.jsonc) gives DATABASE_URL: its pooled connection string.
 */
function textBindings(env: EdgeEnv): Record<string, string | undefined> {
  const text: Record<string, string | undefined> = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const hyperdrive = env.HYPERDRIVE as { connectionString?: unknown } | undefined;
  if (typeof hyperdrive?.connectionString === 'string') text.DATABASE_URL = hyperdrive.connectionString;
  return text;
}
