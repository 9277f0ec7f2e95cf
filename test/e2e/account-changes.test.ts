import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { aUser } from '../support/builders.ts';
import { body } from '../support/json.ts';
import { expectUnauthorized, login, me, PASSWORD, refresh, registerMember, signIn } from './auth-helpers.ts';

/**
 * A change an admin makes to an account acts on the tokens already out there at once, not when
 * they expire: the access token carries a role, but what counts is the user's current state.
 */

let t: TestApp;
beforeEach(() => {
  t = buildHttpApp();
});

/** As the seeded admin. */
async function adminPatch(id: string, json: Record<string, unknown>): Promise<void> {
  const res = await t.request('PATCH', `/api/users/${id}`, { json });
  expect(res.status).toBe(200);
}

describe('status', () => {
  it('locks a suspended user out at once: access token, refresh and login', async () => {
    const member = await registerMember(t);
    const session = await signIn(t, member.email);
    expect((await me(t, session.accessToken)).status).toBe(200);

    await adminPatch(member.id, { status: 'suspended' });

    await expectUnauthorized(await me(t, session.accessToken));
    await expectUnauthorized(await t.request('GET', '/api/users', { as: session.accessToken }));
    await expectUnauthorized(await refresh(t, session.refreshToken));
    await expectUnauthorized(await login(t, member.email));
  });

  it('lets the user back in once reactivated', async () => {
    const member = await registerMember(t);
    await adminPatch(member.id, { status: 'suspended' });
    await expectUnauthorized(await login(t, member.email));
    await adminPatch(member.id, { status: 'active' });
    const session = await signIn(t, member.email);
    expect((await me(t, session.accessToken)).status).toBe(200);
  });

  it('lets an inactive user sign in and use its token', async () => {
    const member = await registerMember(t);
    await adminPatch(member.id, { status: 'inactive' });
    const session = await signIn(t, member.email);
    const res = await me(t, session.accessToken);
    expect(res.status).toBe(200);
    expect((await body(res)).data.status).toBe('inactive');
  });

  it("refuses a deleted user's token", async () => {
    const member = await registerMember(t);
    const session = await signIn(t, member.email);
    expect((await me(t, session.accessToken)).status).toBe(200);
    expect((await t.request('DELETE', `/api/users/${member.id}`)).status).toBe(204);
    await expectUnauthorized(await me(t, session.accessToken));
    await expectUnauthorized(await refresh(t, session.refreshToken));
    await expectUnauthorized(await login(t, member.email));
  });
});

describe('role', () => {
  it('gives a member promoted to admin its powers on the token it already holds', async () => {
    const member = await registerMember(t);
    const { accessToken } = await signIn(t, member.email);
    const victim = aUser().build();
    t.uow.users.rows.set(victim.id, victim);

    const before = await t.request('DELETE', `/api/users/${victim.id}`, { as: accessToken });
    expect(before.status).toBe(403);
    expect(t.uow.users.rows.has(victim.id)).toBe(true);

    await adminPatch(member.id, { role: 'admin' });

    expect((await t.request('DELETE', `/api/users/${victim.id}`, { as: accessToken })).status).toBe(204);
    expect(t.uow.users.rows.has(victim.id)).toBe(false);
  });

  it('takes the powers of an admin demoted to member at once', async () => {
    const res = await t.request('POST', '/api/users', {
      json: { name: 'Second Admin', email: 'admin2@example.com', password: PASSWORD, role: 'admin' },
    });
    const { data: admin } = await body(res);
    const { accessToken } = await signIn(t, admin.email);
    const create = (email: string) => t.request('POST', '/api/users', { json: { name: 'New', email }, as: accessToken });
    expect((await create('one@example.com')).status).toBe(201);

    await adminPatch(admin.id, { role: 'member' });

    const refused = await create('two@example.com');
    expect(refused.status).toBe(403);
    expect((await body(refused)).error).toEqual({ code: 'FORBIDDEN', message: 'Missing permission: users:write' });
    expect([...t.uow.users.rows.values()].some((u) => u.email === 'two@example.com')).toBe(false);
  });
});
