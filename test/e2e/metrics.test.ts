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

describe('GET /metrics is not public when configured so', () => {
  const TOKEN = 'a-metrics-token-of-some-length';

  it('needs METRICS_TOKEN as a bearer token: 401 in the envelope with a challenge, else 200', async () => {
    const t = buildHttpApp({ metricsAccess: { token: TOKEN } });
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, `Basic ${btoa(`x:${TOKEN}`)}`]) {
      const res = await t.app.request('/metrics', { headers: authorization ? { Authorization: authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="metrics"/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    // An access token is no metrics token, even an admin's.
    expect((await t.request('GET', '/metrics')).status).toBe(401);
    const res = await t.app.request('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('http_requests_total');
  });

  it('answers 404 when hidden (METRICS_PORT, or production without either)', async () => {
    const t = buildHttpApp({ metricsAccess: 'hidden' });
    const res = await t.request('GET', '/metrics', { as: null });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('is documented with its 401 and its 404', async () => {
    const t = buildHttpApp();
    const doc = (await (await t.request('GET', '/openapi.json', { as: null })).json()) as { paths: Record<string, { get: { responses: Record<string, unknown>; description: string } }> };
    const op = doc.paths['/metrics']?.get;
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(op?.description).toMatch(/METRICS_TOKEN/);
  });
});
