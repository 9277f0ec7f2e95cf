import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import type { Json } from '../support/json.ts';

/** The document says exactly what the wire does: required headers, id formats, sort patterns, array bounds. */
const app = buildHttpApp().app;
const document = (await (await app.request('/openapi.json')).json()) as Json;
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;

/** Every operation as [path, method, operation]. */
const operations: [string, string, Json][] = Object.entries(document.paths as Json).flatMap(([path, item]) =>
  METHODS.filter((method) => method in item).map((method): [string, string, Json] => [path, method, (item as Json)[method] as Json]),
);
const resolve = (response: Json): Json => {
  const ref = response.$ref as string | undefined;
  return ref ? (document.components.responses[ref.replace('#/components/responses/', '')] as Json) : response;
};
const headersOf = (response: Json): string[] => Object.keys(resolve(response).headers ?? {});

describe('response headers always sent are required', () => {
  it('X-Request-Id, RateLimit, RateLimit-Policy, ETag and Location are required header components', () => {
    for (const name of ['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'ETag', 'Location']) expect(document.components.headers[name].required, name).toBe(true);
    for (const name of ['Idempotent-Replayed', 'Retry-After', 'Allow', 'WWW-Authenticate']) expect(document.components.headers[name].required ?? false, name).toBe(false);
  });

  it('every response declares X-Request-Id; every /api response, errors and OPTIONS included, the rate-limit fields; no other response does', () => {
    for (const [path, method, op] of operations) {
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const headers = headersOf(response as Json);
        const where = `${method.toUpperCase()} ${path} ${status}`;
        expect(headers, where).toContain('X-Request-Id');
        if (path.startsWith('/api/')) expect(headers, where).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']));
        else expect(headers.filter((h) => h.startsWith('RateLimit')), where).toEqual([]);
      }
    }
  });

  it('the shared error responses come in two kinds: with the rate-limit fields for /api, without them elsewhere', () => {
    const responses = document.components.responses as Json;
    expect(Object.keys(responses.NotFound.headers)).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']));
    expect(Object.keys(responses.NotFoundOutsideApi.headers)).toEqual(['X-Request-Id']);
    expect(Object.keys(responses.UnauthorizedOutsideApi.headers)).toEqual(['X-Request-Id', 'WWW-Authenticate']);
    expect(document.paths['/metrics'].get.responses['401']).toEqual({ $ref: '#/components/responses/UnauthorizedOutsideApi' });
    expect(document.paths['/readyz'].get.responses['503']).toEqual({ $ref: '#/components/responses/ServiceUnavailableOutsideApi' });
  });

  it('ETag on the reads and writes that always send it; Location on every 201 and the export 202', () => {
    const etagged = [
      ['/api/users', 'post', '201'],
      ['/api/users/{id}', 'get', '200'],
      ['/api/users/{id}', 'get', '304'],
      ['/api/users/{id}', 'put', '200'],
      ['/api/users/{id}', 'patch', '200'],
      ['/api/posts', 'post', '201'],
      ['/api/posts/{id}', 'get', '200'],
      ['/api/posts/{id}', 'patch', '200'],
      ['/api/auth/me', 'get', '200'],
      ['/api/auth/register', 'post', '201'],
    ] as const;
    for (const [path, method, status] of etagged) expect(headersOf(document.paths[path][method].responses[status]), `${method} ${path} ${status}`).toContain('ETag');
    const created = operations.flatMap(([path, method, op]) => Object.entries(op.responses as Json).filter(([status]) => status === '201' || (status === '202' && path === '/api/users/exports')).map(([status, r]) => [`${method} ${path} ${status}`, r as Json] as const));
    expect(created.length).toBeGreaterThanOrEqual(4);
    for (const [where, response] of created) expect(headersOf(response), where).toContain('Location');
  });

  it('on the wire: X-Request-Id everywhere, the rate-limit fields on /api only', async () => {
    const livez = await app.request('/livez');
    expect(livez.headers.get('x-request-id')).toBeTruthy();
    expect(livez.headers.get('ratelimit')).toBeNull();
    const missing = await app.request('/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ratelimit')).toBeNull();
    const unauthorized = await app.request('/api/users');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('ratelimit')).toBeTruthy();
    expect(unauthorized.headers.get('ratelimit-policy')).toBeTruthy();
    const options = await app.request('/api/users', { method: 'OPTIONS' });
    expect(options.headers.get('ratelimit')).toBeTruthy();
  });
});

describe('path ids', () => {
  it('every {id} path parameter, on every operation, is a uuid with an example', () => {
    const ids = operations.filter(([path]) => path.includes('{id}'));
    expect(new Set(ids.map(([path]) => path.split('/')[2]))).toEqual(new Set(['users', 'posts', 'jobs', 'auth']));
    for (const [path, method, op] of ids) {
      const id = (op.parameters as Json[]).find((p) => p.in === 'path' && p.name === 'id');
      expect(id?.schema.format, `${method} ${path}`).toBe('uuid');
      expect(id?.example, `${method} ${path}`).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('sort', () => {
  const sortOf = (path: string) => (document.paths[path].get.parameters as Json[]).find((p) => p.name === 'sort') as Json;

  it('has a pattern admitting exactly the allowed fields, each optionally descending, and an example it admits', () => {
    const users = new RegExp(sortOf('/api/users').schema.pattern as string, 'u');
    for (const ok of ['name', '-createdAt,name', 'email,-updatedAt', ' -name , email']) expect(users.test(ok), ok).toBe(true);
    for (const bad of ['', 'title', 'name,', ',name', '--name', 'name;email', '+name', 'nameemail']) expect(users.test(bad), bad).toBe(false);
    expect(users.test(sortOf('/api/users').example as string)).toBe(true);
    for (const path of ['/api/posts', '/api/users/{id}/posts']) {
      const posts = new RegExp(sortOf(path).schema.pattern as string, 'u');
      expect(posts.test('-createdAt,title')).toBe(true);
      expect(posts.test('email')).toBe(false);
      expect(posts.test(sortOf(path).example as string)).toBe(true);
    }
  });

  it('the validator agrees: what the pattern refuses is a 400 on sort, what it admits is not', async () => {
    const t = buildHttpApp();
    expect((await t.request('GET', '/api/users?sort=-createdAt,name')).status).toBe(200);
    expect((await t.request('GET', '/api/users?sort=title')).status).toBe(400);
  });
});

describe('the JWK Set', () => {
  it('describes its keys, and the served keys fit the description', async () => {
    const schema = document.paths['/.well-known/jwks.json'].get.responses['200'].content['application/json'].schema as Json;
    const key = schema.properties.keys.items as Json;
    expect(Object.keys(key.properties)).toEqual(['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use']);
    expect(key.required).toEqual(['kty', 'crv', 'x', 'kid', 'alg', 'use']);
    const served = (await (await app.request('/.well-known/jwks.json')).json()) as Json;
    expect(served.keys.length).toBeGreaterThan(0);
    for (const jwk of served.keys as Json[]) {
      for (const name of key.required as string[]) expect(jwk, name).toHaveProperty(name);
      for (const name of Object.keys(jwk)) expect(Object.keys(key.properties)).toContain(name);
      for (const name of ['kty', 'crv', 'alg']) expect(key.properties[name].enum).toContain(jwk[name]);
      expect(jwk.use).toBe(key.properties.use.const);
    }
  });
});

describe('array bounds', () => {
  it('embedded posts are at most 10; list pages at most 100', () => {
    const schemas = document.components.schemas as Json;
    expect(schemas.User.properties.posts.maxItems).toBe(10);
    expect(schemas.PublicProfile.properties.posts.maxItems).toBe(10);
    for (const path of ['/api/users', '/api/posts', '/api/users/{id}/posts']) {
      let envelope = document.paths[path].get.responses['200'].content['application/json'].schema as Json;
      if (envelope.$ref) envelope = schemas[(envelope.$ref as string).replace('#/components/schemas/', '')] as Json;
      expect(envelope.properties.data.maxItems, path).toBe(100);
    }
  });
});

describe('OPTIONS', () => {
  it('under /api documents the 429 of the rate limit; elsewhere not', () => {
    for (const [path, method, op] of operations.filter(([, method]) => method === 'options')) {
      if (path.startsWith('/api/')) expect(op.responses['429'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/RateLimited' });
      else expect(op.responses['429'], path).toBeUndefined();
    }
  });
});
