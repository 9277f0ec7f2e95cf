import { base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserId } from '../../src/domain/user.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { expectUnauthorized, me, registerMember, signIn, type Account, type Tokens } from './auth-helpers.ts';

/**
 * The HTTP path refuses every token that is not a live access token of this service. The unit
 * suite (test/unit/adapters/security/jose-token-service.test.ts) covers the cryptographic catalogue; here
 * each forgery is sent as a client would send it, next to a control proving the genuine token of
 * the same user works, so a 401 cannot come from anything but the forgery.
 */

let t: TestApp;
let member: Account;
let session: Tokens;

beforeEach(async () => {
  t = buildHttpApp();
  member = await registerMember(t);
  session = await signIn(t, member.email);
  expect((await me(t, session.accessToken)).status).toBe(200);
});

afterEach(() => {
  vi.useRealTimers();
});

const holder = () => ({ id: member.id as UserId, email: member.email, role: 'member' as const });
const encode = (part: object) => base64url.encode(JSON.stringify(part));

/** /api/auth/me with exactly these headers (no default token). */
const meWith = (headers: Record<string, string>) => t.request('GET', '/api/auth/me', { as: null, headers });

describe('missing or malformed credentials', () => {
  it('refuses a request with no Authorization header', async () => {
    await expectUnauthorized(await meWith({}));
  });

  it.each([
    ['Basic credentials', () => `Basic ${btoa(`${member.email}:password`)}`],
    ['a bare token, no scheme', () => session.accessToken],
    ['an empty Bearer', () => 'Bearer '],
    ['Bearer with garbage', () => 'Bearer garbage'],
    ['Bearer with three garbage segments', () => 'Bearer aaa.bbb.ccc'],
    ['Bearer with characters outside b64token', () => 'Bearer {"alg":"none"}'],
    ['two tokens', () => `Bearer ${session.accessToken} ${session.accessToken}`],
  ])('refuses %s', async (_why, header) => {
    await expectUnauthorized(await meWith({ Authorization: header() }));
  });
});

describe('forged tokens', () => {
  it('refuses alg none, with the genuine claims and kid', async () => {
    const { kid } = decodeProtectedHeader(session.accessToken);
    const unsigned = `${encode({ alg: 'none', typ: 'at+jwt', kid })}.${encode(decodeJwt(session.accessToken))}.`;
    await expectUnauthorized(await me(t, unsigned));
  });

  it("refuses a token signed by a foreign key that claims the service's kid", async () => {
    const { kid, alg } = decodeProtectedHeader(session.accessToken);
    const { privateKey } = await generateKeyPair(alg as string);
    const forged = await new SignJWT(decodeJwt(session.accessToken))
      .setProtectedHeader({ alg: alg as string, kid, typ: 'at+jwt' })
      .sign(privateKey);
    await expectUnauthorized(await me(t, forged));
  });

  it("refuses a genuine token whose payload was changed (a member's role raised to admin)", async () => {
    const [header, , signature] = session.accessToken.split('.');
    const raised = `${header}.${encode({ ...decodeJwt(session.accessToken), role: 'admin' })}.${signature}`;
    await expectUnauthorized(await t.request('DELETE', `/api/users/${t.admin.id}`, { as: raised }));
    expect(t.uow.users.rows.has(t.admin.id)).toBe(true);
  });

  it("refuses an expired token signed with the service's own key", async () => {
    // The key is not exposed, so the token is minted by the app's own token service with the
    // clock set back 2 hours: correctly signed, expired long past the verification tolerance.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 2 * 60 * 60 * 1000);
    const expired = await t.tokenFor(holder());
    vi.useRealTimers();
    expect((decodeJwt(expired).exp as number) * 1000).toBeLessThan(Date.now() - 60 * 60 * 1000);

    const error = await expectUnauthorized(await me(t, expired));
    expect(error.message).toBe('Invalid or expired access token');
    // The same minting without the clock trick gives a token that works: only the expiry failed.
    expect((await me(t, await t.tokenFor(holder()))).status).toBe(200);
  });

  it('refuses a refresh token used as an access token', async () => {
    await expectUnauthorized(await me(t, session.refreshToken));
    // ...and refusing it did not spend it.
    expect((await t.request('POST', '/api/auth/refresh', { json: { refreshToken: session.refreshToken }, as: null })).status).toBe(200);
  });
});

describe('tokens outside the Authorization header', () => {
  it('ignores a valid access token in the query string: 401', async () => {
    const query = `?access_token=${encodeURIComponent(session.accessToken)}`;
    await expectUnauthorized(await t.request('GET', `/api/auth/me${query}`, { as: null }));
    await expectUnauthorized(await t.request('GET', `/api/users${query}`, { as: null }));
  });

  it('with a header as well, names access_token as an unknown query parameter', async () => {
    const query = `?access_token=${encodeURIComponent(session.accessToken)}`;
    for (const path of ['/api/auth/me', '/api/users']) {
      const res = await t.request('GET', `${path}${query}`, { as: session.accessToken });
      expect(res.status).toBe(400);
      const { error } = await body(res);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.fields).toEqual({ access_token: '"access_token" is not a known query parameter' });
    }
  });

  it('ignores a token in a cookie', async () => {
    await expectUnauthorized(await meWith({ Cookie: `access_token=${session.accessToken}; token=${session.accessToken}` }));
  });
});
