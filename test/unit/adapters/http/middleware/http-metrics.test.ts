import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError, onNotFound } from '../../../../../src/adapters/http/error-handler.ts';
import { httpMetrics } from '../../../../../src/adapters/http/middleware/http-metrics.ts';
import { NotFoundError } from '../../../../../src/domain/errors.ts';

function appWithMetrics() {
  const registry = new Registry();
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use(httpMetrics(registry));
  app.get('/api/users/:id', (c) => {
    if (c.req.param('id') === 'missing') throw new NotFoundError('User not found');
    return c.json({ id: c.req.param('id') });
  });
  app.post('/api/users', (c) => c.json({}, 201));
  return { app, registry };
}

type Series = { labels: Record<string, string | number>; value: number; metricName?: string };

async function seriesOf(registry: Registry, name: string): Promise<Series[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []) as Series[];
}

const byLabels = (a: Series, b: Series) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels));

describe('httpMetrics', () => {
  it('counts requests by method, route pattern and status, errors and unmatched paths included', async () => {
    const { app, registry } = appWithMetrics();
    expect((await app.request('/api/users/1')).status).toBe(200);
    expect((await app.request('/api/users/2')).status).toBe(200);
    expect((await app.request('/api/users/missing')).status).toBe(404);
    expect((await app.request('/api/users', { method: 'POST' })).status).toBe(201);
    expect((await app.request('/nowhere')).status).toBe(404);
    expect((await app.request('/api/users/1/elsewhere')).status).toBe(404);
    const counts = (await seriesOf(registry, 'http_requests_total')).map(({ labels, value }) => ({ labels, value })).sort(byLabels);
    expect(counts).toEqual(
      [
        { labels: { method: 'GET', route: '/api/users/:id', status: '200' }, value: 2 },
        { labels: { method: 'GET', route: '/api/users/:id', status: '404' }, value: 1 },
        { labels: { method: 'POST', route: '/api/users', status: '201' }, value: 1 },
        { labels: { method: 'GET', route: 'unmatched', status: '404' }, value: 2 },
      ].sort(byLabels),
    );
  });

  it('labels by the pattern only, so ids never become series', async () => {
    const { app, registry } = appWithMetrics();
    for (let i = 0; i < 20; i++) await app.request(`/api/users/${crypto.randomUUID()}`);
    const counts = await seriesOf(registry, 'http_requests_total');
    expect(counts).toEqual([expect.objectContaining({ labels: { method: 'GET', route: '/api/users/:id', status: '200' }, value: 20 })]);
  });

  it('times every request in the latency histogram under the same labels', async () => {
    const { app, registry } = appWithMetrics();
    await app.request('/api/users/1');
    await app.request('/api/users/missing');
    await app.request('/api/users/missing');
    const counts = (await seriesOf(registry, 'http_request_duration_seconds'))
      .filter((series) => series.metricName === 'http_request_duration_seconds_count')
      .map(({ labels, value }) => ({ labels, value }))
      .sort(byLabels);
    expect(counts).toEqual([
      { labels: { method: 'GET', route: '/api/users/:id', status: '200' }, value: 1 },
      { labels: { method: 'GET', route: '/api/users/:id', status: '404' }, value: 2 },
    ]);
    const sums = (await seriesOf(registry, 'http_request_duration_seconds')).filter((series) => series.metricName === 'http_request_duration_seconds_sum');
    for (const sum of sums) expect(sum.value).toBeGreaterThanOrEqual(0);
  });
});
