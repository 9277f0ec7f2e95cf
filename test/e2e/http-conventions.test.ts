import { describe, expect, it } from 'vitest';
import type { GetUser } from '../../src/application/users/get-user.ts';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

/** A GetUser whose storage fails with a message full of internals, like a driver error would. */
function failingGet(thrown: unknown): GetUser {
  return { execute: async () => Promise.reject(thrown) } as unknown as GetUser;
}

async function errorOf(res: Response): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  return ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
}

describe('headers on every response', () => {
  const cases: [string, string, (t: TestApp) => Promise<Response>, number][] = [
    ['GET /livez', 'ok', (t) => t.request('GET', '/livez'), 200],
    ['GET /api/users', 'list', (t) => t.request('GET', '/api/users'), 200],
    ['POST invalid body', '400', (t) => t.request('POST', '/api/users', { json: { name: 1 } }), 400],
    ['unknown path', '404', (t) => t.request('GET', '/nowhere'), 404],
    ['malformed id', '404', (t) => t.request('GET', '/api/users/nope'), 404],
    ['unserved method', '405', (t) => t.request('DELETE', '/api/users'), 405],
    ['text body', '415', (t) => t.request('POST', '/api/users', { headers: { 'Content-Type': 'text/plain' } }), 415],
    ['OPTIONS', '204', (t) => t.request('OPTIONS', '/api/users'), 204],
    ['HEAD', '200', (t) => t.request('HEAD', '/api/users'), 200],
  ];

  it.each(cases)('%s (%s) carries X-Request-Id and nosniff, and no X-Powered-By', async (_name, _kind, send, status) => {
    const res = await send(buildHttpApp());
    expect(res.status).toBe(status);
    expect(res.headers.get('X-Request-Id')).toMatch(UUID);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.has('X-Powered-By')).toBe(false);
    if (status !== 204 && _name !== 'HEAD') expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  });

  it('the 500 of a failing use case carries them too', async () => {
    const t = buildHttpApp({ users: { get: failingGet(new Error('boom')) } });
    const res = await t.request('GET', `/api/users/${UNKNOWN_ID}`);
    expect(res.status).toBe(500);
    expect(res.headers.get('X-Request-Id')).toMatch(UUID);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  });
});

describe('X-Request-Id', () => {
  it('echoes a sane client id and tags every log line of the request with it', async () => {
    const t = buildHttpApp();
    const res = await t.request('GET', '/api/users', { headers: { 'X-Request-Id': 'trace-42.a:b_c' } });
    expect(res.headers.get('X-Request-Id')).toBe('trace-42.a:b_c');
    const lines = t.logs.filter((line) => line.requestId === 'trace-42.a:b_c');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/api/users', status: 200, msg: 'request completed' });
    expect(typeof lines[0]?.durationMs).toBe('number');
  });

  it.each([['has spaces'], ['x'.repeat(129)], ['semi;colon'], ['']])('replaces an unsafe id %j with a fresh UUID', async (given) => {
    const res = await buildHttpApp().request('GET', '/livez', { headers: { 'X-Request-Id': given } });
    expect(res.headers.get('X-Request-Id')).toMatch(UUID);
  });

  it('generates a different id for each request', async () => {
    const t = buildHttpApp();
    const a = (await t.request('GET', '/livez')).headers.get('X-Request-Id');
    const b = (await t.request('GET', '/livez')).headers.get('X-Request-Id');
    expect(a).not.toBe(b);
  });
});

describe('404 NOT_FOUND', () => {
  it.each([
    ['GET', '/api/nothing'],
    ['GET', '/api/users/1/extra'],
    ['POST', '/nowhere'],
    ['GET', '/nothing-here'],
  ])('%s %s is Route not found', async (method, path) => {
    const res = await buildHttpApp().request(method, path);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Route not found' } });
  });
});

describe('405 METHOD_NOT_ALLOWED, OPTIONS and HEAD', () => {
  it.each([
    ['DELETE', '/api/users', 'GET, HEAD, POST, OPTIONS'],
    ['PUT', '/api/users', 'GET, HEAD, POST, OPTIONS'],
    ['POST', `/api/users/${UNKNOWN_ID}`, 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
    ['POST', '/livez', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/openapi.json', 'GET, HEAD, OPTIONS'],
  ])('%s %s is a 405 with Allow: %s', async (method, path, allow) => {
    const res = await buildHttpApp().request(method, path);
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe(allow);
    expect((await errorOf(res)).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('OPTIONS answers 204 with Allow and no body', async () => {
    const res = await buildHttpApp().request('OPTIONS', `/api/users/${UNKNOWN_ID}`);
    expect(res.status).toBe(204);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS');
    expect(await res.text()).toBe('');
  });

  it('HEAD answers like GET, ETag included, without a body', async () => {
    const t = buildHttpApp();
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('HEAD', `/api/users/${user.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect(await res.text()).toBe('');
    expect((await t.request('HEAD', `/api/users/${UNKNOWN_ID}`)).status).toBe(404);
  });
});

describe('500 INTERNAL_ERROR', () => {
  const internals = 'connect ECONNREFUSED 10.1.2.3:5432 while reading relation "users_secret"';

  it('answers the fixed message, leaks nothing, and logs the stack with the request id', async () => {
    const t = buildHttpApp({ users: { get: failingGet(new Error(internals)) } });
    const res = await t.request('GET', `/api/users/${UNKNOWN_ID}`, { headers: { 'X-Request-Id': 'req-500' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
    expect(text).not.toMatch(/10\.1\.2\.3|users_secret|ECONNREFUSED|stack|at /);
    const logged = t.logs.find((line) => line.msg === 'unhandled error');
    expect(logged?.requestId).toBe('req-500');
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain(internals);
    expect(t.logs.find((line) => line.msg === 'request failed')).toMatchObject({ status: 500, requestId: 'req-500' });
  });

  it('treats a thrown non-Error value the same way', async () => {
    const t = buildHttpApp({ users: { get: failingGet('a bare string with internals') } });
    const res = await t.request('GET', `/api/users/${UNKNOWN_ID}`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
    expect(res.headers.get('X-Request-Id')).toMatch(UUID);
  });
});
