import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { login, registerMember, signIn } from './auth-helpers.ts';

/** What a client or another service can rely on: the JWKS, the token's claims, the login limit. */

describe('GET /.well-known/jwks.json', () => {
  it('publishes one public key, which verifies the access tokens the service issues', async () => {
    const t = buildHttpApp();
    const res = await t.request('GET', '/.well-known/jwks.json', { as: null });
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kid: expect.any(String), alg: expect.stringMatching(/^(EdDSA|ES256)$/), use: 'sig' });
    // No private part of any kind (d for EC/OKP; p, q, dp, dq, qi would be RSA's).
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key).not.toHaveProperty(secret);

    const member = await registerMember(t);
    const { accessToken } = await signIn(t, member.email);
    expect(decodeProtectedHeader(accessToken).kid).toBe(key?.kid);
    const { payload } = await jwtVerify(accessToken, createLocalJWKSet(jwks), { issuer: 'users-service', audience: 'users-api' });
    expect(payload.sub).toBe(member.id);
  });
});

describe('the access token', () => {
  it('carries sub, email, role, iss, aud, iat, exp and jti, living 15 minutes', async () => {
    const t = buildHttpApp();
    const member = await registerMember(t);
    const { accessToken } = await signIn(t, member.email);
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({
      sub: member.id,
      email: member.email,
      role: 'member',
      iss: 'users-service',
      aud: 'users-api',
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(60);
    // Never a secret in a token anyone can decode.
    expect(JSON.stringify(claims)).not.toMatch(/password|hash/i);
  });

  it('has a fresh jti each time', async () => {
    const t = buildHttpApp();
    const member = await registerMember(t);
    const one = decodeJwt((await signIn(t, member.email)).accessToken);
    const two = decodeJwt((await signIn(t, member.email)).accessToken);
    expect(one.jti).not.toBe(two.jti);
  });
});

describe('login rate limit', () => {
  it('answers the attempt past the limit with 429 and Retry-After, even with the right password', async () => {
    const t = buildHttpApp({ auth: { loginLimit: { max: 3, windowSeconds: 900 } } });
    const member = await registerMember(t);
    for (let attempt = 1; attempt <= 3; attempt++) expect((await login(t, member.email, 'wrong password')).status).toBe(401);

    const res = await login(t, member.email);
    expect(res.status).toBe(429);
    expect((await body(res)).error.code).toBe('RATE_LIMITED');
    const retryAfter = res.headers.get('Retry-After');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(900);
  });

  it('does not count other routes', async () => {
    const t = buildHttpApp({ auth: { loginLimit: { max: 3, windowSeconds: 900 } } });
    const member = await registerMember(t);
    for (let i = 0; i < 5; i++) expect((await t.request('GET', '/api/users')).status).toBe(200);
    expect((await login(t, member.email)).status).toBe(200);
  });
});
