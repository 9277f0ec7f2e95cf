import type { UserId, UserRole } from '../../domain/user.ts';

/** Who is acting, as an access token says: what the application's permission checks work from. */
export type Principal = Readonly<{
  userId: UserId;
  email: string;
  role: UserRole;
  /** The token's `jti`, so one token can be revoked or cached by id. */
  tokenId: string;
  /** The login the token descends from (its `sid`): revoking the session revokes the token. */
  sessionId: string;
  expiresAt: Date;
}>;

export type IssuedAccessToken = Readonly<{ token: string; expiresIn: number }>;

export type TokenSubject = Readonly<{ id: UserId; email: string; role: UserRole; sessionId: string }>;

/**
 * Signed access tokens. `verifyAccessToken` throws UnauthorizedError for anything that is not a
 * current access token this service issued: forged, tampered, expired, for another audience,
 * or another kind of token altogether.
 */
export interface TokenService {
  issueAccessToken(subject: TokenSubject): Promise<IssuedAccessToken>;
  verifyAccessToken(token: string): Promise<Principal>;
}
