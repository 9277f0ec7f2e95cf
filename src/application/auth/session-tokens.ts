import type { User } from '../../domain/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { RefreshToken } from '../ports/refresh-token-repository.ts';
import type { TokenService } from '../ports/token-service.ts';
import type { Repositories } from '../ports/unit-of-work.ts';

/** What login and refresh answer (API.md: `{ accessToken, refreshToken, tokenType, expiresIn }`). */
export type SessionTokens = Readonly<{ accessToken: string; refreshToken: string; tokenType: 'Bearer'; expiresIn: number }>;

export type SessionTokenDependencies = Readonly<{ tokens: TokenService; ids: IdGenerator; clock: Clock; refreshTtlSeconds: number }>;

const REFRESH_TOKEN_BYTES = 32;

/** 256 random bits, base64url: opaque, and too long to guess. Web Crypto, so any runtime. Password-reset tokens use it too. */
export function newRefreshSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(REFRESH_TOKEN_BYTES));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Only this digest is stored. A fast hash suffices (unlike passwords): the secret has 256 bits of
 * entropy, so a stolen table cannot be reversed by guessing.
 */
export async function hashRefreshToken(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores a new refresh token of `sessionId` in the caller's transaction and returns its secret;
 * the caller signs the access token once the transaction has committed.
 */
export async function storeRefreshToken(
  deps: SessionTokenDependencies,
  repos: Repositories,
  user: User,
  sessionId: string,
): Promise<string> {
  const secret = newRefreshSecret();
  const now = deps.clock.now();
  const token: RefreshToken = {
    id: deps.ids.next(),
    sessionId,
    userId: user.id,
    tokenHash: await hashRefreshToken(secret),
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.refreshTtlSeconds * 1000),
  };
  await repos.refreshTokens.add(token);
  return secret;
}

/** Signs the access token for `user` in `sessionId` and pairs it with the refresh token. */
export async function sessionTokens(
  deps: SessionTokenDependencies,
  user: User,
  sessionId: string,
  refreshToken: string,
): Promise<SessionTokens> {
  const access = await deps.tokens.issueAccessToken({ id: user.id, email: user.email, role: user.role, sessionId });
  return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresIn: access.expiresIn };
}
