import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { AppEnv } from '../env.ts';

/**
 * Request counts and latency by route pattern (`/api/users/:id`, never the raw path, so ids do
 * not explode the label set), method and status. Requests that match no route share one
 * `unmatched` label for the same reason.
 */
export function httpMetrics(registry: Registry): MiddlewareHandler<AppEnv> {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by route',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // One pair of bound children per label set: prom-client hashes a labels object on every call
  // otherwise, which cost more than the rest of the metrics work. The set is bounded (routes x
  // methods x statuses), so the map is too.
  const bound = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  const series = (method: string, route: string, status: string) => {
    const key = `${method} ${route} ${status}`;
    let found = bound.get(key);
    if (!found) {
      const counter = requests.labels(method, route, status);
      const timer = duration.labels(method, route, status);
      found = { count: () => counter.inc(), time: (seconds) => timer.observe(seconds) };
      bound.set(key, found);
    }
    return found;
  };
  return async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = routePath(c, -1);
    const entry = series(c.req.method, pattern.endsWith('*') ? 'unmatched' : pattern, String(c.res.status));
    entry.count();
    entry.time((performance.now() - started) / 1000);
  };
}
