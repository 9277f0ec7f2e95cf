import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError, onNotFound } from '../../../../../src/adapters/http/error-handler.ts';
import { REQUEST_ID_HEADER, requestContext } from '../../../../../src/adapters/http/middleware/request-context.ts';
import { collectingLogger, errorOf } from './middleware-kit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function appWithRequestContext() {
  const { logger, lines } = collectingLogger();
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use(requestContext(logger));
  app.get('/', (c) => {
    c.get('logger').info('inside the handler');
    return c.json({ requestId: c.get('requestId') });
  });
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/not-an-error', () => {
    throw 'a string';
  });
  app.get('/raw', () => new Response('built by hand'));
  return { app, lines };
}

describe('requestContext', () => {
  it.each(['abc-123', 'trace.id:42_x', 'A'.repeat(128), '0190a6f0-1234-7abc-8def-0123456789ab'])('echoes a sane X-Request-Id %j, and gives it to the handler and its logger', async (given) => {
    const { app, lines } = appWithRequestContext();
    const res = await app.request('/', { headers: { [REQUEST_ID_HEADER]: given } });
    expect(res.status).toBe(200);
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe(given);
    expect(await res.json()).toEqual({ requestId: given });
    expect(lines).toEqual([expect.objectContaining({ msg: 'inside the handler', requestId: given })]);
  });

  it.each(['', 'has space', 'semi;colon', '<script>', 'x'.repeat(129), 'caf\u00E9'])('replaces an insane X-Request-Id %j with a fresh UUID', async (given) => {
    const { app, lines } = appWithRequestContext();
    const res = await app.request('/', { headers: { [REQUEST_ID_HEADER]: given } });
    const id = res.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(UUID);
    expect(id).not.toBe(given);
    expect(await res.json()).toEqual({ requestId: id });
    expect(lines[0]?.requestId).toBe(id);
  });

  it('gives a request without an id a fresh one, another per request', async () => {
    const { app } = appWithRequestContext();
    const first = (await app.request('/')).headers.get(REQUEST_ID_HEADER);
    const second = (await app.request('/')).headers.get(REQUEST_ID_HEADER);
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
  });

  it('stamps the id on an error answered by onError, and onError logs through the request logger', async () => {
    const { app, lines } = appWithRequestContext();
    const res = await app.request('/boom', { headers: { [REQUEST_ID_HEADER]: 'err-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe('err-1');
    expect(await errorOf(res)).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(lines).toEqual([expect.objectContaining({ msg: 'unhandled error', requestId: 'err-1' })]);
  });

  it('answers a thrown non-Error as a 500 INTERNAL_ERROR carrying the id, instead of a bare rejection', async () => {
    const { app, lines } = appWithRequestContext();
    const res = await app.request('/not-an-error', { headers: { [REQUEST_ID_HEADER]: 'odd-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe('odd-1');
    expect(await errorOf(res)).toEqual({ code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' });
    expect(lines).toEqual([expect.objectContaining({ msg: 'unhandled error', requestId: 'odd-1' })]);
  });

  it('stamps the id on a 404 and on a response built without the c.* helpers', async () => {
    const { app } = appWithRequestContext();
    const missing = await app.request('/nowhere', { headers: { [REQUEST_ID_HEADER]: 'nf-1' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get(REQUEST_ID_HEADER)).toBe('nf-1');
    const raw = await app.request('/raw', { headers: { [REQUEST_ID_HEADER]: 'raw-1' } });
    expect(await raw.text()).toBe('built by hand');
    expect(raw.headers.get(REQUEST_ID_HEADER)).toBe('raw-1');
  });
});
