import { describe, expect, it } from 'vitest';
import { hashesPasswords } from '../../../../src/adapters/http/password-origin.ts';

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
