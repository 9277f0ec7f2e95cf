import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/domain/errors.ts';
import { aUser } from '../support/builders.ts';
import { ResponseDriftError } from '../support/document-checked-app.ts';
import { buildHttpApp } from '../support/http-app.ts';
import type { Json } from '../support/json.ts';
import { OpenApiResponses } from '../support/openapi-responses.ts';

// The e2e apps (buildHttpApp) check every response against /openapi.json; these prove the check bites.
const t = buildHttpApp();
const document = (await (await t.app.request('/openapi.json')).json()) as Json;
const documented = new OpenApiResponses(document);
const USER = `/api/users/${t.admin.id}`;

/** A real answer, with its body and headers changed as a drifting service would change them. */
async function drifted(method: string, path: string, change: { body?: (json: Json) => void; headers?: Record<string, string | null>; status?: number }) {
  const real = await t.request(method, path);
  const headers = new Headers(real.headers);
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  let text = await real.text();
  if (change.body) {
    const json = JSON.parse(text) as Json;
    change.body(json);
    text = JSON.stringify(json);
  }
  return new Response(text === '' ? null : text, { status: change.status ?? real.status, headers });
}

describe('an e2e response that drifts from the document fails the test that received it', () => {
  it('when a body breaks its schema: the error names method, path, status and the field', async () => {
    const liar = buildHttpApp({
      users: { get: { execute: async () => ({ visibility: 'full', user: { ...aUser().build(), email: 'not-an-email' } }) } as never },
    });
    const request = liar.request('GET', USER);
    await expect(request).rejects.toThrow(ResponseDriftError);
    await expect(request).rejects.toThrow(/^GET \/api\/users\/[0-9a-f-]+ -> 200 does not match \/openapi\.json:\n- body\/data\/email must match format "email"/);
  });

  it('when the status is not one the operation documents', async () => {
    const liar = buildHttpApp({ users: { list: { execute: async () => Promise.reject(new ConflictError('not documented here')) } as never } });
    await expect(liar.request('GET', '/api/users')).rejects.toThrow(/GET \/api\/users -> 409 does not match \/openapi\.json:\n- undocumented status 409 \(documented: 200, 400/);
  });

  it('and not when the answer matches: the same requests, honestly answered, pass', async () => {
    expect((await t.request('GET', USER)).status).toBe(200);
    expect((await t.request('GET', '/api/users')).status).toBe(200);
  });
});

describe('OpenApiResponses, the check behind it', () => {
  it('accepts real answers: a user, a 404 for an unknown path, a 405 for a method a path does not serve, a HEAD', async () => {
    expect(await documented.violations('GET', USER, await t.request('GET', USER))).toEqual([]);
    expect(await documented.violations('GET', '/nowhere', await t.request('GET', '/nowhere'))).toEqual([]);
    expect(await documented.violations('PUT', '/api/users', await t.request('PUT', '/api/users'))).toEqual([]);
    expect(await documented.violations('HEAD', USER, await t.request('HEAD', USER))).toEqual([]);
  });

  it('finds a missing required field and a missing required header', async () => {
    const response = await drifted('GET', USER, { body: (json) => delete json.data.createdAt, headers: { ETag: null } });
    const violations = await documented.violations('GET', USER, response);
    expect(violations).toContain('required header ETag is missing');
    expect(violations.join('\n')).toContain("body/data must have required property 'createdAt'");
  });

  it('finds an undocumented status, also where no operation is (an unknown path that answers 200)', async () => {
    expect(await documented.violations('GET', USER, await drifted('GET', USER, { status: 418 }))).toEqual([
      expect.stringMatching(/^undocumented status 418 \(documented: 200, 304, /),
    ]);
    expect(await documented.violations('GET', '/nowhere', new Response(null, { status: 200 }))).toEqual([
      'undocumented status 200 for a path the document does not have (expected 404)',
    ]);
  });

  it('finds a header that breaks its schema, an undocumented media type and a body where none is described', async () => {
    const throttled = await drifted('GET', USER, { status: 429, body: (json) => (json.error = { code: 'RATE_LIMITED', message: 'slow down' }), headers: { 'Retry-After': 'soon' } });
    expect(await documented.violations('GET', USER, throttled)).toEqual([expect.stringContaining('header Retry-After must be integer')]);
    expect(await documented.violations('GET', USER, await drifted('GET', USER, { headers: { 'Content-Type': 'text/plain' } }))).toEqual([
      'Content-Type "text/plain" is not documented (documented: application/json)',
    ]);
    const home = await t.request('GET', '/');
    const withBody = new Response('{}', { status: home.status, headers: home.headers });
    expect(await documented.violations('GET', '/', withBody)).toEqual(['a body (2 characters) where the document describes none']);
  });
});

/** A concrete path for a template: each path parameter's documented example. */
function examplePath(template: string): string {
  const item = document.paths[template] as Json;
  const parameters = (item.options.parameters ?? []) as Json[];
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => String(parameters.find((p) => p.name === name)?.example));
}

describe('every HEAD and OPTIONS the document lists answers as documented (the tests above rarely send them)', () => {
  const exchanges = Object.entries(document.paths as Record<string, Json>).flatMap(([template, item]) =>
    ['head', 'options'].filter((method) => method in item).map((method) => [method.toUpperCase(), template] as const),
  );

  it.each(exchanges)('%s %s', async (method, template) => {
    // Through the checked app: a response that does not match the document throws.
    const res = await t.request(method, examplePath(template));
    expect(Object.keys(document.paths[template][method.toLowerCase()].responses)).toContain(String(res.status));
  });
});
