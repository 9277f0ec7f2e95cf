import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';
import { expectUnauthorized, me, refresh, registerMember, signIn, type Tokens } from './auth-helpers.ts';

/**
 * GET /api/auth/sessions and DELETE /api/auth/sessions/:id: a user sees where it is signed in and
 * ends a sign-in it does not recognise, at once; nobody can see or end another user's.
 */

let t: TestApp;
beforeEach(() => {
  t = buildHttpApp();
});

async function sessionsOf(tokens: Tokens): Promise<Json[]> {
  const res = await t.request('GET', '/api/auth/sessions', { as: tokens.accessToken });
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return (await body(res)).data as Json[];
}

function endSession(tokens: Tokens, id: string): Promise<Response> {
  return t.request('DELETE', `/api/auth/sessions/${id}`, { as: tokens.accessToken });
}

async function expectSessionNotFound(res: Response): Promise<void> {
  expect(res.status).toBe(404);
  expect((await body(res)).error).toEqual({ code: 'NOT_FOUND', message: 'Session not found' });
}

const currentOf = (sessions: Json[]) => sessions.find((session) => session.current)?.id as string;

describe('GET /api/auth/sessions', () => {
  it("lists the caller's live sessions, newest first, marking the one of this request as current", async () => {
    const member = await registerMember(t);
    const first = await signIn(t, member.email);
    const second = await signIn(t, member.email);
    await signIn(t, (await registerMember(t)).email); // someone else's: never listed

    const seenByFirst = await sessionsOf(first);
    expect(seenByFirst).toHaveLength(2);
    for (const session of seenByFirst) {
      expect(Object.keys(session).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'lastRefreshedAt']);
      expect(session.lastRefreshedAt).toBe(session.createdAt);
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.parse(session.createdAt));
      expect(new Date(session.createdAt).toISOString()).toBe(session.createdAt);
    }
    expect(seenByFirst.map((session) => session.current)).toEqual([false, true]);
    const seenBySecond = await sessionsOf(second);
    expect(seenBySecond.map((session) => session.current)).toEqual([true, false]);
    expect(seenBySecond.map((session) => session.id)).toEqual(seenByFirst.map((session) => session.id));
  });

  it('shows a refresh as lastRefreshedAt, keeps the sign-in time, and drops a session once logged out', async () => {
    const member = await registerMember(t);
    const kept = await signIn(t, member.email);
    const other = await signIn(t, member.email);
    const [before] = (await sessionsOf(kept)).filter((session) => session.current);

    const rotated = await refresh(t, kept.refreshToken);
    const tokens = (await body(rotated)).data as Tokens;
    const [after] = (await sessionsOf(tokens)).filter((session) => session.current);
    expect(after).toMatchObject({ id: before?.id, createdAt: before?.createdAt });
    expect(Date.parse(after?.lastRefreshedAt)).toBeGreaterThan(Date.parse(before?.createdAt));

    expect((await t.request('POST', '/api/auth/logout', { json: { refreshToken: other.refreshToken }, as: null })).status).toBe(204);
    expect((await sessionsOf(tokens)).map((session) => session.id)).toEqual([before?.id]);
  });

  it('needs a signed-in caller', async () => {
    await expectUnauthorized(await t.request('GET', '/api/auth/sessions', { as: null }));
    await expectUnauthorized(await t.request('DELETE', `/api/auth/sessions/${crypto.randomUUID()}`, { as: null }));
  });
});

describe('DELETE /api/auth/sessions/:id', () => {
  it('ends one session at once, its access token and its refresh token, and leaves the others alone', async () => {
    const member = await registerMember(t);
    const mine = await signIn(t, member.email);
    const stolen = await signIn(t, member.email);
    expect((await me(t, stolen.accessToken)).status).toBe(200);
    const target = currentOf(await sessionsOf(stolen));

    const res = await endSession(mine, target);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    await expectUnauthorized(await me(t, stolen.accessToken));
    await expectUnauthorized(await refresh(t, stolen.refreshToken));
    expect((await sessionsOf(mine)).map((session) => session.id)).toEqual([currentOf(await sessionsOf(mine))]);
    expect((await refresh(t, mine.refreshToken)).status).toBe(200);
    await expectSessionNotFound(await endSession(mine, target));
  });

  it("answers 404 for another user's session, which stays live", async () => {
    const victim = await signIn(t, (await registerMember(t)).email);
    const attacker = await signIn(t, (await registerMember(t)).email);
    const target = currentOf(await sessionsOf(victim));

    await expectSessionNotFound(await endSession(attacker, target));
    expect((await me(t, victim.accessToken)).status).toBe(200);
    expect((await refresh(t, victim.refreshToken)).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const caller = await signIn(t, (await registerMember(t)).email);
    for (const id of [crypto.randomUUID(), 'not-a-session', '%E2%80%AE', '0'.repeat(200)]) await expectSessionNotFound(await endSession(caller, id));
    expect((await me(t, caller.accessToken)).status).toBe(200);
  });

  it('signs the caller out when it ends its own current session', async () => {
    const caller = await signIn(t, (await registerMember(t)).email);
    expect((await endSession(caller, currentOf(await sessionsOf(caller)))).status).toBe(204);
    await expectUnauthorized(await me(t, caller.accessToken));
    await expectUnauthorized(await refresh(t, caller.refreshToken));
  });
});
