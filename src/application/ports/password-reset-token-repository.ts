import type { UserId } from '../../domain/user.ts';

/** A password-reset token as stored: only the SHA-256 (hex) of its secret, never the secret. */
export type PasswordResetToken = Readonly<{
  userId: UserId;
  /** Lower-case hex SHA-256 of the secret mailed in the link. */
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}>;

/**
 * Password-reset tokens, bound to the unit of work's transaction. A user holds one token at most:
 * storing a new one voids the earlier one, so only the latest link works. Deleting a user deletes
 * its token (in PostgreSQL by the foreign key's cascade).
 */
export interface PasswordResetTokenRepository {
  /** Stores the user's token in place of any earlier one (used or not), in one atomic statement. */
  replace(token: PasswordResetToken): Promise<void>;
  /** The user of a current token (unused, strictly unexpired), changing nothing; null otherwise. */
  holderOf(tokenHash: string, now: Date): Promise<UserId | null>;
  /**
   * Marks a current token used and answers its user, in one conditional statement: of concurrent
   * calls with one token exactly one gets the user, the others null (as for unknown or expired).
   */
  consume(tokenHash: string, now: Date): Promise<UserId | null>;
  /** Retention: removes up to `limit` tokens (used or not) that expired before `before`; how many. */
  deleteExpiredBefore(before: Date, limit: number): Promise<number>;
}
