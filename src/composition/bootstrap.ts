import type { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { Logger } from '../adapters/logging/logger.ts';
import type { Database } from '../adapters/persistence/mikro-orm/orm.ts';
import { CountingRateLimiter } from '../adapters/rate-limit/counting-rate-limiter.ts';
import { SystemClock } from '../adapters/system/system-clock.ts';
import { UuidV7Ids } from '../adapters/system/uuid-v7-ids.ts';
import { ensureConfiguredAdmin } from './admin.ts';
import { Closers } from './closers.ts';
import { openMigratedDatabase } from './database.ts';
import { buildEventPipeline } from './event-pipeline.ts';
import { authSettings } from './auth-settings.ts';
import { buildHttp } from './http.ts';
import { loadKeys, type Keys } from './keys.ts';
import { buildMetrics } from './metrics.ts';
import { startNodeLoops } from './node-loops.ts';
import { readinessPolicy } from './readiness.ts';
import { buildSecurity } from './security.ts';
import { warnAboutUnusedSettings } from './settings.ts';
import { connectSharedState } from './shared-state.ts';
import { startTracing } from './tracing.ts';
import { createUseCases, type UseCases } from './use-cases.ts';

export type Service = {
  app: Hono;
  /** GET /metrics alone, for METRICS_PORT; absent when that is unset. */
  metricsApp?: Hono;
  /** /metrics, /livez and /readyz for the internal process (src/internal.ts); absent without METRICS_PORT. */
  opsApp?(): Hono;
  database: Database;
  useCases: UseCases;
  /** From now on /readyz answers 503, so a load balancer stops sending new requests. */
  beginShutdown(): void;
  /** Releases every outbound resource (the ORM and its pool); call after the server has drained. */
  close(): Promise<void>;
};

/**
 * The composition root: the one place that knows every adapter. It reads only the parsed config
 * and builds the service in named steps, each adding how to close what it built to one list: a
 * start that fails part-way closes what it had, in the order a shutdown would.
 */
export async function bootstrap(config: Config, logger: Logger): Promise<Service> {
  warnAboutUnusedSettings(config, logger);
  const keys = await loadKeys(config, logger);
  const closers = new Closers();
  try {
    return await compose(config, logger, keys, closers);
  } catch (error) {
    await closers.closeAll().catch((cleanup: unknown) => logger.warn({ err: cleanup }, 'closing after a failed start failed too'));
    throw error;
  }
}

async function compose(config: Config, logger: Logger, keys: Keys, closers: Closers): Promise<Service> {
  const clock = new SystemClock();

  // First, so that what the later steps build makes spans; closed last, so their spans are flushed.
  closers.add(await startTracing(config, logger));

  const database = await openMigratedDatabase(config);
  closers.add(() => database.close());
  logger.info({ database: database.kind }, 'database ready, migrations applied');

  const events = await buildEventPipeline(config, database, clock, logger);
  closers.add(events.close);

  const shared = await connectSharedState(config, clock, logger);
  closers.add(shared.close);

  const metrics = buildMetrics({ outboxLag: () => events.outbox.lag() });
  const limiter = new CountingRateLimiter(shared.limiter, metrics.observed.rateLimitRejected);
  const security = buildSecurity(config, keys, clock);

  const useCases = createUseCases({
    uow: events.uow,
    ids: new UuidV7Ids(),
    clock,
    hasher: security.hasher,
    cursors: security.cursors,
    tokens: security.tokens,
    limiter,
    cache: shared.cache,
    cacheTtlSeconds: config.CACHE_TTL_SECONDS,
    onCacheLookup: metrics.observed.cacheLookup,
    auth: authSettings(config),
  });
  await ensureConfiguredAdmin(config, useCases.ensureAdmin, logger);

  const loops = await startNodeLoops(config, logger, { clock, events, useCases, onJobOutcome: metrics.observed.jobOutcome });
  closers.add(loops.close);

  const readiness = readinessPolicy({ database: () => database.ping(), redis: shared.cacheUsable, nats: events.transport.ping });
  const http = buildHttp(config, logger, { useCases, jwks: security.jwks, registry: metrics.registry, limiter, readiness, believesEdge: true });

  return {
    app: http.app,
    metricsApp: http.metricsApp,
    opsApp: http.opsApp,
    database,
    useCases,
    beginShutdown: () => {
      http.beginShutdown();
      loops.abortJobsAfter(config.SHUTDOWN_TIMEOUT_MS); // one grace for the HTTP drain and the jobs
    },
    close: () => closers.closeAll(),
  };
}
