import type { Hono } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { createApp, type ReadinessReport } from '../adapters/http/app.ts';
import { createMetricsApp } from '../adapters/http/metrics-app.ts';
import type { MetricsAccess } from '../adapters/http/metrics-routes.ts';
import { TrustedProxies } from '../adapters/http/trusted-proxies.ts';
import { tracingOn } from '../adapters/telemetry/tracing.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import type { UseCases } from './use-cases.ts';

export type HttpSurface = {
  app: Hono;
  /** GET /metrics alone, for METRICS_PORT; absent when that is unset. */
  metricsApp?: Hono;
  /** GET /metrics, /livez and /readyz, for the internal process's METRICS_PORT; absent when that is unset. */
  opsApp?(): Hono;
  /** /readyz answers 503 from now on. */
  beginShutdown(): void;
};

export type HttpDependencies = Readonly<{
  useCases: UseCases;
  jwks: () => JSONWebKeySet;
  registry: Registry;
  limiter: RateLimiter;
  readiness: () => Promise<ReadinessReport>;
  /** Whether this app believes the edge's X-Forwarded-For on PASSWORD_ORIGIN_SECRET: Node's does, the edge's own does not. */
  believesEdge: boolean;
}>;

/** The HTTP inbound adapter over the use cases, and the metrics-only app when METRICS_PORT is set. */
export function buildHttp(config: Config, logger: Logger, deps: HttpDependencies): HttpSurface {
  const { useCases, registry } = deps;
  const shutdown = new AbortController();
  const app = createApp({
    users: useCases.users,
    posts: useCases.posts,
    auth: useCases.auth,
    jobs: useCases.jobs,
    idempotency: useCases.idempotency,
    jwks: deps.jwks,
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    shutdownSignal: shutdown.signal,
    metrics: registry,
    metricsAccess: metricsAccessFor(config, logger),
    rateLimit: {
      limiter: deps.limiter,
      policy: { name: 'default', max: config.RATE_LIMIT_MAX, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      trustedProxies: config.TRUST_PROXY ? new TrustedProxies(config.TRUST_PROXY) : undefined,
    },
    readiness: deps.readiness,
    edgeSecret: deps.believesEdge ? config.PASSWORD_ORIGIN_SECRET : undefined,
    serverSpans: tracingOn(),
  });
  return {
    app,
    metricsApp: config.METRICS_PORT === undefined ? undefined : createMetricsApp({ registry, logger, token: config.METRICS_TOKEN }),
    opsApp:
      config.METRICS_PORT === undefined
        ? undefined
        : () => createMetricsApp({ registry, logger, token: config.METRICS_TOKEN, health: { readiness: deps.readiness, shutdownSignal: shutdown.signal, timeoutMs: 5000 } }),
    beginShutdown: () => shutdown.abort(),
  };
}

/** /metrics on the public port (API.md, Operations): not there with METRICS_PORT, and never open in production. */
function metricsAccessFor(config: Config, logger: Logger): MetricsAccess {
  if (config.METRICS_PORT !== undefined) return 'hidden';
  if (config.METRICS_TOKEN !== undefined) return { token: config.METRICS_TOKEN };
  if (config.NODE_ENV !== 'production') return 'public';
  logger.warn('NODE_ENV=production without METRICS_PORT or METRICS_TOKEN: /metrics is not served (404); set one of them to scrape it');
  return 'hidden';
}
