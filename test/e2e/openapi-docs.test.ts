import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/adapters/http/app.ts';
import { servedMethods } from '../../src/adapters/http/method-routing.ts';
import { buildHttpApp } from '../support/http-app.ts';
import { runDocsInit } from './fake-dom.ts';
import type { Json } from '../support/json.ts';


async function openApi(): Promise<Json> {
  const res = await buildHttpApp().request('GET', '/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  return (await res.json()) as Json;
}

const HTTP_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

function operations(doc: Json): [string, string, Json][] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => [path, method, op as Json] as [string, string, Json]),
  );
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref') out.push(item as string);
      else refsIn(item, out);
    }
  }
  return out;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document of exactly the routes the app serves, HEAD and OPTIONS included', async () => {
    const doc = await openApi();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const served = [...servedMethods(buildHttpApp().app)].flatMap(([path, methods]) =>
      methods.map((m) => `${m.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = operations(doc).map(([path, method]) => `${method} ${path}`);
    expect(documented.sort()).toEqual(served.sort());
    expect(served).toContain('delete /api/users/{id}');
    expect(served).toContain('options /readyz');
  });

  it('resolves every $ref, and gives every operation a unique id and responses', async () => {
    const doc = await openApi();
    for (const ref of refsIn(doc)) {
      const target = ref.slice(2).split('/').reduce<Json | undefined>((node, key) => node?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    const ids = operations(doc).map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, , op] of operations(doc)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
  });

  it('documents the error envelope and every status of the contract that applies', async () => {
    const doc = await openApi();
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    const statuses = new Set(operations(doc).flatMap(([, , op]) => Object.keys(op.responses)));
    for (const status of ['200', '201', '204', '400', '404', '409', '412', '413', '415', '429', '500', '503']) expect(statuses).toContain(status);
    expect(doc.components.responses.MethodNotAllowed.headers).toHaveProperty('Allow');
    expect(doc.components.responses.RateLimited.headers).toHaveProperty('Retry-After');
    expect(doc.components.responses.InternalError.description).toContain('An unexpected error occurred');
  });

  it('documents ETag, Location, If-Match and permissions on the user operations', async () => {
    const { paths } = await openApi();
    const create = paths['/api/users'].post;
    expect(Object.keys(create.responses['201'].headers)).toEqual(expect.arrayContaining(['Location', 'ETag', 'X-Request-Id']));
    expect(paths['/api/users/{id}'].get.responses['200'].headers).toHaveProperty('ETag');
    for (const method of ['put', 'patch', 'delete']) {
      const op = paths['/api/users/{id}'][method];
      expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/IfMatch' });
      expect(op.responses).toHaveProperty('412');
    }
    expect(paths['/api/users'].get['x-permission']).toBe('users:read');
    expect(create['x-permission']).toBe('users:write');
    expect(paths['/api/users/{id}'].delete['x-permission']).toBe('users:delete');
  });

  it('carries the notes of the contract: HEAD/OPTIONS, 405, name sort order', async () => {
    const { info } = await openApi();
    expect(info.description).toMatch(/HEAD.*served wherever.*GET/s);
    expect(info.description).toMatch(/OPTIONS.*204.*Allow/s);
    expect(info.description).toContain('405');
    expect(info.description).toMatch(/code point/);
  });

  it('documents exactly the query parameters and body properties the validators accept', async () => {
    const doc = await openApi();
    const t = buildHttpApp();
    const query = doc.paths['/api/users'].get.parameters.filter((p: Json) => p.in === 'query');
    expect(query.map((p: Json) => p.name).sort()).toEqual(['cursor', 'include', 'limit', 'page', 'role', 'search', 'sort', 'status']);
    const limit = query.find((p: Json) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    const status = query.find((p: Json) => p.name === 'status');
    for (const value of status.schema.enum) expect((await t.request('GET', `/api/users?status=${value}`)).status).toBe(200);

    const create = doc.components.schemas.CreateUserBody;
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(['name', 'email']);
    const every = { name: 'Ada', email: 'ada@example.com', password: 'long enough', status: 'active', role: 'admin' };
    expect(Object.keys(create.properties).sort()).toEqual(Object.keys(every).sort());
    expect((await t.request('POST', '/api/users', { json: every })).status).toBe(201);
    expect(create.properties.password.writeOnly).toBe(true);
    expect(doc.components.schemas.User.properties).not.toHaveProperty('password');
    expect(doc.components.schemas.ReplaceUserBody.required).toEqual(['name', 'email', 'status', 'role']);
    expect(doc.components.schemas.UpdateUserBody.required ?? []).toEqual([]);
  });
});

describe('request body examples', () => {
  it('gives every request body an example that its own validator accepts', async () => {
    const doc = await openApi();
    const withBody = OPERATIONS.filter((spec) => spec.body);
    expect(withBody.length).toBeGreaterThan(5);
    for (const spec of withBody) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      const schema = doc.paths[path][spec.method].requestBody.content['application/json'].schema;
      const resolved = schema.$ref ? doc.components.schemas[(schema.$ref as string).split('/').pop() as string] : schema;
      expect(resolved.examples, spec.operationId).toHaveLength(1);
      const parsed = spec.body?.safeParse(resolved.examples[0]);
      expect(parsed?.success, `${spec.operationId}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true);
    }
  });
});

describe('GET /docs', () => {
  const ASSET_LINK = /(?:src|href)="(\/docs\/assets\/[^"?]+)\?v=[\w-]+"/g;

  it('is Swagger UI as markup only: every script and style sheet is a file of its own under /docs/assets, under a CSP of self', async () => {
    const res = await buildHttpApp().request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    const csp = Object.fromEntries((res.headers.get('Content-Security-Policy') ?? '').split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(csp).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'", // Swagger UI sets style attributes; scripts stay strict
      'img-src': "'self' data:",
      'connect-src': "'self'", // try-it-out calls this service only
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z]/i); // nothing from another origin
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\son\w+=/); // no inline script, style element or handler
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    expect([...scripts, ...sheets].every((url) => url?.startsWith('/docs/assets/'))).toBe(true);
    expect([...html.matchAll(ASSET_LINK)].map((m) => m[1]).sort()).toEqual(
      ['/docs/assets/docs-init.js', '/docs/assets/docs.css', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css'],
    );
    expect(html).toContain('data-spec="/openapi.json"');
  });

  it('serves each asset the page links, from the swagger-ui-dist package or our own files, with its type and a year of caching', async () => {
    const t = buildHttpApp();
    const html = await (await t.request('GET', '/docs')).text();
    const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    const ownDir = fileURLToPath(new URL('../../src/adapters/http/docs-assets/', import.meta.url));
    for (const match of html.matchAll(ASSET_LINK)) {
      const link = match[0].split('"')[1] as string;
      const path = match[1] as string;
      const res = await t.request('GET', link);
      expect(res.status, link).toBe(200);
      const name = path.split('/').pop() as string;
      expect(res.headers.get('Content-Type')).toBe(name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const file = readFileSync(join(name.startsWith('swagger-ui') ? swaggerDir : ownDir, name));
      expect(Buffer.from(await res.arrayBuffer()).equals(file), link).toBe(true);
    }
    expect((await t.request('GET', '/docs/assets/package.json')).status).toBe(404);
    expect((await t.request('GET', '/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it("configures Swagger UI over /openapi.json without HEAD and OPTIONS, with a sidebar of tags, and leaves the document itself whole", async () => {
    const t = buildHttpApp();
    const script = await (await t.request('GET', '/docs/assets/docs-init.js')).text();
    const fetched: string[] = [];
    const { sidebar, swaggerOptions } = await runDocsInit(script, '/openapi.json', async (url) => {
      fetched.push(url);
      return (await t.request('GET', url)).json();
    });
    expect(fetched).toEqual(['/openapi.json']);
    expect(swaggerOptions).toMatchObject({ persistAuthorization: true, tryItOutEnabled: true, filter: true, deepLinking: true, validatorUrl: null });
    const given = swaggerOptions?.spec as Json;
    const methods = new Set(operations(given).map(([, method]) => method));
    expect([...methods].sort()).toEqual(['delete', 'get', 'patch', 'post', 'put']);
    expect(given).not.toHaveProperty('jsonSchemaDialect'); // Swagger UI would show a warning
    expect(given.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(sidebar.querySelector('ul')?.children.map((li) => li.textContent)).toEqual(expect.arrayContaining(['Users', 'Posts', 'Operations']));
    const doc = await openApi();
    expect(operations(doc).some(([, method]) => method === 'head')).toBe(true);
    expect(doc).toHaveProperty('jsonSchemaDialect');
  });
});

describe('GET /', () => {
  it('points to the API reference', async () => {
    const res = await buildHttpApp().request('GET', '/');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/docs');
  });
});
