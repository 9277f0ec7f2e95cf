import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from './env.ts';
import type { OperationSpec } from './openapi/operation-spec.ts';

export const metricsOperation: OperationSpec = {
  method: 'get',
  path: '/metrics',
  operationId: 'metrics',
  summary: 'Prometheus metrics',
  description:
    'Prometheus text format: `http_requests_total` and `http_request_duration_seconds` by method, route pattern and status; `cache_hits_total` and `cache_misses_total` by keyspace; `rate_limit_rejections_total` by policy; process metrics. Outbox and job series join with the events.',
  tag: 'Operations',
  success: { 200: { description: 'Prometheus text exposition format', mediaType: 'text/plain; version=0.0.4', headers: ['Cache-Control'] } },
  errors: [],
};

/** GET /metrics for a Prometheus scraper; like the probes, it ignores query strings (scrapers add them). */
export function metricsRoutes(registry: Registry): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(metricsOperation.path, async (c) => {
    c.header('Content-Type', registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await registry.metrics());
  });
  return app;
}
