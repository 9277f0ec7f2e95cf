import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AppEnv } from './env.ts';
import { onError, onNotFound } from './error-handler.ts';
import { healthRoutes, type HealthOptions } from './health-routes.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { requestContext } from './middleware/request-context.ts';
import { securityHeaders } from './middleware/security-headers.ts';

/**
 * What METRICS_PORT serves: GET /metrics only (behind METRICS_TOKEN when that is set too), with
 * the request id, security headers and error envelope of the API, and nothing else of it. With
 * `health`, /livez and /readyz too: the internal process has no other listener to probe.
 */
export function createMetricsApp(deps: { registry: Registry; logger: Logger; token?: string; health?: HealthOptions }): Hono {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(deps.logger), securityHeaders());
  app.route('/', metricsRoutes(deps.registry, deps.token === undefined ? 'public' : { token: deps.token }));
  if (deps.health) app.route('/', healthRoutes(deps.health));
  app.onError(onError);
  app.notFound(onNotFound);
  return app as unknown as Hono;
}
