import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError, onNotFound } from '../../../../../src/adapters/http/error-handler.ts';
import { JSON_CONTENT_TYPE } from '../../../../../src/adapters/http/json-response.ts';
import { securityHeaders } from '../../../../../src/adapters/http/middleware/security-headers.ts';
import { NotFoundError } from '../../../../../src/domain/errors.ts';

const EVERY_RESPONSE = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

function appWithSecurityHeaders() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use(securityHeaders());
  app.get('/', (c) => c.json({ ok: true }));
  app.get('/missing', () => {
    throw new NotFoundError('User not found');
  });
  app.get('/page', (c) => {
    c.header('Content-Security-Policy', "default-src 'self'");
    return c.html('<p>docs</p>');
  });
  app.get('/raw', () => new Response('{}', { headers: { 'Content-Type': 'Application/JSON' } }));
  app.get('/raw-charset', () => new Response('{}', { headers: { 'Content-Type': 'application/json;charset=UTF-8' } }));
  app.get('/problem', () => new Response('{}', { headers: { 'Content-Type': 'application/problem+json' } }));
  app.get('/csv', (c) => c.body('a,b\n', 200, { 'Content-Type': 'text/csv; charset=utf-8' }));
  return app;
}

function securityHeadersOf(res: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(EVERY_RESPONSE).map((name) => [name, res.headers.get(name)]));
}

describe('securityHeaders', () => {
  it.each([
    ['a success', '/', 200],
    ['a thrown domain error', '/missing', 404],
    ['an unmatched route', '/nowhere', 404],
    ['a response built without the c.* helpers', '/raw', 200],
  ])('sets nosniff, no-referrer and a deny-all CSP on %s, and no X-Powered-By', async (_case, path, status) => {
    const res = await appWithSecurityHeaders().request(path);
    expect(res.status).toBe(status);
    expect(securityHeadersOf(res)).toEqual(EVERY_RESPONSE);
    expect(res.headers.has('X-Powered-By')).toBe(false);
  });

  it("leaves a route's own header in place (the docs page's CSP)", async () => {
    const res = await appWithSecurityHeaders().request('/page');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it.each(['/raw', '/raw-charset'])('names plain JSON (%s) with the contract media type', async (path) => {
    const res = await appWithSecurityHeaders().request(path);
    expect(res.headers.get('Content-Type')).toBe(JSON_CONTENT_TYPE);
    expect(await res.text()).toBe('{}');
  });

  it('leaves other media types as they are, +json ones included', async () => {
    const app = appWithSecurityHeaders();
    for (const [path, type] of [
      ['/problem', 'application/problem+json'],
      ['/csv', 'text/csv; charset=utf-8'],
    ] as const) {
      const res = await app.request(path);
      expect(res.headers.get('Content-Type')).toBe(type);
      expect(securityHeadersOf(res)).toEqual(EVERY_RESPONSE);
    }
  });
});
