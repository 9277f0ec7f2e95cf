import { describe, expect, it } from 'vitest';
import { forwardTo, goesToPasswordOrigin, hashesPasswords } from '../../../../src/adapters/http/password-origin.ts';
import { ScryptPasswordHasher } from '../../../../src/adapters/security/scrypt-password-hasher.ts';
import type { PasswordHasher } from '../../../../src/application/ports/password-hasher.ts';
import { buildHttpApp, CHEAP_SCRYPT } from '../../../support/http-app.ts';
import { freePort } from '../../../support/private-server.ts';

describe('hashesPasswords: what the edge sends to PASSWORD_ORIGIN', () => {
  it('sign-in, sign-up and the reset confirmation, and every write to users', () => {
    const routed = [
      ['POST', '/api/auth/login'],
      ['POST', '/api/auth/register'],
      ['POST', '/api/auth/password-reset/confirm'],
      ['POST', '/api/users'],
      ['PUT', '/api/users/0190a6f0-1234-7abc-8def-0123456789ab'],
      ['PATCH', '/api/users/0190a6f0-1234-7abc-8def-0123456789ab'],
      ['DELETE', '/api/users/0190a6f0-1234-7abc-8def-0123456789ab'],
    ];
    for (const [method, path] of routed) expect(hashesPasswords(method!, path!), `${method} ${path}`).toBe(true);
  });

  it('no read, and no write that never sees a password (refresh, logout, the reset request, posts)', () => {
    const kept = [
      ['GET', '/api/users'],
      ['GET', '/api/users/0190a6f0-1234-7abc-8def-0123456789ab'],
      ['OPTIONS', '/api/users'],
      ['POST', '/api/auth/refresh'],
      ['POST', '/api/auth/logout'],
      ['POST', '/api/auth/password-reset'],
      ['GET', '/api/auth/login'],
      ['POST', '/api/posts'],
      ['POST', '/api/usersx'],
    ];
    for (const [method, path] of kept) expect(hashesPasswords(method!, path!), `${method} ${path}`).toBe(false);
  });
});

describe('goesToPasswordOrigin: the path the app routes on, not its spelling', () => {
  /** The real scrypt (cheap cost), counting the passwords it hashed or verified: work the edge must not do. */
  function countingHasher() {
    const inner = new ScryptPasswordHasher(CHEAP_SCRYPT);
    const counted: PasswordHasher & { calls: number } = {
      calls: 0,
      hash: (password, options) => (counted.calls++, inner.hash(password, options)),
      verify: (password, hash, options) => (counted.calls++, inner.verify(password, hash, options)),
    };
    return counted;
  }

  // Percent-encoded letters: the URL keeps them as written, Hono decodes them before routing.
  const spellings = [
    ['/api/auth/%6cogin', { email: 'someone@example.com', password: 'a-wrong-password' }],
    ['/api/auth/%72egister', { name: 'Mallory', email: 'mallory@example.com', password: 'a-long-password' }],
    ['/api/%75sers', { name: 'Mallory', email: 'mallory2@example.com', password: 'a-long-password' }],
  ] as const;

  it('sends a request to PASSWORD_ORIGIN whenever the app would hash a password for it', async () => {
    for (const [path, json] of spellings) {
      const hasher = countingHasher();
      const t = buildHttpApp({ hasher });
      // app.fetch: the document check of t.request() matches the path as spelt, not as routed.
      const headers = { Authorization: `Bearer ${await t.tokenFor(t.admin)}`, 'Content-Type': 'application/json' };
      const response = await t.app.fetch(new Request(`http://localhost${path}`, { method: 'POST', headers, body: JSON.stringify(json) }));
      expect(response.status, `${path} is answered by the app`).not.toBe(404);
      expect(hasher.calls, `${path} hashes at the edge`).toBeGreaterThan(0);
      expect(goesToPasswordOrigin(new Request(`https://edge.example${path}`, { method: 'POST' })), path).toBe(true);
    }
  });

  it('keeps at the edge what the app answers there, however it is spelt', () => {
    for (const path of ['/api/auth/%72efresh', '/api/%70osts', '/api/auth/login%2F', '/api/auth/password-reset']) {
      expect(goesToPasswordOrigin(new Request(`https://edge.example${path}`, { method: 'POST' })), path).toBe(false);
    }
  });
});

describe('forwardTo: PASSWORD_ORIGIN down', () => {
  it('answers 503 SERVICE_UNAVAILABLE in the envelope, with the request id and nosniff, not a rejection', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const request = new Request('https://edge.example/api/auth/login', { method: 'POST', headers: { 'x-request-id': 'req-42' } });
    const response = await forwardTo({ url: closed, secret: undefined }, request, '203.0.113.9');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Password sign-in is unavailable; try again shortly' } });
  });

  it('never echoes an insane request id', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const request = new Request('https://edge.example/api/auth/login', { method: 'POST', headers: { 'x-request-id': 'a b<script>' } });
    expect((await forwardTo({ url: closed, secret: undefined }, request, undefined)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
