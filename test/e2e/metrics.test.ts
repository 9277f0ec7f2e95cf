import { describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi } from '../support/http-app.ts';

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    if (wanted.every((pair) => labelText.split(',').includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('counts requests and their latency by route pattern, method and status', async () => {
    const t = buildHttpApp();
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    await t.request('GET', `/api/users/${user.id}`);
    await t.request('GET', `/api/users/${user.id}`);
    await t.request('GET', '/api/users/01900000-0000-7000-8000-000000000000');
    await t.request('GET', '/no/such/route');

    const res = await t.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const text = await res.text();
    // The route pattern, never the raw path: ids would make the label set unbounded.
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/users/:id', status: '200' })).toBe(2);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/users/:id', status: '404' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/users', status: '201' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/users/:id', status: '200' })).toBe(2);
    expect(text).not.toContain(user.id);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps the counters of two apps apart', async () => {
    const first = buildHttpApp();
    const second = buildHttpApp();
    await first.request('GET', '/livez');
    const text = await (await second.request('GET', '/metrics')).text();
    expect(sample(text, 'http_requests_total', { route: '/livez' })).toBeUndefined();
  });
});
