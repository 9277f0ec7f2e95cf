import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import type { Json } from '../support/json.ts';

/**
 * The OpenAPI document tells clients which operations need a token; these tests hold it to the
 * contract's list and to what the app really does with an anonymous request.
 */

const t = buildHttpApp();
const doc = (await (await t.request('GET', '/openapi.json', { as: null })).json()) as Json;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations: { path: string; method: string; op: Json }[] = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({ path, method, op: op as Json })),
);
const byId = (id: string): Json => {
  const found = operations.find(({ op }) => op.operationId === id);
  expect(found, id).toBeDefined();
  return found?.op as Json;
};

const PROTECTED = ['listUsers', 'getUser', 'createUser', 'replaceUser', 'updateUser', 'deleteUser', 'me'];
const PUBLIC = ['register', 'login', 'refresh', 'logout', 'jwks', 'livez'];

describe('security in /openapi.json', () => {
  it('documents the auth routes and the JWKS', () => {
    const served = operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    for (const route of [
      'POST /api/auth/register',
      'POST /api/auth/login',
      'POST /api/auth/refresh',
      'POST /api/auth/logout',
      'GET /api/auth/me',
      'GET /.well-known/jwks.json',
    ]) {
      expect(served).toContain(route);
    }
  });

  it('declares the bearer scheme, and no document-wide requirement that public routes would inherit', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security ?? []).toEqual([]);
  });

  it.each(PROTECTED)('%s needs a bearer token and documents 401, and 403 exactly when it needs a permission', (id) => {
    const op = byId(id);
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(op.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    // `me` asks only for a valid token, so it can never answer 403.
    if (id === 'me') expect(op.responses).not.toHaveProperty('403');
    else expect(op.responses['403']).toEqual({ $ref: '#/components/responses/Forbidden' });
  });

  it.each(PUBLIC)('%s is public: security []', (id) => {
    expect(byId(id).security).toEqual([]);
  });

  it('documents the WWW-Authenticate challenge on the 401', () => {
    expect(doc.components.responses.Unauthorized.headers).toHaveProperty('WWW-Authenticate');
  });

  it('matches the app: exactly the operations documented as protected refuse an anonymous request', async () => {
    const app = buildHttpApp();
    for (const { path, method, op } of operations) {
      const url = path.replace('{id}', app.admin.id);
      const json = ['post', 'put', 'patch'].includes(method) ? {} : undefined;
      const res = await app.request(method.toUpperCase(), url, { as: null, json });
      const isProtected = (op.security as unknown[]).length > 0;
      expect(res.status === 401, `${method} ${path}: ${res.status}`).toBe(isProtected);
    }
  });
});

describe('rate limits in /openapi.json', () => {
  it('documents the 429 and the RateLimit fields on every /api operation, and neither elsewhere', () => {
    for (const { path, method, op } of operations) {
      const responses = op.responses as Record<string, Json>;
      const api = path.startsWith('/api/');
      expect('429' in responses, `${method} ${path}`).toBe(api);
      for (const [status, response] of Object.entries(responses)) {
        if (!status.startsWith('2')) continue;
        const headers = Object.keys((response.headers as Json | undefined) ?? {});
        expect(headers.includes('RateLimit-Policy') && headers.includes('RateLimit'), `${method} ${path} ${status}`).toBe(api);
      }
    }
    const headers = (doc.components as Json).headers as Record<string, Json>;
    expect(headers['RateLimit-Policy']).toBeDefined();
    expect(headers.RateLimit).toBeDefined();
  });
});
