import { describe, expect, it, vi } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';


describe('GET /livez', () => {
  it('answers 200 without asking any dependency, even when readiness would fail', async () => {
    const readiness = vi.fn(async () => {
      throw new Error('database down');
    });
    const t = buildHttpApp({ readiness });
    const res = await t.request('GET', '/livez');
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ data: { status: 'ok' } });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(readiness).not.toHaveBeenCalled();
  });
});

describe('GET /readyz', () => {
  it('answers 200 with the checks when ready', async () => {
    const t = buildHttpApp({ readiness: async () => ({ ready: true, checks: { database: 'up', cache: 'degraded' } }) });
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ data: { status: 'ready', checks: { database: 'up', cache: 'degraded' } } });
  });

  it('answers 503 SERVICE_UNAVAILABLE naming the dependencies that are down, and only those', async () => {
    const t = buildHttpApp({
      readiness: async () => ({ ready: false, checks: { database: 'down', redis: 'up', nats: 'down' } }),
    });
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(503);
    const { error } = await body(res);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('Not ready: database down, nats down');
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('answers 503, without the internal message, when the check itself throws', async () => {
    const t = buildHttpApp({
      readiness: async () => {
        throw new Error('password authentication failed for user "svc" at 10.0.0.7');
      },
    });
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(JSON.stringify(await body(res))).not.toMatch(/10\.0\.0\.7|password/);
    expect(t.logs.some((line) => line.msg === 'readiness check failed')).toBe(true);
  });

  it('answers 503 when the check hangs past the timeout, instead of hanging the probe', async () => {
    const t = buildHttpApp({ readiness: () => new Promise(() => {}), readinessTimeoutMs: 20 });
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(503);
  });

  it('answers 503 once shutdown begins, while the rest keeps serving', async () => {
    const shutdown = new AbortController();
    const readiness = vi.fn(async () => ({ ready: true, checks: { database: 'up' as const } }));
    const t = buildHttpApp({ readiness, shutdownSignal: shutdown.signal });
    expect((await t.request('GET', '/readyz')).status).toBe(200);
    shutdown.abort();
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(503);
    expect((await body(res)).error).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Not ready: shutting down' });
    expect(readiness).toHaveBeenCalledTimes(1);
    expect((await t.request('GET', '/livez')).status).toBe(200);
    expect((await t.request('GET', '/api/users')).status).toBe(200);
  });
});
