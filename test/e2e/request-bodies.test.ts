import { describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';

/**
 * A request with a body exactly as given (t.request always sends JSON), signed in as the seeded
 * admin: the guard comes before any body check, so an anonymous request would stop at the 401.
 */
async function raw(t: TestApp, method: string, path: string, payload: RequestInit['body'], headers: Record<string, string> = {}) {
  const authorization = `Bearer ${await t.tokenFor(t.admin)}`;
  return t.app.request(path, { method, body: payload, headers: { Authorization: authorization, ...headers }, duplex: 'half' } as RequestInit);
}

/** The stored ids: only the seeded admin until a create succeeds. */
const storedIds = (t: TestApp) => [...t.uow.users.rows.keys()];

/** A body of unknown length: no Content-Length, sent in chunks, like Transfer-Encoding: chunked. */
function streamOf(text: string, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunkSize));
      at += chunkSize;
    },
  });
}

describe('400 VALIDATION_ERROR from the schemas', () => {
  it('names every unknown body property in fields', async () => {
    const t = buildHttpApp();
    const res = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'a@example.com', isAdmin: true, version: 9 } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields).sort()).toEqual(['isAdmin', 'version']);
    expect(error.fields.isAdmin).toBe('"isAdmin" is not a known property');
  });

  it('names wrong types, bad enum values and missing fields, all at once', async () => {
    const t = buildHttpApp();
    const res = await t.request('POST', '/api/users', { json: { name: 42, status: 'deleted', role: ['admin'] } });
    const { error } = await body(res);
    expect(res.status).toBe(400);
    expect(error.fields).toEqual({
      name: 'Name must be a string',
      email: 'Email is required',
      status: 'Status must be one of active, inactive, suspended',
      role: 'Role must be one of admin, member',
    });
  });

  it('rejects a body that is not an object, without fields', async () => {
    const res = await buildHttpApp().request('POST', '/api/users', { json: [{ name: 'Ada' }] });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error).toEqual({ code: 'VALIDATION_ERROR', message: 'Request body must be an object' });
  });

  it('applies the same strictness to PUT and PATCH', async () => {
    const t = buildHttpApp();
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const patch = await t.request('PATCH', `/api/users/${user.id}`, { json: { id: 'other', createdAt: 'x' } });
    expect(patch.status).toBe(400);
    expect(Object.keys((await body(patch)).error.fields).sort()).toEqual(['createdAt', 'id']);
  });
});

describe('400 VALIDATION_ERROR from the domain', () => {
  it('reports the invariants (trimmed name, email format, password length) with fields', async () => {
    const res = await buildHttpApp().request('POST', '/api/users', { json: { name: '   ', email: 'not-an-email', password: 'short' } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields).sort()).toEqual(['email', 'name', 'password']);
  });

  it('counts name length in characters after trimming, as the domain does', async () => {
    const t = buildHttpApp();
    expect((await t.request('POST', '/api/users', { json: { name: `  ${'😀'.repeat(100)}  `, email: 'e@example.com' } })).status).toBe(201);
    const long = await t.request('POST', '/api/users', { json: { name: 'x'.repeat(101), email: 'f@example.com' } });
    expect(long.status).toBe(400);
    expect((await body(long)).error.fields).toHaveProperty('name');
  });
});

describe('400 BAD_REQUEST for unparseable JSON', () => {
  it.each([['{"name":'], ['{name: "Ada"}'], ['']])('%j', async (text) => {
    const t = buildHttpApp();
    const res = await raw(t, 'POST', '/api/users', text, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({ error: { code: 'BAD_REQUEST', message: 'Request body is not valid JSON' } });
  });

  it('on PUT and PATCH too', async () => {
    const t = buildHttpApp();
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    for (const method of ['PUT', 'PATCH']) {
      const res = await raw(t, method, `/api/users/${user.id}`, '{', { 'Content-Type': 'application/json' });
      expect((await body(res)).error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('415 UNSUPPORTED_MEDIA_TYPE', () => {
  const valid = JSON.stringify({ name: 'Ada', email: 'ada@example.com' });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['application/jsonp'], [null]])(
    'refuses a POST body sent as %s, before validating it, and creates nothing',
    async (type) => {
      const t = buildHttpApp();
      const res = await raw(t, 'POST', '/api/users', valid, type ? { 'Content-Type': type } : {});
      expect(res.status).toBe(415);
      expect((await body(res)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(storedIds(t)).toEqual([t.admin.id]);
    },
  );

  it('refuses PUT and PATCH bodies that are not JSON', async () => {
    const t = buildHttpApp();
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    expect((await raw(t, 'PATCH', `/api/users/${user.id}`, '{"name":"B"}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await raw(t, 'PUT', `/api/users/${user.id}`, null)).status).toBe(415);
  });

  it.each([['application/json; charset=utf-8'], ['APPLICATION/JSON'], ['application/merge-patch+json'], ['application/vnd.users.v1+json']])(
    'accepts %s',
    async (type) => {
      const res = await raw(buildHttpApp(), 'POST', '/api/users', valid, { 'Content-Type': type });
      expect(res.status).toBe(201);
    },
  );
});

describe('bodies that are not plain UTF-8 JSON', () => {
  const valid = JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'long-enough-password' });

  it.each([['gzip'], ['br'], ['deflate, gzip']])('refuses Content-Encoding: %s with 415 (nothing here decompresses), creating nothing', async (encoding) => {
    const t = buildHttpApp();
    // Plain JSON mislabelled as compressed: accepting it would apply what the client did not mean to send.
    const res = await raw(t, 'POST', '/api/users', valid, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
    expect(res.status).toBe(415);
    expect((await body(res)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(storedIds(t)).toEqual([t.admin.id]);
  });

  it('accepts Content-Encoding: identity', async () => {
    const res = await raw(buildHttpApp(), 'POST', '/api/users', valid, { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' });
    expect(res.status).toBe(201);
  });

  it('refuses bytes that are not UTF-8 with 400 BAD_REQUEST, rather than storing U+FFFD', async () => {
    const t = buildHttpApp();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"a'), 0xff, 0xfe, ...new TextEncoder().encode('","email":"u@example.com","password":"long-enough-password"}')]);
    const res = await raw(t, 'POST', '/api/users', bytes, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toEqual({ code: 'BAD_REQUEST', message: 'Request body is not valid UTF-8' });
    expect(storedIds(t)).toEqual([t.admin.id]);
  });
});

describe('413 PAYLOAD_TOO_LARGE', () => {
  const oversized = JSON.stringify({ name: 'x'.repeat(1024 * 1024), email: 'big@example.com' });

  it('refuses a body over 1 MiB announced by Content-Length, by default', async () => {
    const t = buildHttpApp();
    const res = await raw(t, 'POST', '/api/users', oversized, {
      'Content-Type': 'application/json',
      'Content-Length': String(oversized.length),
    });
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a streamed body of unknown length once it passes the limit', async () => {
    const t = buildHttpApp();
    const request = new Request('http://localhost/api/users', {
      method: 'POST',
      body: streamOf(oversized),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await t.tokenFor(t.admin)}` },
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.has('Content-Length')).toBe(false);
    const res = await t.app.request(request);
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(storedIds(t)).toEqual([t.admin.id]);
  });

  it('passes a streamed body under the limit through to validation', async () => {
    const t = buildHttpApp({ bodyLimitBytes: 200 });
    const json = JSON.stringify({ name: 'Streamed', email: 'stream@example.com' });
    const res = await raw(t, 'POST', '/api/users', streamOf(json, 8), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(201);
    const tooBig = await raw(t, 'POST', '/api/users', streamOf(JSON.stringify({ name: 'y'.repeat(300), email: 'b@example.com' }), 8), {
      'Content-Type': 'application/json',
    });
    expect(tooBig.status).toBe(413);
  });

  it('honours a configured limit exactly', async () => {
    const t = buildHttpApp({ bodyLimitBytes: 64 });
    const fits = JSON.stringify({ name: 'Ada', email: 'ada@example.com' }); // well under 64 bytes
    const over = JSON.stringify({ name: 'A'.repeat(60), email: 'ada@example.com' });
    expect((await raw(t, 'POST', '/api/users', fits, { 'Content-Type': 'application/json', 'Content-Length': String(fits.length) })).status).toBe(201);
    expect((await raw(t, 'POST', '/api/users', over, { 'Content-Type': 'application/json', 'Content-Length': String(over.length) })).status).toBe(413);
  });
});

describe('the guard comes before any body check', () => {
  // Nothing about a body is looked at for a caller who is not signed in: not its media type, size or JSON.
  it.each([
    ['text/plain', '{"name":"Ada","email":"ada@example.com"}'],
    ['application/json', '{"name":'],
    ['application/json', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), email: 'big@example.com' })],
  ])('answers an anonymous %s body with 401 and stores nothing', async (type, payload) => {
    const t = buildHttpApp();
    const res = await t.app.request('/api/users', { method: 'POST', body: payload, headers: { 'Content-Type': type } });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toContain('Bearer');
    expect(storedIds(t)).toEqual([t.admin.id]);
  });
});
