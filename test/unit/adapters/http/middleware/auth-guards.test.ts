import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError } from '../../../../../src/adapters/http/error-handler.ts';
import { actingPrincipal, authenticated, BEARER_CHALLENGE, bearerToken, guardFor } from '../../../../../src/adapters/http/middleware/auth-guards.ts';
import type { OperationSpec } from '../../../../../src/adapters/http/openapi/operation-spec.ts';
import { aUser } from '../../../../support/builders.ts';
import { errorOf, tokenAuth } from './middleware-kit.ts';

function spec(guard: Pick<OperationSpec, 'permission' | 'orSelf' | 'signedIn'>): OperationSpec {
  return { method: 'get', path: '/users/:id', operationId: 'test', summary: 'test', tag: 'test', success: { 200: { description: 'ok' } }, errors: [401, 403], ...guard };
}

/** Alice (member), Root (admin) and Sam (suspended); routes guarded by users:delete, by users:write or self, and by a signed-in check. */
function appWithGuards() {
  const alice = aUser().withName('Alice').build();
  const root = aUser().withName('Root').withRole('admin').build();
  const sam = aUser().withName('Sam').withStatus('suspended').build();
  const auth = tokenAuth(alice, root, sam);
  const app = new Hono<AppEnv>();
  app.onError(onError);
  let reached = 0;
  const principal = (c: Parameters<typeof actingPrincipal>[0]) => {
    reached++;
    const { userId, role } = actingPrincipal(c);
    return c.json({ userId, role });
  };
  app.delete('/users/:id', guardFor(spec({ permission: 'users:delete' }), auth.authenticate), principal);
  app.patch('/users/:id', guardFor(spec({ permission: 'users:write', orSelf: true }), auth.authenticate), principal);
  app.get('/me', guardFor(spec({ signedIn: true }), auth.authenticate), principal);
  app.get('/twice', guardFor(spec({ signedIn: true }), auth.authenticate), guardFor(spec({ permission: 'users:read' }), auth.authenticate), principal);
  app.get('/unguarded', principal);
  const send = (method: string, path: string, authorization?: string) =>
    app.request(path, { method, headers: authorization === undefined ? {} : { Authorization: authorization } });
  return { ...auth, app, send, alice, root, sam, reached: () => reached };
}

describe('guardFor', () => {
  it('refuses to guard a public operation', () => {
    const { authenticate } = tokenAuth();
    expect(() => guardFor(spec({}), authenticate)).toThrow('test is public: it needs no guard');
  });

  it('answers 401 without a token, with the bare Bearer challenge, before the route', async () => {
    const { send, reached } = appWithGuards();
    const res = await send('GET', '/me');
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'UNAUTHORIZED', message: 'Authentication required: send Authorization: Bearer <access token>' });
    expect(res.headers.get('WWW-Authenticate')).toBe(BEARER_CHALLENGE);
    expect(reached()).toBe(0);
  });

  it.each(['Basic YWxpY2U6c2VjcmV0', 'Bearer', 'Bearer two tokens', 'token-of-alice-member'])('answers 401 invalid_token for an Authorization that is no Bearer token: %j', async (header) => {
    const { send, reached } = appWithGuards();
    const res = await send('GET', '/me', header);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe('Authorization must be a Bearer token');
    expect(res.headers.get('WWW-Authenticate')).toBe(`${BEARER_CHALLENGE}, error="invalid_token", error_description="not a Bearer token"`);
    expect(reached()).toBe(0);
  });

  it('answers 401 invalid_token for a token that does not verify, and for a locked-out holder', async () => {
    const { send, tokenOf, sam, reached } = appWithGuards();
    const forged = await send('GET', '/me', 'Bearer forged');
    expect(forged.status).toBe(401);
    expect(forged.headers.get('WWW-Authenticate')).toBe(`${BEARER_CHALLENGE}, error="invalid_token", error_description="Invalid or expired access token"`);
    const suspended = await send('GET', '/me', `Bearer ${tokenOf(sam)}`);
    expect(suspended.status).toBe(401);
    expect(await errorOf(suspended)).toEqual({ code: 'UNAUTHORIZED', message: 'Account is suspended or no longer exists' });
    expect(reached()).toBe(0);
  });

  it('reads the token from the Authorization header only, never the query string', async () => {
    const { app, tokenOf, alice } = appWithGuards();
    expect((await app.request(`/me?access_token=${tokenOf(alice)}`)).status).toBe(401);
  });

  it('answers 403 without the permission, before the route', async () => {
    const { send, tokenOf, alice, root, reached } = appWithGuards();
    const res = await send('DELETE', `/users/${root.id}`, `Bearer ${tokenOf(alice)}`);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'FORBIDDEN', message: 'Missing permission: users:delete' });
    expect(reached()).toBe(0);
  });

  it('sets the principal for the route: a signed-in member, an admin with the permission', async () => {
    const { send, tokenOf, alice, root } = appWithGuards();
    const me = await send('GET', '/me', `bearer   ${tokenOf(alice)}`);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ userId: alice.id, role: 'member' });
    const removed = await send('DELETE', `/users/${alice.id}`, `Bearer ${tokenOf(root)}`);
    expect(await removed.json()).toEqual({ userId: root.id, role: 'admin' });
  });

  it("takes the holder's current role over the token's: a member's token claiming admin is refused, an admin's older member token passes", async () => {
    const { send, tokenOf, alice, root } = appWithGuards();
    expect((await send('DELETE', `/users/${alice.id}`, `Bearer ${tokenOf(alice, 'admin')}`)).status).toBe(403);
    const promoted = await send('DELETE', `/users/${alice.id}`, `Bearer ${tokenOf(root, 'member')}`);
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toEqual({ userId: root.id, role: 'admin' });
  });

  it('with orSelf, lets a member act on itself (its id in any case) but not on another user', async () => {
    const { send, tokenOf, alice, root } = appWithGuards();
    expect((await send('PATCH', `/users/${alice.id}`, `Bearer ${tokenOf(alice)}`)).status).toBe(200);
    expect((await send('PATCH', `/users/${alice.id.toUpperCase()}`, `Bearer ${tokenOf(alice)}`)).status).toBe(200);
    const other = await send('PATCH', `/users/${root.id}`, `Bearer ${tokenOf(alice)}`);
    expect(other.status).toBe(403);
    expect(await errorOf(other)).toEqual({ code: 'FORBIDDEN', message: 'Not allowed to change another user' });
  });

  it('authenticates once per request, however many guards ask', async () => {
    const { send, tokenOf, tokens, alice } = appWithGuards();
    const token = tokenOf(alice);
    expect((await send('GET', '/twice', `Bearer ${token}`)).status).toBe(200);
    expect(tokens.verifications).toBe(1);
  });

  it('leaves a route without its guard no principal: a 500, not an anonymous pass', async () => {
    const { send, tokenOf, alice } = appWithGuards();
    const res = await send('GET', '/unguarded', `Bearer ${tokenOf(alice)}`);
    expect(res.status).toBe(500);
    expect((await errorOf(res)).code).toBe('INTERNAL_ERROR');
  });
});

describe('authenticated', () => {
  it("shares one verdict per request between callers (the rate limit's and the guard's)", async () => {
    const alice = aUser().withName('Alice').build();
    const { authenticate, tokenOf, tokens } = tokenAuth(alice);
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.get('/', async (c) => {
      const first = authenticated(c, authenticate);
      const second = authenticated(c, authenticate);
      return c.json({ same: first === second, userId: (await second).userId });
    });
    const res = await app.request('/', { headers: { Authorization: `Bearer ${tokenOf(alice)}` } });
    expect(await res.json()).toEqual({ same: true, userId: alice.id });
    expect(tokens.verifications).toBe(1);
  });
});

describe('bearerToken', () => {
  it.each<[string | undefined, string | undefined]>([
    ['Bearer abc.DEF-123_~+/=', 'abc.DEF-123_~+/='],
    ['bearer   abc', 'abc'],
    ['  BEARER abc  ', 'abc'],
    [undefined, undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['Basic abc', undefined],
    ['Bearer ab"c', undefined],
  ])('%j -> %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
