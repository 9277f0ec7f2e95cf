import type { Hono } from 'hono';
import { ConfigError, type Config } from '../config.ts';
import type { Logger } from '../adapters/logging/logger.ts';
import { createApp } from '../adapters/http/app.ts';
import { createMetricsApp } from '../adapters/http/metrics-app.ts';
import type { MetricsAccess } from '../adapters/http/metrics-routes.ts';
import { openDatabase, type Database } from '../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmUnitOfWork } from '../adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { SealedCursorCodec } from '../adapters/security/sealed-cursor-codec.ts';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { InMemoryCache } from '../adapters/cache/in-memory-cache.ts';
import { RedisCache } from '../adapters/cache/redis-cache.ts';
import { ResilientCache } from '../adapters/cache/resilient-cache.ts';
import { TrustedProxies } from '../adapters/http/trusted-proxies.ts';
import { serviceMetrics } from '../adapters/metrics/service-metrics.ts';
import { CountingRateLimiter } from '../adapters/rate-limit/counting-rate-limiter.ts';
import { FallbackRateLimiter } from '../adapters/rate-limit/fallback-rate-limiter.ts';
import { InMemoryRateLimiter } from '../adapters/rate-limit/in-memory-rate-limiter.ts';
import { RedisRateLimiter } from '../adapters/rate-limit/redis-rate-limiter.ts';
import { connectRedis, type RedisConnection } from '../adapters/redis/redis-connection.ts';
import { CircuitBreaker } from '../adapters/system/circuit-breaker.ts';
import { eventTransport } from '../adapters/events/event-transport.ts';
import { MikroOrmOutboxQueue } from '../adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { OutboxRelay } from '../application/events/outbox-relay.ts';
import { cacheInvalidation } from '../application/events/consumers/cache-invalidation.ts';
import { idempotent } from '../application/events/idempotent-consumer.ts';
import { welcomeEmailOnSignup } from '../application/events/consumers/welcome-email-on-signup.ts';
import { mailerFrom, passwordResetMailSettings } from './mail.ts';
import { jobHandlers, startJobWorkers, startPeriodicJobs } from './jobs.ts';
import { defaultRetention } from '../application/jobs/handlers/cleanup.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { Cache } from '../application/ports/cache.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import { CachingTokenService } from '../adapters/security/caching-token-service.ts';
import { JoseTokenService } from '../adapters/security/jose-token-service.ts';
import { ScryptPasswordHasher } from '../adapters/security/scrypt-password-hasher.ts';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../adapters/security/signing-key.ts';
import { SystemClock } from '../adapters/system/system-clock.ts';
import { UuidV7Ids } from '../adapters/system/uuid-v7-ids.ts';
import { AdminAccountConflictError } from '../application/users/ensure-admin.ts';
import { createUseCases, type UseCases } from './use-cases.ts';

export type Service = {
  app: Hono;
  /** GET /metrics alone, for METRICS_PORT; absent when that is unset. */
  metricsApp?: Hono;
  database: Database;
  useCases: UseCases;
  /** From now on /readyz answers 503, so a load balancer stops sending new requests. */
  beginShutdown(): void;
  /** Releases every outbound resource (the ORM and its pool); call after the server has drained. */
  close(): Promise<void>;
};

/**
 * The composition root: the one place that knows every adapter. It reads only the parsed
 * config, builds the adapters it names, applies pending migrations, and hands use cases to the
 * inbound adapter. Plain `new` and function calls, no container.
 */
export async function bootstrap(config: Config, logger: Logger): Promise<Service> {
  warnAboutUnusedSettings(config, logger);
  // The key first: a bad one must stop the start before anything else is opened.
  const signingKey = await signingKeyFrom(config, logger);
  const previousKeys = await loadVerificationKeys(config.JWT_PREVIOUS_PUBLIC_KEYS).catch((error: Error) => {
    throw new ConfigError(`Invalid configuration: ${error.message}`);
  });
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  logger.info({ database: database.kind }, 'database ready, migrations applied');


  const clock = new SystemClock();
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const outboxQueue = new MikroOrmOutboxQueue(database.orm, clock);
  // NATS (back) up: what waits for a retry is due now, and the relay looks at once.
  const events = eventTransport(
    config.NATS_URL,
    logger,
    () => {
      void outboxQueue.retryNow().then(() => relay.nudge(), (error: unknown) => logger.warn({ err: error }, 'could not reschedule the outbox'));
    },
    { ackWaitMs: config.JOB_LEASE_SECONDS * 1000 },
  );
  const relay = new OutboxRelay({ queue: outboxQueue, publisher: events.publisher, onError: relayErrorLogger(logger) });
  const uow = new MikroOrmUnitOfWork(database.orm, () => relay.nudge());
  const observed = serviceMetrics(metrics, { outboxLag: () => outboxQueue.lag() });
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const shared = sharedState(redis, clock, logger);
  const { cache, cacheUsable } = shared;
  const limiter = new CountingRateLimiter(shared.limiter, observed.rateLimitRejected);
  const ids = new UuidV7Ids();
  const hasher = new ScryptPasswordHasher();
  const cursors = new SealedCursorCodec(config.CURSOR_SECRET);
  const settings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, accessTtlSeconds: config.JWT_ACCESS_TTL, previousKeys };
  const jose = new JoseTokenService(signingKey, settings);
  const tokens = new CachingTokenService(jose, { clock });
  const useCases = createUseCases({
    uow,
    ids,
    clock,
    hasher,
    cursors,
    tokens,
    limiter,
    cache,
    cacheTtlSeconds: config.CACHE_TTL_SECONDS,
    onCacheLookup: observed.cacheLookup,
    jobQueue: events.jobQueue,
    auth: {
      accessTtlSeconds: config.JWT_ACCESS_TTL,
      refreshTtlSeconds: config.JWT_REFRESH_TTL,
      loginLimit: { max: config.LOGIN_RATE_LIMIT_MAX, windowSeconds: config.LOGIN_RATE_LIMIT_WINDOW_SECONDS },
      loginEmailFailuresMax: config.LOGIN_EMAIL_FAILURES_MAX,
      registerLimit: { max: config.REGISTER_RATE_LIMIT_MAX, windowSeconds: config.REGISTER_RATE_LIMIT_WINDOW_SECONDS },
    },
  });
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    try {
      const outcome = await useCases.ensureAdmin.execute({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
      logger.info({ email: config.ADMIN_EMAIL, outcome }, 'admin ensured');
    } catch (error) {
      await database.close();
      await redis?.close();
      await events.close();
      if (error instanceof AdminAccountConflictError) throw new ConfigError(`Invalid configuration: ${error.message}`);
      throw error;
    }
  }

  relay.start();
  const consumers = [cacheInvalidation(useCases.userCache), welcomeEmailOnSignup(useCases.scheduler, clock)];
  const subscriptions = consumers.map((consumer) => events.subscribe(idempotent(consumer, uow)));
  const mail = mailerFrom(config, logger);
  const workers = await startJobWorkers({
    transport: events,
    uow,
    clock,
    logger,
    handlers: jobHandlers({
      uow,
      mailer: mail.mailer,
      clock,
      retention: defaultRetention(config.JWT_ACCESS_TTL),
      queue: events.jobQueue,
      passwordReset: passwordResetMailSettings(config),
    }),
    concurrency: config.JOB_CONCURRENCY,
    leaseMs: config.JOB_LEASE_SECONDS * 1000,
    onOutcome: observed.jobOutcome,
  });
  // Nothing could run them with the in-process queue and no workers here: then none are scheduled.
  const periodicRunnable = !events.jobsInProcess || config.JOB_CONCURRENCY > 0;
  const periodic = periodicRunnable ? startPeriodicJobs({ uow, scheduler: useCases.scheduler, clock, logger }) : { stop: () => undefined };
  const shutdown = new AbortController();
  const app = createApp({
    users: useCases.users,
    posts: useCases.posts,
    auth: useCases.auth,
    jobs: useCases.jobs,
    jwks: () => jose.jwks(),
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    shutdownSignal: shutdown.signal,
    metrics,
    metricsAccess: metricsAccessFor(config, logger),
    rateLimit: {
      limiter,
      policy: { name: 'default', max: config.RATE_LIMIT_MAX, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      trustedProxies: config.TRUST_PROXY ? new TrustedProxies(config.TRUST_PROXY) : undefined,
    },
    readiness: async () => {
      const [databaseUp, redisUp, natsUp] = await Promise.all([database.ping(), redis ? cacheUsable() : true, events.ping ? events.ping() : true]);
      const checks = { database: databaseUp ? 'up' : 'down' } as Record<string, 'up' | 'down' | 'degraded'>;
      // Events wait in the outbox while NATS is away: degraded (delayed), not down.
      if (events.ping) checks.nats = natsUp ? 'up' : 'degraded';
      // Down Redis degrades (the cache falls back to PostgreSQL, limits to this process) rather than
      // stops the service; the contract still has /readyz name it with a 503 until it is back.
      if (redis) checks.redis = redisUp ? 'up' : 'degraded';
      return { ready: Object.values(checks).every((status) => status === 'up'), checks };
    },
  });

  return {
    app,
    metricsApp: config.METRICS_PORT === undefined ? undefined : createMetricsApp({ registry: metrics, logger, token: config.METRICS_TOKEN }),
    database,
    useCases,
    beginShutdown: () => {
      shutdown.abort();
      workers.abortAfter(config.SHUTDOWN_TIMEOUT_MS); // one grace for the HTTP drain and the jobs
    },
    close: async () => {
      // No more connecting to NATS (a subscription still waiting for it stops at once); then the
      // relay (its batch in flight is published and removed, or kept for later); then the consumers
      // (the event in hand finishes, or goes back for redelivery; in process, what is queued is handled)
      // and the job workers (jobs in hand finish; those received but not started go back at once).
      events.stopConnecting();
      periodic.stop();
      await relay.stop();
      await Promise.all([...subscriptions.map((subscription) => subscription.stop()), workers.stop()]);
      mail.close(); // no job sends any more
      await events.close();
      await database.close();
      shared.stop(); // the cache's recovery timer
      await redis?.close();
    },
  };
}

/**
 * Cache and rate limiter: on Redis when REDIS_URL is set (shared by every instance, each behind a
 * circuit breaker of its own so an outage costs a request nothing but a fallback), else in this
 * process. Key prefixes keep the two apart, and apart from anything else in the same Redis.
 */
function sharedState(redis: RedisConnection | undefined, clock: Clock, logger: Logger) {
  if (!redis) {
    const cache = new InMemoryCache(clock, { maxEntries: 100_000 });
    return { cache: cache as Cache, limiter: new InMemoryRateLimiter(clock) as RateLimiter, cacheUsable: async () => true, stop: () => undefined };
  }
  const cache = new ResilientCache(new RedisCache(redis.client, { keyPrefix: 'users-service:cache:' }), new CircuitBreaker({ clock }), logger);
  redis.onConnectionLost(() => cache.connectionLost());
  const limiter = new FallbackRateLimiter({
    shared: new RedisRateLimiter(redis.client, { keyPrefix: 'users-service:rate:' }),
    local: new InMemoryRateLimiter(clock),
    breaker: new CircuitBreaker({ clock }),
    logger,
  });
  return { cache: cache as Cache, limiter: limiter as RateLimiter, cacheUsable: () => cache.usable(), stop: () => cache.close() };
}

/**
 * JWT_PRIVATE_KEY, or a key generated for this process (config.ts already refused that in
 * production): tokens then die with the process and are not accepted by other instances.
 */
async function signingKeyFrom(config: Config, logger: Logger): Promise<SigningKey> {
  let key: SigningKey;
  try {
    key = await loadSigningKey(config.JWT_PRIVATE_KEY);
  } catch (error) {
    // The reason only: the message never contains the key itself.
    const reason = error instanceof Error ? error.message.replace(/^JWT_PRIVATE_KEY /, '') : 'cannot be read';
    throw new ConfigError(`Invalid configuration: JWT_PRIVATE_KEY ${/^must|^is/.test(reason) ? reason : `cannot be read (${reason})`}`);
  }
  if (!config.JWT_PRIVATE_KEY) {
    logger.warn({ kid: key.kid }, 'JWT_PRIVATE_KEY is not set: signing with a generated key; tokens will not survive a restart or be accepted by other instances');
  }
  return key;
}

/** Settings the contract defines whose adapters are not built yet: say so rather than ignore them. */
function warnAboutUnusedSettings(config: Config, logger: Logger): void {
  if (config.JOB_CONCURRENCY === 0 && !config.NATS_URL) {
    logger.warn('JOB_CONCURRENCY=0 without NATS_URL: jobs are queued in this process and nothing here runs them (they run at the next start with workers)');
  }
  if (config.NODE_ENV === 'production' && !config.SMTP_URL) {
    logger.warn('SMTP_URL is not set: mail (welcome, password reset) is only logged, with masked addresses, and never delivered');
  }
  if (config.DATABASE_URL && !config.CURSOR_SECRET) {
    logger.warn('CURSOR_SECRET is not set: list cursors are signed with a per-process key, so one instance refuses another\'s');
  }
}

/** /metrics on the public port (API.md, Operations): not there with METRICS_PORT, and never open in production. */
function metricsAccessFor(config: Config, logger: Logger): MetricsAccess {
  if (config.METRICS_PORT !== undefined) return 'hidden';
  if (config.METRICS_TOKEN !== undefined) return { token: config.METRICS_TOKEN };
  if (config.NODE_ENV !== 'production') return 'public';
  logger.warn('NODE_ENV=production without METRICS_PORT or METRICS_TOKEN: /metrics is not served (404); set one of them to scrape it');
  return 'hidden';
}

/** One warning per run of failures (a NATS outage fails every batch), and a line when it recovers. */
function relayErrorLogger(logger: Logger): (error: unknown) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 30_000) return;
    last = now;
    logger.warn({ err: error }, 'publishing events failed; they stay in the outbox and are retried');
  };
}
