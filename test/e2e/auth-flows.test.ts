import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { expectUnauthorized, login, me, PASSWORD, refresh, registerMember, signIn } from './auth-helpers.ts';

/** Sign-up, sign-in, the session's life (refresh, reuse, logout), over HTTP. */

let t: TestApp;
beforeEach(() => {
  t = buildHttpApp();
});

describe('POST /api/auth/register', () => {
  it('creates an active member, anonymously, with Location and no password in sight', async () => {
    const res = await t.request('POST', '/api/auth/register', {
      json: { name: 'Ada', email: 'Ada@Example.com', password: PASSWORD },
      as: null,
    });
    expect(res.status).toBe(201);
    const { data } = await body(res);
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'role', 'status', 'updatedAt']);
    expect(data).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'member', status: 'active' });
    expect(res.headers.get('Location')).toBe(`/api/users/${data.id}`);
    expect(JSON.stringify(data)).not.toMatch(/password|hash|scrypt/i);
    // Stored with a hash, which is not the password itself.
    const stored = t.uow.users.rows.get(data.id);
    expect(stored?.passwordHash).toEqual(expect.any(String));
    expect(stored?.passwordHash).not.toContain(PASSWORD);
  });

  it('refuses role and status as unknown properties, naming both, and stores nothing', async () => {
    const res = await t.request('POST', '/api/auth/register', {
      json: { name: 'Eve', email: 'eve@example.com', password: PASSWORD, role: 'admin', status: 'active' },
      as: null,
    });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toEqual({ role: '"role" is not a known property', status: '"status" is not a known property' });
    expect([...t.uow.users.rows.keys()]).toEqual([t.admin.id]);
  });
});

describe('POST /api/auth/login', () => {
  it('answers the tokens, not to be stored by caches', async () => {
    const member = await registerMember(t);
    const res = await login(t, member.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const { data } = await body(res);
    expect(data).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(data.accessToken.split('.')).toHaveLength(3);
    expect(data.refreshToken).not.toBe(data.accessToken);
  });

  it('gives a wrong password and an unknown email the same 401', async () => {
    const member = await registerMember(t);
    const wrongPassword = await login(t, member.email, 'not the password');
    const unknownEmail = await login(t, 'nobody@example.com', PASSWORD);
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="api"');
    }
    const [a, b] = [await body(wrongPassword), await body(unknownEmail)];
    expect(a).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid email or password' } });
    expect(b).toEqual(a);
  });
});

describe('GET /api/auth/me', () => {
  it("answers the token holder's user", async () => {
    const member = await registerMember(t, 'Grace');
    const { accessToken } = await signIn(t, member.email);
    const res = await me(t, accessToken);
    expect(res.status).toBe(200);
    expect((await body(res)).data).toEqual(member);
  });

  it('is a 401 without a token', async () => {
    await expectUnauthorized(await t.request('GET', '/api/auth/me', { as: null }));
  });
});

describe('POST /api/auth/refresh', () => {
  it('rotates the refresh token; the new tokens work', async () => {
    const member = await registerMember(t);
    const first = await signIn(t, member.email);
    const res = await refresh(t, first.refreshToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const { data: second } = await body(res);
    expect(second).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await me(t, second.accessToken)).status).toBe(200);
  });

  it('treats a used refresh token as stolen: 401, and the whole session is revoked', async () => {
    const member = await registerMember(t);
    const first = await signIn(t, member.email);
    const { data: second } = await body(await refresh(t, first.refreshToken));
    // Before the replay every token of the session works...
    expect((await me(t, first.accessToken)).status).toBe(200);
    expect((await me(t, second.accessToken)).status).toBe(200);

    await expectUnauthorized(await refresh(t, first.refreshToken));

    // ...after it, none: the rotated refresh token and both access tokens.
    await expectUnauthorized(await refresh(t, second.refreshToken));
    await expectUnauthorized(await me(t, second.accessToken));
    await expectUnauthorized(await me(t, first.accessToken));
  });

  it('leaves other sessions of the same user alone', async () => {
    const member = await registerMember(t);
    const phone = await signIn(t, member.email);
    const laptop = await signIn(t, member.email);
    await refresh(t, phone.refreshToken);
    await expectUnauthorized(await refresh(t, phone.refreshToken));
    expect((await me(t, laptop.accessToken)).status).toBe(200);
    expect((await refresh(t, laptop.refreshToken)).status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
    const member = await registerMember(t);
    const { refreshToken } = await signIn(t, member.email);
    const statuses = (await Promise.all([refresh(t, refreshToken), refresh(t, refreshToken)])).map((res) => res.status);
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('is a 401 for a token it never issued', async () => {
    await expectUnauthorized(await refresh(t, 'x'.repeat(43)));
  });
});

describe('POST /api/auth/logout', () => {
  it("ends the session: its refresh token and its access token stop working", async () => {
    const member = await registerMember(t);
    const session = await signIn(t, member.email);
    expect((await me(t, session.accessToken)).status).toBe(200);

    const res = await t.request('POST', '/api/auth/logout', { json: { refreshToken: session.refreshToken }, as: null });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    await expectUnauthorized(await refresh(t, session.refreshToken));
    await expectUnauthorized(await me(t, session.accessToken));
  });

  it('answers 204 for a token it does not know, telling nothing', async () => {
    const res = await t.request('POST', '/api/auth/logout', { json: { refreshToken: 'never-issued' }, as: null });
    expect(res.status).toBe(204);
  });
});

describe('auth bodies', () => {
  it('names a missing or empty field in plain words', async () => {
    const empty = await t.request('POST', '/api/auth/refresh', { json: { refreshToken: '' }, as: null });
    expect(empty.status).toBe(400);
    expect((await body(empty)).error.fields).toEqual({ refreshToken: 'Refresh token must not be empty' });
    const missing = await t.request('POST', '/api/auth/login', { json: { email: 'a@example.com' }, as: null });
    expect((await body(missing)).error.fields).toEqual({ password: 'Password is required' });
  });
});
