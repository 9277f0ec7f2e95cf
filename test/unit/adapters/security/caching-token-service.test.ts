import { describe, expect, it } from 'vitest';
import { CachingTokenService } from '../../../../src/adapters/security/caching-token-service.ts';
import { JoseTokenService } from '../../../../src/adapters/security/jose-token-service.ts';
import { loadSigningKey } from '../../../../src/adapters/security/signing-key.ts';
import type { IssuedAccessToken, Principal, TokenService, TokenSubject } from '../../../../src/application/ports/token-service.ts';
import { UnauthorizedError } from '../../../../src/domain/errors.ts';
import type { UserId } from '../../../../src/domain/user.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';

const LIFETIME_MS = 60_000;

/**
 * A TokenService whose tokens are their own names: `valid:<n>` verifies until it expires (one
 * minute after it was first seen, by the shared clock), anything else is refused. Counts calls.
 */
class FakeTokens implements TokenService {
  readonly #clock: FixedClock;
  readonly #expiry = new Map<string, Date>();
  verifies = 0;
  issues = 0;

  constructor(clock: FixedClock) {
    this.#clock = clock;
  }

  async issueAccessToken(subject: TokenSubject): Promise<IssuedAccessToken> {
    this.issues++;
    return { token: `valid:${subject.id}`, expiresIn: 60 };
  }

  async verifyAccessToken(token: string): Promise<Principal> {
    this.verifies++;
    const now = this.#clock.now();
    if (!token.startsWith('valid:')) throw new UnauthorizedError('Invalid or expired access token');
    let expiresAt = this.#expiry.get(token);
    if (!expiresAt) {
      expiresAt = new Date(now.getTime() + LIFETIME_MS);
      this.#expiry.set(token, expiresAt);
    }
    if (expiresAt.getTime() <= now.getTime()) throw new UnauthorizedError('Invalid or expired access token');
    return { userId: token.slice(6) as UserId, email: 'x@example.com', role: 'member', tokenId: token, sessionId: 's', expiresAt };
  }
}

function setup(maxEntries?: number) {
  const clock = new FixedClock();
  const inner = new FakeTokens(clock);
  return { clock, inner, tokens: new CachingTokenService(inner, { clock, maxEntries }) };
}

describe('CachingTokenService', () => {
  it('serves a verified token from the cache', async () => {
    const { inner, tokens } = setup();
    const first = await tokens.verifyAccessToken('valid:1');
    const second = await tokens.verifyAccessToken('valid:1');
    expect(second).toEqual(first);
    expect(inner.verifies).toBe(1);
    await tokens.verifyAccessToken('valid:2');
    expect(inner.verifies).toBe(2);
  });

  it('does not cache a failure: a bad token is verified, and refused, every time', async () => {
    const { inner, tokens } = setup();
    for (let i = 1; i <= 3; i++) {
      await expect(tokens.verifyAccessToken('forged')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect(inner.verifies).toBe(i);
    }
    expect(tokens.size).toBe(0);
  });

  it('re-verifies a cached token once it has expired, and so refuses it', async () => {
    const { clock, inner, tokens } = setup();
    await tokens.verifyAccessToken('valid:1');
    clock.advance(LIFETIME_MS - 1);
    await tokens.verifyAccessToken('valid:1');
    expect(inner.verifies).toBe(1);
    clock.advance(1);
    await expect(tokens.verifyAccessToken('valid:1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(inner.verifies).toBe(2);
    expect(tokens.size).toBe(0);
  });

  it('is bounded: past maxEntries the least recently used token is dropped', async () => {
    const { inner, tokens } = setup(2);
    await tokens.verifyAccessToken('valid:a');
    await tokens.verifyAccessToken('valid:b');
    await tokens.verifyAccessToken('valid:a'); // a is now the most recently used
    await tokens.verifyAccessToken('valid:c'); // drops b
    expect(tokens.size).toBe(2);
    expect(inner.verifies).toBe(3);
    await tokens.verifyAccessToken('valid:a');
    await tokens.verifyAccessToken('valid:c');
    expect(inner.verifies).toBe(3);
    await tokens.verifyAccessToken('valid:b');
    expect(inner.verifies).toBe(4);
    expect(tokens.size).toBe(2);
  });

  it('issues through the inner service', async () => {
    const { inner, tokens } = setup();
    const subject = { id: '01900000-0000-7000-8000-0000000000aa' as UserId, email: 'x@example.com', role: 'member' as const, sessionId: 's' };
    expect(await tokens.issueAccessToken(subject)).toEqual({ token: `valid:${subject.id}`, expiresIn: 60 });
    expect(inner.issues).toBe(1);
  });

  it('over the real jose service: a real token verifies through the cache, a tampered one is refused', async () => {
    const clock = new FixedClock(new Date());
    const jose = new JoseTokenService(await loadSigningKey(), { issuer: 'i', audience: 'a', accessTtlSeconds: 900 });
    const tokens = new CachingTokenService(jose, { clock });
    const subject = { id: '01900000-0000-7000-8000-0000000000aa' as UserId, email: 'x@example.com', role: 'member' as const, sessionId: 's' };
    const { token } = await tokens.issueAccessToken(subject);
    expect(await tokens.verifyAccessToken(token)).toMatchObject({ userId: subject.id, sessionId: 's' });
    expect(await tokens.verifyAccessToken(token)).toMatchObject({ userId: subject.id });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verifyAccessToken(tampered)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(tokens.size).toBe(1);
  });
});
