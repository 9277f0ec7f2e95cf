import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { expectUnauthorized, login, me, PASSWORD, refresh, registerMember, signIn, snapshotUsers, type Account } from './auth-helpers.ts';

/**
 * The account-takeover attack: an attacker holding only a stolen access token tries to change the
 * victim's password or email. Without the current password it cannot; with it (the owner), a new
 * password ends every other session at once, access tokens included.
 */

let t: TestApp;
beforeEach(() => {
  t = buildHttpApp();
});

const NEW_PASSWORD = 'a brand new passphrase';

function patchSelf(account: Account, token: string, json: Record<string, unknown>): Promise<Response> {
  return t.request('PATCH', `/api/users/${account.id}`, { json, as: token });
}

function putSelf(account: Account, token: string, json: Record<string, unknown>): Promise<Response> {
  return t.request('PUT', `/api/users/${account.id}`, { json: { name: account.name, email: account.email, role: 'member', status: 'active', ...json }, as: token });
}

async function expectError(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status, await res.clone().text()).toBe(status);
  const { error } = await body(res);
  expect(error.code).toBe(code);
  return error;
}

/** Still signs in with the old password: nothing about the account changed. */
async function expectUntouched(account: Account, before: unknown): Promise<void> {
  expect(snapshotUsers(t)).toEqual(before);
  expect((await login(t, account.email)).status).toBe(200);
}

describe('a stolen access token', () => {
  it('guesses currentPassword no faster than a sign-in: wrong ones count as failed sign-ins and are blocked alike', async () => {
    t = buildHttpApp({ auth: { loginLimit: { max: 3, windowSeconds: 900 } } });
    const victim = await registerMember(t);
    const stolen = (await signIn(t, victim.email)).accessToken;
    for (let guess = 0; guess < 3; guess++) {
      await expectError(await patchSelf(victim, stolen, { password: NEW_PASSWORD, currentPassword: `guess ${guess}` }), 403, 'FORBIDDEN');
    }
    // The fourth guess, even the right password, is refused before any hashing, and so is a sign-in from there.
    const blocked = await patchSelf(victim, stolen, { password: NEW_PASSWORD, currentPassword: PASSWORD });
    await expectError(blocked, 429, 'RATE_LIMITED');
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectError(await login(t, victim.email), 429, 'RATE_LIMITED');
  });

  it('cannot change the password without currentPassword (400) or with a wrong one (403)', async () => {
    const victim = await registerMember(t);
    const stolen = (await signIn(t, victim.email)).accessToken;
    const before = snapshotUsers(t);

    const missing = await expectError(await patchSelf(victim, stolen, { password: NEW_PASSWORD }), 400, 'VALIDATION_ERROR');
    expect(missing.fields).toEqual({ currentPassword: expect.stringMatching(/current password/i) });
    const wrong = await expectError(await patchSelf(victim, stolen, { password: NEW_PASSWORD, currentPassword: 'a guess at it' }), 403, 'FORBIDDEN');
    expect(wrong.message).toBe('Current password is incorrect');
    await expectError(await putSelf(victim, stolen, { password: NEW_PASSWORD }), 400, 'VALIDATION_ERROR');
    await expectError(await putSelf(victim, stolen, { password: NEW_PASSWORD, currentPassword: 'a guess at it' }), 403, 'FORBIDDEN');

    await expectUntouched(victim, before);
    await expectUnauthorized(await login(t, victim.email, NEW_PASSWORD));
  });

  it('cannot change the email without currentPassword (400) or with a wrong one (403), by PATCH or PUT', async () => {
    const victim = await registerMember(t);
    const stolen = (await signIn(t, victim.email)).accessToken;
    const before = snapshotUsers(t);
    const email = 'attacker@example.com';

    const missing = await expectError(await patchSelf(victim, stolen, { email }), 400, 'VALIDATION_ERROR');
    expect(Object.keys(missing.fields as object)).toEqual(['currentPassword']);
    await expectError(await patchSelf(victim, stolen, { email, currentPassword: 'a guess at it' }), 403, 'FORBIDDEN');
    await expectError(await putSelf(victim, stolen, { email }), 400, 'VALIDATION_ERROR');
    await expectError(await putSelf(victim, stolen, { email, currentPassword: 'a guess at it' }), 403, 'FORBIDDEN');

    await expectUntouched(victim, before);
  });

  it('still changes what is not a credential, and the same email (in any case) is no change', async () => {
    const member = await registerMember(t);
    const token = (await signIn(t, member.email)).accessToken;
    expect((await patchSelf(member, token, { name: 'Renamed', email: member.email.toUpperCase() })).status).toBe(200);
    const put = await putSelf(member, token, { name: 'Renamed again' });
    expect(put.status).toBe(200);
    expect((await body(put)).data).toMatchObject({ name: 'Renamed again', email: member.email });
  });
});

describe('the owner, with its current password', () => {
  it('changes the password: its other session ends at once (refresh and access token), its own keeps working', async () => {
    const owner = await registerMember(t);
    const mine = await signIn(t, owner.email);
    const other = await signIn(t, owner.email);
    expect((await me(t, other.accessToken)).status).toBe(200);

    const res = await patchSelf(owner, mine.accessToken, { password: NEW_PASSWORD, currentPassword: PASSWORD });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await body(res))).not.toMatch(/password/i);

    await expectUnauthorized(await me(t, other.accessToken));
    await expectUnauthorized(await refresh(t, other.refreshToken));
    expect((await me(t, mine.accessToken)).status).toBe(200);
    expect((await refresh(t, mine.refreshToken)).status).toBe(200);
    await expectUnauthorized(await login(t, owner.email));
    expect((await login(t, owner.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('changes the email by PUT, and an email change alone ends no session', async () => {
    const owner = await registerMember(t);
    const mine = await signIn(t, owner.email);
    const other = await signIn(t, owner.email);
    const res = await putSelf(owner, mine.accessToken, { email: 'New.Address@example.com', currentPassword: PASSWORD });
    expect(res.status).toBe(200);
    expect((await body(res)).data.email).toBe('new.address@example.com');
    expect((await me(t, other.accessToken)).status).toBe(200);
    expect((await refresh(t, other.refreshToken)).status).toBe(200);
    expect((await login(t, 'new.address@example.com')).status).toBe(200);
  });
});

describe('admins', () => {
  it("change another user's password with no currentPassword, ending every session of that user", async () => {
    const member = await registerMember(t);
    const [first, second] = [await signIn(t, member.email), await signIn(t, member.email)];
    // Seen live first, so a cached answer would have to be dropped for the 401s below.
    for (const session of [first, second]) expect((await me(t, session.accessToken)).status).toBe(200);

    const res = await t.request('PATCH', `/api/users/${member.id}`, { json: { password: NEW_PASSWORD } });
    expect(res.status).toBe(200);

    for (const session of [first, second]) {
      await expectUnauthorized(await me(t, session.accessToken));
      await expectUnauthorized(await refresh(t, session.refreshToken));
    }
    expect((await login(t, member.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('need currentPassword to change their own password, and keep their own session', async () => {
    const created = await t.request('POST', '/api/users', { json: { name: 'Admin Two', email: 'admin2@example.com', password: PASSWORD, role: 'admin' } });
    const admin = (await body(created)).data as Account;
    const [mine, other] = [await signIn(t, admin.email), await signIn(t, admin.email)];
    expect((await me(t, other.accessToken)).status).toBe(200);

    await expectError(await patchSelf(admin, mine.accessToken, { password: NEW_PASSWORD }), 400, 'VALIDATION_ERROR');
    await expectError(await patchSelf(admin, mine.accessToken, { email: 'elsewhere@example.com', currentPassword: 'wrong one' }), 403, 'FORBIDDEN');
    expect((await patchSelf(admin, mine.accessToken, { password: NEW_PASSWORD, currentPassword: PASSWORD })).status).toBe(200);

    await expectUnauthorized(await me(t, other.accessToken));
    expect((await me(t, mine.accessToken)).status).toBe(200);
  });
});
