import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildDatabaseApp } from '../../support/database-app.ts';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';

/**
 * Hostile but legitimate input through the whole stack on a real database (PGlite, the embedded
 * default): every one must be a 4xx in the contract's envelope, never a 500. The in-memory fake
 * would accept some of these (a NUL in a name) that PostgreSQL cannot store.
 */
let database: Database;
let app: Hono;
let existingId: string;
/** The bearer token of an admin that signed in through the API, on this same database. */
let adminToken: string;
const ADMIN = { email: 'admin@example.com', password: 'an admin password' };

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  const built = await buildDatabaseApp(database);
  app = built.app;
  const { useCases } = built;
  await useCases.ensureAdmin.execute(ADMIN);
  const login = await send('POST', '/api/auth/login', ADMIN);
  expect(login.status).toBe(200);
  adminToken = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
  const created = await send('POST', '/api/users', { name: 'Existing', email: 'existing@example.com' });
  existingId = ((await created.json()) as { data: { id: string } }).data.id;
});

afterAll(async () => {
  await database?.close();
});

/** Sends `body` as JSON, as the signed-in admin unless `token` is null. */
async function send(method: string, path: string, body?: unknown, token: string | null = adminToken): Promise<Response> {
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function expectValidationError(res: Response, field: string): Promise<void> {
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; fields?: Record<string, string> } };
  expect(error.code).toBe('VALIDATION_ERROR');
  expect(Object.keys(error.fields ?? {})).toContain(field);
}

describe('hostile input on the real database', () => {
  it.each([
    ['a NUL in a name', { name: 'a\u0000b', email: 'nul@example.com' }, 'name'],
    ['a NUL in an email', { name: 'x', email: 'a\u0000b@example.com' }, 'email'],
    ['an escape character in a name', { name: 'a\u001b[31mred', email: 'esc@example.com' }, 'name'],
    ['a lone surrogate in a name', { name: 'a\ud800b', email: 'sur@example.com' }, 'name'],
    ['a name of zero-width spaces only', { name: '\u200b\u200b', email: 'zw@example.com' }, 'name'],
    ['an email with a zero-width space, to pass for another', { name: 'x', email: 'root\u200b@example.com' }, 'email'],
    ['an email with a soft hyphen', { name: 'x', email: 'ro\u00adot@example.com' }, 'email'],
  ])('refuses %s on create as a 400 on that field', async (_why, body, field) => {
    await expectValidationError(await send('POST', '/api/users', body), field);
  });

  it.each([
    ['a NUL', 'a\u0000@example.com'],
    ['an escape character', 'a\u001b@example.com'],
    ['a lone surrogate', 'a\ud800@example.com'],
  ])('answers a sign-in with %s in the email as an unknown email: 401, never a 500', async (_why, email) => {
    const res = await send('POST', '/api/auth/login', { email, password: 'whatever-it-is' }, null);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Invalid email or password');
  });

  it('refuses a NUL in a PATCH and leaves the row as it was', async () => {
    await expectValidationError(await send('PATCH', `/api/users/${existingId}`, { name: 'a\u0000' }), 'name');
    const res = await send('GET', `/api/users/${existingId}`);
    expect(((await res.json()) as { data: { name: string } }).data.name).toBe('Existing');
    expect(res.headers.get('ETag')).toBe('"v1"');
  });

  it('refuses a NUL in a search as a 400 on search', async () => {
    await expectValidationError(await send('GET', '/api/users?search=a%00b'), 'search');
  });

  it('names an unknown property called __proto__ in fields', async () => {
    // Raw text: a JavaScript object literal cannot carry an own `__proto__` key through JSON.stringify.
    const raw = await app.request('/api/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: '{"name":"D","email":"p@example.com","__proto__":{"role":"admin"}}',
    });
    await expectValidationError(raw, '__proto__');
    await expectValidationError(await send('GET', '/api/users?__proto__=1'), '__proto__');
  });

  it.each([
    ['GET', () => `/api/users/${existingId}?foo=1`, undefined],
    ['POST', () => '/api/users?dryRun=1', { name: 'Q', email: 'q@example.com' }],
    ['PATCH', () => `/api/users/${existingId}?force=true`, { name: 'Renamed' }],
    ['DELETE', () => `/api/users/${existingId}?force=true`, undefined],
  ])('refuses an unknown query parameter on %s, naming it, and changes nothing', async (method, path, body) => {
    const res = await send(method, path(), body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields)).toHaveLength(1);
    const still = await send('GET', `/api/users/${existingId}`);
    expect(((await still.json()) as { data: { name: string } }).data.name).toBe('Existing');
  });

  it('answers 404 for a malformed id before looking at the body or query', async () => {
    for (const [method, body] of [['PATCH', { zzz: 1 }], ['PUT', { nonsense: true }], ['DELETE', undefined]] as const) {
      const res = await send(method, '/api/users/nope?foo=1', body);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('User not found');
    }
  });

  it('answers 401 to an anonymous caller before the id, query or body is looked at', async () => {
    for (const [method, body] of [['GET', undefined], ['PATCH', { zzz: 1 }], ['PUT', { nonsense: true }], ['DELETE', undefined]] as const) {
      const res = await send(method, '/api/users/nope?foo=1', body, null);
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toContain('Bearer');
    }
  });
});
