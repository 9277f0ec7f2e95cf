import { Hono, type MiddlewareHandler } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from './env.ts';
import { HttpError } from './http-error.ts';
import { bearerToken } from './middleware/auth-guards.ts';
import type { OperationSpec } from './openapi/operation-spec.ts';
import { sameSecret } from './same-secret.ts';

export const metricsOperation: OperationSpec = {
  method: 'get',
  path: '/metrics',
  operationId: 'metrics',
  summary: 'Prometheus metrics',
  description:
    'Prometheus text format: `http_requests_total` and `http_request_duration_seconds` by method, route pattern and status (499: the client went away mid-request); `cache_hits_total` and `cache_misses_total` by keyspace; `rate_limit_rejections_total` by policy; process metrics. Outbox and job series join with the events. ' +
    'Not public in production: with `METRICS_TOKEN` it needs `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); with `METRICS_PORT` it is served on that port only and this one answers 404, as it does with `NODE_ENV=production` and neither set.',
  tag: 'Operations',
  success: { 200: { description: 'Prometheus text exposition format', mediaType: 'text/plain; version=0.0.4', headers: ['Cache-Control'] } },
  errors: [401, 404],
};

/** Who may read /metrics here: anyone, holders of the metrics token, or nobody (the route is absent: 404). */
export type MetricsAccess = 'public' | 'hidden' | { token: string };

const METRICS_CHALLENGE = 'Bearer realm="metrics"';

/** GET /metrics for a Prometheus scraper; like the probes, it ignores query strings (scrapers add them). */
export function metricsRoutes(registry: Registry, access: MetricsAccess = 'public'): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (access === 'hidden') return app;
  const guard: MiddlewareHandler<AppEnv> = access === 'public' ? (_c, next) => next() : metricsToken(access.token);
  app.get(metricsOperation.path, guard, async (c) => {
    c.header('Content-Type', registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await registry.metrics());
  });
  return app;
}

/** METRICS_TOKEN as a bearer token, compared in constant time; not an access token (no JWT). */
function metricsToken(expected: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = bearerToken(c.req.header('Authorization'));
    if (given === undefined || !(await sameSecret(given, expected))) {
      throw new HttpError('UNAUTHORIZED', 'Metrics need the metrics bearer token: send Authorization: Bearer <METRICS_TOKEN>', {
        'WWW-Authenticate': METRICS_CHALLENGE,
      });
    }
    await next();
  };
}
