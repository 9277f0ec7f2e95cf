import type { UserId } from '../../domain/user.ts';

/**
 * One refresh token as stored: never the token itself, only its SHA-256 (hex). Every token of
 * one login shares a `sessionId` (RFC 9700's token family): rotation keeps it, reuse revokes it.
 */
export type RefreshToken = Readonly<{
  id: string;
  sessionId: string;
  userId: UserId;
  /** Lower-case hex SHA-256 of the opaque token. */
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}>;

/**
 * What presenting a refresh token found:
 *  - `rotated`: it was current (unused, unrevoked, unexpired) and is now marked used;
 *  - `reused`: it had been used already, a sign that it was stolen: the caller revokes its session;
 *  - `invalid`: unknown, expired, or its session is revoked.
 */
export type RefreshTokenUse =
  | Readonly<{ outcome: 'rotated'; token: RefreshToken }>
  | Readonly<{ outcome: 'reused'; token: RefreshToken }>
  | Readonly<{ outcome: 'invalid' }>;

/**
 * One sign-in as its tokens tell it: `createdAt` is its first token's (the sign-in),
 * `lastRefreshedAt` and `expiresAt` its latest token's (by creation, then id).
 */
export type LiveSession = Readonly<{ sessionId: string; createdAt: Date; lastRefreshedAt: Date; expiresAt: Date }>;

/**
 * Refresh tokens, bound to the unit of work's transaction like the other repositories. Deleting a
 * user deletes its tokens (in PostgreSQL by the foreign key's cascade).
 */
export interface RefreshTokenRepository {
  add(token: RefreshToken): Promise<void>;
  /**
   * Marks the token used if it is current, in one conditional statement, so that of N concurrent
   * calls with one token exactly one gets `rotated` and the others `reused`.
   */
  use(tokenHash: string, now: Date): Promise<RefreshTokenUse>;
  /** The session the token belongs to, whatever its state; null when unknown. */
  sessionOf(tokenHash: string): Promise<Readonly<{ sessionId: string; userId: UserId }> | null>;
  /** Revokes every token of the session not yet revoked; returns how many. */
  revokeSession(sessionId: string, now: Date): Promise<number>;
  /**
   * Revokes every session of the user not yet revoked, but `exceptSessionId` when given (the
   * caller's own, on a password change); returns the ids of the sessions it ended, so the caller
   * can end their access tokens too once the transaction commits.
   */
  revokeUserSessions(userId: UserId, now: Date, exceptSessionId?: string): Promise<string[]>;
  /**
   * The user's live sessions at `now`: none of their tokens revoked, the latest unexpired. Newest
   * sign-in first, ties by session id descending.
   */
  liveSessions(userId: UserId, now: Date): Promise<LiveSession[]>;
  /**
   * Whether the session was ended (logout, refresh-token reuse): a token of it is revoked. Its access
   * tokens are refused from then on. An unknown session is not revoked; a job that deletes old
   * tokens must keep revoked ones at least as long as an access token lives.
   */
  isSessionRevoked(sessionId: string): Promise<boolean>;
  /**
   * Retention: removes up to `limit` tokens that expired before `before`; how many it removed.
   * Callers keep a revoked session's rows for as long as its access tokens may live (the access
   * TTL past expiry): a session with no rows left reads as not revoked.
   */
  deleteExpiredBefore(before: Date, limit: number): Promise<number>;
}
